"""Comparing two domains: positions in each, reversals, and the bridges between them.

>>> from eftgraph import load
>>> comparison = domain_comparison(load("examples/janine-mathijs.en.yaml"))
>>> comparison.kind, comparison.reversals
(<ReversalKind.MIRRORED: 'mirrored'>, ('janine', 'mathijs'))
>>> [(b.source, b.target) for b in comparison.links]
[('laptop-evening', 'sexual.janine.perception')]
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping
from typing import TYPE_CHECKING

import attrs

from eftgraph._catalog import Labelled, catalog
from eftgraph._loops import check_domain
from eftgraph._model import ElementKind, Position, _StrEnum
from eftgraph._positions import PositionReason, Positions, positions
from eftgraph.errors import OptionError

if TYPE_CHECKING:
    from eftgraph._model import Case, Element

__all__ = ["Bridge", "BridgeKind", "DomainComparison", "ReversalKind", "domain_comparison"]


class ReversalKind(Labelled, _StrEnum, catalog="reversal"):
    """How the partners' positions relate between two domains.

    `label` names the kind in a language (``mirrored reversal``, ``gespiegelde omkering``, …).

    Only partners who take part in both domains count (a partner with no
    behaviour and no declared position in a domain is left out).
    """

    MIRRORED = "mirrored"
    """Every partner switches between pursuer and withdrawer (a mirrored reversal)."""
    PARTIAL = "partial"
    """Some partners switch position, others keep theirs."""
    SAME = "more-of-the-same"
    """Nobody switches: the second cycle is more of the same."""
    UNDETERMINED = "undetermined"
    """A partner's position is undetermined in one of the domains, or fewer than two partners take part in both."""


class BridgeKind(_StrEnum):
    """What connects two domains."""

    LINK = "link"
    """A link from an element of one domain to an element of the other."""
    RECURRING = "recurring"
    """Elements of the same partner and kind in both domains whose labels share a meaning word."""


@attrs.frozen
class Bridge:
    """A connection between two domains.

    For a ``link`` bridge *source* and *target* are the link's ends (either
    direction). For a ``recurring`` bridge *source* is the element in the
    first domain, *target* the element in the second, and *words* the words
    their labels share.
    """

    kind: BridgeKind
    source: str
    target: str
    partner: str | None = None
    """The partner of the recurring elements, or of the link's source."""
    words: tuple[str, ...] = ()
    """For a recurring bridge: the shared words (as written in the first domain's label)."""
    label: str | None = None
    """For a link bridge: the link's own label, if it has one."""


@attrs.frozen
class DomainComparison:
    """Two domains side by side: positions, reversals, what connects them.

    Build it with [`domain_comparison`][eftgraph.domain_comparison].
    """

    a: str
    """The first domain."""
    b: str
    """The second domain."""
    positions: Mapping[str, Positions] = attrs.field(eq=False)
    """``{domain: Positions}`` for *a* and *b*, in that order."""
    reversals: tuple[str, ...]
    """The partners whose position flips between pursuer and withdrawer, in the case's order."""
    kind: ReversalKind
    undetermined: tuple[str, ...]
    """Partners taking part in both domains whose position is undetermined in either."""
    bridges: tuple[Bridge, ...]
    """Links across the domains first (in the case's link order), then recurring elements."""
    case: Case = attrs.field(eq=False, repr=False, kw_only=True)
    """The case compared (for names and labels)."""

    @property
    def links(self) -> tuple[Bridge, ...]:
        """The bridges that are links crossing between the domains."""
        return tuple(b for b in self.bridges if b.kind is BridgeKind.LINK)

    @property
    def shared(self) -> tuple[Bridge, ...]:
        """The bridges that are recurring elements (same partner and kind, a shared meaning word)."""
        return tuple(b for b in self.bridges if b.kind is BridgeKind.RECURRING)

    def position_pairs(self) -> dict[str, tuple[Position, Position]]:
        """Each partner's ``(position in a, position in b)``.

        >>> from eftgraph import load
        >>> domain_comparison(load("examples/janine-mathijs.en.yaml")).position_pairs()["janine"]
        (<Position.PURSUER: 'pursuer'>, <Position.WITHDRAWER: 'withdrawer'>)
        """
        first, second = self.positions[self.a], self.positions[self.b]
        return {partner: (first[partner], second[partner]) for partner in first}


_FLIP = {Position.PURSUER: Position.WITHDRAWER, Position.WITHDRAWER: Position.PURSUER}


def domain_comparison(case: Case, a: str = "everyday", b: str = "sexual") -> DomainComparison:
    """Compare the cycles of two domains of a case.

    Parameters
    ----------
    case
        The case.
    a, b
        Two different domains of the case. A domain the case lacks raises
        [`UnknownDomainError`][eftgraph.UnknownDomainError], listing the domains it has.

    Returns
    -------
    DomainComparison
        Each partner's position in each domain ([`positions`][eftgraph.positions]); the partners
        whose position reverses (pursuer ↔ withdrawer); the overall
        [`ReversalKind`][eftgraph.ReversalKind]; and the bridges: links that cross between the two
        domains, and pairs of elements of the same partner and kind, one in each
        domain, whose labels share a meaning word ("feeling a failure" under
        both cycles). The words are compared without case or accents, ignoring
        the stop words of the case's language and the word endings it lists
        (both in its message catalog: ``failing`` ~ ``failure``), and a word
        matches a longer one it begins when it has at least four letters
        (``goed`` ~ ``goede``).

    Examples
    --------
    >>> from eftgraph import load
    >>> comparison = domain_comparison(load("examples/janine-mathijs.en.yaml"))
    >>> comparison.kind.label(), comparison.kind.label("nl")
    ('mirrored reversal', 'gespiegelde omkering')
    >>> [(b.source, b.target, b.words) for b in comparison.shared]  # doctest: +NORMALIZE_WHITESPACE
    [('everyday.janine.perception', 'sexual.janine.perception', ('matter',)),
     ('everyday.janine.secondary', 'sexual.janine.secondary', ('anger',)),
     ('everyday.janine.primary', 'sexual.janine.primary', ('loneliness',)),
     ('everyday.mathijs.primary', 'sexual.mathijs.primary', ('failure',)),
     ('everyday.mathijs.need', 'sexual.mathijs.need', ('good',))]
    >>> domain_comparison(load("examples/janine-mathijs.en.yaml"), "everyday", "caregiving")
    Traceback (most recent call last):
    ...
    eftgraph.errors.UnknownDomainError: case 'janine-mathijs': unknown domain 'caregiving' (allowed: everyday, sexual)
    """
    check_domain(case, a)
    check_domain(case, b)
    if a == b:
        raise OptionError(f"compare two different domains (got {a!r} twice)")
    first, second = positions(case, a), positions(case, b)
    taking_part = [
        p.id
        for p in case.partners
        if first.reasons[p.id] is not PositionReason.NO_BEHAVIOR
        and second.reasons[p.id] is not PositionReason.NO_BEHAVIOR
    ]
    reversals = tuple(p for p in taking_part if _FLIP.get(first[p]) is second[p])
    undetermined = tuple(p for p in taking_part if Position.UNDETERMINED in (first[p], second[p]))
    if undetermined or len(taking_part) < 2:
        kind = ReversalKind.UNDETERMINED
    elif len(reversals) == len(taking_part):
        kind = ReversalKind.MIRRORED
    elif reversals:
        kind = ReversalKind.PARTIAL
    else:
        kind = ReversalKind.SAME
    return DomainComparison(
        a=a,
        b=b,
        positions={a: first, b: second},
        reversals=reversals,
        kind=kind,
        undetermined=undetermined,
        bridges=(*_link_bridges(case, a, b), *_recurring(case, a, b)),
        case=case,
    )


def _link_bridges(case: Case, a: str, b: str) -> list[Bridge]:
    bridges = []
    for link in case.links:
        source, target = case.element(link.source), case.element(link.target)
        if {source.domain, target.domain} == {a, b}:
            bridges.append(
                Bridge(BridgeKind.LINK, link.source, link.target, source.partner, label=link.label)
            )
    return bridges


def _recurring(case: Case, a: str, b: str) -> list[Bridge]:
    texts = catalog(case.language)
    stop = frozenset(_normal(word) for word in texts.words("words.stop"))
    suffixes = tuple(sorted((_normal(s) for s in texts.words("words.suffixes")), key=len, reverse=True))
    second: dict[tuple[str, ElementKind], list[Element]] = {}
    for element in case.elements_in(b):
        if element.partner is not None:
            second.setdefault((element.partner, element.kind), []).append(element)
    bridges = []
    for element in case.elements_in(a):
        if element.partner is None:
            continue
        words = _words(element.label, stop, suffixes)
        for other in second.get((element.partner, element.kind), ()):
            other_words = [w for _, w in _words(other.label, stop, suffixes)]
            shared = tuple(
                dict.fromkeys(
                    written for written, word in words if any(_same_word(word, o) for o in other_words)
                )
            )
            if shared:
                bridges.append(
                    Bridge(BridgeKind.RECURRING, element.id, other.id, element.partner, words=shared)
                )
    return bridges


@functools.cache
def _word() -> re.Pattern[str]:  # compiled on first use: only the bridges between cycles need it
    return re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def _normal(word: str) -> str:
    """*word* in lower case without accents (``één`` → ``een``)."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'")


def _words(label: str, stop: frozenset[str], suffixes: tuple[str, ...]) -> list[tuple[str, str]]:
    """The meaning words of *label* as ``(as written, stem)``: no stop words, three letters or more.

    The stem is the normalised word without the longest of *suffixes* that leaves three letters.

    >>> _words("Feeling a failure", frozenset({"a", "feeling"}), ("ure", "s"))
    [('failure', 'fail')]
    """
    found = []
    for match in _word().finditer(label):
        word = _normal(match.group())
        if len(word) < 3 or word in stop:
            continue
        for suffix in suffixes:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)]
                break
        found.append((match.group(), word))
    return found


def _same_word(one: str, other: str) -> bool:
    """The same stem, or one stem begins the other and the shorter has at least four letters."""
    if one == other:
        return True
    short, long = sorted((one, other), key=len)
    return len(short) >= 4 and long.startswith(short)
