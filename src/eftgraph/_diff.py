"""What changed between two formulations of a case: elements, links, loops, positions, patterns.

Works on any two cases, and on two moments of one course (see
[`formulation_at`][eftgraph.formulation_at]). Elements are matched by id, links by
their ends, loops by their elements in order.

>>> from eftgraph import load
>>> a = load("examples/janine-mathijs.en.yaml")
>>> diff(a, a).empty
True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import attrs

from eftgraph._domains import ReversalKind, domain_comparison
from eftgraph._loops import Loop, Pattern, Polarity, loops
from eftgraph._model import Position
from eftgraph._positions import positions
from eftgraph.errors import LoopLimitError

if TYPE_CHECKING:
    from eftgraph._model import Case, Element, Link

__all__ = ["Change", "DomainDiff", "FormulationDiff", "diff"]

LOOP_LIMIT = 2_000
"""Loops looked at per case; past it the loop comparison is left out (``loops_compared`` is False)."""


@attrs.frozen
class Change:
    """An element or link present in both formulations whose *field* changed from *before* to *after*.

    *id* is the element id, or ``"source -> target"`` for a link.
    """

    id: str
    field: str
    before: str | None
    after: str | None


@attrs.frozen
class DomainDiff:
    """One domain before → after: each partner's position, the main pattern, the reversal kind."""

    domain: str
    positions: Mapping[str, tuple[Position, Position]] = attrs.field(hash=False)
    """``{partner: (before, after)}``; a partner absent on one side is ``undetermined`` there."""
    pattern: tuple[Pattern | None, Pattern | None]
    """The pattern of the domain's most important interactional loop, before and after."""
    reversal: tuple[ReversalKind | None, ReversalKind | None]
    """How positions relate to the first domain's (``None`` for the first domain itself)."""

    @property
    def changed(self) -> bool:
        """True when a position, the pattern or the reversal kind changed."""
        return (
            any(b != a for b, a in self.positions.values())
            or self.pattern[0] != self.pattern[1]
            or self.reversal[0] != self.reversal[1]
        )


@attrs.frozen
class FormulationDiff:
    """Two formulations compared. Build it with [`diff`][eftgraph.diff]."""

    added: tuple[str, ...]
    """Element ids only in the second formulation (in its order)."""
    removed: tuple[str, ...]
    """Element ids only in the first formulation (in its order)."""
    changed: tuple[Change, ...]
    """Elements relabelled or with a new kind, stance, partner or domain; links re-signed or relabelled."""
    links_added: tuple[tuple[str, str], ...]
    links_removed: tuple[tuple[str, str], ...]
    loops_gained: tuple[Loop, ...]
    loops_lost: tuple[Loop, ...]
    domains: tuple[DomainDiff, ...]
    loops_compared: bool = True
    """False when a formulation had more than `LOOP_LIMIT` loops (then no loops are listed)."""
    a: Case = attrs.field(eq=False, repr=False, kw_only=True)
    b: Case = attrs.field(eq=False, repr=False, kw_only=True)

    @property
    def relabelled(self) -> tuple[Change, ...]:
        """Elements whose label changed."""
        return tuple(c for c in self.changed if c.field == "label" and "->" not in c.id)

    @property
    def resigned(self) -> tuple[Change, ...]:
        """Links whose sign changed."""
        return tuple(c for c in self.changed if c.field == "sign")

    @property
    def secure_gained(self) -> tuple[Loop, ...]:
        """Gained loops whose pattern is secure."""
        return tuple(loop for loop in self.loops_gained if loop.pattern is Pattern.SECURE)

    @property
    def negative_lost(self) -> tuple[Loop, ...]:
        """Lost loops that were negative cycles (interactional, reinforcing, not secure)."""
        return tuple(loop for loop in self.loops_lost if loop.negative)

    @property
    def damped(self) -> tuple[Loop, ...]:
        """Gained balancing loops that run through the elements of a lost negative loop.

        The dance is still there, but a link now dampens it: the cycle de-escalated.
        """
        lost = {loop.elements for loop in self.negative_lost}
        return tuple(
            loop
            for loop in self.loops_gained
            if loop.polarity is Polarity.BALANCING and loop.elements in lost
        )

    @property
    def empty(self) -> bool:
        """True when nothing changed."""
        return not (
            self.added
            or self.removed
            or self.changed
            or self.links_added
            or self.links_removed
            or self.loops_gained
            or self.loops_lost
            or any(d.changed for d in self.domains)
        )


_ELEMENT_FIELDS = ("label", "kind", "stance", "partner", "domain")


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _element_changes(a: Mapping[str, Element], b: Mapping[str, Element]) -> list[Change]:
    return [
        Change(key, field, _text(getattr(a[key], field)), _text(getattr(b[key], field)))
        for key in b
        if key in a
        for field in _ELEMENT_FIELDS
        if getattr(a[key], field) != getattr(b[key], field)
    ]


def _link_changes(a: Mapping[tuple[str, str], Link], b: Mapping[tuple[str, str], Link]) -> list[Change]:
    return [
        Change(f"{key[0]} -> {key[1]}", field, _text(getattr(a[key], field)), _text(getattr(b[key], field)))
        for key in b
        if key in a
        for field in ("sign", "label")
        if getattr(a[key], field) != getattr(b[key], field)
    ]


def _all_loops(case: Case) -> list[Loop] | None:
    try:
        return loops(case, limit=LOOP_LIMIT)
    except LoopLimitError:
        return None


def _main_pattern(found: Sequence[Loop], domain: str) -> Pattern | None:
    return next((lp.pattern for lp in found if lp.domains == (domain,) and lp.interactional), None)


def _reversal(case: Case, first: str, domain: str) -> ReversalKind | None:
    if domain == first or first not in case.domains or domain not in case.domains:
        return None
    return domain_comparison(case, first, domain).kind


def _domain(
    a: Case, b: Case, domain: str, found: tuple[Sequence[Loop], Sequence[Loop]], first: str
) -> DomainDiff:
    undetermined = Position.UNDETERMINED
    before = positions(a, domain) if domain in a.domains else {}
    after = positions(b, domain) if domain in b.domains else {}
    partners = [p.id for p in b.partners] + [p.id for p in a.partners if p.id not in after]
    pairs = {
        p: (before.get(p, undetermined), after.get(p, undetermined))
        for p in dict.fromkeys(partners)
        if p in before or p in after
    }
    return DomainDiff(
        domain,
        pairs,
        (_main_pattern(found[0], domain), _main_pattern(found[1], domain)),
        (_reversal(a, first, domain), _reversal(b, first, domain)),
    )


def diff(a: Case, b: Case) -> FormulationDiff:
    """What changed from formulation *a* to formulation *b*.

    Examples
    --------
    >>> from eftgraph import Case, Element, Link, Partner
    >>> people = [Partner("a", "Ann"), Partner("b", "Bo")]
    >>> old = Case(id="x", partners=people, elements=[
    ...     Element("a1", "behavior", "criticises", partner="a", stance="pursue"),
    ...     Element("b1", "behavior", "goes quiet", partner="b", stance="withdraw")],
    ...     links=[Link("a1", "b1"), Link("b1", "a1")])
    >>> new = Case(id="x", partners=people, elements=[
    ...     Element("a1", "behavior", "says she misses him", partner="a", stance="reach"),
    ...     Element("b1", "behavior", "turns toward her", partner="b", stance="respond")],
    ...     links=[Link("a1", "b1"), Link("b1", "a1")])
    >>> d = diff(old, new)
    >>> [(c.id, c.field, c.after) for c in d.changed][:2]
    [('a1', 'label', 'says she misses him'), ('a1', 'stance', 'reach')]
    >>> [str(loop.pattern) for loop in d.secure_gained], [str(loop.pattern) for loop in d.negative_lost]
    (['secure'], ['pursue-withdraw'])
    """
    elements_a = {e.id: e for e in a.elements}
    elements_b = {e.id: e for e in b.elements}
    links_a = {(link.source, link.target): link for link in a.links}
    links_b = {(link.source, link.target): link for link in b.links}
    loops_a, loops_b = _all_loops(a), _all_loops(b)
    compared = loops_a is not None and loops_b is not None
    gained: tuple[Loop, ...] = ()
    lost: tuple[Loop, ...] = ()
    if loops_a is not None and loops_b is not None:
        keys_a = {_loop_key(lp) for lp in loops_a}
        keys_b = {_loop_key(lp) for lp in loops_b}
        gained = tuple(lp for lp in loops_b if _loop_key(lp) not in keys_a)
        lost = tuple(lp for lp in loops_a if _loop_key(lp) not in keys_b)
    names = list(dict.fromkeys([*a.domains, *b.domains]))
    first = names[0] if names else "everyday"
    both = (loops_a or [], loops_b or [])
    return FormulationDiff(
        added=tuple(key for key in elements_b if key not in elements_a),
        removed=tuple(key for key in elements_a if key not in elements_b),
        changed=tuple(_element_changes(elements_a, elements_b) + _link_changes(links_a, links_b)),
        links_added=tuple(key for key in links_b if key not in links_a),
        links_removed=tuple(key for key in links_a if key not in links_b),
        loops_gained=gained,
        loops_lost=lost,
        domains=tuple(_domain(a, b, name, both, first) for name in names),
        loops_compared=compared,
        a=a,
        b=b,
    )


def _loop_key(loop: Loop) -> tuple[tuple[str, ...], str, str | None]:
    """A loop's identity across formulations: its elements, polarity and pattern.

    A loop whose links are the same but whose pattern (a stance changed) or polarity
    (a sign changed) differs counts as lost and gained: it is a different dance.
    """
    return (loop.elements, str(loop.polarity), None if loop.pattern is None else str(loop.pattern))
