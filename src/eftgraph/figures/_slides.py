"""Slide decks: a case as a 16:9 PowerPoint deck a trainer can walk a room through.

The deck holds a title slide, each domain's cycle, the compare view (when the
case has two domains or more), the strongest negative loop told in steps (one
slide per element, the rest faded) and what lies underneath. Every figure is a
high-resolution PNG; the speaker notes hold the narrative of each slide.

python-pptx is imported only when a deck is written, so ``import eftgraph``
stays light. The same case gives the same bytes: the zip entries carry a fixed
date and the document properties no clock time.

>>> from eftgraph import load
>>> plan = deck_plan(load("examples/janine-mathijs.en.yaml"))
>>> [slide.kind for slide in plan][:4]
['title', 'cycle', 'cycle', 'compare']
>>> sum(slide.kind == "step" for slide in plan)
10
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import attrs

import eftgraph.figures._analysis as _analysis
from eftgraph._catalog import catalog
from eftgraph._domains import domain_comparison
from eftgraph._loops import Loop, loops
from eftgraph._model import Case, ElementKind, Language
from eftgraph._narrative import _Writer, describe
from eftgraph._output import refuse_input, write_atomic
from eftgraph.errors import FigureError
from eftgraph.figures._deck import SlidePlan, deck_bytes
from eftgraph.figures._draw import to_dot
from eftgraph.figures._options import figure_language
from eftgraph.figures._render import pipe
from eftgraph.figures._steps import step_figures

__all__ = ["DPI", "SlidePlan", "deck_plan", "slides"]

DPI = 150
"""Resolution of the slide figures: sharp on a full-HD or 1440p projector, small enough to mail."""

_TEXTS = {
    "en": {
        "subtitle": "EFT case formulation",
        "step": "{cycle}, step by step ({k} of {n})",
        "underneath": "Underneath the cycle",
        "fear": "Attachment fear: {label}",
        "primary_emotion": "Primary emotion: {label}",
        "need": "Attachment need: {label}",
        "enemy": "The cycle is the enemy, not the partner.",
    },
    "nl": {
        "subtitle": "Casusconceptualisatie volgens EFT",
        "step": "{cycle}, stap voor stap ({k} van {n})",
        "underneath": "Onder de cirkel",
        "fear": "Gehechtheidsangst: {label}",
        "primary_emotion": "Primaire emotie: {label}",
        "need": "Gehechtheidsbehoefte: {label}",
        "enemy": "De cirkel is de vijand, niet de partner.",
    },
}


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _source(figure: Any) -> str:
    """The DOT source of *figure* at the deck's resolution."""
    figure.attr("graph", dpi=str(DPI))
    return str(figure.source)


def _rendered(plan: list[SlidePlan], renderer: str) -> list[SlidePlan]:
    """*plan* with every figure rendered as PNG and SVG, several at a time (each is a renderer process)."""
    jobs = [(slide.source, format) for slide in plan if slide.source for format in ("png", "svg")]
    with ThreadPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1))) as pool:
        images = iter(list(pool.map(lambda job: pipe(job[0], job[1], renderer=renderer), jobs)))
    return [
        attrs.evolve(slide, image=next(images), svg=next(images)) if slide.source else slide for slide in plan
    ]


def deck_plan(
    case: Case,
    *,
    language: Language | str | None = None,
    theme: str = "slide",
    renderer: str = "auto",
) -> list[SlidePlan]:
    """The slides of *case*'s deck, figures rendered, nothing written (see [`slides`][eftgraph.slides])."""
    if not case.domains:
        raise FigureError(f"case {case.id!r} has no elements to put on slides")
    lang = figure_language(case, language)
    texts, messages = _TEXTS.get(lang, _TEXTS["en"]), catalog(lang)

    def cycle_name(domain: str) -> str:
        try:
            return str(messages.get(f"domain.{domain}.cycle"))
        except KeyError:
            return messages.text("domain.other.cycle", domain=domain)

    cycles = [cycle_name(d) for d in case.domains]
    comma, and_ = str(messages.get("list.comma")), str(messages.get("list.and"))
    names = _capital(comma.join(cycles[:-1]) + and_ + cycles[-1] if len(cycles) > 1 else cycles[0])
    plan = [
        SlidePlan(
            kind="title",
            title=case.title or " & ".join(p.name for p in case.partners),
            caption=f"{texts['subtitle']}\n{names}",
            notes=describe(case, language=lang),
        )
    ]
    for domain in case.domains:
        figure = to_dot(case, domain=domain, language=lang, theme=theme)
        loop = _analysis.strongest_loop(case, [domain])
        notes = describe(_loop(case, loop), language=lang) if loop else ""
        plan.append(SlidePlan("cycle", _capital(cycle_name(domain)), notes, source=_source(figure)))
    if len(case.domains) >= 2:
        figure = to_dot(case, view="compare", language=lang, theme=theme)
        a, b = figure_domains(case)
        notes = describe(domain_comparison(case, a, b), language=lang)
        plan.append(
            SlidePlan(
                "compare", f"{_capital(cycle_name(a))} | {cycle_name(b)}", notes, source=_source(figure)
            )
        )
    plan.extend(_step_slides(case, lang, theme, texts, cycle_name))
    plan.append(_underneath(case, lang, texts))
    return _rendered(plan, renderer)


def figure_domains(case: Case) -> tuple[str, str]:
    """The two domains the compare view shows by default."""
    if "everyday" in case.domains and "sexual" in case.domains:
        return "everyday", "sexual"
    return case.domains[0], case.domains[1]


def _loop(case: Case, elements: Sequence[str]) -> Loop:
    """The ``Loop`` object whose elements are *elements*."""
    wanted = set(elements)
    for loop in loops(case):
        if set(loop.elements) == wanted and len(loop.elements) == len(elements):
            return loop
    raise FigureError(f"no loop through {list(elements)!r}")  # pragma: no cover - the analysis found it


def _step_slides(
    case: Case, lang: str, theme: str, texts: dict[str, str], cycle_name: Any
) -> list[SlidePlan]:
    """The strongest negative loop of the first domain that has one, one slide per element."""
    for domain in case.domains:
        elements = _analysis.strongest_loop(case, [domain])
        if elements:
            break
    else:
        return []
    loop = _loop(case, elements)
    writer = _Writer(case, lang)
    steps = step_figures(case, domain, elements, language=lang, theme=theme)
    sentences = writer.walk(loop)
    n = len(steps)
    plan = []
    for k, step in enumerate(steps, start=1):
        if k == 1:
            first = case.element(step.added)
            lines = [writer.header(loop), _opening(writer, first)]
        elif k < n:
            lines = [sentences[k - 2]]
        else:
            lines = [sentences[k - 2], sentences[-1], *writer.needs(loop)]
        caption = lines[1] if k == 1 else lines[0]
        title = texts["step"].format(cycle=_capital(cycle_name(domain)), k=k, n=n)
        plan.append(SlidePlan("step", title, " ".join(lines), source=_source(step.figure), caption=caption))
    return plan


def _opening(writer: _Writer, element: Any) -> str:
    """The sentence that opens the round: who does what (the first element, on its own)."""
    sentence = writer.clause(element, first=True)
    sentence = sentence[:1].upper() + sentence[1:]
    return sentence if sentence.endswith((".", "!", "?")) else sentence + "."


def _underneath(case: Case, lang: str, texts: dict[str, str]) -> SlidePlan:
    """The closing slide: what lies under each partner's part of the first cycle, and that the cycle is the enemy.

    Each bullet is one partner's block: the name, then a line per layer under the waterline.
    """
    blocks = []
    domain = case.domains[0]
    for partner in case.partners:
        lines = [partner.name]
        for kind in (ElementKind.FEAR, ElementKind.PRIMARY_EMOTION, ElementKind.NEED):
            labels = [e.label for e in case.elements_in(domain) if e.partner == partner.id and e.kind is kind]
            if labels:
                lines.append(texts[kind.value].format(label="; ".join(labels)))
        if len(lines) > 1:
            blocks.append("\n".join(lines))
    return SlidePlan(
        "underneath", texts["underneath"], texts["enemy"], caption=texts["enemy"], bullets=tuple(blocks)
    )


# --------------------------------------------------------------------------- writing


def slides(
    case: Case,
    path: str | os.PathLike[str],
    *,
    language: Language | str | None = None,
    theme: str = "slide",
    renderer: str = "auto",
    inputs: Sequence[str | os.PathLike[str]] = (),
) -> Path:
    """Write *case* as a 16:9 PowerPoint deck (``.pptx``) to *path* and return the path.

    Parameters
    ----------
    case
        The case to present.
    path
        Where to write the deck; written whole or not at all.
    language
        ``"en"`` or ``"nl"`` (default: the case's).
    theme
        The figure theme: ``"slide"`` (large type, default), ``"default"`` or ``"print"``.
    renderer
        As for [`render`][eftgraph.render].
    inputs
        Files the deck must not overwrite (the case file it came from).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from pptx import Presentation
    >>> from eftgraph import load
    >>> case = load("examples/janine-mathijs.yaml")
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     deck = Presentation(slides(case, pathlib.Path(folder) / "deck.pptx"))
    >>> len(deck.slides), deck.slides[4].shapes.title is None
    (15, True)
    """
    plan = deck_plan(case, language=language, theme=theme, renderer=renderer)
    refuse_input(path, inputs)
    write_atomic(path, deck_bytes(plan))
    return Path(path)
