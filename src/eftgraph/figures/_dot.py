"""Building a figure as a ``graphviz.Digraph``: pure, no I/O, the same bytes for the same case.

The parts are drawn in a fixed order: the graph's defaults and title, the boxes
(``_nodes``), the rows and columns (``_layout``), the links (``_links``), the
legend (``_legend``). Node ids are generated (``e3``, ``h0_1``…): user text only
ever appears escaped inside HTML-like labels.
"""

from __future__ import annotations

from eftgraph.figures._analysis import pattern_of
from eftgraph.figures._figure import Figure
from eftgraph.figures._layout import Layout
from eftgraph.figures._legend import draw_legend
from eftgraph.figures._links import draw_links
from eftgraph.figures._nodes import draw_nodes
from eftgraph.figures._text import clean, html_label, html_lines

__all__ = ["build"]


def build(layout: Layout) -> Figure:
    """The figure *layout* plans (its options checked already)."""
    theme = layout.theme
    graph = Figure(name="eftgraph")
    graph.attr(
        "graph",
        charset="UTF-8",
        newrank="true",
        # a second crossing minimisation over the frames of the compare view (clusters) breaks
        # the order the rows hold (a partner's down track outside, the shaded box under it)
        remincross="false",
        rankdir="TB",
        nodesep="0.3",
        # more people, more cross links between the rows: give them room
        ranksep=f"{0.42 + 0.18 * layout.crowd():g}",
        pad="0.3",
        bgcolor="white",
        outputorder="edgesfirst",
        fontname=theme.font,
        fontsize=f"{theme.title_size:g}",
        fontcolor=theme.text,
        labelloc="t",
        label=html_label(html_lines([title(layout)], bold=True)),
    )
    graph.attr(
        "node",
        fontname=theme.font,
        fontsize=f"{theme.font_size:g}",
        fontcolor=theme.text,
        shape="box",
        style="rounded,filled",
        fillcolor=theme.node_fill,
        color=theme.node_border,
        penwidth=f"{theme.node_pen:g}",
        margin="0.14,0.08",
    )
    graph.attr(
        "edge",
        fontname=theme.font,
        fontsize=f"{theme.edge_size:g}",
        fontcolor=theme.muted_text,
        color=theme.within_colour,
        penwidth=f"{theme.within_pen:g}",
        arrowsize=f"{theme.arrow_size:g}",
    )
    draw_nodes(layout, graph)
    layout.rank(graph)
    draw_legend(layout, graph, draw_links(layout, graph))
    return graph


def title(layout: Layout) -> str:
    """The figure's title: the case's title (else the partners' names) and the cycles shown."""
    case, words, domains = layout.case, layout.words, layout.domains
    name = " ".join(clean(case.title or ""))
    if not name:
        names = [" ".join(clean(p.name)) for p in case.partners]
        name = names[-1] if len(names) < 2 else f"{', '.join(names[:-1])} {words('and')} {names[-1]}"
    if layout.compare:
        return words("title.compare", title=name, a=words.cycle(domains[0]), b=words.cycle(domains[1]))
    pattern = pattern_of(case, domains[0])
    if pattern is not None:
        return words(
            "title.pattern", title=name, cycle=words.cycle(domains[0]), pattern=words.pattern(pattern)
        )
    return words("title.cycle", title=name, cycle=words.cycle(domains[0]))
