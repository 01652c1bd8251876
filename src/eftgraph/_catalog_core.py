"""The message catalogs themselves: finding, reading and filling them (nothing else of eftgraph).

`eftgraph._catalog` builds on this (checked language codes, enum labels); `eftgraph.errors`
tells its problems through it. One TOML file per language, ``eftgraph/messages/<code>.toml``.

>>> texts("nl").text("error.shape.unknown-key", key="'positie'")
"onbekend veld 'positie'"
"""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

__all__ = ["FALLBACK", "Catalog", "capitalize", "error_language", "fill", "languages", "texts"]

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


def error_language(declared: object = None) -> str:
    """The language messages about a case are told in.

    *declared* (the case file's own ``language:``, read from the raw document even when
    the rest of the file is invalid) if a catalog has it; else ``EFTGRAPH_LANGUAGE``;
    else the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``: the first one set, such as
    ``nl_NL.UTF-8``); else English. A value without a catalog is passed over.

    >>> error_language("nl"), error_language("klingon") in languages()
    ('nl', True)
    """
    for code in (declared, os.environ.get("EFTGRAPH_LANGUAGE"), _locale_language()):
        if isinstance(code, str) and code in languages():
            return code
    return FALLBACK


def _locale_language() -> str | None:
    """The language part of the first locale variable that is set (``nl`` for ``nl_BE.UTF-8``)."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            return re.split(r"[_.@-]", value, maxsplit=1)[0].lower()
    return None


@functools.cache
def texts(code: str) -> Catalog:
    """The catalog of the language *code*, which must be one of `languages` (not checked here)."""
    return Catalog(code)
