"""``eftgraph compare FILE [A B]``: two domains compared: positions, reversals, bridges."""

from __future__ import annotations

import argparse
from typing import Any

from eftgraph._catalog import Catalog, catalog
from eftgraph._domains import DomainComparison, domain_comparison
from eftgraph._model import Case
from eftgraph._terminal import visible
from eftgraph.cli._common import add_language, analyse, print_json, reader_command
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
    add_language(command, "language of the text")


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
    texts = catalog(args.language or found.case.language)
    print(visible(f"{found.name}: {a} → {b}: {comparison.kind.label(texts.code)}"))
    for line in _lines(texts, found.case, comparison):
        print(visible(line))
    return 0


def _lines(texts: Catalog, case: Case, comparison: DomainComparison) -> list[str]:
    """Positions, links and recurring elements, with names and labels, in the language of *texts*."""
    lines = []
    for partner, (first, second) in comparison.position_pairs().items():
        note = texts.text("lines.reverses") if partner in comparison.reversals else ""
        was, now = (str(texts.get(f"figure.position.{p.value}")) for p in (first, second))
        lines.append(f"  {case.partner(partner).name}: {was} → {now}{note}")

    def told(element_id: str) -> str:
        element = case.element(element_id)
        who = case.partner(element.partner).name if element.partner else "—"
        return texts.text("lines.element", label=element.label, name=who)

    for bridge in comparison.links:
        label = f" ({bridge.label})" if bridge.label else ""
        lines.append(texts.text("lines.link", a=told(bridge.source), b=told(bridge.target)) + label)
    for bridge in comparison.shared:
        source, target = case.element(bridge.source), case.element(bridge.target)
        who = case.partner(source.partner).name if source.partner else "—"
        lines.append(texts.text("lines.recurring", name=who, a=source.label, b=target.label))
    return lines
