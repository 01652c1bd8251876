"""``eftgraph render FILE -o OUT``: draw a case as SVG, PNG, PDF or DOT."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from eftgraph.cli._common import fail, load_or_report
from eftgraph.errors import EftgraphError


def register(subparsers: Any) -> None:
    from eftgraph.figures import FORMATS, HIGHLIGHTS, RENDERERS, THEMES, VIEWS

    command = subparsers.add_parser(
        "render",
        help="draw the cycle, or two domains compared, as SVG, PNG, PDF or DOT",
        description=(
            "Draw a case as a figure. The format comes from the suffix of OUT (.svg, .png, .pdf, .dot). "
            "Uses the system Graphviz when it is installed, else the embedded renderer (SVG and PNG)."
        ),
    )
    command.add_argument("file", metavar="FILE", help="the case file")
    command.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="the figure file to write; '-' writes to standard output",
    )
    command.add_argument(
        "--format", choices=FORMATS, help="the format (default: from OUT's suffix; svg for '-')"
    )
    command.add_argument("--view", choices=VIEWS, default="cycle", help="one domain's cycle, or two compared")
    command.add_argument(
        "--domain",
        action="append",
        metavar="D",
        help="cycle view: the domain to draw (default: the first); compare view: give it twice",
    )
    command.add_argument(
        "--language", choices=("en", "nl"), help="language of the figure (default: the case's)"
    )
    command.add_argument("--theme", choices=tuple(THEMES), default="default", help="default, print or slide")
    command.add_argument(
        "--highlight", choices=HIGHLIGHTS, default="none", help="draw the strongest loop heavy"
    )
    command.add_argument("--renderer", choices=RENDERERS, default="auto", help="which Graphviz renders")
    command.set_defaults(run=run)


def _same_file(a: str, b: str) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:  # pragma: no cover - an unresolvable path is not the input
        return False


def run(args: argparse.Namespace) -> int:
    from eftgraph.figures import pipe, render, to_dot

    if args.output != "-" and _same_file(args.file, args.output):
        print(
            f"eftgraph: {args.output}: is the case file itself; choose another output file", file=sys.stderr
        )
        return 2
    case = load_or_report(args.file)
    if case is None:
        return 1
    domain: str | list[str] | None = None
    if args.domain:
        domain = args.domain[0] if args.view == "cycle" and len(args.domain) == 1 else args.domain
    options: dict[str, Any] = {
        "view": args.view,
        "domain": domain,
        "highlight": args.highlight,
        "language": args.language,
        "theme": args.theme,
    }
    try:
        if args.output == "-":
            data = pipe(to_dot(case, **options).source, args.format or "svg", renderer=args.renderer)
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:
            render(case, args.output, format=args.format, renderer=args.renderer, **options)
    except EftgraphError as error:
        return fail(f"{args.file}: {error}")
    if args.output != "-":
        print(f"wrote {args.output}")
    return 0
