"""Sentence frames of the narratives: clauses that fit every label, beginnings, referrals.

`eftgraph.describe` walks a loop and tells a case; this module holds the
sentences it is made of, so that each reads well whatever the shape of the
therapist's label (`eftgraph._frames.shape`):

- each layer of a partner is introduced as theirs the first time ("Bij Ruud
  roept dat iets kwetsbaars op: schaamte"), so "daaronder" never points at
  the other partner's move;
- a move follows the name, anything else follows a colon or "is"; the
  partner's own words are quoted;
- a cycle's beginning is told first: its triggers ("What sets it off"), a
  one-off event ("It started with something that happened once") and an
  attachment injury ("What hurt the bond"), never as a move that repeats;
- concerns outside the cycle are told with the help each one needs.

>>> from eftgraph import load
>>> from eftgraph._catalog import catalog
>>> case = load("examples/janine-mathijs.yaml")
>>> print(clause(catalog("nl"), case, case.element("everyday.mathijs.fear"), first=False))
wat hij het meest vreest, is tekortschieten bij haar
>>> print(clause(catalog("nl"), case, case.element("everyday.mathijs.primary"), first=True))
bij Mathijs roept dat iets kwetsbaars op: schaamte, gevoel te falen
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from eftgraph._catalog import Catalog, capitalize
from eftgraph._frames import Shape, shape
from eftgraph._model import ElementKind

LONG_MOVE = 6
"""Words in a move after which a sentence no longer ends the move with "again"."""


if TYPE_CHECKING:
    from eftgraph._loops import Loop
    from eftgraph._model import Case, Element
    from eftgraph._referrals import Referral

__all__ = [
    "beginnings",
    "clause",
    "closing",
    "mixed",
    "opening",
    "person",
    "recurring_pair",
    "referral_sentence",
]


def sentence(text: str) -> str:
    """*text* with a capital first letter and a full stop unless it ends in one."""
    text = capitalize(text.strip())
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def person(texts: Catalog, case: Case, partner_id: str | None) -> tuple[dict[str, str], str | None]:
    """The placeholder values for a partner (name, pronoun forms) and the variant to ask for."""
    if partner_id is None:
        return {"name": "", "subj": "", "obj": "", "poss": ""}, "none"
    partner = case.partner(partner_id)
    if partner.pronoun is None:
        forms = {"subj": partner.name, "obj": partner.name, "poss": f"{partner.name}’s"}
        return {"name": partner.name, **forms}, "none"
    forms = {form: str(texts.get(f"pronoun.{partner.pronoun}.{form}")) for form in ("subj", "obj", "poss")}
    return {"name": partner.name, **forms}, partner.pronoun


def _has(texts: Catalog, key: str) -> bool:
    try:
        texts.get(key)
    except KeyError:
        return False
    return True


def clause(texts: Catalog, case: Case, element: Element, *, first: bool) -> str:
    """One layer of a partner told in a frame that fits its label (see the module docstring)."""
    values, variant = person(texts, case, element.partner)
    form = shape(element.label, texts.code)
    label = element.label
    key = f"clause.{element.kind.value}" + ("_first" if first else "")
    if element.kind is ElementKind.BEHAVIOR and form is not Shape.MOVE:
        key += "_other"
    elif form is Shape.OWN_WORDS and element.kind is not ElementKind.PERCEPTION:
        label = texts.text("clause.quote", label=label)
        if _has(texts, key + "_own"):
            key += "_own"
    return texts.text(key, variant, label=label, **values)


def opening(texts: Catalog, case: Case, first: Element, following: str) -> str:
    """The sentence that starts a walk round a loop at the move *first*, then *following*."""
    values, _ = person(texts, case, first.partner)
    key = "loop.open" if shape(first.label, texts.code) is Shape.MOVE else "loop.open_other"
    return sentence(texts.text(key, name=values["name"], label=first.label, next=following))


def closing(texts: Catalog, case: Case, first: Element, *, secure: bool) -> str:
    """The sentence that ends a walk: back at the start (negative) or the bond growing safer (secure)."""
    if secure:
        return sentence(texts.text("loop.secure_back"))
    values, _ = person(texts, case, first.partner)
    if shape(first.label, texts.code) is not Shape.MOVE:
        key = "loop.back_other"
    else:  # "… again" reads well after a short move only
        key = "loop.back" if len(first.label.split()) <= LONG_MOVE else "loop.back_long"
    return sentence(texts.text(key, name=values["name"], label=first.label))


def beginnings(texts: Catalog, case: Case, domain: str, loop: Loop | None) -> list[str]:
    """What starts the cycle of *domain*: attachment injuries, one-off events, then triggers.

    Only the elements that feed *loop* (or, without a loop, all of the domain's)
    are told, each once, in the order of the case.
    """
    feeding = {link.source for link in case.links if loop is None or link.target in loop.elements}
    found = [
        e
        for e in case.elements
        if e.domain == domain and e.kind in (ElementKind.TRIGGER, ElementKind.EVENT) and e.id in feeding
    ]
    found.sort(key=lambda e: (not e.injury, e.kind is ElementKind.TRIGGER))
    out = []
    for element in found:
        values, _ = person(texts, case, element.partner)
        name = values["name"]
        if element.injury:
            key = "story.injury" if name else "story.injury_none"
        elif element.kind is ElementKind.EVENT:
            move = shape(element.label, texts.code) is Shape.MOVE
            key = "story.event_none" if not name else "story.event" if move else "story.event_other"
        else:
            key = "story.trigger" if name else "story.trigger_none"
        out.append(sentence(texts.text(key, name=name, label=element.label)))
    return out


def mixed(texts: Catalog, case: Case, domain: str) -> list[str]:
    """A declared position with a behaviour of the other stance: "mostly the withdrawer; at times …"."""
    from eftgraph._positions import PositionReason, positions

    held = positions(case, domain)
    out = []
    for partner, reason in held.reasons.items():
        if reason is not PositionReason.DECLARED_MIXED:
            continue
        position = held[partner]
        other = [
            e
            for e in case.elements_in(domain)
            if e.partner == partner
            and e.stance is not None
            and e.stance.secure is False
            and e.stance is not position.stance
        ]
        for element in other[:1]:
            name = case.partner(partner).name
            key = f"story.mixed.{position.value}"
            variant = None if shape(element.label, texts.code) is Shape.MOVE else "other"
            out.append(sentence(texts.text(key, variant, name=name, label=element.label)))
    return out


def recurring_pair(texts: Catalog, a: str, b: str) -> str:
    """Two labels that recur across domains, said once when they are the same words."""
    if a.strip().casefold() == b.strip().casefold():
        return texts.text("story.recurring_same", a=a)
    return texts.text("compare.recurring_pair", a=a, b=b)


def referral_sentence(texts: Catalog, case: Case, referral: Referral) -> str:
    """A concern outside the cycle and the help it needs, in one or two plain sentences."""
    concern = referral.concern
    reason = referral.reason(texts.code)
    if concern.partner:
        return texts.text(
            "referral.named", name=case.partner(concern.partner).name, label=concern.label, reason=reason
        )
    return texts.text("referral.unnamed", label=concern.label, reason=reason)


def helpers(texts: Catalog, needs: Sequence[str]) -> str:
    """``the treating doctor and a sexologist``: the kinds of help, joined."""
    words = [str(texts.get(f"helper.{need}")) for need in needs]
    if len(words) <= 1:
        return "".join(words)
    return str(texts.get("list.comma")).join(words[:-1]) + str(texts.get("list.and")) + words[-1]
