"""``eftgraph schema``: print the JSON Schema of case files."""

from __future__ import annotations

import argparse
from typing import Any

from eftgraph.cli._common import add_command, print_json


def register(subparsers: Any) -> None:
    add_command(
        subparsers,
        "schema",
        run,
        help="print the JSON Schema of case files (format version 1) for editors",
        description="Print the JSON Schema of case-file format version 1.",
    )


def run(args: argparse.Namespace) -> int:
    from eftgraph.schema import json_schema

    print_json(json_schema())
    return 0
