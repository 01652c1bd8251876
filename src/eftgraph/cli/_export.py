"""``eftgraph export FILE --to FORMAT``: the case graph as GraphML, node-link JSON, Mermaid or DOT."""

from __future__ import annotations

import argparse
from typing import Any

from eftgraph._output import write_atomic
from eftgraph.cli._common import (
    STDIO,
    add_case_file,
    add_command,
    add_output,
    fail,
    load_or_report,
    refused_output,
    write_stdout,
)
from eftgraph.errors import EftgraphError


def register(subparsers: Any) -> None:
    from eftgraph.figures.exports import EXPORT_FORMATS

    command = add_command(
        subparsers,
        "export",
        run,
        help="write the case graph as GraphML, node-link JSON, Mermaid or DOT for other tools",
        description=(
            "Write the whole case graph (all domains) for other tools: GraphML (Gephi, Cytoscape), "
            "node-link JSON (networkx), a Mermaid flowchart (Markdown notes, code forges) or DOT data."
        ),
    )
    add_case_file(command)
    command.add_argument("--to", required=True, choices=EXPORT_FORMATS, help="the format to write")
    add_output(command, "the file to write (default, or '-': standard output)", required=False)


def run(args: argparse.Namespace) -> int:
    from eftgraph.figures.exports import export

    refused = refused_output(args, args.output, [args.file])
    if refused is not None:
        return refused
    case = load_or_report(args.file, args.input_format)
    if case is None:
        return 1
    data = export(case, args.to).encode("utf-8")
    if args.output == STDIO:
        write_stdout(data)
        return 0
    try:
        write_atomic(args.output, data)
    except EftgraphError as error:
        return fail(str(error))
    print(f"wrote {args.output}")
    return 0
