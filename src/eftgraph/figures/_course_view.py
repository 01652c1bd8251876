"""The course view: one domain at two or more moments of a course, in one fixed layout.

Each moment is a panel; every panel holds the same grid (rows: the layers, columns:
the partners), so an element keeps its place from moment to moment. What is new
since the first moment (a new element, new wording, a new stance) is drawn bold in
green; what has gone is faded and dashed; an element not there yet leaves an empty
place. With the negative cycle at the intake and the secure cycle at the end, the
panels show the old dance beside the new one.

Where everything goes is `eftgraph.figures._course_grid`: the cycle view's columns
(two tracks per partner), so each partner's boxes stay in that partner's column, in
the same order and place in every panel and with every renderer.

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
from eftgraph._model import ElementKind
from eftgraph._suggest import unknown
from eftgraph.errors import FigureError, LoopLimitError
from eftgraph.figures._course_grid import Grid, Moment, grid_of, links_of, node_id, rank
from eftgraph.figures._figure import Figure
from eftgraph.figures._text import escape, html_lines, wrap
from eftgraph.figures._theme import OKABE_ITO, THEMES, Theme
from eftgraph.figures._words import Words as FigureWords

if TYPE_CHECKING:
    from eftgraph._model import Case, Element

__all__ = ["course_figure", "course_view", "timeline_file"]


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
    grid = grid_of(moments, name, style)
    graph = Figure(name="course", engine="dot")
    title = words("view.title", title=case.title or case.id, cycle=words.cycle(name))
    # remincross=false: a second crossing minimisation after the panels (clusters) are laid
    # out ignores the rows' left-to-right edges and swaps a partner's tracks (dot 2.43 and
    # graphviz-pure alike); the first one keeps them.
    graph.attr(
        rankdir="TB", newrank="true", remincross="false", nodesep="0.25", ranksep="0.35",
        outputorder="edgesfirst", fontname=style.font, label=f"<<B>{escape(title)}</B>>", labelloc="t",
        fontsize=str(style.title_size), fontcolor=style.text,
    )  # fmt: skip
    graph.attr(
        "node", shape="box", style="rounded,filled", fontname=style.font, fontsize=str(style.font_size)
    )
    graph.attr("edge", arrowsize=str(style.arrow_size))
    _row_labels(graph, grid, FigureWords(words.code), style)
    first = moments[0][1]
    seen: dict[str, Element] = {}
    links = [links_of(index, moment, grid, style) for index, (_, moment) in enumerate(moments)]
    linked = {frozenset(ends) for drawn in links for ends, _ in drawn}
    drawn: set[str] = set()  # the states drawn: the legend explains those only
    for index, (session, moment) in enumerate(moments):
        drawn |= _panel(graph, index, (session, moment, first, seen), grid, style, words, linked)
    last_row = rank(graph, grid, len(moments))
    for ends, attributes in itertools.chain.from_iterable(links):  # after the rows, as in the cycle view
        graph.edge(*ends, **attributes)
    dampens = [
        attributes
        for _, attributes in itertools.chain.from_iterable(links)
        if attributes["style"] == "dashed"
    ]
    _legend(graph, (moments, dampens[:1], drawn), style, words, last_row)
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
    grid: Grid,
    style: Theme,
    words: Words,
    linked: set[frozenset[str]],
) -> set[str]:
    """One moment's panel; *at* is (session, its case, the first case, the elements seen so far).

    Returns the states of the elements it drew (``new``, ``gone``, ``same``, ``absent``).

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
    states: set[str] = set()
    with graph.subgraph(name=f"cluster_m{index}") as panel:
        panel.attr(
            label=label,
            fontsize=str(style.head_size),
            color=style.domain_border,
            style="rounded",
            margin="24",  # room for a link that enters a box at its outer corner
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
                    states.add(state)
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
    return states


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


def _row_labels(graph: Figure, grid: Grid, layers: FigureWords, style: Theme) -> None:
    """The layer names, a column on the left (``row__head`` level with the partners' names)."""
    graph.node("row__head", label="", shape="plaintext", style="", width="0", height="0", group="layers")
    for kind in grid.rows:
        graph.node(
            f"row__{kind.value}", label=layers.layer(kind), shape="plaintext", style="", group="layers",
            fontsize=str(style.layer_size), fontcolor=style.muted_text,
        )  # fmt: skip


def _legend(
    graph: Figure,
    shown: tuple[Sequence[Moment], list[dict[str, str]], set[str]],
    style: Theme,
    words: Words,
    last_row: str,
) -> None:
    """What the marks drawn mean: new, gone (with unchanged beside them) and a dampening link.

    *shown* is the moments, the attributes of the first dampening link drawn (if any) and
    the states of the elements drawn. A mark that is not drawn is not explained: in the
    print theme an unexplained "new" sample would look like every behaviour's bold box.
    """
    moments, dampens, drawn = shown
    since = "intake" if moments[0][0] is None else "session"
    new = words(f"view.legend_new_{since}", n=moments[0][0] or 0)
    gone = words(f"view.legend_gone_{since}", n=moments[0][0] or 0)
    green = "#000000" if style.name == "print" else OKABE_ITO["bluish_green"]
    rows = "<TR>"
    if "new" in drawn:
        rows += f"<TD BORDER='3' COLOR='{green}' STYLE='rounded'>{escape(new)}</TD>"
    if "gone" in drawn:
        rows += (
            f"<TD BORDER='1' COLOR='{style.faded_colour}' STYLE='dashed'><FONT COLOR='{style.faded_colour}'>"
            f"{escape(gone)}</FONT></TD>"
        )
    if drawn & {"new", "gone"}:
        rows += f"<TD BORDER='1' COLOR='{style.node_border}'>{escape(words('view.legend_same'))}</TD>"
    for link in dampens:
        pen = max(1, round(float(link["penwidth"])))
        text = FigureWords(words.code)("legend.dampens")
        rows += (
            f"<TD SIDES='B' BORDER='{pen}' COLOR='{link['color']}' STYLE='dashed' WIDTH='44'></TD>"
            f"<TD>{escape(text)}</TD>"
        )
    if rows == "<TR>":  # nothing new, nothing gone, no dampening link: nothing to explain
        return
    rows += "</TR>"
    with graph.subgraph() as bottom:
        bottom.attr(rank="max")
        bottom.node(
            "legend", shape="plaintext", style="", fontsize=str(style.legend_size),
            label=f"<<TABLE BORDER='0' CELLSPACING='8' CELLPADDING='6'>{rows}</TABLE>>",
        )  # fmt: skip
    graph.edge(last_row, "legend", style="invis")
