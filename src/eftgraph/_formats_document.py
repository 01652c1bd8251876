"""What every case-file reader returns: plain data, the position of each path, or the problems.

A *path* addresses a value in a document by its keys and list indices,
``("links", 2, "to")``; users read it dotted, ``links[2].to``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from typing import Any

import attrs

from eftgraph._limits import MAX_DEPTH
from eftgraph.errors import Message, Problem, quoted

__all__ = [
    "MAX_DIGITS",
    "TOO_MANY_DIGITS",
    "ParseFailure",
    "Parsed",
    "Path",
    "Where",
    "describe_value",
    "dotted",
    "empty",
    "failure",
    "huge",
    "line_column",
    "mark_positions",
    "too_deep",
    "too_many_digits",
]

Path = tuple[str | int, ...]
Where = dict[Path, tuple[int, int]]
"""The 1-based ``(line, column)`` where each path of a document starts."""


@attrs.frozen
class Parsed:
    """A parsed document: its data and where each path starts."""

    data: Any
    where: Where


class ParseFailure(Exception):
    """The text is not a document of its format; carries the problems."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


def failure(message: Message, line: int | None = None, column: int | None = None) -> ParseFailure:
    """A failure of the whole document (path ``""``), at *line* and *column* when known.

    Examples
    --------
    >>> str(failure(Message("error.document.not-json", {"detail": "Expecting value"}), 3, 1))
    ':3:1: not valid JSON: Expecting value'
    """
    return ParseFailure([Problem.of("", message, line=line, column=column)])


def empty() -> ParseFailure:
    """The failure of a document with nothing in it."""
    return failure(Message("error.document.empty"))


def line_column(ahead: str) -> tuple[int, int]:
    """The 1-based line and column of the character that follows *ahead*.

    Examples
    --------
    >>> line_column("eftgraph: 1\\nid: ")
    (2, 5)
    """
    return ahead.count("\n") + 1, len(ahead) - (ahead.rfind("\n") + 1) + 1


_OTHER_BREAK = re.compile("\r(?!\n)|[\x85\u2028\u2029]")
"""What YAML takes for a line break besides a newline (a Windows ``\\r\\n`` is one break to both)."""


def mark_positions(text: str) -> Callable[[Any], tuple[int, int]]:
    """The 1-based line and column of a PyYAML mark in *text*, counted as `line_column` counts.

    YAML also breaks a line at a carriage return alone, at NEL and at the Unicode line and
    paragraph separators (U+0085, U+2028, U+2029), which editors show inside a line and the
    JSON and TOML readers do not count. When *text* holds one, a mark's line and column are
    worked out again from its character index; otherwise they are the mark's own. A mark at
    the end of the text is where the text ends (YAML puts it on a line after a last line that
    has no newline, a line no editor shows).

    Examples
    --------
    >>> import yaml
    >>> text = "# intake\\u2028# notes\\nid: x\\n"
    >>> key = yaml.compose(text).value[0][0]
    >>> key.start_mark.line + 1, mark_positions(text)(key.start_mark)
    (3, (2, 1))
    """
    end = len(text)
    if _OTHER_BREAK.search(text) is None:
        return lambda mark: (mark.line + 1, mark.column + 1) if mark.index < end else line_column(text)
    starts = [0, *(found.end() for found in re.finditer("\n", text))]

    def position(mark: Any) -> tuple[int, int]:
        index = min(mark.index, end)
        line = bisect.bisect_right(starts, index)
        return line, index - starts[line - 1] + 1

    return position


MAX_DIGITS = 4300
"""The longest integer a case file may hold (Python's own limit for turning text into numbers)."""
_TOO_LONG = 10**MAX_DIGITS
_LONG_NUMBER = re.compile(rf"(?<![\w.])[-+]?\d[\d_]{{{MAX_DIGITS},}}")


TOO_MANY_DIGITS = Message("error.document.too-many-digits", {"digits": MAX_DIGITS})


def too_many_digits(text: str) -> ParseFailure:
    """The failure of a document holding an integer of more than `MAX_DIGITS` digits, at its place.

    Examples
    --------
    >>> str(too_many_digits("id: x\\nn: " + "9" * 5000))
    ':2:4: a number of more than 4300 digits; write it in quotes if it is meant as text'
    """
    found = _LONG_NUMBER.search(text)
    return failure(
        TOO_MANY_DIGITS,
        *(line_column(text[: found.start()]) if found else (None, None)),
    )


def huge(value: Any) -> bool:
    """Whether *value* is an integer too long to be written in decimal (more than `MAX_DIGITS` digits)."""
    return isinstance(value, int) and value.bit_length() > 14_000 and abs(value) >= _TOO_LONG


def too_deep() -> ParseFailure:
    """The failure of a document nested deeper than `eftgraph._limits.MAX_DEPTH` levels."""
    return failure(Message("error.document.too-deep", {"levels": MAX_DEPTH}))


def dotted(path: Path) -> str:
    """A path as users write it: ``cycles.sexual.janine.position``, ``links[2].to``.

    Examples
    --------
    >>> dotted(("links", 2, "to"))
    'links[2].to'
    """
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def describe_value(value: Any) -> Message:
    """What a found value is, in words: ``a number (3)``, ``a list``, ``nothing``.

    Examples
    --------
    >>> str(describe_value(True)), str(describe_value(3)), describe_value([1]).text("nl")
    ('a true/false value (True)', 'a number (3)', 'een lijst')
    """
    if value is None:
        return Message("error.value.nothing")
    if isinstance(value, bool):
        return Message("error.value.bool", {"value": value})
    if isinstance(value, (int, float)):
        return Message("error.value.number", {"value": value})
    if isinstance(value, str):
        return Message("error.value.text", {"value": quoted(value)})
    if isinstance(value, dict):
        return Message("error.value.mapping")
    if isinstance(value, list):
        return Message("error.value.list")
    return Message("error.value.other", {"type": type(value).__name__, "value": quoted(str(value))[1:-1]})
