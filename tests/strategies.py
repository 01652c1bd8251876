"""Hypothesis strategies for random valid cases (shared by the property tests)."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import strategies as st

from eftgraph import (
    Case,
    Concern,
    ConcernKind,
    DeclaredPosition,
    Element,
    ElementKind,
    Link,
    Partner,
    Position,
    Sheet,
    Sign,
    Stance,
)
from eftgraph._sheets import SLOTS

__all__ = ["NAMES", "cases", "labels", "named_cases"]

labels = st.text(
    alphabet=st.characters(codec="utf-8"),
    min_size=1,
    max_size=40,
).filter(lambda text: text.strip() != "")
"""Any Unicode text a therapist could type (and more): quotes, newlines, emoji, RTL, controls."""

ids = st.from_regex(r"[a-z][a-z0-9_-]{0,8}", fullmatch=True)
domains = st.sampled_from(["everyday", "sexual", "caregiving", "work-life"])


@st.composite
def cases(draw: st.DrawFn, *, max_partners: int = 4) -> Case:
    """A random valid case: sheets, general elements, extra links, concerns, positions."""
    partner_ids = draw(st.lists(ids, min_size=1, max_size=max_partners, unique=True))
    partners = [
        Partner(pid, draw(labels), pronoun=draw(st.none() | st.sampled_from(["she", "he", "they"])))
        for pid in partner_ids
    ]
    sheets = []
    for domain in draw(st.lists(domains, max_size=3, unique=True)):
        for pid in draw(st.lists(st.sampled_from(partner_ids), max_size=len(partner_ids), unique=True)):
            slots = draw(st.sets(st.sampled_from([s for s in SLOTS if s != "behavior"])))
            position = draw(st.none() | st.sampled_from([Position.PURSUER, Position.WITHDRAWER]))
            stance = None
            if position is None:
                stance = draw(st.none() | st.sampled_from(list(Stance)))
            texts = {slot: draw(labels) for slot in sorted(slots)}
            sheets.append(
                Sheet(domain, pid, position=position, stance=stance, behavior=draw(labels), **texts)
            )
    elements = []
    taken = {f"{s.domain}.{s.partner}.{slot}" for s in sheets for slot in s.slots()}
    declared = {(s.domain, s.partner): s.position for s in sheets if s.position is not None}
    for eid in draw(st.lists(ids, max_size=6, unique=True)):
        if eid in taken:
            continue
        kind = draw(st.sampled_from(list(ElementKind)))
        partner = draw(st.sampled_from(partner_ids)) if kind is not ElementKind.TRIGGER else None
        partner = partner or draw(st.none() | st.sampled_from(partner_ids))
        domain = draw(domains)
        stance = None
        if kind is ElementKind.BEHAVIOR:
            position = declared.get((domain, str(partner)))
            choices = [Stance.REACH, Stance.RESPOND] if position is not None else list(Stance)
            stance = draw(st.none() | st.sampled_from(choices))
            if position is not None and draw(st.booleans()):
                stance = position.stance
        elements.append(Element(eid, kind, draw(labels), partner=partner, domain=domain, stance=stance))
    all_ids = sorted(taken | {e.id for e in elements})
    links = []
    if len(all_ids) >= 2:
        pairs = draw(
            st.lists(
                st.tuples(st.sampled_from(all_ids), st.sampled_from(all_ids)).filter(lambda p: p[0] != p[1]),
                max_size=8,
                unique=True,
            )
        )
        links = [
            Link(a, b, sign=draw(st.sampled_from(list(Sign))), label=draw(st.none() | labels))
            for a, b in pairs
        ]
    concerns = [
        Concern(
            draw(labels),
            draw(st.sampled_from(list(ConcernKind))),
            draw(st.none() | st.sampled_from(partner_ids)),
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    extra_positions = []
    used_domains = {s.domain for s in sheets} | {e.domain for e in elements}
    for domain in sorted(used_domains):
        for pid in partner_ids:
            if (domain, pid) in declared or not draw(st.booleans()):
                continue
            stances = {
                e.stance
                for e in elements
                if e.partner == pid and e.domain == domain and e.stance in (Stance.PURSUE, Stance.WITHDRAW)
            } | {s.stance for s in sheets if s.partner == pid and s.domain == domain}
            stances.discard(None)
            stances -= {Stance.REACH, Stance.RESPOND}
            if len(stances) > 1:
                continue
            position = Position.PURSUER if stances == {Stance.PURSUE} else Position.WITHDRAWER
            if not stances:
                position = draw(st.sampled_from([Position.PURSUER, Position.WITHDRAWER]))
            extra_positions.append(DeclaredPosition(domain, pid, position))
    return Case.from_sheets(
        id=draw(ids),
        title=draw(st.none() | labels),
        language=draw(st.sampled_from(["en", "nl"])),
        partners=partners,
        sheets=sheets,
        elements=elements,
        links=links,
        concerns=concerns,
        positions=extra_positions,
    )


# --------------------------------------------------------------------------- anonymisation

NAMES = ("Zorbaxine", "Quellimar", "Vantorek", "Ysmeralda")
"""Names that cannot occur by chance in generated text, so a search for them is meaningful."""


@st.composite
def named_cases(draw: st.DrawFn) -> tuple[Case, list[str]]:
    """A random valid case whose partners carry :data:`NAMES`, sprinkled through every text and id.

    Returns the case and the names in it. Names stand as whole words (with possessives:
    ``Zorbaxine's``, ``Zorbaxine’s``, ``Zorbaxines``, in any case) in the title, labels,
    link and concern labels, and in partner, element and case ids.
    """
    import attrs

    case = draw(cases(max_partners=len(NAMES)))
    names = list(NAMES[: len(case.partners)])
    forms = st.sampled_from(["", "'s", "’s", "s"])
    spellings: list[Callable[[str], str]] = [str, str.upper, str.lower, str.title]
    cases_of = st.sampled_from(spellings)

    def sprinkle(text: str) -> str:
        if not draw(st.booleans()):
            return text
        name = draw(cases_of)(draw(st.sampled_from(names))) + draw(forms)
        at = draw(st.integers(0, len(text)))
        return f"{text[:at]} {name} {text[at:]}"

    partner_ids = {
        p.id: draw(st.sampled_from([p.id, name.lower()]))
        for p, name in zip(case.partners, names, strict=True)
    }
    if len(set(partner_ids.values())) < len(partner_ids):
        partner_ids = {p.id: name.lower() for p, name in zip(case.partners, names, strict=True)}

    def element_id(element: Element) -> str:
        for slot in ("trigger", "behavior", "perception", "secondary", "fear", "primary", "need"):
            if element.partner is not None and element.id == f"{element.domain}.{element.partner}.{slot}":
                return f"{element.domain}.{partner_ids[element.partner]}.{slot}"
        return f"{draw(st.sampled_from(names)).lower()}-{element.id}"

    element_ids = {e.id: element_id(e) for e in case.elements}
    named = Case(
        id=f"{names[0].lower()}-{case.id}",
        title=sprinkle(case.title or " & ".join(names)),
        language=case.language,
        partners=[
            attrs.evolve(p, id=partner_ids[p.id], name=name)
            for p, name in zip(case.partners, names, strict=True)
        ],
        elements=[
            attrs.evolve(
                e,
                id=element_ids[e.id],
                label=sprinkle(e.label),
                partner=None if e.partner is None else partner_ids[e.partner],
            )
            for e in case.elements
        ],
        links=[
            attrs.evolve(
                link,
                source=element_ids[link.source],
                target=element_ids[link.target],
                label=None if link.label is None else sprinkle(link.label),
            )
            for link in case.links
        ],
        concerns=[
            attrs.evolve(
                c, label=sprinkle(c.label), partner=None if c.partner is None else partner_ids[c.partner]
            )
            for c in case.concerns
        ],
        positions=[attrs.evolve(d, partner=partner_ids[d.partner]) for d in case.positions],
        domains=case.domains,
    )
    return named, names
