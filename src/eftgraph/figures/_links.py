"""The links of a figure: how each kind of link is drawn, and the samples the legend shows.

Links never constrain the layout when a row holds a link of its own
(``constraint=false``), so the rows and columns stay as the sheet has them
whatever the links are. Two links that lead each to the other are one line with
two arrowheads.
"""

from __future__ import annotations

from typing import Any

from eftgraph._model import Element, Link, Sign
from eftgraph.figures._layout import Layout, track_of
from eftgraph.figures._text import clean, html_label, html_lines, wrap

__all__ = ["Samples", "draw_links"]

Samples = dict[str, dict[str, str]]
"""The attributes of the first link drawn of each kind (``cross``, ``within``, ``dampens``…)."""


def draw_links(layout: Layout, graph: Any) -> Samples:
    """Add every link touching the domains shown to *graph*; the samples for the legend."""
    samples: Samples = {}
    case = layout.case
    pairs = {(link.source, link.target): link for link in case.links}
    for link in case.links:
        source, target = case.element(link.source), case.element(link.target)
        if source.domain not in layout.domains and target.domain not in layout.domains:
            continue
        back = pairs.get((link.target, link.source))
        mutual = (
            back is not None
            and back.sign is link.sign
            and not clean(back.label or "")
            and not clean(link.label or "")
            and ((link.source, link.target) in layout.loop_links)
            == ((back.source, back.target) in layout.loop_links)
        )
        if mutual and (link.target, link.source) < (link.source, link.target):
            continue  # drawn once, with two heads, with its partner link
        _link(layout, graph, samples, (link, source, target), both=mutual)
    return samples


def _kind(layout: Layout, link: Link, source: Element, target: Element) -> tuple[str, dict[str, str]]:
    """What kind of link *link* is (for the legend) and the attributes that show it."""
    theme = layout.theme
    bridge = {"color": theme.bridge_colour, "penwidth": f"{theme.bridge_pen:g}", "style": theme.bridge_style}
    if (link.source, link.target) in layout.ghosts:
        return "elsewhere", bridge
    if source.domain != target.domain:
        return "bridge", bridge
    if source.partner is not None and target.partner is not None and source.partner != target.partner:
        return "cross", {
            "color": theme.cross_colour,
            # thinner pens when many cross links share the space between two rows
            "penwidth": f"{max(1.0, theme.cross_pen - 0.5 * layout.crowd()):g}",
            "arrowsize": f"{theme.arrow_size * 1.1:g}",
        }
    return "within", _ports(layout, source, target)


def _link(
    layout: Layout, graph: Any, samples: Samples, ends: tuple[Link, Element, Element], *, both: bool
) -> None:
    """Draw a link; with *both*, also the same link back (one line with two arrowheads).

    Two links that lead each to the other are one line: Graphviz 2.x can hang
    on such a pair inside one row, and one double-headed arrow reads better.
    """
    link, source, target = ends
    theme = layout.theme
    kind, attributes = _kind(layout, link, source, target)
    if layout.flat and (kind != "within" or source.kind is target.kind):
        # With links inside a row, dot's ranking can fail ("trouble in init_rank"); the
        # rows and columns fix the ranks anyway, so these links need not rank anything.
        attributes["constraint"] = "false"
    texts = []
    if link.sign is Sign.DAMPENS:
        attributes["style"] = "dashed"
        texts.append("−")
    if link.label:
        texts.extend(wrap(link.label, theme.wrap))
    if (link.source, link.target) in layout.loop_links:
        attributes.update(color=theme.highlight_colour, penwidth=f"{theme.highlight_pen:g}")
        kind = "highlight"
    elif layout.loop:
        attributes["color"] = theme.faded_colour
    sample = {k: v for k, v in attributes.items() if not k.endswith("port")}
    if link.sign is Sign.DAMPENS:
        samples.setdefault("dampens", {"style": "dashed", "color": sample.get("color", theme.within_colour)})
        sample.pop("style")
    samples.setdefault(kind, sample)
    if texts:
        # on white, so a line that passes under the label (a frame, another link) leaves it readable
        # a label on a link inside one row makes dot fail ("trouble in init_rank"): use xlabel
        flat = source.kind is target.kind
        attributes["xlabel" if flat else "label"] = html_label(
            '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1" BGCOLOR="white">'
            f"<TR><TD>{html_lines(texts)}</TD></TR></TABLE>"
        )
    ghost = layout.ghosts.get((link.source, link.target))
    tail = ghost[0] if ghost is not None and ghost[2] is source else layout.ids[link.source]
    head = ghost[0] if ghost is not None and ghost[2] is target else layout.ids[link.target]
    if both:
        attributes["dir"] = "both"
    label = layout.bridges.get((link.source, link.target))
    if label is not None:
        # the label is a node between the frames; the link runs into it and on to its target
        text = attributes.pop("label", "") or attributes.pop("xlabel", "")  # xlabel: a link within one row
        graph.node(label, label=text, shape="plaintext", style="", margin="0", fontsize=f"{theme.edge_size:g}",
                   fontcolor=theme.muted_text)  # fmt: skip
        graph.edge(tail, label, arrowhead="none", **attributes)
        graph.edge(label, head, **{**attributes, "constraint": "false"})
        return
    graph.edge(tail, head, **attributes)


def _ports(layout: Layout, source: Element, target: Element) -> dict[str, str]:
    """Ports for a link between the two tracks of one column, so it leaves on the facing side."""
    if source.partner is None or track_of(source.kind) == track_of(target.kind):
        return {}
    tracks = layout.tracks(layout.panel_of(source), source.partner)
    toward = "e" if tracks.index(track_of(source.kind)) == 0 else "w"
    if source.kind.layer == target.kind.layer:
        return {}
    return {"tailport": toward}
