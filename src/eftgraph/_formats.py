"""Reading YAML, JSON and TOML text into plain data plus the position of every path.

Each reader returns the document as plain Python data (dicts, lists, scalars)
and a map from document paths (tuples of keys and list indices) to 1-based
``(line, column)`` positions, so problems found later can say where they are.
YAML is read by `eftgraph._yaml_reader`; the positions in JSON and TOML are found by
`eftgraph._scan`.

Examples
--------
>>> parse('{"eftgraph": 1, "id": "demo"}', "json").where[("id",)]
(1, 17)
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from typing import Any

from eftgraph._formats_document import Parsed, ParseFailure, empty, failure, too_deep, too_many_digits
from eftgraph._limits import MAX_DEPTH, MAX_FILE_BYTES, MAX_NODES
from eftgraph._scan import positions
from eftgraph._yaml_reader import read_yaml
from eftgraph.errors import Message, Problem, quoted

__all__ = ["FORMATS", "MAX_FILE_BYTES", "ParseFailure", "Parsed", "parse"]

FORMATS = ("yaml", "json", "toml")
"""The case-file formats, by the names `eftgraph.loads` and `eftgraph.dumps` take."""


def parse(text: str, fmt: str) -> Parsed:
    """Parse *text* in format *fmt* (``yaml``, ``json`` or ``toml``)."""
    readers: dict[str, Callable[[str], Parsed]] = {"yaml": read_yaml, "json": _json, "toml": _toml}
    if not text.strip():
        raise empty()
    return readers[fmt](text)


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
        raise failure(
            Message("error.document.not-json", {"detail": error.msg}), error.lineno, error.colno
        ) from None
    except RecursionError:
        raise too_deep() from None
    except ValueError:  # an integer of more than 4300 digits
        raise too_many_digits(text) from None
    where = positions(text, json_mode=True)
    if duplicates:
        raise ParseFailure(
            [Problem("", "error.document.duplicate-key", {"key": quoted(key)}) for key in duplicates]
        )
    _check_depth(data)
    return Parsed(data, where)


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
        raise failure(Message("error.document.not-toml", {"detail": message}), line, column) from None
    except RecursionError:
        raise too_deep() from None
    except ValueError:  # an integer of more than 4300 digits
        raise too_many_digits(text) from None
    _check_depth(data)
    return Parsed(data, positions(text, json_mode=False))


def _check_depth(data: Any) -> None:
    stack: list[tuple[Any, int]] = [(data, 0)]
    count = 0
    while stack:
        value, depth = stack.pop()
        count += 1
        if depth > MAX_DEPTH:
            raise too_deep()
        if count > MAX_NODES:
            raise failure(Message("error.document.too-many-values", {"count": MAX_NODES}))
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)
