"""Reading each section of a case document (partners, domains, sheets, elements, …) into a draft.

Each reader takes what it can from its section, reports the rest and notes the document
path every part came from, so that the model's own checks can be reported where the
document says the thing (see `eftgraph._structure`).
"""

from __future__ import annotations

from typing import Any

import attrs

from eftgraph._formats_document import Path
from eftgraph._model import (
    PARTNER_ID_PATTERN,
    PRONOUNS,
    Advice,
    Concern,
    ConcernKind,
    DeclaredPosition,
    Element,
    ElementKind,
    Link,
    Partner,
    Position,
    Sign,
    Stance,
)
from eftgraph._sheets import SLOTS, Sheet, expand, sheet_issues
from eftgraph._structure_keys import KEYS, POSITIONS, words
from eftgraph._structure_reader import Reader
from eftgraph.errors import Message, quoted

__all__ = ["Draft", "read_sections"]


@attrs.define
class Draft:
    """The parts read so far, each with the document path it came from."""

    partners: list[Partner] = attrs.Factory(list)
    partner_paths: list[Path] = attrs.Factory(list)
    domain_order: dict[str, None] = attrs.Factory(dict)
    explicit_domains: bool = False
    sheets: list[Sheet] = attrs.Factory(list)
    elements: list[Element] = attrs.Factory(list)
    element_paths: list[tuple[Path, bool]] = attrs.Factory(list)
    """Per element: its path, and whether it is a slot of a sheet."""
    declared: list[DeclaredPosition] = attrs.Factory(list)
    position_paths: list[Path] = attrs.Factory(list)
    standard: list[Link] = attrs.Factory(list)
    """The standard links of the sheets that no explicit link replaces."""
    explicit: list[Link] = attrs.Factory(list)
    link_paths: list[Path] = attrs.Factory(list)
    concerns: list[Concern] = attrs.Factory(list)
    concern_paths: list[Path] = attrs.Factory(list)
    broken_columns: set[str] = attrs.Factory(set)
    """``domain.partner.`` of each sheet column that could not be read: links into it are not reported again."""
    misspelled: set[str] = attrs.Factory(set)
    """``domain.partner.key`` of each unknown sheet key: a link to it is not reported again."""

    def use_domain(self, name: str) -> None:
        """Note that the case uses domain *name* (in order, unless the document lists them)."""
        if not self.explicit_domains:
            self.domain_order.setdefault(name, None)


def read_sections(read: Reader, top: dict[str, Any]) -> Draft:
    """Read every section of the document *top* into a draft, in the order they depend on."""
    draft = Draft(explicit_domains="domains" in top)
    _partners(read, top, draft)
    _domains(read, top, draft)
    _sheets(read, top, draft)
    elements, standard, declared = expand(draft.sheets)
    draft.elements.extend(elements)
    draft.declared.extend(declared)
    draft.position_paths.extend(("cycles", d.domain, d.partner, "position") for d in declared)
    _elements(read, top, draft)
    _positions(read, top, draft)
    _links(read, top, draft)
    replaced = {(link.source, link.target) for link in draft.explicit}
    draft.standard = [link for link in standard if (link.source, link.target) not in replaced]
    _concerns(read, top, draft)
    return draft


def _partners(read: Reader, top: dict[str, Any], draft: Draft) -> None:
    raw = top.get("partners")
    if "partners" in top and isinstance(raw, (list, type(None))) and not raw:
        read.problem(("partners",), Message("error.case.no-partner"))  # also for 'partners:' alone
    for path, item in read.items(top, "partners", "partner"):
        # the model checks this pattern too, but the reader resolves partner references before
        # the model sees them, and must not offer a bad id as the nearest partner
        pid = read.ident(item.get("id"), (*path, "id"), PARTNER_ID_PATTERN, "partner-id")
        name = read.text(item.get("name"), (*path, "name"))
        pronoun = item.get("pronoun")
        if pronoun is not None:
            pronoun = read.choice(pronoun, (*path, "pronoun"), PRONOUNS)
        if pid is not None and name is not None:
            draft.partners.append(Partner(pid, name, pronoun=pronoun))
            draft.partner_paths.append(path)
    read.partner_ids = [p.id for p in draft.partners]


def _domains(read: Reader, top: dict[str, Any], draft: Draft) -> None:
    for i, raw in enumerate(read.listing(top.get("domains"), ("domains",))):
        name = read.domain(raw, ("domains", i))
        if name is not None:
            if name in draft.domain_order:
                read.problem(("domains", i), Message("error.case.domain-twice", {"name": quoted(name)}))
            draft.domain_order.setdefault(name, None)


def _sheets(read: Reader, top: dict[str, Any], draft: Draft) -> None:
    for domain, columns in read.by_domain(top, "cycles", "partners"):
        draft.use_domain(domain)
        for partner, raw in columns.items():
            spath: Path = ("cycles", domain, partner)
            if read.partner(partner, spath) is not None:
                _sheet(read, raw, spath, draft)


def _sheet(read: Reader, raw: Any, spath: Path, draft: Draft) -> None:
    """Read one partner's column of a sheet, at ``cycles.<domain>.<partner>``."""
    draft.broken_columns.add(f"{spath[1]}.{spath[2]}.")  # until the column is read
    if isinstance(raw, dict):
        draft.misspelled.update(f"{spath[1]}.{spath[2]}.{key}" for key in raw if key not in KEYS["sheet"])
    sheet = read.mapping(raw, spath, "sheet")
    if sheet is None:
        return
    texts = {slot: read.text(sheet[slot], (*spath, slot)) for slot in SLOTS if slot in sheet}
    position = stance = None
    if "position" in sheet:
        position = read.choice(sheet["position"], (*spath, "position"), POSITIONS)
    if "stance" in sheet:
        stance = read.choice(sheet["stance"], (*spath, "stance"), words(Stance))
    if (
        None in texts.values()
        or ("position" in sheet and position is None)
        or ("stance" in sheet and stance is None)
    ):
        return
    issues = sheet_issues(
        None if position is None else Position(position),
        None if stance is None else Stance(stance),
        texts.get("behavior"),
    )
    for field, message, found, allowed in issues:
        if field != "behavior":  # a missing behavior is reported by mapping()
            read.problem((*spath, field), message, found=found, allowed=allowed)
    if issues:
        return
    domain, partner = str(spath[1]), str(spath[2])
    draft.sheets.append(Sheet(domain, partner, position=position, stance=stance, **texts))
    draft.element_paths.extend(((*spath, slot), True) for slot in texts)
    draft.broken_columns.discard(f"{domain}.{partner}.")


def _elements(read: Reader, top: dict[str, Any], draft: Draft) -> None:
    for path, item in read.items(top, "elements", "element"):
        eid = read.text(item.get("id"), (*path, "id"))  # its pattern is a rule of the model
        kind = read.choice(item["kind"], (*path, "kind"), words(ElementKind)) if "kind" in item else None
        label = read.text(item["label"], (*path, "label")) if "label" in item else None
        domain = read.domain(item["domain"], (*path, "domain")) if "domain" in item else "everyday"
        partner = read.partner(item["partner"], (*path, "partner")) if "partner" in item else None
        if "partner" not in item and kind not in (None, "trigger", "event"):
            read.problem(
                path,
                Message("error.case.partner-missing", {"kind": kind}),
            )
            continue
        stance = read.choice(item["stance"], (*path, "stance"), words(Stance)) if "stance" in item else None
        injury = item.get("injury", False)
        if not isinstance(injury, bool):
            read.problem(
                (*path, "injury"), Message("error.shape.bool"), found=str(injury), allowed=("true", "false")
            )
            continue
        if (
            eid is None
            or kind is None
            or label is None
            or domain is None
            or ("partner" in item and partner is None)
            or ("stance" in item and stance is None)
        ):
            continue
        draft.use_domain(domain)
        element = Element(eid, kind, label, partner=partner, domain=domain, stance=stance, injury=injury)
        draft.elements.append(element)
        draft.element_paths.append((path, False))


def _positions(read: Reader, top: dict[str, Any], draft: Draft) -> None:
    """Read the declared positions of the general form (``positions: {domain: {partner: …}}``)."""
    for domain, columns in read.by_domain(top, "positions", "positions"):
        draft.use_domain(domain)
        for partner, value in columns.items():
            ppath: Path = ("positions", domain, partner)
            if read.partner(partner, ppath) is None:
                continue
            position = read.choice(value, ppath, POSITIONS)
            if position is not None:
                draft.declared.append(DeclaredPosition(domain, partner, position))
                draft.position_paths.append(ppath)


def _links(read: Reader, top: dict[str, Any], draft: Draft) -> None:
    ids = {e.id for e in draft.elements}
    known = sorted(ids)
    for path, item in read.items(top, "links", "link"):
        ends = [read.text(item[key], (*path, key)) if key in item else None for key in ("from", "to")]
        sign = read.choice(item.get("sign", "+"), (*path, "sign"), words(Sign))
        label = read.text(item.get("label"), (*path, "label"), optional=True)
        if None in ends or sign is None or ("label" in item and label is None):
            continue
        source, target = str(ends[0]), str(ends[1])
        unknown = False
        for key, end in (("from", source), ("to", target)):
            if end not in ids:
                unknown = True
                _unknown_end(read, draft, (*path, key), end, known)
        if not unknown:
            draft.explicit.append(Link(source, target, sign, label))
            draft.link_paths.append(path)


def _unknown_end(read: Reader, draft: Draft, path: Path, end: str, known: list[str]) -> None:
    """An unknown link end; silent when it points into a sheet column whose own problem is reported.

    The suggestion stays in the same partner's column when the end looks like
    one of its slots: never a re-link to another partner's element.
    """
    column = end.rsplit(".", 1)[0] + "." if end.count(".") >= 2 else None
    if (column is not None and column in draft.broken_columns) or end in draft.misspelled:
        return
    same = [i for i in known if column is not None and i.startswith(column)]
    slot = end.rsplit(".", 1)[-1]
    if same and slot in SLOTS:  # the column is there but has no such slot: no other slot is meant
        read.problem(path, Message("error.case.no-slot", {"found": quoted(end), "slot": slot}), found=end)
        return
    read.problem(
        path, Message("error.case.unknown-element", {"found": quoted(end)}), found=end, among=same or known
    )


def _concerns(read: Reader, top: dict[str, Any], draft: Draft) -> None:
    for path, item in read.items(top, "concerns", "concern"):
        label = read.text(item["label"], (*path, "label")) if "label" in item else None
        kind = read.choice(item["kind"], (*path, "kind"), words(ConcernKind)) if "kind" in item else None
        partner = read.partner(item["partner"], (*path, "partner")) if "partner" in item else None
        domain = read.domain(item["domain"], (*path, "domain")) if "domain" in item else None
        raw = item.get("needs", [])
        listed = [raw] if isinstance(raw, str) else read.listing(raw, (*path, "needs"))
        needs = [read.choice(v, (*path, "needs", i), words(Advice)) for i, v in enumerate(listed)]
        if label is None or kind is None or ("partner" in item and partner is None) or None in needs:
            continue
        if "domain" in item and domain is None:
            continue
        draft.concerns.append(Concern(label, kind, partner, domain=domain, needs=[n for n in needs if n]))
        draft.concern_paths.append(path)
