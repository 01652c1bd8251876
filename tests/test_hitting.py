"""Smallest hitting sets: exact, split into independent components, bounded and deterministic."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from eftgraph._hitting import greedy_cover, smallest_covers

Loops = list[frozenset[int]]


def brute_force(loops: Loops) -> set[tuple[int, ...]]:
    """Every smallest cover, by trying every set of choices in order of size."""
    choices = sorted(set().union(*loops))
    for size in range(len(choices) + 1):
        found = {
            combo
            for combo in itertools.combinations(choices, size)
            if all(loop & set(combo) for loop in loops)
        }
        if found:
            return found
    return set()


INSTANCES = st.lists(
    st.frozensets(st.integers(min_value=0, max_value=8), min_size=1, max_size=4), min_size=1, max_size=10
)


@settings(max_examples=300, deadline=None)
@given(INSTANCES)
def test_every_smallest_cover_is_found(loops: Loops) -> None:
    covers, exact = smallest_covers(loops, most=10_000)
    assert exact
    assert len(covers) == len(set(covers))
    assert set(covers) == brute_force(loops)


@settings(max_examples=200, deadline=None)
@given(INSTANCES)
def test_greedy_cover_covers_with_nothing_redundant(loops: Loops) -> None:
    cover = set(greedy_cover(loops))
    assert all(loop & cover for loop in loops)
    for choice in cover:
        assert not all(loop & (cover - {choice}) for loop in loops)


def test_independent_components_combine() -> None:
    # three independent loops, each broken by either of two choices: 2**3 smallest covers of three
    covers, exact = smallest_covers([{0, 1}, {2, 3}, {4, 5}])
    assert exact and len(covers) == 8 and all(len(c) == 3 for c in covers)


def test_repeated_loops_count_once() -> None:
    assert smallest_covers([{0, 1}] * 5000 + [{1, 2}] * 5000) == ([(1,)], True)


def test_the_listing_stops_at_most() -> None:
    loops = [{2 * i, 2 * i + 1} for i in range(10)]  # ten loops, two choices each: 1 024 covers
    covers, exact = smallest_covers(loops, most=200)
    assert exact and len(covers) == 200 and len(set(covers)) == 200


def test_past_the_budget_the_answer_is_greedy_and_says_so() -> None:
    loops = [frozenset(c for c in range(40) if (i * 7 + c * 13) % 5 < 2) for i in range(60)]
    covers, exact = smallest_covers(loops, steps=50)
    assert not exact and len(covers) == 1
    assert all(loop & set(covers[0]) for loop in loops)


def test_same_input_same_answer() -> None:
    loops = [frozenset(c for c in range(25) if (i * 11 + c * 3) % 7 < 3) for i in range(30)]
    assert smallest_covers(loops) == smallest_covers(list(reversed(loops)))
