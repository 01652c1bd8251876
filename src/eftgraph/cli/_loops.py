"""``eftgraph loops FILE``: the loops of a case, most important first, and where to intervene."""

from __future__ import annotations

import argparse
from typing import Any

from eftgraph._intervene import intervention_points
from eftgraph._loops import loop_record, loops
from eftgraph._terminal import visible
from eftgraph.cli._common import add_limit, analyse, count_or_none, print_json, reader_command, shown
from eftgraph.cli._report import intervention_text, loop_lines, points_json


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
            "loops, then by domain. Then where to intervene: the elements the negative loops share, and "
            "a smallest set of elements that breaks them all."
        ),
    )
    command.add_argument("--domain", metavar="D", help="only the loops lying wholly in domain D")
    command.add_argument("--max-length", type=_length, metavar="K", help="only loops of at most K elements")
    add_limit(command, "stop with an error past N loops")


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
    print(visible(f"{found.name}: {len(found_loops)} loop{'' if len(found_loops) == 1 else 's'}"))
    for line in loop_lines(found_loops, found.case.language):
        print(shown(line))
    print()
    print(shown(intervention_text(points)))
    return 0
