"""The course view: one domain at two or more moments of a course, in one fixed layout.

Each moment is a panel; every panel holds the same grid (rows: the layers, columns:
the partners), so an element keeps its place from moment to moment. What is new
since the first moment (a new element, new wording, a new stance) is drawn bold in
green; what has gone is faded and dashed; an element not there yet leaves an empty
place. With the negative cycle at the intake and the secure cycle at the end, the
panels show the old dance beside the new one.

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

from eftgraph._course_narrative import Words
from eftgraph._loops import Pattern, loops
from eftgraph._model import ElementKind, Sign
from eftgraph._suggest import unknown
from eftgraph.errors import FigureError, LoopLimitError
from eftgraph.figures._figure import Figure
from eftgraph.figures._text import escape, html_lines, wrap
from eftgraph.figures._theme import OKABE_ITO, THEMES, Theme
from eftgraph.figures._words import Words as FigureWords

if TYPE_CHECKING:
    from eftgraph._model import Case, Element

__all__ = ["course_figure", "course_view", "timeline_file"]

_LAYERS = (
    ElementKind.TRIGGER,
    ElementKind.BEHAVIOR,
    ElementKind.PERCEPTION,
    ElementKind.SECONDARY_EMOTION,
    ElementKind.FEAR,
    ElementKind.PRIMARY_EMOTION,
    ElementKind.NEED,
)
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
    grid = _grid(moments, name)
    graph = Figure(name="course", engine="dot")
    title = words("course_view.title", title=case.title or case.id, cycle=words.cycle(name))
    graph.attr(
        rankdir="TB", newrank="true", nodesep="0.25", ranksep="0.35", fontname=style.font,
        label=f"<<B>{escape(title)}</B>>", labelloc="t", fontsize=str(style.title_size), fontcolor=style.text,
    )  # fmt: skip
    graph.attr(
        "node", shape="box", style="rounded,filled", fontname=style.font, fontsize=str(style.font_size)
    )
    graph.attr("edge", arrowsize=str(style.arrow_size))
    _row_labels(graph, grid, FigureWords(words.code), style)
    first = moments[0][1]
    seen: dict[str, Element] = {}
    for index, (session, moment) in enumerate(moments):
        _panel(graph, index, (session, moment, first, seen), name, grid, style, words)
    last_row = _rows(graph, len(moments), grid)
    _legend(graph, moments, style, words, last_row)
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


def _grid(moments: Sequence[Moment], domain: str) -> dict[tuple[ElementKind, str], list[str]]:
    """``{(layer, partner): [element ids]}`` over all moments, in first-seen order."""
    grid: dict[tuple[ElementKind, str], list[str]] = {}
    for _, moment in moments:
        for element in moment.elements:
            if element.domain == domain:
                cell = grid.setdefault((element.kind, element.partner or ""), [])
                if element.id not in cell:
                    cell.append(element.id)
    return grid


def _partners(grid: dict[tuple[ElementKind, str], list[str]], moments: Sequence[Moment]) -> list[str]:
    order = list(dict.fromkeys(p.id for _, c in moments for p in c.partners))
    used = {partner for _, partner in grid}
    return [""] * ("" in used) + [p for p in order if p in used]


def _dance(moment: Case, domain: str, words: Words) -> str:
    try:
        found = loops(moment, domain=domain, limit=500)
    except LoopLimitError:
        return ""
    patterns = [lp.pattern for lp in found if lp.interactional and lp.domains == (domain,)]
    if Pattern.SECURE in patterns and not any(lp.negative for lp in found):
        return words("course_view.new")
    if any(lp.negative for lp in found):
        return words("course_view.old")
    return words("course_view.damped") if patterns else ""


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
    domain: str,
    grid: dict[tuple[ElementKind, str], list[str]],
    style: Theme,
    words: Words,
) -> None:
    """One moment's panel; *at* is (session, its case, the first case, the elements seen so far)."""
    session, moment, first, seen = at
    when = words("course_view.intake") if session is None else words("course_view.session", n=session)
    dance = _dance(moment, domain, words)
    label = f"<<B>{escape(when)}</B>" + (f"<BR/>{escape(dance)}" if dance else "") + ">"
    present = {e.id: e for e in moment.elements}
    at_first = {e.id: e for e in first.elements}
    with graph.subgraph(name=f"cluster_m{index}") as panel:
        panel.attr(
            label=label,
            fontsize=str(style.head_size),
            color=style.domain_border,
            style="rounded",
            margin="12",
        )
        for partner in dict.fromkeys(p for _, p in grid):
            with panel.subgraph(name=f"cluster_m{index}_{partner or 'nobody'}") as column:
                column.attr(label="", color="transparent", margin="4")
                column.node(
                    f"m{index}__head__{partner}", **_head_style(moment, domain, partner, style, words)
                )
                for kind in _LAYERS:
                    ids = grid.get((kind, partner), [])
                    for eid in ids:
                        element = present.get(eid)
                        before = at_first.get(eid) if index else element
                        state = _state(element, before, seen.get(eid))
                        column.node(
                            f"m{index}__{eid}",
                            **_node_style(element or seen.get(eid), state, style, words("course_view.tag")),
                        )
                    if not ids and any(k is kind for k, _ in grid):
                        column.node(
                            f"m{index}__pad__{kind.value}__{partner}",
                            label="",
                            style="invis",
                            width="2.2",
                            height="0.4",
                        )
        for link in moment.links:
            ends = (present.get(link.source), present.get(link.target))
            if all(end is not None and end.domain == domain for end in ends):
                panel.edge(
                    f"m{index}__{link.source}", f"m{index}__{link.target}", **_edge_style(link.sign, style)
                )
    seen.update(present)


def _edge_style(sign: Sign, style: Theme) -> dict[str, str]:
    dampens = sign is Sign.DAMPENS
    colour = (style.stance_colours.get("reach") or style.text) if dampens else style.within_colour
    return {
        "constraint": "false",
        "color": colour,
        "penwidth": str(style.within_pen * (1.8 if dampens else 1)),
        "style": "dashed" if dampens else "solid",
        "label": " − " if dampens else "",
        "fontcolor": colour,
        "fontsize": str(style.edge_size),
    }


def _node_style(element: Element | None, state: str, style: Theme, tag: str) -> dict[str, str]:
    if element is None or state == "absent":
        return {"label": "", "style": "invis", "width": "2.2", "height": "0.6"}
    lines = wrap(element.label, style.wrap)
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
        "width": "2.2",
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
    return {"label": label, "shape": "plaintext", "style": "", "fontcolor": style.text, "width": "2.2"}


def _row_labels(
    graph: Figure, grid: dict[tuple[ElementKind, str], list[str]], layers: FigureWords, style: Theme
) -> None:
    with graph.subgraph(name="cluster_rows") as rows:
        rows.attr(label="", color="transparent", margin="12")
        rows.node("row__head", label="", shape="plaintext", style="", width="1.4")
        for kind in _LAYERS:
            if any(k is kind for k, _ in grid):
                rows.node(
                    f"row__{kind.value}", label=layers.layer(kind), shape="plaintext", style="",
                    fontsize=str(style.layer_size), fontcolor=style.muted_text, width="1.4",
                )  # fmt: skip


def _rows(graph: Figure, count: int, grid: dict[tuple[ElementKind, str], list[str]]) -> str:
    """Keep each layer on one row across all panels, in layer order, the columns in one order."""
    partners = list(dict.fromkeys(partner for _, partner in grid))
    rows: list[tuple[str, list[str]]] = [
        ("head", [f"m{i}__head__{p}" for i in range(count) for p in partners])
    ]
    for kind in _LAYERS:
        if any((kind, partner) in grid for partner in partners):
            nodes = [
                node
                for i in range(count)
                for p in partners
                for node in (
                    [f"m{i}__{eid}" for eid in grid.get((kind, p), ())] or [f"m{i}__pad__{kind.value}__{p}"]
                )
            ]
            rows.append((kind.value, nodes))
    above: tuple[str, list[str]] | None = None
    for name, nodes in rows:
        row = [f"row__{name}", *nodes]
        with graph.subgraph() as same:
            same.attr(rank="same")
            for node in row:
                same.node(node)
        for left, right in itertools.pairwise(row):
            graph.edge(left, right, style="invis", weight="10")
        if above is not None:
            graph.edge(above[0], row[0], style="invis", weight="5")
        above = (row[0], nodes)
    return above[0] if above else "row__head"


def _legend(graph: Figure, moments: Sequence[Moment], style: Theme, words: Words, last_row: str) -> None:
    since = "intake" if moments[0][0] is None else "session"
    new = words(f"course_view.legend_new_{since}", n=moments[0][0] or 0)
    gone = words(f"course_view.legend_gone_{since}", n=moments[0][0] or 0)
    green = "#000000" if style.name == "print" else OKABE_ITO["bluish_green"]
    rows = (
        f"<TR><TD BORDER='3' COLOR='{green}' STYLE='rounded'>{escape(new)}</TD>"
        f"<TD BORDER='1' COLOR='{style.faded_colour}' STYLE='dashed'><FONT COLOR='{style.faded_colour}'>"
        f"{escape(gone)}</FONT></TD>"
        f"<TD BORDER='1' COLOR='{style.node_border}'>{escape(words('course_view.legend_same'))}</TD></TR>"
    )
    with graph.subgraph() as bottom:
        bottom.attr(rank="max")
        bottom.node(
            "legend", shape="plaintext", style="", fontsize=str(style.legend_size),
            label=f"<<TABLE BORDER='0' CELLSPACING='8' CELLPADDING='6'>{rows}</TABLE>>",
        )  # fmt: skip
    graph.edge(last_row, "legend", style="invis")
