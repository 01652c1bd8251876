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
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from eftgraph._suggest import unknown
from eftgraph.errors import LanguageError

__all__ = ["Catalog", "Labelled", "LanguageError", "catalog", "languages", "message"]

FALLBACK = "en"


@functools.cache
def languages() -> tuple[str, ...]:
    """The codes of the languages that have a message catalog, sorted."""
    from importlib import resources

    folder = resources.files("eftgraph.messages")
    return tuple(
        sorted(item.name[: -len(".toml")] for item in folder.iterdir() if item.name.endswith(".toml"))
    )


def _flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


@functools.cache
def _load(code: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

    beside = Path(__file__).with_name("messages") / f"{code}.toml"  # a plain install: no resources machinery
    if beside.is_file():
        text = beside.read_text("utf-8")
    else:  # pragma: no cover - installed in a zip
        from importlib import resources

        text = resources.files("eftgraph.messages").joinpath(f"{code}.toml").read_text("utf-8")
    return _flatten(tomllib.loads(text))


_MISSING = object()


def _lookup(table: Mapping[str, Any], key: str, variant: str | None) -> Any:
    """``key_variant`` when a *variant* is given and in *table*, else *key*, else `_MISSING`."""
    if variant is not None and f"{key}_{variant}" in table:
        return table[f"{key}_{variant}"]
    return table.get(key, _MISSING)


class Catalog:
    """The messages of one language, with English as the fallback for missing keys."""

    def __init__(self, code: str) -> None:
        self.code = code
        self._messages = _load(code)

    def get(self, key: str, variant: str | None = None) -> Any:
        """The message *key*; ``key_variant`` first when a *variant* is given and exists."""
        found = _lookup(self._messages, key, variant)
        if found is _MISSING and self.code != FALLBACK:  # English is read only when a key is missing
            found = _lookup(_load(FALLBACK), key, variant)
        if found is not _MISSING:
            return found
        raise KeyError(f"no message {key!r} in the {self.code!r} catalog")

    def text(self, key: str, variant: str | None = None, /, **values: str) -> str:
        """The template *key* filled with *values* (``{name}``; ``{Name}`` capitalises)."""
        template = self.get(key, variant)
        if not isinstance(template, str):
            raise KeyError(f"message {key!r} is not a text")
        return fill(template, values)

    def words(self, key: str) -> tuple[str, ...]:
        """A list message (for example the stop words) as a tuple of strings."""
        value = self.get(key)
        return tuple(str(v) for v in value)


_FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def fill(template: str, values: Mapping[str, str]) -> str:
    """Fill ``{field}`` placeholders; ``{Field}`` gives the value with a capital first letter.

    Unlike `str.format`, braces in the *values* are safe, and a missing
    field is an error that names it.

    >>> fill("{Subj} hears: {label}", {"subj": "he", "label": "{x}"})
    'He hears: {x}'
    """

    def replace(match: re.Match[str]) -> str:
        field = match.group(1)
        if field in values:
            return values[field]
        lower = field[0].lower() + field[1:]
        if lower in values:
            return capitalize(values[lower])
        raise KeyError(f"template field {{{field}}} has no value")

    return _FIELD.sub(replace, template)


def capitalize(text: str) -> str:
    """*text* with its first letter in upper case (the rest unchanged).

    >>> capitalize("‘ik doe het nooit goed’")
    '‘Ik doe het nooit goed’'
    """
    for i, char in enumerate(text):
        if char.isalpha():
            return text[:i] + char.upper() + text[i + 1 :]
    return text


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
    return Catalog(resolve_language(language))


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
