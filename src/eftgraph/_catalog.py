"""Message catalogs: the words and sentence templates of generated text, one file per language.

Each language is a TOML file ``eftgraph/messages/<code>.toml``. Adding a file
adds a language: no code changes. A key missing from a catalog falls back to
English, so a new catalog can be filled in step by step.

>>> message("pattern.pursue-withdraw", "nl")
'protestpolka'
>>> "en" in languages() and "nl" in languages()
True
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, ClassVar

from eftgraph._catalog_core import (
    FALLBACK,
    Catalog,
    _field,
    _flatten,
    _load,
    capitalize,
    error_language,
    fill,
    languages,
    texts,
)
from eftgraph._suggest import unknown
from eftgraph.errors import LanguageError

__all__ = [
    "FALLBACK",
    "Catalog",
    "Labelled",
    "LanguageError",
    "_field",
    "_flatten",
    "_load",
    "capitalize",
    "catalog",
    "error_language",
    "fill",
    "languages",
    "message",
]


def resolve_language(language: object) -> str:
    """A language code that has a catalog; `LanguageError` listing them if not.

    >>> resolve_language("nld")
    Traceback (most recent call last):
    ...
    eftgraph.errors.LanguageError: unknown language 'nld' (allowed: en, nl); did you mean 'nl'?
    """
    code = str(language)
    if code not in languages():
        raise LanguageError(unknown("language", code, languages()))
    return code


@functools.cache
def catalog(language: object) -> Catalog:
    """The catalog of *language* (a code such as ``"nl"`` or a [`Language`][eftgraph.Language])."""
    return texts(resolve_language(language))


def message(key: str, language: object = FALLBACK) -> str:
    """One message as text, for example the name of a pattern."""
    return str(catalog(language).get(key))


class Labelled:
    """Mixin for the str enums whose members are named in the message catalogs.

    The class keyword ``catalog`` gives the section of the catalogs; a member's
    name is the message ``<section>.<value>``. Put it before the enum base:
    ``class Advice(Labelled, _StrEnum, catalog="advice")``.

    >>> import enum
    >>> class Pattern(Labelled, str, enum.Enum, catalog="pattern"):
    ...     PURSUE_WITHDRAW = "pursue-withdraw"
    >>> Pattern.PURSUE_WITHDRAW.label(), Pattern.PURSUE_WITHDRAW.label("nl")
    ('Protest Polka', 'protestpolka')
    """

    __slots__ = ()
    _catalog_section: ClassVar[str]

    if TYPE_CHECKING:

        @property
        def value(self) -> str: ...

    def __init_subclass__(cls, *, catalog: str | None = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if catalog is not None:
            cls._catalog_section = catalog

    def label(self, language: object = FALLBACK) -> str:
        """The name in *language* (from the message catalogs)."""
        return message(f"{self._catalog_section}.{self.value}", language)
