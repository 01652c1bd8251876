"""The rules of a case (DESIGN §2): every broken rule, addressed by the record it is about.

The case model raises them as one `eftgraph.CaseError`; the file loader maps the same
issues to lines of the case file, so paths and messages are worded once, here.

Examples
--------
>>> from eftgraph._records import Element, Partner
>>> [str(issue.message) for issue in check((Partner("a", "Ann"),), (Element("x", "need", "rest"),), (), (), (), ("everyday",), "en")]
['a need needs a partner (only a trigger or an event may belong to nobody)']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from eftgraph._limits import MAX_PROBLEMS
from eftgraph._records import Concern, DeclaredPosition, Element, Link, Partner
from eftgraph._suggest import nearest
from eftgraph._vocabulary import (
    DOMAIN_PATTERN,
    ID_PATTERN,
    PARTNER_ID_PATTERN,
    PRONOUNS,
    ElementKind,
    Language,
    Position,
    Stance,
)
from eftgraph.errors import Message, Problem, quoted

__all__ = ["Issue", "check", "derive_domains", "problem"]


class Issue(NamedTuple):
    """A broken rule, addressed by the model part it is about."""

    part: str  # "partners", "elements", "links", "concerns", "positions", "domains", "language"
    at: int
    field: str
    message: Message
    found: str | None = None
    allowed: tuple[str, ...] = ()
    suggestion: str | None = None


def check(
    partners: tuple[Partner, ...],
    elements: tuple[Element, ...],
    links: tuple[Link, ...],
    concerns: tuple[Concern, ...],
    positions: tuple[DeclaredPosition, ...],
    domains: tuple[str, ...],
    language: Any,
) -> list[Issue]:
    """Every broken model rule, in document order."""
    partner_ids = [partner.id for partner in partners]
    return [
        *_partner_issues(partners),
        *_language_issues(language),
        *_element_issues(elements, partner_ids),
        *_link_issues(links, {element.id for element in elements}),
        *(
            issue
            for i, c in enumerate(concerns)
            for issue in _partner_known("concerns", i, c.partner, partner_ids)
        ),
        *_domain_issues(elements, domains),
        *_position_issues(positions, elements, domains, partner_ids),
    ]


def problem(issue: Issue) -> Problem:
    """*issue* as a `eftgraph.Problem` whose path names the case part (``elements[2].partner``)."""
    if issue.part in ("language", "domains"):
        path = issue.part
    else:
        path = f"{issue.part}[{issue.at}]" + (f".{issue.field}" if issue.field else "")
    return Problem.of(
        path,
        issue.message,
        found=issue.found,
        allowed=issue.allowed,
        suggestion=issue.suggestion,
    )


def derive_domains(elements: Iterable[Element], positions: Iterable[DeclaredPosition]) -> tuple[str, ...]:
    """The domains of *elements* and *positions*, in order of first use."""
    order: dict[str, None] = {}
    for element in elements:
        order.setdefault(element.domain, None)
    for declaration in positions:
        order.setdefault(declaration.domain, None)
    return tuple(order)


def _partner_known(part: str, index: int, partner: str | None, partner_ids: Sequence[str]) -> list[Issue]:
    if partner is None or partner in partner_ids:
        return []
    return [
        Issue(
            part,
            index,
            "partner",
            Message("error.rule.unknown-partner"),
            found=partner,
            allowed=tuple(partner_ids),
            suggestion=nearest(partner, partner_ids),
        )
    ]


def _partner_issues(partners: Iterable[Partner]) -> list[Issue]:
    issues: list[Issue] = []
    seen: list[str] = []
    for i, partner in enumerate(partners):
        if not isinstance(partner.id, str) or not PARTNER_ID_PATTERN.match(partner.id):
            message = Message("error.rule.partner-id")
            issues.append(Issue("partners", i, "id", message, found=str(partner.id)))
        if partner.id in seen:
            issues.append(
                Issue("partners", i, "id", Message("error.rule.duplicate-partner"), found=partner.id)
            )
        seen.append(partner.id)
        if partner.pronoun is not None and partner.pronoun not in PRONOUNS:
            pronoun = str(partner.pronoun)
            suggestion = nearest(pronoun, PRONOUNS)
            unknown = Message("error.rule.unknown-pronoun")
            issues.append(Issue("partners", i, "pronoun", unknown, pronoun, PRONOUNS, suggestion))
    return issues


def _language_issues(language: Any) -> list[Issue]:
    allowed = tuple(lang.value for lang in Language)
    if str(language) in allowed:
        return []
    suggestion = nearest(str(language), allowed)
    unknown = Message("error.rule.unknown-language")
    return [Issue("language", 0, "", unknown, str(language), allowed, suggestion)]


def _element_issues(elements: Iterable[Element], partner_ids: Sequence[str]) -> list[Issue]:
    issues: list[Issue] = []
    seen: set[str] = set()
    for i, element in enumerate(elements):
        if not ID_PATTERN.match(element.id):
            message = Message("error.rule.element-id")
            issues.append(Issue("elements", i, "id", message, found=element.id))
        if element.id in seen:
            issues.append(
                Issue("elements", i, "id", Message("error.rule.duplicate-element"), found=element.id)
            )
        seen.add(element.id)
        if element.partner is None and element.kind not in (ElementKind.TRIGGER, ElementKind.EVENT):
            message = Message("error.rule.needs-partner", {"kind": element.kind.value})
            issues.append(Issue("elements", i, "partner", message))
        if element.injury and element.kind is not ElementKind.EVENT:
            message = Message("error.rule.injury", {"kind": element.kind.value})
            issues.append(Issue("elements", i, "injury", message, found="true"))
        issues.extend(_partner_known("elements", i, element.partner, partner_ids))
        if not DOMAIN_PATTERN.match(element.domain):
            message = Message("error.rule.domain-name")
            issues.append(Issue("elements", i, "domain", message, found=element.domain))
        if element.stance is not None and element.kind is not ElementKind.BEHAVIOR:
            message = Message("error.rule.stance", {"kind": element.kind.value})
            issues.append(Issue("elements", i, "stance", message, found=str(element.stance)))
    return issues


def _link_issues(links: Iterable[Link], element_ids: set[str]) -> list[Issue]:
    issues: list[Issue] = []
    pairs: set[tuple[str, str]] = set()
    ids = sorted(element_ids)
    for i, link in enumerate(links):
        for field, end in (("from", link.source), ("to", link.target)):
            if end not in element_ids:
                # a suggestion costs time: only for as many problems as are ever told
                suggestion = nearest(end, ids) if len(issues) < MAX_PROBLEMS else None
                unknown = Message("error.rule.unknown-element")
                issues.append(Issue("links", i, field, unknown, found=end, suggestion=suggestion))
        if link.source == link.target:
            message = Message("error.rule.self-link")
            issues.append(Issue("links", i, "to", message, found=link.target))
        if (link.source, link.target) in pairs:
            ends = {"source": quoted(link.source), "target": quoted(link.target)}
            issues.append(Issue("links", i, "", Message("error.rule.second-link", ends)))
        pairs.add((link.source, link.target))
    return issues


def _domain_issues(elements: Iterable[Element], domains: tuple[str, ...]) -> list[Issue]:
    message = Message("error.rule.domain-left-out")
    issues = [
        Issue("domains", 0, "", message, found=name)
        for name in sorted({e.domain for e in elements} - set(domains))
    ]
    if len(set(domains)) != len(domains):
        issues.append(Issue("domains", 0, "", Message("error.rule.domain-twice")))
    return issues


def _position_issues(
    positions: Iterable[DeclaredPosition],
    elements: Sequence[Element],
    domains: tuple[str, ...],
    partner_ids: Sequence[str],
) -> list[Issue]:
    issues: list[Issue] = []
    declared: set[tuple[str, str]] = set()
    for i, declaration in enumerate(positions):
        issues.extend(_partner_known("positions", i, declaration.partner, partner_ids))
        key = (declaration.domain, declaration.partner)
        if key in declared:
            issues.append(Issue("positions", i, "", Message("error.rule.second-position")))
        declared.add(key)
        if declaration.position is Position.UNDETERMINED:
            message = Message("error.rule.undetermined")
            found = str(declaration.position)
            issues.append(Issue("positions", i, "position", message, found, ("pursuer", "withdrawer")))
            continue
        if declaration.domain not in domains:
            suggestion = nearest(declaration.domain, domains) if len(issues) < MAX_PROBLEMS else None
            issues.append(
                Issue(
                    "positions",
                    i,
                    "domain",
                    Message("error.rule.unknown-domain"),
                    declaration.domain,
                    domains,
                    suggestion,
                )
            )
        issues.extend(_contradictions(declaration, elements))
    return issues


def _contradictions(declaration: DeclaredPosition, elements: Sequence[Element]) -> list[Issue]:
    """Behaviours whose stance goes against *declaration*, when none of the partner's goes with it.

    A position is a dominant tendency, not an exclusive one: a declared
    withdrawer who also snaps (a behaviour with ``stance: pursue``) is fine as
    long as some behaviour withdraws; `eftgraph.positions` then reports the
    mixed evidence.
    """
    expected = declaration.position.stance
    own = [e for e in elements if e.partner == declaration.partner and e.domain == declaration.domain]
    if any(e.stance is expected for e in own):
        return []
    return [
        Issue(
            "elements",
            j,
            "stance",
            Message(
                "error.rule.contradicts",
                {
                    "stance": str(element.stance),
                    "partner": declaration.partner,
                    "position": str(declaration.position),
                    "domain": declaration.domain,
                },
            ),
            found=str(element.stance),
            allowed=(str(expected),),
        )
        for j, element in enumerate(elements)
        if element.partner == declaration.partner
        and element.domain == declaration.domain
        and element.stance in (Stance.PURSUE, Stance.WITHDRAW)
        and element.stance is not expected
    ]
