"""Where to intervene, in clinical terms: labels not ids, reasons, below the waterline first."""

from __future__ import annotations

from eftgraph import load, loads
from eftgraph._where import lines, where_to_intervene

CROSSING = """eftgraph: 1
id: x
partners:
  - {id: a, name: Ann}
  - {id: b, name: Bo}
cycles:
  everyday:
    a: {position: pursuer, behavior: criticises, perception: he is never there, primary: loneliness}
    b: {position: withdrawer, behavior: goes quiet, perception: I fail her, primary: shame}
  sexual:
    b: {position: pursuer, behavior: initiates, perception: she does not want me}
    a: {position: withdrawer, behavior: turns away, perception: I only matter for sex}
links:
  - {from: everyday.b.behavior, to: sexual.a.perception}
  - {from: sexual.a.behavior, to: everyday.b.perception}
"""


def test_below_the_waterline_and_recurring_come_first_with_labels_in_the_case_language() -> None:
    where = where_to_intervene(load("examples/janine-mathijs.yaml"))
    first = where.footholds[0]
    assert first.elements == ("everyday.mathijs.primary", "sexual.mathijs.primary")
    assert first.reasons[:2] == ("below", "recurring")
    text = "\n".join(lines(where))
    assert (
        "Mathijs: ‘schaamte, gevoel te falen’ en ‘gevoel te falen’ (primaire emotie): onder de waterlijn; in beide cirkels"
        in text
    )
    assert "everyday." not in text and "sexual." not in text  # labels, never ids
    assert "sets" not in text and "80" not in text  # no combinatorial count up front


def test_independent_cycles_are_said_plainly() -> None:
    en = lines(where_to_intervene(load("examples/janine-mathijs.en.yaml")))
    assert en[-1] == (
        "The cycles in everyday life and in the sexual relationship are independent of each other: "
        "each cycle stops wherever it is broken."
    )
    assert lines(where_to_intervene(load("examples/janine-mathijs.en.yaml")), "nl")[-1].startswith(
        "De cirkels in het dagelijks leven en in hun seksuele relatie staan los van elkaar"
    )


def test_cycles_that_feed_each_other_are_not_called_independent() -> None:
    where = where_to_intervene(loads(CROSSING))
    assert not where.independent
    assert not any("independent" in line for line in lines(where))
    assert any("domains" in f.reasons for f in where.footholds)


def test_no_negative_loop() -> None:
    case = loads(
        "eftgraph: 1\nid: x\npartners:\n  - {id: a, name: Ann}\ncycles:\n  everyday:\n    a: {behavior: sighs}\n"
    )
    assert lines(where_to_intervene(case)) == [
        "Where to intervene: there is no negative loop (interactional, reinforcing, not secure)."
    ]
