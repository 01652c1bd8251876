"""positions(): declared wins, inferred from stances, undetermined with the reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from eftgraph import (
    Case,
    DeclaredPosition,
    Element,
    Partner,
    Position,
    PositionReason,
    Positions,
    UnknownDomainError,
    load,
    positions,
)

PARTNERS = [Partner("a", "Ann"), Partner("b", "Bo"), Partner("c", "Cas")]


def case_with(*elements: Element, declared: tuple[DeclaredPosition, ...] = ()) -> Case:
    return Case(
        id="x",
        partners=PARTNERS,
        elements=elements,
        declared_positions=declared,
        domains=("everyday", "sexual"),
    )


def behaviour(element_id: str, partner: str, stance: str | None, domain: str = "everyday") -> Element:
    return Element(element_id, "behavior", "does something", partner=partner, stance=stance, domain=domain)


@pytest.mark.parametrize("name", ["janine-mathijs.yaml", "janine-mathijs.en.yaml"])
def test_example_positions_reverse(name: str) -> None:
    case = load(Path("examples") / name)
    assert positions(case, "everyday") == {"janine": Position.PURSUER, "mathijs": Position.WITHDRAWER}
    assert positions(case, "sexual") == {"janine": Position.WITHDRAWER, "mathijs": Position.PURSUER}
    assert set(positions(case, "sexual").reasons.values()) == {PositionReason.DECLARED}


def test_declared_wins_over_inference() -> None:
    found = positions(
        case_with(
            behaviour("a1", "a", None),
            declared=(DeclaredPosition("everyday", "a", "withdrawer"),),
        ),
        "everyday",
    )
    assert found["a"] is Position.WITHDRAWER
    assert found.reasons["a"] is PositionReason.DECLARED


def test_inferred_from_stances() -> None:
    found = positions(
        case_with(
            behaviour("a1", "a", "pursue"),
            behaviour("a2", "a", "pursue"),
            behaviour("a3", "a", None),  # no stance: no evidence either way
            behaviour("b1", "b", "withdraw"),
            behaviour("b2", "b", "respond"),  # a secure move does not make a position
        ),
        "everyday",
    )
    assert found["a"] is Position.PURSUER
    assert found["b"] is Position.WITHDRAWER
    assert found.reasons["a"] is found.reasons["b"] is PositionReason.INFERRED
    assert found.evidence["a"] == ("a1", "a2", "a3")


def test_undetermined_positions_say_why() -> None:
    found = positions(
        case_with(
            behaviour("a1", "a", "pursue"),
            behaviour("a2", "a", "withdraw"),
            behaviour("b1", "b", "reach"),
            Element("c1", "need", "rest", partner="c"),
            behaviour("c2", "c", "pursue", domain="sexual"),
        ),
        "everyday",
    )
    assert found == dict.fromkeys("abc", Position.UNDETERMINED)
    assert found.reasons == {
        "a": PositionReason.SPLIT,
        "b": PositionReason.NO_STANCE,
        "c": PositionReason.NO_BEHAVIOR,
    }
    assert found.undetermined() == found.reasons
    assert found.evidence["c"] == ()


def test_every_partner_is_listed_in_case_order() -> None:
    found = positions(case_with(behaviour("c1", "c", "withdraw")), "everyday")
    assert list(found) == ["a", "b", "c"]
    assert len(found) == 3
    assert found["c"] is Position.WITHDRAWER
    assert found.undetermined() == {"a": PositionReason.NO_BEHAVIOR, "b": PositionReason.NO_BEHAVIOR}


def test_positions_is_a_read_only_mapping(en_example: Path) -> None:
    found = positions(load(en_example), "everyday")
    assert isinstance(found, Positions)
    assert found.domain == "everyday"
    with pytest.raises(TypeError):
        found["janine"] = Position.WITHDRAWER  # type: ignore[index]
    assert repr(found) == "Positions('everyday', {'janine': 'pursuer', 'mathijs': 'withdrawer'})"
    assert dict(found) == {"janine": "pursuer", "mathijs": "withdrawer"}


def test_family_three_partners() -> None:
    case = load("examples/family-morgan.yaml")
    assert positions(case, "everyday") == {"sarah": "pursuer", "tom": "withdrawer", "lily": "withdrawer"}
    assert positions(case, "caregiving") == {"sarah": "withdrawer", "tom": "pursuer", "lily": "withdrawer"}


def test_unknown_domain(en_example: Path) -> None:
    with pytest.raises(
        UnknownDomainError, match=r"unknown domain 'caregiving' \(allowed: everyday, sexual\)"
    ):
        positions(load(en_example), "caregiving")
