"""``eftgraph compare FILE [A B]``: two domains compared: positions, reversals, bridges."""

from __future__ import annotations

import argparse
from typing import Any

from eftgraph._domains import compare_domains
from eftgraph.cli._common import (
    add_case_file,
    add_command,
    add_format,
    display_name,
    fail,
    load_or_report,
    print_json,
)
from eftgraph.cli._report import comparison_json
from eftgraph.errors import EftgraphError


def register(subparsers: Any) -> None:
    command = add_command(
        subparsers,
        "compare",
        run,
        help="compare two domains: positions, reversals, bridges",
        description=(
            "Compare the cycles of two domains (default: everyday and sexual): each partner's "
            "position in each, who reverses, and what connects the two."
        ),
    )
    add_case_file(command)
    command.add_argument(
        "domains", nargs="*", metavar="A B", help="the two domains (default: everyday sexual)"
    )
    add_format(command)


def run(args: argparse.Namespace) -> int:
    if len(args.domains) not in (0, 2):
        args.command_parser.error("give two domains (A B), or none for: everyday sexual")
    a, b = args.domains or ("everyday", "sexual")
    if a == b:
        args.command_parser.error(f"give two different domains (got {a!r} twice)")
    case = load_or_report(args.file, args.input_format)
    if case is None:
        return 1
    name = display_name(args.file)
    try:
        comparison = compare_domains(case, a, b)
    except EftgraphError as error:
        return fail(f"{name}: {error}")
    if args.format == "json":
        print_json({"file": name, "case": case.id, **comparison_json(comparison)})
        return 0
    print(f"{name}: {a} → {b}: {comparison.kind.value} ({comparison.kind.label(case.language)})")
    for partner, (first, second) in comparison.position_pairs().items():
        note = " (reverses)" if partner in comparison.reversals else ""
        print(f"  {partner}: {first} → {second}{note}")
    for bridge in comparison.links:
        label = f" ({bridge.label})" if bridge.label else ""
        print(f"  link: {bridge.source} → {bridge.target}{label}")
    for bridge in comparison.shared:
        print(f"  recurring: {bridge.source} ~ {bridge.target} ({', '.join(bridge.words)})")
    return 0
