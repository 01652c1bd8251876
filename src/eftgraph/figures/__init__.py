"""Figures of a case: the cycle view and the compare view as Graphviz figures, and exports.

[`to_dot`][eftgraph.to_dot] builds a figure (a ``graphviz.Digraph``) and does no I/O;
[`render`][eftgraph.render] writes it as SVG, PNG, PDF or DOT with the system Graphviz or
the embedded renderer. ``eftgraph.figures.exports`` writes the case graph as
GraphML, node-link JSON, Mermaid or DOT for other tools. Importing this package
makes a case show its figure in a notebook (through ``eftgraph._display``).

>>> from eftgraph import load
>>> from eftgraph.figures import THEMES, VIEWS, to_dot
>>> VIEWS, sorted(THEMES)
(('cycle', 'compare', 'timeline', 'course'), ['default', 'print', 'slide'])
>>> figure = to_dot(load("examples/janine-mathijs.yaml"), view="compare")
>>> "seksuele cirkel" in figure.source
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import eftgraph._display as _display
from eftgraph.figures._draw import render, show, to_dot
from eftgraph.figures._figure import Figure
from eftgraph.figures._options import HIGHLIGHTS, VIEWS, check_options
from eftgraph.figures._render import EMBEDDED_FORMATS, FORMATS, RENDERERS, pipe
from eftgraph.figures._theme import THEMES, Theme

if TYPE_CHECKING:
    from eftgraph.figures._timeline import timeline

__all__ = [
    "EMBEDDED_FORMATS",
    "FORMATS",
    "HIGHLIGHTS",
    "RENDERERS",
    "THEMES",
    "VIEWS",
    "Figure",
    "Theme",
    "check_options",
    "pipe",
    "render",
    "timeline",
    "to_dot",
]

_display.register(show)


def __getattr__(name: str) -> Any:
    """``timeline`` (the course chart) is imported on first use: drawing a cycle does not need it."""
    if name == "timeline":
        from eftgraph.figures._timeline import timeline

        return timeline
    raise AttributeError(f"module 'eftgraph.figures' has no attribute {name!r}")
