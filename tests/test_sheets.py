"""Cycle sheets: the standard wiring of DESIGN §2, and sheets combined with the general form."""

from __future__ import annotations

import pytest

from eftgraph import CaseError, ElementKind, Sign, Stance, load, loads

HEAD = "eftgraph: 1\nid: x\npartners: [{id: a, name: Ann}, {id: b, name: Bo}, {id: c, name: Cas}]\n"


def pairs(text: str) -> set[tuple[str, str]]:
    return {(link.source, link.target) for link in loads(HEAD + text).links}


def test_full_column_chain_and_need() -> None:
    got = pairs(
        "cycles:\n  everyday:\n    a: {trigger: t, behavior: b, perception: p, secondary: s, fear: f,"
        " primary: pr, need: n}\n"
    )
    d = "everyday.a."
    assert got == {
        (d + "trigger", d + "perception"),
        (d + "perception", d + "fear"),
        (d + "fear", d + "primary"),
        (d + "primary", d + "secondary"),
        (d + "secondary", d + "behavior"),
        (d + "primary", d + "need"),
    }


def test_absent_slots_are_skipped() -> None:
    got = pairs("cycles:\n  everyday:\n    a: {behavior: b, perception: p, primary: pr}\n")
    assert got == {
        ("everyday.a.perception", "everyday.a.primary"),
        ("everyday.a.primary", "everyday.a.behavior"),
    }


def test_need_without_primary_hangs_from_the_deepest_present_layer() -> None:
    got = pairs("cycles:\n  everyday:\n    a: {behavior: b, need: n}\n")
    assert got == {("everyday.a.behavior", "everyday.a.need")}
    got = pairs("cycles:\n  everyday:\n    a: {behavior: b, perception: p, fear: f, need: n}\n")
    assert ("everyday.a.fear", "everyday.a.need") in got


@pytest.mark.parametrize(
    ("slots", "entry"),
    [
        ("perception: p, fear: f, primary: pr, secondary: s", "perception"),
        ("fear: f, primary: pr, secondary: s", "fear"),
        ("primary: pr, secondary: s", "primary"),
        ("secondary: s", "secondary"),
        ("need: n", "behavior"),
    ],
)
def test_other_partners_move_enters_at_first_present_slot(slots: str, entry: str) -> None:
    got = pairs(f"cycles:\n  everyday:\n    a: {{behavior: x}}\n    b: {{behavior: y, {slots}}}\n")
    assert ("everyday.a.behavior", f"everyday.b.{entry}") in got
    assert not any(
        s == "everyday.a.behavior" and t.startswith("everyday.b.") and t != f"everyday.b.{entry}"
        for s, t in got
    )


def test_cross_links_stay_inside_a_domain_and_reach_every_other_partner() -> None:
    got = pairs(
        "cycles:\n  everyday:\n    a: {behavior: x, perception: p}\n    b: {behavior: y, perception: q}\n"
        "    c: {behavior: z, perception: r}\n  sexual:\n    a: {behavior: w, perception: s}\n"
    )
    crossing = {(s, t) for s, t in got if s.split(".")[1] != t.split(".")[1]}
    assert crossing == {
        ("everyday.a.behavior", "everyday.b.perception"),
        ("everyday.a.behavior", "everyday.c.perception"),
        ("everyday.b.behavior", "everyday.a.perception"),
        ("everyday.b.behavior", "everyday.c.perception"),
        ("everyday.c.behavior", "everyday.a.perception"),
        ("everyday.c.behavior", "everyday.b.perception"),
    }


def test_explicit_link_replaces_the_standard_one() -> None:
    case = loads(
        HEAD
        + "cycles:\n  everyday:\n    a: {behavior: x, perception: p}\n    b: {behavior: y, perception: q}\n"
        + "links:\n  - {from: everyday.a.behavior, to: everyday.b.perception, sign: '-', label: softens}\n"
    )
    found = [
        link
        for link in case.links
        if (link.source, link.target) == ("everyday.a.behavior", "everyday.b.perception")
    ]
    assert len(found) == 1
    assert found[0].sign is Sign.DAMPENS
    assert found[0].label == "softens"
    assert len(case.links) == 4


def test_sheet_elements_have_kinds_ids_and_stance_from_position() -> None:
    case = loads(HEAD + "cycles:\n  sexual:\n    b: {position: withdrawer, behavior: y, secondary: s}\n")
    behavior = case.element("sexual.b.behavior")
    assert behavior.kind is ElementKind.BEHAVIOR
    assert behavior.stance is Stance.WITHDRAW
    assert behavior.domain == "sexual"
    assert behavior.partner == "b"
    assert case.element("sexual.b.secondary").kind is ElementKind.SECONDARY_EMOTION
    assert case.element("sexual.b.secondary").stance is None
    assert case.declared_position("sexual", "b") == "withdrawer"


def test_secure_sheet_uses_stance() -> None:
    case = loads(HEAD + "cycles:\n  sexual:\n    a: {stance: reach, behavior: 'let us just try'}\n")
    assert case.element("sexual.a.behavior").stance is Stance.REACH
    assert case.declared_position("sexual", "a") is None


def test_sheets_and_general_form_combine(en_example: object) -> None:
    case = load("examples/janine-mathijs.en.yaml")
    laptop = case.element("laptop-evening")
    assert (laptop.partner, laptop.domain, laptop.stance) == ("mathijs", "everyday", Stance.WITHDRAW)
    link = next(link for link in case.links if link.source == "laptop-evening")
    assert link.target == "sexual.janine.perception"
    assert case.domains == ("everyday", "sexual")


def test_general_element_may_not_take_a_sheet_id() -> None:
    with pytest.raises(CaseError, match=r"elements\[0\]\.id: duplicate element id"):
        loads(
            HEAD
            + "cycles:\n  everyday:\n    a: {behavior: x}\n"
            + "elements:\n  - {id: everyday.a.behavior, partner: a, kind: behavior, label: y}\n"
        )


def test_declared_position_contradicted_by_a_general_element() -> None:
    with pytest.raises(CaseError) as caught:
        loads(
            HEAD
            + "cycles:\n  everyday:\n    a: {position: pursuer, behavior: x}\n"
            + "elements:\n  - {id: e, partner: a, kind: behavior, stance: withdraw, label: y}\n"
        )
    assert caught.value.problems[0].path == "elements[0].stance"
    assert "contradicts a's declared position pursuer" in caught.value.problems[0].message
