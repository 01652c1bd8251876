"""Themes: the look of a figure (colours, type sizes, line widths).

``default`` uses the Okabe–Ito palette, which stays distinct for the common
kinds of colour blindness; ``print`` is greyscale and says with line style,
width and words what ``default`` also says with colour; ``slide`` is
``default`` with larger type and heavier lines for projection.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from eftgraph._suggest import unknown
from eftgraph.errors import FigureError

__all__ = ["OKABE_ITO", "THEMES", "Theme", "theme_named"]

OKABE_ITO: Mapping[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
"""The Okabe–Ito colour-blind-safe palette (Okabe & Ito, 2008)."""


@attrs.frozen
class Theme:
    """The look of a figure. Colours are ``#RRGGBB``; sizes are points."""

    name: str
    font: str = "Arial"
    text: str = "#1A1A1A"
    muted_text: str = "#555555"
    font_size: float = 14
    head_size: float = 17
    title_size: float = 22
    layer_size: float = 13
    edge_size: float = 12
    legend_size: float = 12
    wrap: int = 22
    """Columns per line of an element's label."""
    node_border: str = "#4D4D4D"
    node_fill: str = "#FFFFFF"
    trigger_fill: str = "#FBF6CF"
    node_pen: float = 1.2
    behavior_pen: float = 2.4
    stance_colours: Mapping[str, str] = attrs.field(factory=dict)
    """Border colour of a behaviour by stance (``pursue``, ``withdraw``, ``reach``, ``respond``)."""
    head_fills: Mapping[str, str] = attrs.field(factory=dict)
    """Fill of a column head by position (``pursuer``, ``withdrawer``, ``undetermined``)."""
    head_borders: Mapping[str, str] = attrs.field(factory=dict)
    water_fill: str = "#E6F2FA"
    water_border: str = "#56B4E9"
    water_style: str = "filled"
    domain_border: str = "#7F7F7F"
    within_colour: str = "#6E6E6E"
    within_pen: float = 1.4
    cross_colour: str = "#1A1A1A"
    cross_pen: float = 3.2
    bridge_colour: str = OKABE_ITO["reddish_purple"]
    bridge_pen: float = 2.6
    bridge_style: str = "bold"
    reversal_colour: str = OKABE_ITO["reddish_purple"]
    highlight_colour: str = OKABE_ITO["vermillion"]
    highlight_pen: float = 5.0
    faded_colour: str = "#C4C4C4"
    faded_text: str = "#A6A6A6"
    note_fill: str = "#F4F1EA"
    """A concern's note: a calm warm grey, no alarm colour."""
    note_border: str = "#8C8C8C"
    arrow_size: float = 0.9


_DEFAULT = Theme(
    name="default",
    stance_colours={
        "pursue": OKABE_ITO["orange"],
        "withdraw": OKABE_ITO["blue"],
        "reach": OKABE_ITO["bluish_green"],
        "respond": OKABE_ITO["bluish_green"],
    },
    head_fills={
        "pursuer": "#FBEBCB",
        "withdrawer": "#CCE3F0",
        "undetermined": "#EEEEEE",
        "reach": "#CCEBE3",
        "respond": "#CCEBE3",
    },
    head_borders={
        "pursuer": OKABE_ITO["orange"],
        "withdrawer": OKABE_ITO["blue"],
        "undetermined": "#7F7F7F",
    },
)

THEMES: Mapping[str, Theme] = {
    "default": _DEFAULT,
    "print": Theme(
        name="print",
        text="#000000",
        muted_text="#404040",
        node_border="#000000",
        trigger_fill="#FFFFFF",
        stance_colours={"pursue": "#000000", "withdraw": "#000000", "reach": "#000000", "respond": "#000000"},
        head_fills={
            "pursuer": "#D9D9D9",
            "withdrawer": "#FFFFFF",
            "undetermined": "#FFFFFF",
            "reach": "#FFFFFF",
            "respond": "#FFFFFF",
        },
        head_borders={"pursuer": "#000000", "withdrawer": "#000000", "undetermined": "#7F7F7F"},
        water_fill="#EFEFEF",
        water_border="#595959",
        water_style="filled,dashed",
        domain_border="#595959",
        within_colour="#4D4D4D",
        cross_colour="#000000",
        bridge_colour="#000000",
        bridge_style="dotted",
        reversal_colour="#000000",
        highlight_colour="#000000",
        highlight_pen=6.0,
        faded_colour="#B3B3B3",
        note_fill="#FFFFFF",
        note_border="#000000",
    ),
    "slide": attrs.evolve(
        _DEFAULT,
        name="slide",
        font_size=20,
        head_size=24,
        title_size=32,
        layer_size=18,
        edge_size=17,
        legend_size=17,
        wrap=20,
        node_pen=1.6,
        behavior_pen=3.2,
        within_pen=2.0,
        cross_pen=4.4,
        bridge_pen=3.4,
        highlight_pen=6.5,
        arrow_size=1.0,
    ),
}
"""The themes by name: ``default``, ``print`` and ``slide``."""


def theme_named(name: str) -> Theme:
    """The theme called *name*; a [`FigureError`][eftgraph.FigureError] naming the themes if none is.

    >>> theme_named("print").highlight_pen
    6.0
    >>> theme_named("prnt")
    Traceback (most recent call last):
    ...
    eftgraph.errors.FigureError: unknown theme 'prnt' (allowed: default, print, slide); did you mean 'print'?
    """
    if isinstance(name, str) and name in THEMES:
        return THEMES[name]
    raise FigureError(unknown("theme", name, THEMES))
