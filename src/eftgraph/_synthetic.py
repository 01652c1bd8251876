"""Synthetic cases of any size, for tests, benchmarks and batch runs.

They are plausible in shape (one full cycle sheet per partner and domain, standard wiring)
but carry no clinical meaning: labels are ``"<partner> <slot> <domain>"``.

Examples
--------
>>> case = synthetic_case(partners=3, domains=("everyday", "sexual"))
>>> len(case.partners), case.domains, len(case.elements)
(3, ('everyday', 'sexual'), 30)
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from eftgraph._model import Case, Element, Link, Partner
from eftgraph._sheets import Sheet, expand

__all__ = ["synthetic_case"]

NAMES = ("Ada", "Bram", "Cleo", "Daan", "Eva", "Femke", "Guus", "Hanna", "Ilse", "Joost", "Kees", "Lotte")


def synthetic_case(
    *,
    partners: int = 2,
    domains: Sequence[str] = ("everyday",),
    slots: Sequence[str] = ("perception", "secondary", "primary", "need"),
    cross: int | None = None,
    extra_links: int = 0,
    seed: int = 0,
    case_id: str = "synthetic",
) -> Case:
    """A case with *partners* partners and one sheet per partner in each of *domains*.

    Each sheet has a behaviour plus *slots*; positions alternate pursuer / withdrawer and
    flip in every other domain (a mirrored reversal). With ``cross=None`` every behaviour
    reaches every other partner (the standard wiring, many loops); with ``cross=k`` each
    behaviour reaches only *k* random other partners (a sparse case). *extra_links* adds
    random links between elements of the same domain. The same arguments give the same case.
    """
    rng = random.Random(seed)
    people = [
        Partner(f"p{i}", NAMES[i % len(NAMES)] + ("" if i < len(NAMES) else f" {i // len(NAMES)}"))
        for i in range(partners)
    ]
    sheets = []
    for d, domain in enumerate(domains):
        for i, person in enumerate(people):
            position = "pursuer" if (i + d) % 2 == 0 else "withdrawer"
            texts = {slot: f"{person.name} {slot} {domain}" for slot in slots}
            sheets.append(
                Sheet(
                    domain,
                    person.id,
                    position=position,
                    behavior=f"{person.name} {position} {domain}",
                    **texts,
                )
            )
    elements, links, positions = expand(sheets)
    if cross is not None:
        kept: list[Link] = []
        for domain in domains:
            for person in people:
                source = f"{domain}.{person.id}.behavior"
                outgoing = [
                    link for link in links if link.source == source and link.target.split(".")[1] != person.id
                ]
                kept.extend(rng.sample(outgoing, min(cross, len(outgoing))))
        internal = [link for link in links if link.source.split(".")[1] == link.target.split(".")[1]]
        links = internal + kept
    pairs = {(link.source, link.target) for link in links}
    by_domain: dict[str, list[Element]] = {}
    for element in elements:
        by_domain.setdefault(element.domain, []).append(element)
    added = 0
    while added < extra_links:
        pool = by_domain[rng.choice(list(domains))]
        a, b = rng.choice(pool).id, rng.choice(pool).id
        if a != b and (a, b) not in pairs:
            pairs.add((a, b))
            links.append(Link(a, b))
            added += 1
    return Case(id=case_id, partners=people, elements=elements, links=links, declared_positions=positions)
