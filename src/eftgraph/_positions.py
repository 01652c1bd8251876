"""Positions: who pursues and who withdraws in a domain, declared or inferred, with the reason.

>>> from eftgraph import load
>>> case = load("examples/janine-mathijs.en.yaml")
>>> positions(case, "sexual")
Positions('sexual', {'janine': 'withdrawer', 'mathijs': 'pursuer'})
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from eftgraph._loops import check_domain
from eftgraph._model import ElementKind, Position, Stance, _StrEnum

if TYPE_CHECKING:
    from eftgraph._model import Case

__all__ = ["PositionReason", "Positions", "positions"]


class PositionReason(_StrEnum):
    """Why a partner has the position [`positions`][eftgraph.positions] gives.

    ``declared`` and ``inferred`` come with ``pursuer`` or ``withdrawer``; the
    other three explain an ``undetermined`` position.
    """

    DECLARED = "declared"
    """The therapist declared the position (a sheet's ``position``, or the ``positions`` key)."""
    INFERRED = "inferred"
    """Inferred from the stances of the partner's behaviours in the domain, which all agree."""
    NO_BEHAVIOR = "no-behavior"
    """Undetermined: the partner has no behaviour in the domain."""
    NO_STANCE = "no-stance"
    """Undetermined: the partner's behaviours have no pursue or withdraw stance (none, or secure moves)."""
    SPLIT = "split"
    """Undetermined: some behaviours pursue and others withdraw."""


class Positions(Mapping[str, Position]):
    """Each partner's position in one domain: a read-only ``{partner_id: Position}`` mapping.

    Besides the positions it keeps *why*: `reasons` gives a
    [`PositionReason`][eftgraph.PositionReason] for every partner, and `evidence` the ids of
    the behaviours the inference looked at. It compares equal to a plain dict
    with the same items.

    >>> from eftgraph import load
    >>> found = positions(load("examples/janine-mathijs.en.yaml"), "everyday")
    >>> found == {"janine": "pursuer", "mathijs": "withdrawer"}
    True
    >>> found.reasons["mathijs"], found.evidence["mathijs"]
    (<PositionReason.DECLARED: 'declared'>, ('everyday.mathijs.behavior', 'laptop-evening'))
    """

    __slots__ = ("_positions", "domain", "evidence", "reasons")

    def __init__(
        self,
        domain: str,
        positions: Mapping[str, Position],
        reasons: Mapping[str, PositionReason],
        evidence: Mapping[str, tuple[str, ...]],
    ) -> None:
        self.domain = domain
        """The domain the positions hold in."""
        self._positions = dict(positions)
        self.reasons: Mapping[str, PositionReason] = dict(reasons)
        """Why each partner has their position."""
        self.evidence: Mapping[str, tuple[str, ...]] = dict(evidence)
        """The ids of each partner's behaviours in the domain (what an inference rests on)."""

    def __getitem__(self, partner: str) -> Position:
        return self._positions[partner]

    def __iter__(self) -> Iterator[str]:
        return iter(self._positions)

    def __len__(self) -> int:
        return len(self._positions)

    def __repr__(self) -> str:
        items = ", ".join(f"{partner!r}: {str(position)!r}" for partner, position in self._positions.items())
        return f"Positions({self.domain!r}, {{{items}}})"

    def undetermined(self) -> dict[str, PositionReason]:
        """The partners whose position is undetermined, with the reason.

        >>> from eftgraph import Case, Element, Partner
        >>> case = Case(id="x", partners=[Partner("a", "Ann"), Partner("b", "Bo")],
        ...             elements=[Element("a1", "behavior", "sighs", partner="a")])
        >>> positions(case, "everyday").undetermined()
        {'a': <PositionReason.NO_STANCE: 'no-stance'>, 'b': <PositionReason.NO_BEHAVIOR: 'no-behavior'>}
        """
        return {
            partner: self.reasons[partner]
            for partner, position in self._positions.items()
            if position is Position.UNDETERMINED
        }


def positions(case: Case, domain: str) -> Positions:
    """Each partner's position in *domain*: declared, else inferred, else undetermined with a reason.

    A declared position wins. Otherwise the stances of the partner's behaviours
    in the domain decide: all that have a protective stance pursue → pursuer,
    all withdraw → withdrawer. When there is no such behaviour, or some pursue
    and others withdraw, the position is ``undetermined`` and
    `Positions.reasons` says why: eftgraph never guesses.

    Every partner of the case is in the result, in the case's order (a partner
    with no part in the domain is undetermined, ``no-behavior``).

    Parameters
    ----------
    case
        The case.
    domain
        One of ``case.domains``; another name raises
        [`UnknownDomainError`][eftgraph.UnknownDomainError], which lists them.

    Examples
    --------
    >>> from eftgraph import Case, Element, Partner
    >>> case = Case(
    ...     id="x",
    ...     partners=[Partner("a", "Ann"), Partner("b", "Bo")],
    ...     elements=[
    ...         Element("a1", "behavior", "criticises", partner="a", stance="pursue"),
    ...         Element("b1", "behavior", "goes quiet", partner="b", stance="withdraw"),
    ...         Element("b2", "behavior", "demands an answer", partner="b", stance="pursue"),
    ...     ],
    ... )
    >>> found = positions(case, "everyday")
    >>> found
    Positions('everyday', {'a': 'pursuer', 'b': 'undetermined'})
    >>> found.reasons["b"], found.evidence["b"]
    (<PositionReason.SPLIT: 'split'>, ('b1', 'b2'))
    >>> positions(case, "sexual")
    Traceback (most recent call last):
    ...
    eftgraph.errors.UnknownDomainError: case 'x': unknown domain 'sexual' (allowed: everyday)
    """
    check_domain(case, domain)
    behaviours: dict[str, list[tuple[str, Stance | None]]] = {p.id: [] for p in case.partners}
    for element in case.elements_in(domain):
        if element.kind is ElementKind.BEHAVIOR and element.partner is not None:
            behaviours[element.partner].append((element.id, element.stance))
    found: dict[str, Position] = {}
    reasons: dict[str, PositionReason] = {}
    evidence: dict[str, tuple[str, ...]] = {}
    for partner, moves in behaviours.items():
        evidence[partner] = tuple(element_id for element_id, _ in moves)
        declared = case.declared_position(domain, partner)
        stances = {stance for _, stance in moves} & {Stance.PURSUE, Stance.WITHDRAW}
        if declared is not None:
            found[partner], reasons[partner] = declared, PositionReason.DECLARED
        elif not moves:
            found[partner], reasons[partner] = Position.UNDETERMINED, PositionReason.NO_BEHAVIOR
        elif not stances:
            found[partner], reasons[partner] = Position.UNDETERMINED, PositionReason.NO_STANCE
        elif len(stances) > 1:
            found[partner], reasons[partner] = Position.UNDETERMINED, PositionReason.SPLIT
        else:
            stance = stances.pop()
            found[partner] = Position.PURSUER if stance is Stance.PURSUE else Position.WITHDRAWER
            reasons[partner] = PositionReason.INFERRED
    return Positions(domain, found, reasons, evidence)
