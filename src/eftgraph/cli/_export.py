"""``eftgraph export FILE --to FORMAT``: the case graph as GraphML, node-link JSON, Mermaid or DOT."""

from __future__ import annotations

import argparse
from typing import Any

from eftgraph._terminal import visible
from eftgraph.cli._common import (
    STDIO,
    add_output,
    analyse,
    fail,
    reader_command,
    refused_output,
    write_output,
)
from eftgraph.errors import EftgraphError


def register(subparsers: Any) -> None:
    from eftgraph.figures.exports import EXPORT_FORMATS

    command = reader_command(
        subparsers,
        "export",
        run,
        help="write the case graph as GraphML, node-link JSON, Mermaid or DOT for other tools",
        description=(
            "Write the whole case graph (all domains) for other tools: GraphML (Gephi, Cytoscape), "
            "node-link JSON (networkx), a Mermaid flowchart (Markdown notes, code forges) or DOT data."
        ),
        printed=False,
    )
    command.add_argument("--to", required=True, choices=EXPORT_FORMATS, help="the format to write")
    add_output(command, "the file to write (default, or '-': standard output)", required=False)


def run(args: argparse.Namespace) -> int:
    from eftgraph.figures.exports import export

    refused = refused_output(args, args.output, [args.file])
    if refused is not None:
        return refused
    found = analyse(args, lambda case: export(case, args.to).encode("utf-8"))
    if isinstance(found, int):
        return found
    try:
        write_output(args.output, found.result)
    except EftgraphError as error:
        return fail(str(error))
    if args.output != STDIO:
        print(visible(f"wrote {args.output}"))
    return 0
