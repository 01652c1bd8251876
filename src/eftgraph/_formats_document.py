"""What every case-file reader returns: plain data, the position of each path, or the problems.

A *path* addresses a value in a document by its keys and list indices,
``("links", 2, "to")``; users read it dotted, ``links[2].to``.
"""

from __future__ import annotations

import re
from typing import Any

import attrs

from eftgraph._limits import MAX_DEPTH
from eftgraph.errors import Problem

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


def failure(message: str, line: int | None = None, column: int | None = None) -> ParseFailure:
    """A failure of the whole document (path ``""``), at *line* and *column* when known.

    Examples
    --------
    >>> str(failure("not valid JSON: Expecting value", 3, 1))
    ':3:1: not valid JSON: Expecting value'
    """
    return ParseFailure([Problem(path="", message=message, line=line, column=column)])


def empty() -> ParseFailure:
    """The failure of a document with nothing in it."""
    return failure("the file is empty; a case file starts with 'eftgraph: 1'")


def line_column(ahead: str) -> tuple[int, int]:
    """The 1-based line and column of the character that follows *ahead*.

    Examples
    --------
    >>> line_column("eftgraph: 1\\nid: ")
    (2, 5)
    """
    return ahead.count("\n") + 1, len(ahead) - (ahead.rfind("\n") + 1) + 1


MAX_DIGITS = 4300
"""The longest integer a case file may hold (Python's own limit for turning text into numbers)."""
_TOO_LONG = 10**MAX_DIGITS
_LONG_NUMBER = re.compile(rf"(?<![\w.])[-+]?\d[\d_]{{{MAX_DIGITS},}}")


TOO_MANY_DIGITS = f"a number of more than {MAX_DIGITS} digits; write it in quotes if it is meant as text"


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
    return failure(f"nesting deeper than {MAX_DEPTH} levels")


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


def describe_value(value: Any) -> str:
    """What a found value is, in words: ``a number (3)``, ``a list``, ``nothing``.

    Examples
    --------
    >>> describe_value(True), describe_value(3), describe_value([1])
    ('a true/false value (True)', 'a number (3)', 'a list')
    """
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"a true/false value ({value})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"text ({value!r})"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"a {type(value).__name__} ({value})"
