"""Where to intervene: the elements the negative loops share, and the smallest sets that break them all.

A *negative loop* is interactional, reinforcing and not secure
(`eftgraph.Loop.negative`). An element on every negative loop is a
place where the whole negative cycle can be interrupted; a *breaking set* is a
set of elements that together touch every negative loop.

>>> from eftgraph import load
>>> points = intervention_points(load("examples/janine-mathijs.en.yaml"))
>>> points.size, points.count
(2, 80)
>>> points.breaking_set
('everyday.janine.behavior', 'sexual.janine.behavior')
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

import attrs

import eftgraph._hitting as _hitting
import eftgraph._loops as _loops
from eftgraph._loops import Loop
from eftgraph.errors import OptionError

if TYPE_CHECKING:
    from eftgraph._model import Case

__all__ = ["EXACT_STEPS", "MAX_SETS", "BreakingSet", "InterventionPoints", "intervention_points"]

EXACT_STEPS = 200_000
"""The exact search for every smallest breaking set may take this many steps; beyond, a greedy heuristic."""

MAX_SETS = 200
"""At most this many smallest breaking sets (each with its interchangeable choices) are listed."""


@attrs.frozen
class BreakingSet:
    """A smallest set of elements that touches every negative loop, with its interchangeable choices.

    ``choices`` holds one entry per element to pick; each entry lists elements
    that lie on exactly the same negative loops, so any one of them will do.
    ``sets()`` spells out every concrete set.

    >>> choice = BreakingSet((("a1", "a2"), ("b1",)))
    >>> choice.size, choice.count, list(choice.sets())
    (2, 2, [('a1', 'b1'), ('a2', 'b1')])
    """

    choices: tuple[tuple[str, ...], ...]

    @property
    def size(self) -> int:
        """How many elements the set has."""
        return len(self.choices)

    @property
    def count(self) -> int:
        """How many concrete sets the choices make."""
        return math.prod(len(choice) for choice in self.choices)

    @property
    def first(self) -> tuple[str, ...]:
        """The first concrete set: the first element of each choice."""
        return tuple(choice[0] for choice in self.choices)

    def sets(self) -> Iterator[tuple[str, ...]]:
        """Every concrete set, in order."""
        return itertools.product(*self.choices)


@attrs.frozen
class InterventionPoints:
    """Where the negative loops can be interrupted; build it with [`intervention_points`][eftgraph.intervention_points]."""

    loops: tuple[Loop, ...]
    """The negative loops considered (interactional, reinforcing, not secure), in loop order."""
    ranking: tuple[tuple[str, int], ...]
    """``(element id, number of negative loops through it)``, most first, then in canonical order;
    elements on no negative loop are left out."""
    smallest: tuple[BreakingSet, ...]
    """The smallest breaking sets (every one when `exact`, at most `MAX_SETS`)."""
    exact: bool
    """True when the sets are proven smallest (and all of them are listed, up to `MAX_SETS`);
    False when the greedy heuristic was used: one set, perhaps not the smallest."""

    @property
    def breaking_set(self) -> tuple[str, ...]:
        """One smallest breaking set (the first); empty when there is no negative loop."""
        return self.smallest[0].first if self.smallest else ()

    @property
    def size(self) -> int:
        """The number of elements in a smallest breaking set."""
        return len(self.breaking_set)

    @property
    def count(self) -> int:
        """How many concrete smallest breaking sets there are (the alternatives, counting the first)."""
        return sum(choice.count for choice in self.smallest)

    def alternatives(self) -> Iterator[tuple[str, ...]]:
        """Every concrete smallest breaking set, the first included."""
        for choice in self.smallest:
            yield from choice.sets()


def intervention_points(
    case: Case,
    *,
    loops: Sequence[Loop] | None = None,
    domain: str | None = None,
    max_length: int | None = None,
    limit: int | None = 10_000,
) -> InterventionPoints:
    """Elements ranked by the negative loops through them, and the smallest sets that break them all.

    Parameters
    ----------
    case
        The case.
    loops
        Loops of *case* already found with [`loops`][eftgraph.loops]; the
        negative ones among them are used and no search is made (give *domain* and
        *max_length* to `loops` then, not here).
    domain, max_length, limit
        As for [`loops`][eftgraph.loops], which finds the loops (a case with
        more loops than *limit* raises [`LoopLimitError`][eftgraph.LoopLimitError]).

    Returns
    -------
    InterventionPoints
        The negative loops; each element on one of them with the number of
        negative loops through it, most first; and the smallest breaking sets.
        Elements that lie on exactly the same negative loops are interchangeable
        and are grouped as the choices of one [`BreakingSet`][eftgraph.BreakingSet].

    Notes
    -----
    Finding a smallest breaking set is the minimum hitting set problem. The
    search (`eftgraph._hitting`) keeps one loop per distinct set of choices,
    solves the independent groups of loops apart (loops in different domains or
    components share no element) and combines their answers; in each group it
    branches on the loop with the fewest choices. It is exact as long as it takes
    at most `EXACT_STEPS` steps over all groups, which covers any case written by
    hand and every case within the default limits tried so far, in well under a
    second. The bound counts steps, not seconds, on purpose: the same case gives
    the same answer on every machine. Past it, a group gets the greedy cover
    (repeatedly take the choice that breaks the most remaining loops, then drop
    choices that became redundant), which may be larger than the smallest;
    `InterventionPoints.exact` is then False.

    Examples
    --------
    >>> from eftgraph import load
    >>> points = intervention_points(load("examples/janine-mathijs.en.yaml"))
    >>> points.ranking[:2]
    (('everyday.janine.behavior', 1), ('everyday.janine.perception', 1))
    >>> [choice.choices[0][:3] for choice in points.smallest]
    [('everyday.janine.behavior', 'everyday.janine.perception', 'everyday.janine.secondary')]
    >>> points.exact
    True

    Loops found before give the same points, without a second search:

    >>> from eftgraph import loops
    >>> case = load("examples/janine-mathijs.en.yaml")
    >>> intervention_points(case, loops=loops(case)) == intervention_points(case)
    True
    """
    if loops is None:
        loops = _loops.loops(case, domain=domain, max_length=max_length, limit=limit)
    elif domain is not None or max_length is not None:
        raise OptionError(
            "intervention_points: give domain and max_length to eftgraph.loops, not with loops="
        )
    return _points(case, loops)


def _points(case: Case, found: Sequence[Loop]) -> InterventionPoints:
    """The intervention points of the negative loops among *found* (loops of *case*)."""
    loops = tuple(loop for loop in found if loop.negative)
    rank = {element.id: i for i, element in enumerate(case.elements)}
    through: dict[str, list[int]] = {}  # element → the negative loops through it, in order
    for i, loop in enumerate(loops):
        for element_id in loop.elements:
            through.setdefault(element_id, []).append(i)
    ranking = tuple(
        sorted(
            ((element_id, len(on)) for element_id, on in through.items()),
            key=lambda item: (-item[1], rank[item[0]]),
        )
    )
    groups: dict[tuple[int, ...], list[str]] = {}  # elements on the same loops: one choice
    for element_id in sorted(through, key=rank.__getitem__):
        groups.setdefault(tuple(through[element_id]), []).append(element_id)
    members = [tuple(group) for group in groups.values()]  # choice i: in canonical order of its first element
    loop_choices: list[list[int]] = [[] for _ in loops]
    for i, on in enumerate(groups):
        for number in on:
            loop_choices[number].append(i)
    covers, exact = _hitting.smallest_covers(loop_choices, steps=EXACT_STEPS, most=MAX_SETS)
    smallest = tuple(BreakingSet(tuple(members[i] for i in cover)) for cover in covers)
    smallest = tuple(sorted(smallest, key=lambda s: [rank[choice[0]] for choice in s.choices]))
    return InterventionPoints(loops=loops, ranking=ranking, smallest=smallest, exact=exact)


def _smallest(everything: int, masks: Sequence[int]) -> tuple[list[tuple[int, ...]], bool]:
    """Every smallest set of *masks* (indices) whose union is *everything*, and whether that is exact.

    The bit-mask form of [`_hitting.smallest_covers`][]: bits are loops, masks are choices.

    >>> _smallest(0b111, [0b001, 0b011, 0b110])
    ([(0, 2), (1, 2)], True)
    """
    return _hitting.smallest_covers(_loop_choices(everything, masks), steps=EXACT_STEPS, most=MAX_SETS)


def _greedy(everything: int, masks: Sequence[int]) -> tuple[int, ...]:
    """A small cover of *everything* by *masks* (indices), by the greedy rule of `_hitting.greedy_cover`.

    >>> _greedy(0b111, [0b001, 0b011, 0b110])
    (1, 2)
    """
    return _hitting.greedy_cover([frozenset(loop) for loop in _loop_choices(everything, masks)])


def _loop_choices(everything: int, masks: Sequence[int]) -> list[list[int]]:
    """For each bit of *everything*, the indices of the masks that have it."""
    return [
        [i for i, mask in enumerate(masks) if mask >> bit & 1]
        for bit in range(everything.bit_length())
        if everything >> bit & 1
    ]
