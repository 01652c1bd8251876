"""Smallest hitting sets: the fewest choices that together touch every loop.

Each loop is given as the set of choices that touch it (break it). A *cover* is a set of
choices that touches every loop. Finding a smallest cover is NP-hard in general, but the
loops of a case fall apart into independent groups (loops in different domains or
components share no element) and repeat themselves (many loops pass the same choices), so
the search

1. keeps one loop per distinct set of choices (the others are broken by the same covers);
2. splits the loops into independent components (loops joined by a choice on both) and
   solves each on its own, with the loops as bits of a small mask per choice;
3. in each component, searches exactly — iterative deepening on the size, branching on the
   uncovered loop with the fewest choices (loops are numbered in that order, so the lowest
   uncovered bit is that loop), pruning with the largest mask;
4. combines: every smallest cover of the whole is one smallest cover per component.

The work is bounded by a number of search steps shared by all components (deterministic: the
same input gives the same answer on every machine); a component whose exact search would pass
it gets the greedy cover, and the answer says it is not proven smallest.

Examples
--------
Three loops: the first broken by choice 0, the second by 0 or 1, the third by 1 or 2.

>>> smallest_covers([{0}, {0, 1}, {1, 2}])
([(0, 1), (0, 2)], True)
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence

__all__ = ["STEPS", "smallest_covers"]

STEPS = 100_000
"""Search steps the exact search may take over all components; beyond, a component is covered greedily."""


class _OutOfSteps(Exception):
    """The exact search passed its step budget."""


class _Enough(Exception):
    """The search found as many smallest covers as were asked for."""


def _mask(positions: Sequence[int], size: int) -> int:
    """The bit mask with the bits at *positions* set (linear in *size*).

    >>> bin(_mask([1, 2, 4], 5))
    '0b10110'
    """
    digits = bytearray(b"0" * size)
    for position in positions:
        digits[size - 1 - position] = 49  # "1"
    return int(digits, 2) if size else 0


def _components(loops: Sequence[frozenset[int]]) -> list[list[int]]:
    """Independent groups of *loops* (indices), joined by a shared choice, ordered by first loop.

    >>> _components([frozenset({0, 1}), frozenset({2}), frozenset({1, 3})])
    [[0, 2], [1]]
    """
    on: dict[int, list[int]] = {}  # choice → the loops it touches
    for i, loop in enumerate(loops):
        for choice in loop:
            on.setdefault(choice, []).append(i)
    seen = [False] * len(loops)
    groups: list[list[int]] = []
    for first in range(len(loops)):
        if seen[first]:
            continue
        seen[first] = True
        group, todo, done = [first], [first], set()
        while todo:
            for choice in loops[todo.pop()]:
                if choice in done:
                    continue
                done.add(choice)
                for other in on[choice]:
                    if not seen[other]:
                        seen[other] = True
                        group.append(other)
                        todo.append(other)
        groups.append(sorted(group))
    return groups


class _Search:
    """The exact search of one component, in a bit numbering where lower bits have fewer choices."""

    def __init__(self, loops: Sequence[frozenset[int]], budget: list[int], wanted: int) -> None:
        order = sorted(range(len(loops)), key=lambda i: (len(loops[i]), sorted(loops[i])))
        self.choices = sorted(set().union(*loops))
        index = {choice: i for i, choice in enumerate(self.choices)}
        self.loops_of = [[index[c] for c in sorted(loops[i])] for i in order]
        bits: list[list[int]] = [[] for _ in self.choices]
        for bit, local in enumerate(self.loops_of):
            for i in local:
                bits[i].append(bit)
        self.masks = [_mask(positions, len(order)) for positions in bits]
        self.everything = (1 << len(order)) - 1
        self.biggest = max(mask.bit_count() for mask in self.masks)
        self.budget = budget
        self.wanted = wanted
        self.found: list[tuple[int, ...]] = []

    def run(self) -> list[tuple[int, ...]]:
        """Every smallest cover (as the caller's choices), by iterative deepening on the size.

        Some size up to the number of choices always covers, so the deepening stops; the
        step budget bounds its work (the greedy cover is needed only past the budget).
        """
        lower = max(1, math.ceil(self.everything.bit_count() / self.biggest))
        try:
            for k in range(lower, len(self.masks) + 1):
                self._search(0, [], (1 << len(self.masks)) - 1, k)
                if self.found:
                    break
        except _Enough:
            pass
        return [tuple(sorted(self.choices[i] for i in cover)) for cover in self.found]

    def _search(self, hit: int, chosen: list[int], allowed: int, k: int) -> None:
        self.budget[0] -= 1
        if self.budget[0] < 0:
            raise _OutOfSteps
        missing = self.everything & ~hit
        if not missing:
            self.found.append(tuple(chosen))
            if len(self.found) >= self.wanted:
                raise _Enough
            return
        if k == 0 or k * self.biggest < missing.bit_count():
            return
        loop = (missing & -missing).bit_length() - 1  # the uncovered loop with the fewest choices
        for i in self.loops_of[loop]:
            if not allowed >> i & 1:
                continue
            chosen.append(i)
            self._search(hit | self.masks[i], chosen, allowed & ~(1 << i), k - 1)
            chosen.pop()
            allowed &= ~(1 << i)  # every cover with i was found: leave it out of the rest


def greedy_cover(loops: Sequence[frozenset[int]]) -> tuple[int, ...]:
    """A small cover by the greedy rule: the choice on most loops left, then drop the redundant.

    >>> greedy_cover([frozenset({0}), frozenset({0, 1}), frozenset({1, 2})])
    (0, 1)
    """
    on: dict[int, set[int]] = {}
    for i, loop in enumerate(loops):
        for choice in loop:
            on.setdefault(choice, set()).add(i)
    left = set(range(len(loops)))
    chosen: list[int] = []
    while left:
        best = max(sorted(on), key=lambda c: len(on[c] & left))
        chosen.append(best)
        left -= on[best]
    for choice in list(chosen):
        rest = set(chosen) - {choice}
        if all(loop & rest for loop in loops):
            chosen.remove(choice)
    return tuple(sorted(chosen))


def smallest_covers(
    loops: Iterable[Iterable[int]], *, steps: int = STEPS, most: int = 200
) -> tuple[list[tuple[int, ...]], bool]:
    """The smallest sets of choices that touch every loop; each loop given by its choices.

    Returns at most *most* covers (sorted tuples of choices, in a deterministic order), and
    whether they are proven smallest (False when some component passed the shared step
    budget and was covered greedily: then one cover is returned).

    Examples
    --------
    Two independent loops, each broken by either of two choices: four smallest covers of two.

    >>> smallest_covers([{0, 1}, {2, 3}])
    ([(0, 2), (0, 3), (1, 2), (1, 3)], True)
    >>> smallest_covers([])
    ([()], True)
    """
    distinct = sorted({frozenset(loop) for loop in loops}, key=sorted)
    if not distinct:
        return [()], True
    if not all(distinct):
        raise ValueError("a loop that no choice touches cannot be broken")
    budget = [steps]
    per_component: list[list[tuple[int, ...]]] = []
    exact = True
    for members in _components(distinct):
        component = [distinct[i] for i in members]
        try:
            found = _Search(component, budget, most).run()
        except _OutOfSteps:
            exact, found = False, [greedy_cover(component)]
        per_component.append(found)
    if not exact:
        per_component = [covers[:1] for covers in per_component]
    combined = itertools.islice(itertools.product(*per_component), most)
    return [tuple(sorted(itertools.chain.from_iterable(parts))) for parts in combined], exact
