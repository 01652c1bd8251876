"""Reading YAML, JSON and TOML text into plain data plus the position of every path.

Each reader returns the document as plain Python data (dicts, lists, scalars)
and a map from document paths (tuples of keys and list indices) to 1-based
``(line, column)`` positions, so problems found later can say where they are.
YAML is composed with PyYAML's *safe* loader and built by hand: no tag that
would build a Python object is honoured, aliases are counted, duplicate keys
are reported.
"""

from __future__ import annotations

import bisect
import json
import re
import sys
from collections.abc import Callable
from typing import Any

import attrs

from eftgraph.errors import Problem

__all__ = ["FORMATS", "MAX_FILE_BYTES", "MAX_NODES", "Parsed", "parse"]

FORMATS = ("yaml", "json", "toml")
MAX_FILE_BYTES = 128_000
"""Largest case file read (128 kB: fifty times the worked example, and read in well under a
second); ``EFTGRAPH_MAX_FILE_BYTES`` raises it."""
MAX_NODES = 200_000
"""Most values a document may hold after YAML aliases are expanded."""
MAX_DEPTH = 64
"""Deepest nesting of mappings and lists accepted."""

Path = tuple[str | int, ...]


@attrs.frozen
class Parsed:
    """A parsed document: its data and where each path starts."""

    data: Any
    where: dict[Path, tuple[int, int]]


class ParseFailure(Exception):
    """The text is not a document of its format; carries the problems."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


def parse(text: str, fmt: str) -> Parsed:
    """Parse *text* in format *fmt* (``yaml``, ``json`` or ``toml``)."""
    readers: dict[str, Callable[[str], Parsed]] = {"yaml": _yaml, "json": _json, "toml": _toml}
    if not text.strip():
        raise ParseFailure(
            [Problem(path="", message="the file is empty; a case file starts with 'eftgraph: 1'")]
        )
    return readers[fmt](text)


# --------------------------------------------------------------------------- YAML

_YAML_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:timestamp",
}


def _yaml(text: str) -> Parsed:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml reads big files ten times faster
    try:
        root = yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = f"not valid YAML: {error.problem or error.context}"
        if "nesting depth" in message:  # libyaml's own cap (1000 levels)
            message = f"nesting deeper than {MAX_DEPTH} levels"
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
        raise ParseFailure([Problem(path="", message=message, line=line, column=column)]) from None
    except yaml.reader.ReaderError as error:  # a character YAML does not allow, such as a control
        ahead = text[: error.position]
        if loader is not yaml.SafeLoader:  # libyaml counts bytes of UTF-8
            ahead = text.encode("utf-8")[: error.position].decode("utf-8", "ignore")
        message = f"not valid YAML: character U+{error.character:04X} is not allowed ({error.reason})"
        line, column = ahead.count("\n") + 1, len(ahead) - (ahead.rfind("\n") + 1) + 1
        raise ParseFailure([Problem(path="", message=message, line=line, column=column)]) from None
    except yaml.YAMLError as error:
        message = " ".join(f"not valid YAML: {error}".split())
        raise ParseFailure([Problem(path="", message=message)]) from None
    except RecursionError:
        raise ParseFailure([Problem(path="", message=f"nesting deeper than {MAX_DEPTH} levels")]) from None
    if root is None:
        raise ParseFailure(
            [Problem(path="", message="the file is empty; a case file starts with 'eftgraph: 1'")]
        )
    builder = _YamlBuilder()
    data = builder.build(root, ())
    if builder.problems:
        raise ParseFailure(builder.problems)
    return Parsed(data, builder.where)


class _YamlBuilder:
    def __init__(self) -> None:
        import yaml

        self.where: dict[Path, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self.count = 0
        self.constructor = yaml.SafeLoader("")
        self.yaml = yaml

    def problem(self, node: Any, path: Path, message: str) -> None:
        mark = node.start_mark
        self.problems.append(
            Problem(path=dotted(path), message=message, line=mark.line + 1, column=mark.column + 1)
        )

    def build(self, node: Any, path: Path) -> Any:
        yaml = self.yaml
        self.count += 1
        if self.count == MAX_NODES + 1:
            self.problem(
                node,
                path,
                f"the document expands to more than {MAX_NODES} values (YAML aliases repeated too often?)",
            )
        if self.count > MAX_NODES or len(path) > MAX_DEPTH:
            if len(path) == MAX_DEPTH + 1:
                self.problem(node, (*path[:3], "…"), f"nesting deeper than {MAX_DEPTH} levels")
            return None
        self.where.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if node.tag not in _YAML_TAGS:
            self.problem(
                node, path, f"YAML tag {node.tag!r} is not allowed (case files hold plain data only)"
            )
            return None
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            if not self.merge(node, path):
                return None
            for key_node, value_node in node.value:
                if self.count > MAX_NODES:
                    break  # the cap was reported once; the rest would only repeat it
                key = self.build(key_node, path)
                if self.count > MAX_NODES:
                    break
                if not isinstance(key, str):
                    self.problem(key_node, path, f"a key must be text, found {describe_value(key)}")
                    continue
                sub = (*path, key)
                self.where[sub] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                if key in result:
                    self.problem(key_node, sub, f"duplicate key {key!r}")
                result[key] = self.build(value_node, sub)
                self.where[sub] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        try:
            return self.constructor.construct_object(node)
        except (yaml.YAMLError, ValueError, OverflowError) as error:
            self.problem(node, path, f"cannot read value: {error}")
            return None

    def merge(self, node: Any, path: Path) -> bool:
        """Flatten the YAML merge keys (``<<``) of a mapping node, within the value cap."""
        yaml = self.yaml
        if not any(key.tag == "tag:yaml.org,2002:merge" for key, _ in node.value):
            return True
        try:
            size = _merged_size(node, {}, yaml)
        except RecursionError:
            self.problem(node, path, "YAML merge keys ('<<') nested too deeply")
            return False
        if self.count + size > MAX_NODES:
            self.count = MAX_NODES + 1
            self.problem(node, path, f"YAML merge keys ('<<') expand to more than {MAX_NODES} values")
            return False
        try:
            self.constructor.flatten_mapping(node)
        except yaml.YAMLError as error:
            self.problem(node, path, f"cannot merge: {getattr(error, 'problem', None) or error}")
            return False
        except RecursionError:
            self.problem(node, path, "YAML merge keys ('<<') nested too deeply")
            return False
        return True


def _merged_size(node: Any, sizes: dict[int, int], yaml: Any) -> int:
    """How many pairs mapping *node* has once its merge keys are flattened (an upper bound).

    Counted without building anything, so that merges of merges of merges (an exponential
    "merge bomb") are caught before PyYAML expands them.
    """
    if id(node) in sizes:
        return sizes[id(node)]
    sizes[id(node)] = 0  # a mapping merged into itself adds nothing more
    size = 0
    for key_node, value_node in node.value:
        if key_node.tag != "tag:yaml.org,2002:merge":
            size += 1
            continue
        merged = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
        size += sum(_merged_size(m, sizes, yaml) for m in merged if isinstance(m, yaml.MappingNode))
    sizes[id(node)] = size
    return size


# --------------------------------------------------------------------------- JSON


def _json(text: str) -> Parsed:
    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in items:
            if key in result:
                duplicates.append(key)
            result[key] = value
        return result

    duplicates: list[str] = []
    try:
        data = json.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError as error:
        raise ParseFailure(
            [Problem(path="", message=f"not valid JSON: {error.msg}", line=error.lineno, column=error.colno)]
        ) from None
    except RecursionError:
        raise ParseFailure([Problem(path="", message=f"nesting deeper than {MAX_DEPTH} levels")]) from None
    where = _Scanner(text, json_mode=True).document()
    if duplicates:
        raise ParseFailure([Problem(path="", message=f"duplicate key {key!r}") for key in duplicates])
    _check_depth(data)
    return Parsed(data, where)


# --------------------------------------------------------------------------- TOML


def _toml(text: str) -> Parsed:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        found = re.search(r"\(at line (\d+), column (\d+)\)", message)
        line, column = (int(found[1]), int(found[2])) if found else (None, None)
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", message).strip()
        if message.startswith("Illegal character"):
            message = message.replace("Illegal", "illegal")
        raise ParseFailure(
            [Problem(path="", message=f"not valid TOML: {message}", line=line, column=column)]
        ) from None
    except RecursionError:
        raise ParseFailure([Problem(path="", message=f"nesting deeper than {MAX_DEPTH} levels")]) from None
    _check_depth(data)
    return Parsed(data, _Scanner(text, json_mode=False).document())


def _check_depth(data: Any) -> None:
    stack: list[tuple[Any, int]] = [(data, 0)]
    count = 0
    while stack:
        value, depth = stack.pop()
        count += 1
        if depth > MAX_DEPTH:
            raise ParseFailure([Problem(path="", message=f"nesting deeper than {MAX_DEPTH} levels")])
        if count > MAX_NODES:
            raise ParseFailure([Problem(path="", message=f"the document holds more than {MAX_NODES} values")])
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)


class _Scanner:
    """Find where each path of an already-valid JSON or TOML document starts.

    Not a parser: it walks text that the real parser accepted, and records the
    position of every key and list item.
    """

    _BARE = re.compile(r"[A-Za-z0-9_\-]+")

    def __init__(self, text: str, *, json_mode: bool) -> None:
        self.text = text
        self.json_mode = json_mode
        self.pos = 0
        self.where: dict[Path, tuple[int, int]] = {}
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

    def document(self) -> dict[Path, tuple[int, int]]:
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
                for n in range(1, len(parts) + 1):
                    self.mark((*table, *parts[:n]), start)
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
        text = self.text
        self.mark(path, self.pos)
        char = text[self.pos]
        if char == "{":
            self.pos += 1
            while True:
                self.skip()
                if text[self.pos] == "}":
                    self.pos += 1
                    return
                if text[self.pos] == ",":
                    self.pos += 1
                    continue
                start = self.pos
                parts = self.key()
                for n in range(1, len(parts) + 1):
                    self.mark((*path, *parts[:n]), start)
                self.skip()
                self.pos += 1  # ':' or '='
                self.skip()
                self.value((*path, *parts))
        elif char == "[":
            self.pos += 1
            index = 0
            while True:
                self.skip()
                if text[self.pos] == "]":
                    self.pos += 1
                    return
                if text[self.pos] == ",":
                    self.pos += 1
                    continue
                self.value((*path, index))
                index += 1
        elif char in "\"'":
            self.string()
        else:
            found = re.compile(r"[^,\]}\n#]*").match(text, self.pos)
            assert found is not None
            self.pos = found.end()


# --------------------------------------------------------------------------- helpers


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
