"""What the figures need from the analysis: positions, the strongest loop, reversals, bridges."""

from __future__ import annotations

from collections.abc import Sequence

from eftgraph._model import Case, Position, Sign, Stance

__all__ = ["bridges", "positions_in", "reversed_partners", "strongest_loop"]


def positions_in(case: Case, domain: str) -> dict[str, Position]:
    """Each partner's position in *domain*: declared, else inferred from the stances of their behaviours.

    >>> from eftgraph import load
    >>> positions_in(load("examples/janine-mathijs.en.yaml"), "sexual")
    {'janine': <Position.WITHDRAWER: 'withdrawer'>, 'mathijs': <Position.PURSUER: 'pursuer'>}
    """
    result: dict[str, Position] = {}
    for partner in case.partners:
        declared = case.declared_position(domain, partner.id)
        if declared is not None:
            result[partner.id] = declared
            continue
        stances = {
            e.stance for e in case.elements_in(domain) if e.partner == partner.id and e.stance is not None
        }
        if stances == {Stance.PURSUE}:
            result[partner.id] = Position.PURSUER
        elif stances == {Stance.WITHDRAW}:
            result[partner.id] = Position.WITHDRAWER
        else:
            result[partner.id] = Position.UNDETERMINED
    return result


def reversed_partners(case: Case, a: str, b: str) -> list[str]:
    """Partners who pursue in one of *a*, *b* and withdraw in the other.

    >>> from eftgraph import load
    >>> reversed_partners(load("examples/janine-mathijs.en.yaml"), "everyday", "sexual")
    ['janine', 'mathijs']
    """
    first, second = positions_in(case, a), positions_in(case, b)
    determined = (Position.PURSUER, Position.WITHDRAWER)
    return [
        partner.id
        for partner in case.partners
        if first[partner.id] in determined
        and second[partner.id] in determined
        and first[partner.id] is not second[partner.id]
    ]


def bridges(case: Case, a: str, b: str) -> list[tuple[str, str]]:
    """Links between an element of *a* and one of *b*, as ``(source, target)`` ids.

    >>> from eftgraph import load
    >>> bridges(load("examples/janine-mathijs.en.yaml"), "everyday", "sexual")
    [('laptop-evening', 'sexual.janine.perception')]
    """
    ends = {a, b}
    return [
        (link.source, link.target)
        for link in case.links
        if {case.element(link.source).domain, case.element(link.target).domain} == ends
    ]


def strongest_loop(case: Case, domains: Sequence[str]) -> tuple[str, ...] | None:
    """The element ids of the strongest negative loop lying in *domains*, or ``None``.

    The strongest negative loop is the first interactional, reinforcing, not
    secure loop in the order of :func:`eftgraph.find_loops` (most important first).

    >>> from eftgraph import load
    >>> strongest_loop(load("examples/janine-mathijs.en.yaml"), ["everyday"])
    ('everyday.janine.behavior', 'everyday.mathijs.perception', 'everyday.mathijs.fear', 'everyday.mathijs.primary', 'everyday.mathijs.secondary', 'everyday.mathijs.behavior', 'everyday.janine.perception', 'everyday.janine.fear', 'everyday.janine.primary', 'everyday.janine.secondary')
    """
    wanted = set(domains)
    candidates = []
    for loop in _simple_loops(case):
        elements = [case.element(i) for i in loop]
        if not {e.domain for e in elements} <= wanted:
            continue
        partners = {e.partner for e in elements if e.partner is not None}
        if len(partners) < 2:
            continue
        signs = [
            link.sign
            for link in case.links
            if link.source in loop and link.target in loop and _on(loop, link)
        ]
        if sum(sign is Sign.DAMPENS for sign in signs) % 2:
            continue
        stances = {e.stance for e in elements if e.stance is not None}
        if stances and all(stance.secure for stance in stances):
            continue
        candidates.append(loop)
    if not candidates:
        return None
    return min(candidates, key=lambda loop: (-len(loop), loop))


def _on(loop: tuple[str, ...], link: object) -> bool:
    source, target = getattr(link, "source", None), getattr(link, "target", None)
    n = len(loop)
    return any(loop[i] == source and loop[(i + 1) % n] == target for i in range(n))


def _simple_loops(case: Case) -> list[tuple[str, ...]]:
    """Every simple cycle of the case, each rotated to start at its smallest canonical element."""
    import networkx as nx

    graph = case.to_networkx()
    rank = {e.id: i for i, e in enumerate(case.elements)}
    loops = []
    for cycle in nx.simple_cycles(graph):
        start = min(range(len(cycle)), key=lambda i: rank[cycle[i]])
        loops.append(tuple(cycle[start:] + cycle[:start]))
    return sorted(loops, key=lambda loop: [rank[i] for i in loop])
