"""``eftgraph export FILE --to FORMAT``: the case graph as GraphML, node-link JSON, Mermaid or DOT."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from eftgraph._output import write_atomic
from eftgraph.cli._common import fail, load_or_report
from eftgraph.errors import EftgraphError


def register(subparsers: Any) -> None:
    from eftgraph.figures.exports import EXPORT_FORMATS

    command = subparsers.add_parser(
        "export",
        help="write the case graph as GraphML, node-link JSON, Mermaid or DOT for other tools",
        description=(
            "Write the whole case graph (all domains) for other tools: GraphML (Gephi, Cytoscape), "
            "node-link JSON (networkx), a Mermaid flowchart (Markdown notes, code forges) or DOT data."
        ),
    )
    command.add_argument("file", metavar="FILE", help="the case file")
    command.add_argument("--to", required=True, choices=EXPORT_FORMATS, help="the format to write")
    command.add_argument(
        "-o", "--output", metavar="OUT", default="-", help="the file to write (default: standard output)"
    )
    command.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from eftgraph.figures.exports import export

    if args.output != "-" and Path(args.output).resolve() == Path(args.file).resolve():
        print(
            f"eftgraph: {args.output}: is the case file itself; choose another output file", file=sys.stderr
        )
        return 2
    case = load_or_report(args.file)
    if case is None:
        return 1
    text = export(case, args.to)
    if args.output == "-":
        sys.stdout.write(text)
        return 0
    try:
        write_atomic(args.output, text.encode("utf-8"))
    except EftgraphError as error:
        return fail(str(error))
    print(f"wrote {args.output}")
    return 0
