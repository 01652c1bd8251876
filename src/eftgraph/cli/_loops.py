"""``eftgraph loops FILE``: the loops of a case, most important first, and where to intervene."""

from __future__ import annotations

import argparse
from typing import Any

from eftgraph._catalog import catalog
from eftgraph._intervene import intervention_points
from eftgraph._loops import loop_record, loops
from eftgraph._where import lines as where_lines
from eftgraph._where import where_to_intervene
from eftgraph.cli._common import (
    add_language,
    add_limit,
    analyse,
    count_or_none,
    print_json,
    reader_command,
    shown,
)
from eftgraph.cli._report import WIDTH, loop_lines, points_json, wrap


def _length(text: str) -> int:
    number = count_or_none(text)
    if number is None or number < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number ≥ 1 (got {text!r})")
    return number


def register(subparsers: Any) -> None:
    command = reader_command(
        subparsers,
        "loops",
        run,
        help="list the loops of a case (most important first) and where to intervene",
        description=(
            "List every loop (simple cycle) of a case, most important first: interactional reinforcing "
            "loops, then by domain. Then where to intervene, in clinical terms: below the waterline and "
            "what recurs across domains first, each with its reason, and whether the cycles are independent "
            "(the exact smallest breaking sets are in the JSON)."
        ),
    )
    command.add_argument("--domain", metavar="D", help="only the loops lying wholly in domain D")
    command.add_argument("--max-length", type=_length, metavar="K", help="only loops of at most K elements")
    add_limit(command, "stop with an error past N loops")
    add_language(command, "language of the text")


def run(args: argparse.Namespace) -> int:
    found = analyse(
        args, lambda case: loops(case, domain=args.domain, max_length=args.max_length, limit=args.limit)
    )
    if isinstance(found, int):
        return found
    found_loops = found.result
    points = intervention_points(found.case, loops=found_loops)
    if args.format == "json":
        print_json(
            {
                "file": found.name,
                "case": found.case.id,
                "domain": args.domain,
                "max_length": args.max_length,
                "count": len(found_loops),
                "loops": [loop_record(loop) for loop in found_loops],
                "intervention": points_json(points),
            }
        )
        return 0
    language = args.language or found.case.language
    count = len(found_loops)
    print(
        shown(
            catalog(language).text(
                f"lines.loops.{'one' if count == 1 else 'many'}", name=found.name, count=str(count)
            )
        )
    )
    for line in loop_lines(found_loops, language):
        print(shown(line))
    print()
    for line in where_lines(where_to_intervene(found.case, loops=found_loops), language):
        indent = line[: len(line) - len(line.lstrip())]
        print(
            shown(
                wrap(line.strip(), indent=indent, subsequent=indent + ("   " if indent else ""))
                if len(line) > WIDTH
                else line
            )
        )
    return 0
