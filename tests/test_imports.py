"""``import eftgraph`` loads the model and the file reader; the rest of the API comes on first use."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import eftgraph

ROOT = Path(__file__).resolve().parent.parent


def _fresh(code: str) -> str:
    """What *code* prints in a fresh Python (nothing of eftgraph imported yet)."""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT, timeout=120
    )
    return done.stdout.strip()


def test_import_eftgraph_leaves_the_figures_and_analyses_for_later() -> None:
    loaded = _fresh(
        "import sys, eftgraph\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith(('eftgraph', 'networkx')))))"
    ).split()
    assert "eftgraph._io" in loaded and "eftgraph._model" in loaded
    for later in (
        "eftgraph.figures",
        "eftgraph._loops",
        "eftgraph._course",
        "eftgraph._anonymize",
        "networkx",
    ):
        assert later not in loaded


def test_every_public_name_resolves_and_is_listed() -> None:
    assert set(eftgraph.__all__) <= set(dir(eftgraph))
    for name in eftgraph.__all__:
        assert getattr(eftgraph, name) is not None
    from eftgraph import render, to_dot
    from eftgraph.figures import render as figures_render

    assert render is figures_render and to_dot.__module__ == "eftgraph.figures._draw"


def test_star_import_gives_every_public_name() -> None:
    names = _fresh(
        "from eftgraph import *\nimport eftgraph\nfound = set(dir())\nprint(set(eftgraph.__all__) <= found)"
    )
    assert names == "True"


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="module 'eftgraph' has no attribute 'lod'"):
        eftgraph.lod  # noqa: B018
    assert not hasattr(eftgraph, "_LAZY_missing")


def test_a_case_shows_its_figure_after_a_bare_import() -> None:
    """The figures package registers the notebook display; it is imported on the first display."""
    shown = _fresh(
        "import eftgraph, sys\n"
        "case = eftgraph.load('examples/janine-mathijs.yaml')\n"
        "before = 'eftgraph.figures' in sys.modules\n"
        "bundle = case._repr_mimebundle_()\n"
        "print(before, sorted(bundle) != ['text/plain'] or 'digraph eftgraph' in bundle['text/plain'])"
    )
    assert shown == "False True"


def test_the_names_for_type_checkers_are_the_names_loaded_on_first_use() -> None:
    """The ``if TYPE_CHECKING:`` imports and the table `__getattr__` reads never drift apart."""
    import ast

    tree = ast.parse(Path(eftgraph.__file__).read_text("utf-8"))
    block = next(
        node for node in tree.body if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"
    )
    typed = {
        alias.asname or alias.name: node.module
        for node in block.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert typed == eftgraph._LAZY
