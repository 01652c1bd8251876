"""course() and formulation_at(): stages, ratings, de-escalation, measures, and every advisory."""

from __future__ import annotations

import attrs
import pytest

import eftgraph
from eftgraph._course import AdvisoryKind, course, formulation_at, moments
from eftgraph._loops import Pattern
from eftgraph._sessions import Marker, MarkerKind, Measure, Session
from eftgraph.errors import OptionError
from tests.course_support import EXAMPLES, example, with_sessions

BASE = attrs.evolve(eftgraph.load(EXAMPLES / "janine-mathijs.en.yaml"), sessions=())


def kinds(*sessions: Session) -> list[tuple[AdvisoryKind, int]]:
    return [(a.kind, a.session) for a in course(with_sessions(BASE, sessions)).advisories]


def test_the_worked_example_follows_the_model() -> None:
    summary = course(example())
    assert summary.sessions == tuple(range(1, 16))
    assert [(c.session, c.before, c.after) for c in summary.stage_changes] == [(7, 1, 2), (13, 2, 3)]
    everyday, sexual = summary.domains
    assert (everyday.domain, everyday.first, everyday.last, everyday.de_escalated_from) == (
        "everyday",
        8,
        1,
        6,
    )
    assert (sexual.domain, sexual.first, sexual.last, sexual.de_escalated_from) == ("sexual", 7, 1, 11)
    assert summary.first(MarkerKind.BONDING_EVENT).session == 11  # type: ignore[union-attr]
    assert summary.advisories == ()


def test_measures_against_the_cutoff_and_reliable_change() -> None:
    janine, mathijs = course(example()).measures
    assert (janine.partner, janine.scores) == ("janine", ((1, 38), (8, 45), (15, 53)))
    assert (janine.change, janine.reliable, janine.improved, janine.recovered) == (15, True, True, True)
    assert (mathijs.first, mathijs.last, mathijs.reliable) == (41, 55, True)
    small = course(
        with_sessions(
            BASE,
            [
                Session(1, measures=[Measure("rdas", "janine", 40)]),
                Session(2, measures=[Measure("rdas", "janine", 50)]),
            ],
        )
    ).measures[0]
    assert (small.reliable, small.recovered) == (False, False)
    unknown = course(
        with_sessions(
            BASE,
            [
                Session(1, measures=[Measure("csi-4", "janine", 9)]),
                Session(2, measures=[Measure("csi-4", "janine", 15)]),
            ],
        )
    ).measures[0]
    assert (unknown.reliable, unknown.recovered) == (None, None)


def test_de_escalation_needs_two_low_ratings_in_a_row() -> None:
    ratings = [8, 3, 6, 3, 2, 1]
    summary = course(
        with_sessions(BASE, [Session(i + 1, cycle={"everyday": r}) for i, r in enumerate(ratings)])
    )
    assert summary.domains[0].de_escalated_from == 4
    lone = course(with_sessions(BASE, [Session(1, cycle={"everyday": 8}), Session(2, cycle={"everyday": 3})]))
    assert lone.domains[0].de_escalated_from is None


def test_stage_two_without_a_de_escalation_marker() -> None:
    assert kinds(Session(1), Session(2, stage=2)) == [(AdvisoryKind.STAGE_2_WITHOUT_DE_ESCALATION, 2)]
    marked = Session(1, markers=[Marker("de-escalation", domain="everyday")])
    assert kinds(marked, Session(2, stage=2)) == []
    late = Session(3, stage=2, markers=[Marker("de-escalation")])
    assert kinds(Session(1), Session(2, stage=2), late) == [(AdvisoryKind.STAGE_2_WITHOUT_DE_ESCALATION, 2)]


def test_blamer_softening_before_withdrawer_re_engagement() -> None:
    de = Marker("de-escalation")
    soft = Session(2, stage=2, markers=[Marker("blamer-softening", partner="janine")])
    engaged = Session(3, stage=2, markers=[Marker("withdrawer-re-engagement", partner="mathijs")])
    assert kinds(Session(1, markers=[de]), soft, engaged) == [
        (AdvisoryKind.SOFTENING_BEFORE_RE_ENGAGEMENT, 2)
    ]
    first = Session(2, stage=2, markers=[Marker("withdrawer-re-engagement"), Marker("blamer-softening")])
    assert kinds(Session(1, markers=[de]), first) == []


def test_sexual_domain_opened_while_the_everyday_cycle_runs_high() -> None:
    opened = Session(2, cycle={"sexual": 7}, markers=[Marker("sexual-domain-opened", domain="sexual")])
    advisories = course(with_sessions(BASE, [Session(1, cycle={"everyday": 7}), opened])).advisories
    assert [(a.kind, a.session, a.domain, a.after) for a in advisories] == [
        (AdvisoryKind.SEXUAL_OPENED_WHILE_HIGH, 2, "everyday", 7)
    ]
    calm = Session(1, cycle={"everyday": 5})
    assert kinds(calm, opened) == []


def test_a_stage_going_backwards() -> None:
    de = [Marker("de-escalation")]
    advisories = course(
        with_sessions(BASE, [Session(1, markers=de), Session(2, stage=2), Session(3, stage=1)])
    ).advisories
    assert [(a.kind, a.session, a.before, a.after) for a in advisories] == [
        (AdvisoryKind.STAGE_BACKWARDS, 3, 2, 1)
    ]


def test_a_rating_rising_again_in_stage_three() -> None:
    de = [Marker("de-escalation")]
    sessions = [
        Session(1, markers=de, cycle={"everyday": 2}),
        Session(2, stage=3, cycle={"everyday": 3}),  # one point: noise, not a relapse
        Session(3, stage=3, cycle={"everyday": 6}),
    ]
    advisories = course(with_sessions(BASE, sessions)).advisories
    assert [(a.kind, a.session, a.domain, a.before, a.after) for a in advisories] == [
        (AdvisoryKind.RELAPSE_IN_STAGE_3, 3, "everyday", 3, 6)
    ]
    in_stage_one = [Session(1, cycle={"everyday": 2}), Session(2, cycle={"everyday": 6})]
    assert kinds(*in_stage_one) == []


def test_formulation_at_each_moment() -> None:
    case = example()
    assert formulation_at(case, 1) is case
    assert formulation_at(case, 8) is case
    at_nine = formulation_at(case, 9)
    assert at_nine.element("sexual.mathijs.behavior").label == "tells her that touch is how he reaches her"
    assert formulation_at(case, 13) is at_nine
    last = formulation_at(case, 15)
    assert Pattern.SECURE in {loop.pattern for loop in eftgraph.loops(last, domain="sexual")}
    assert [number for number, _ in moments(case)] == [None, 9, 14]


def test_formulation_at_an_unknown_session() -> None:
    with pytest.raises(OptionError, match=r"unknown session 16 \(allowed: 1, 2, .*15\)"):
        formulation_at(example(), 16)


def test_a_case_without_sessions_has_an_empty_course() -> None:
    summary = course(BASE)
    assert (summary.stages, summary.markers, summary.domains, summary.measures, summary.advisories) == (
        (),
    ) * 5


def test_course_is_deterministic() -> None:
    assert course(example()) == course(example())


def test_a_marker_that_does_not_fit_the_partners_position_there() -> None:
    de = Session(1, markers=[Marker("de-escalation")])
    # Mathijs withdraws in everyday life but pursues in the sexual cycle: positions reverse
    pursuer = Session(
        2, stage=2, markers=[Marker("withdrawer-re-engagement", domain="sexual", partner="mathijs")]
    )
    assert kinds(de, pursuer) == [(AdvisoryKind.RE_ENGAGEMENT_OF_A_PURSUER, 2)]
    everyday = Session(2, stage=2, markers=[Marker("withdrawer-re-engagement", partner="mathijs")])
    assert kinds(de, everyday) == []  # no domain: the everyday cycle, where he is the withdrawer
    soft = Session(3, stage=2, markers=[Marker("blamer-softening", domain="sexual", partner="janine")])
    assert kinds(de, everyday, soft) == [(AdvisoryKind.SOFTENING_OF_A_WITHDRAWER, 3)]
    advisory = course(with_sessions(BASE, [de, pursuer])).advisories[0]
    assert (advisory.partner, advisory.domain) == ("mathijs", "sexual")
    english = eftgraph.describe(course(with_sessions(BASE, [de, pursuer])))
    assert (
        "Session 2 records a withdrawer re-engagement for Mathijs in the sexual relationship, but there "
        "Mathijs is the pursuer. Does the marker fit, or have the positions changed?" in english
    )
    dutch = eftgraph.describe(course(with_sessions(BASE, [de, pursuer])), language="nl")
    assert (
        "In sessie 2 staat bij Mathijs een re-engagement van de terugtrekker in hun seksuele relatie, maar daar "
        "is Mathijs de achtervolger. Klopt de marker, of zijn de posities veranderd?" in dutch
    )


def test_the_position_a_marker_is_read_against_is_the_one_before_its_session() -> None:
    # from session 9 the example's own formulation has Mathijs reaching out in the sexual cycle
    # (no position): a re-engagement marked there is read against session 8, where he pursues
    case = example()
    marked = Marker("withdrawer-re-engagement", domain="sexual", partner="mathijs")
    sessions = [attrs.evolve(s, markers=(marked,)) if s.number == 9 else s for s in case.sessions]
    advisories = course(attrs.evolve(case, sessions=tuple(sessions))).advisories
    assert [(a.kind, a.session) for a in advisories] == [(AdvisoryKind.RE_ENGAGEMENT_OF_A_PURSUER, 9)]
