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

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from eftgraph._terminal import shorten, visible

if TYPE_CHECKING:
    from eftgraph._catalog_core import Catalog

__all__ = [
    "AnonymizationError",
    "CaseError",
    "CaseFileError",
    "EftgraphError",
    "FigureError",
    "LanguageError",
    "LoopLimitError",
    "Message",
    "OptionError",
    "OutputError",
    "Problem",
    "RenderError",
    "UnknownDomainError",
]


class EftgraphError(Exception):
    """Base class of every error eftgraph raises on purpose."""


@attrs.frozen
class Message:
    """A text of the message catalogs, not yet in any language: its key and its values.

    A value may itself be a `Message` (or a `Problem`), told in the same language.

    Examples
    --------
    >>> str(Message("error.shape.unknown-key", {"key": "'positie'"}))
    "unknown key 'positie'"
    >>> Message("error.shape.unknown-key", {"key": "'positie'"}).text("nl")
    "onbekend veld 'positie'"
    """

    key: str
    params: Mapping[str, object] = attrs.field(factory=dict, hash=False)

    def text(self, language: object = "en") -> str:
        """The message in *language* (a catalog code)."""
        return render(self.key, self.params, language)

    def __str__(self) -> str:
        return self.text()


@attrs.frozen
class Problem:
    """One thing wrong with a case, addressed by its path in the document.

    ``path`` is dotted (``cycles.sexual.janine.positon``, ``links[2].to``);
    ``line`` and ``column`` are 1-based and present when the file format
    could tell them. The message is ``key`` (in the message catalogs,
    ``error.…``) filled with ``params``; it is told in ``language``: the case
    file's own ``language:`` when the loader could read it, else
    ``EFTGRAPH_LANGUAGE``, else the locale, else English (see
    `eftgraph._catalog.error_language`). Keys, ids and
    values stay as the user typed them.

    Examples
    --------
    >>> problem = Problem("cycles.x.a.positie", "error.shape.unknown-key", {"key": "'positie'"},
    ...                   allowed=("position", "stance"), suggestion="position", line=7, column=7)
    >>> print(problem.text("en"))
    :7:7: cycles.x.a.positie: unknown key 'positie' (allowed: position, stance); did you mean 'position'?
    >>> print(problem.text("nl"))
    :7:7: cycles.x.a.positie: onbekend veld 'positie' (toegestaan: position, stance); bedoelde je 'position'?
    """

    path: str
    key: str
    params: Mapping[str, object] = attrs.field(factory=dict, hash=False)
    found: str | None = None
    allowed: tuple[str, ...] = ()
    suggestion: str | None = None
    file: str | None = None
    line: int | None = None
    column: int | None = None
    language: str | None = None
    """The language the problem is told in; ``None``: chosen when told (`EFTGRAPH_LANGUAGE`, locale)."""

    @classmethod
    def of(cls, path: str, message: Message, **fields: Any) -> Problem:
        """The problem *message* at *path* (the other fields by name)."""
        return cls(path, message.key, message.params, **fields)

    @property
    def message(self) -> str:
        """What is wrong, in the problem's language, without place and choices."""
        return render(self.key, self.params, self.told_in())

    def text(self, language: object = None) -> str:
        """The whole line (place, path, message, choices) in *language*, or the problem's own."""
        code = self.told_in() if language is None else language
        where = self.file or ""
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        head = f"{where}: " if where else ""
        path = f"{self.path}: " if self.path else ""
        message = render(self.key, self.params, code)
        return visible(f"{head}{path}{message}" + choices_tail(self.allowed, self.suggestion, code))

    def __str__(self) -> str:
        return self.text()

    def told_in(self) -> str:
        """The language the problem is told in: ``language``, else `EFTGRAPH_LANGUAGE`, the locale, English."""
        if self.language is not None:
            return self.language
        from eftgraph._catalog_core import error_language

        return error_language()


LONG = 240
"""A value echoed in a message is cut when it is longer than this (shorter ones are shown whole)."""


def quoted(value: object) -> str:
    """*value* as a message shows it: quoted (``repr``), cut in the middle past `LONG` characters.

    A 100 000-character value is not echoed whole; the words of a message around it never are cut.

    >>> quoted("positie"), len(quoted("q" * 100_000)) < 80
    ("'positie'", True)
    """
    if isinstance(value, str) and len(value) > LONG:
        value = shorten(value, 60)
    return repr(value)


def render(key: str, params: Mapping[str, object], language: object) -> str:
    """The message *key* of the catalog of *language*, filled with *params*.

    A parameter that is a `Message` or a `Problem` is told in the same language.
    """
    values = {name: _told(value, language) for name, value in params.items()}
    return _catalog_of(language).text(key, **values)


def _catalog_of(language: object) -> Catalog:
    """The catalog of *language*; `LanguageError` for a language that has none."""
    from eftgraph import _catalog_core

    code = str(getattr(language, "value", language))
    if code not in _catalog_core.languages():
        raise LanguageError(f"unknown language {code!r}" + choices_tail(_catalog_core.languages(), None))
    return _catalog_core.texts(code)


def _told(value: object, language: object) -> str:
    if isinstance(value, (Message, Problem)):
        return value.text(language)
    return str(value)


def choices_tail(allowed: Iterable[str], suggestion: str | None, language: object = "en") -> str:
    """The end of every "unknown …" message: `` (allowed: a, b); did you mean 'a'?``.

    Examples
    --------
    >>> choices_tail(["print", "slide"], "print")
    " (allowed: print, slide); did you mean 'print'?"
    >>> choices_tail(["print", "slide"], "print", "nl")
    " (toegestaan: print, slide); bedoelde je 'print'?"
    >>> choices_tail([], None)
    ''
    """
    listed = ", ".join(allowed)
    if not listed and suggestion is None:
        return ""
    texts = _catalog_of(language)
    text = texts.text("error.allowed", list=listed) if listed else ""
    if suggestion is not None:
        text += texts.text("error.did-you-mean", word=suggestion)
    return text


class CaseError(EftgraphError, ValueError):
    """A case breaks a rule of the model (for example a link to a missing element).

    ``problems`` lists every broken rule, not just the first. The text of the error is
    theirs, one a line, each in its problem's language; *language* is given to the
    problems that have none.
    """

    def __init__(self, problems: Iterable[Problem], *, language: str | None = None) -> None:
        told = tuple(problems)
        if language is not None:
            told = tuple(p if p.language is not None else attrs.evolve(p, language=language) for p in told)
        self.problems: tuple[Problem, ...] = told
        super().__init__("\n".join(str(p) for p in self.problems))

    def text(self, language: object) -> str:
        """The problems told in *language*, one a line."""
        return "\n".join(p.text(language) for p in self.problems)


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
