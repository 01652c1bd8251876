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
from importlib import resources
from typing import Any

from eftgraph._suggest import nearest
from eftgraph.errors import LanguageError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

__all__ = ["Catalog", "LanguageError", "catalog", "languages", "message"]

FALLBACK = "en"


@functools.cache
def languages() -> tuple[str, ...]:
    """The codes of the languages that have a message catalog, sorted."""
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
    text = resources.files("eftgraph.messages").joinpath(f"{code}.toml").read_text("utf-8")
    return _flatten(tomllib.loads(text))


class Catalog:
    """The messages of one language, with English as the fallback for missing keys."""

    def __init__(self, code: str) -> None:
        self.code = code
        self._messages = _load(code)
        self._fallback = _load(FALLBACK) if code != FALLBACK else {}

    def get(self, key: str, variant: str | None = None) -> Any:
        """The message *key*; ``key_variant`` first when a *variant* is given and exists."""
        for table in (self._messages, self._fallback):
            if variant is not None and f"{key}_{variant}" in table:
                return table[f"{key}_{variant}"]
            if key in table:
                return table[key]
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
    """A language code that has a catalog; `LanguageError` listing them if not."""
    code = str(language)
    if code not in languages():
        raise LanguageError(
            f"no texts in language {code!r} (available: {', '.join(languages())})"
            + (f"; did you mean {suggestion!r}?" if (suggestion := nearest(code, languages())) else "")
        )
    return code


@functools.cache
def catalog(language: object) -> Catalog:
    """The catalog of *language* (a code such as ``"nl"`` or a [`Language`][eftgraph.Language])."""
    return Catalog(resolve_language(language))


def message(key: str, language: object = FALLBACK) -> str:
    """One message as text, for example the name of a pattern."""
    return str(catalog(language).get(key))
