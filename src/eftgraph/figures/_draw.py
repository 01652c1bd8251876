"""Drawing a case: [`to_dot`][eftgraph.to_dot] builds a figure, [`render`][eftgraph.render] writes one.

Both take the same figure options, as keyword-only parameters: a misspelt
option is a ``TypeError`` at the call (and a type checker's error), never
silently ignored. ``show`` is what a notebook displays for a case.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import eftgraph.figures._render as _render
from eftgraph._model import Case, Language
from eftgraph._output import write_atomic
from eftgraph.figures._dot import build
from eftgraph.figures._figure import Figure, mimebundle
from eftgraph.figures._layout import Layout
from eftgraph.figures._options import domains_to_draw, figure_language, highlighted_loop, view_named
from eftgraph.figures._theme import theme_named
from eftgraph.figures._words import Words

if TYPE_CHECKING:
    from eftgraph._loops import Loop

__all__ = ["path_to_dot", "render", "show", "to_dot"]


def to_dot(
    case: Case,
    *,
    view: str = "cycle",
    domain: str | Sequence[str] | None = None,
    highlight: str | Loop | Sequence[str] | None = None,
    language: Language | str | None = None,
    theme: str = "default",
    sessions: Sequence[int] | None = None,
    concerns: bool = True,
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
        ``"course"``: one domain at two or more moments of the course (``sessions``), in
        one layout. (``"timeline"`` is a chart: [`render`][eftgraph.render] it.)
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
        ``"en"`` or ``"nl"`` (any language with a message catalog) for layer
        names, title and legend (default: the case's).
    theme
        ``"default"`` (colour-blind-safe), ``"print"`` (greyscale) or ``"slide"`` (large type).
    sessions
        Course view: the sessions whose formulations to show side by side (default: the
        intake and the last formulation of the course).
    concerns
        Draw each concern (a referral) as a note under its partner's column, in the
        cycle of its domain (one without a domain: in every cycle view, and once in the
        compare view). ``False`` leaves them out.

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
    chosen_view = view_named(view)
    chosen_theme = theme_named(theme)
    if chosen_view in ("timeline", "course"):
        from eftgraph.figures._course_view import course_figure  # only the course views need it

        return course_figure(
            case, chosen_view, domain=domain, sessions=sessions, language=language, theme=theme
        )
    words = Words(figure_language(case, language))
    domains = domains_to_draw(case, chosen_view, domain)
    loop = highlighted_loop(case, highlight, domains)
    return build(
        Layout(
            case, domains, words, chosen_theme, loop, strongest=highlight == "strongest", concerns=concerns
        )
    )


def path_to_dot(
    case: Case,
    domain: str,
    path: Sequence[str],
    *,
    language: Language | str | None,
    theme: str,
    concerns: bool = True,
) -> Figure:
    """The cycle view of *domain* with *path* walked so far: its elements and the links between
    consecutive ones highlighted, every other element and link faded.

    No link closes the path; a path that ends where it started (``[a, b, c, a]``) is the
    whole loop, closing link included.

    >>> from eftgraph import load
    >>> case = load("examples/janine-mathijs.en.yaml")
    >>> walked = ["everyday.janine.behavior", "everyday.mathijs.perception"]
    >>> body = path_to_dot(case, "everyday", walked, language=None, theme="default").body
    >>> [line.split()[:3] for line in body if "->" in line and "#D55E00" in line]
    [['e1', '->', 'e9']]
    """
    chosen_theme = theme_named(theme)
    words = Words(figure_language(case, language))
    domains = domains_to_draw(case, view_named("cycle"), domain)
    walked = highlighted_loop(case, list(path), domains)
    return build(
        Layout(case, domains, words, chosen_theme, walked, strongest=False, path=True, concerns=concerns)
    )


def render(
    case: Case,
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    renderer: str = "auto",
    view: str = "cycle",
    domain: str | Sequence[str] | None = None,
    highlight: str | Loop | Sequence[str] | None = None,
    language: Language | str | None = None,
    theme: str = "default",
    sessions: Sequence[int] | None = None,
    concerns: bool = True,
) -> Path:
    """Draw *case* and write the figure to *path*: SVG, PNG, PDF or DOT, the format from the suffix.

    Parameters
    ----------
    case
        The case to draw.
    path
        Where to write; written whole or not at all.
    format
        ``svg``, ``png``, ``pdf`` or ``dot`` (default: from the suffix of *path*).
    renderer
        ``auto`` (the system Graphviz when present, else the embedded one),
        ``system`` or ``embedded``. The embedded renderer makes SVG and PNG;
        PDF needs the system Graphviz.
    view
        ``"cycle"``, ``"compare"``, ``"course"`` or ``"timeline"`` (the course as a chart,
        drawn with matplotlib: SVG, PNG or PDF); the options below as for [`to_dot`][eftgraph.to_dot].
    domain
        The domain of the cycle view, or the two domains of the compare view.
    highlight
        ``"strongest"``, ``"none"``, a ``Loop`` or element ids: the loop drawn heavy.
    language
        The language of the figure's words (default: the case's).
    theme
        ``"default"``, ``"print"`` or ``"slide"``.
    concerns
        Draw the concerns as notes (default); ``False`` leaves them out.

    Returns
    -------
    Path
        The path written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from eftgraph import load, render
    >>> case = load("examples/janine-mathijs.yaml")
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     written = render(case, pathlib.Path(folder) / "cycle.dot", theme="print")
    ...     written.read_text(encoding="utf-8").startswith("digraph eftgraph {")
    True
    """
    chosen = _render.format_for(path, format)
    if view_named(view) == "timeline":
        from eftgraph.figures._course_view import timeline_file

        write_atomic(path, timeline_file(case, chosen, language=language, theme=theme))
        return Path(path)
    figure = to_dot(
        case,
        view=view,
        domain=domain,
        highlight=highlight,
        language=language,
        theme=theme,
        sessions=sessions,
        concerns=concerns,
    )
    data = _render.pipe(figure.source, chosen, renderer=renderer)
    write_atomic(path, data)
    return Path(path)


def show(
    case: object, include: Iterable[str] | None = None, exclude: Iterable[str] | None = None
) -> dict[str, Any]:
    """What a notebook displays for *case*: its cycle figure (see [`Figure`][eftgraph.figures.Figure]).

    Anything else shows as its text form.

    >>> from eftgraph import load
    >>> show(load("examples/janine-mathijs.yaml"), include=[])
    {}
    >>> show("not a case")
    {'text/plain': "'not a case'"}
    """
    if not isinstance(case, Case):
        return {"text/plain": repr(case)}
    return dict(mimebundle(to_dot(case).source, include=include, exclude=exclude))
