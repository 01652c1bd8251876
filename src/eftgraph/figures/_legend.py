"""The legend: one HTML table under the figure, a sample beside each meaning.

Samples are table cells (a bottom border drawn like the link, a shaded or
double-bordered box), so the legend needs no glyph a font may lack. Only what
the figure shows is in its legend.
"""

from __future__ import annotations

from typing import Any

from eftgraph._model import Stance
from eftgraph.figures._layout import Layout
from eftgraph.figures._links import Samples
from eftgraph.figures._text import escape, html_label
from eftgraph.figures._theme import Theme

__all__ = ["LINKS", "draw_legend"]

LINKS = ("cross", "within", "dampens", "bridge", "elsewhere", "highlight")
"""The kinds of link the legend explains, in its order (each a key ``figure.legend.<kind>``)."""


def draw_legend(layout: Layout, graph: Any, samples: Samples) -> None:
    """Add the legend of the links in *samples* (and of the boxes shown) under the figure."""
    words = layout.words
    theme = layout.theme
    entries = [
        (_line_sample(theme, samples[kind]), words(f"legend.{_key(layout, kind)}"))
        for kind in LINKS
        if kind in samples
    ]
    if layout.comparison is not None and layout.comparison.recurring:
        entries.append((_double_sample(theme), words("legend.recurs")))
    secure = _secure_sample(layout)
    if secure:
        entries.append((secure, words("legend.secure")))
    if layout.below():
        dashed = ' STYLE="dashed"' if "dashed" in theme.water_style else ""
        water = (
            f'<TD BORDER="1" BGCOLOR="{theme.water_fill}" COLOR="{theme.water_border}"{dashed} '
            'WIDTH="44" HEIGHT="16" FIXEDSIZE="TRUE"></TD>'
        )
        entries.append((water, words("legend.below")))
    if layout.notes:
        note = (
            f'<TD BORDER="1" BGCOLOR="{theme.note_fill}" COLOR="{theme.note_border}" '
            'WIDTH="44" HEIGHT="16" FIXEDSIZE="TRUE"></TD>'
        )
        entries.append((note, words("legend.concern")))
    if not entries:
        return
    per_row = 2 if len(entries) > 3 else 1
    heading = escape(words("legend.heading"))
    rows = [f'<TR><TD ALIGN="LEFT" COLSPAN="{2 * per_row}"><B>{heading}</B></TD></TR>']
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
    graph.node(
        "kl",
        label=html_label(table),
        shape="plaintext",
        style="",
        margin="0",
        fontsize=f"{theme.legend_size:g}",
        fontcolor=theme.text,
    )
    graph.edge(layout.bottom(), "kl", style="invis", weight="0")


def _key(layout: Layout, kind: str) -> str:
    """The catalog key of *kind*: the highlight says whether it is the strongest loop."""
    return "highlight_loop" if kind == "highlight" and not layout.strongest else kind


def _line_sample(theme: Theme, attributes: dict[str, str]) -> str:
    """A table cell whose bottom border looks like a link drawn with *attributes*."""
    pen = max(1, round(float(attributes.get("penwidth", theme.within_pen))))
    colour = attributes.get("color", theme.within_colour)
    style = attributes.get("style", "")
    dash = ' STYLE="dashed"' if "dashed" in style else ' STYLE="dotted"' if "dotted" in style else ""
    return f'<TD SIDES="B" BORDER="{pen}" COLOR="{colour}"{dash} WIDTH="44"></TD>'


def _double_sample(theme: Theme) -> str:
    """A cell with a double-bordered box, as an element that recurs in the other cycle."""
    return (
        f'<TD><TABLE BORDER="1" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2" STYLE="rounded" '
        f'COLOR="{theme.bridge_colour}"><TR><TD><TABLE BORDER="1" CELLBORDER="0" CELLSPACING="0" '
        f'STYLE="rounded" COLOR="{theme.bridge_colour}"><TR><TD WIDTH="30" HEIGHT="8"></TD></TR>'
        "</TABLE></TD></TR></TABLE></TD>"
    )


def _secure_sample(layout: Layout) -> str:
    """A box bordered like a reaching or responding behaviour, when the figure draws one; else ``""``."""
    stances = {
        element.stance.value
        for element in layout.case.elements
        if element.id in layout.shown and element.stance in (Stance.REACH, Stance.RESPOND)
    }
    if not stances:
        return ""
    colour = layout.theme.stance_colours[sorted(stances)[0]]
    return f'<TD BORDER="3" COLOR="{colour}" STYLE="rounded" WIDTH="44" HEIGHT="16" FIXEDSIZE="TRUE"></TD>'
