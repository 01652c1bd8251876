"""Exceptions raised by eftgraph.

Every exception eftgraph raises on purpose derives from `EftgraphError`.
Errors about a case carry a tuple of `Problem` objects, one per thing
that is wrong, so a user sees *all* problems of a file at once.

Examples
--------
>>> from eftgraph import loads
>>> try:
...     loads("eftgraph: 1\\nid: x\\npartners: [{id: a, name: Ann}]\\ncolour: red\\n")
... except CaseFileError as error:
...     print(error)
<string>:4:1: colour: unknown key 'colour' (allowed: concerns, cycles, domains, eftgraph, elements, id, language, links, partners, positions, sessions, title)
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import attrs

from eftgraph._terminal import shorten, visible

__all__ = [
    "AnonymizationError",
    "CaseError",
    "CaseFileError",
    "EftgraphError",
    "FigureError",
    "LanguageError",
    "LoopLimitError",
    "OptionError",
    "OutputError",
    "Problem",
    "RenderError",
    "UnknownDomainError",
]


class EftgraphError(Exception):
    """Base class of every error eftgraph raises on purpose."""


@attrs.frozen
class Problem:
    """One thing wrong with a case, addressed by its path in the document.

    ``path`` is dotted (``cycles.sexual.janine.positon``, ``links[2].to``);
    ``line`` and ``column`` are 1-based and present when the file format
    could tell them.
    """

    path: str
    message: str
    found: str | None = None
    allowed: tuple[str, ...] = ()
    suggestion: str | None = None
    file: str | None = None
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = self.file or ""
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        head = f"{where}: " if where else ""
        path = f"{self.path}: " if self.path else ""
        text = f"{head}{path}{_LONG_QUOTE.sub(_cut, self.message)}"
        return visible(text + choices_tail(self.allowed, self.suggestion))


# A value echoed in a message is cut past 240 characters; shorter quoted runs may be prose between
# two apostrophes of a plain-words explanation ("'s avonds … 's avonds"), which must stay whole.
_LONG_QUOTE = re.compile(r"'[^'\n]{240,}'|\"[^\"\n]{240,}\"")


def _cut(match: re.Match[str]) -> str:
    """A long quoted value of a message cut in the middle (a 100 000-character value is not echoed)."""
    quoted = match.group()
    return quoted[0] + shorten(quoted[1:-1], 60) + quoted[-1]


def choices_tail(allowed: Iterable[str], suggestion: str | None) -> str:
    """The end of every "unknown …" message: `` (allowed: a, b); did you mean 'a'?``.

    Examples
    --------
    >>> choices_tail(["print", "slide"], "print")
    " (allowed: print, slide); did you mean 'print'?"
    >>> choices_tail([], None)
    ''
    """
    listed = ", ".join(allowed)
    text = f" (allowed: {listed})" if listed else ""
    if suggestion is not None:
        text += f"; did you mean '{suggestion}'?"
    return text


class CaseError(EftgraphError, ValueError):
    """A case breaks a rule of the model (for example a link to a missing element).

    ``problems`` lists every broken rule, not just the first.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class CaseFileError(CaseError):
    """A case file cannot be read; ``problems`` holds every problem found in it."""

    def __init__(self, problems: Iterable[Problem], *, file: str | None = None) -> None:
        self.file = file
        super().__init__(problems)


class UnknownDomainError(EftgraphError, KeyError):
    """A domain was asked for that the case does not have."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class OptionError(EftgraphError, ValueError):
    """A call was given an option value it does not have (a format, a mode, a count out of range)."""


class LanguageError(OptionError):
    """Text was asked for in a language that has no message catalog."""


class LoopLimitError(EftgraphError, RuntimeError):
    """Loop enumeration stopped because it passed its limit."""


class RenderError(EftgraphError, RuntimeError):
    """A figure could not be rendered (no renderer, unsupported format, …)."""


class FigureError(OptionError):
    """A figure was asked for with an option it does not have (view, theme, language, …)."""


class OutputError(EftgraphError, OSError):
    """An output cannot be written: it names an input, its folder is missing, the disk is full, …"""


class AnonymizationError(EftgraphError, ValueError):
    """A case cannot be anonymised as asked (an unknown partner, an empty word, a leaking pseudonym)."""
