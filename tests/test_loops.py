"""loops: every simple cycle, canonical rotation, polarity, positions, pattern, order, limit."""

from __future__ import annotations

import random
import time
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from eftgraph import (
    Case,
    Element,
    Link,
    Loop,
    LoopLimitError,
    Partner,
    Pattern,
    Polarity,
    Position,
    Stance,
    UnknownDomainError,
    load,
    loads,
    loops,
)
from eftgraph.errors import OptionError

HEAD = "eftgraph: 1\nid: x\npartners: [{id: a, name: Ann}, {id: b, name: Bo}, {id: c, name: Cas}]\n"


def two_step(stance_a: str | None, stance_b: str | None, *, signs: tuple[str, str] = ("+", "+")) -> Case:
    """Ann's behaviour → Bo's behaviour → back: the smallest interactional loop."""
    return Case(
        id="two",
        partners=[Partner("a", "Ann"), Partner("b", "Bo")],
        elements=[
            Element("a1", "behavior", "moves", partner="a", stance=stance_a),
            Element("b1", "behavior", "moves", partner="b", stance=stance_b),
        ],
        links=[Link("a1", "b1", sign=signs[0]), Link("b1", "a1", sign=signs[1])],
    )


# --- the worked example -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["janine-mathijs.yaml", "janine-mathijs.en.yaml"])
def test_example_everyday_and_sexual_loops(name: str) -> None:
    found_loops = loops(load(Path("examples") / name))
    assert [loop.domains for loop in found_loops] == [("everyday",), ("sexual",)]
    everyday, sexual = found_loops
    assert everyday.pattern is Pattern.PURSUE_WITHDRAW
    assert everyday.positions == {"janine": Position.PURSUER, "mathijs": Position.WITHDRAWER}
    assert sexual.pattern is Pattern.PURSUE_WITHDRAW
    assert sexual.positions == {"janine": Position.WITHDRAWER, "mathijs": Position.PURSUER}
    for loop in found_loops:
        assert loop.interactional
        assert loop.negative
        assert loop.polarity is Polarity.REINFORCING
        assert loop.partners == ("janine", "mathijs")
    assert everyday.elements == (
        "everyday.janine.behavior",
        "everyday.mathijs.perception",
        "everyday.mathijs.fear",
        "everyday.mathijs.primary",
        "everyday.mathijs.secondary",
        "everyday.mathijs.behavior",
        "everyday.janine.perception",
        "everyday.janine.fear",
        "everyday.janine.primary",
        "everyday.janine.secondary",
    )
    assert sexual.stances == {"janine": Stance.WITHDRAW, "mathijs": Stance.PURSUE}


def test_links_of_a_loop_close_the_circle(en_example: Path) -> None:
    loop = loops(load(en_example))[1]
    links = loop.links
    assert len(links) == len(loop.elements)
    assert links[-1] == (loop.elements[-1], loop.elements[0])
    case = load(en_example)
    all_links = {(link.source, link.target) for link in case.links}
    assert set(links) <= all_links


def test_same_loop_reads_the_same_whatever_the_input_order() -> None:
    elements = [
        Element("x2", "perception", "p", partner="b"),
        Element("x1", "behavior", "b", partner="a", stance="pursue"),
        Element("x3", "behavior", "b", partner="b", stance="withdraw"),
    ]
    links = [Link("x1", "x2"), Link("x2", "x3"), Link("x3", "x1")]
    partners = [Partner("a", "Ann"), Partner("b", "Bo")]
    first = loops(Case(id="x", partners=partners, elements=elements, links=links))
    rng = random.Random(3)
    for _ in range(5):
        rng.shuffle(elements)
        rng.shuffle(links)
        again = loops(Case(id="x", partners=partners, elements=elements, links=links))
        assert again == first
    assert first[0].elements == ("x1", "x2", "x3")


# --- patterns, polarity, intrapersonal, cross-domain, three partners --------------------------------


@pytest.mark.parametrize(
    ("a", "b", "pattern"),
    [
        ("pursue", "withdraw", Pattern.PURSUE_WITHDRAW),
        ("withdraw", "pursue", Pattern.PURSUE_WITHDRAW),
        ("pursue", "pursue", Pattern.ATTACK_ATTACK),
        ("withdraw", "withdraw", Pattern.WITHDRAW_WITHDRAW),
        ("reach", "respond", Pattern.SECURE),
        ("reach", "reach", Pattern.SECURE),
        ("reach", "withdraw", Pattern.MIXED),
        ("pursue", None, Pattern.MIXED),
        (None, None, Pattern.MIXED),
    ],
)
def test_each_pattern_type(a: str | None, b: str | None, pattern: Pattern) -> None:
    (loop,) = loops(two_step(a, b))
    assert loop.pattern is pattern
    assert loop.interactional
    assert loop.negative is (pattern is not Pattern.SECURE)


def test_pattern_without_any_behaviour_is_mixed() -> None:
    case = Case(
        id="x",
        partners=[Partner("a", "Ann"), Partner("b", "Bo")],
        elements=[Element("a1", "perception", "p", partner="a"), Element("b1", "fear", "f", partner="b")],
        links=[Link("a1", "b1"), Link("b1", "a1")],
    )
    (loop,) = loops(case)
    assert loop.pattern is Pattern.MIXED
    assert loop.positions == {"a": Position.UNDETERMINED, "b": Position.UNDETERMINED}
    assert loop.stances == {"a": None, "b": None}


def test_pattern_names_in_both_languages() -> None:
    assert {p.value: (p.english, p.dutch) for p in Pattern} == {
        "pursue-withdraw": ("Protest Polka", "protestpolka"),
        "attack-attack": ("Find the Bad Guy", "zoek de boef"),
        "withdraw-withdraw": ("Freeze and Flee", "verstijf en vlucht"),
        "secure": ("A.R.E. cycle", "veilige cirkel"),
        "mixed": ("mixed pattern", "gemengd patroon"),
    }
    assert Polarity.BALANCING.dutch == "balancerend"
    assert Pattern.SECURE.label("nl") == "veilige cirkel"


@pytest.mark.parametrize(
    ("signs", "polarity"),
    [
        (("+", "+"), Polarity.REINFORCING),
        (("+", "-"), Polarity.BALANCING),
        (("-", "+"), Polarity.BALANCING),
        (("-", "-"), Polarity.REINFORCING),
    ],
)
def test_balancing_loop(signs: tuple[str, str], polarity: Polarity) -> None:
    (loop,) = loops(two_step("pursue", "withdraw", signs=signs))
    assert loop.polarity is polarity
    assert loop.negative is (polarity is Polarity.REINFORCING)


def test_intrapersonal_loop_has_no_pattern() -> None:
    case = loads(
        HEAD
        + "cycles:\n  everyday:\n    a: {behavior: drinks, primary: shame, secondary: numb}\n"
        + "links:\n  - {from: everyday.a.behavior, to: everyday.a.primary}\n"
    )
    (loop,) = loops(case)
    assert loop.partners == ("a",)
    assert not loop.interactional
    assert not loop.negative
    assert loop.pattern is None
    assert loop.elements == ("everyday.a.behavior", "everyday.a.primary", "everyday.a.secondary")


def test_cross_domain_loop() -> None:
    case = loads(
        HEAD
        + "cycles:\n"
        + "  everyday:\n    a: {position: pursuer, behavior: criticises}\n"
        + "    b: {position: withdrawer, behavior: withdraws, primary: failure}\n"
        + "  sexual:\n    b: {position: pursuer, behavior: initiates}\n"
        + "    a: {position: withdrawer, behavior: rejects, perception: only his needs}\n"
        + "links:\n"
        + "  - {from: everyday.b.behavior, to: sexual.a.perception}\n"
        + "  - {from: sexual.a.behavior, to: everyday.b.primary}\n"
    )
    found_loops = loops(case)
    crossing = [loop for loop in found_loops if loop.domains == ("everyday", "sexual")]
    assert len(crossing) == 1
    (loop,) = crossing
    assert loop.elements == (
        "everyday.b.behavior",
        "sexual.a.perception",
        "sexual.a.behavior",
        "everyday.b.primary",
    )
    assert loop.pattern is Pattern.WITHDRAW_WITHDRAW  # both behaviours on it withdraw
    assert [loop.domains for loop in found_loops] == [("everyday",), ("everyday", "sexual"), ("sexual",)]
    assert loop not in loops(case, domain="everyday")
    assert loop not in loops(case, domain="sexual")
    assert [x.domains for x in loops(case, domain="sexual")] == [("sexual",)]


def test_three_partner_loop() -> None:
    case = loads(
        HEAD
        + "cycles:\n  everyday:\n"
        + "    a: {position: pursuer, behavior: lectures}\n"
        + "    b: {position: withdrawer, behavior: works late}\n"
        + "    c: {position: withdrawer, behavior: slams the door}\n"
    )
    found_loops = loops(case)
    # Standard wiring: every behaviour reaches both others: 3 two-person found_loops and 2 three-person found_loops.
    assert sorted(len(loop.partners) for loop in found_loops) == [2, 2, 2, 3, 3]
    three = [loop for loop in found_loops if len(loop.partners) == 3]
    assert {loop.elements for loop in three} == {
        ("everyday.a.behavior", "everyday.b.behavior", "everyday.c.behavior"),
        ("everyday.a.behavior", "everyday.c.behavior", "everyday.b.behavior"),
    }
    for loop in three:
        assert loop.pattern is Pattern.PURSUE_WITHDRAW
        assert loop.positions == {
            "a": Position.PURSUER,
            "b": Position.WITHDRAWER,
            "c": Position.WITHDRAWER,
        }
    b_and_c = next(loop for loop in found_loops if loop.partners == ("b", "c"))
    assert b_and_c.pattern is Pattern.WITHDRAW_WITHDRAW


def test_family_example_has_three_person_loops() -> None:
    found_loops = loops(load("examples/family-morgan.yaml"))
    assert any(set(loop.partners) == {"sarah", "tom", "lily"} for loop in found_loops)
    assert all(loop.pattern is not None for loop in found_loops if loop.interactional)


def test_loop_through_partnerless_trigger() -> None:
    case = Case(
        id="x",
        partners=[Partner("a", "Ann")],
        elements=[
            Element("t", "trigger", "the phone"),
            Element("a1", "behavior", "checks it", partner="a", stance="pursue"),
        ],
        links=[Link("t", "a1"), Link("a1", "t")],
    )
    (loop,) = loops(case)
    assert loop.partners == ("a",)
    assert loop.elements == ("t", "a1")
    assert loop.pattern is None


# --- order --------------------------------------------------------------------------------------------


def test_interactional_reinforcing_first_then_domain_order() -> None:
    case = loads(
        HEAD
        + "domains: [sexual, everyday]\n"
        + "cycles:\n"
        + "  everyday:\n    a: {stance: pursue, behavior: x, primary: p, secondary: s}\n"
        + "    b: {stance: withdraw, behavior: y}\n"
        + "  sexual:\n    a: {stance: reach, behavior: x}\n    b: {stance: respond, behavior: y}\n"
        + "links:\n  - {from: everyday.a.behavior, to: everyday.a.primary}\n"
        + "  - {from: everyday.b.behavior, to: everyday.a.secondary, sign: '-'}\n"
    )
    found_loops = loops(case)
    described = [
        (loop.domains, loop.interactional, str(loop.polarity), str(loop.pattern)) for loop in found_loops
    ]
    assert described == [
        (("sexual",), True, "reinforcing", "secure"),
        (("everyday",), True, "reinforcing", "pursue-withdraw"),
        # the rest: same group, same length: by their elements in canonical order
        (("everyday",), False, "reinforcing", "None"),
        (("everyday",), True, "balancing", "pursue-withdraw"),
    ]
    assert found_loops[2].elements == ("everyday.a.behavior", "everyday.a.primary", "everyday.a.secondary")


def _key(loop_elements: tuple[str, ...], rank: dict[str, int]) -> tuple[int, ...]:
    return tuple(rank[e] for e in loop_elements)


# --- random graphs: the same loops as networkx, bounded or not -----------------------------------------


@st.composite
def graphs(draw: st.DrawFn, *, max_nodes: int = 9) -> Case:
    n = draw(st.integers(min_value=1, max_value=max_nodes))
    partners = [Partner(f"p{i}", f"P{i}") for i in range(draw(st.integers(1, 3)))]
    domains = ["everyday", "sexual"][: draw(st.integers(1, 2))]
    kinds = st.sampled_from(["behavior", "perception", "primary_emotion", "need"])
    elements = []
    for i in range(n):
        kind = draw(kinds)
        stance = draw(st.sampled_from(["pursue", "withdraw", "reach", "respond", None]))
        elements.append(
            Element(
                f"e{i}",
                kind,
                "x",
                partner=draw(st.sampled_from(partners)).id,
                domain=draw(st.sampled_from(domains)),
                stance=stance if kind == "behavior" else None,
            )
        )
    pairs = draw(
        st.sets(
            st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda p: p[0] != p[1]),
            max_size=n * 3,
        )
    )
    links = [Link(f"e{a}", f"e{b}", sign=draw(st.sampled_from(["+", "+", "-"]))) for a, b in sorted(pairs)]
    return Case(id="random", partners=partners, elements=elements, links=links, domains=domains)


def _canonical(cycle: list[str], rank: dict[str, int]) -> tuple[str, ...]:
    start = min(range(len(cycle)), key=lambda i: rank[cycle[i]])
    return tuple(cycle[start:] + cycle[:start])


@given(graphs(), st.integers(min_value=0, max_value=10))
def test_same_loops_as_networkx(case: Case, bound: int) -> None:
    rank = {e.id: i for i, e in enumerate(case.elements)}
    graph = case.to_networkx()
    expected = {_canonical(c, rank) for c in nx.simple_cycles(graph)}
    found_loops = loops(case, limit=None)
    assert len(found_loops) == len(expected)
    assert {loop.elements for loop in found_loops} == expected
    bounded_expected = {_canonical(c, rank) for c in nx.simple_cycles(graph, length_bound=bound)}
    bounded = loops(case, max_length=bound, limit=None)
    assert len(bounded) == len(bounded_expected)
    assert {loop.elements for loop in bounded} == bounded_expected
    # a bounded search is the unbounded one filtered, in the same order
    assert bounded == [loop for loop in found_loops if len(loop.elements) <= bound]


@given(graphs())
def test_loop_facts_match_their_elements(case: Case) -> None:
    rank = {e.id: i for i, e in enumerate(case.elements)}
    partner_order = [p.id for p in case.partners]
    signs = {(link.source, link.target): link.sign.value for link in case.links}
    found_loops = loops(case, limit=None)
    for loop in found_loops:
        elements = [case.element(e) for e in loop.elements]
        assert rank[loop.elements[0]] == min(rank[e] for e in loop.elements)
        assert len(set(loop.elements)) == len(loop.elements)
        partners = {e.partner for e in elements if e.partner is not None}
        assert loop.partners == tuple(p for p in partner_order if p in partners)
        assert loop.domains == tuple(d for d in case.domains if d in {e.domain for e in elements})
        negatives = sum(signs[pair] == "-" for pair in loop.links)
        assert loop.polarity is (Polarity.BALANCING if negatives % 2 else Polarity.REINFORCING)
        stances = {e.stance for e in elements if e.kind == "behavior"}
        if not loop.interactional:
            assert loop.pattern is None
        elif Stance.PURSUE in stances and Stance.WITHDRAW in stances:
            assert loop.pattern is Pattern.PURSUE_WITHDRAW
        elif stances == {Stance.PURSUE}:
            assert loop.pattern is Pattern.ATTACK_ATTACK
        elif stances == {Stance.WITHDRAW}:
            assert loop.pattern is Pattern.WITHDRAW_WITHDRAW
        elif stances and stances <= {Stance.REACH, Stance.RESPOND}:
            assert loop.pattern is Pattern.SECURE
        else:
            assert loop.pattern is Pattern.MIXED
    # the order: group, domain ranks, secure last, longer first, then lexicographic by rank
    domain_rank = {d: i for i, d in enumerate(case.domains)}

    def key(loop: Loop) -> tuple[object, ...]:
        return (
            0 if loop.interactional and loop.polarity is Polarity.REINFORCING else 1,
            tuple(domain_rank[d] for d in loop.domains),
            loop.pattern is Pattern.SECURE,
            -len(loop.elements),
            _key(loop.elements, rank),
        )

    assert found_loops == sorted(found_loops, key=key)
    assert loops(case, limit=None) == found_loops  # deterministic


# --- limits and errors ------------------------------------------------------------------------------------


def _complete(n: int) -> Case:
    partners = [Partner("a", "Ann"), Partner("b", "Bo")]
    elements = [
        Element(f"e{i:02}", "behavior", "x", partner=partners[i % 2].id, stance="pursue") for i in range(n)
    ]
    links = [Link(f"e{i:02}", f"e{j:02}") for i in range(n) for j in range(n) if i != j]
    return Case(id="dense", partners=partners, elements=elements, links=links)


def test_loop_limit_stops_at_once() -> None:
    case = _complete(30)  # about 10^31 simple cycles: only a limit can end this
    started = time.perf_counter()
    with pytest.raises(LoopLimitError) as caught:
        loops(case, limit=500)
    assert time.perf_counter() - started < 5
    message = str(caught.value)
    assert "more than 500 loops" in message
    assert "domain" in message
    assert "max_length" in message
    assert "--max-length" in message


def test_loop_limit_boundary() -> None:
    case = _complete(4)  # 20 simple cycles
    assert len(loops(case, limit=20)) == 20
    with pytest.raises(LoopLimitError, match="more than 19 loops"):
        loops(case, limit=19)
    assert len(loops(case, limit=None)) == 20
    assert len(loops(case, max_length=2, limit=6)) == 6
    with pytest.raises(LoopLimitError, match="more than 1 loop:"):
        loops(case, limit=1)


def test_default_limit_is_ten_thousand() -> None:
    with pytest.raises(LoopLimitError, match="more than 10,000 loops"):
        loops(_complete(9))  # 125 673 simple cycles


def test_unknown_domain_lists_the_domains(en_example: Path) -> None:
    with pytest.raises(UnknownDomainError) as caught:
        loops(load(en_example), domain="sexueel")
    assert str(caught.value) == (
        "case 'janine-mathijs': unknown domain 'sexueel' (allowed: everyday, sexual); did you mean 'sexual'?"
    )
    assert isinstance(caught.value, KeyError)


@pytest.mark.parametrize("option", ["max_length", "limit"])
@pytest.mark.parametrize("value", [-1, 1.5, True, "3"])
def test_bad_counts_are_rejected(en_example: Path, option: str, value: object) -> None:
    with pytest.raises(OptionError, match=option):
        loops(load(en_example), **{option: value})  # type: ignore[arg-type]


def test_short_bounds_give_no_loops(en_example: Path) -> None:
    case = load(en_example)
    assert loops(case, max_length=0) == []
    assert loops(case, max_length=1) == []
    assert len(loops(case, max_length=9)) == 1
    assert loops(case, limit=0, max_length=7) == []


def test_case_without_links_has_no_loops() -> None:
    case = Case(id="x", partners=[Partner("a", "Ann")], elements=[Element("a", "need", "rest", partner="a")])
    assert loops(case) == []
    assert loops(Case(id="empty", partners=[])) == []


def test_loops_compare_by_content_not_by_case_identity(en_example: Path) -> None:
    first = loops(load(en_example))
    second = loops(load(en_example))
    assert first == second
    assert hash(first[0]) == hash(second[0])
    assert "case=" not in repr(first[0])


def test_loop_record_is_plain_data(en_example: Path) -> None:
    import json

    from eftgraph._loops import loop_record

    for loop in loops(load("examples/family-morgan.yaml")) + loops(load(en_example)):
        record = loop_record(loop)
        assert json.loads(json.dumps(record)) == record  # strings, numbers, booleans, lists, dicts only
        assert record["elements"] == list(loop.elements)
        assert record["length"] == len(loop.elements)
        assert (record["interactional"], record["negative"]) == (loop.interactional, loop.negative)
        assert record["polarity"] == str(loop.polarity)
        assert record["pattern"] == (None if loop.pattern is None else str(loop.pattern))
        assert record["positions"] == {p: str(x) for p, x in loop.positions.items()}
        words = [
            record["polarity"],
            record["pattern"],
            *record["positions"].values(),
            *record["stances"].values(),
        ]
        assert all(word is None or type(word) is str for word in words)  # plain words, not enums
