"""Where each path of a JSON or TOML document starts, for the messages about it.

The standard parsers of JSON and TOML give data without positions; `positions` walks the
text they accepted once more and records the line and column of every key and list item.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterator

from eftgraph._formats_document import Path, Where

__all__ = ["Scanner", "positions"]


def positions(text: str, *, json_mode: bool) -> Where:
    """Where each path of the JSON (or, with ``json_mode=False``, TOML) *text* starts.

    Examples
    --------
    >>> positions('{"id": "x",\\n "partners": [{"id": "a"}]}', json_mode=True)[("partners", 0, "id")]
    (2, 16)
    >>> positions("id = 'x'\\n[[partners]]\\nid = 'a'\\n", json_mode=False)[("partners", 0, "id")]
    (3, 1)
    """
    return Scanner(text, json_mode=json_mode).document()


class Scanner:
    """Find where each path of an already-valid JSON or TOML document starts.

    Not a parser: it walks text that the real parser accepted, and records the
    position of every key and list item.
    """

    _BARE = re.compile(r"[A-Za-z0-9_\-]+")
    _SCALAR = re.compile(r"[^,\]}\n#]*")

    def __init__(self, text: str, *, json_mode: bool) -> None:
        self.text = text
        self.json_mode = json_mode
        self.pos = 0
        self.where: Where = {}
        self.lines = [0] + [m.end() for m in re.finditer(r"\n", text)]
        self.arrays: dict[Path, int] = {}

    def mark(self, path: Path, at: int) -> None:
        line = bisect.bisect_right(self.lines, at)
        self.where.setdefault(path, (line, at - self.lines[line - 1] + 1))

    def skip(self, *, newlines: bool = True) -> None:
        text = self.text
        while self.pos < len(text):
            char = text[self.pos]
            if char in " \t\r" or (newlines and char == "\n"):
                self.pos += 1
            elif char == "#" and not self.json_mode:
                end = text.find("\n", self.pos)
                self.pos = len(text) if end < 0 else end
            else:
                return

    def document(self) -> Where:
        try:
            if self.json_mode:
                self.skip()
                self.value(())
            else:
                self.toml()
        except (IndexError, ValueError):
            pass  # positions are a help; a surprise in the scan only loses some
        return self.where

    def toml(self) -> None:
        table: Path = ()
        text = self.text
        while True:
            self.skip()
            if self.pos >= len(text):
                return
            start = self.pos
            if text.startswith("[[", self.pos):
                self.pos += 2
                header = self.key()
                self.pos = text.index("]]", self.pos) + 2
                index = self.arrays.get(header, -1) + 1
                self.arrays[header] = index
                self.mark(header, start)
                table = (*header, index)
                self.mark(table, start)
            elif text[self.pos] == "[":
                self.pos += 1
                header = self.key()
                self.pos = text.index("]", self.pos) + 1
                table = header
                self.mark(table, start)
            else:
                parts = self.key()
                self.mark_key(table, parts, start)
                self.skip(newlines=False)
                self.pos += 1  # '='
                self.skip(newlines=False)
                self.value((*table, *parts))

    def key(self) -> Path:
        parts: list[str | int] = []
        while True:
            self.skip(newlines=False)
            parts.append(self.string() if self.text[self.pos] in "\"'" else self.bare())
            self.skip(newlines=False)
            if self.pos < len(self.text) and self.text[self.pos] == "." and not self.json_mode:
                self.pos += 1
                continue
            return tuple(parts)

    def bare(self) -> str:
        found = self._BARE.match(self.text, self.pos)
        if found is None:
            raise ValueError("no key")
        self.pos = found.end()
        return found.group()

    def string(self) -> str:
        text = self.text
        quote = text[self.pos]
        if text.startswith(quote * 3, self.pos):
            end = text.index(quote * 3, self.pos + 3)
            while text.startswith(quote, end + 3):
                end += 1
            value = text[self.pos + 3 : end]
            self.pos = end + 3
            return value
        if quote == "'":
            end = text.index("'", self.pos + 1)
            value = text[self.pos + 1 : end]
            self.pos = end + 1
            return value
        end = self.pos + 1
        while text[end] != '"':
            end += 2 if text[end] == "\\" else 1
        raw = text[self.pos : end + 1]
        self.pos = end + 1
        try:
            decoded = json.loads(raw)
        except json.JSONDecodeError:
            return raw[1:-1]
        return str(decoded)

    def value(self, path: Path) -> None:
        self.mark(path, self.pos)
        char = self.text[self.pos]
        if char == "{":
            for _ in self.items("}"):
                start = self.pos
                parts = self.key()
                self.mark_key(path, parts, start)
                self.skip()
                self.pos += 1  # ':' or '='
                self.skip()
                self.value((*path, *parts))
        elif char == "[":
            for index, _ in enumerate(self.items("]")):
                self.value((*path, index))
        elif char in "\"'":
            self.string()
        else:
            found = self._SCALAR.match(self.text, self.pos)
            assert found is not None
            self.pos = found.end()

    def items(self, close: str) -> Iterator[None]:
        """Stop at each item of the ``{…}`` or ``[…]`` opening here, until *close*."""
        self.pos += 1
        while True:
            self.skip()
            if self.text[self.pos] == close:
                self.pos += 1
                return
            if self.text[self.pos] == ",":
                self.pos += 1
                continue
            yield

    def mark_key(self, table: Path, parts: Path, start: int) -> None:
        """Mark a dotted key *parts* of *table*, and each of its prefixes, at *start*."""
        for n in range(1, len(parts) + 1):
            self.mark((*table, *parts[:n]), start)
