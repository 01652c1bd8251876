"""Cycle sheets: the shorthand of one column per partner, and its standard wiring."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Protocol

import attrs

from eftgraph._records import DeclaredPosition, Element, Link
from eftgraph._vocabulary import ElementKind, Position, Sign, Stance, to_optional_position, to_stance
from eftgraph.errors import CaseError, Message, Problem

__all__ = ["SLOTS", "Collapsed", "Sheet", "collapse", "expand", "standard_links"]

SLOTS: dict[str, ElementKind] = {
    "trigger": ElementKind.TRIGGER,
    "event": ElementKind.EVENT,
    "injury": ElementKind.EVENT,
    "behavior": ElementKind.BEHAVIOR,
    "perception": ElementKind.PERCEPTION,
    "secondary": ElementKind.SECONDARY_EMOTION,
    "fear": ElementKind.FEAR,
    "primary": ElementKind.PRIMARY_EMOTION,
    "need": ElementKind.NEED,
}
"""Sheet slot name → element kind, top of the sheet first.

``event`` is something this partner did or lived through once; it leads into the other
partners' columns, like a behaviour, but is no move in the round. ``injury`` is an
attachment injury this partner suffered (an event with ``injury``); it leads into the
partner's own column, like a trigger.
"""

CHAIN = ("trigger", "perception", "fear", "primary", "secondary", "behavior")
"""The standard chain inside one column (absent slots are skipped); plus the need, from the deepest present layer above it."""

NEED_FROM = ("primary", "fear", "secondary", "perception", "behavior")
"""Where a need hangs from: the deepest present of these (primary emotion first), so it never floats."""

ENTRY = ("perception", "fear", "primary", "secondary", "behavior")
"""Where the other partner's behaviour enters a column: the first present of these."""


def slot_id(domain: str, partner: str, slot: str) -> str:
    """The id of a sheet slot's element.

    Examples
    --------
    >>> slot_id("sexual", "janine", "perception")
    'sexual.janine.perception'
    """
    return f"{domain}.{partner}.{slot}"


@attrs.frozen
class Sheet:
    """One partner's column of an EFT cycle sheet in one domain.

    Examples
    --------
    >>> Sheet("everyday", "janine", position="pursuer", behavior="criticises").stance
    <Stance.PURSUE: 'pursue'>
    """

    domain: str
    partner: str
    position: Position | None = attrs.field(default=None, converter=to_optional_position, kw_only=True)
    stance: Stance | None = attrs.field(default=None, converter=to_stance, kw_only=True)
    trigger: str | None = attrs.field(default=None, kw_only=True)
    event: str | None = attrs.field(default=None, kw_only=True)
    injury: str | None = attrs.field(default=None, kw_only=True)
    behavior: str | None = attrs.field(default=None, kw_only=True)
    perception: str | None = attrs.field(default=None, kw_only=True)
    secondary: str | None = attrs.field(default=None, kw_only=True)
    fear: str | None = attrs.field(default=None, kw_only=True)
    primary: str | None = attrs.field(default=None, kw_only=True)
    need: str | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        problems = [
            Problem.of(f"{self.domain}.{self.partner}.{field}", message, found=found, allowed=allowed)
            for field, message, found, allowed in sheet_issues(self.position, self.stance, self.behavior)
        ]
        if problems:
            raise CaseError(problems)
        if self.stance is None and self.position is not None:
            object.__setattr__(self, "stance", self.position.stance)

    def slots(self) -> dict[str, str]:
        """The present slots, in sheet order."""
        values = {slot: getattr(self, slot) for slot in SLOTS}
        return {slot: text for slot, text in values.items() if text is not None}


def sheet_issues(
    position: Position | None, stance: Stance | None, behavior: str | None
) -> list[tuple[str, Message, str | None, tuple[str, ...]]]:
    """Broken sheet rules as ``(field, message, found, allowed)``."""
    issues: list[tuple[str, Message, str | None, tuple[str, ...]]] = []
    if behavior is None:
        issues.append(("behavior", Message("error.rule.sheet-behavior"), None, ()))
    if position is Position.UNDETERMINED:
        issues.append(
            ("position", Message("error.rule.unknown-position"), str(position), ("pursuer", "withdrawer"))
        )
    elif position is not None and stance is not None and position.stance is not stance:
        issues.append(
            (
                "stance",
                Message("error.rule.disagrees", {"stance": stance.value, "position": position.value}),
                str(stance),
                (str(position.stance),),
            )
        )
    return issues


def expand(sheets: Sequence[Sheet]) -> tuple[list[Element], list[Link], list[DeclaredPosition]]:
    """Elements, standard links and declared positions of *sheets*."""
    elements: list[Element] = []
    positions: list[DeclaredPosition] = []
    for sheet in sheets:
        for slot, text in sheet.slots().items():
            elements.append(
                Element(
                    slot_id(sheet.domain, sheet.partner, slot),
                    SLOTS[slot],
                    text,
                    partner=sheet.partner,
                    domain=sheet.domain,
                    stance=sheet.stance if slot == "behavior" else None,
                    injury=slot == "injury",
                )
            )
        if sheet.position is not None:
            positions.append(DeclaredPosition(sheet.domain, sheet.partner, sheet.position))
    present = {(s.domain, s.partner): set(s.slots()) for s in sheets}
    return elements, [Link(a, b) for a, b in standard_links(present)], positions


def standard_links(present: dict[tuple[str, str], set[str]]) -> list[tuple[str, str]]:
    """The standard wiring of sheets given as ``{(domain, partner): present slots}``.

    Examples
    --------
    >>> standard_links({("d", "a"): {"behavior", "primary", "need"}, ("d", "b"): {"behavior"}})
    [('d.a.primary', 'd.a.behavior'), ('d.a.primary', 'd.a.need'), ('d.a.behavior', 'd.b.behavior'), ('d.b.behavior', 'd.a.primary')]
    >>> standard_links({("d", "a"): {"behavior", "fear", "need"}})  # no primary: the need hangs from the fear
    [('d.a.fear', 'd.a.behavior'), ('d.a.fear', 'd.a.need')]
    """
    pairs: list[tuple[str, str]] = []
    for (domain, partner), slots in present.items():
        chain = [slot for slot in CHAIN if slot in slots]
        pairs.extend(
            (slot_id(domain, partner, a), slot_id(domain, partner, b)) for a, b in itertools.pairwise(chain)
        )
        above = next((slot for slot in NEED_FROM if slot in slots), None)
        if "need" in slots and above is not None:
            pairs.append((slot_id(domain, partner, above), slot_id(domain, partner, "need")))
        own = next((slot for slot in ENTRY if slot in slots), None)
        if "injury" in slots and own is not None:
            pairs.append((slot_id(domain, partner, "injury"), slot_id(domain, partner, own)))
        pairs.extend(_event_links(domain, partner, slots, present))
        if "behavior" not in slots:
            continue
        for (other_domain, other), other_slots in present.items():
            if other_domain != domain or other == partner:
                continue
            entry = next((slot for slot in ENTRY if slot in other_slots), None)
            if entry is not None:
                pairs.append((slot_id(domain, partner, "behavior"), slot_id(domain, other, entry)))
    return pairs


def _event_links(
    domain: str, partner: str, slots: set[str], present: dict[tuple[str, str], set[str]]
) -> list[tuple[str, str]]:
    """A partner's one-off event leads into every other partner's column of the domain."""
    if "event" not in slots:
        return []
    pairs = []
    for (other_domain, other), other_slots in present.items():
        entry = next((slot for slot in ENTRY if slot in other_slots), None)
        if other_domain == domain and other != partner and entry is not None:
            pairs.append((slot_id(domain, partner, "event"), slot_id(domain, other, entry)))
    return pairs


class CaseParts(Protocol):
    """What `collapse` reads of a case (the case model builds on this module, not the reverse)."""

    @property
    def elements(self) -> tuple[Element, ...]: ...

    @property
    def links(self) -> tuple[Link, ...]: ...

    @property
    def declared_positions(self) -> tuple[DeclaredPosition, ...]: ...

    def element(self, element_id: str, /) -> Element: ...


@attrs.frozen
class Collapsed:
    """A case split into what sheets say and what the general form must say."""

    sheets: tuple[Sheet, ...]
    elements: tuple[Element, ...]
    links: tuple[Link, ...]
    declared_positions: tuple[DeclaredPosition, ...]


def collapse(case: CaseParts) -> Collapsed:
    """Write back as sheets whatever expands to exactly the same elements and links."""
    declared = {(d.domain, d.partner): d.position for d in case.declared_positions}
    links = {(link.source, link.target): link for link in case.links}
    candidates = _whole_sheets(case, _sheet_columns(case, declared), links)
    implied = {
        pair
        for pair in standard_links({key: set(slots) for key, slots in candidates.items()})
        if links[pair].sign is Sign.AMPLIFIES and links[pair].label is None
    }
    in_sheets = {e.id for slots in candidates.values() for e in slots.values()}
    sheets = []
    for (domain, partner), slots in candidates.items():
        position = declared.get((domain, partner))
        stance = slots["behavior"].stance if position is None else None
        texts = {slot: element.label for slot, element in slots.items()}
        sheets.append(Sheet(domain, partner, position=position, stance=stance, **texts))
    return Collapsed(
        sheets=tuple(sheets),
        elements=tuple(e for e in case.elements if e.id not in in_sheets),
        links=tuple(link for pair, link in links.items() if pair not in implied),
        declared_positions=tuple(
            d for d in case.declared_positions if (d.domain, d.partner) not in candidates
        ),
    )


def _sheet_columns(
    case: CaseParts, declared: dict[tuple[str, str], Position]
) -> dict[tuple[str, str], dict[str, Element]]:
    """Elements with slot ids, per ``(domain, partner)``, where a sheet could say them."""
    groups: dict[tuple[str, str], dict[str, Element]] = {}
    for element in case.elements:
        if element.partner is None:
            continue
        for slot, kind in SLOTS.items():
            if (
                element.kind is kind
                and element.injury is (slot == "injury")
                and element.id == slot_id(element.domain, element.partner, slot)
            ):
                groups.setdefault((element.domain, element.partner), {})[slot] = element
    columns: dict[tuple[str, str], dict[str, Element]] = {}
    for key, slots in groups.items():
        behavior = slots.get("behavior")
        if behavior is None:
            continue
        position = declared.get(key)
        if position is not None and behavior.stance is not position.stance:
            continue
        columns[key] = slots
    return columns


def _whole_sheets(
    case: CaseParts,
    candidates: dict[tuple[str, str], dict[str, Element]],
    links: dict[tuple[str, str], Link],
) -> dict[tuple[str, str], dict[str, Element]]:
    """*candidates* less the columns whose standard wiring the case does not have."""
    while True:
        present = {key: set(slots) for key, slots in candidates.items()}
        missing = [pair for pair in standard_links(present) if pair not in links]
        if not missing:
            return candidates
        for source, _ in missing:
            domain, partner = case.element(source).domain, case.element(source).partner
            candidates.pop((domain, str(partner)), None)
