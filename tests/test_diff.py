"""diff() of two formulations: hand-made pairs, the worked example, and invariants."""

from __future__ import annotations

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import eftgraph
from eftgraph import Case, Element, Link, Partner, Position, ReversalKind, Sign
from eftgraph._diff import diff
from eftgraph._loops import Pattern, Polarity
from tests.course_support import EXAMPLES
from tests.strategies import cases

PEOPLE = [Partner("a", "Ann"), Partner("b", "Bo")]


def dance(a_stance: str, b_stance: str, *, sign: str = "+", a_label: str = "criticises") -> Case:
    return Case(
        id="x",
        partners=PEOPLE,
        elements=[
            Element("a1", "behavior", a_label, partner="a", stance=a_stance),
            Element("b1", "behavior", "goes quiet", partner="b", stance=b_stance),
        ],
        links=[Link("a1", "b1", sign=sign), Link("b1", "a1")],
    )


def test_identical_formulations_give_an_empty_diff() -> None:
    assert diff(dance("pursue", "withdraw"), dance("pursue", "withdraw")).empty


def test_a_relabelled_element() -> None:
    d = diff(dance("pursue", "withdraw"), dance("pursue", "withdraw", a_label="sighs"))
    assert [(c.id, c.field, c.before, c.after) for c in d.changed] == [("a1", "label", "criticises", "sighs")]
    assert d.relabelled == d.changed
    assert (d.added, d.removed, d.loops_gained, d.loops_lost) == ((), (), (), ())
    assert not d.empty


def test_a_re_signed_link_damps_the_cycle() -> None:
    d = diff(dance("pursue", "withdraw"), dance("pursue", "withdraw", sign="-"))
    assert [(c.id, c.before, c.after) for c in d.resigned] == [("a1 -> b1", "+", "-")]
    assert [lp.polarity for lp in d.loops_lost] == [Polarity.REINFORCING]
    assert [lp.polarity for lp in d.loops_gained] == [Polarity.BALANCING]
    assert d.damped == d.loops_gained
    assert d.negative_lost == d.loops_lost


def test_a_secure_cycle_replaces_the_negative_one() -> None:
    d = diff(dance("pursue", "withdraw"), dance("reach", "respond"))
    assert [str(lp.pattern) for lp in d.secure_gained] == ["secure"]
    assert [str(lp.pattern) for lp in d.negative_lost] == ["pursue-withdraw"]
    (everyday,) = d.domains
    assert everyday.pattern == (Pattern.PURSUE_WITHDRAW, Pattern.SECURE)
    assert everyday.positions["a"] == (Position.PURSUER, Position.UNDETERMINED)
    assert d.damped == ()


def test_elements_and_links_added_and_removed() -> None:
    old = dance("pursue", "withdraw")
    extra = Element("b2", "need", "to be good enough", partner="b")
    new = attrs.evolve(old, elements=[*old.elements, extra], links=[Link("b1", "a1"), Link("a1", "b2")])
    d = diff(old, new)
    assert d.added == ("b2",)
    assert d.links_added == (("a1", "b2"),)
    assert d.links_removed == (("a1", "b1"),)
    assert [str(lp.pattern) for lp in d.loops_lost] == ["pursue-withdraw"]
    assert diff(new, old).removed == ("b2",)


def test_the_worked_example_from_intake_to_session_14() -> None:
    for suffix in ("", ".en"):
        intake = eftgraph.load(EXAMPLES / f"janine-mathijs{suffix}.yaml")
        last = eftgraph.load(EXAMPLES / f"janine-mathijs.session-14{suffix}.yaml")
        d = diff(intake, last)
        assert [lp.domains for lp in d.secure_gained] == [("sexual",)]
        assert [lp.domains for lp in d.damped] == [("everyday",)]
        assert {lp.domains for lp in d.negative_lost} == {("everyday",), ("sexual",)}
        assert "laptop-evening" in d.removed
        everyday, sexual = d.domains
        assert not everyday.changed
        assert sexual.reversal == (ReversalKind.MIRRORED, ReversalKind.UNDETERMINED)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases(max_partners=3))
def test_diff_of_a_case_with_itself_is_empty(case: Case) -> None:
    assert diff(case, case).empty


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases(max_partners=3), st.data())
def test_every_applied_change_is_reported(case: Case, data: st.DataObject) -> None:
    elements = list(case.elements)
    links = list(case.links)
    relabel = data.draw(st.sets(st.sampled_from([e.id for e in elements]))) if elements else set()
    resign = data.draw(st.sets(st.sampled_from([(k.source, k.target) for k in links]))) if links else set()
    elements = [attrs.evolve(e, label=e.label + " (now)") if e.id in relabel else e for e in elements]
    flipped = {Sign.AMPLIFIES: Sign.DAMPENS, Sign.DAMPENS: Sign.AMPLIFIES}
    links = [attrs.evolve(k, sign=flipped[k.sign]) if (k.source, k.target) in resign else k for k in links]
    removable = [e.id for e in elements if e.partner is not None]
    removed = data.draw(st.sets(st.sampled_from(removable), max_size=1)) if removable else set()
    keep = [e for e in elements if e.id not in removed]
    kept_links = [k for k in links if k.source not in removed and k.target not in removed]
    added = Element("zz-new", "need", "to be held", partner=case.partners[0].id, domain="everyday")
    new = attrs.evolve(case, elements=[*keep, added], links=kept_links, domains=())
    d = diff(case, new)
    assert d.added == ("zz-new",)
    assert set(d.removed) == removed
    assert {c.id for c in d.relabelled} == relabel - removed
    assert {c.id for c in d.resigned} == {
        f"{s} -> {t}" for s, t in resign if s not in removed and t not in removed
    }
    assert set(d.links_removed) == {
        (k.source, k.target) for k in links if k.source in removed or k.target in removed
    }
    assert d.links_added == ()
