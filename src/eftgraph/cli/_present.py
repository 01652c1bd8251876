"""``eftgraph slides FILE -o deck.pptx`` and ``eftgraph handout FILE -o sheet.html``: present a case."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eftgraph.cli._common import (
    STDIO,
    add_language,
    add_output,
    analyse,
    fail,
    reader_command,
    refused_output,
    usage,
    write_output,
)

INSTALL_PPTX = "pip install 'eftgraph[slides]'"
"""How to get python-pptx, which slide decks need."""


def register(subparsers: Any) -> None:
    from eftgraph.figures import RENDERERS, THEMES

    slides = reader_command(
        subparsers,
        "slides",
        run_slides,
        help="a 16:9 slide deck (.pptx): each cycle, the compare view, the strongest loop step by step",
        description=(
            "Write a case as a PowerPoint deck: a title slide, each domain's cycle, the compare view, "
            "the strongest negative loop told in steps (one slide per element, the narrative in the "
            f"speaker notes) and what lies underneath. Needs python-pptx: {INSTALL_PPTX}."
        ),
        printed=False,
    )
    add_output(slides, "the deck to write (.pptx); '-' writes to standard output")
    add_language(slides, "language of the deck")
    slides.add_argument(
        "--theme", choices=tuple(THEMES), default="slide", help="figure theme (default: slide)"
    )
    slides.add_argument("--renderer", choices=RENDERERS, default="auto", help="which Graphviz renders")
    handout = reader_command(
        subparsers,
        "handout",
        run_handout,
        help="a one-page handout for the couple (.html, prints to A4), in plain words",
        description=(
            "Write the couple's own sheet: their cycle in plain words and a calm picture, each "
            "partner's inner side in their own words, room for notes. One self-contained HTML page "
            "that prints to one A4 page; no jargon, no concerns unless --concerns."
        ),
        printed=False,
    )
    add_output(handout, "the page to write (.html); '-' writes to standard output")
    add_language(handout, "language of the page")
    handout.add_argument("--domain", metavar="D", help="the cycle to show (default: the case's first)")
    handout.add_argument("--concerns", action="store_true", help="also list the case's concerns")


def _suffix_refused(args: argparse.Namespace, allowed: tuple[str, ...]) -> int | None:
    """Exit status 2 when OUT has a suffix other than *allowed* (standard output is fine)."""
    if args.output == STDIO or Path(args.output).suffix.lower() in allowed:
        return None
    return usage(args, f"{args.output}: the {args.command} command writes {' or '.join(allowed)} files")


def run_slides(args: argparse.Namespace) -> int:
    refused = refused_output(args, args.output, [args.file]) or _suffix_refused(args, (".pptx",))
    if refused is not None:
        return refused
    try:
        import pptx  # noqa: F401 - only to say early that it is missing
    except ImportError:
        return fail(f"slide decks need python-pptx, which is not installed: {INSTALL_PPTX}")
    from eftgraph.figures._deck import deck_bytes
    from eftgraph.figures._slides import deck_plan

    def build(case: Any) -> bytes:
        plan = deck_plan(case, language=args.language, theme=args.theme, renderer=args.renderer)
        return deck_bytes(plan)

    return _built_and_written(args, build)


def run_handout(args: argparse.Namespace) -> int:
    refused = refused_output(args, args.output, [args.file]) or _suffix_refused(args, (".html", ".htm"))
    if refused is not None:
        return refused
    from eftgraph.figures._handout import handout_html

    def build(case: Any) -> bytes:
        page = handout_html(case, domain=args.domain, language=args.language, concerns=args.concerns)
        return page.encode("utf-8")

    return _built_and_written(args, build)


def _built_and_written(args: argparse.Namespace, build: Callable[[Any], bytes]) -> int:
    """Read the case, build the file from it and write it whole to ``-o`` (``-``: standard output)."""
    built = analyse(args, build)
    if isinstance(built, int):
        return built
    write_output(args.output, built.result)
    if args.output != STDIO:
        print(f"wrote {args.output}")
    return 0
