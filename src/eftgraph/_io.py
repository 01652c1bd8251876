"""Loading case files (format version 1) in YAML, JSON and TOML; `eftgraph._dump` writes them."""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from typing import Any

import attrs

from eftgraph._formats import FORMATS, parse
from eftgraph._formats_document import ParseFailure, dotted, failure, line_column
from eftgraph._input import InputProblem, read_regular
from eftgraph._limits import MAX_PROBLEMS, cap
from eftgraph._model import Case
from eftgraph._sessions_files import attach_formulations
from eftgraph._structure import structure
from eftgraph._suggest import nearest, unknown
from eftgraph.errors import CaseFileError, OptionError, Problem

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
    return _load(path, follow=True)


def _load(path: str | os.PathLike[str], *, follow: bool) -> Case:
    """`load`; with *follow*, the ``formulation`` files of the sessions are loaded too (one level)."""
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
        raise _failure(error.problems, file) from None
    escaped = _escaped_surrogate(parsed.data) if "\\" in decoded else None
    if escaped is not None:  # written as an escape ("\ud800") in JSON, TOML or YAML
        line, column = parsed.where.get(escaped, (None, None))
        message = "the text holds a lone surrogate escape (\\ud800 to \\udfff), which is not Unicode text"
        raise _failure([Problem(path=dotted(escaped), message=message, line=line, column=column)], file)
    result = structure(parsed, file or "<string>")
    if isinstance(result, list):
        if fmt == "yaml":
            result = _explained(result, decoded)
        raise _failure(sorted(_dedupe(result), key=lambda p: (p.line or 0, p.column or 0)), file)
    if follow and file is not None and any(s.formulation for s in result.sessions):
        result, problems = attach_formulations(result, file, parsed.where, lambda p: _load(p, follow=False))
        if problems:
            raise _failure(problems, file)
    return result


def _explained(problems: list[Problem], text: str) -> list[Problem]:
    """*problems* with the ``{…, label: a, b}`` trap told in plain words instead of "unknown key 'b'"."""
    from eftgraph._yaml_mistakes import explain, find_comma_in_braces, language_of

    out = []
    for problem in problems:
        mistake = None
        if problem.message.startswith("unknown key") and problem.found and problem.line:
            mistake = find_comma_in_braces(text, problem.line, problem.found)
        if mistake is None:
            out.append(problem)
            continue
        message = explain(mistake, language_of(text))
        out.append(attrs.evolve(problem, message=message, allowed=(), suggestion=None, column=mistake.column))
    return out


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
    found = None if text.isascii() else _surrogate().search(text)
    if found is not None:
        message = (
            f"the text holds a lone surrogate (U+{ord(found.group()):04X}), which is not "
            "Unicode text; save the file as UTF-8"
        )
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
