"""Loading and dumping case files (format version 1) in YAML, JSON and TOML."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import attrs

from eftgraph._formats import FORMATS, parse
from eftgraph._formats_document import ParseFailure, dotted, failure, line_column
from eftgraph._input import InputProblem, read_regular
from eftgraph._limits import MAX_PROBLEMS, cap
from eftgraph._model import Case, Element
from eftgraph._output import write_atomic
from eftgraph._sheets import collapse
from eftgraph._structure import structure
from eftgraph._structure_keys import FORMAT_VERSION
from eftgraph._suggest import nearest, unknown
from eftgraph.errors import CaseFileError, OptionError, Problem

__all__ = ["dump", "dumps", "format_of", "load", "loads"]

SUFFIXES = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".toml": "toml"}
"""The suffixes of case files, and the format (one of `eftgraph._formats.FORMATS`) each means."""
"""Most problems listed for one file; a last line counts the rest."""


def format_of(path: str | os.PathLike[str]) -> str:
    """The case-file format of *path*, from its suffix.

    Examples
    --------
    >>> format_of("couple.yml")
    'yaml'
    """
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise CaseFileError(
            [
                Problem(
                    path="",
                    message=f"cannot tell the format from the suffix {suffix or '(none)'!r}",
                    found=suffix,
                    allowed=tuple(SUFFIXES),
                    suggestion=nearest(suffix, SUFFIXES),
                    file=str(path),
                )
            ],
            file=str(path),
        )
    return SUFFIXES[suffix]


def load(path: str | os.PathLike[str]) -> Case:
    """Read a case file; the format comes from the suffix (``.yaml``, ``.yml``, ``.json``, ``.toml``).

    Raises `eftgraph.CaseFileError` listing every problem of the file.

    Examples
    --------
    >>> case = load("examples/janine-mathijs.yaml")
    >>> [partner.name for partner in case.partners]
    ['Janine', 'Mathijs']
    """
    name = str(path)
    fmt = format_of(path)
    limit = cap("EFTGRAPH_MAX_FILE_BYTES")
    try:
        data = read_regular(path, limit)
    except InputProblem as error:
        raise _failure([Problem(path="", message=str(error))], name) from None
    if len(data) > limit:
        message = f"the file is larger than the cap of {limit} bytes; set EFTGRAPH_MAX_FILE_BYTES to raise it"
        raise _failure([Problem(path="", message=message)], name)
    return _loads(data, fmt, name)


def loads(text: str | bytes, format: str = "yaml") -> Case:
    """Read a case from text in *format* (``yaml``, ``json`` or ``toml``).

    Raises `eftgraph.CaseFileError` listing every problem of the text, and
    `eftgraph.errors.OptionError` for a format that does not exist.

    Examples
    --------
    >>> case = loads('''
    ... eftgraph: 1
    ... id: demo
    ... partners: [{id: a, name: Ann}, {id: b, name: Bo}]
    ... cycles:
    ...   everyday:
    ...     a: {position: pursuer, behavior: criticises}
    ...     b: {position: withdrawer, behavior: goes quiet}
    ... ''')
    >>> len(case.elements), len(case.links)
    (2, 2)
    """
    _check_format(format)
    return _loads(text, format, None)


def _check_format(format: str) -> None:
    if format not in FORMATS:
        raise OptionError(unknown("format", format, FORMATS))


def _loads(text: str | bytes, fmt: str, file: str | None) -> Case:
    """Decode, parse and structure *text*; raise every problem of it, naming *file*."""
    try:
        decoded = _decode(text) if isinstance(text, bytes) else text
        _check_text(decoded)
        parsed = parse(decoded, fmt)
    except ParseFailure as error:
        raise _failure(error.problems, file) from None
    escaped = _escaped_surrogate(parsed.data) if "\\" in decoded else None
    if escaped is not None:  # written as an escape ("\ud800") in JSON, TOML or YAML
        line, column = parsed.where.get(escaped, (None, None))
        message = "the text holds a lone surrogate escape (\\ud800 to \\udfff), which is not Unicode text"
        raise _failure([Problem(path=dotted(escaped), message=message, line=line, column=column)], file)
    result = structure(parsed, file or "<string>")
    if isinstance(result, list):
        raise _failure(sorted(_dedupe(result), key=lambda p: (p.line or 0, p.column or 0)), file)
    return result


def _failure(problems: list[Problem], file: str | None) -> CaseFileError:
    """The error listing *problems* of *file*, at most `MAX_PROBLEMS` of them."""
    if len(problems) > MAX_PROBLEMS:  # a file of thousands of errors is not a case file; say so once
        more = len(problems) - MAX_PROBLEMS
        problems = [*problems[:MAX_PROBLEMS], Problem(path="", message=f"… and {more} more problems")]
    return CaseFileError([p if p.file is not None else _with_file(p, file) for p in problems], file=file)


def _decode(raw: bytes) -> str:
    """The text of the UTF-8 bytes *raw*; a `ParseFailure` for any other encoding."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise failure("the file is UTF-16 text; save it as UTF-8")
    if b"\x00" in raw[:8192]:
        raise failure("this is a binary file, not a text case file")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        message = f"the file is not UTF-8 text (byte 0x{raw[error.start]:02x}); save it as UTF-8"
        raise failure(message, *line_column(raw[: error.start].decode("latin-1"))) from None


def _check_text(text: str) -> None:
    """Raise a `ParseFailure` when *text* is not Unicode text (a NUL, a lone surrogate)."""
    if "\x00" in text:
        raise failure("this is a binary file, not a text case file")
    found = _SURROGATE.search(text)
    if found is not None:
        message = (
            f"the text holds a lone surrogate (U+{ord(found.group()):04X}), which is not "
            "Unicode text; save the file as UTF-8"
        )
        raise failure(message, *line_column(text[: found.start()]))


_SURROGATE = re.compile("[\ud800-\udfff]")


def _escaped_surrogate(data: Any) -> tuple[str | int, ...] | None:
    """The path of the first key or text in *data* that holds a lone surrogate, if any."""
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        if isinstance(value, str) and _SURROGATE.search(value):
            return path
        if isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str) and _SURROGATE.search(key):
                    return (*path, key)
                stack.append((item, (*path, key)))
        elif isinstance(value, list):
            stack.extend((item, (*path, i)) for i, item in enumerate(value))
    return None


def _with_file(problem: Problem, file: str | None) -> Problem:
    return attrs.evolve(problem, file=file or "<string>")


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[str, str]] = set()
    unique = []
    for problem in problems:
        key = (problem.path, problem.message)
        if key not in seen:
            seen.add(key)
            unique.append(problem)
    return unique


# --------------------------------------------------------------------------- dumping


def to_document(case: Case) -> dict[str, Any]:
    """The case as a plain document: sheets where they say it all, the general form for the rest."""
    parts = collapse(case)
    doc: dict[str, Any] = {"eftgraph": FORMAT_VERSION, "id": case.id}
    if case.title is not None:
        doc["title"] = case.title
    if case.language.value != "en":
        doc["language"] = case.language.value
    doc["partners"] = [
        {"id": p.id, "name": p.name, **({"pronoun": p.pronoun} if p.pronoun else {})} for p in case.partners
    ]
    derived: dict[str, None] = {}  # the domain order a reader of this document would see
    body: dict[str, Any] = {}
    if parts.sheets:
        cycles: dict[str, dict[str, Any]] = {}
        for sheet in parts.sheets:
            column: dict[str, Any] = {}
            if sheet.position is not None:
                column["position"] = sheet.position.value
            elif sheet.stance is not None:
                column["stance"] = sheet.stance.value
            column.update(sheet.slots())
            cycles.setdefault(sheet.domain, {})[sheet.partner] = column
        body["cycles"] = {d: cycles[d] for d in case.domains if d in cycles}
        derived.update(dict.fromkeys(body["cycles"]))
    if parts.elements:
        body["elements"] = [_element_item(e) for e in parts.elements]
        derived.update(dict.fromkeys(e.domain for e in parts.elements))
    if parts.declared_positions:
        positions: dict[str, dict[str, str]] = {}
        for declaration in parts.declared_positions:
            positions.setdefault(declaration.domain, {})[declaration.partner] = declaration.position.value
        body["positions"] = positions
        derived.update(dict.fromkeys(positions))
    if tuple(derived) != case.domains:
        doc["domains"] = list(case.domains)
    doc.update(body)
    if parts.links:
        links = []
        for link in parts.links:
            entry: dict[str, Any] = {"from": link.source, "to": link.target}
            if link.sign.value != "+":
                entry["sign"] = link.sign.value
            if link.label is not None:
                entry["label"] = link.label
            links.append(entry)
        doc["links"] = links
    if case.concerns:
        doc["concerns"] = [
            {"label": c.label, "kind": c.kind.value, **({"partner": c.partner} if c.partner else {})}
            for c in case.concerns
        ]
    return doc


def _element_item(e: Element) -> dict[str, Any]:
    item: dict[str, Any] = {"id": e.id}
    if e.partner is not None:
        item["partner"] = e.partner
    if e.domain != "everyday":
        item["domain"] = e.domain
    item["kind"] = e.kind.value
    if e.stance is not None:
        item["stance"] = e.stance.value
    item["label"] = e.label
    return item


def dumps(case: Case, format: str = "yaml") -> str:
    """The case as case-file text; ``loads(dumps(case, f), f) == case`` for every format.

    Raises `eftgraph.errors.OptionError` for a format that does not exist.

    Examples
    --------
    >>> case = load("examples/janine-mathijs.en.yaml")
    >>> loads(dumps(case, "toml"), "toml") == case
    True
    >>> print(dumps(case).splitlines()[0])
    eftgraph: 1
    >>> dumps(case, "yml")
    Traceback (most recent call last):
    ...
    eftgraph.errors.OptionError: unknown format 'yml' (allowed: yaml, json, toml); did you mean 'yaml'?
    """
    _check_format(format)
    doc = to_document(case)
    if format == "json":
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    if format == "toml":
        import tomli_w

        return tomli_w.dumps(doc)
    import yaml

    class _Dumper(yaml.SafeDumper):
        pass

    def flow(dumper: yaml.SafeDumper, data: _Flow) -> yaml.Node:
        return dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=True)

    def text(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
        # PyYAML mis-writes line-break characters such as NEL (U+0085) in plain style
        style = '"' if not data.isprintable() or any(c in data for c in "\x85\u2028\u2029") else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)

    _Dumper.add_representer(_Flow, flow)
    _Dumper.add_representer(str, text)
    for key in ("partners", "elements", "links", "concerns"):
        if key in doc:
            doc[key] = [_Flow(item) for item in doc[key]]
    return yaml.dump(doc, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=4096)


class _Flow(dict[str, Any]):
    """A mapping written on one line in YAML, as people write list items."""


def dump(case: Case, path: str | os.PathLike[str]) -> None:
    """Write *case* to *path*, the format from the suffix; written whole or not at all."""
    write_atomic(path, dumps(case, format_of(path)).encode("utf-8"))
