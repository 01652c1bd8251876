"""What the analysis commands print: stable JSON objects and text lines of loops, points, comparisons, referrals.

Shared by ``check``, ``loops``, ``compare`` and ``describe``; the JSON field names are
listed in ``docs/analysis.md``.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any

from eftgraph._catalog import catalog
from eftgraph._domains import DomainComparison
from eftgraph._intervene import InterventionPoints
from eftgraph._loops import Loop
from eftgraph._referrals import Referral, referrals

if TYPE_CHECKING:
    from eftgraph._model import Case

WIDTH = 88
"""Text output is wrapped at this width (fixed, so the output does not depend on the terminal)."""


def wrap(text: str, *, indent: str = "", subsequent: str = "  ") -> str:
    """*text* wrapped at `WIDTH`, never breaking an id or a hyphenated word."""
    return textwrap.fill(
        text,
        WIDTH,
        initial_indent=indent,
        subsequent_indent=subsequent,
        break_long_words=False,
        break_on_hyphens=False,
    )


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
        "needs": [need.value for need in referral.needs],
        "contraindicated": referral.contraindicated,
        "text": referral.reason(language),
    }


def referral_lines(case: Case, language: str | None = None) -> list[str]:
    """Referrals as text lines for ``check``, in *language* (default: the case's language)."""
    language = language or case.language
    prefix = catalog(language).text("check.referral")
    lines = []
    for referral in referrals(case):
        concern = referral.concern
        who = f" ({case.partner(concern.partner).name})" if concern.partner else ""
        lines.append(f"  {prefix}: {concern.label}{who} [{concern.kind.value}]: {referral.reason(language)}")
    return lines


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
                wrap(
                    ("one of: " if len(choice) > 1 else "") + ", ".join(choice),
                    indent="    " if len(points.smallest) > 1 else "  ",
                    subsequent="      ",
                )
            )
    top = points.ranking[0][1]
    if top < 2:
        return "\n".join(lines)
    shared = [element for element, count in points.ranking if count == top]
    lines.append(wrap(f"On the most negative loops ({top} of {n}): " + ", ".join(shared)))
    return "\n".join(lines)


def loop_lines(loops: list[Loop], language: object) -> list[str]:
    """The loops as numbered text entries in *language*: facts, positions held, the labels in order."""
    texts = catalog(language)
    lines = []
    for number, loop in enumerate(loops, 1):
        pattern = texts.text("lines.inside") if loop.pattern is None else loop.pattern.label(texts.code)
        facts = [" + ".join(loop.domains), pattern, loop.polarity.label(texts.code)]
        if loop.negative:
            facts.append(texts.text("lines.negative"))
        count = texts.text("lines.elements", count=str(len(loop.elements)))
        lines.append(f"{number:>3}. {' · '.join(facts)} · {count}")
        case = loop.case
        held = ", ".join(
            f"{case.partner(partner).name}: {texts.get(f'figure.position.{position.value}')}"
            for partner, position in loop.positions.items()
        )
        if held:
            lines.append(f"     {held}")
        labels = [texts.text("lines.label", label=case.element(e).label) for e in loop.elements]
        lines.append(wrap(" → ".join(labels), indent="     ", subsequent="       "))
    return lines
