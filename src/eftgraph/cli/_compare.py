"""``eftgraph compare FILE [A B]``: two domains compared: positions, reversals, bridges."""

from __future__ import annotations

import argparse
from typing import Any

from eftgraph._domains import domain_comparison
from eftgraph._terminal import visible
from eftgraph.cli._common import analyse, print_json, reader_command
from eftgraph.cli._report import comparison_json


def register(subparsers: Any) -> None:
    command = reader_command(
        subparsers,
        "compare",
        run,
        help="compare two domains: positions, reversals, bridges",
        description=(
            "Compare the cycles of two domains (default: everyday and sexual): each partner's "
            "position in each, who reverses, and what connects the two."
        ),
    )
    command.add_argument(
        "domains", nargs="*", metavar="A B", help="the two domains (default: everyday sexual)"
    )


def run(args: argparse.Namespace) -> int:
    if len(args.domains) not in (0, 2):
        args.command_parser.error("give two domains (A B), or none for: everyday sexual")
    a, b = args.domains or ("everyday", "sexual")
    if a == b:
        args.command_parser.error(f"give two different domains (got {a!r} twice)")
    found = analyse(args, lambda case: domain_comparison(case, a, b))
    if isinstance(found, int):
        return found
    comparison = found.result
    if args.format == "json":
        print_json({"file": found.name, "case": found.case.id, **comparison_json(comparison)})
        return 0
    kind = comparison.kind
    print(visible(f"{found.name}: {a} → {b}: {kind.value} ({kind.label(found.case.language)})"))
    for partner, (first, second) in comparison.position_pairs().items():
        note = " (reverses)" if partner in comparison.reversals else ""
        print(f"  {partner}: {first} → {second}{note}")
    for bridge in comparison.links:
        label = f" ({bridge.label})" if bridge.label else ""
        print(visible(f"  link: {bridge.source} → {bridge.target}{label}"))
    for bridge in comparison.shared:
        print(visible(f"  recurring: {bridge.source} ~ {bridge.target} ({', '.join(bridge.words)})"))
    return 0
