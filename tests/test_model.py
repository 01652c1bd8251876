"""The case model: enums, invariants, canonical order."""

from __future__ import annotations

import pytest

from eftgraph import (
    Case,
    CaseError,
    ConcernKind,
    Element,
    ElementKind,
    Link,
    Partner,
    Position,
    Relation,
    Sign,
    Stance,
)

PARTNERS = [Partner("a", "Ann"), Partner("b", "Bo")]


def test_enum_values_are_the_words_of_the_design() -> None:
    assert [k.value for k in ElementKind] == [
        "trigger",
        "behavior",
        "perception",
        "secondary_emotion",
        "fear",
        "primary_emotion",
        "need",
    ]
    assert [s.value for s in Stance] == ["pursue", "withdraw", "reach", "respond"]
    assert [p.value for p in Position] == ["pursuer", "withdrawer", "undetermined"]
    assert [s.value for s in Sign] == ["+", "-"]
    assert [c.value for c in ConcernKind] == [
        "dysfunction",
        "illness",
        "disability",
        "paraphilia",
        "trauma",
        "coercion",
        "other",
    ]
    assert str(Stance.PURSUE) == "pursue"
    assert Stance.PURSUE.value == "pursue"
    assert isinstance(Stance.PURSUE, str)


def test_stance_only_on_behaviour() -> None:
    with pytest.raises(CaseError, match=r"elements\[0\]\.stance: only a behavior has a stance"):
        Case(
            id="x", partners=PARTNERS, elements=[Element("n", "need", "safety", partner="a", stance="reach")]
        )


def test_every_broken_rule_is_reported_at_once() -> None:
    with pytest.raises(CaseError) as caught:
        Case(
            id="x",
            partners=PARTNERS,
            elements=[
                Element("e", "behavior", "shouts", partner="c"),
                Element("e", "fear", "alone", partner="a"),
                Element("f", "need", "rest"),
            ],
            links=[Link("e", "g")],
        )
    paths = [p.path for p in caught.value.problems]
    assert paths == ["elements[0].partner", "elements[1].id", "elements[2].partner", "links[0].to"]
    assert caught.value.problems[0].suggestion is None
    assert caught.value.problems[0].allowed == ("a", "b")


def test_unknown_enum_value_suggests_the_nearest() -> None:
    with pytest.raises(CaseError) as caught:
        Element("e", "behaviour", "shouts", partner="a")
    assert caught.value.problems[0].suggestion == "behavior"


def test_declared_position_must_agree_with_stances() -> None:
    from eftgraph import DeclaredPosition

    with pytest.raises(CaseError, match="contradicts a's declared position pursuer"):
        Case(
            id="x",
            partners=PARTNERS,
            elements=[Element("e", "behavior", "leaves", partner="a", stance="withdraw")],
            declared_positions=[DeclaredPosition("everyday", "a", "pursuer")],
        )
    # secure moves do not contradict a position
    Case(
        id="x",
        partners=PARTNERS,
        elements=[Element("e", "behavior", "reaches out", partner="a", stance="reach")],
        declared_positions=[DeclaredPosition("everyday", "a", "pursuer")],
    )


def test_canonical_order_makes_equal_cases_equal() -> None:
    elements = [
        Element("b1", "behavior", "goes quiet", partner="b"),
        Element("a2", "need", "closeness", partner="a"),
        Element("a1", "behavior", "criticises", partner="a"),
        Element("s1", "behavior", "turns away", partner="a", domain="sexual"),
    ]
    links = [Link("b1", "a1"), Link("a1", "b1", sign="-")]
    one = Case(id="x", partners=PARTNERS, elements=elements, links=links)
    two = Case(
        id="x", partners=PARTNERS, elements=elements[::-1], links=links[::-1], domains=["everyday", "sexual"]
    )
    assert one == two
    assert [e.id for e in one.elements] == ["a1", "a2", "b1", "s1"]
    assert one.links[0].sign is Sign.DAMPENS


def test_relations_from_kinds() -> None:
    k = ElementKind
    assert Relation.between(k.BEHAVIOR, k.PERCEPTION) is Relation.PERCEIVED_AS
    assert Relation.between(k.TRIGGER, k.PERCEPTION) is Relation.PERCEIVED_AS
    assert Relation.between(k.PERCEPTION, k.FEAR) is Relation.EVOKES
    assert Relation.between(k.FEAR, k.PRIMARY_EMOTION) is Relation.EVOKES
    assert Relation.between(k.PRIMARY_EMOTION, k.SECONDARY_EMOTION) is Relation.MASKS
    assert Relation.between(k.SECONDARY_EMOTION, k.BEHAVIOR) is Relation.DRIVES
    assert Relation.between(k.PRIMARY_EMOTION, k.NEED) is Relation.SIGNALS


def test_to_networkx_attributes(en_example: object) -> None:
    from eftgraph import load

    graph = load("examples/janine-mathijs.en.yaml").to_networkx()
    assert graph.number_of_nodes() == 24
    assert graph.nodes["laptop-evening"] == {
        "partner": "mathijs",
        "domain": "everyday",
        "kind": "behavior",
        "stance": "withdraw",
        "label": "silent evening behind the laptop",
    }
    edge = graph.edges["everyday.janine.primary", "everyday.janine.secondary"]
    assert edge == {"sign": "+", "relation": "masks", "label": None}
    assert graph.graph["language"] == "en"


def test_notebook_display_asks_the_registered_hook(monkeypatch: pytest.MonkeyPatch) -> None:
    from eftgraph import _display

    case = Case(id="x", partners=PARTNERS)
    calls: list[tuple[object, object, object]] = []

    def hook(obj: object, include: object, exclude: object) -> dict[str, object]:
        calls.append((obj, include, exclude))
        return {"image/svg+xml": "<svg/>"}

    monkeypatch.setitem(_display._hooks, "case", hook)
    assert case._repr_mimebundle_(include=["image/svg+xml"]) == {"image/svg+xml": "<svg/>"}
    assert calls == [(case, ["image/svg+xml"], None)]
    monkeypatch.delitem(_display._hooks, "case", raising=False)
    assert case._repr_mimebundle_() == {"text/plain": repr(case)}


def test_from_sheets_lets_explicit_links_replace_standard_ones() -> None:
    from eftgraph import Sheet

    case = Case.from_sheets(
        id="x",
        partners=PARTNERS,
        sheets=[Sheet("everyday", "a", behavior="criticises"), Sheet("everyday", "b", behavior="goes quiet")],
        links=[Link("everyday.a.behavior", "everyday.b.behavior", sign="-", label="calms")],
    )
    assert [(link.source, link.target, link.sign, link.label) for link in case.links] == [
        ("everyday.a.behavior", "everyday.b.behavior", Sign.DAMPENS, "calms"),
        ("everyday.b.behavior", "everyday.a.behavior", Sign.AMPLIFIES, None),
    ]


def test_the_model_keeps_the_names_the_loader_imports() -> None:
    from eftgraph import _model, _rules, _vocabulary

    assert _model._check is _rules.check
    assert _model._Issue is _rules.Issue
    assert _model.ID_PATTERN is _vocabulary.ID_PATTERN
    issues = _rules.check((Partner("a", "Ann"), Partner("a", "Al")), (), (), (), (), (), "nll")
    assert [_rules.problem(issue).path for issue in issues] == ["partners[1].id", "language"]
    assert (issues[1].found, issues[1].allowed, issues[1].suggestion) == ("nll", ("en", "nl"), "nl")
