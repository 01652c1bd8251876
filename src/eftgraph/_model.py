"""The case model: a `Case` of partners, elements, links, concerns and declared positions.

The words (enums, id patterns) live in `eftgraph._vocabulary`, the records in
`eftgraph._records`, the rules in `eftgraph._rules` and the cycle-sheet shorthand in
`eftgraph._sheets`; this module puts them together and keeps their names importable from
one place.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from eftgraph._display import mimebundle
from eftgraph._records import Concern, DeclaredPosition, Element, Link, Partner
from eftgraph._rules import Issue, check, derive_domains, problem
from eftgraph._sessions import Session, check_sessions
from eftgraph._sheets import expand
from eftgraph._vocabulary import (
    DOMAIN_PATTERN,
    ID_PATTERN,
    PARTNER_ID_PATTERN,
    PRONOUNS,
    STANDARD_DOMAINS,
    Advice,
    ConcernKind,
    ElementKind,
    Language,
    Position,
    Relation,
    Sign,
    Stance,
    to_language,
)
from eftgraph._vocabulary import _StrEnum as _StrEnum
from eftgraph.errors import CaseError

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "DOMAIN_PATTERN",
    "ID_PATTERN",
    "PARTNER_ID_PATTERN",
    "PRONOUNS",
    "STANDARD_DOMAINS",
    "Advice",
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

# The file loader checks the same rules and asks for them here.
_check = check
_Issue = Issue


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
    declared_positions: tuple[DeclaredPosition, ...] = attrs.field(default=(), converter=_tuple)
    """Positions the therapist declared (from sheets or the ``positions`` key)."""
    domains: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    """Domain names in order; derived from the elements when not given."""
    title: str | None = None
    language: Language = attrs.field(default=Language.EN, converter=to_language)
    sessions: tuple[Session, ...] = attrs.field(default=(), converter=_tuple, kw_only=True)
    """The course of the therapy, one `Session` per session, in order (docs: Therapy over time)."""
    _index: Mapping[str, Element] = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        domains = self.domains or derive_domains(self.elements, self.declared_positions)
        issues = check(
            self.partners,
            self.elements,
            self.links,
            self.concerns,
            self.declared_positions,
            domains,
            self.language,
        )
        session_problems = check_sessions(
            self.sessions, partners=[p.id for p in self.partners], domains=domains
        )
        if issues or session_problems:
            from eftgraph._catalog import error_language

            told = error_language(self.language.value)
            raise CaseError([*(problem(issue) for issue in issues), *session_problems], language=told)
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
            sorted(self.declared_positions, key=lambda d: (domain_rank[d.domain], partner_rank[d.partner]))
        )
        object.__setattr__(self, "domains", domains)
        object.__setattr__(self, "elements", elements)
        object.__setattr__(self, "links", links)
        object.__setattr__(self, "declared_positions", positions)
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
            declared_positions=[*declared, *options.pop("declared_positions", ())],
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
        for declaration in self.declared_positions:
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
        from eftgraph._graph import to_networkx  # networkx is imported on first use

        return to_networkx(self)

    def _repr_mimebundle_(
        self, include: Iterable[str] | None = None, exclude: Iterable[str] | None = None, **_: Any
    ) -> dict[str, Any]:
        """Show the case in Jupyter as its cycle figure (SVG; the DOT text when no renderer is installed).

        The figures package registers the drawing with `eftgraph._display`; the model does not
        import the figures.
        """
        return mimebundle(self, include, exclude)
