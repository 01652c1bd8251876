"""The loop index: a case graph made ready for the cycle search, built once per case and domain.

A case is immutable, so its graph never changes: [`prepared`][eftgraph._loops_index.prepared]
keeps it while the case lives. Repeated analyses of one case (loops, intervention points,
narratives, figures) build it once. Each block of the graph carries a *code*, a number whose
sum over a loop counts what the loop holds (see [`Index`][eftgraph._loops_index.Index]).
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import weakref
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

import attrs

from eftgraph._cycles import CycleGraph
from eftgraph._model import ElementKind, Sign, Stance

if TYPE_CHECKING:
    from eftgraph._model import Case, Element

__all__ = ["NO_STANCE", "PURSUE", "SECURE", "STANCE_FIELDS", "WITHDRAW", "Index", "gc_paused", "prepared"]

_STANCE_FIELD = {Stance.PURSUE: 0, Stance.WITHDRAW: 1, Stance.REACH: 2, Stance.RESPOND: 2, None: 3}
"""The stance fields of an element code: pursue, withdraw, secure (reach or respond), no stance."""
STANCE_FIELDS = len(set(_STANCE_FIELD.values()))
"""How many stance fields an element code has."""
PURSUE, WITHDRAW, SECURE, NO_STANCE = (1 << i for i in range(STANCE_FIELDS))
"""The bit of each stance field in a loop's stance set."""


@attrs.frozen
class Index:
    """A case (or one domain of it) ready for the search (see `eftgraph._cycles`)."""

    graph: CycleGraph
    code: Sequence[int]
    """Per block, a number whose sum over a loop counts what the loop holds.

    Fields of `width` bits each: one per partner, one per domain, four for the
    behaviours' stances (pursue, withdraw, secure, none), one for the ``-`` links inside
    the block, one for its elements. Summing (in C) is much faster than OR-ing, and a
    block stands for a whole chain of elements.
    """
    negative: frozenset[tuple[int, int]]
    """The ``-`` links between blocks, as block pairs."""
    width: int
    fields: int
    """The number of fields."""


def _element_codes(case: Case, width: int, fields: int) -> Callable[[Element], int]:
    """The code of an element: its partner, domain and behaviour stance fields, and one in the element field."""
    n_partners, n_domains = len(case.partners), len(case.domains)
    partner_field: dict[str | None, int] = {p.id: 1 << (width * i) for i, p in enumerate(case.partners)}
    partner_field[None] = 0
    domain_field = {name: 1 << (width * (n_partners + i)) for i, name in enumerate(case.domains)}
    stance_shift = width * (n_partners + n_domains)
    element_field = 1 << (width * (fields - 1))
    behavior = ElementKind.BEHAVIOR

    def code(e: Element) -> int:
        return (
            partner_field[e.partner]
            + domain_field[e.domain]
            + (1 << (stance_shift + width * _STANCE_FIELD[e.stance]) if e.kind is behavior else 0)
            + element_field
        )

    return code


def _build(case: Case, domain: str | None) -> Index:
    elements = case.elements if domain is None else tuple(case.elements_in(domain))
    ids = [e.id for e in elements]
    rank = {element_id: i for i, element_id in enumerate(ids)}
    links = case.links if domain is None else [k for k in case.links if k.source in rank and k.target in rank]
    pairs = [(rank[link.source], rank[link.target]) for link in links]  # sorted: links are in rank order
    negative = {pair for pair, link in zip(pairs, links, strict=True) if link.sign is Sign.DAMPENS}
    graph = CycleGraph.build(ids, pairs)
    width = max(1, len(ids).bit_length())
    fields = len(case.partners) + len(case.domains) + STANCE_FIELDS + 2
    element_code = _element_codes(case, width, fields)
    if graph.single is not None:
        code = [element_code(elements[r]) for r in graph.entry]
    else:
        code = [sum(element_code(elements[r]) for r in ranks) for ranks in graph.ranks]
    if negative:
        negative_field = 1 << (width * (fields - 2))
        for block, ranks in enumerate(graph.ranks):
            code[block] += negative_field * sum(pair in negative for pair in itertools.pairwise(ranks))
    between = frozenset(
        (a, b)
        for a, nbrs in enumerate(graph.successors)
        for b in nbrs
        if (graph.exit[a], graph.entry[b]) in negative
    )
    return Index(graph, code, between, width, fields)


_INDEXES: dict[int, tuple[weakref.ref[Case], dict[str | None, Index]]] = {}
"""Indexes per live case (by id) and domain; the entry goes when the case does."""


def prepared(case: Case, domain: str | None) -> Index:
    """The index of *case* (of one *domain*, or of all with ``None``), built on first use."""
    key = id(case)
    entry = _INDEXES.get(key)
    if entry is None or entry[0]() is not case:
        entry = (weakref.ref(case, lambda _, key=key: _INDEXES.pop(key, None)), {})  # type: ignore[misc]
        _INDEXES[key] = entry
    graphs = entry[1]
    index = graphs.get(domain)
    if index is None:
        with gc_paused():
            index = graphs[domain] = _build(case, domain)
    return index


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while many small objects are made (it would scan them all)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
