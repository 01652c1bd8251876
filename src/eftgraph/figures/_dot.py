"""Building a figure as a ``graphviz.Digraph``: pure, no I/O, the same bytes for the same case.

Layout: one row per layer (trigger on top, then behaviour … need), aligned
across every column by ``rank=same``; one column per partner, held straight
by invisible heavy edges; the layer names in a column on the left. What lies
below the waterline sits in a shaded cluster whose top edge is the waterline.
Links never constrain the layout (``constraint=false``), so the rows and
columns stay as the sheet has them whatever the links are.

Node ids are generated (``e3``, ``h0_1``…): user text only ever appears
escaped inside HTML-like labels.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import Any

import attrs

from eftgraph._model import Case, Element, ElementKind, Language, Link, Sign
from eftgraph._suggest import nearest
from eftgraph.errors import FigureError, UnknownDomainError
from eftgraph.figures import _analysis
from eftgraph.figures._figure import Figure
from eftgraph.figures._i18n import WORDS, Words
from eftgraph.figures._text import clean, escape, html_lines, wrap
from eftgraph.figures._theme import THEMES, Theme

__all__ = ["HIGHLIGHTS", "VIEWS", "to_dot"]

VIEWS = ("cycle", "compare")
"""The views a figure can show."""

HIGHLIGHTS = ("strongest", "none")
"""The words ``highlight=`` accepts besides a loop."""


def to_dot(
    case: Case,
    *,
    view: str = "cycle",
    domain: str | Sequence[str] | None = None,
    highlight: object = None,
    language: Language | str | None = None,
    theme: str = "default",
) -> Figure:
    """The case as a figure: a ``graphviz.Digraph`` (no I/O; nothing runs until it is rendered).

    Parameters
    ----------
    case
        The case to draw.
    view
        ``"cycle"``: one domain's cycle, a column per partner, the layers in rows,
        the waterline marked. ``"compare"``: two domains side by side, each
        partner's position named in each, reversals marked, bridges drawn.
    domain
        Cycle view: the domain to draw (default: the case's first). Compare
        view: the two domains (default: ``everyday`` and ``sexual`` when the
        case has both, else its first two).
    highlight
        ``None`` or ``"none"``: no highlight. ``"strongest"``: the strongest
        negative loop (interactional, reinforcing, not secure), if there is one.
        A ``Loop`` (or a sequence of element ids in loop order): that loop.
        The loop is drawn heavy; the other links go quiet.
    language
        ``"en"`` or ``"nl"`` for layer names, title and legend (default: the case's).
    theme
        ``"default"`` (colour-blind-safe), ``"print"`` (greyscale) or ``"slide"`` (large type).

    Returns
    -------
    Figure
        A ``graphviz.Digraph`` that shows itself as SVG in a notebook.

    Examples
    --------
    >>> from eftgraph import load, to_dot
    >>> case = load("examples/janine-mathijs.en.yaml")
    >>> figure = to_dot(case, highlight="strongest")
    >>> figure.source.startswith("digraph eftgraph {")
    True
    >>> figure.source == to_dot(case, highlight="strongest").source
    True
    >>> to_dot(case, theme="prnt")
    Traceback (most recent call last):
    ...
    eftgraph.errors.FigureError: unknown theme 'prnt' (allowed: default, print, slide); did you mean 'print'?
    """
    chosen_view = _choice("view", view, VIEWS)
    chosen_theme = THEMES[_choice("theme", theme, tuple(THEMES))]
    words = WORDS[_language(case, language)]
    domains = _domains(case, chosen_view, domain)
    loop = _loop(case, highlight, domains)
    return _Builder(case, domains, words, chosen_theme, loop, strongest=highlight == "strongest").build()


# --------------------------------------------------------------------------- options


def _choice(what: str, value: object, allowed: Sequence[str]) -> str:
    if isinstance(value, str) and value in allowed:
        return value
    found = str(value)
    hint = nearest(found, allowed) if isinstance(value, str) else None
    message = f"unknown {what} {value!r} (allowed: {', '.join(allowed)})"
    raise FigureError(message + (f"; did you mean {hint!r}?" if hint else ""))


def _language(case: Case, language: Language | str | None) -> Language:
    if language is None:
        return case.language
    if isinstance(language, Language):
        return language
    return Language(_choice("language", language, [lang.value for lang in Language]))


def _known_domain(case: Case, name: object) -> str:
    if isinstance(name, str) and name in case.domains:
        return name
    hint = nearest(str(name), case.domains)
    message = f"the case has no domain {name!r} (it has: {', '.join(case.domains) or 'none'})"
    raise UnknownDomainError(message + (f"; did you mean {hint!r}?" if hint else ""))


def _domains(case: Case, view: str, domain: str | Sequence[str] | None) -> tuple[str, ...]:
    if not case.domains:
        raise FigureError(f"case {case.id!r} has no elements to draw")
    if view == "cycle":
        if domain is None:
            return (case.domains[0],)
        if not isinstance(domain, str):
            raise FigureError(f"the cycle view shows one domain; got {list(domain)!r}")
        return (_known_domain(case, domain),)
    if domain is None:
        if len(case.domains) < 2:
            raise FigureError(
                f"the compare view needs two domains; case {case.id!r} has only {case.domains[0]!r}"
            )
        if "everyday" in case.domains and "sexual" in case.domains:
            return ("everyday", "sexual")
        return case.domains[:2]
    names = [domain] if isinstance(domain, str) else list(domain)
    if len(names) != 2 or names[0] == names[1]:
        raise FigureError(f"the compare view shows two different domains; got {names!r}")
    return (_known_domain(case, names[0]), _known_domain(case, names[1]))


def _loop(case: Case, highlight: object, domains: Sequence[str]) -> tuple[str, ...]:
    if highlight is None or highlight == "none":
        return ()
    if isinstance(highlight, str):
        if highlight == "strongest":
            return _analysis.strongest_loop(case, domains) or ()
        _choice("highlight", highlight, HIGHLIGHTS)
    ids = getattr(highlight, "elements", highlight)
    if isinstance(ids, str) or not isinstance(ids, Iterable):
        raise FigureError(
            f"highlight must be 'strongest', 'none', a Loop or element ids; got {type(highlight).__name__}"
        )
    loop = tuple(str(i) for i in ids)
    known = [e.id for e in case.elements]
    for element_id in loop:
        if element_id not in known:
            hint = nearest(element_id, known)
            raise FigureError(
                f"the loop to highlight names an element the case does not have: {element_id!r}"
                + (f"; did you mean {hint!r}?" if hint else "")
            )
    return loop


# --------------------------------------------------------------------------- building


_DOWN = frozenset(
    {
        ElementKind.TRIGGER,
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


def _track(kind: ElementKind) -> str:
    return "down" if kind in _DOWN else "up"


@attrs.frozen
class _Panel:
    """One domain's part of the figure: its columns, left to right (``None``: nobody's triggers)."""

    index: int
    domain: str
    columns: tuple[str | None, ...]


def _html(body: str) -> str:
    """An HTML-like label for Graphviz (python-graphviz passes ``<…>`` through unquoted)."""
    return f"<{body}>"


def _font(body: str, *, size: float | None = None, colour: str | None = None) -> str:
    attributes = ""
    if size is not None:
        attributes += f' POINT-SIZE="{size:g}"'
    if colour is not None:
        attributes += f' COLOR="{colour}"'
    return f"<FONT{attributes}>{body}</FONT>" if body else body


class _Builder:
    def __init__(
        self,
        case: Case,
        domains: tuple[str, ...],
        words: Words,
        theme: Theme,
        loop: tuple[str, ...],
        *,
        strongest: bool,
    ) -> None:
        self.strongest = strongest
        self.case = case
        self.domains = domains
        self.words = words
        self.theme = theme
        self.compare = len(domains) == 2
        self.comparison = _analysis.comparison(case, *domains) if self.compare else None
        self.loop = loop
        n = len(loop)
        self.loop_links = {(loop[i], loop[(i + 1) % n]) for i in range(n)} if n > 1 else set()
        self.ids = {e.id: f"e{i}" for i, e in enumerate(case.elements)}
        shown = [e for e in case.elements if e.domain in domains]
        self.shown = {e.id for e in shown}
        self.rows = sorted({e.kind for e in shown}, key=lambda kind: kind.layer)
        self.panels = [_Panel(i, d, self._columns(d)) for i, d in enumerate(domains)]
        self.cells: dict[tuple[int, str | None, ElementKind], list[Element]] = {}
        for panel in self.panels:
            for element in case.elements_in(panel.domain):
                self.cells.setdefault((panel.index, element.partner, element.kind), []).append(element)
        self.ghosts: dict[tuple[str, str], tuple[str, Element, Element]] = {}
        """Links with one end outside the domains shown: ``(source, target)`` → ``(node id, inside, outside)``."""
        for link in case.links:
            ends = case.element(link.source), case.element(link.target)
            inside = [e for e in ends if e.id in self.shown]
            if len(inside) == 1:
                outside = ends[1] if inside[0] is ends[0] else ends[0]
                self.ghosts[(link.source, link.target)] = (f"g{len(self.ghosts)}", inside[0], outside)
        self.flat = any(
            case.element(link.source).kind is case.element(link.target).kind
            and (link.source in self.shown or link.target in self.shown)
            for link in case.links
        )
        """True when a link joins two elements of the same row (two behaviours, say)."""
        self.heights: dict[ElementKind, str] = {}
        """Height of the boxes of each row under water (inches): the shaded boxes line up."""
        for kind in self._below():
            lines = max(len(wrap(e.label, theme.wrap)) for e in shown if e.kind is kind)
            self.heights[kind] = f"{(lines * theme.font_size * 1.25 + 16) / 72:.2f}"
        self.graph = Figure(name="eftgraph")
        self.legend: dict[str, dict[str, str]] = {}

    def _columns(self, domain: str) -> tuple[str | None, ...]:
        present = {e.partner for e in self.case.elements_in(domain)}
        columns: list[str | None] = [p.id for p in self.case.partners if p.id in present]
        if None in present:
            columns.insert(len(columns) // 2, None)
        return tuple(columns)

    # ------------------------------------------------------------------ the whole

    def build(self) -> Figure:
        theme = self.theme
        graph = self.graph
        graph.attr(
            "graph",
            charset="UTF-8",
            newrank="true",
            rankdir="TB",
            nodesep="0.3",
            # more people, more cross links between the rows: give them room
            ranksep=f"{0.42 + 0.18 * self._crowd():g}",
            pad="0.3",
            bgcolor="white",
            outputorder="edgesfirst",
            fontname=theme.font,
            fontsize=f"{theme.title_size:g}",
            fontcolor=theme.text,
            labelloc="t",
            label=_html(html_lines([self._title()], bold=True)),
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
        self._nodes()
        self._ranks()
        self._links()
        self._legend()
        return graph

    def _crowd(self) -> int:
        """How many people beyond three the figure holds (0 for couples and triads)."""
        return max(0, len(self.case.partners) - 3)

    def _title(self) -> str:
        title = " ".join(clean(self.case.title or ""))
        if not title:
            names = [" ".join(clean(p.name)) for p in self.case.partners]
            title = names[-1] if len(names) < 2 else f"{', '.join(names[:-1])} {self.words.and_} {names[-1]}"
        words = self.words
        if self.compare:
            return words.compare_title.format(
                title=title, a=words.cycle(self.domains[0]), b=words.cycle(self.domains[1])
            )
        return words.cycle_title.format(title=title, cycle=words.cycle(self.domains[0]))

    # ------------------------------------------------------------------ nodes

    def _below(self) -> list[ElementKind]:
        return [kind for kind in self.rows if kind.below_waterline]

    def _above(self) -> list[ElementKind]:
        return [kind for kind in self.rows if not kind.below_waterline]

    def _water(self, subgraph: Any, *, label: str) -> None:
        """Shade *subgraph* as under water; *label* is HTML (escaped already)."""
        theme = self.theme
        subgraph.attr(
            style=theme.water_style,
            fillcolor=theme.water_fill,
            color=theme.water_border,
            penwidth="1.5",
            fontname=theme.font,
            fontsize=f"{theme.layer_size:g}",
            fontcolor=theme.muted_text,
            labeljust="l",
            labelloc="t",
            label=_html(_font(label)) if label else "",
            margin="10",
        )

    def _nodes(self) -> None:
        graph = self.graph
        below = self._below()
        graph.node("hl", label="", shape="plaintext", style="", width="0", height="0")
        for kind in self._above():
            self._layer_node(graph, kind)
        if below:
            with graph.subgraph(name="cluster_wl") as water:
                self._water(water, label=escape(self.words.waterline))
                for kind in below:
                    self._layer_node(water, kind)
        for node, _inside, outside in self.ghosts.values():
            self._ghost(graph, node, outside)
        for panel in self.panels:
            if not self.compare:
                self._panel(graph, panel)
                continue
            with graph.subgraph(name=f"cluster_d{panel.index}") as box:
                box.attr(
                    label=_html(html_lines([self.words.cycle(panel.domain)], bold=True)),
                    fontname=self.theme.font,
                    fontsize=f"{self.theme.head_size:g}",
                    fontcolor=self.theme.text,
                    style="rounded",
                    color=self.theme.domain_border,
                    penwidth="1.2",
                    labelloc="t",
                    margin="12",
                )
                self._panel(box, panel)

    def _panel(self, graph: Any, panel: _Panel) -> None:
        """One domain's heads and cells; each column's under-water cells in a shaded box of their own.

        One box across all columns would make every link that passes the
        under-water rows go around the whole box (a cluster must be contiguous).
        """
        self._heads(graph, panel)
        for kind in self.rows:
            for column in panel.columns:
                for track in self._tracks(panel, column):
                    if not (kind.below_waterline and track == "down"):
                        self._slot_nodes(graph, panel, column, kind, track)
        below = self._below()
        for index, column in enumerate(panel.columns):
            if column is None or not below:
                continue
            with graph.subgraph(name=f"cluster_w{panel.index}_{index}") as water:
                self._water(water, label="&#160;")
                for kind in below:
                    self._slot_nodes(water, panel, column, kind, "down")

    def _ghost(self, graph: Any, node: str, outside: Element) -> None:
        """A small dashed box for an element of a cycle not shown, at the end of a link that leads there."""
        theme = self.theme
        where = _font(f"<I>{escape(self.words.elsewhere.format(cycle=self.words.cycle(outside.domain)))}</I>")
        graph.node(
            node,
            label=_html(where + "<BR/>" + html_lines(wrap(outside.label, theme.wrap))),
            style="rounded,dashed",
            color=theme.muted_text,
            fontcolor=theme.muted_text,
            fontsize=f"{theme.edge_size:g}",
        )

    def _layer_node(self, graph: Any, kind: ElementKind) -> None:
        theme = self.theme
        graph.node(
            f"l{kind.layer}",
            label=_html(html_lines(wrap(self.words.layers[kind], 16))),
            group="layers",
            shape="plaintext",
            style="",
            fontsize=f"{theme.layer_size:g}",
            fontcolor=theme.muted_text,
            **({"height": self.heights[kind]} if kind in self.heights else {}),
        )

    def _slot_nodes(
        self, graph: Any, panel: _Panel, column: str | None, kind: ElementKind, track: str
    ) -> None:
        cell = self.cells.get((panel.index, column, kind), []) if _track(kind) == track else []
        for element in cell:
            self._element(graph, element)
        if not cell and column is not None:
            in_water = kind.below_waterline and track == "down"
            graph.node(
                self._placeholder(panel, column, kind, track),
                label="",
                style="invis",
                width="0.3",
                height=self.heights.get(kind, "0.3"),
                **({} if in_water else {"group": self._group(panel, column, track)}),
            )

    def _heads(self, graph: Any, panel: _Panel) -> None:
        theme = self.theme
        positions = _analysis.positions_in(self.case, panel.domain)
        flipped = self.comparison.reversed if self.comparison is not None else frozenset()
        for column in panel.columns:
            if column is None:
                continue
            position = positions[column]
            lines = [html_lines([" ".join(clean(self.case.partner(column).name))], bold=True)]
            lines.append(_font(escape(self.words.positions[position]), size=theme.font_size))
            attributes = {
                "fillcolor": theme.head_fills[position.value],
                "color": theme.head_borders[position.value],
                "penwidth": f"{theme.behavior_pen:g}",
            }
            if column in flipped and panel.index == 1:
                lines.append(
                    _font(
                        f"<I>{escape(self.words.reversed)}</I>",
                        size=theme.edge_size,
                        colour=theme.reversal_colour,
                    )
                )
                attributes["peripheries"] = "2"
            graph.node(
                self._head_id(panel, column),
                label=_html("<BR/>".join(lines)),
                fontsize=f"{theme.head_size:g}",
                style="filled",
                margin="0.2,0.08",
                **attributes,
            )

    def _element(self, graph: Any, element: Element) -> None:
        theme = self.theme
        attributes: dict[str, str] = {}
        if element.kind is ElementKind.BEHAVIOR:
            attributes["penwidth"] = f"{theme.behavior_pen:g}"
            if element.stance is not None:
                attributes["color"] = theme.stance_colours[element.stance.value]
        elif element.kind is ElementKind.TRIGGER:
            attributes["fillcolor"] = theme.trigger_fill
            attributes["style"] = "rounded,filled,dashed"
        if element.partner is not None and not element.kind.below_waterline:
            panel = self.panels[self.domains.index(element.domain)]
            cell = self.cells[(panel.index, element.partner, element.kind)]
            if cell[0] is element:
                attributes["group"] = self._group(panel, element.partner, _track(element.kind))
        if self.comparison is not None and element.id in self.comparison.recurring:
            attributes["peripheries"] = "2"
            attributes.setdefault("color", theme.bridge_colour)
        if element.id in self.loop:
            attributes["color"] = theme.highlight_colour
            attributes["penwidth"] = f"{theme.highlight_pen * 0.7:g}"
        graph.node(
            self.ids[element.id],
            label=_html(html_lines(wrap(element.label, theme.wrap))),
            **({"height": self.heights[element.kind]} if element.kind in self.heights else {}),
            **attributes,
        )

    def _placeholder(self, panel: _Panel, column: str, kind: ElementKind, track: str) -> str:
        return f"p{panel.index}_{panel.columns.index(column)}_{kind.layer}{track[0]}"

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
        return pairs

    def _group(self, panel: _Panel, column: str, track: str) -> str:
        """The Graphviz group of one track: links between its nodes are kept straight and uncrossed.

        Only nodes above the waterline get one: dot's ranking can fail ("trouble in
        init_rank") on groups that reach into a cluster, and the shaded boxes keep
        what is under water in its column anyway.
        """
        return f"t{panel.index}_{panel.columns.index(column)}{track[0]}"

    def _head_id(self, panel: _Panel, column: str) -> str:
        return f"h{panel.index}_{panel.columns.index(column)}"

    # ------------------------------------------------------------------ rows and columns

    @staticmethod
    def _tracks(panel: _Panel, column: str | None) -> tuple[str, ...]:
        """A column's tracks, left to right: the down track on the outside of the figure."""
        if column is None:
            return ("down",)
        partners = [c for c in panel.columns if c is not None]
        left = partners.index(column) < (len(partners) + 1) // 2
        return ("down", "up") if left else ("up", "down")

    def _slot(self, panel: _Panel, column: str | None, kind: ElementKind, track: str) -> list[str]:
        """The nodes of one track of one column in one row: its elements, or a placeholder."""
        if _track(kind) == track:
            cell = self.cells.get((panel.index, column, kind), [])
            if cell:
                return [self.ids[e.id] for e in cell]
        if column is None:
            return []
        return [self._placeholder(panel, column, kind, track)]

    def _row_part(self, panel: _Panel, column: str | None, kind: ElementKind) -> list[str]:
        """A column's nodes in one row, left to right.

        A second element of the same kind (two behaviours, say) goes on the
        outer side of the column, so the column's two tracks stay close together.
        """
        tracks = self._tracks(panel, column)
        if column is None:
            return [node for track in tracks for node in self._slot(panel, column, kind, track)]
        nodes = [self._slot(panel, column, kind, track)[0] for track in tracks]
        extras = [self.ids[e.id] for e in self.cells.get((panel.index, column, kind), [])[1:]]
        return extras + nodes if tracks[0] == "down" else nodes + extras

    def _ranks(self) -> None:
        graph = self.graph
        heads = ["hl"] + [
            self._head_id(panel, column)
            for panel in self.panels
            for column in panel.columns
            if column is not None
        ]
        rows = [heads]
        for kind in self.rows:
            row = [f"l{kind.layer}"]
            for panel in self.panels:
                for column in panel.columns:
                    row.extend(self._row_part(panel, column, kind))
            for node, inside, outside in self.ghosts.values():
                if outside.kind is kind:
                    panel = self.panels[self.domains.index(inside.domain)]
                    left = inside.partner is not None and self._tracks(panel, inside.partner)[0] == "down"
                    row.insert(1, node) if left else row.append(node)
            rows.append(row)
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
                for track in self._tracks(panel, column):
                    chain = [self._head_id(panel, column)]
                    chain.extend(self._slot(panel, column, kind, track)[0] for kind in self.rows)
                    for tail, head in pairwise(chain):
                        graph.edge(tail, head, style="invis", weight="20")

    # ------------------------------------------------------------------ links

    def _links(self) -> None:
        pairs = {(link.source, link.target): link for link in self.case.links}
        for link in self.case.links:
            source, target = self.case.element(link.source), self.case.element(link.target)
            if source.domain not in self.domains and target.domain not in self.domains:
                continue
            back = pairs.get((link.target, link.source))
            mutual = (
                back is not None
                and back.sign is link.sign
                and not clean(back.label or "")
                and not clean(link.label or "")
                and ((link.source, link.target) in self.loop_links)
                == ((back.source, back.target) in self.loop_links)
            )
            if mutual and (link.target, link.source) < (link.source, link.target):
                continue  # drawn once, with two heads, with its partner link
            self._link(link, source, target, both=mutual)

    def _link(self, link: Link, source: Element, target: Element, *, both: bool = False) -> None:
        """Draw *link*; with *both*, also the same link back (one line with two arrowheads).

        Two links that lead each to the other are one line: Graphviz 2.x can hang
        on such a pair inside one row, and one double-headed arrow reads better.
        """
        theme = self.theme
        attributes: dict[str, str] = {}
        ghost = self.ghosts.get((link.source, link.target))
        if ghost is not None:
            kind = "elsewhere"
            attributes.update(
                color=theme.bridge_colour, penwidth=f"{theme.bridge_pen:g}", style=theme.bridge_style
            )
        elif source.domain != target.domain:
            kind = "bridge"
            attributes.update(
                color=theme.bridge_colour, penwidth=f"{theme.bridge_pen:g}", style=theme.bridge_style
            )
        elif source.partner is not None and target.partner is not None and source.partner != target.partner:
            kind = "cross"
            attributes.update(
                color=theme.cross_colour,
                # thinner pens when many cross links share the space between two rows
                penwidth=f"{max(1.0, theme.cross_pen - 0.5 * self._crowd()):g}",
                arrowsize=f"{theme.arrow_size * 1.1:g}",
            )
        else:
            kind = "within"
            attributes.update(self._ports(source, target))
        if self.flat and (kind != "within" or source.kind is target.kind):
            # With links inside a row, dot's ranking can fail ("trouble in init_rank"); the
            # rows and columns fix the ranks anyway, so these links need not rank anything.
            attributes["constraint"] = "false"
        texts = []
        if link.sign is Sign.DAMPENS:
            attributes["style"] = "dashed"
            texts.append("−")
        if link.label:
            texts.extend(wrap(link.label, theme.wrap))
        if (link.source, link.target) in self.loop_links:
            attributes.update(color=theme.highlight_colour, penwidth=f"{theme.highlight_pen:g}")
            kind = "highlight"
        elif self.loop:
            attributes["color"] = theme.faded_colour
        sample = {k: v for k, v in attributes.items() if not k.endswith("port")}
        if link.sign is Sign.DAMPENS:
            self.legend.setdefault(
                "dampens", {"style": "dashed", "color": sample.get("color", theme.within_colour)}
            )
            sample.pop("style")
        self.legend.setdefault(kind, sample)
        if texts:
            # on white, so a line that passes under the label (a frame, another link) leaves it readable
            # a label on a link inside one row makes dot fail ("trouble in init_rank"): use xlabel
            flat = source.kind is target.kind
            attributes["xlabel" if flat else "label"] = _html(
                '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1" BGCOLOR="white">'
                f"<TR><TD>{html_lines(texts)}</TD></TR></TABLE>"
            )
        tail = ghost[0] if ghost is not None and ghost[2] is source else self.ids[link.source]
        head = ghost[0] if ghost is not None and ghost[2] is target else self.ids[link.target]
        if both:
            attributes["dir"] = "both"
        self.graph.edge(tail, head, **attributes)

    def _ports(self, source: Element, target: Element) -> dict[str, str]:
        """Ports for a link between the two tracks of one column, so it leaves on the facing side."""
        if source.partner is None or _track(source.kind) == _track(target.kind):
            return {}
        panel = self.panels[self.domains.index(source.domain)]
        tracks = self._tracks(panel, source.partner)
        toward = "e" if tracks.index(_track(source.kind)) == 0 else "w"
        if source.kind.layer == target.kind.layer:
            return {}
        return {"tailport": toward}

    # ------------------------------------------------------------------ legend

    def _legend(self) -> None:
        """The legend: one HTML table under the figure, a sample beside each meaning.

        Samples are table cells (a bottom border drawn like the link, a shaded or
        double-bordered box), so the legend needs no glyph a font may lack.
        """
        words = self.words
        texts = {
            "cross": words.cross,
            "within": words.within,
            "dampens": words.dampens,
            "bridge": words.bridge,
            "elsewhere": words.elsewhere_legend,
            "highlight": words.highlight if self.strongest else words.highlight_loop,
        }
        theme = self.theme
        entries = [
            (self._line_sample(self.legend[name]), texts[name]) for name in texts if name in self.legend
        ]
        if self.comparison is not None and self.comparison.recurring:
            double = (
                f'<TD><TABLE BORDER="1" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2" STYLE="rounded" '
                f'COLOR="{theme.bridge_colour}"><TR><TD><TABLE BORDER="1" CELLBORDER="0" CELLSPACING="0" '
                f'STYLE="rounded" COLOR="{theme.bridge_colour}"><TR><TD WIDTH="30" HEIGHT="8"></TD></TR>'
                "</TABLE></TD></TR></TABLE></TD>"
            )
            entries.append((double, words.recurs))
        if self._below():
            dashed = ' STYLE="dashed"' if "dashed" in theme.water_style else ""
            water = (
                f'<TD BORDER="1" BGCOLOR="{theme.water_fill}" COLOR="{theme.water_border}"{dashed} '
                'WIDTH="44" HEIGHT="16" FIXEDSIZE="TRUE"></TD>'
            )
            entries.append((water, words.below))
        if not entries:
            return
        per_row = 2 if len(entries) > 3 else 1
        rows = [f'<TR><TD ALIGN="LEFT" COLSPAN="{2 * per_row}"><B>{escape(words.legend)}</B></TD></TR>']
        for i in range(0, len(entries), per_row):
            cells = "".join(
                f'{sample}<TD ALIGN="LEFT">{escape(text)}</TD>' for sample, text in entries[i : i + per_row]
            )
            rows.append(f"<TR>{cells}</TR>")
        table = (
            '<TABLE BORDER="1" STYLE="rounded" COLOR="#BFBFBF" CELLBORDER="0" CELLSPACING="6" CELLPADDING="2">'
            + "".join(rows)
            + "</TABLE>"
        )
        graph = self.graph
        graph.node(
            "kl",
            label=_html(table),
            shape="plaintext",
            style="",
            margin="0",
            fontsize=f"{theme.legend_size:g}",
            fontcolor=theme.text,
        )
        graph.edge(f"l{self.rows[-1].layer}", "kl", style="invis", weight="0")

    def _line_sample(self, attributes: dict[str, str]) -> str:
        """A table cell whose bottom border looks like a link drawn with *attributes*."""
        pen = max(1, round(float(attributes.get("penwidth", self.theme.within_pen))))
        colour = attributes.get("color", self.theme.within_colour)
        style = attributes.get("style", "")
        dash = ' STYLE="dashed"' if "dashed" in style else ' STYLE="dotted"' if "dotted" in style else ""
        return f'<TD SIDES="B" BORDER="{pen}" COLOR="{colour}"{dash} WIDTH="44"></TD>'
