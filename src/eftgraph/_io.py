"""Loading case files (format version 1) in YAML, JSON and TOML; `eftgraph._dump` writes them."""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from typing import Any

import attrs

from eftgraph._catalog import error_language
from eftgraph._formats import FORMATS, parse
from eftgraph._formats_document import ParseFailure, dotted, failure, line_column
from eftgraph._input import InputProblem, read_regular
from eftgraph._limits import MAX_PROBLEMS, cap
from eftgraph._model import Case
from eftgraph._sessions_files import attach_formulations
from eftgraph._structure import structure
from eftgraph._suggest import nearest, unknown
from eftgraph.errors import CaseFileError, Message, OptionError, Problem, quoted

__all__ = ["SUFFIXES", "format_of", "load", "loads"]

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
                    "",
                    "error.file.suffix",
                    {"suffix": quoted(suffix or "(none)")},
                    found=suffix,
                    allowed=tuple(SUFFIXES),
                    suggestion=nearest(suffix, SUFFIXES),
                    file=str(path),
                    language=error_language(),
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
    return _load(path, follow=True)


def _load(path: str | os.PathLike[str], *, follow: bool) -> Case:
    """`load`; with *follow*, the ``formulation`` files of the sessions are loaded too (one level)."""
    name = str(path)
    fmt = format_of(path)
    limit = cap("EFTGRAPH_MAX_FILE_BYTES")
    try:
        data = read_regular(path, limit)
    except InputProblem as error:
        raise _failure([Problem.of("", error.message)], name) from None
    if len(data) > limit:
        message = Message("error.file.too-large", {"limit": limit})
        raise _failure([Problem.of("", message)], name, _declared(data[:limit].decode("utf-8", "replace")))
    return _loads(data, fmt, name, follow=follow)


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


def _loads(text: str | bytes, fmt: str, file: str | None, *, follow: bool = False) -> Case:
    """Decode, parse and structure *text*; raise every problem of it, naming *file*."""
    try:
        decoded = _decode(text) if isinstance(text, bytes) else text
        _check_text(decoded)
        parsed = parse(decoded, fmt)
    except ParseFailure as error:
        raise _failure(error.problems, file, _declared(text)) from None
    language = _language_of(parsed.data)
    escaped = _escaped_surrogate(parsed.data) if "\\" in decoded else None
    if escaped is not None:  # written as an escape ("\ud800") in JSON, TOML or YAML
        line, column = parsed.where.get(escaped, (None, None))
        message = Message("error.document.surrogate-escape")
        raise _failure([Problem.of(dotted(escaped), message, line=line, column=column)], file, language)
    result = structure(parsed, file or "<string>")
    if isinstance(result, list):
        if fmt == "yaml":
            result = _explained(result, decoded)
        raise _failure(sorted(_dedupe(result), key=lambda p: (p.line or 0, p.column or 0)), file, language)
    if follow and file is not None and any(s.formulation for s in result.sessions):
        result, problems = attach_formulations(result, file, parsed.where, lambda p: _load(p, follow=False))
        if problems:
            raise _failure(problems, file, language)
    return result


def _explained(problems: list[Problem], text: str) -> list[Problem]:
    """*problems* with the ``{…, label: a, b}`` trap told in plain words instead of "unknown key 'b'"."""
    from eftgraph._yaml_mistakes import find_comma_in_braces, message

    rows = text.split("\n")
    out = []
    for problem in problems:
        mistake = None
        if problem.key == "error.shape.unknown-key" and problem.found and problem.line:
            mistake = find_comma_in_braces(rows, problem.line, problem.found)
        if mistake is None:
            out.append(problem)
            continue
        told = message(mistake)
        out.append(
            attrs.evolve(
                problem, key=told.key, params=told.params, allowed=(), suggestion=None, column=mistake.column
            )
        )
    return out


def _failure(problems: list[Problem], file: str | None, declared: object = None) -> CaseFileError:
    """The error listing *problems* of *file*, at most `MAX_PROBLEMS` of them.

    They are told in the language the file declares (*declared*, when it is one eftgraph
    speaks), else in that of `eftgraph._catalog.error_language`.
    """
    if len(problems) > MAX_PROBLEMS:  # a file of thousands of errors is not a case file; say so once
        more = len(problems) - MAX_PROBLEMS
        problems = [*problems[:MAX_PROBLEMS], Problem("", "error.more", {"count": more})]
    language = error_language(declared)
    return CaseFileError(
        [
            attrs.evolve(p, file=p.file or file or "<string>", language=p.language or language)
            for p in problems
        ],
        file=file,
    )


def _language_of(data: Any) -> object:
    """The ``language:`` a parsed document declares (any value; ``None`` when it has none)."""
    return data.get("language") if isinstance(data, dict) else None


def _declared(text: str | bytes) -> str | None:
    """The ``language:`` line of a text that could not be parsed (the first 64 KiB are looked at)."""
    from eftgraph._yaml_mistakes import declared_language

    head = text[:65536]
    return declared_language(head.decode("utf-8", "replace") if isinstance(head, bytes) else head)


def _decode(raw: bytes) -> str:
    """The text of the UTF-8 bytes *raw*; a `ParseFailure` for any other encoding."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise failure(Message("error.document.utf16"))
    if b"\x00" in raw[:8192]:
        raise failure(Message("error.document.binary"))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        message = Message("error.document.not-utf8", {"byte": f"{raw[error.start]:02x}"})
        raise failure(message, *line_column(raw[: error.start].decode("latin-1"))) from None


def _check_text(text: str) -> None:
    """Raise a `ParseFailure` when *text* is not Unicode text (a NUL, a lone surrogate)."""
    if "\x00" in text:
        raise failure(Message("error.document.binary"))
    found = None if text.isascii() else _surrogate().search(text)
    if found is not None:
        message = Message("error.document.surrogate", {"code": f"{ord(found.group()):04X}"})
        raise failure(message, *line_column(text[: found.start()]))


@functools.cache
def _surrogate() -> re.Pattern[str]:
    """A lone surrogate (compiled on first use: the pattern takes milliseconds to compile)."""
    return re.compile("[\ud800-\udfff]")


def _escaped_surrogate(data: Any) -> tuple[str | int, ...] | None:
    """The path of the first key or text in *data* that holds a lone surrogate, if any."""
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        if isinstance(value, str) and not value.isascii() and _surrogate().search(value):
            return path
        if isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str) and not key.isascii() and _surrogate().search(key):
                    return (*path, key)
                stack.append((item, (*path, key)))
        elif isinstance(value, list):
            stack.extend((item, (*path, i)) for i, item in enumerate(value))
    return None


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[str, str, str]] = set()
    unique = []
    for problem in problems:
        key = (problem.path, problem.key, repr(problem.params))
        if key not in seen:
            seen.add(key)
            unique.append(problem)
    return unique
