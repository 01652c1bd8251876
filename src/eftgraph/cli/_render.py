"""``eftgraph render FILE -o OUT``: draw a case as SVG, PNG, PDF or DOT."""

from __future__ import annotations

import argparse
from typing import Any

from eftgraph._model import Case
from eftgraph._terminal import visible
from eftgraph.cli._common import (
    STDIO,
    add_language,
    add_output,
    analyse,
    reader_command,
    refused_output,
    usage,
    write_stdout,
)
from eftgraph.errors import EftgraphError


def register(subparsers: Any) -> None:
    from eftgraph.figures import FORMATS, HIGHLIGHTS, RENDERERS, THEMES, VIEWS

    command = reader_command(
        subparsers,
        "render",
        run,
        help="draw the cycle, or two domains compared, as SVG, PNG, PDF or DOT",
        description=(
            "Draw a case as a figure. The format comes from the suffix of OUT (.svg, .png, .pdf, .dot), "
            "or --to. Uses the system Graphviz when it is installed, else the embedded renderer "
            "(SVG and PNG)."
        ),
        printed=False,
    )
    add_output(command, "the figure file to write; '-' writes to standard output")
    command.add_argument(
        "--to", choices=FORMATS, help="the figure format (default: from OUT's suffix; svg for '-')"
    )
    command.add_argument(
        "--view",
        choices=VIEWS,
        default="cycle",
        help="one domain's cycle, two compared, the course as a timeline chart, or one domain over the course",
    )
    command.add_argument(
        "--domain",
        action="append",
        metavar="D",
        help="cycle and course views: the domain to draw (default: the first); compare view: give it twice",
    )
    command.add_argument(
        "--sessions",
        nargs="+",
        type=int,
        metavar="N",
        help="course view: the sessions whose formulations to show (default: the intake and the last)",
    )
    add_language(command, "language of the figure")
    command.add_argument("--theme", choices=tuple(THEMES), default="default", help="default, print or slide")
    command.add_argument(
        "--highlight", choices=HIGHLIGHTS, default="none", help="draw the strongest loop heavy"
    )
    command.add_argument("--renderer", choices=RENDERERS, default="auto", help="which Graphviz renders")
    command.add_argument(
        "--no-concerns",
        dest="concerns",
        action="store_false",
        help="cycle and compare views: leave out the notes of concerns (referrals)",
    )


def _format(args: argparse.Namespace) -> str:
    """The figure format: ``--to``, else the suffix of OUT (svg for standard output)."""
    from eftgraph.figures._render import format_for

    if args.output == STDIO:
        return str(args.to or "svg")
    return format_for(args.output, args.to)


def _draw(case: Case, args: argparse.Namespace, format: str) -> None:
    """Draw *case* as asked, to the file OUT or to standard output."""
    from eftgraph.figures import pipe, render, to_dot

    domain: str | list[str] | None = None
    if args.domain:
        domain = args.domain[0] if args.view in ("cycle", "course") and len(args.domain) == 1 else args.domain
    options: dict[str, Any] = {
        "view": args.view,
        "domain": domain,
        "highlight": args.highlight,
        "language": args.language,
        "theme": args.theme,
        "concerns": args.concerns,
    }
    if args.view == "course" and args.sessions:
        options["sessions"] = args.sessions
    if args.output == STDIO and args.view == "timeline":
        from eftgraph.figures._course_view import timeline_file

        write_stdout(timeline_file(case, format, language=args.language, theme=args.theme))
    elif args.output == STDIO:
        write_stdout(pipe(to_dot(case, **options).source, format, renderer=args.renderer))
    else:
        render(case, args.output, format=format, renderer=args.renderer, **options)


def run(args: argparse.Namespace) -> int:
    refused = refused_output(args, args.output, [args.file])
    if refused is not None:
        return refused
    try:
        format = _format(args)
    except EftgraphError as error:  # a suffix that names no figure format
        return usage(args, str(error))
    drawn = analyse(args, lambda case: _draw(case, args, format))
    if isinstance(drawn, int):
        return drawn
    if args.output != STDIO:
        print(visible(f"wrote {args.output}"))
    return 0
