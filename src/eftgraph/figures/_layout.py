"""Where everything goes: the grid of a figure (panels, columns, tracks, rows) and its ranks.

One row per layer (trigger on top, then behaviour … need), aligned across every
column by ``rank=same``; one panel per domain shown and in it one column per
partner, held straight by invisible heavy edges; the layer names in a column on
the left. Each column has two tracks, so a partner's part of the cycle is drawn
as a loop and no link passes through a box.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import attrs

from eftgraph._model import Case, Element, ElementKind
from eftgraph.figures._analysis import comparison
from eftgraph.figures._notes import Note, note_rows, place_notes
from eftgraph.figures._text import clean, wrap
from eftgraph.figures._theme import Theme
from eftgraph.figures._words import Words

__all__ = ["Layout", "Panel", "track_of"]

_DOWN = frozenset(
    {
        ElementKind.TRIGGER,
        ElementKind.EVENT,
        ElementKind.PERCEPTION,
        ElementKind.FEAR,
        ElementKind.PRIMARY_EMOTION,
        ElementKind.NEED,
    }
)
"""Kinds on a column's down track; behaviour and secondary emotion are on its up track.

The standard wiring runs perception → fear → primary (down), then primary →
secondary → behaviour (up): with the two on separate tracks each partner's part
of the cycle is drawn as a loop, and no link passes through a box.
"""


def track_of(kind: ElementKind) -> str:
    """The track of *kind* in a column: ``down`` or ``up``.

    >>> track_of(ElementKind.FEAR), track_of(ElementKind.BEHAVIOR)
    ('down', 'up')
    """
    return "down" if kind in _DOWN else "up"


@attrs.frozen
class Panel:
    """One domain's part of the figure: its columns, left to right (``None``: nobody's triggers)."""

    index: int
    domain: str
    columns: tuple[str | None, ...]


Ghost = tuple[str, Element, Element]
"""A link with one end outside the domains shown: ``(node id, inside, outside)``."""


class Layout:
    """What a figure of *case* shows and where: worked out once, read by every part that draws."""

    def __init__(
        self,
        case: Case,
        domains: tuple[str, ...],
        words: Words,
        theme: Theme,
        loop: tuple[str, ...],
        *,
        strongest: bool,
        path: bool = False,
        concerns: bool = True,
    ) -> None:
        self.case = case
        self.domains = domains
        self.words = words
        self.theme = theme
        self.loop = loop
        self.strongest = strongest
        self.compare = len(domains) == 2
        self.comparison = comparison(case, *domains) if self.compare else None
        # A path (the round walked so far) highlights its steps only, never a link back to its
        # start, and fades every element it has not reached.
        self.path = path
        n = len(loop)
        self.loop_links = (
            {(loop[i], loop[(i + 1) % n]) for i in range(n if not path else n - 1)} if n > 1 else set()
        )
        self.ids = {e.id: f"e{i}" for i, e in enumerate(case.elements)}
        shown = [e for e in case.elements if e.domain in domains]
        self.shown = {e.id for e in shown}
        self.rows = sorted({e.kind for e in shown}, key=lambda kind: kind.layer)
        self.panels = [Panel(i, d, self._columns(d)) for i, d in enumerate(domains)]
        self.cells: dict[tuple[int, str | None, ElementKind], list[Element]] = {}
        for panel in self.panels:
            for element in case.elements_in(panel.domain):
                self.cells.setdefault((panel.index, element.partner, element.kind), []).append(element)
        self.ghosts = self._ghosts()
        self.bridges = self._bridges()
        """Labelled links between the two panels of the compare view, by ``(source, target)``: the
        node of their label, which stands between the frames in the row of the link's target."""
        self.notes = place_notes(case, domains, [p.columns for p in self.panels]) if concerns else []
        self.flat = any(
            case.element(link.source).kind is case.element(link.target).kind
            and (link.source in self.shown or link.target in self.shown)
            for link in case.links
        )
        """True when a link joins two elements of the same row (two behaviours, say)."""
        self.heights: dict[ElementKind, str] = {}
        """Height of the boxes of each row under water (inches): the shaded boxes line up."""
        for kind in self.below():
            lines = max(len(wrap(e.label, theme.wrap)) for e in shown if e.kind is kind)
            self.heights[kind] = f"{(lines * theme.font_size * 1.25 + 16) / 72:.2f}"

    def _columns(self, domain: str) -> tuple[str | None, ...]:
        present = {e.partner for e in self.case.elements_in(domain)}
        columns: list[str | None] = [p.id for p in self.case.partners if p.id in present]
        if None in present:
            columns.insert(len(columns) // 2, None)
        return tuple(columns)

    def _ghosts(self) -> dict[tuple[str, str], Ghost]:
        """Links with one end outside the domains shown, by ``(source, target)``."""
        ghosts: dict[tuple[str, str], Ghost] = {}
        for link in self.case.links:
            ends = self.case.element(link.source), self.case.element(link.target)
            inside = [e for e in ends if e.id in self.shown]
            if len(inside) == 1:
                outside = ends[1] if inside[0] is ends[0] else ends[0]
                ghosts[(link.source, link.target)] = (f"g{len(ghosts)}", inside[0], outside)
        return ghosts

    def _bridges(self) -> dict[tuple[str, str], str]:
        """The labelled links from one panel to the other, each with the id of its label's node.

        An edge label is not a node to dot's frames: it can end up on a frame's line. A
        label node outside both frames stands between them, as every node outside a
        cluster must.
        """
        if not self.compare:
            return {}
        bridges: dict[tuple[str, str], str] = {}
        for link in self.case.links:
            ends = self.case.element(link.source), self.case.element(link.target)
            labelled = bool(" ".join(clean(link.label or "")))
            # a link within one row keeps its xlabel: dot cannot rank a node between two flat links
            crossing = ends[0].domain != ends[1].domain and ends[0].kind is not ends[1].kind
            if labelled and crossing and all(e.id in self.shown for e in ends):
                bridges[(link.source, link.target)] = f"b{len(bridges)}"
        return bridges

    def notes_under(self, panel: Panel, column: str | None) -> list[Note]:
        """The notes that stand under *column* of *panel* (``None``: between the columns), top down."""
        return [n for n in self.notes if n.panel == panel.index and n.column == column]

    def note_rows(self) -> list[list[str]]:
        """The rows of notes under the layers (see `_notes.note_rows`)."""
        return note_rows(self.notes, [(p.index, p.columns) for p in self.panels])

    def bottom(self) -> str:
        """The lowest node of the column of layer names: the legend goes under it."""
        rows = self.note_rows()
        return rows[-1][0] if rows else f"l{self.rows[-1].layer}"

    def crowd(self) -> int:
        """How many people beyond three the figure holds (0 for couples and triads)."""
        return max(0, len(self.case.partners) - 3)

    def below(self) -> list[ElementKind]:
        """The rows under the waterline."""
        return [kind for kind in self.rows if kind.below_waterline]

    def above(self) -> list[ElementKind]:
        """The rows above the waterline."""
        return [kind for kind in self.rows if not kind.below_waterline]

    def panel_of(self, element: Element) -> Panel:
        """The panel *element* is drawn in."""
        return self.panels[self.domains.index(element.domain)]

    # ------------------------------------------------------------------ node ids

    def group(self, panel: Panel, column: str, track: str) -> str:
        """The Graphviz group of one track: links between its nodes are kept straight and uncrossed.

        Only nodes above the waterline get one: dot's ranking can fail ("trouble in
        init_rank") on groups that reach into a cluster, and the shaded boxes keep
        what is under water in its column anyway.
        """
        return f"t{panel.index}_{panel.columns.index(column)}{track[0]}"

    def water_id(self, panel: Panel, column: str | None, track: str) -> str:
        """The stretch of the waterline across one track of a column."""
        return f"w{panel.index}_{panel.columns.index(column)}{track[0]}"

    def water_row(self) -> list[str]:
        """The waterline's row, left to right: its name, then a stretch per track of every column.

        Empty when nothing (or everything) lies below the waterline. The stretches line
        up into one line across the figure; a link crosses it in the gap between two.
        """
        if not self.below() or not self.above():
            return []
        return ["wl"] + [
            self.water_id(panel, column, track)
            for panel in self.panels
            for column in panel.columns
            for track in self.tracks(panel, column)
        ]

    def head_id(self, panel: Panel, column: str) -> str:
        """The node of a column's head (the partner's name and position)."""
        return f"h{panel.index}_{panel.columns.index(column)}"

    def placeholder(self, panel: Panel, column: str, kind: ElementKind, track: str) -> str:
        """The invisible node that holds an empty slot of a column's track."""
        return f"p{panel.index}_{panel.columns.index(column)}_{kind.layer}{track[0]}"

    # ------------------------------------------------------------------ rows and columns

    @staticmethod
    def tracks(panel: Panel, column: str | None) -> tuple[str, ...]:
        """A column's tracks, left to right: the down track on the outside of the figure."""
        if column is None:
            return ("down",)
        partners = [c for c in panel.columns if c is not None]
        left = partners.index(column) < (len(partners) + 1) // 2
        return ("down", "up") if left else ("up", "down")

    def tracks_in(self, panel: Panel, column: str | None, kind: ElementKind) -> tuple[str, ...]:
        """The tracks of a column that hold a slot in the row of *kind*: under water, the down track only.

        The under-water part of a column is one shaded box around its down track; a slot of
        the up track beside it (outside the box) would be free to change places with it,
        for dot orders a cluster as one block, and the box would slide under the up track.
        """
        tracks = self.tracks(panel, column)
        return ("down",) if kind.below_waterline and self.above() else tracks

    def moved(self, panel: Panel, column: str | None, kind: ElementKind) -> Element | None:
        """A second element of a kind above the waterline, drawn on the column's other (free) track.

        So a partner's extra behaviour ("works late") stays inside that partner's
        column instead of standing beside it like a column of its own.
        """
        cell = self.cells.get((panel.index, column, kind), [])
        if column is None or kind.below_waterline or len(cell) < 2:
            return None
        return cell[1]

    def slot(self, panel: Panel, column: str | None, kind: ElementKind, track: str) -> list[str]:
        """The nodes of one track of one column in one row: its elements, or a placeholder."""
        if track_of(kind) == track:
            cell = self.cells.get((panel.index, column, kind), [])
            if cell:
                return [self.ids[e.id] for e in cell]
        if column is None:
            return []
        moved = self.moved(panel, column, kind)
        if moved is not None:
            return [self.ids[moved.id]]
        return [self.placeholder(panel, column, kind, track)]

    def _row_part(self, panel: Panel, column: str | None, kind: ElementKind) -> list[str]:
        """A column's nodes in one row, left to right.

        A second element of the same kind (two behaviours, say) takes the column's
        free track; any more go on the outer side of the column.
        """
        tracks = self.tracks(panel, column)
        if column is None:
            return [node for track in tracks for node in self.slot(panel, column, kind, track)]
        nodes = [self.slot(panel, column, kind, track)[0] for track in self.tracks_in(panel, column, kind)]
        moved = self.moved(panel, column, kind)
        extras = [
            self.ids[e.id] for e in self.cells.get((panel.index, column, kind), [])[1:] if e is not moved
        ]
        return extras + nodes if tracks[0] == "down" else nodes + extras

    def _linked_nodes(self) -> set[frozenset[str]]:
        """The pairs of nodes that a drawn link joins (either way)."""
        pairs = set()
        for link in self.case.links:
            ghost = self.ghosts.get((link.source, link.target))
            ends = [
                self.ids[end] if end in self.shown else ghost[0] if ghost else ""
                for end in (link.source, link.target)
            ]
            if all(ends):
                pairs.add(frozenset(ends))
            label = self.bridges.get((link.source, link.target))
            if label is not None:
                pairs.update({frozenset((ends[0], label)), frozenset((label, ends[1]))})
        return pairs

    def _rows_of_nodes(self) -> list[list[str]]:
        """The nodes of each row, left to right, the column heads first."""
        heads = ["hl"] + [
            self.head_id(panel, column)
            for panel in self.panels
            for column in panel.columns
            if column is not None
        ]
        rows = [heads]
        for kind in self.rows:
            row = [f"l{kind.layer}"]
            for panel in self.panels:
                if panel.index == 1:  # between the frames: the labels of the links into this row
                    row.extend(
                        label
                        for (_, target), label in self.bridges.items()
                        if self.case.element(target).kind is kind
                    )
                for column in panel.columns:
                    row.extend(self._row_part(panel, column, kind))
            for node, inside, outside in self.ghosts.values():
                if outside.kind is kind:
                    panel = self.panel_of(inside)
                    left = inside.partner is not None and self.tracks(panel, inside.partner)[0] == "down"
                    row.insert(1, node) if left else row.append(node)
            rows.append(row)
        water = self.water_row()
        if water:
            rows.insert(1 + len(self.above()), water)
        return rows + self.note_rows()

    def rank(self, graph: Any) -> None:
        """Hold the rows level and the columns straight with ``rank=same`` and invisible edges."""
        rows = self._rows_of_nodes()
        linked = self._linked_nodes()
        for row in rows:
            with graph.subgraph() as rank:
                rank.attr(rank="same")
                for node in row:
                    rank.node(node)
                for tail, head in pairwise(row):
                    # Graphviz fails ("lost edge") or hangs on a flat link doubled by an
                    # invisible one; the groups keep those two nodes in order anyway.
                    if frozenset((tail, head)) not in linked:
                        rank.edge(tail, head, style="invis")
        spine = [row[0] for row in rows]
        for tail, head in pairwise(spine):
            graph.edge(tail, head, style="invis", weight="20")
        for panel in self.panels:
            for column in panel.columns:
                if column is None:
                    continue
                for track in self.tracks(panel, column):
                    chain = [self.head_id(panel, column)]
                    chain.extend(
                        self.slot(panel, column, kind, track)[0]
                        for kind in self.rows
                        if track in self.tracks_in(panel, column, kind)
                    )
                    if len(self.water_row()) > 1:
                        chain.insert(1 + len(self.above()), self.water_id(panel, column, track))
                    if track == "down":  # the notes stand under the shaded box of the column
                        chain.extend(note.node for note in self.notes_under(panel, column))
                    for tail, head in pairwise(chain):
                        # held hardest at the waterline: its stretch keeps the up track off the shaded box
                        water = head[0] == "w" or tail[0] == "w"
                        graph.edge(tail, head, style="invis", weight="100" if water else "20")
            self._between(graph, panel)

    def _between(self, graph: Any, panel: Panel) -> None:
        """Pull the notes of no one's column to the middle: tied to the inner track of every column."""
        between = self.notes_under(panel, None)
        if not between:
            return
        inner = []  # the lowest slot of each column's inner track: the note stands between them
        for column in panel.columns:
            if column is not None:
                track = self.tracks(panel, column)[-1]
                kind = [k for k in self.rows if track in self.tracks_in(panel, column, k)][-1]
                inner.append(self.slot(panel, column, kind, track)[0])
        for tail in inner:
            graph.edge(tail, between[0].node, style="invis", weight="5")
        for upper, lower in pairwise(between):
            graph.edge(upper.node, lower.node, style="invis", weight="20")
