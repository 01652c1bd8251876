"""Loops: the simple cycles of a case graph, with their polarity, positions and pattern.

A *loop* is a simple cycle of the case graph: a path of links that comes back
to where it started without visiting an element twice. The EFT negative cycle
is the loop that runs through both partners' columns; a case usually has a few
more (a shortcut link, a cycle inside one partner, a cycle that crosses domains).

>>> from eftgraph import load
>>> case = load("examples/janine-mathijs.en.yaml")
>>> [(loop.domains, str(loop.pattern)) for loop in loops(case)]
[(('everyday',), 'pursue-withdraw'), (('sexual',), 'pursue-withdraw')]
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from eftgraph._catalog import Labelled
from eftgraph._loops_index import PURSUE, SECURE, WITHDRAW, Index, gc_paused, prepared
from eftgraph._model import ElementKind, Position, Stance, _StrEnum
from eftgraph._suggest import unknown
from eftgraph.errors import LoopLimitError, OptionError, UnknownDomainError

if TYPE_CHECKING:
    from eftgraph._model import Case

__all__ = ["Loop", "Pattern", "Polarity", "check_domain", "loop_record", "loops"]


class _Named(Labelled, _StrEnum):
    """A str enum named in the message catalogs, with its English and Dutch names at hand."""

    @property
    def english(self) -> str:
        """The English name (``Protest Polka``, …)."""
        return self.label("en")

    @property
    def dutch(self) -> str:
        """The Dutch name (``protestpolka``, …)."""
        return self.label("nl")


class Polarity(_Named, catalog="polarity"):
    """Whether a loop amplifies itself (``reinforcing``) or damps itself (``balancing``).

    A loop is reinforcing when the product of its link signs is positive (an
    even number of ``-`` links), else balancing.

    >>> Polarity.REINFORCING.dutch
    'versterkend'
    """

    REINFORCING = "reinforcing"
    BALANCING = "balancing"


class Pattern(_Named, catalog="pattern"):
    """The pattern of an interactional loop (Johnson's "demon dialogues", DESIGN §1).

    Taken from the stances of the behaviours on the loop: at least one pursue
    and one withdraw → ``pursue-withdraw``; all pursue → ``attack-attack``;
    all withdraw → ``withdraw-withdraw``; all reach or respond → ``secure``;
    anything else, or no behaviour at all → ``mixed``.

    >>> Pattern.PURSUE_WITHDRAW.english, Pattern.PURSUE_WITHDRAW.dutch
    ('Protest Polka', 'protestpolka')
    >>> Pattern("attack-attack").label("nl")
    'zoek de boef'
    """

    PURSUE_WITHDRAW = "pursue-withdraw"
    ATTACK_ATTACK = "attack-attack"
    WITHDRAW_WITHDRAW = "withdraw-withdraw"
    SECURE = "secure"
    MIXED = "mixed"


@attrs.frozen
class Loop:
    """One simple cycle of a case graph.

    Elements are id strings in the order the links run, starting from the
    loop's first element in the case's canonical order (domain, partner, layer,
    id), so the same loop always reads the same.

    >>> from eftgraph import load
    >>> loop = loops(load("examples/janine-mathijs.en.yaml"), domain="everyday")[0]
    >>> loop.elements[:3]
    ('everyday.janine.behavior', 'everyday.mathijs.perception', 'everyday.mathijs.fear')
    >>> loop.partners, loop.interactional, loop.polarity, loop.pattern
    (('janine', 'mathijs'), True, <Polarity.REINFORCING: 'reinforcing'>, <Pattern.PURSUE_WITHDRAW: 'pursue-withdraw'>)
    >>> dict(loop.positions)
    {'janine': <Position.PURSUER: 'pursuer'>, 'mathijs': <Position.WITHDRAWER: 'withdrawer'>}
    """

    elements: tuple[str, ...]
    """Element ids in link order, from the canonical first element."""
    partners: tuple[str, ...]
    """The partners whose elements lie on the loop, in the case's partner order."""
    domains: tuple[str, ...]
    """The domains the loop passes through, in the case's domain order."""
    polarity: Polarity
    pattern: Pattern | None
    """The pattern of an interactional loop; ``None`` for a loop inside one partner."""
    case: Case = attrs.field(eq=False, repr=False, kw_only=True)
    """The case the loop was found in (for names and labels)."""

    @property
    def interactional(self) -> bool:
        """True when the loop passes through two or more partners."""
        return len(self.partners) >= 2

    @property
    def negative(self) -> bool:
        """True for a negative cycle: interactional, reinforcing, and not secure."""
        return (
            len(self.partners) >= 2
            and self.polarity is Polarity.REINFORCING
            and self.pattern is not Pattern.SECURE
        )

    @property
    def links(self) -> tuple[tuple[str, str], ...]:
        """The loop's links as ``(source, target)`` pairs, closing back to the start."""
        elements = self.elements
        return tuple(zip(elements, elements[1:] + elements[:1], strict=True))

    @property
    def stances(self) -> dict[str, Stance | None]:
        """Each partner's stance on the loop: the stance of their behaviours on it.

        ``None`` when the partner has no behaviour with a stance on the loop,
        or behaviours with different stances.
        """
        found: dict[str, set[Stance | None]] = {partner: set() for partner in self.partners}
        for element_id in self.elements:
            element = self.case.element(element_id)
            if element.kind is ElementKind.BEHAVIOR and element.partner is not None:
                found[element.partner].add(element.stance)
        return {partner: next(iter(s)) if len(s) == 1 else None for partner, s in found.items()}

    @property
    def positions(self) -> dict[str, Position]:
        """Each partner's position on the loop, from their stance on it.

        ``pursue`` → pursuer, ``withdraw`` → withdrawer; anything else
        (no behaviour on the loop, a secure move, mixed stances) → undetermined.
        """
        return _positions(self.stances)


_BY_STANCE: dict[Stance | None, Position] = {
    Stance.PURSUE: Position.PURSUER,
    Stance.WITHDRAW: Position.WITHDRAWER,
}


def _positions(stances: dict[str, Stance | None]) -> dict[str, Position]:
    """Each partner's position from their stance on a loop."""
    return {partner: _BY_STANCE.get(stance, Position.UNDETERMINED) for partner, stance in stances.items()}


def loop_record(loop: Loop) -> dict[str, Any]:
    """*loop* as plain data: strings, numbers, booleans, lists and dicts, the same keys in the same order.

    The one place a loop becomes a record: the research table and the ``loops``
    command's JSON take theirs from here.

    Examples
    --------
    >>> from eftgraph import load
    >>> record = loop_record(loops(load("examples/janine-mathijs.en.yaml"))[1])
    >>> list(record)
    ['elements', 'partners', 'domains', 'length', 'interactional', 'polarity', 'pattern', 'negative', 'stances', 'positions']
    >>> record["domains"], record["pattern"], record["stances"], record["positions"]
    (['sexual'], 'pursue-withdraw', {'janine': 'withdraw', 'mathijs': 'pursue'}, {'janine': 'withdrawer', 'mathijs': 'pursuer'})
    """
    stances = loop.stances  # computed once, for the stances and the positions
    return {
        "elements": list(loop.elements),
        "partners": list(loop.partners),
        "domains": list(loop.domains),
        "length": len(loop.elements),
        "interactional": loop.interactional,
        "polarity": loop.polarity.value,
        "pattern": None if loop.pattern is None else loop.pattern.value,
        "negative": loop.negative,
        "stances": {p: None if s is None else s.value for p, s in stances.items()},
        "positions": {p: position.value for p, position in _positions(stances).items()},
    }


def check_domain(case: Case, domain: str) -> str:
    """*domain* if the case has it; else an [`UnknownDomainError`][eftgraph.UnknownDomainError] listing its domains.

    >>> from eftgraph import load
    >>> check_domain(load("examples/janine-mathijs.en.yaml"), "sexueel")
    Traceback (most recent call last):
    ...
    eftgraph.errors.UnknownDomainError: case 'janine-mathijs': unknown domain 'sexueel' (allowed: everyday, sexual); did you mean 'sexual'?
    """
    if domain not in case.domains:
        raise UnknownDomainError(f"case {case.id!r}: " + unknown("domain", domain, case.domains))
    return domain


def _check_count(name: str, value: int | None) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        raise OptionError(f"{name} must be a whole number ≥ 0 or None (got {value!r})")


def loops(
    case: Case, *, domain: str | None = None, max_length: int | None = None, limit: int | None = 10_000
) -> list[Loop]:
    """Every simple cycle of the case graph, most important first.

    Parameters
    ----------
    case
        The case.
    domain
        Keep only the loops that lie wholly in this domain.
    max_length
        Keep only the loops of at most this many elements (a much faster search
        on large cases).
    limit
        Stop with a [`LoopLimitError`][eftgraph.LoopLimitError] as soon as more loops than
        this are found (``None``: no limit). The number of loops can grow
        exponentially with the number of links; the error says how to narrow
        the search.

    Returns
    -------
    list of Loop
        Interactional reinforcing loops first, then by the domain order of the
        case (a loop crossing domains after the single-domain loops of its first
        domain), then loops that are not secure before secure ones, longer loops
        before shorter ones, and finally by their elements in canonical order.

    Examples
    --------
    >>> from eftgraph import load
    >>> case = load("examples/janine-mathijs.en.yaml")
    >>> for loop in loops(case):
    ...     print(loop.domains, len(loop.elements), loop.pattern, {p: str(x) for p, x in loop.positions.items()})
    ('everyday',) 10 pursue-withdraw {'janine': 'pursuer', 'mathijs': 'withdrawer'}
    ('sexual',) 8 pursue-withdraw {'janine': 'withdrawer', 'mathijs': 'pursuer'}
    >>> loops(case, max_length=8)[0].domains
    ('sexual',)
    >>> loops(case, limit=1)
    Traceback (most recent call last):
    ...
    eftgraph.errors.LoopLimitError: case 'janine-mathijs' has more than 1 loop: the search stopped at loop 2. Narrow it to one domain (domain=..., --domain; domains: everyday, sexual) or to short loops (max_length=..., --max-length), or raise the limit (limit=..., --limit).
    """
    _check_count("max_length", max_length)
    _check_count("limit", limit)
    if domain is not None:
        check_domain(case, domain)
    index = prepared(case, domain)
    with gc_paused():
        groups = _grouped(case, index, index.graph.cycles(max_length), limit)
        return _made(case, index, groups)


def _pattern(stances: int) -> Pattern:
    """The pattern of a loop from the stance fields present on it (a bit per field)."""
    if stances & PURSUE and stances & WITHDRAW:
        return Pattern.PURSUE_WITHDRAW
    if stances == PURSUE:
        return Pattern.ATTACK_ATTACK
    if stances == WITHDRAW:
        return Pattern.WITHDRAW_WITHDRAW
    if stances == SECURE:
        return Pattern.SECURE
    return Pattern.MIXED


_Profile = tuple[tuple[str, ...], tuple[str, ...], Polarity, Pattern | None]
"""What loops with one code sum share: partners, domains, polarity, pattern."""
_Bucket = list[tuple[tuple[int, ...], _Profile]]
_Group = tuple[int, tuple[int, ...], bool, int]
"""The sort key of a bucket: not interactional-reinforcing, domain ranks, secure, minus the length."""


def _grouped(
    case: Case, index: Index, search: Iterable[tuple[int, ...]], limit: int | None
) -> dict[_Group, _Bucket]:
    """Every cycle of *search* with its profile, in one bucket per sort group.

    The search yields the cycles in lexicographic order of their elements' ranks (see
    eftgraph._cycles). Cycles go into one bucket per sort group (length included) in that
    order, so that order is the final tie-break at no cost. Per cycle the work is kept
    small: one sum over the block codes, one dict look-up, one append.
    """
    width, fields, negative = index.width, index.fields, index.negative
    code_of = index.code.__getitem__
    field = (1 << width) - 1
    lowest = sum(1 << (width * i) for i in range(fields - 2))  # the lowest bit of each presence field
    n_partners, n_domains = len(case.partners), len(case.domains)
    bucket_of: dict[int, tuple[_Bucket, _Profile]] = {}
    by_presence: dict[tuple[int, int, int], tuple[_Bucket, _Profile]] = {}
    groups: dict[_Group, _Bucket] = {}

    def new_bucket(key: int) -> tuple[_Bucket, _Profile]:
        """The bucket and profile of the cycles whose summed codes make *key* (bit 0: odd crossings)."""
        total = key >> 1
        smeared = total
        for shift in range(1, width):
            smeared |= total >> shift
        presence = smeared & lowest  # a field's lowest bit set when its count is not 0
        odd = ((total >> (width * (fields - 2))) + key) & 1
        length = total >> (width * (fields - 1)) & field
        entry = by_presence.get((presence, odd, length))
        if entry is None:
            present = []  # the fields whose count is not 0, by the set bits alone (few of many fields)
            rest = presence
            while rest:
                low = rest & -rest
                present.append((low.bit_length() - 1) // width)
                rest ^= low
            partners = tuple(case.partners[i].id for i in present if i < n_partners)
            ranks = tuple(i - n_partners for i in present if n_partners <= i < n_partners + n_domains)
            stances = sum(1 << (i - n_partners - n_domains) for i in present if i >= n_partners + n_domains)
            pattern = _pattern(stances) if len(partners) >= 2 else None
            polarity = Polarity.BALANCING if odd else Polarity.REINFORCING
            profile = (partners, tuple(case.domains[i] for i in ranks), polarity, pattern)
            group = (0 if len(partners) >= 2 and not odd else 1, ranks, pattern is Pattern.SECURE, -length)
            entry = by_presence[presence, odd, length] = (groups.setdefault(group, []), profile)
        bucket_of[key] = entry
        return entry

    most = sys.maxsize if limit is None else limit
    for count, cycle in enumerate(search, 1):
        if count > most:
            raise _limit_error(case, most)
        key = sum(map(code_of, cycle)) << 1
        if negative and sum(pair in negative for pair in zip(cycle, cycle[1:] + cycle[:1], strict=True)) & 1:
            key |= 1
        entry = bucket_of.get(key)
        if entry is None:
            entry = new_bucket(key)
        entry[0].append((cycle, entry[1]))
    return groups


def _made(case: Case, index: Index, groups: dict[_Group, _Bucket]) -> list[Loop]:
    """The loops of *groups*, group by group in sort order."""
    loops: list[Loop] = []
    append = loops.append
    new = object.__new__
    set_elements, set_partners, set_domains, set_polarity, set_pattern, set_case = _SETTERS
    elements_of = index.graph.elements
    for group in sorted(groups):
        for cycle, (partners, domains, polarity, pattern) in groups[group]:
            # Loop(...) without the generic attrs __init__: the same slots, set directly (faster).
            loop = new(Loop)
            set_elements(loop, elements_of(cycle))
            set_partners(loop, partners)
            set_domains(loop, domains)
            set_polarity(loop, polarity)
            set_pattern(loop, pattern)
            set_case(loop, case)
            append(loop)
    return loops


_SETTERS = tuple(getattr(Loop, field.name).__set__ for field in attrs.fields(Loop))
"""Slot setters of [`Loop`][eftgraph.Loop], in field order (elements, partners, domains, polarity, pattern, case)."""
assert tuple(f.name for f in attrs.fields(Loop)) == (
    "elements",
    "partners",
    "domains",
    "polarity",
    "pattern",
    "case",
)


def _limit_error(case: Case, limit: int) -> LoopLimitError:
    return LoopLimitError(
        f"case {case.id!r} has more than {limit:,} loop{'' if limit == 1 else 's'}: the search stopped "
        f"at loop {limit + 1:,}. Narrow it to one domain (domain=..., --domain; domains: "
        f"{', '.join(case.domains)}) or to short loops (max_length=..., --max-length), "
        "or raise the limit (limit=..., --limit)."
    )
