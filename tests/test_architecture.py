"""The shape of the house (docs/architecture.md): layers without upward imports or circles, small modules.

The imports are read with `ast`, so every import counts: at module level, inside functions
(lazy), under ``if TYPE_CHECKING:``, relative or absolute.
"""

from __future__ import annotations

import ast
import fnmatch
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "eftgraph"
ARCHITECTURE = ROOT / "docs" / "architecture.md"

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 80

LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "base",
        (
            "errors",
            "_version",
            "_suggest",
            "_output",
            "_display",
            "_input",
            "_terminal",
            "_limits",
            "_catalog",
            "_catalog_core",
            "_translations",
            "messages",
            "messages.*",
            "templates",
            "templates.*",
        ),
    ),
    ("parse", ("_formats", "_formats_*", "_yaml*", "_scan*", "_positions_scan*")),
    (
        "model",
        (
            "_vocabulary",
            "_records",
            "_rules",
            "_model",
            "_sheets",
            "_graph",
            "_synthetic",
            "_scales",
            "_sessions",
        ),
    ),
    ("files", ("_structure", "_structure_*", "_io", "_dump", "schema", "_sessions_io", "_sessions_files")),
    (
        "analyses",
        (
            "_cycles",
            "_loops",
            "_loops_*",
            "_positions",
            "_domains",
            "_intervene",
            "_hitting",
            "_names",
            "_referrals",
            "_narrative",
            "_frames",
            "_story",
            "_where",
            "_anonymize",
            "_anonymize_*",
            "_table",
            "_discover",
            "_course",
            "_course_*",
            "_diff",
        ),
    ),
    ("figures", ("figures", "figures.*")),
    ("batch", ("_batch", "_batch_*")),
    ("cli", ("cli", "cli.*")),
    ("top", ("eftgraph", "__main__")),
)
"""Layers, lowest first, with the module names (relative to ``eftgraph``) that belong to each.

A module may import from its own layer (without a circle) and from any lower layer. When
patterns overlap, the most specific wins (an exact name before a pattern, then the longer
pattern): ``_positions_scan`` is parse, ``_positions`` analyses.
"""


def module_name(path: Path, package: Path = PACKAGE) -> str:
    """``eftgraph`` for the package, else the dotted name under it (``figures._dot``)."""
    parts = list(path.relative_to(package).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts) or "eftgraph"


def modules(package: Path = PACKAGE) -> dict[str, Path]:
    """Every module of *package* by `module_name`."""
    return {module_name(path, package): path for path in sorted(package.rglob("*.py"))}


def layer_of(name: str, layers: Iterable[tuple[str, tuple[str, ...]]] = LAYERS) -> int | None:
    """Index of the layer *name* belongs to (most specific pattern wins), ``None`` if none."""
    best: tuple[bool, int, int] | None = None
    for index, (_, patterns) in enumerate(layers):
        for pattern in patterns:
            if fnmatch.fnmatchcase(name, pattern):
                rank = (pattern == name, len(pattern), index)
                best = rank if best is None or rank[:2] > best[:2] else best
    return None if best is None else best[2]


def _absolute(node: ast.ImportFrom, name: str, is_package: bool) -> str:
    """The absolute module a ``from … import`` names (relative imports resolved)."""
    if not node.level:
        return node.module or ""
    full = "eftgraph" if name == "eftgraph" else f"eftgraph.{name}"
    package = full if is_package else full.rpartition(".")[0]
    base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
    return f"{base}.{node.module}" if node.module else base


def _known(full: str, known: Iterable[str]) -> str | None:
    """The module of *full* (``eftgraph.x.y``) as a `module_name`, if it is one of *known*."""
    if full != "eftgraph" and not full.startswith("eftgraph."):
        return None
    name = full.removeprefix("eftgraph").removeprefix(".") or "eftgraph"
    return name if name in known else None


def imports_of(source: str, name: str, known: Iterable[str], *, is_package: bool = False) -> set[str]:
    """The eftgraph modules that the module *name* with text *source* imports, anywhere in it."""
    known = set(known)
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                # `import eftgraph.a.b` names the deepest module that exists
                for end in range(len(parts), 0, -1):
                    target = _known(".".join(parts[:end]), known)
                    if target is not None:
                        found.add(target)
                        break
        elif isinstance(node, ast.ImportFrom):
            module = _absolute(node, name, is_package)
            for alias in node.names:
                target = _known(f"{module}.{alias.name}", known) or _known(module, known)
                if target is not None:
                    found.add(target)
    found.discard(name)
    return found


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    """Module → the eftgraph modules it imports."""
    found = modules(package)
    return {
        name: imports_of(path.read_text(encoding="utf-8"), name, found, is_package=path.name == "__init__.py")
        for name, path in found.items()
    }


def cycles(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """The import circles of *graph*: its strongly connected parts of two or more modules (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            part = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                part.append(member)
                if member == node:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def upward(graph: Mapping[str, Iterable[str]]) -> list[str]:
    """Imports from a lower layer into a higher one, as ``a (layer) imports b (layer)``."""
    names = [name for name, _ in LAYERS]
    wrong = []
    for source, targets in sorted(graph.items()):
        here = layer_of(source)
        for target in sorted(targets):
            there = layer_of(target)
            if here is not None and there is not None and there > here:
                wrong.append(f"{source} ({names[here]}) imports {target} ({names[there]})")
    return wrong


def long_functions(source: str) -> list[tuple[str, int]]:
    """``(name, lines)`` of every function or method in *source*, nested ones included."""
    return [
        (node.name, (node.end_lineno or node.lineno) - node.lineno + 1)
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    ]


# The house


def test_every_module_belongs_to_a_layer() -> None:
    unclassified = [name for name in modules() if layer_of(name) is None]
    assert not unclassified, (
        f"modules in no layer: {', '.join(unclassified)}; add each to LAYERS in "
        "tests/test_architecture.py and give it a line in docs/architecture.md"
    )


def test_every_module_is_described_in_the_architecture_page() -> None:
    text = ARCHITECTURE.read_text(encoding="utf-8")
    missing = [name for name in modules() if f"`{name}`" not in text]
    assert not missing, f"docs/architecture.md has no line for: {', '.join(missing)}"


def test_no_module_imports_a_higher_layer() -> None:
    wrong = upward(import_graph())
    assert not wrong, "upward imports:\n" + "\n".join(wrong)


def test_no_import_circles() -> None:
    circles = cycles(import_graph())
    assert not circles, "import circles:\n" + "\n".join(" ↔ ".join(c) for c in circles)


def test_the_model_imports_only_from_below() -> None:
    graph = import_graph()
    model = {name for name in graph if layer_of(name) == 2}
    assert {"_model", "_records", "_rules", "_vocabulary", "_sheets", "_graph"} <= model
    assert all(layer_of(target) in (0, 1, 2) for name in model for target in graph[name])
    assert "_display" in graph["_model"]


def test_no_module_is_too_long() -> None:
    sizes = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in modules().items()}
    over = [f"{name}: {lines} lines" for name, lines in sorted(sizes.items()) if lines > MAX_MODULE_LINES]
    assert not over, f"modules over {MAX_MODULE_LINES} lines:\n" + "\n".join(over)


def test_no_function_is_too_long() -> None:
    over = [
        f"{name}.{function}: {lines} lines"
        for name, path in modules().items()
        for function, lines in long_functions(path.read_text(encoding="utf-8"))
        if lines > MAX_FUNCTION_LINES
    ]
    assert not over, f"functions over {MAX_FUNCTION_LINES} lines:\n" + "\n".join(over)


# The checker itself


KNOWN = {
    "eftgraph",
    "errors",
    "_model",
    "_sheets",
    "figures",
    "figures._dot",
    "figures._figure",
    "cli._check",
}


@pytest.mark.parametrize(
    ("source", "name", "expected"),
    [
        ("from eftgraph._model import Case", "_sheets", {"_model"}),
        ("import eftgraph.figures._dot as d", "_model", {"figures._dot"}),
        ("import eftgraph", "_model", {"eftgraph"}),
        ("from eftgraph import errors, Case", "_model", {"errors", "eftgraph"}),
        ("from eftgraph.figures import _dot", "_model", {"figures._dot"}),
        ("def f():\n    from eftgraph.figures._figure import x\n", "_model", {"figures._figure"}),
        ("if TYPE_CHECKING:\n    from eftgraph._model import Case\n", "_sheets", {"_model"}),
        ("from ._figure import x", "figures._dot", {"figures._figure"}),
        ("from .. import errors", "figures._dot", {"errors"}),
        ("from .._model import Case", "cli._check", {"_model"}),
        ("import networkx\nfrom attrs import frozen", "_model", set()),
        ("from eftgraph._model import Case", "_model", set()),
    ],
)
def test_imports_are_found_wherever_they_are(source: str, name: str, expected: set[str]) -> None:
    assert imports_of(source, name, KNOWN) == expected


def test_relative_imports_in_a_package_start_at_the_package() -> None:
    assert imports_of("from ._dot import x", "figures", KNOWN, is_package=True) == {"figures._dot"}


def test_circles_and_upward_imports_are_found() -> None:
    graph = {
        "_model": {"_sheets"},
        "_sheets": {"_model", "errors"},
        "errors": set(),
        "figures._dot": {"cli._check"},
    }
    assert cycles(graph) == [["_model", "_sheets"]]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert upward(graph) == ["figures._dot (figures) imports cli._check (cli)"]


def test_the_most_specific_pattern_decides_the_layer() -> None:
    names = [name for name, _ in LAYERS]
    assert names[layer_of("_positions_scan") or 0] == "parse"
    assert names[layer_of("_positions") or 0] == "analyses"
    assert names[layer_of("figures._dot") or 0] == "figures"
    assert names[layer_of("eftgraph") or 0] == "top"
    assert layer_of("_brand_new") is None


def test_function_lengths_count_nested_functions_and_methods() -> None:
    source = "class A:\n    def m(self):\n        def inner():\n            pass\n        return 1\n"
    assert sorted(long_functions(source)) == [("inner", 2), ("m", 4)]


def test_module_names_follow_the_package(tmp_path: Path) -> None:
    for relative in ("__init__.py", "_model.py", "figures/__init__.py", "figures/_dot.py"):
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text("", encoding="utf-8")
    assert sorted(modules(tmp_path)) == ["_model", "eftgraph", "figures", "figures._dot"]
