"""Reading YAML: composed with PyYAML's *safe* loader and built by hand.

No tag that would build a Python object is honoured, aliases and merge keys are counted
against `eftgraph._limits.MAX_NODES`, duplicate keys are reported, and the position of every
path is kept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from eftgraph._formats_document import (
    TOO_MANY_DIGITS,
    Parsed,
    ParseFailure,
    Path,
    Where,
    describe_value,
    dotted,
    empty,
    failure,
    huge,
    line_column,
    mark_positions,
    too_deep,
)
from eftgraph._limits import MAX_DEPTH, MAX_NODES
from eftgraph._yaml_mistakes import problem as explain_mistake
from eftgraph.errors import Message, Problem, quoted

__all__ = ["read_yaml"]

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


def read_yaml(text: str) -> Parsed:
    """Parse YAML *text*, composed by the safe loader and built by hand.

    Examples
    --------
    >>> parsed = read_yaml("eftgraph: 1\\nid: demo\\n")
    >>> parsed.data, parsed.where[("id",)]
    ({'eftgraph': 1, 'id': 'demo'}, (2, 1))
    """
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml reads big files ten times faster
    try:
        root = yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as error:
        explained = explain_mistake(text, error)  # a mistake therapists make: its line, in plain words
        if explained is not None:
            raise ParseFailure([explained]) from None
        mark = error.problem_mark or error.context_mark
        detail = str(error.problem or error.context)
        message = Message("error.document.not-yaml", {"detail": detail})
        if "nesting depth" in detail:  # libyaml's own cap (1000 levels)
            message = Message("error.document.too-deep", {"levels": MAX_DEPTH})
        if mark is None:
            raise failure(message) from None
        raise failure(message, *mark_positions(text)(mark)) from None
    except yaml.reader.ReaderError as error:  # a character YAML does not allow, such as a control
        ahead = text[: error.position]
        if loader is not yaml.SafeLoader:  # libyaml counts bytes of UTF-8
            ahead = text.encode("utf-8")[: error.position].decode("utf-8", "ignore")
        code = f"{error.character:04X}"
        message = Message("error.document.yaml-character", {"code": code, "reason": error.reason})
        line, column = line_column(ahead)
        raise failure(message, line, column) from None
    except yaml.YAMLError as error:
        raise failure(Message("error.document.not-yaml", {"detail": " ".join(str(error).split())})) from None
    except RecursionError:
        raise too_deep() from None
    if root is None:
        raise empty()
    builder = _YamlBuilder(mark_positions(text))
    data = builder.build(root, ())
    if builder.problems:
        raise ParseFailure(builder.problems)
    return Parsed(data, builder.where)


class _YamlBuilder:
    def __init__(self, position: Callable[[Any], tuple[int, int]]) -> None:
        import yaml

        self.position = position
        self.where: Where = {}
        self.problems: list[Problem] = []
        self.count = 0
        self.constructor = yaml.SafeLoader("")
        self.yaml = yaml

    def problem(self, node: Any, path: Path, message: Message) -> None:
        line, column = self.position(node.start_mark)
        self.problems.append(Problem.of(dotted(path), message, line=line, column=column))

    def build(self, node: Any, path: Path) -> Any:
        yaml = self.yaml
        self.count += 1
        if self.count == MAX_NODES + 1:
            self.problem(
                node,
                path,
                Message("error.document.yaml-expands", {"count": MAX_NODES}),
            )
        if self.count > MAX_NODES or len(path) > MAX_DEPTH:
            if len(path) == MAX_DEPTH + 1:
                self.problem(
                    node, (*path[:3], "…"), Message("error.document.too-deep", {"levels": MAX_DEPTH})
                )
            return None
        if path not in self.where:
            self.where[path] = self.position(node.start_mark)
        if node.tag not in _YAML_TAGS:
            self.problem(node, path, Message("error.document.yaml-tag", {"tag": quoted(node.tag)}))
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
                    self.problem(
                        key_node, path, Message("error.document.key-not-text", {"found": describe_value(key)})
                    )
                    continue
                sub = (*path, key)
                self.where[sub] = self.position(key_node.start_mark)
                if key in result:
                    self.problem(key_node, sub, Message("error.document.duplicate-key", {"key": quoted(key)}))
                result[key] = self.build(value_node, sub)
                self.where[sub] = self.position(key_node.start_mark)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        try:
            value = self.constructor.construct_object(node)
        except ValueError as error:
            message = TOO_MANY_DIGITS if "digits" in str(error) else _cannot_read(error)
            self.problem(node, path, message)
            return None
        except (yaml.YAMLError, OverflowError) as error:
            self.problem(node, path, _cannot_read(error))
            return None
        if huge(value):  # a hexadecimal or octal integer: read, but never writable in decimal
            self.problem(node, path, TOO_MANY_DIGITS)
            return None
        return value

    def merge(self, node: Any, path: Path) -> bool:
        """Flatten the YAML merge keys (``<<``) of a mapping node, within the value cap."""
        yaml = self.yaml
        if not any(key.tag == "tag:yaml.org,2002:merge" for key, _ in node.value):
            return True
        try:
            size = _merged_size(node, {}, yaml)
        except RecursionError:
            self.problem(node, path, Message("error.document.merge-deep"))
            return False
        if self.count + size > MAX_NODES:
            self.count = MAX_NODES + 1
            self.problem(node, path, Message("error.document.merge-many", {"count": MAX_NODES}))
            return False
        try:
            self.constructor.flatten_mapping(node)
        except yaml.YAMLError as error:
            detail = str(getattr(error, "problem", None) or error)
            self.problem(node, path, Message("error.document.cannot-merge", {"detail": detail}))
            return False
        except RecursionError:
            self.problem(node, path, Message("error.document.merge-deep"))
            return False
        return True


def _cannot_read(error: Exception) -> Message:
    return Message("error.document.cannot-read", {"detail": str(error)})


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
