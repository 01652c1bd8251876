"""The timeline of a course: sessions across, stage bands, markers, cycle ratings and measures.

A chart, drawn with matplotlib, which is imported only here and only when a timeline
is drawn (``import eftgraph`` stays as light as before). matplotlib is an optional
dependency: ``pip install "eftgraph[timeline]"``.

>>> from eftgraph import load
>>> figure = timeline(load("examples/janine-mathijs.en.yaml"), theme="print")
>>> [axes.get_ylabel().splitlines()[0] for axes in figure.axes]
['cycle rating', 'markers', 'RDAS score']
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from eftgraph._course import DE_ESCALATED, Course, course
from eftgraph._course_narrative import Words
from eftgraph._sessions import MarkerKind
from eftgraph.errors import RenderError
from eftgraph.figures._theme import OKABE_ITO, THEMES

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from eftgraph._model import Case

__all__ = ["INSTALL", "timeline", "timeline_bytes"]

INSTALL = 'the timeline needs matplotlib: pip install "eftgraph[timeline]"'

_DOMAIN_COLOURS = {
    "everyday": OKABE_ITO["blue"],
    "sexual": OKABE_ITO["vermillion"],
    "caregiving": OKABE_ITO["bluish_green"],
}
_PARTNER_COLOURS = (
    OKABE_ITO["reddish_purple"],
    OKABE_ITO["bluish_green"],
    OKABE_ITO["orange"],
    OKABE_ITO["sky_blue"],
)
_STAGE_FILLS = {"default": ("#FDF1DC", "#E1EEF7", "#DDF1E8"), "print": ("#FFFFFF", "#EBEBEB", "#D6D6D6")}
_SYMBOLS = {
    MarkerKind.CYCLE_NAMED: ("o", OKABE_ITO["sky_blue"]),
    MarkerKind.DE_ESCALATION: ("v", OKABE_ITO["blue"]),
    MarkerKind.WITHDRAWER_RE_ENGAGEMENT: (">", OKABE_ITO["bluish_green"]),
    MarkerKind.BLAMER_SOFTENING: ("<", OKABE_ITO["orange"]),
    MarkerKind.ENACTMENT: ("s", "#7F7F7F"),
    MarkerKind.BONDING_EVENT: ("*", OKABE_ITO["reddish_purple"]),
    MarkerKind.SEXUAL_DOMAIN_OPENED: ("D", OKABE_ITO["vermillion"]),
    MarkerKind.ATTACHMENT_INJURY: ("X", "#000000"),
    MarkerKind.INJURY_REPAIRED: ("P", OKABE_ITO["bluish_green"]),
    MarkerKind.IMPASSE: ("h", "#7F7F7F"),
    MarkerKind.RELAPSE: ("^", OKABE_ITO["vermillion"]),
    MarkerKind.CONSOLIDATION: ("d", OKABE_ITO["blue"]),
}
_DASHES = ("-", "--", "-.", ":")


def _matplotlib() -> Any:
    try:
        import matplotlib
        from matplotlib.figure import Figure
    except ImportError:  # pragma: no cover - depends on the environment
        raise RenderError(INSTALL) from None
    return matplotlib, Figure


class _Style:
    def __init__(self, theme: str) -> None:
        if theme not in THEMES:
            from eftgraph._suggest import unknown
            from eftgraph.errors import FigureError

            raise FigureError(unknown("theme", theme, THEMES))
        self.theme = THEMES[theme]
        self.grey = theme == "print"
        self.scale = 1.35 if theme == "slide" else 1.0
        self.stage_fills = _STAGE_FILLS["print" if self.grey else "default"]

    def colour(self, colour: str) -> str:
        return "#000000" if self.grey else colour

    def size(self, points: float) -> float:
        return points * self.scale


def timeline(case: Case, *, language: object = None, theme: str = "default") -> Figure:
    """The timeline of *case*'s course as a matplotlib `Figure` (no I/O, no pyplot)."""
    _, figure_class = _matplotlib()
    style = _Style(theme)
    words = Words(case, language)
    summary = course(case)
    scales = _scale_panels(summary)
    heights = [3.2, 1.3] + [2.2] * len(scales)
    figure = figure_class(figsize=(12, sum(heights) + 1.8), layout="constrained")
    axes = figure.subplots(len(heights), 1, sharex=True, gridspec_kw={"height_ratios": heights})
    title = case.title or case.id
    figure.suptitle(words("timeline.title", title=title), fontsize=style.size(16), fontweight="bold")
    if not summary.sessions:
        axes[0].text(0.5, 0.5, words("timeline.no_sessions"), ha="center", transform=axes[0].transAxes)
        return figure  # type: ignore[no-any-return]
    for i, ax in enumerate(axes):
        _stage_bands(ax, summary, style, lines_only=i >= 2)
        ax.tick_params(labelsize=style.size(10))
    _stage_labels(axes[0], summary, style, words)
    _ratings(axes[0], summary, style, words)
    _markers(axes[1], summary, style, words)
    for ax, (key, items) in zip(axes[2:], scales.items(), strict=True):
        _measures(ax, key, items, style, words)
    axes[-1].set_xlabel(words("timeline.session"), fontsize=style.size(11))
    _session_ticks(axes[-1], summary.sessions)
    return figure  # type: ignore[no-any-return]


def _scale_panels(summary: Course) -> dict[str, list[Any]]:
    panels: dict[str, list[Any]] = {}
    for item in summary.measures:
        panels.setdefault(item.scale.id, []).append(item)
    return panels


def _stage_runs(summary: Course) -> list[tuple[int, float, float]]:
    sessions = summary.sessions
    runs: list[tuple[int, float, float]] = []
    for i, (number, stage) in enumerate(summary.stages):
        left = (sessions[i - 1] + number) / 2 if i else number - 0.5
        right = (number + sessions[i + 1]) / 2 if i + 1 < len(sessions) else number + 0.5
        if runs and runs[-1][0] == stage:
            runs[-1] = (stage, runs[-1][1], right)
        else:
            runs.append((stage, left, right))
    return runs


def _stage_bands(ax: Axes, summary: Course, style: _Style, *, lines_only: bool = False) -> None:
    for i, (stage, left, right) in enumerate(_stage_runs(summary)):
        if not lines_only:
            ax.axvspan(left, right, color=style.stage_fills[stage - 1], zorder=0, lw=0)
        if i and (style.grey or lines_only):
            ax.axvline(left, color="#7F7F7F", lw=style.size(0.9), ls=":", zorder=0.5)


def _stage_labels(ax: Axes, summary: Course, style: _Style, words: Words) -> None:
    for stage, left, right in _stage_runs(summary):
        label = words("timeline.stage", stage=stage) + "\n" + words(f"stage.{stage}")
        ax.text(
            (left + right) / 2, 1.02, label, transform=ax.get_xaxis_transform(), ha="center", va="bottom",
            fontsize=style.size(9.5), color=style.theme.muted_text, wrap=True,
        )  # fmt: skip


def _ratings(ax: Axes, summary: Course, style: _Style, words: Words) -> None:
    ax.axhspan(
        -0.5, DE_ESCALATED + 0.5, color=style.colour(OKABE_ITO["bluish_green"]), alpha=0.10, lw=0, zorder=0.6
    )
    ax.text(
        0.005, (DE_ESCALATED + 0.5) / 11, words("timeline.calm", calm=DE_ESCALATED), transform=ax.transAxes,
        va="top", fontsize=style.size(9), color=style.theme.muted_text,
    )  # fmt: skip
    for i, domain in enumerate(summary.domains):
        xs = [n for n, _ in domain.ratings]
        ys = [r for _, r in domain.ratings]
        colour = style.colour(_DOMAIN_COLOURS.get(domain.domain, OKABE_ITO["reddish_purple"]))
        ax.plot(
            xs, ys, color=colour, lw=style.size(2.4), ls=_DASHES[i % 4] if style.grey else "-", marker="o",
            ms=style.size(5 if len(xs) < 60 else 2.5), label=words.short_cycle(domain.domain), zorder=3,
        )  # fmt: skip
    ax.set_ylim(-0.5, 10.5)
    ax.set_yticks([0, 2, 4, 6, 8, 10])
    ax.set_ylabel(words("timeline.rating"), fontsize=style.size(10))
    if summary.domains:
        ax.legend(loc="upper right", fontsize=style.size(9.5), framealpha=0.9)


def _markers(ax: Axes, summary: Course, style: _Style, words: Words) -> None:
    rows: dict[int, int] = {}
    seen: dict[MarkerKind, Any] = {}
    for item in summary.markers:
        row = rows.get(item.session, 0)
        rows[item.session] = row + 1
        symbol, colour = _SYMBOLS[item.marker.kind]
        size = style.size(13 if symbol == "*" else 9)
        handle = ax.plot(
            [item.session], [row], ls="none", marker=symbol, ms=size, color=style.colour(colour),
            mec="#000000", mew=0.6, zorder=3,
        )[0]  # fmt: skip
        seen.setdefault(item.marker.kind, handle)
    ax.set_ylim(-0.8, max([*rows.values(), 2]) - 0.2)
    ax.set_yticks([])
    ax.set_ylabel(words("timeline.markers"), fontsize=style.size(10))
    if seen:
        ax.figure.legend(
            list(seen.values()), [words(f"kind.{k}") for k in seen], loc="outside lower center",
            ncols=min(len(seen), 4), fontsize=style.size(9.5), frameon=False,
        )  # fmt: skip


def _measures(ax: Axes, key: str, items: Sequence[Any], style: _Style, words: Words) -> None:
    scale = items[0].scale
    label = scale.id.upper() if scale.id in ("rdas", "csi-4", "csi-16", "csi-32") else scale.id
    low = scale.minimum if scale.minimum is not None else min(s for m in items for _, s in m.scores)
    high = scale.maximum if scale.maximum is not None else max(s for m in items for _, s in m.scores)
    if scale.cutoff is not None:
        bad_low = scale.direction.value == "higher-is-better"
        edge = low if bad_low else high
        ax.axhspan(min(edge, scale.cutoff), max(edge, scale.cutoff), color=style.colour(OKABE_ITO["vermillion"]),
                   alpha=0.10, lw=0, zorder=0.6, hatch="//" if style.grey else None)  # fmt: skip
        ax.axhline(
            scale.cutoff, color=style.colour(OKABE_ITO["vermillion"]), ls="--", lw=style.size(1.4), zorder=1
        )
        cut = f"{scale.cutoff:g}".replace(".", ",") if words.code == "nl" else f"{scale.cutoff:g}"
        ax.annotate(
            words("timeline.cutoff", cutoff=cut) + " · " + words("timeline.distressed"), (1, scale.cutoff),
            xycoords=ax.get_yaxis_transform(), xytext=(-6, -5 if bad_low else 5), textcoords="offset points",
            ha="right", va="top" if bad_low else "bottom", fontsize=style.size(9), color=style.theme.muted_text,
        )  # fmt: skip
    for i, item in enumerate(items):
        xs = [n for n, _ in item.scores]
        ys = [s for _, s in item.scores]
        ax.plot(
            xs, ys, color=style.colour(_PARTNER_COLOURS[i % 4]), lw=style.size(2.2), marker="os^D"[i % 4],
            ms=style.size(6), ls=_DASHES[i % 4] if style.grey else "-", label=words.names.get(item.partner, item.partner),
            zorder=3,
        )  # fmt: skip
    margin = (high - low) * 0.05 or 1
    ax.set_ylim(low - margin, high + margin)
    ax.set_ylabel(words("timeline.score", scale=label), fontsize=style.size(10))
    ax.legend(loc="upper left", fontsize=style.size(9.5), framealpha=0.9)


def _session_ticks(ax: Axes, sessions: Sequence[int]) -> None:
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=min(len(sessions), 20)))
    ax.set_xlim(sessions[0] - 0.5, sessions[-1] + 0.5)


def timeline_bytes(case: Case, format: str, *, language: object = None, theme: str = "default") -> bytes:
    """The timeline as SVG, PNG or PDF bytes (reproducible: no dates, fixed ids)."""
    matplotlib, _ = _matplotlib()
    figure = timeline(case, language=language, theme=theme)
    buffer = io.BytesIO()
    metadata: dict[str, Any] = {"svg": {"Date": None}, "pdf": {"CreationDate": None}}.get(format, {})
    with matplotlib.rc_context({"svg.hashsalt": "eftgraph", "svg.fonttype": "none"}):
        figure.savefig(buffer, format=format, dpi=150, metadata=metadata or None)
    return buffer.getvalue()
