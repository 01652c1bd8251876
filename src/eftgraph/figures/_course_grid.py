"""Where everything of the course view goes: one grid for every panel, held as the cycle view's is.

Each partner's column has two tracks (perception, fear, primary emotion and need
down one, secondary emotion and behaviour up the other, the down track outside,
as in `eftgraph.figures._layout`), each track a Graphviz group chained from the
partner's head by invisible heavy edges; each row is ``rank=same`` with invisible
edges left to right; a partner's second element of a kind takes the column's free
track, any more stand beside it; the elements of no partner have a column of their
own between the partners. Every panel holds every element and every link of every
moment (invisible where absent), so dot lays each panel out alike.

>>> from eftgraph import load
>>> from eftgraph.figures._theme import THEMES
>>> case = load("examples/janine-mathijs.en.yaml")
>>> grid = grid_of([(None, case)], "everyday", THEMES["default"])
>>> grid.columns
('janine', 'mathijs')
>>> grid.row(0, "mathijs", ElementKind.BEHAVIOR)  # his up track, then the laptop evening on his free one
['m0__everyday.mathijs.behavior', 'm0__laptop-evening']
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from eftgraph._model import ElementKind, Sign
from eftgraph.figures._layout import Layout, Panel, track_of
from eftgraph.figures._text import display_width, wrap
from eftgraph.figures._theme import Theme

if TYPE_CHECKING:
    from eftgraph._model import Case, Element
    from eftgraph.figures._figure import Figure

__all__ = ["Grid", "Moment", "grid_of", "links_of", "node_id", "rank"]

Moment = tuple["int | None", "Case"]
"""A moment of a course: the session its formulation starts at (``None``: the intake) and that case."""


@attrs.frozen
class Grid:
    """Where each element of one domain goes, over all moments: the same place in every panel."""

    domain: str
    columns: tuple[str | None, ...]
    """The partners, left to right; ``None`` (elements of no partner) in the middle."""
    rows: tuple[ElementKind, ...]
    cells: dict[tuple[ElementKind, str | None], list[str]]
    """The ids of the elements of each (row, column), in first-seen order."""
    known: dict[str, Element]
    """Each element as first seen, for a place it does not fill yet."""
    widths: dict[str, str]
    """Each element's box width (inches): its widest wording, so its box is the same in every panel."""
    links: tuple[tuple[str, str], ...]
    """Every link of the domain at any moment, as (source, target): each panel holds them all."""

    def tracks(self, column: str | None) -> tuple[str, ...]:
        """A column's tracks, left to right, as in the cycle view (the down track outside)."""
        return Layout.tracks(Panel(0, self.domain, self.columns), column)

    def group(self, index: int, column: str | None, track: str) -> str:
        """The Graphviz group of one track of a column in panel *index*."""
        return f"t{index}_{self.columns.index(column)}{track[0]}"

    def pad(self, index: int, column: str | None, kind: ElementKind, track: str) -> str:
        """The invisible node that holds an empty place."""
        return f"m{index}__pad__{kind.layer}_{self.columns.index(column)}{track[0]}"

    def place(self, kind: ElementKind, column: str | None, position: int) -> str | None:
        """The track of the *position*-th element of a cell; ``None`` past the tracks.

        The first element of a kind goes on its kind's track, a second one on the
        column's other (free) track, so it stays inside its partner's column. The
        column of no one's elements has one track.
        """
        if column is None:
            return "down" if position == 0 else None
        own = track_of(kind)
        return own if position == 0 else _other(own) if position == 1 else None

    def slot(self, index: int, column: str | None, kind: ElementKind, track: str) -> str:
        """The node on one track of a column in one row of panel *index*: an element or a pad."""
        for position, eid in enumerate(self.cells.get((kind, column), [])):
            if self.place(kind, column, position) == track:
                return node_id(index, eid)
        return self.pad(index, column, kind, track)

    def row(self, index: int, column: str | None, kind: ElementKind) -> list[str]:
        """A column's nodes in one row of panel *index*, left to right; any more elements outside."""
        tracks = self.tracks(column)
        nodes = [self.slot(index, column, kind, track) for track in tracks]
        extras = [
            node_id(index, eid)
            for position, eid in enumerate(self.cells.get((kind, column), []))
            if self.place(kind, column, position) is None
        ]
        return extras + nodes if column is not None and tracks[0] == "down" else nodes + extras

    def rows_of(self, index: int) -> list[list[str]]:
        """Panel *index*'s part of each row, left to right: the partners' heads, then each layer."""
        heads = [f"m{index}__head__{column}" for column in self.columns if column is not None]
        return [heads] + [
            [node for column in self.columns for node in self.row(index, column, kind)] for kind in self.rows
        ]

    def position(self, eid: str) -> int:
        """Where element *eid* stands in its row, counted from the left (the same in every panel)."""
        kind = self.known[eid].kind
        row = [node for column in self.columns for node in self.row(0, column, kind)]
        return row.index(node_id(0, eid))

    def track(self, eid: str) -> str:
        """The track element *eid* is drawn on (beside its column's tracks: the nearest)."""
        element = self.known[eid]
        position = self.cells[(element.kind, element.partner)].index(eid)
        found = self.place(element.kind, element.partner, position)
        return found or self.tracks(element.partner)[0]

    def port(self, link: tuple[str, str]) -> dict[str, str]:
        """The ports of a link inside a partner's column, so it crosses no other link there.

        From one track to the other in the next row, it leaves on the side facing the
        other track. Down one track past a row into an element that leaves for the
        other track past a row too (perception → primary emotion → behaviour, with no
        secondary emotion), it comes in at the outer corner, clear of the link leaving.
        """
        source, target = (self.known[end] for end in link)
        column = source.partner
        if column is None or column != target.partner:
            return {}
        tracks = self.tracks(column)
        step = self.rows.index(target.kind) - self.rows.index(source.kind)
        if self.track(source.id) == self.track(target.id):
            if step > 1 and self._leaves_past_a_row(target):
                return {"headport": "nw" if tracks.index(self.track(target.id)) == 0 else "ne"}
            return {}
        if abs(step) != 1:
            return {}  # past a row, with a port dot routes it round the outside of the column
        return {"tailport": "e" if tracks.index(self.track(source.id)) == 0 else "w"}

    def _leaves_past_a_row(self, element: Element) -> bool:
        """Whether a link leads from *element* up to the other track of its column, past a row."""
        for source, target in self.links:
            other = self.known[target]
            if (
                source == element.id
                and other.partner == element.partner
                and self.track(target) != self.track(source)
                and self.rows.index(other.kind) < self.rows.index(element.kind) - 1
            ):
                return True
        return False

    def group_of(self, index: int, column: str | None, kind: ElementKind, eid: str) -> dict[str, str]:
        """The ``group`` attribute of an element's node: its track's (none beside the tracks)."""
        track = self.place(kind, column, self.cells[(kind, column)].index(eid))
        return {"group": self.group(index, column, track)} if track else {}


def _other(track: str) -> str:
    return "up" if track == "down" else "down"


def node_id(index: int, eid: str) -> str:
    """The node of element *eid* in panel *index*."""
    return f"m{index}__{eid}"


def grid_of(moments: Sequence[Moment], domain: str, style: Theme) -> Grid:
    """The places of all elements of *domain* over all *moments*, in first-seen order."""
    cells: dict[tuple[ElementKind, str | None], list[str]] = {}
    known: dict[str, Element] = {}
    chars: dict[str, int] = {}
    links: dict[tuple[str, str], None] = {}
    for _, moment in moments:
        inside = {e.id: e for e in moment.elements_in(domain)}
        for element in inside.values():
            if element.id not in known:  # an element that changes kind or partner keeps its first place
                cells.setdefault((element.kind, element.partner), []).append(element.id)
                known[element.id] = element
            widest = max((display_width(line) for line in wrap(element.label, style.wrap)), default=0)
            chars[element.id] = max(chars.get(element.id, 0), widest)
        for link in moment.links:
            if link.source in inside and link.target in inside:
                links[(link.source, link.target)] = None
    order = list(dict.fromkeys(p.id for _, c in moments for p in c.partners))
    present = {partner for _, partner in cells}
    columns: list[str | None] = [p for p in order if p in present]
    if None in present:
        columns.insert(len(columns) // 2, None)
    rows = tuple(sorted({kind for kind, _ in cells}, key=lambda kind: kind.layer))
    widths = {eid: f"{max(1.2, n * style.font_size * 0.6 / 72 + 0.3):.2f}" for eid, n in chars.items()}
    return Grid(domain, tuple(columns), rows, cells, known, widths, tuple(links))


def links_of(
    index: int, moment: Case, grid: Grid, style: Theme
) -> list[tuple[tuple[str, str], dict[str, str]]]:
    """The links of the grid's domain at *moment*, as (tail and head node, attributes).

    A link of another moment is there too, invisible: every panel holds the same
    graph, so dot lays each out alike. Two links that lead each to the other are
    one line with two heads (Graphviz 2.x can hang on such a pair inside a row). A
    link between two elements of one row runs left to right, as the row is held
    (drawn backwards if need be), and carries its sign as ``xlabel`` (a label there
    makes dot's ranking fail, "trouble in init_rank"). A link from one track of a partner's
    column to the other leaves on the side facing it, so it does not cross the
    links coming in (as in the cycle view).
    """
    inside = {e.id: e for e in moment.elements_in(grid.domain)}
    drawn = [link for link in moment.links if link.source in inside and link.target in inside]
    signs = {(link.source, link.target): link.sign for link in drawn}
    edges = []
    done: set[frozenset[str]] = set()
    for link in drawn:
        both = signs.get((link.target, link.source)) is link.sign
        done.add(frozenset((link.source, link.target)))
        if both and (link.target, link.source) < (link.source, link.target):
            continue  # drawn once, with two heads, with its partner link
        attributes = _edge_style(link.sign, style)
        if inside[link.source].kind is inside[link.target].kind and "label" in attributes:
            attributes["xlabel"] = attributes.pop("label")
        if both:
            attributes["dir"] = "both"
        edges.append(((link.source, link.target), attributes))
    for ends in grid.links:
        if frozenset(ends) not in done:  # a link of another moment holds its place here
            done.add(frozenset(ends))
            edges.append((ends, {"style": "invis"}))
    placed = []
    for (a, b), attributes in edges:
        attributes.update(grid.port((a, b)))
        if grid.position(a) > grid.position(b) and grid.known[a].kind is grid.known[b].kind:
            # a link inside a row runs left to right, as the row's order: drawn backwards if need be
            a, b = b, a
            attributes["dir"] = "both" if attributes.get("dir") == "both" else "back"
        placed.append(((node_id(index, a), node_id(index, b)), attributes))
    return placed


def _edge_style(sign: Sign, style: Theme) -> dict[str, str]:
    dampens = sign is Sign.DAMPENS
    colour = (style.stance_colours.get("reach") or style.text) if dampens else style.within_colour
    attributes = {
        "color": colour,
        "penwidth": str(style.within_pen * (1.8 if dampens else 1)),
        "style": "dashed" if dampens else "solid",
        "fontcolor": colour,
        "fontsize": str(style.edge_size),
    }
    if dampens:
        attributes["label"] = " − "
    return attributes


def rank(graph: Figure, grid: Grid, count: int) -> str:
    """Hold the rows level and the columns straight, as the cycle view does; the last row's name.

    Each row is ``rank=same``: the layer name, then every panel's part of it (held
    left to right in the panel), joined by invisible edges. Each track of a column
    is an invisible heavy chain from its partner's head down through every row.
    """
    parts = [grid.rows_of(i) for i in range(count)]
    names = ["row__head"] + [f"row__{kind.value}" for kind in grid.rows]
    for number, name in enumerate(names):
        row = [[name]] + [part[number] for part in parts if part[number]]
        with graph.subgraph() as same:
            same.attr(rank="same")
            for node in itertools.chain.from_iterable(row):
                same.node(node)
            for left, right in itertools.pairwise(row):
                same.edge(left[-1], right[0], style="invis")
    for tail, head in itertools.pairwise(names):
        graph.edge(tail, head, style="invis", weight="20")
    for i in range(count):
        for column in grid.columns:
            for track in grid.tracks(column):
                top = [f"m{i}__head__{column}"] if column is not None else []
                chain = top + [grid.slot(i, column, kind, track) for kind in grid.rows]
                for tail, head in itertools.pairwise(chain):
                    graph.edge(tail, head, style="invis", weight="20")
    return names[-1]
