"""The figures package as a house: no import circle inside it, nothing imported from above, small parts."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

FIGURES = Path(__file__).resolve().parent.parent / "src" / "eftgraph" / "figures"
MODULES = sorted(FIGURES.glob("*.py"))
ABOVE = ("eftgraph._batch", "eftgraph.cli")
"""What sits above the figures in the house (see docs/architecture.md)."""


def imports(path: Path) -> set[str]:
    """Every ``eftgraph`` module *path* imports, at the top or inside a function.

    ``from package import name`` counts as importing the package: its ``__init__`` runs.
    """
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return {name for name in found if name == "eftgraph" or name.startswith("eftgraph.")}


def module_name(path: Path) -> str:
    return "eftgraph.figures" if path.stem == "__init__" else f"eftgraph.figures.{path.stem}"


def test_the_imports_are_read() -> None:
    assert "eftgraph.figures._layout" in imports(FIGURES / "_dot.py")  # the checks below can fail


@pytest.mark.parametrize("path", [p for p in MODULES if p.stem != "__init__"], ids=lambda p: p.stem)
def test_no_module_imports_the_package_or_what_sits_above(path: Path) -> None:
    found = imports(path)
    assert "eftgraph" not in found and "eftgraph.figures" not in found
    assert not [name for name in found if name.startswith(ABOVE)]


def test_no_import_circle_inside_the_figures() -> None:
    graph = {module_name(p): imports(p) for p in MODULES}
    done: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        assert name not in path, " -> ".join((*path, name))
        if name in done or name not in graph:
            return
        for other in sorted(graph[name]):
            visit(other, (*path, name))
        done.add(name)

    for name in sorted(graph):
        if name != "eftgraph.figures":
            visit(name, ())


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.stem)
def test_modules_and_functions_stay_small(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) < 400
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            assert node.end_lineno is not None
            assert node.end_lineno - node.lineno + 1 <= 80, f"{node.name} is too long"
