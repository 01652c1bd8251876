"""The options of a figure, checked before anything is drawn: view, language, domains, highlight.

Each word list sits beside the function that checks it, and every bad choice is
told in the one wording of ``eftgraph._suggest.unknown`` (themes:
``_theme.theme_named``; formats and renderers: ``_render``). `check_options`
checks them all without a case, for a command that draws many.

>>> from eftgraph import load
>>> case = load("examples/janine-mathijs.en.yaml")
>>> view_named("compare"), domains_to_draw(case, "compare", None)
('compare', ('everyday', 'sexual'))
>>> view_named("cycles")
Traceback (most recent call last):
...
eftgraph.errors.FigureError: unknown view 'cycles' (allowed: cycle, compare, timeline, course); did you mean 'cycle'?
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from eftgraph._catalog import languages
from eftgraph._model import Case, Language
from eftgraph._suggest import nearest, unknown
from eftgraph.errors import FigureError, UnknownDomainError, choices_tail
from eftgraph.figures._analysis import strongest_loop
from eftgraph.figures._render import format_for, renderer_named
from eftgraph.figures._theme import theme_named

if TYPE_CHECKING:
    from eftgraph._loops import Loop

__all__ = [
    "HIGHLIGHTS",
    "VIEWS",
    "check_options",
    "domains_to_draw",
    "figure_language",
    "highlighted_loop",
    "language_named",
    "view_named",
]

VIEWS = ("cycle", "compare", "timeline", "course")
"""The views a figure can show: a cycle, two domains compared, and a course (docs: Therapy over time)."""

HIGHLIGHTS = ("strongest", "none")
"""The words ``highlight=`` accepts besides a loop."""


def view_named(view: str) -> str:
    """*view* when it is one of `VIEWS`; a [`FigureError`][eftgraph.FigureError] if not."""
    if isinstance(view, str) and view in VIEWS:
        return view
    raise FigureError(unknown("view", view, VIEWS))


def language_named(language: Language | str) -> str:
    """The code of *language* when it has a message catalog; a [`FigureError`][eftgraph.FigureError] if not.

    >>> language_named(Language.NL), language_named("en")
    ('nl', 'en')
    """
    code = str(language)
    if code in languages():
        return code
    raise FigureError(unknown("language", language, languages()))


def figure_language(case: Case, language: Language | str | None) -> str:
    """The code of the language to draw in: *language*, else the case's.

    >>> from eftgraph import load
    >>> figure_language(load("examples/janine-mathijs.yaml"), None)
    'nl'
    """
    return language_named(case.language if language is None else language)


def check_options(
    *,
    view: str | None = None,
    theme: str | None = None,
    language: Language | str | None = None,
    renderer: str | None = None,
    format: str | None = None,
) -> None:
    """Check the figure options given (``None``: not given) before any case is drawn.

    Raises a [`FigureError`][eftgraph.FigureError] (view, theme, language) or a
    [`RenderError`][eftgraph.RenderError] (renderer, format) in the one wording of
    a bad choice.

    >>> check_options(view="compare", theme="print", language="nl", renderer="auto", format="png")
    >>> check_options(language="de")
    Traceback (most recent call last):
    ...
    eftgraph.errors.FigureError: unknown language 'de' (allowed: en, nl)
    """
    if view is not None:
        view_named(view)
    if theme is not None:
        theme_named(theme)
    if language is not None:
        language_named(language)
    if renderer is not None:
        renderer_named(renderer)
    if format is not None:
        format_for("", format)


def _known_domain(case: Case, name: object) -> str:
    if isinstance(name, str) and name in case.domains:
        return name
    message = f"the case has no domain {name!r} (it has: {', '.join(case.domains) or 'none'})"
    raise UnknownDomainError(message + choices_tail((), nearest(str(name), case.domains)))


def domains_to_draw(case: Case, view: str, domain: str | Sequence[str] | None) -> tuple[str, ...]:
    """The domains *view* shows: one for the cycle view, two for the compare view."""
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


def highlighted_loop(
    case: Case, highlight: str | Loop | Sequence[str] | None, domains: Sequence[str]
) -> tuple[str, ...]:
    """The element ids of the loop to draw heavy (empty: none), from one of `HIGHLIGHTS` or a loop.

    >>> from eftgraph import load
    >>> case = load("examples/janine-mathijs.en.yaml")
    >>> highlighted_loop(case, "none", ["everyday"]), len(highlighted_loop(case, "strongest", ["sexual"]))
    ((), 8)
    """
    if highlight is None or highlight == "none":
        return ()
    if isinstance(highlight, str):
        if highlight == "strongest":
            return strongest_loop(case, domains) or ()
        raise FigureError(unknown("highlight", highlight, HIGHLIGHTS))
    ids = getattr(highlight, "elements", highlight)
    if isinstance(ids, str) or not isinstance(ids, Iterable):
        raise FigureError(
            f"highlight must be 'strongest', 'none', a Loop or element ids; got {type(highlight).__name__}"
        )
    loop = tuple(str(i) for i in ids)
    known = [e.id for e in case.elements]
    for element_id in loop:
        if element_id not in known:
            raise FigureError(
                f"the loop to highlight names an element the case does not have: {element_id!r}"
                + choices_tail((), nearest(element_id, known))
            )
    return loop
