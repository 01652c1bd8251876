"""``eftgraph loops``, ``eftgraph compare`` and ``eftgraph describe``: the analyses on the command line.

The JSON of each command (``--format json``) has stable field names, listed in
``docs/analysis.md``; the same case always gives the same bytes.
"""

from __future__ import annotations

import argparse
import textwrap
from typing import TYPE_CHECKING, Any

from eftgraph._catalog import languages
from eftgraph._domains import DomainComparison, compare_domains
from eftgraph._intervene import InterventionPoints, points_of
from eftgraph._loops import Loop, find_loops
from eftgraph._narrative import describe
from eftgraph._referrals import Referral, referrals
from eftgraph.cli._common import add_format, count_or_none, fail, load_or_report, print_json
from eftgraph.errors import EftgraphError

if TYPE_CHECKING:
    from eftgraph._model import Case

WIDTH = 88
"""Text output is wrapped at this width (fixed, so the output does not depend on the terminal)."""


def _length(text: str) -> int:
    number = count_or_none(text)
    if number is None or number < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number ≥ 1 (got {text!r})")
    return number


def register(subparsers: Any) -> None:
    loops = subparsers.add_parser(
        "loops",
        help="list the loops of a case (most important first) and where to intervene",
        description=(
            "List every loop (simple cycle) of a case, most important first: interactional reinforcing "
            "loops, then by domain. Then where to intervene: the elements the negative loops share, and "
            "a smallest set of elements that breaks them all."
        ),
    )
    loops.add_argument("file", metavar="FILE", help="the case file")
    loops.add_argument("--domain", metavar="D", help="only the loops lying wholly in domain D")
    loops.add_argument("--max-length", type=_length, metavar="K", help="only loops of at most K elements")
    loops.add_argument(
        "--limit",
        type=count_or_none,
        default=10_000,
        metavar="N",
        help="stop with an error past N loops (default 10000; 'none': no limit)",
    )
    add_format(loops)
    loops.set_defaults(run=run_loops)

    compare = subparsers.add_parser(
        "compare",
        help="compare two domains: positions, reversals, bridges",
        description=(
            "Compare the cycles of two domains (default: everyday and sexual): each partner's "
            "position in each, who reverses, and what connects the two."
        ),
    )
    compare.add_argument("file", metavar="FILE", help="the case file")
    compare.add_argument(
        "domains", nargs="*", metavar="A B", help="the two domains (default: everyday sexual)"
    )
    add_format(compare)
    compare.set_defaults(run=run_compare, command_parser=compare)

    describe_command = subparsers.add_parser(
        "describe",
        help="describe the case in plain sentences (English or Dutch), with referrals",
        description=(
            "Describe the case in plain sentences a therapist could read to the couple: each cycle, "
            "how the domains compare, and the concerns that call for referral."
        ),
    )
    describe_command.add_argument("file", metavar="FILE", help="the case file")
    describe_command.add_argument(
        "--language", choices=languages(), help="language of the text (default: the case's)"
    )
    add_format(describe_command)
    describe_command.set_defaults(run=run_describe)


# --- JSON ----------------------------------------------------------------------------------------


def loop_json(loop: Loop) -> dict[str, Any]:
    """A loop as a JSON object (stable field names)."""
    return {
        "elements": list(loop.elements),
        "partners": list(loop.partners),
        "domains": list(loop.domains),
        "length": len(loop.elements),
        "interactional": loop.interactional,
        "polarity": loop.polarity.value,
        "pattern": None if loop.pattern is None else loop.pattern.value,
        "negative": loop.negative,
        "stances": {p: None if s is None else s.value for p, s in loop.stances.items()},
        "positions": {p: position.value for p, position in loop.positions.items()},
    }


def points_json(points: InterventionPoints) -> dict[str, Any]:
    """Intervention points as a JSON object (stable field names)."""
    return {
        "negative_loops": len(points.loops),
        "exact": points.exact,
        "size": points.size,
        "count": points.count,
        "breaking_set": list(points.breaking_set),
        "smallest": [[list(choice) for choice in found.choices] for found in points.smallest],
        "ranking": [{"element": element, "loops": count} for element, count in points.ranking],
    }


def comparison_json(comparison: DomainComparison) -> dict[str, Any]:
    """A domain comparison as a JSON object (stable field names)."""
    return {
        "a": comparison.a,
        "b": comparison.b,
        "kind": comparison.kind.value,
        "positions": {
            partner: {comparison.a: first.value, comparison.b: second.value}
            for partner, (first, second) in comparison.position_pairs().items()
        },
        "reasons": {
            partner: {
                comparison.a: comparison.positions[comparison.a].reasons[partner].value,
                comparison.b: comparison.positions[comparison.b].reasons[partner].value,
            }
            for partner in comparison.positions[comparison.a]
        },
        "reversals": list(comparison.reversals),
        "undetermined": list(comparison.undetermined),
        "bridges": [
            {
                "kind": bridge.kind.value,
                "source": bridge.source,
                "target": bridge.target,
                "partner": bridge.partner,
                "words": list(bridge.words),
                "label": bridge.label,
            }
            for bridge in comparison.bridges
        ],
    }


def referral_json(referral: Referral, language: object) -> dict[str, Any]:
    """A referral as a JSON object (stable field names); ``text`` in *language*."""
    concern = referral.concern
    return {
        "concern": concern.label,
        "kind": concern.kind.value,
        "partner": concern.partner,
        "advice": referral.advice.value,
        "contraindicated": referral.contraindicated,
        "text": referral.reason(language),
    }


def referral_lines(case: Case) -> list[str]:
    """Referrals as text lines for ``check`` and ``describe`` (in the case's language)."""
    lines = []
    for referral in referrals(case):
        concern = referral.concern
        who = f" ({case.partner(concern.partner).name})" if concern.partner else ""
        lines.append(
            f"  referral: {concern.label}{who} [{concern.kind.value}]: {referral.reason(case.language)}"
        )
    return lines


# --- commands --------------------------------------------------------------------------------------


def _arrow(elements: tuple[str, ...]) -> str:
    return " → ".join(elements)


def run_loops(args: argparse.Namespace) -> int:
    case = load_or_report(args.file)
    if case is None:
        return 1
    try:
        loops = find_loops(case, domain=args.domain, max_length=args.max_length, limit=args.limit)
    except EftgraphError as error:
        return fail(f"{args.file}: {error}")
    points = points_of(case, loops)
    if args.format == "json":
        print_json(
            {
                "file": args.file,
                "case": case.id,
                "domain": args.domain,
                "max_length": args.max_length,
                "count": len(loops),
                "loops": [loop_json(loop) for loop in loops],
                "intervention": points_json(points),
            }
        )
        return 0
    print(f"{args.file}: {len(loops)} loop{'' if len(loops) == 1 else 's'}")
    language = case.language
    for number, loop in enumerate(loops, 1):
        pattern = (
            "inside one partner"
            if loop.pattern is None
            else f"{loop.pattern} ({loop.pattern.label(language)})"
        )
        facts = [" + ".join(loop.domains), pattern, str(loop.polarity)]
        if loop.negative:
            facts.append("negative")
        print(f"{number:>3}. {' · '.join(facts)} · {len(loop.elements)} elements")
        held = ", ".join(f"{partner}: {position}" for partner, position in loop.positions.items())
        if held:
            print(f"     {held}")
        print(
            textwrap.fill(
                _arrow(loop.elements),
                WIDTH,
                initial_indent="     ",
                subsequent_indent="       ",
                break_long_words=False,
                break_on_hyphens=False,
            )
        )
    print()
    print(intervention_text(points))
    return 0


def intervention_text(points: InterventionPoints) -> str:
    """Where to intervene, as text lines."""
    if not points.loops:
        return "Where to intervene: no negative loop (interactional, reinforcing, not secure)."
    n = len(points.loops)
    lines = [
        textwrap.fill(
            f"Where to intervene: {n} negative loop{'' if n == 1 else 's'}; a smallest set that breaks "
            f"{'it' if n == 1 else 'them all'} has {points.size} element{'' if points.size == 1 else 's'}"
            + ("" if points.exact else " (greedy: perhaps not the smallest)")
            + f"; {points.count} such set{'' if points.count == 1 else 's'}.",
            WIDTH,
            subsequent_indent="  ",
        )
    ]
    for number, found in enumerate(points.smallest, 1):
        if len(points.smallest) > 1:
            lines.append(f"  set {number}:")
        for choice in found.choices:
            lines.append(
                textwrap.fill(
                    ("one of: " if len(choice) > 1 else "") + ", ".join(choice),
                    WIDTH,
                    initial_indent="    " if len(points.smallest) > 1 else "  ",
                    subsequent_indent="      ",
                    break_long_words=False,
                    break_on_hyphens=False,
                )
            )
    top = points.ranking[0][1]
    if top < 2:
        return "\n".join(lines)
    shared = [element for element, count in points.ranking if count == top]
    lines.append(
        textwrap.fill(
            f"On the most negative loops ({top} of {n}): " + ", ".join(shared),
            WIDTH,
            subsequent_indent="  ",
            break_long_words=False,
            break_on_hyphens=False,
        )
    )
    return "\n".join(lines)


def run_compare(args: argparse.Namespace) -> int:
    if len(args.domains) not in (0, 2):
        args.command_parser.error("give two domains (A B), or none for: everyday sexual")
    a, b = args.domains or ("everyday", "sexual")
    if a == b:
        args.command_parser.error(f"give two different domains (got {a!r} twice)")
    case = load_or_report(args.file)
    if case is None:
        return 1
    try:
        comparison = compare_domains(case, a, b)
    except EftgraphError as error:
        return fail(f"{args.file}: {error}")
    if args.format == "json":
        print_json({"file": args.file, "case": case.id, **comparison_json(comparison)})
        return 0
    print(f"{args.file}: {a} → {b}: {comparison.kind.value} ({comparison.kind.label(case.language)})")
    pairs = comparison.position_pairs()
    for partner, (first, second) in pairs.items():
        note = " (reverses)" if partner in comparison.reversals else ""
        print(f"  {partner}: {first} → {second}{note}")
    for bridge in comparison.links:
        label = f" ({bridge.label})" if bridge.label else ""
        print(f"  link: {bridge.source} → {bridge.target}{label}")
    for bridge in comparison.shared:
        print(f"  recurring: {bridge.source} ~ {bridge.target} ({', '.join(bridge.words)})")
    return 0


def run_describe(args: argparse.Namespace) -> int:
    case = load_or_report(args.file)
    if case is None:
        return 1
    language = args.language or case.language.value
    try:
        text = describe(case, language=language)
    except EftgraphError as error:
        return fail(f"{args.file}: {error}")
    paragraphs = text.split("\n\n")
    if args.format == "json":
        print_json(
            {
                "file": args.file,
                "case": case.id,
                "language": language,
                "text": text,
                "paragraphs": paragraphs,
                "referrals": [referral_json(r, language) for r in referrals(case)],
            }
        )
        return 0
    print(
        "\n\n".join(
            textwrap.fill(p, WIDTH, break_long_words=False, break_on_hyphens=False) for p in paragraphs
        )
    )
    return 0
