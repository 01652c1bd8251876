"""What the figures take from the analysis: positions, the strongest loop, reversals and bridges."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from eftgraph._domains import BridgeKind, domain_comparison
from eftgraph._loops import Pattern, loops
from eftgraph._model import Case, Position
from eftgraph._positions import positions

__all__ = ["Comparison", "comparison", "pattern_of", "positions_in", "strongest_loop"]


def positions_in(case: Case, domain: str) -> dict[str, Position]:
    """Each partner's position in *domain* (see [`positions`][eftgraph.positions]).

    >>> from eftgraph import load
    >>> positions_in(load("examples/janine-mathijs.en.yaml"), "sexual")
    {'janine': <Position.WITHDRAWER: 'withdrawer'>, 'mathijs': <Position.PURSUER: 'pursuer'>}
    """
    return dict(positions(case, domain))


@attrs.frozen
class Comparison:
    """What the compare view marks: partners whose position reverses, elements that recur."""

    reversed: frozenset[str]
    recurring: frozenset[str]
    """Ids of elements that recur in the other domain (same partner and kind, a shared meaning word)."""


def comparison(case: Case, a: str, b: str) -> Comparison:
    """Reversals and recurring elements between domains *a* and *b* (see [`domain_comparison`][eftgraph.domain_comparison]).

    >>> from eftgraph import load
    >>> found = comparison(load("examples/janine-mathijs.en.yaml"), "everyday", "sexual")
    >>> sorted(found.reversed), "everyday.mathijs.primary" in found.recurring
    (['janine', 'mathijs'], True)
    """
    compared = domain_comparison(case, a, b)
    recurring = {
        end
        for bridge in compared.bridges
        if bridge.kind is BridgeKind.RECURRING
        for end in (bridge.source, bridge.target)
    }
    return Comparison(reversed=frozenset(compared.reversals), recurring=frozenset(recurring))


def strongest_loop(case: Case, domains: Sequence[str]) -> tuple[str, ...] | None:
    """The element ids of the strongest negative loop lying in *domains*, or ``None``.

    The strongest is the first negative loop (interactional, reinforcing, not
    secure) in the order of [`loops`][eftgraph.loops], most important first.

    >>> from eftgraph import load
    >>> strongest_loop(load("examples/janine-mathijs.en.yaml"), ["sexual"])[:2]
    ('sexual.janine.behavior', 'sexual.mathijs.perception')
    """
    wanted = set(domains)
    found = loops(case, domain=domains[0]) if len(domains) == 1 else loops(case)
    for loop in found:
        if loop.negative and set(loop.domains) <= wanted:
            return loop.elements
    return None


def pattern_of(case: Case, domain: str) -> Pattern | None:
    """The pattern the cycle view of *domain* names: its strongest negative loop's, else ``secure``.

    A mixed pattern, or a domain without a loop, names none.

    >>> from eftgraph import load
    >>> pattern_of(load("examples/janine-mathijs.en.yaml"), "everyday")
    <Pattern.PURSUE_WITHDRAW: 'pursue-withdraw'>
    """
    found = loops(case, domain=domain)
    for loop in found:
        if loop.negative:
            return None if loop.pattern in (None, Pattern.MIXED) else loop.pattern
    if any(loop.pattern is Pattern.SECURE for loop in found):
        return Pattern.SECURE
    return None
