"""The course view: one domain at two or more moments of a course, in one fixed layout.

Each moment is a panel; every panel holds the same grid (rows: the layers, columns:
the partners), so an element keeps its place from moment to moment. What is new
since the first moment (a new element, new wording, a new stance) is drawn bold in
green; what has gone is faded and dashed; an element not there yet leaves an empty
place. With the negative cycle at the intake and the secure cycle at the end, the
panels show the old dance beside the new one.

The grid is held the way the cycle view holds its own (`eftgraph.figures._layout`):
each partner's column has two tracks (perception, fear, primary emotion and need
down one, secondary emotion and behaviour up the other), each track a Graphviz
group chained from the partner's head by invisible heavy edges; each row is
``rank=same`` with invisible edges left to right; a partner's second element of a
kind takes the column's free track. So each partner's boxes stay in that partner's
column, in the same order in every panel and with every renderer.

>>> from eftgraph import load
>>> figure = course_view(load("examples/janine-mathijs.en.yaml"),
...                      [(None, load("examples/janine-mathijs.en.yaml")),
...                       (14, load("examples/janine-mathijs.session-14.en.yaml"))], domain="sexual")
>>> "new dance" in figure.source and "old dance" in figure.source
True
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from eftgraph._course_narrative import Words
from eftgraph._loops import Pattern, loops
from eftgraph._model import ElementKind, Sign
from eftgraph._suggest import unknown
from eftgraph.errors import FigureError, LoopLimitError
from eftgraph.figures._figure import Figure
from eftgraph.figures._layout import Layout, Panel, track_of
from eftgraph.figures._text import display_width, escape, html_lines, wrap
from eftgraph.figures._theme import OKABE_ITO, THEMES, Theme
from eftgraph.figures._words import Words as FigureWords

if TYPE_CHECKING:
    from eftgraph._model import Case, Element

__all__ = ["course_figure", "course_view", "timeline_file"]

Moment = tuple["int | None", "Case"]


def _choose(case: Case, moments: Sequence[Moment], domain: str | None) -> str:
    names = list(dict.fromkeys(name for _, c in moments for name in c.domains))
    if domain is None:
        return names[0] if names else "everyday"
    if domain not in names:
        raise FigureError(unknown("domain", domain, names))
    return domain


def course_view(
    case: Case,
    moments: Sequence[Moment],
    *,
    domain: str | None = None,
    language: object = None,
    theme: str = "default",
) -> Figure:
    """*domain* of each ``(session, case)`` moment side by side (session ``None`` is the intake)."""
    if theme not in THEMES:
        raise FigureError(unknown("theme", theme, THEMES))
    if len(moments) < 2:
        raise FigureError("the course view needs two or more moments (the case has no later formulation)")
    style = THEMES[theme]
    words = Words(case, language)
    name = _choose(case, moments, domain)
    grid = _grid(moments, name, style)
    graph = Figure(name="course", engine="dot")
    title = words("view.title", title=case.title or case.id, cycle=words.cycle(name))
    graph.attr(
        rankdir="TB", newrank="true", remincross="false", nodesep="0.25", ranksep="0.35", outputorder="edgesfirst", fontname=style.font,
        label=f"<<B>{escape(title)}</B>>", labelloc="t", fontsize=str(style.title_size), fontcolor=style.text,
    )  # fmt: skip
    graph.attr(
        "node", shape="box", style="rounded,filled", fontname=style.font, fontsize=str(style.font_size)
    )
    graph.attr("edge", arrowsize=str(style.arrow_size))
    _row_labels(graph, grid, FigureWords(words.code), style)
    first = moments[0][1]
    seen: dict[str, Element] = {}
    links = [_links(index, moment, grid, style) for index, (_, moment) in enumerate(moments)]
    linked = {frozenset(ends) for drawn in links for ends, _ in drawn}
    for index, (session, moment) in enumerate(moments):
        _panel(graph, index, (session, moment, first, seen), grid, style, words, linked)
    last_row = _rank(graph, grid, len(moments))
    for ends, attributes in itertools.chain.from_iterable(links):  # after the rows, as in the cycle view
        graph.edge(*ends, **attributes)
    dampens = [
        attributes
        for _, attributes in itertools.chain.from_iterable(links)
        if attributes["style"] == "dashed"
    ]
    _legend(graph, (moments, dampens[:1]), style, words, last_row)
    return graph


def course_figure(
    case: Case,
    view: str,
    *,
    domain: object = None,
    sessions: Sequence[int] | None = None,
    language: object = None,
    theme: str = "default",
) -> Figure:
    """The ``course`` view of `to_dot`: *domain* at the formulations in force at *sessions*.

    Default: the intake formulation and the last one of the course.
    """
    from eftgraph._course import formulation_at, moments

    if view == "timeline":
        raise FigureError(
            "the timeline is a chart, not a Graphviz figure: render it to .svg, .png or .pdf "
            "(render(case, path, view='timeline'))"
        )
    if domain is not None and not isinstance(domain, str):
        raise FigureError(f"the course view shows one domain; got {list(domain)!r}")  # type: ignore[call-overload]
    if sessions is None:
        found = moments(case)
        chosen = [found[0], found[-1]] if len(found) > 1 else found
    else:
        starts = {id(moment): number for number, moment in moments(case)}
        chosen = []
        for number in sessions:
            moment = formulation_at(case, number)  # labelled by the session its formulation starts at
            chosen.append((starts.get(id(moment)), moment))
    return course_view(case, chosen, domain=domain, language=language, theme=theme)


def timeline_file(case: Case, format: str, *, language: object = None, theme: str = "default") -> bytes:
    """The timeline as *format* bytes; a chart has no DOT form."""
    from eftgraph.figures._timeline import timeline_bytes

    if format == "dot":
        raise FigureError("the timeline is a chart: write it as .svg, .png or .pdf, not .dot")
    return timeline_bytes(case, format, language=language, theme=theme)


@attrs.frozen
class _Grid:
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
        """``tailport`` for a link from one track of a partner's column to its other track, in the next row."""
        source, target = (self.known[end] for end in link)
        column = source.partner
        if column is None or column != target.partner:
            return {}
        tracks = self.tracks(column)
        if self.track(source.id) == self.track(target.id):
            return {}
        if abs(self.rows.index(source.kind) - self.rows.index(target.kind)) != 1:
            return {}  # past a row, with a port dot routes it round the outside of the column
        return {"tailport": "e" if tracks.index(self.track(source.id)) == 0 else "w"}

    def group_of(self, index: int, column: str | None, kind: ElementKind, eid: str) -> dict[str, str]:
        """The ``group`` attribute of an element's node: its track's (none beside the tracks)."""
        track = self.place(kind, column, self.cells[(kind, column)].index(eid))
        return {"group": self.group(index, column, track)} if track else {}


def _other(track: str) -> str:
    return "up" if track == "down" else "down"


def node_id(index: int, eid: str) -> str:
    """The node of element *eid* in panel *index*."""
    return f"m{index}__{eid}"


def _grid(moments: Sequence[Moment], domain: str, style: Theme) -> _Grid:
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
    return _Grid(domain, tuple(columns), rows, cells, known, widths, tuple(links))


def _dance(moment: Case, domain: str, words: Words) -> str:
    try:
        found = loops(moment, domain=domain, limit=500)
    except LoopLimitError:
        return ""
    patterns = [lp.pattern for lp in found if lp.interactional and lp.domains == (domain,)]
    if Pattern.SECURE in patterns and not any(lp.negative for lp in found):
        return words("view.new")
    if any(lp.negative for lp in found):
        return words("view.old")
    return words("view.damped") if patterns else ""


def _state(element: Element | None, before: Element | None, earlier: Element | None) -> str:
    if element is None:
        return "gone" if earlier is not None else "absent"
    if before is None or (before.label, before.stance, before.kind) != (
        element.label,
        element.stance,
        element.kind,
    ):
        return "new"
    return "same"


def _panel(
    graph: Figure,
    index: int,
    at: tuple[int | None, Case, Case, dict[str, Element]],
    grid: _Grid,
    style: Theme,
    words: Words,
    linked: set[frozenset[str]],
) -> None:
    """One moment's panel; *at* is (session, its case, the first case, the elements seen so far).

    Its part of each row is held left to right by invisible edges declared in the
    panel: dot orders a cluster's nodes by the cluster's own edges only. No
    invisible edge doubles a link (*linked*: pairs of nodes a link joins), as
    Graphviz fails ("lost edge") or hangs on that.
    """
    session, moment, first, seen = at
    when = words("view.intake") if session is None else words("view.session", n=session)
    dance = _dance(moment, grid.domain, words)
    label = f"<<B>{escape(when)}</B>" + (f"<BR/>{escape(dance)}" if dance else "") + ">"
    present = {e.id: e for e in moment.elements}
    at_first = {e.id: e for e in first.elements}
    tag = words("view.tag")
    with graph.subgraph(name=f"cluster_m{index}") as panel:
        panel.attr(
            label=label,
            fontsize=str(style.head_size),
            color=style.domain_border,
            style="rounded",
            margin="12",
        )
        for column in grid.columns:
            if column is not None:
                panel.node(
                    f"m{index}__head__{column}", **_head_style(moment, grid.domain, column, style, words)
                )
            for kind in grid.rows:  # each row's nodes declared left to right
                cell = {node_id(index, eid): eid for eid in grid.cells.get((kind, column), [])}
                pads = {grid.pad(index, column, kind, track): track for track in grid.tracks(column)}
                for node in grid.row(index, column, kind):
                    if node in pads:
                        panel.node(
                            node, label="", style="invis", width="0.3", height="0.3",
                            group=grid.group(index, column, pads[node]),
                        )  # fmt: skip
                        continue
                    eid = cell[node]
                    element = present.get(eid)
                    before = at_first.get(eid) if index else element
                    state = _state(element, before, seen.get(eid))
                    shown = element or seen.get(eid) or grid.known[eid]
                    panel.node(
                        node,
                        **_node_style(shown, state, style, tag),
                        width=grid.widths[eid],
                        **grid.group_of(index, column, kind, eid),
                    )
        for row in grid.rows_of(index):
            for tail, head in itertools.pairwise(row):
                if frozenset((tail, head)) not in linked:
                    panel.edge(tail, head, style="invis")
    seen.update(present)


def _links(
    index: int, moment: Case, grid: _Grid, style: Theme
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


def _node_style(element: Element, state: str, style: Theme, tag: str) -> dict[str, str]:
    lines = wrap(element.label, style.wrap)
    if state == "absent":  # not there yet: an empty place the size of its box
        return {"label": f"<{html_lines(lines)}>", "style": "invis"}
    border = (
        style.stance_colours.get(str(element.stance), style.node_border)
        if element.stance
        else style.node_border
    )
    attributes = {
        "label": f"<{html_lines(lines)}>",
        "color": border,
        "fillcolor": style.trigger_fill if element.kind is ElementKind.TRIGGER else style.node_fill,
        "fontcolor": style.text,
        "penwidth": str(style.behavior_pen if element.kind is ElementKind.BEHAVIOR else style.node_pen),
    }
    if state == "new":
        green = "#000000" if style.name == "print" else OKABE_ITO["bluish_green"]
        attributes.update(color=green, penwidth=str(style.highlight_pen * 0.7), style="rounded,filled,bold")
        attributes["label"] = (
            f"<{html_lines(lines)}<BR/><FONT POINT-SIZE='{style.font_size * 0.75:g}' COLOR='{green}'><I>{escape(tag)}</I></FONT>>"
        )
    elif state == "gone":
        attributes.update(color=style.faded_colour, fontcolor=style.faded_colour, style="rounded,dashed")
    return attributes


def _head_style(moment: Case, domain: str, partner: str, style: Theme, words: Words) -> dict[str, str]:
    from eftgraph._positions import positions

    name = words.names.get(partner, partner) if partner else "·"
    role = ""
    if partner and domain in moment.domains and partner in {p.id for p in moment.partners}:
        position = str(positions(moment, domain)[partner])
        stances = {
            str(e.stance) for e in moment.elements if e.domain == domain and e.partner == partner and e.stance
        }
        if position == "undetermined" and len(stances) == 1 and stances <= {"reach", "respond"}:
            position = stances.pop()
        role = words(f"position.{position}")
    label = (
        f"<<B>{escape(name)}</B>"
        + (f"<BR/><FONT POINT-SIZE='{style.font_size * 0.85:g}'>{escape(role)}</FONT>" if role else "")
        + ">"
    )
    return {"label": label, "shape": "plaintext", "style": "", "fontcolor": style.text}


def _row_labels(graph: Figure, grid: _Grid, layers: FigureWords, style: Theme) -> None:
    """The layer names, a column on the left (``row__head`` level with the partners' names)."""
    graph.node("row__head", label="", shape="plaintext", style="", width="0", height="0", group="layers")
    for kind in grid.rows:
        graph.node(
            f"row__{kind.value}", label=layers.layer(kind), shape="plaintext", style="", group="layers",
            fontsize=str(style.layer_size), fontcolor=style.muted_text,
        )  # fmt: skip


def _rank(graph: Figure, grid: _Grid, count: int) -> str:
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


def _legend(
    graph: Figure,
    shown: tuple[Sequence[Moment], list[dict[str, str]]],
    style: Theme,
    words: Words,
    last_row: str,
) -> None:
    """What the marks mean: new, gone, unchanged and, when one is drawn, a dampening link.

    *shown* is the moments and the attributes of the first dampening link drawn (if any).
    """
    moments, dampens = shown
    since = "intake" if moments[0][0] is None else "session"
    new = words(f"view.legend_new_{since}", n=moments[0][0] or 0)
    gone = words(f"view.legend_gone_{since}", n=moments[0][0] or 0)
    green = "#000000" if style.name == "print" else OKABE_ITO["bluish_green"]
    rows = (
        f"<TR><TD BORDER='3' COLOR='{green}' STYLE='rounded'>{escape(new)}</TD>"
        f"<TD BORDER='1' COLOR='{style.faded_colour}' STYLE='dashed'><FONT COLOR='{style.faded_colour}'>"
        f"{escape(gone)}</FONT></TD>"
        f"<TD BORDER='1' COLOR='{style.node_border}'>{escape(words('view.legend_same'))}</TD>"
    )
    for link in dampens:
        pen = max(1, round(float(link["penwidth"])))
        text = FigureWords(words.code)("legend.dampens")
        rows += (
            f"<TD SIDES='B' BORDER='{pen}' COLOR='{link['color']}' STYLE='dashed' WIDTH='44'></TD>"
            f"<TD>{escape(text)}</TD>"
        )
    rows += "</TR>"
    with graph.subgraph() as bottom:
        bottom.attr(rank="max")
        bottom.node(
            "legend", shape="plaintext", style="", fontsize=str(style.legend_size),
            label=f"<<TABLE BORDER='0' CELLSPACING='8' CELLPADDING='6'>{rows}</TABLE>>",
        )  # fmt: skip
    graph.edge(last_row, "legend", style="invis")
