"""Where to intervene, in clinical terms: footholds ranked the EFT way, each with its reasons.

`eftgraph.intervention_points` gives the exact combinatorics (which
elements every negative loop passes, the smallest sets that break them all);
that stays the API and JSON answer. A therapist needs something else: where
to start, and why. `where_to_intervene` ranks the elements of the negative
loops as an EFT therapist would:

1. below the waterline first (attachment fear, primary emotion, need): that is
   where EFT works, and softening there changes the moves above it;
2. then what recurs across domains (the same partner's fear or hurt under
   both cycles) or sits on loops of more than one domain;
3. then how many negative loops pass through the element.

It also says plainly when the negative loops are independent (they share no
element): then each cycle stops wherever it is broken, and there is no
single place that breaks them all.

>>> from eftgraph import load
>>> where = where_to_intervene(load("examples/janine-mathijs.en.yaml"))
>>> where.independent, [(f.elements, f.reasons) for f in where.footholds[:2]]
(True, [(('everyday.mathijs.primary', 'sexual.mathijs.primary'), ('below', 'recurring', 'every')), (('everyday.janine.primary', 'sexual.janine.primary'), ('below', 'recurring', 'every'))])
>>> print(lines(where, "en")[1])
  1. Mathijs: “shame, feeling a failure” and “feeling a failure” (primary emotion): below the waterline; in both cycles; on every negative loop.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from eftgraph._catalog import catalog
from eftgraph._domains import domain_comparison
from eftgraph._loops import Loop
from eftgraph._loops import loops as find_loops
from eftgraph._model import ElementKind

if TYPE_CHECKING:
    from eftgraph._model import Case

__all__ = ["Foothold", "WhereToIntervene", "lines", "where_to_intervene"]

BELOW = (ElementKind.FEAR, ElementKind.PRIMARY_EMOTION, ElementKind.NEED)
"""Kinds below the waterline."""

SHOWN = 5
"""How many footholds the text lists."""


@attrs.frozen
class Foothold:
    """An element of the negative loops, why it is a good place to work, and the loops through it.

    ``elements`` holds one element, or the same partner's elements that recur
    across domains (the same fear or hurt under both cycles), told as one.
    ``reasons`` holds codes, most important first: ``below`` (below the
    waterline), ``recurring`` (under more than one cycle), ``domains`` (on a
    negative loop that runs through more than one domain), ``every`` (on every
    negative loop).
    """

    elements: tuple[str, ...]
    reasons: tuple[str, ...]
    loops: int

    @property
    def element(self) -> str:
        """The first (or only) element."""
        return self.elements[0]


@attrs.frozen
class WhereToIntervene:
    """Footholds ranked the EFT way, and whether the negative loops are independent of each other."""

    footholds: tuple[Foothold, ...]
    total: int
    """How many negative loops there are."""
    groups: tuple[tuple[str, ...], ...]
    """The domains of each group of negative loops that share elements; more than one group: independent."""
    case: Case = attrs.field(eq=False, repr=False, kw_only=True)

    @property
    def independent(self) -> bool:
        """True when the negative loops fall apart into groups that share no element."""
        return len(self.groups) > 1


def _groups(loops: Sequence[Loop]) -> list[list[int]]:
    """Indices of *loops* grouped by shared elements (connected components)."""
    parent = list(range(len(loops)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for i, loop in enumerate(loops):
        for element in loop.elements:
            if element in owner:
                parent[root(i)] = root(owner[element])
            else:
                owner[element] = i
    found: dict[int, list[int]] = {}
    for i in range(len(loops)):
        found.setdefault(root(i), []).append(i)
    return list(found.values())


def _echoes(case: Case) -> dict[str, set[str]]:
    """Element → the same partner's elements it recurs as in other domains."""
    echoes: dict[str, set[str]] = {}
    for i, a in enumerate(case.domains):
        for b in case.domains[i + 1 :]:
            for bridge in domain_comparison(case, a, b).shared:
                echoes.setdefault(bridge.source, set()).add(bridge.target)
                echoes.setdefault(bridge.target, set()).add(bridge.source)
    return echoes


def where_to_intervene(case: Case, *, loops: Sequence[Loop] | None = None) -> WhereToIntervene:
    """The elements of the negative loops of *case*, ranked the EFT way, with their reasons."""
    negative = [loop for loop in (find_loops(case) if loops is None else loops) if loop.negative]
    echoes = _echoes(case) if len(case.domains) > 1 else {}
    through: dict[str, set[int]] = {}
    for i, loop in enumerate(negative):
        for element in loop.elements:
            through.setdefault(element, set()).add(i)
    footholds = []
    told: set[str] = set()
    for element_id in through:
        if element_id in told:
            continue
        together = [
            element_id,
            *sorted(e for e in echoes.get(element_id, ()) if e in through and e not in told),
        ]
        told.update(together)
        on = set().union(*(through[e] for e in together))
        kind = case.element(element_id).kind
        reasons = [
            code
            for code, holds in (
                ("below", kind in BELOW),
                ("recurring", len(together) > 1),
                ("domains", any(len(negative[i].domains) > 1 for i in on)),
                ("every", len(on) == len(negative) > 1),
            )
            if holds
        ]
        footholds.append(Foothold(tuple(together), tuple(reasons), len(on)))
    order = {element_id: n for n, element_id in enumerate(through)}
    footholds.sort(
        key=lambda f: (
            "below" not in f.reasons,
            "recurring" not in f.reasons and "domains" not in f.reasons,
            -f.loops,
            _LAYER.get(case.element(f.element).kind, 9),
            order[f.element],
        )
    )
    groups = tuple(
        tuple(dict.fromkeys(d for i in group for d in negative[i].domains)) for group in _groups(negative)
    )
    return WhereToIntervene(tuple(footholds), len(negative), groups, case=case)


_LAYER = {ElementKind.PRIMARY_EMOTION: 0, ElementKind.FEAR: 1, ElementKind.NEED: 2}
"""Below the waterline, the primary emotion first (EFT's entry point), then the fear, then the need."""


def lines(where: WhereToIntervene, language: object = None) -> list[str]:
    """Where to intervene as text lines in *language* (default: the case's): labels, kinds, reasons.

    >>> from eftgraph import load
    >>> print("\\n".join(lines(where_to_intervene(load("examples/janine-mathijs.yaml")))[-1:]))
    De cirkels in het dagelijks leven en in hun seksuele relatie staan los van elkaar: elke cirkel stopt waar je hem onderbreekt.
    """
    case = where.case
    texts = catalog(case.language if language is None else language)
    if not where.total:
        return [texts.text("where.none")]
    out = [texts.text("where.head")]
    for n, foothold in enumerate(where.footholds[:SHOWN], start=1):
        element = case.element(foothold.element)
        name = case.partner(element.partner).name if element.partner else "—"
        labels = list(dict.fromkeys(case.element(e).label for e in foothold.elements))
        quote = str(texts.get("where.quote"))
        label = str(texts.get("list.and")).join(quote.replace("{label}", lab) for lab in labels)
        reasons = []
        domains = {case.element(e).domain for e in foothold.elements}
        for code in foothold.reasons:
            values = {"count": str(foothold.loops), "total": str(where.total), "cycles": str(len(domains))}
            variant = "many" if code == "recurring" and len(domains) > 2 else None
            reasons.append(texts.text(f"where.reason.{code}", variant, **values))
        if not reasons:
            variant = "one" if where.total == 1 else None
            reasons.append(
                texts.text("where.reason.loops", variant, count=str(foothold.loops), total=str(where.total))
            )
        out.append(
            texts.text(
                "where.item",
                n=str(n),
                name=name,
                label=label,
                kind=texts.text(f"where.kind.{element.kind.value}"),
                reasons=str(texts.get("list.semicolon")).join(reasons),
            )
        )
    if where.independent:
        cycles = [_cycles(texts, group) for group in where.groups]
        joined = str(texts.get("list.comma")).join(cycles[:-1]) + str(texts.get("list.and")) + cycles[-1]
        out.append(texts.text("where.independent", cycles=joined))
    return out


def _cycles(texts: object, domains: Sequence[str]) -> str:
    from eftgraph._catalog import Catalog

    assert isinstance(texts, Catalog)
    words = []
    for domain in domains:
        try:
            words.append(str(texts.get(f"domain.{domain}.in")))
        except KeyError:
            words.append(texts.text("domain.other.in", domain=domain))
    return str(texts.get("list.and")).join(words)
