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

_BESIDE = Path(__file__).with_name("messages")
"""The catalogs' folder in a plain install (read without `importlib.resources`, which costs
an import of ``zipfile`` and more: a command that prints one message should not pay it)."""


@functools.cache
def languages() -> tuple[str, ...]:
    """The codes of the languages that have a message catalog, sorted."""
    if _BESIDE.is_dir():  # a plain install: a directory listing, not the resources machinery
        names = os.listdir(_BESIDE)
    else:  # pragma: no cover - installed in a zip
        from importlib import resources

        names = [item.name for item in resources.files("eftgraph.messages").iterdir()]
    return tuple(sorted(name[: -len(".toml")] for name in names if name.endswith(".toml")))


def _flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def _parse(text: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

    return _flatten(tomllib.loads(text))


@functools.cache
def _source(code: str) -> str:
    beside = _BESIDE / f"{code}.toml"
    if beside.is_file():
        return beside.read_text("utf-8")
    from importlib import resources  # pragma: no cover - installed in a zip

    folder = resources.files("eftgraph.messages")  # pragma: no cover
    return folder.joinpath(f"{code}.toml").read_text("utf-8")  # pragma: no cover


@functools.cache
def _load(code: str) -> dict[str, Any]:
    """Every message of the catalog *code*, by its dotted key (the whole file parsed)."""
    return _parse(_source(code))


@functools.cache
def _header() -> re.Pattern[str]:
    return re.compile(r"\[([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)\][ \t]*(?:#[^\n]*)?")


@functools.cache
def _tables(code: str) -> dict[str, str] | None:
    """The TOML text of each table of the catalog *code* by its name (``""``: the keys before the first).

    A figure needs a few dozen of the catalog's messages, and parsing the whole file is most
    of the time it takes to draw one, so `Catalog.get` parses only the tables a key can be
    in. None when the file is not plain enough to be split safely at its table headers
    (a multi-line string, an array of tables, a quoted or repeated header): then the whole
    file is parsed, as `_load` does.
    """
    text = _source(code)
    if '"""' in text or "'''" in text:
        return None
    tables: dict[str, str] = {}
    name, lines = "", list[str]()
    for line in text.splitlines(keepends=True):
        if line.startswith("["):
            header = _header().fullmatch(line.rstrip("\r\n"))
            if header is None or header.group(1) in tables:
                return None
            tables[name] = "".join(lines)
            name, lines = header.group(1), []
        lines.append(line)
    if name in tables:
        return None
    tables[name] = "".join(lines)
    return tables


@functools.cache
def _table(code: str, name: str) -> dict[str, Any]:
    tables = _tables(code)
    assert tables is not None
    text = tables[name]
    simple = _simple(text, name)
    return simple if simple is not None else _parse(text)


_NOT_IN_TEXT = "\x00-\x08\x0a-\x1f\x7f"
"""The characters TOML allows neither in a one-line string nor in a comment (the controls but tab)."""


@functools.cache
def _simple_lines() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The patterns of a ``key = "text"`` line and of a blank or comment line (compiled on first use)."""
    comment = f"[ \t]*(?:#[^{_NOT_IN_TEXT}]*)?"
    entry = re.compile(f'([A-Za-z0-9_-]+)[ \t]*=[ \t]*"([^"\\\\{_NOT_IN_TEXT}]*)"{comment}')
    return entry, re.compile(comment)


def _simple(text: str, name: str) -> dict[str, Any] | None:
    """The messages of the table *name* (its TOML *text*) when every line is ``key = "text"``, blank or a comment.

    Such a line means what it says (a bare key; a one-line string without escapes), so it
    is read without a TOML parser, which would cost a figure more than the rest of its
    messages; None for anything else (an array, an escape, a quoted key, a repeated key,
    a carriage return), which `tomllib` then reads.

    >>> _simple('[figure]\\nand = "&" # the word\\n\\n# a comment\\nwaterline = "#waterline"\\n', "figure")
    {'figure.and': '&', 'figure.waterline': '#waterline'}
    >>> _simple('[figure]\\nand = "\\\\u0026"\\n', "figure") is None
    True
    """
    if "\r" in text:
        return None
    entry, blank = _simple_lines()
    prefix = f"{name}." if name else ""
    found: dict[str, Any] = {}
    lines = text.split("\n")
    for line in lines[1:] if name else lines:
        match = entry.fullmatch(line)
        if match is not None:
            key = prefix + match.group(1)
            if key in found:
                return None
            found[key] = match.group(2)
        elif blank.fullmatch(line) is None:
            return None
    return found


_MISSING = object()


def _message(code: str, key: str) -> Any:
    """The message *key* of the catalog *code*, or `_MISSING`, reading only the tables it can be in.

    A key is in a table whose name is a prefix of it (``figure.legend.heading``: the tables
    ``figure.legend``, ``figure`` and the keys before the first table).
    """
    tables = _tables(code)
    if tables is None:
        return _load(code).get(key, _MISSING)
    parts = key.split(".")
    for end in range(len(parts) - 1, -1, -1):
        name = ".".join(parts[:end])
        if name in tables:
            found = _table(code, name).get(key, _MISSING)
            if found is not _MISSING:
                return found
    return _MISSING


def _lookup(code: str, key: str, variant: str | None) -> Any:
    """``key_variant`` when a *variant* is given and in the catalog *code*, else *key*, else `_MISSING`."""
    if variant is not None:
        found = _message(code, f"{key}_{variant}")
        if found is not _MISSING:
            return found
    return _message(code, key)


class Catalog:
    """The messages of one language, with English as the fallback for missing keys."""

    def __init__(self, code: str) -> None:
        self.code = code

    def get(self, key: str, variant: str | None = None) -> Any:
        """The message *key*; ``key_variant`` first when a *variant* is given and exists."""
        found = _lookup(self.code, key, variant)
        if found is _MISSING and self.code != FALLBACK:  # English is read only when a key is missing
            found = _lookup(FALLBACK, key, variant)
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


@functools.cache
def _field() -> re.Pattern[str]:
    return re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


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

    return _field().sub(replace, template)


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
