"""domain_comparison(): positions in two domains, reversals, their kind, and the bridges."""

from __future__ import annotations

from pathlib import Path

import pytest

from eftgraph import (
    Bridge,
    BridgeKind,
    Case,
    DomainComparison,
    Position,
    ReversalKind,
    UnknownDomainError,
    domain_comparison,
    load,
    loads,
)
from eftgraph.errors import OptionError

HEAD = "eftgraph: 1\nid: x\npartners: [{id: a, name: Ann}, {id: b, name: Bo}, {id: c, name: Cas}]\n"


def sheets(everyday: dict[str, str], other: dict[str, str], *, rest: str = "") -> Case:
    """A case with one behaviour sheet per partner and position in ``everyday`` and ``sexual``."""
    text = HEAD + "cycles:\n"
    for domain, table in (("everyday", everyday), ("sexual", other)):
        text += f"  {domain}:\n"
        for partner, position in table.items():
            field = (
                f"position: {position}" if position in ("pursuer", "withdrawer") else f"stance: {position}"
            )
            text += f"    {partner}: {{{field}, behavior: moves}}\n"
    return loads(text + rest)


@pytest.mark.parametrize("name", ["janine-mathijs.yaml", "janine-mathijs.en.yaml"])
def test_example_is_a_mirrored_reversal_with_the_laptop_bridge(name: str) -> None:
    comparison = domain_comparison(load(Path("examples") / name))
    assert (comparison.a, comparison.b) == ("everyday", "sexual")
    assert comparison.kind is ReversalKind.MIRRORED
    assert comparison.reversals == ("janine", "mathijs")
    assert comparison.undetermined == ()
    assert comparison.position_pairs() == {
        "janine": (Position.PURSUER, Position.WITHDRAWER),
        "mathijs": (Position.WITHDRAWER, Position.PURSUER),
    }
    (link,) = comparison.links
    assert (link.kind, link.source, link.target, link.partner) == (
        BridgeKind.LINK,
        "laptop-evening",
        "sexual.janine.perception",
        "mathijs",
    )
    assert link.label in ("no connection before bed", "geen verbinding voor het slapen")
    shared = {(b.source, b.target) for b in comparison.shared}
    assert ("everyday.mathijs.primary", "sexual.mathijs.primary") in shared  # his failure under both
    assert ("everyday.janine.primary", "sexual.janine.primary") in shared  # her loneliness
    assert ("everyday.mathijs.behavior", "sexual.mathijs.behavior") not in shared


def test_both_languages_find_the_same_bridges(en_example: Path, nl_example: Path) -> None:
    en, nl = domain_comparison(load(en_example)), domain_comparison(load(nl_example))
    assert [(b.kind, b.source, b.target) for b in en.bridges] == [
        (b.kind, b.source, b.target) for b in nl.bridges
    ]
    words = {b.source: b.words for b in nl.shared}
    assert words["everyday.mathijs.primary"] == ("falen",)
    assert words["everyday.mathijs.need"] == ("goed",)  # goed ~ goede


def test_partial_reversal_and_more_of_the_same() -> None:
    partial = domain_comparison(
        sheets({"a": "pursuer", "b": "withdrawer"}, {"a": "withdrawer", "b": "withdrawer"})
    )
    assert partial.kind is ReversalKind.PARTIAL
    assert partial.reversals == ("a",)
    same = domain_comparison(sheets({"a": "pursuer", "b": "withdrawer"}, {"a": "pursuer", "b": "withdrawer"}))
    assert same.kind is ReversalKind.SAME
    assert same.kind.value == "more-of-the-same"
    assert same.reversals == ()


def test_undetermined_position_makes_the_kind_undetermined() -> None:
    comparison = domain_comparison(
        sheets({"a": "pursuer", "b": "withdrawer"}, {"a": "withdrawer", "b": "reach"})
    )
    assert comparison.kind is ReversalKind.UNDETERMINED
    assert comparison.reversals == ("a",)
    assert comparison.undetermined == ("b",)


def test_partner_absent_from_a_domain_is_left_out() -> None:
    # Cas takes part in the everyday cycle only: the parents' mirrored reversal still counts.
    comparison = domain_comparison(
        sheets({"a": "pursuer", "b": "withdrawer", "c": "withdrawer"}, {"a": "withdrawer", "b": "pursuer"})
    )
    assert comparison.kind is ReversalKind.MIRRORED
    assert comparison.positions["sexual"]["c"] is Position.UNDETERMINED


def test_one_partner_in_both_is_undetermined() -> None:
    comparison = domain_comparison(sheets({"a": "pursuer", "b": "withdrawer"}, {"a": "withdrawer"}))
    assert comparison.kind is ReversalKind.UNDETERMINED


def test_links_in_both_directions_are_bridges() -> None:
    case = sheets(
        {"a": "pursuer", "b": "withdrawer"},
        {"a": "withdrawer", "b": "pursuer"},
        rest="links:\n  - {from: sexual.a.behavior, to: everyday.b.behavior, sign: '-'}\n"
        "  - {from: everyday.a.behavior, to: sexual.b.behavior, label: tired}\n",
    )
    comparison = domain_comparison(case)
    assert [(b.source, b.target, b.label) for b in comparison.links] == [
        ("everyday.a.behavior", "sexual.b.behavior", "tired"),
        ("sexual.a.behavior", "everyday.b.behavior", None),
    ]
    reverse = domain_comparison(case, "sexual", "everyday")
    assert [(b.source, b.target) for b in reverse.links] == [(b.source, b.target) for b in comparison.links]
    assert reverse.reversals == comparison.reversals


def test_recurring_needs_same_partner_and_kind_and_a_meaning_word() -> None:
    case = loads(
        HEAD
        + "cycles:\n  everyday:\n"
        + "    a: {behavior: x, primary: 'shame, feeling a Failure'}\n"
        + "    b: {behavior: y, primary: the feeling of failing}\n"
        + "  sexual:\n"
        + "    a: {behavior: z, primary: failing again, secondary: failure}\n"
        + "    b: {behavior: w, primary: feeling alone}\n"
    )
    comparison = domain_comparison(case)
    assert comparison.shared == (
        Bridge(BridgeKind.RECURRING, "everyday.a.primary", "sexual.a.primary", "a", words=("Failure",)),
    )


def test_recurring_ignores_accents_and_case() -> None:
    case = loads(
        HEAD
        + "language: nl\ncycles:\n  everyday:\n    a: {behavior: x, need: Erkenning krijgen}\n"
        + "  sexual:\n    a: {behavior: y, need: erkénning}\n"
    )
    assert [b.words for b in domain_comparison(case).shared] == [("Erkenning",)]


def test_unknown_domains_and_same_domain(en_example: Path) -> None:
    case = load(en_example)
    with pytest.raises(
        UnknownDomainError, match=r"unknown domain 'caregiving' \(allowed: everyday, sexual\)"
    ):
        domain_comparison(case, "everyday", "caregiving")
    with pytest.raises(UnknownDomainError, match="did you mean 'everyday'"):
        domain_comparison(case, "everday")
    with pytest.raises(OptionError, match="two different domains"):
        domain_comparison(case, "sexual", "sexual")


def test_default_domains_missing(tmp_path: Path) -> None:
    case = load("examples/family-morgan.yaml")
    with pytest.raises(UnknownDomainError, match=r"allowed: everyday, caregiving"):
        domain_comparison(case)
    comparison = domain_comparison(case, "everyday", "caregiving")
    assert isinstance(comparison, DomainComparison)
    assert comparison.kind is ReversalKind.PARTIAL
    assert comparison.reversals == ("sarah", "tom")
    assert [(b.source, b.target) for b in comparison.links] == [
        ("everyday.tom.behavior", "caregiving.sarah.perception")
    ]


def test_reversal_kind_names() -> None:
    assert {k.value: (k.label("en"), k.label("nl")) for k in ReversalKind} == {
        "mirrored": ("mirrored reversal", "gespiegelde omkering"),
        "partial": ("partial reversal", "gedeeltelijke omkering"),
        "more-of-the-same": ("more of the same", "meer van hetzelfde"),
        "undetermined": ("not determined", "niet vastgesteld"),
    }


def test_comparisons_compare_by_content(en_example: Path) -> None:
    assert domain_comparison(load(en_example)) == domain_comparison(load(en_example))
