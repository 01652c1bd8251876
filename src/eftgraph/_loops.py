"""Loops: the simple cycles of a case graph, with their polarity, positions and pattern.

A *loop* is a simple cycle of the case graph: a path of links that comes back
to where it started without visiting an element twice. The EFT negative cycle
is the loop that runs through both partners' columns; a case usually has a few
more (a shortcut link, a cycle inside one partner, a cycle that crosses domains).

>>> from eftgraph import load
>>> case = load("examples/janine-mathijs.en.yaml")
>>> [(loop.domains, str(loop.pattern)) for loop in find_loops(case)]
[(('everyday',), 'pursue-withdraw'), (('sexual',), 'pursue-withdraw')]
"""

from __future__ import annotations

import contextlib
import functools
import gc
import operator
import sys
from collections import defaultdict
from collections.abc import Hashable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

import attrs

from eftgraph._catalog import message
from eftgraph._model import ElementKind, Position, Sign, Stance, _StrEnum
from eftgraph._suggest import nearest
from eftgraph.errors import LoopLimitError, UnknownDomainError

if TYPE_CHECKING:
    from eftgraph._model import Case

__all__ = ["Loop", "Pattern", "Polarity", "find_loops"]

_N = TypeVar("_N", bound=Hashable)


class Polarity(_StrEnum):
    """Whether a loop amplifies itself (``reinforcing``) or damps itself (``balancing``).

    A loop is reinforcing when the product of its link signs is positive (an
    even number of ``-`` links), else balancing.

    >>> Polarity.REINFORCING.dutch
    'versterkend'
    """

    REINFORCING = "reinforcing"
    BALANCING = "balancing"

    def label(self, language: object = "en") -> str:
        """The name of the polarity in *language* (from the message catalogs)."""
        return message(f"polarity.{self.value}", language)

    @property
    def english(self) -> str:
        """The English name."""
        return self.label("en")

    @property
    def dutch(self) -> str:
        """The Dutch name."""
        return self.label("nl")


class Pattern(_StrEnum):
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

    def label(self, language: object = "en") -> str:
        """The name of the pattern in *language* (from the message catalogs)."""
        return message(f"pattern.{self.value}", language)

    @property
    def english(self) -> str:
        """The English name (``Protest Polka``, …)."""
        return self.label("en")

    @property
    def dutch(self) -> str:
        """The Dutch name (``protestpolka``, …)."""
        return self.label("nl")


@attrs.frozen
class Loop:
    """One simple cycle of a case graph.

    Elements are id strings in the order the links run, starting from the
    loop's first element in the case's canonical order (domain, partner, layer,
    id), so the same loop always reads the same.

    >>> from eftgraph import load
    >>> loop = find_loops(load("examples/janine-mathijs.en.yaml"), domain="everyday")[0]
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
        by_stance = {Stance.PURSUE: Position.PURSUER, Stance.WITHDRAW: Position.WITHDRAWER}
        return {
            partner: Position.UNDETERMINED if stance is None else by_stance.get(stance, Position.UNDETERMINED)
            for partner, stance in self.stances.items()
        }


# --- the search ------------------------------------------------------------------------------------

_STANCE_BIT = {Stance.PURSUE: 0, Stance.WITHDRAW: 1, Stance.REACH: 2, Stance.RESPOND: 3, None: 4}
_PURSUE, _WITHDRAW, _REACH, _RESPOND, _NO_STANCE = (1 << i for i in range(5))


def _pattern(stances: int) -> Pattern:
    """The pattern of a loop from the union of its behaviours' stance bits."""
    if stances & _PURSUE and stances & _WITHDRAW:
        return Pattern.PURSUE_WITHDRAW
    if stances == _PURSUE:
        return Pattern.ATTACK_ATTACK
    if stances == _WITHDRAW:
        return Pattern.WITHDRAW_WITHDRAW
    if stances and not stances & ~(_REACH | _RESPOND):
        return Pattern.SECURE
    return Pattern.MIXED


def _strong_components(successors: Sequence[Sequence[int]]) -> list[int]:
    """The strongly connected component of every node (iterative Tarjan)."""
    n = len(successors)
    index = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    component = [-1] * n
    stack: list[int] = []
    counter = 0
    count = 0
    for root in range(n):
        if index[root] != -1:
            continue
        work = [(root, 0)]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        while work:
            v, i = work[-1]
            nbrs = successors[v]
            descended = False
            while i < len(nbrs):
                w = nbrs[i]
                i += 1
                if index[w] == -1:
                    work[-1] = (v, i)
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack[w] = True
                    work.append((w, 0))
                    descended = True
                    break
                if on_stack[w] and index[w] < low[v]:
                    low[v] = index[w]
            if descended:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                if low[v] < low[parent]:
                    low[parent] = low[v]
            if low[v] == index[v]:
                while True:
                    w = stack.pop()
                    on_stack[w] = False
                    component[w] = count
                    if w == v:
                        break
                count += 1
    return component


def _cycles(
    successors: Sequence[Sequence[int]],
    predecessors: Sequence[Sequence[int]],
    max_length: int | None,
    names: Sequence[_N],
) -> Iterator[tuple[_N, ...]]:
    """Every simple cycle, as tuples of node names starting at their smallest node.

    Nodes are ``0 … n-1`` (adjacency lists sorted ascending), named by *names*.
    For each start node *s* in turn the search keeps to the nodes above *s* in
    its strongly connected component that can reach *s* back (one backward
    search, at most ``max_length - 1`` steps deep when bounded), so each cycle
    is found once, from its smallest node, and the cycles come out in
    lexicographic order of their node numbers. Unbounded, the search is
    Johnson's algorithm (time per cycle linear in the graph); bounded, a
    depth-first search pruned by the distance back to *s*. The search itself
    runs on the names (hashing a name is as fast as indexing a list, and the
    cycles need no translation afterwards).
    """
    n = len(successors)
    component = _strong_components(successors)
    sizes = [0] * n
    for c in component:
        sizes[c] += 1
    mark = [-1] * n  # mark[v] == s: v is in the search region of start s
    bound = n if max_length is None else max_length
    if bound < 2:
        return
    for s in range(n):
        c = component[s]
        if sizes[c] < 2:
            continue
        mark[s] = s
        region = [s]
        if bound >= sizes[c]:
            i = 0
            while i < len(region):
                for v in predecessors[region[i]]:
                    if v > s and mark[v] != s and component[v] == c:
                        mark[v] = s
                        region.append(v)
                i += 1
            if len(region) < 2:
                continue
            nbrs = {names[v]: [names[w] for w in successors[v] if mark[w] == s] for v in region}
            yield from _johnson(names[s], nbrs)
        else:
            distance = {names[s]: 0}
            frontier = [s]
            depth = 0
            while frontier and depth < bound - 1:
                depth += 1
                following = []
                for u in frontier:
                    for v in predecessors[u]:
                        if v > s and mark[v] != s and component[v] == c:
                            mark[v] = s
                            distance[names[v]] = depth
                            following.append(v)
                frontier = following
                region.extend(following)
            if len(region) < 2:
                continue
            nbrs = {names[v]: [names[w] for w in successors[v] if mark[w] == s] for v in region}
            yield from _bounded(names[s], nbrs, distance, bound)


def _johnson(s: _N, nbrs: dict[_N, list[_N]]) -> Iterator[tuple[_N, ...]]:
    """Johnson's circuit search from *s* in the region *nbrs* (adjacency lists)."""
    unblock_later: defaultdict[_N, set[_N]] = defaultdict(set)
    blocked = {s}
    path = [s]
    stack = [iter(nbrs[s])]
    closed = [False]
    while stack:
        for w in stack[-1]:
            if w == s:
                yield tuple(path)
                closed[-1] = True
            elif w not in blocked:
                path.append(w)
                closed.append(False)
                stack.append(iter(nbrs[w]))
                blocked.add(w)
                break
        else:
            stack.pop()
            v = path.pop()
            if closed.pop():
                if closed:
                    closed[-1] = True
                pending = [v]
                while pending:
                    u = pending.pop()
                    if u in blocked:
                        blocked.discard(u)
                        waiting = unblock_later.pop(u, None)
                        if waiting:
                            pending.extend(waiting)
            else:
                for w in nbrs[v]:
                    unblock_later[w].add(v)


def _bounded(
    s: _N, nbrs: dict[_N, list[_N]], distance: dict[_N, int], bound: int
) -> Iterator[tuple[_N, ...]]:
    """Cycles through *s* of at most *bound* nodes: depth-first, pruned by the distance back to *s*."""
    path = [s]
    on_path = {s}
    stack = [iter(nbrs[s])]
    while stack:
        length = len(path)
        for w in stack[-1]:
            if w == s:
                yield tuple(path)
            elif w not in on_path and length + distance[w] <= bound:
                path.append(w)
                on_path.add(w)
                stack.append(iter(nbrs[w]))
                break
        else:
            stack.pop()
            on_path.discard(path.pop())


# --- find_loops -------------------------------------------------------------------------------------


def check_domain(case: Case, domain: str) -> str:
    """*domain* if the case has it; else an :class:`~eftgraph.UnknownDomainError` listing its domains."""
    if domain not in case.domains:
        suggestion = nearest(domain, case.domains)
        raise UnknownDomainError(
            f"case {case.id!r} has no domain {domain!r} (its domains: {', '.join(case.domains) or 'none'})"
            + (f"; did you mean {suggestion!r}?" if suggestion else "")
        )
    return domain


def _check_count(name: str, value: int | None) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        raise ValueError(f"{name} must be a whole number ≥ 0 or None (got {value!r})")


def find_loops(
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
        Stop with a :class:`~eftgraph.LoopLimitError` as soon as more loops than
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
    >>> loops = find_loops(case)
    >>> for loop in loops:
    ...     print(loop.domains, len(loop.elements), loop.pattern, {p: str(x) for p, x in loop.positions.items()})
    ('everyday',) 10 pursue-withdraw {'janine': 'pursuer', 'mathijs': 'withdrawer'}
    ('sexual',) 8 pursue-withdraw {'janine': 'withdrawer', 'mathijs': 'pursuer'}
    >>> find_loops(case, max_length=8)[0].domains
    ('sexual',)
    >>> find_loops(case, limit=1)
    Traceback (most recent call last):
    ...
    eftgraph.errors.LoopLimitError: case 'janine-mathijs' has more than 1 loop: the search stopped at loop 2. Narrow it to one domain (domain=..., --domain; domains: everyday, sexual) or to short loops (max_length=..., --max-length), or raise the limit (limit=..., --limit).
    """
    _check_count("max_length", max_length)
    _check_count("limit", limit)
    elements = case.elements
    if domain is not None:
        check_domain(case, domain)
        elements = tuple(e for e in elements if e.domain == domain)
    ids = [e.id for e in elements]
    rank = {element_id: i for i, element_id in enumerate(ids)}
    n = len(ids)
    successors: list[list[int]] = [[] for _ in range(n)]
    predecessors: list[list[int]] = [[] for _ in range(n)]
    negative: set[tuple[str, str]] = set()
    for link in case.links:  # links are sorted by (source rank, target rank): lists come out sorted
        u = rank.get(link.source)
        v = rank.get(link.target)
        if u is None or v is None:
            continue
        successors[u].append(v)
        predecessors[v].append(u)
        if link.sign is Sign.DAMPENS:
            negative.add((link.source, link.target))

    partner_bit = {p.id: 1 << i for i, p in enumerate(case.partners)}
    domain_shift = len(case.partners)
    stance_shift = domain_shift + len(case.domains)
    domain_rank = {name: i for i, name in enumerate(case.domains)}
    code = {
        e.id: (partner_bit[e.partner] if e.partner is not None else 0)
        | (1 << (domain_shift + domain_rank[e.domain]))
        | ((1 << _STANCE_BIT[e.stance]) << stance_shift if e.kind is ElementKind.BEHAVIOR else 0)
        for e in elements
    }
    """Per element: a bit for its partner, one for its domain, one for a behaviour's stance."""

    # The search yields the cycles in lexicographic order of their elements' ranks (a
    # depth-first search over sorted adjacency lists, from each cycle's smallest element).
    # Cycles go into one bucket per sort group in that order, and the sort by length is
    # stable, so that order is the final tie-break at no cost. Per cycle the work is kept
    # small: one OR over the element codes, one dict look-up, one append, one object.
    search = _cycles(successors, predecessors, max_length, ids)
    most = sys.maxsize if limit is None else limit
    or_ = operator.or_
    reduce = functools.reduce
    code_of = code.__getitem__
    Profile = tuple[tuple[str, ...], tuple[str, ...], Polarity, Pattern | None]
    Bucket = list[tuple[tuple[str, ...], Profile]]
    bucket_of: dict[int, tuple[Bucket, Profile]] = {}
    groups: dict[tuple[int, tuple[int, ...], bool, int], Bucket] = {}

    def new_bucket(key: int) -> tuple[Bucket, Profile]:
        """The bucket and profile of the cycles whose codes, parity and length make *key*."""
        mask, odd, length = key >> 32, key >> 31 & 1, key & 0x7FFFFFFF
        partners = tuple(p.id for i, p in enumerate(case.partners) if mask >> i & 1)
        ranks = tuple(i for i in range(len(case.domains)) if mask >> (domain_shift + i) & 1)
        pattern = _pattern(mask >> stance_shift) if len(partners) >= 2 else None
        polarity = Polarity.BALANCING if odd else Polarity.REINFORCING
        profile = (partners, tuple(case.domains[i] for i in ranks), polarity, pattern)
        group = (0 if len(partners) >= 2 and not odd else 1, ranks, pattern is Pattern.SECURE, -length)
        bucket_of[key] = entry = (groups.setdefault(group, []), profile)
        return entry

    with _gc_paused():
        for count, cycle in enumerate(search, 1):
            if count > most:
                raise _limit_error(case, most)
            key = reduce(or_, map(code_of, cycle)) << 32 | len(cycle)
            if (
                negative
                and sum(pair in negative for pair in zip(cycle, cycle[1:] + cycle[:1], strict=True)) & 1
            ):
                key |= 1 << 31
            entry = bucket_of.get(key)
            if entry is None:
                entry = new_bucket(key)
            entry[0].append((cycle, entry[1]))

        loops: list[Loop] = []
        append = loops.append
        new = object.__new__
        set_elements, set_partners, set_domains, set_polarity, set_pattern, set_case = _SETTERS
        for group in sorted(groups):
            for cycle, (partners, domains, polarity, pattern) in groups[group]:
                # Loop(...) without the generic attrs __init__: the same slots, set directly (faster).
                loop = new(Loop)
                set_elements(loop, cycle)
                set_partners(loop, partners)
                set_domains(loop, domains)
                set_polarity(loop, polarity)
                set_pattern(loop, pattern)
                set_case(loop, case)
                append(loop)
    return loops


_SETTERS = tuple(getattr(Loop, field.name).__set__ for field in attrs.fields(Loop))
"""Slot setters of :class:`Loop`, in field order (elements, partners, domains, polarity, pattern, case)."""
assert tuple(f.name for f in attrs.fields(Loop)) == (
    "elements",
    "partners",
    "domains",
    "polarity",
    "pattern",
    "case",
)


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while many small objects are made (it would scan them all)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _limit_error(case: Case, limit: int) -> LoopLimitError:
    return LoopLimitError(
        f"case {case.id!r} has more than {limit:,} loop{'' if limit == 1 else 's'}: the search stopped "
        f"at loop {limit + 1:,}. Narrow it to one domain (domain=..., --domain; domains: "
        f"{', '.join(case.domains)}) or to short loops (max_length=..., --max-length), "
        "or raise the limit (limit=..., --limit)."
    )
