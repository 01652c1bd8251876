"""The boxes of a figure: layer names, column heads, elements, placeholders and the shaded water.

The waterline is a row of its own: a line in stretches, one per track of every
column, that reads as one line across the figure (the links cross it in the gaps).
What lies below it sits in shaded clusters without a border: one for the layer
names, and one per column of each panel (one box across all columns would make
every link that passes the under-water rows go around the whole box, for a
cluster must be contiguous). In the compare view,
each panel is a framed cluster named after its domain's cycle. A concern is a
folded-corner note under its partner's column, below the shaded box: outside the
cycle, yet on the same page.
"""

from __future__ import annotations

from typing import Any

from eftgraph._model import Element, ElementKind, Position, Stance
from eftgraph.figures._analysis import positions_in
from eftgraph.figures._layout import Layout, Panel, track_of
from eftgraph.figures._notes import Note
from eftgraph.figures._text import clean, display_width, escape, font, html_label, html_lines, wrap

__all__ = ["draw_nodes"]


def draw_nodes(layout: Layout, graph: Any) -> None:
    """Add every box of *layout* to *graph*."""
    below = layout.below()
    graph.node("hl", label="", shape="plaintext", style="", width="0", height="0")
    for kind in layout.above():
        _layer_node(layout, graph, kind)
    if layout.water_row():
        graph.node(
            "wl",
            label=html_label(font(escape(layout.words("waterline")))),
            shape="plaintext",
            style="",
            group="layers",
            fontsize=f"{layout.theme.layer_size:g}",
            fontcolor=layout.theme.water_border,
        )
    if below:
        with graph.subgraph(name="cluster_wl") as water:
            _water(layout, water, label="" if layout.water_row() else escape(layout.words("waterline")))
            for kind in below:
                _layer_node(layout, water, kind)
    for node, _inside, outside in layout.ghosts.values():
        _ghost(layout, graph, node, outside)
    for row in layout.note_rows():
        graph.node(row[0], label="", shape="plaintext", style="", width="0", height="0", group="layers")
    theme = layout.theme
    for panel in layout.panels:
        if not layout.compare:
            _panel(layout, graph, panel)
            continue
        with graph.subgraph(name=f"cluster_d{panel.index}") as box:
            box.attr(
                label=html_label(html_lines([layout.words.cycle(panel.domain)], bold=True)),
                fontname=theme.font,
                fontsize=f"{theme.head_size:g}",
                fontcolor=theme.text,
                style="rounded",
                color=theme.domain_border,
                penwidth="1.2",
                labelloc="t",
                margin="12",
            )
            _panel(layout, box, panel)


def _water(layout: Layout, subgraph: Any, *, label: str) -> None:
    """Shade *subgraph* as under water; *label* is HTML (escaped already).

    Where the waterline is drawn as a line above it, the shade has no border of its own.
    """
    theme = layout.theme
    subgraph.attr(
        style=theme.water_style,
        fillcolor=theme.water_fill,
        color=theme.water_fill if layout.water_row() else theme.water_border,
        penwidth="1.5",
        fontname=theme.font,
        fontsize=f"{theme.layer_size:g}",
        fontcolor=theme.muted_text,
        labeljust="l",
        labelloc="t",
        label=html_label(font(label)) if label else "",
        margin="10",
    )


def _waterline(layout: Layout, graph: Any, panel: Panel) -> None:
    """The waterline across *panel*: a stretch of line per track, as wide as the track's boxes."""
    theme = layout.theme
    for (column, track), width in _stretches(layout, panel).items():
        graph.node(
            layout.water_id(panel, column, track),
            label="",
            shape="box",
            style="filled",
            color=theme.water_border,
            fillcolor=theme.water_border,
            fixedsize="true",
            height="0.03",
            width=f"{width:.2f}",
        )


def _stretches(layout: Layout, panel: Panel) -> dict[tuple[str | None, str], float]:
    """The width of the waterline's stretch under each track of *panel* (inches), left to right.

    Over a column's shaded box the stretch is as wide as the box: in the one row of the
    waterline it keeps the column's up track clear of the box. Any other stretch is as
    wide as the widest box of its track (at least 0.9), so that the stretches read as one
    line across the figure; capping them to what the rows alone hold the tracks apart by
    left stubs between the columns.
    """
    theme = layout.theme

    def width(elements: list[Element]) -> float:
        chars = max((display_width(line) for e in elements for line in wrap(e.label, theme.wrap)), default=0)
        return chars * theme.font_size * 0.55 / 72 + 0.3

    tracks = [(column, track) for column in panel.columns for track in layout.tracks(panel, column)]
    rows: dict[tuple[str | None, str], dict[ElementKind, float]] = {}
    widths: dict[tuple[str | None, str], float] = {}
    fixed = set()
    for column, track in tracks:
        rows[(column, track)] = {}
        for kind in layout.rows:
            if track not in layout.tracks_in(panel, column, kind):
                continue
            cell = layout.cells.get((panel.index, column, kind), [])
            moved = layout.moved(panel, column, kind)
            held = [e for e in cell if track_of(kind) == track] or ([moved] if moved is not None else [])
            if held or column is not None:
                rows[(column, track)][kind] = max(width(held), 0.3) if held else 0.3
        boxes = [w for w in rows[(column, track)].values() if w > 0.3]
        widths[(column, track)] = max(0.9, max(boxes, default=0.9))
        shaded = [w for k, w in rows[(column, track)].items() if k.below_waterline and w > 0.3]
        if column is not None and track == "down" and shaded:
            widths[(column, track)] = max(shaded) + 0.28  # the box and its margins
            fixed.add((column, track))
    return widths


def _panel(layout: Layout, graph: Any, panel: Panel) -> None:
    """One domain's heads and cells; each column's under-water cells in a shaded box of their own."""
    _heads(layout, graph, panel)
    if layout.water_row():
        _waterline(layout, graph, panel)
    for kind in layout.rows:
        for column in panel.columns:
            for track in layout.tracks_in(panel, column, kind):
                if not (kind.below_waterline and track == "down"):
                    _slot_nodes(layout, graph, panel, column, kind, track)
    below = layout.below()
    for index, column in enumerate(panel.columns):
        if column is None or not below:
            continue
        if not any(layout.cells.get((panel.index, column, kind)) for kind in below):
            # nothing of this partner lies below the waterline here: no empty shaded box
            for kind in below:
                _slot_nodes(layout, graph, panel, column, kind, "down")
            continue
        with graph.subgraph(name=f"cluster_w{panel.index}_{index}") as water:
            _water(layout, water, label="" if layout.water_row() else "&#160;")
            for kind in below:
                _slot_nodes(layout, water, panel, column, kind, "down")
    for note in layout.notes:
        if note.panel == panel.index:
            _note(layout, graph, note)


def _note(layout: Layout, graph: Any, note: Note) -> None:
    """A concern: a calm folded-corner note, the word for a referral over its label."""
    theme = layout.theme
    columns = 0  # as narrow as the widest box of the column's down track, so the note stays inside it
    if note.column is not None:
        labels = [
            e.label
            for kind in layout.rows
            if track_of(kind) == "down"
            for e in layout.cells.get((note.panel, note.column, kind), [])
        ]
        columns = max(
            (display_width(line) for label in labels for line in wrap(label, theme.wrap)), default=0
        )
    width = min(theme.wrap, max(12, columns)) if columns else theme.wrap
    marker = font(f"<I>{escape(layout.words('referral'))}</I>", size=theme.edge_size, colour=theme.muted_text)
    graph.node(
        note.node,
        label=html_label(marker + "<BR/>" + html_lines(wrap(note.concern.label, width))),
        shape="note",
        style="filled",
        fillcolor=theme.note_fill,
        color=theme.note_border,
        penwidth=f"{theme.node_pen:g}",
        margin="0.14,0.06",
    )


def _ghost(layout: Layout, graph: Any, node: str, outside: Element) -> None:
    """A small dashed box for an element of a cycle not shown, at the end of a link that leads there."""
    theme = layout.theme
    words = layout.words
    where = font(f"<I>{escape(words('elsewhere', cycle=words.cycle(outside.domain)))}</I>")
    graph.node(
        node,
        label=html_label(where + "<BR/>" + html_lines(wrap(outside.label, theme.wrap))),
        style="rounded,dashed",
        color=theme.faded_colour if layout.path else theme.muted_text,
        fontcolor=theme.faded_text if layout.path else theme.muted_text,
        fontsize=f"{theme.edge_size:g}",
    )


def _layer_node(layout: Layout, graph: Any, kind: ElementKind) -> None:
    theme = layout.theme
    graph.node(
        f"l{kind.layer}",
        label=html_label(html_lines(wrap(layout.words.layer(kind), 16))),
        group="layers",
        shape="plaintext",
        style="",
        fontsize=f"{theme.layer_size:g}",
        fontcolor=theme.muted_text,
        **({"height": layout.heights[kind]} if kind in layout.heights else {}),
    )


def _slot_nodes(
    layout: Layout, graph: Any, panel: Panel, column: str | None, kind: ElementKind, track: str
) -> None:
    cell = layout.cells.get((panel.index, column, kind), []) if track_of(kind) == track else []
    for element in cell:
        _element(layout, graph, element)
    if not cell and column is not None and layout.moved(panel, column, kind) is None:
        in_water = kind.below_waterline and track == "down"
        graph.node(
            layout.placeholder(panel, column, kind, track),
            label="",
            style="invis",
            width="0.3",
            height=layout.heights.get(kind, "0.3"),
            **({} if in_water else {"group": layout.group(panel, column, track)}),
        )


def _heads(layout: Layout, graph: Any, panel: Panel) -> None:
    """The head of each column: the partner's name and position (and a reversal, second panel)."""
    theme = layout.theme
    positions = positions_in(layout.case, panel.domain)
    flipped = layout.comparison.reversed if layout.comparison is not None else frozenset()
    for column in panel.columns:
        if column is None:
            continue
        position = positions[column]
        held = secure_stance(layout, panel, column) if position is Position.UNDETERMINED else None
        said = layout.words(f"position.{held}") if held else layout.words.position(position)
        lines = [html_lines([" ".join(clean(layout.case.partner(column).name))], bold=True)]
        lines.append(font(escape(said), size=theme.font_size))
        attributes = {
            "fillcolor": theme.head_fills[held or position.value],
            "color": theme.stance_colours[held] if held else theme.head_borders[position.value],
            "penwidth": f"{theme.behavior_pen:g}",
        }
        if column in flipped and panel.index == 1:
            reversed_ = escape(layout.words("reversed"))
            lines.append(font(f"<I>{reversed_}</I>", size=theme.edge_size, colour=theme.reversal_colour))
            attributes["peripheries"] = "2"
        graph.node(
            layout.head_id(panel, column),
            label=html_label("<BR/>".join(lines)),
            fontsize=f"{theme.head_size:g}",
            style="filled",
            margin="0.2,0.08",
            **attributes,
        )


def _element(layout: Layout, graph: Any, element: Element) -> None:
    theme = layout.theme
    attributes: dict[str, str] = {}
    if element.kind is ElementKind.BEHAVIOR:
        attributes["penwidth"] = f"{theme.behavior_pen:g}"
        if element.stance is not None:
            attributes["color"] = theme.stance_colours[element.stance.value]
    elif element.kind in (ElementKind.TRIGGER, ElementKind.EVENT):  # outside the round: dashed
        attributes["fillcolor"] = theme.trigger_fill
        attributes["style"] = "rounded,filled,dashed"
        if element.injury:  # an attachment injury: a double outline
            attributes["peripheries"] = "2"
    if element.partner is not None and not element.kind.below_waterline:
        panel = layout.panel_of(element)
        cell = layout.cells[(panel.index, element.partner, element.kind)]
        if cell[0] is element:
            attributes["group"] = layout.group(panel, element.partner, track_of(element.kind))
        elif layout.moved(panel, element.partner, element.kind) is element:
            other = "up" if track_of(element.kind) == "down" else "down"
            attributes["group"] = layout.group(panel, element.partner, other)
    if layout.comparison is not None and element.id in layout.comparison.recurring:
        attributes["peripheries"] = "2"
        attributes.setdefault("color", theme.bridge_colour)
    if element.id in layout.loop:
        attributes["color"] = theme.highlight_colour
        attributes["penwidth"] = f"{theme.highlight_pen * 0.7:g}"
    elif layout.path:
        attributes.update(color=theme.faded_colour, fontcolor=theme.faded_text)
    graph.node(
        layout.ids[element.id],
        label=html_label(html_lines(wrap(element.label, theme.wrap))),
        **({"height": layout.heights[element.kind]} if element.kind in layout.heights else {}),
        **attributes,
    )


def secure_stance(layout: Layout, panel: Panel, column: str) -> str | None:
    """``reach`` or ``respond`` when every behaviour of *column* in *panel* has that stance, else ``None``.

    A partner of a secure cycle holds no pursuer or withdrawer position; the head says what they do.
    """
    stances = {
        element.stance for element in layout.cells.get((panel.index, column, ElementKind.BEHAVIOR), [])
    }
    if len(stances) == 1 and next(iter(stances)) in (Stance.REACH, Stance.RESPOND):
        return str(next(iter(stances)).value)  # type: ignore[union-attr]
    return None
