"""``eftgraph schema [-o FILE]``: print or write the JSON Schema of case files."""

from __future__ import annotations

import argparse
import json
from typing import Any

from eftgraph.cli._common import add_command, add_output, fail, write_output
from eftgraph.errors import OutputError


def register(subparsers: Any) -> None:
    command = add_command(
        subparsers,
        "schema",
        run,
        help="print the JSON Schema of case files (format version 1) for editors",
        description="Print the JSON Schema of case-file format version 1, or write it with -o.",
    )
    add_output(
        command, "write the schema to this file (e.g. eftgraph.schema.json; default: -)", required=False
    )


def run(args: argparse.Namespace) -> int:
    from eftgraph.schema import json_schema

    data = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    try:
        write_output(args.output, data.encode("utf-8"))
    except OutputError as error:
        return fail(str(error))
    return 0
