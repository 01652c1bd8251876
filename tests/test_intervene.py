"""intervention_points(): ranking, the smallest breaking sets (exact, with ties), the greedy fallback."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eftgraph import (
    BreakingSet,
    Case,
    Element,
    InterventionPoints,
    Link,
    LoopLimitError,
    Partner,
    _intervene,
    intervention_points,
    load,
    loads,
    loops,
)
from eftgraph.errors import OptionError

HEAD = "eftgraph: 1\nid: x\npartners: [{id: a, name: Ann}, {id: b, name: Bo}, {id: c, name: Cas}]\n"


@pytest.mark.parametrize("name", ["janine-mathijs.yaml", "janine-mathijs.en.yaml"])
def test_example_one_element_per_cycle_with_ties(name: str) -> None:
    case = load(Path("examples") / name)
    points = intervention_points(case)
    assert [loop.domains for loop in points.loops] == [("everyday",), ("sexual",)]
    assert points.exact
    assert points.size == 2
    (only,) = points.smallest  # one way up to interchangeable elements...
    everyday, sexual = only.choices
    assert set(everyday) == set(points.loops[0].elements)  # ...any element of each cycle will do
    assert set(sexual) == set(points.loops[1].elements)
    assert points.count == 10 * 8
    assert len(set(points.alternatives())) == 80
    assert points.breaking_set == ("everyday.janine.behavior", "sexual.janine.behavior")
    assert all(count == 1 for _, count in points.ranking)
    assert len(points.ranking) == 18


def test_shared_element_ranks_first_and_breaks_everything_alone() -> None:
    # Ann's criticism reaches both Bo and Cas, and each answers her: two loops share it.
    case = Case(
        id="hub",
        partners=[Partner(p, p.upper()) for p in "abc"],
        elements=[
            Element("a1", "behavior", "criticises", partner="a", stance="pursue"),
            Element("a2", "primary_emotion", "alone", partner="a"),
            Element("b1", "behavior", "works late", partner="b", stance="withdraw"),
            Element("c1", "behavior", "slams the door", partner="c", stance="withdraw"),
        ],
        links=[Link("a1", "b1"), Link("b1", "a2"), Link("a1", "c1"), Link("c1", "a2"), Link("a2", "a1")],
    )
    points = intervention_points(case)
    assert [loop.partners for loop in points.loops] == [("a", "b"), ("a", "c")]
    assert points.ranking == (("a1", 2), ("a2", 2), ("b1", 1), ("c1", 1))
    assert points.smallest == (BreakingSet((("a1", "a2"),)),)
    assert points.size == 1
    assert points.count == 2
    assert points.exact


def test_ties_between_different_smallest_sets() -> None:
    # A triangle of two-person loops a-b, b-c, c-a: any two partners' behaviours break all three.
    elements = [Element(f"{p}1", "behavior", "x", partner=p, stance="pursue") for p in "abc"]
    links = [Link(f"{x}1", f"{y}1") for x, y in itertools.permutations("abc", 2)]
    case = Case(id="t", partners=[Partner(p, p.upper()) for p in "abc"], elements=elements, links=links)
    points = intervention_points(case)
    assert len(points.loops) == 5  # three pairs, two triangles
    assert points.size == 2
    assert points.smallest == (
        BreakingSet((("a1",), ("b1",))),
        BreakingSet((("a1",), ("c1",))),
        BreakingSet((("b1",), ("c1",))),
    )
    assert points.count == 3
    assert sorted(points.alternatives()) == [("a1", "b1"), ("a1", "c1"), ("b1", "c1")]


def test_secure_balancing_and_intrapersonal_loops_are_not_targets() -> None:
    case = loads(
        HEAD
        + "cycles:\n  everyday:\n    a: {stance: reach, behavior: x}\n    b: {stance: respond, behavior: y}\n"
        + "  sexual:\n    a: {stance: pursue, behavior: p, primary: q}\n    b: {stance: withdraw, behavior: w}\n"
        + "links:\n  - {from: sexual.b.behavior, to: sexual.a.primary, sign: '-'}\n"
        + "  - {from: everyday.a.behavior, to: everyday.b.behavior}\n"
    )
    assert loops(case)  # there are loops...
    points = intervention_points(case)
    assert points.loops == ()  # ...but none is negative
    assert points.ranking == ()
    assert points.smallest == (BreakingSet(()),)
    assert points.breaking_set == ()
    assert points.size == 0


def test_domain_and_limit_pass_through(en_example: Path) -> None:
    case = load(en_example)
    assert [loop.domains for loop in intervention_points(case, domain="sexual").loops] == [("sexual",)]
    assert intervention_points(case, max_length=8).size == 1
    with pytest.raises(LoopLimitError):
        intervention_points(case, limit=1)


@pytest.mark.parametrize(
    "search", [{}, {"domain": "sexual"}, {"domain": "everyday"}, {"max_length": 8}, {"max_length": 4}]
)
def test_loops_already_found_give_the_same_points(en_example: Path, search: dict[str, Any]) -> None:
    case = load(en_example)
    found = loops(case, **search)
    points = intervention_points(case, loops=found)
    assert points == intervention_points(case, **search)
    assert points.loops == tuple(loop for loop in found if loop.negative)
    assert intervention_points(case, loops=[]).loops == ()


def test_loops_with_search_options_is_an_option_error(en_example: Path) -> None:
    case = load(en_example)
    with pytest.raises(OptionError, match=r"give domain and max_length to eftgraph\.loops"):
        intervention_points(case, loops=loops(case), domain="sexual")


def test_greedy_fallback_when_the_search_is_too_long(
    monkeypatch: pytest.MonkeyPatch, en_example: Path
) -> None:
    monkeypatch.setattr(_intervene, "EXACT_STEPS", 0)
    points = intervention_points(load(en_example))
    assert not points.exact
    assert points.size == 2
    assert len(points.smallest) == 1


@st.composite
def families(draw: st.DrawFn) -> tuple[int, list[int]]:
    universe = draw(st.integers(1, 8))
    everything = (1 << universe) - 1
    masks = draw(st.lists(st.integers(1, everything), min_size=1, max_size=9))
    covered = 0
    for mask in masks:
        covered |= mask
    return covered, masks


@given(families())
def test_exact_search_finds_every_smallest_cover(family: tuple[int, list[int]]) -> None:
    everything, masks = family
    found, exact = _intervene._smallest(everything, masks)
    assert exact
    brute: list[tuple[int, ...]] = []
    for size in range(1, len(masks) + 1):
        for combo in itertools.combinations(range(len(masks)), size):
            union = 0
            for i in combo:
                union |= masks[i]
            if union == everything:
                brute.append(combo)
        if brute:
            break
    assert sorted(tuple(sorted(s)) for s in found) == brute
    greedy = _intervene._greedy(everything, masks)
    union = 0
    for i in greedy:
        union |= masks[i]
    assert union == everything
    assert len(greedy) >= len(brute[0])


def test_points_compare_by_content(en_example: Path) -> None:
    assert intervention_points(load(en_example)) == intervention_points(load(en_example))
    assert isinstance(intervention_points(load(en_example)), InterventionPoints)


def test_many_smallest_sets_are_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_intervene, "MAX_SETS", 2)
    elements = [Element(f"{p}1", "behavior", "x", partner=p, stance="pursue") for p in "abc"]
    links = [Link(f"{x}1", f"{y}1") for x, y in itertools.permutations("abc", 2)]
    case = Case(id="t", partners=[Partner(p, p.upper()) for p in "abc"], elements=elements, links=links)
    points = intervention_points(case)
    assert points.exact
    assert points.size == 2
    assert len(points.smallest) == 2
