"""The case model: frozen attrs classes and str enums (DESIGN §2)."""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

import attrs

from eftgraph._suggest import nearest
from eftgraph.errors import CaseError, Problem

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "Case",
    "Concern",
    "ConcernKind",
    "DeclaredPosition",
    "Element",
    "ElementKind",
    "Language",
    "Link",
    "Partner",
    "Position",
    "Relation",
    "Sign",
    "Stance",
]


class _StrEnum(str, enum.Enum):
    """A str enum whose ``str()`` is its value (like `enum.StrEnum`)."""

    def __str__(self) -> str:
        return str(self.value)


class ElementKind(_StrEnum):
    """What an element of a cycle is, from the surface down (DESIGN §1)."""

    TRIGGER = "trigger"
    BEHAVIOR = "behavior"
    PERCEPTION = "perception"
    SECONDARY_EMOTION = "secondary_emotion"
    FEAR = "fear"
    PRIMARY_EMOTION = "primary_emotion"
    NEED = "need"

    @property
    def layer(self) -> int:
        """Row of the kind in a cycle sheet: 0 (trigger) to 6 (need).

        Examples
        --------
        >>> ElementKind.PERCEPTION.layer
        2
        """
        return _LAYERS[self]

    @property
    def below_waterline(self) -> bool:
        """True for fear, primary emotion and need: what the partner does not see.

        Examples
        --------
        >>> ElementKind.FEAR.below_waterline, ElementKind.SECONDARY_EMOTION.below_waterline
        (True, False)
        """
        return self.layer >= _LAYERS[ElementKind.FEAR]


_LAYERS = {kind: index for index, kind in enumerate(ElementKind)}


class Stance(_StrEnum):
    """The stance of a behaviour: protective (pursue, withdraw) or secure (reach, respond)."""

    PURSUE = "pursue"
    WITHDRAW = "withdraw"
    REACH = "reach"
    RESPOND = "respond"

    @property
    def secure(self) -> bool:
        """True for the secure moves reach and respond."""
        return self in (Stance.REACH, Stance.RESPOND)


class Position(_StrEnum):
    """A partner's position in a cycle. ``undetermined`` is only ever inferred."""

    PURSUER = "pursuer"
    WITHDRAWER = "withdrawer"
    UNDETERMINED = "undetermined"

    @property
    def stance(self) -> Stance | None:
        """The stance that goes with the position (pursuer ↔ pursue, withdrawer ↔ withdraw)."""
        return {Position.PURSUER: Stance.PURSUE, Position.WITHDRAWER: Stance.WITHDRAW}.get(self)


class Sign(_StrEnum):
    """A link's sign: ``+`` amplifies (the default), ``-`` dampens."""

    AMPLIFIES = "+"
    DAMPENS = "-"


class ConcernKind(_StrEnum):
    """Kinds of problems outside the cycle that call for referral."""

    DYSFUNCTION = "dysfunction"
    ILLNESS = "illness"
    DISABILITY = "disability"
    PARAPHILIA = "paraphilia"
    TRAUMA = "trauma"
    COERCION = "coercion"
    OTHER = "other"


class Relation(_StrEnum):
    """What a link means, derived from the kinds of the elements at its ends."""

    PERCEIVED_AS = "perceived_as"
    EVOKES = "evokes"
    MASKS = "masks"
    DRIVES = "drives"
    SIGNALS = "signals"

    @classmethod
    def between(cls, source: ElementKind, target: ElementKind) -> Relation:
        """The relation of a link from an element of kind *source* to one of kind *target*.

        Examples
        --------
        >>> Relation.between(ElementKind.BEHAVIOR, ElementKind.PERCEPTION)
        <Relation.PERCEIVED_AS: 'perceived_as'>
        >>> Relation.between(ElementKind.PRIMARY_EMOTION, ElementKind.SECONDARY_EMOTION)
        <Relation.MASKS: 'masks'>
        """
        if target is ElementKind.PERCEPTION:
            return cls.PERCEIVED_AS
        if target is ElementKind.BEHAVIOR:
            return cls.DRIVES
        if target is ElementKind.NEED:
            return cls.SIGNALS
        if source is ElementKind.PRIMARY_EMOTION and target is ElementKind.SECONDARY_EMOTION:
            return cls.MASKS
        return cls.EVOKES


class Language(_StrEnum):
    """Languages of generated text and figure legends."""

    EN = "en"
    NL = "nl"


ID_PATTERN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*\Z")
PARTNER_ID_PATTERN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_\-]*\Z")
DOMAIN_PATTERN = re.compile(r"[a-z][a-z0-9_\-]*\Z")

STANDARD_DOMAINS = ("everyday", "sexual", "caregiving")


_E = TypeVar("_E", bound=enum.Enum)


def coerce(enum_cls: type[_E], value: _E | str) -> _E:
    """*value* as a member of *enum_cls*; a `CaseError` naming the valid words if not."""
    if isinstance(value, enum_cls):
        return value
    try:
        return enum_cls(value)
    except ValueError:
        allowed = [str(m.value) for m in enum_cls]
        raise CaseError(
            [
                Problem(
                    path="",
                    message=f"invalid {enum_cls.__name__} {value!r}",
                    found=str(value),
                    allowed=tuple(allowed),
                    suggestion=nearest(str(value), allowed),
                )
            ]
        ) from None


def _kind(value: ElementKind | str) -> ElementKind:
    return coerce(ElementKind, value)


def _stance(value: Stance | str | None) -> Stance | None:
    return None if value is None else coerce(Stance, value)


def _position(value: Position | str) -> Position:
    return coerce(Position, value)


def _optional_position(value: Position | str | None) -> Position | None:
    return None if value is None else coerce(Position, value)


def _sign(value: Sign | str) -> Sign:
    return coerce(Sign, value)


def _concern_kind(value: ConcernKind | str) -> ConcernKind:
    return coerce(ConcernKind, value)


def _language(value: Language | str) -> Language:
    return coerce(Language, value)


@attrs.frozen
class Partner:
    """A partner (or family member) in the case.

    Examples
    --------
    >>> Partner("janine", "Janine", pronoun="she")
    Partner(id='janine', name='Janine', pronoun='she')
    """

    id: str
    name: str
    pronoun: str | None = None
    """``she``, ``he`` or ``they``; narratives use the name when absent."""


PRONOUNS = ("she", "he", "they")


@attrs.frozen
class Element:
    """One box of a cycle: a behaviour, perception, emotion, fear, need or trigger.

    Examples
    --------
    >>> Element("e1", ElementKind.BEHAVIOR, "criticises", partner="janine", stance="pursue")
    Element(id='e1', kind=<ElementKind.BEHAVIOR: 'behavior'>, label='criticises', partner='janine', domain='everyday', stance=<Stance.PURSUE: 'pursue'>)
    """

    id: str
    kind: ElementKind = attrs.field(converter=_kind)
    label: str
    partner: str | None = None
    domain: str = "everyday"
    stance: Stance | None = attrs.field(default=None, converter=_stance)


@attrs.frozen
class Link:
    """A directed link: *source* leads to *target*; ``sign`` ``-`` dampens."""

    source: str
    target: str
    sign: Sign = attrs.field(default=Sign.AMPLIFIES, converter=_sign)
    label: str | None = None


@attrs.frozen
class Concern:
    """A problem outside the cycle (dysfunction, illness, …) that calls for referral."""

    label: str
    kind: ConcernKind = attrs.field(converter=_concern_kind)
    partner: str | None = None


@attrs.frozen
class DeclaredPosition:
    """A position the therapist declared for a partner in a domain."""

    domain: str
    partner: str
    position: Position = attrs.field(converter=_position)


class _Issue(NamedTuple):
    """A broken rule, addressed by the model part it is about."""

    part: str  # "partners", "elements", "links", "concerns", "positions", "domains"
    at: int
    field: str
    message: str
    found: str | None = None
    allowed: tuple[str, ...] = ()
    suggestion: str | None = None


def _check(
    partners: tuple[Partner, ...],
    elements: tuple[Element, ...],
    links: tuple[Link, ...],
    concerns: tuple[Concern, ...],
    positions: tuple[DeclaredPosition, ...],
    domains: tuple[str, ...],
    language: Any,
) -> list[_Issue]:
    """Every broken model rule, in document order."""
    issues: list[_Issue] = []
    partner_ids: list[str] = []
    for i, partner in enumerate(partners):
        if not isinstance(partner.id, str) or not PARTNER_ID_PATTERN.match(partner.id):
            issues.append(
                _Issue(
                    "partners",
                    i,
                    "id",
                    "a partner id must be letters, digits, '_' or '-'",
                    found=str(partner.id),
                )
            )
        if partner.id in partner_ids:
            issues.append(_Issue("partners", i, "id", "duplicate partner id", found=partner.id))
        partner_ids.append(partner.id)
        if partner.pronoun is not None and partner.pronoun not in PRONOUNS:
            issues.append(
                _Issue(
                    "partners",
                    i,
                    "pronoun",
                    "unknown pronoun",
                    found=str(partner.pronoun),
                    allowed=PRONOUNS,
                    suggestion=nearest(str(partner.pronoun), PRONOUNS),
                )
            )
    if str(language) not in {lang.value for lang in Language}:
        issues.append(
            _Issue(
                "language",
                0,
                "",
                "unknown language",
                found=str(language),
                allowed=tuple(lang.value for lang in Language),
                suggestion=nearest(str(language), [lang.value for lang in Language]),
            )
        )

    def check_partner(part: str, index: int, partner: str | None) -> None:
        if partner is not None and partner not in partner_ids:
            issues.append(
                _Issue(
                    part,
                    index,
                    "partner",
                    "unknown partner",
                    found=partner,
                    allowed=tuple(partner_ids),
                    suggestion=nearest(partner, partner_ids),
                )
            )

    seen: set[str] = set()
    for i, element in enumerate(elements):
        if not ID_PATTERN.match(element.id):
            issues.append(
                _Issue(
                    "elements",
                    i,
                    "id",
                    "an element id must be letters, digits, '_', '-' or '.'",
                    found=element.id,
                )
            )
        if element.id in seen:
            issues.append(_Issue("elements", i, "id", "duplicate element id", found=element.id))
        seen.add(element.id)
        if element.partner is None and element.kind is not ElementKind.TRIGGER:
            issues.append(
                _Issue(
                    "elements",
                    i,
                    "partner",
                    f"a {element.kind} needs a partner (only a trigger may belong to nobody)",
                )
            )
        check_partner("elements", i, element.partner)
        if not DOMAIN_PATTERN.match(element.domain):
            issues.append(
                _Issue(
                    "elements",
                    i,
                    "domain",
                    "a domain name must be lower-case letters, digits, '_' or '-'",
                    found=element.domain,
                )
            )
        if element.stance is not None and element.kind is not ElementKind.BEHAVIOR:
            issues.append(
                _Issue(
                    "elements",
                    i,
                    "stance",
                    f"only a behavior has a stance, not a {element.kind}",
                    found=str(element.stance),
                )
            )

    pairs: set[tuple[str, str]] = set()
    ids = sorted(seen)
    for i, link in enumerate(links):
        for field, end in (("from", link.source), ("to", link.target)):
            if end not in seen:
                issues.append(
                    _Issue(
                        "links",
                        i,
                        field,
                        "unknown element",
                        found=end,
                        suggestion=nearest(end, ids),
                    )
                )
        if link.source == link.target:
            issues.append(
                _Issue("links", i, "to", "a link cannot lead an element to itself", found=link.target)
            )
        if (link.source, link.target) in pairs:
            issues.append(
                _Issue(
                    "links",
                    i,
                    "",
                    f"a second link from {link.source!r} to {link.target!r}",
                )
            )
        pairs.add((link.source, link.target))

    for i, concern in enumerate(concerns):
        check_partner("concerns", i, concern.partner)

    element_domains = {e.domain for e in elements}
    for name in sorted(element_domains - set(domains)):
        issues.append(
            _Issue(
                "domains",
                0,
                "",
                "the domain list leaves out a domain that elements use",
                found=name,
            )
        )
    if len(set(domains)) != len(domains):
        issues.append(_Issue("domains", 0, "", "a domain is listed twice"))

    declared: set[tuple[str, str]] = set()
    for i, declaration in enumerate(positions):
        check_partner("positions", i, declaration.partner)
        key = (declaration.domain, declaration.partner)
        if key in declared:
            issues.append(_Issue("positions", i, "", "a second position for the same partner and domain"))
        declared.add(key)
        if declaration.position is Position.UNDETERMINED:
            issues.append(
                _Issue(
                    "positions",
                    i,
                    "position",
                    "a declared position must be pursuer or withdrawer",
                    found=str(declaration.position),
                    allowed=("pursuer", "withdrawer"),
                )
            )
            continue
        if declaration.domain not in domains:
            issues.append(
                _Issue(
                    "positions",
                    i,
                    "domain",
                    "unknown domain",
                    found=declaration.domain,
                    allowed=domains,
                    suggestion=nearest(declaration.domain, domains),
                )
            )
        for j, element in enumerate(elements):
            if (
                element.partner == declaration.partner
                and element.domain == declaration.domain
                and element.stance in (Stance.PURSUE, Stance.WITHDRAW)
                and element.stance is not declaration.position.stance
            ):
                issues.append(
                    _Issue(
                        "elements",
                        j,
                        "stance",
                        f"stance {element.stance} contradicts {declaration.partner}'s declared "
                        f"position {declaration.position} in {declaration.domain}",
                        found=str(element.stance),
                        allowed=(str(declaration.position.stance),),
                    )
                )
    return issues


def _issue_to_problem(issue: _Issue) -> Problem:
    if issue.part == "language":
        path = "language"
    elif issue.part == "domains":
        path = "domains"
    else:
        path = f"{issue.part}[{issue.at}]" + (f".{issue.field}" if issue.field else "")
    return Problem(
        path=path,
        message=issue.message,
        found=issue.found,
        allowed=issue.allowed,
        suggestion=issue.suggestion,
    )


def _derive_domains(elements: Iterable[Element], positions: Iterable[DeclaredPosition]) -> tuple[str, ...]:
    order: dict[str, None] = {}
    for element in elements:
        order.setdefault(element.domain, None)
    for declaration in positions:
        order.setdefault(declaration.domain, None)
    return tuple(order)


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(value)


@attrs.frozen(eq=True)
class Case:
    """A couple's (or family's) case formulation: partners, elements, links, concerns.

    Collections are tuples in a canonical order (elements by domain, partner,
    layer and id; links by their ends), so two cases with the same content are
    equal however they were built. The rules of DESIGN §2 are checked on
    construction; a `eftgraph.CaseError` lists every broken rule.

    Examples
    --------
    >>> case = Case(
    ...     id="demo",
    ...     partners=[Partner("a", "Ann"), Partner("b", "Bo")],
    ...     elements=[
    ...         Element("a1", "behavior", "criticises", partner="a", stance="pursue"),
    ...         Element("b1", "behavior", "goes quiet", partner="b", stance="withdraw"),
    ...     ],
    ...     links=[Link("a1", "b1"), Link("b1", "a1")],
    ... )
    >>> case.domains
    ('everyday',)
    >>> Case(id="bad", partners=[], elements=[Element("x", "need", "to be seen", partner="c")])
    Traceback (most recent call last):
    ...
    eftgraph.errors.CaseError: elements[0].partner: unknown partner
    """

    id: str
    partners: tuple[Partner, ...] = attrs.field(converter=_tuple)
    elements: tuple[Element, ...] = attrs.field(default=(), converter=_tuple)
    links: tuple[Link, ...] = attrs.field(default=(), converter=_tuple)
    concerns: tuple[Concern, ...] = attrs.field(default=(), converter=_tuple)
    positions: tuple[DeclaredPosition, ...] = attrs.field(default=(), converter=_tuple)
    """Positions the therapist declared (from sheets or the ``positions`` key)."""
    domains: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    """Domain names in order; derived from the elements when not given."""
    title: str | None = None
    language: Language = attrs.field(default=Language.EN, converter=_language)
    _index: Mapping[str, Element] = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        domains = self.domains or _derive_domains(self.elements, self.positions)
        issues = _check(
            self.partners,
            self.elements,
            self.links,
            self.concerns,
            self.positions,
            domains,
            self.language,
        )
        if issues:
            raise CaseError(_issue_to_problem(issue) for issue in issues)
        domain_rank = {name: i for i, name in enumerate(domains)}
        partner_rank = {p.id: i for i, p in enumerate(self.partners)}

        def element_key(e: Element) -> tuple[int, int, int, str]:
            rank = -1 if e.partner is None else partner_rank[e.partner]
            return (domain_rank[e.domain], rank, e.kind.layer, e.id)

        elements = tuple(sorted(self.elements, key=element_key))
        element_rank = {e.id: i for i, e in enumerate(elements)}
        links = tuple(
            sorted(self.links, key=lambda link: (element_rank[link.source], element_rank[link.target]))
        )
        positions = tuple(
            sorted(self.positions, key=lambda d: (domain_rank[d.domain], partner_rank[d.partner]))
        )
        object.__setattr__(self, "domains", domains)
        object.__setattr__(self, "elements", elements)
        object.__setattr__(self, "links", links)
        object.__setattr__(self, "positions", positions)
        object.__setattr__(self, "_index", {e.id: e for e in elements})

    @classmethod
    def from_sheets(
        cls,
        *,
        id: str,
        partners: Iterable[Partner],
        sheets: Iterable[Any],
        elements: Iterable[Element] = (),
        links: Iterable[Link] = (),
        **options: Any,
    ) -> Case:
        """Build a case from cycle sheets (with the standard wiring) plus general elements.

        *sheets* are `eftgraph.Sheet` objects; *links* between the same
        two elements as a standard link replace it (their sign and label win).

        Examples
        --------
        >>> from eftgraph import Sheet
        >>> case = Case.from_sheets(
        ...     id="demo",
        ...     partners=[Partner("a", "Ann"), Partner("b", "Bo")],
        ...     sheets=[
        ...         Sheet("everyday", "a", position="pursuer", behavior="criticises", primary="hurt"),
        ...         Sheet("everyday", "b", position="withdrawer", behavior="goes quiet"),
        ...     ],
        ... )
        >>> [(link.source, link.target) for link in case.links]
        [('everyday.a.behavior', 'everyday.b.behavior'), ('everyday.a.primary', 'everyday.a.behavior'), ('everyday.b.behavior', 'everyday.a.primary')]
        """
        from eftgraph._sheets import expand

        sheet_list = list(sheets)
        sheet_elements, sheet_links, declared = expand(sheet_list)
        explicit = list(links)
        replaced = {(link.source, link.target) for link in explicit}
        all_links = [link for link in sheet_links if (link.source, link.target) not in replaced]
        return cls(
            id=id,
            partners=partners,
            elements=[*sheet_elements, *elements],
            links=[*all_links, *explicit],
            positions=[*declared, *options.pop("positions", ())],
            **options,
        )

    def element(self, element_id: str) -> Element:
        """The element with id *element_id* (``KeyError`` when there is none)."""
        return self._index[element_id]

    def partner(self, partner_id: str) -> Partner:
        """The partner with id *partner_id* (``KeyError`` when there is none)."""
        for partner in self.partners:
            if partner.id == partner_id:
                return partner
        raise KeyError(partner_id)

    def elements_in(self, domain: str) -> Iterator[Element]:
        """The elements of one domain, in canonical order."""
        return (e for e in self.elements if e.domain == domain)

    def declared_position(self, domain: str, partner: str) -> Position | None:
        """The position declared for *partner* in *domain*, or ``None``."""
        for declaration in self.positions:
            if declaration.domain == domain and declaration.partner == partner:
                return declaration.position
        return None

    def to_networkx(self) -> nx.DiGraph[str]:
        """The case as a directed graph.

        Nodes are element ids with attributes ``partner, domain, kind, stance,
        label``; edges carry ``sign, relation`` (and ``label`` when the link has
        one). Attribute values are plain strings (``None`` when absent).

        Examples
        --------
        >>> from eftgraph import load
        >>> graph = load("examples/janine-mathijs.en.yaml").to_networkx()
        >>> graph.nodes["everyday.janine.behavior"]["kind"]
        'behavior'
        >>> graph.edges["everyday.janine.behavior", "everyday.mathijs.perception"]["relation"]
        'perceived_as'
        """
        from eftgraph._graph import to_networkx

        return to_networkx(self)

    def _repr_mimebundle_(
        self, include: Iterable[str] | None = None, exclude: Iterable[str] | None = None, **_: Any
    ) -> dict[str, bytes | str]:
        """Show the case in Jupyter as its cycle figure (SVG; the DOT text when no renderer is installed)."""
        from eftgraph.figures._figure import case_mimebundle

        return case_mimebundle(self, include=include, exclude=exclude)
