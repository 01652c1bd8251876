"""The rules of the sessions: section, each with its located message."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import yaml

from eftgraph import CaseFileError, loads
from eftgraph._formats_document import dotted
from eftgraph._sessions import Marker, MarkerKind, Measure, Session, check_sessions, located_problems
from eftgraph._sessions_files import sessions_to_data
from eftgraph._sessions_io import sessions_from_data
from tests.course_support import COURSE, parse

PARTNERS = ("janine", "mathijs")
DOMAINS = ("everyday", "sexual")


def problems(*sessions: Session) -> list[str]:
    return [str(p) for p in check_sessions(sessions, partners=PARTNERS, domains=DOMAINS)]


def test_the_worked_example_follows_every_rule() -> None:
    assert problems(*parse(COURSE)) == []


@pytest.mark.parametrize(
    ("sessions", "expected"),
    [
        ((Session(2), Session(2)), "sessions[1].session: session numbers must increase (found 2 after 2)"),
        ((Session(3), Session(1)), "sessions[1].session: session numbers must increase (found 1 after 3)"),
        ((Session(0),), "sessions[0].session: a session number is a whole number from 1 (found 0)"),
        (
            (Session(1, date=datetime.date(2015, 2, 1)), Session(2, date=datetime.date(2015, 1, 1))),
            "sessions[1].date: dates must not go back (found 2015-01-01 after 2015-02-01)",
        ),
        ((Session(1, stage=0),), "sessions[0].stage: stage must be 1, 2 or 3 (found 0)"),
        (
            (Session(1, steps=(1, 10)),),
            "sessions[0].steps[1]: an EFT step is a number from 1 to 9 (found 10)",
        ),
        (
            (Session(1, present=("janine", "mathijss")),),
            "sessions[0].present[1]: unknown partner (allowed: janine, mathijs); did you mean 'mathijs'?",
        ),
        (
            (Session(1, cycle={"sexual": 11}),),
            "sessions[0].cycle.sexual: a cycle rating is a whole number from 0 to 10 (found 11)",
        ),
        (
            (Session(1, cycle={"sexuall": 3}),),
            "sessions[0].cycle.sexuall: unknown domain (allowed: everyday, sexual); did you mean 'sexual'?",
        ),
        (
            (Session(1, markers=[Marker("bonding-event", domain="work")]),),
            "sessions[0].markers[0].domain: unknown domain (allowed: everyday, sexual)",
        ),
        (
            (Session(1, markers=[Marker("impasse", partner="janien")]),),
            "sessions[0].markers[0].partner: unknown partner (allowed: janine, mathijs); did you mean 'janine'?",
        ),
        (
            (Session(1, measures=[Measure("rdas", "janine", 70)]),),
            "sessions[0].measures[0].score: rdas scores lie from 0 to 69 (found 70)",
        ),
        (
            (Session(1, measures=[Measure("csi-32", "janine", -1)]),),
            "sessions[0].measures[0].score: csi-32 scores are at least 0 (found -1)",
        ),
        (
            (
                Session(
                    1, measures=[Measure("custom", "janine", 11, name="closeness", minimum=0, maximum=10)]
                ),
            ),
            "sessions[0].measures[0].score: closeness scores lie from 0 to 10 (found 11)",
        ),
        (
            (Session(1, measures=[Measure("custom", "janine", 3, name="closeness", minimum=5, maximum=1)]),),
            "sessions[0].measures[0].range: the highest score must be above the lowest (found 5-1)",
        ),
        (
            (Session(1, measures=[Measure("custom", "janine", 3)]),),
            "sessions[0].measures[0]: a custom scale needs a name and a range [lowest, highest]",
        ),
        (
            (Session(1, measures=[Measure("bdi-ii", "janine", 3)]),),
            "sessions[0].measures[0].scale: unknown scale (allowed: csi-4, csi-16, csi-32, rdas, custom)",
        ),
    ],
)
def test_each_rule(sessions: tuple[Session, ...], expected: str) -> None:
    assert problems(*sessions) == [expected]


def test_all_problems_at_once() -> None:
    found = problems(Session(2, stage=5, cycle={"everyday": 12}), Session(1))
    assert len(found) == 3


def test_a_bad_marker_kind_names_the_kinds() -> None:
    with pytest.raises(ValueError, match="blamer-softening"):
        Marker("blamer-softenning")
    assert Marker("impasse").kind is MarkerKind.IMPASSE


def read(text: str) -> tuple[Any, list[tuple[Any, ...]]]:
    found: list[tuple[Any, ...]] = []
    sessions = sessions_from_data(
        yaml.safe_load(text),
        lambda path, message, **extra: found.append((path, str(message), extra.get("suggestion"))),
    )
    return sessions, found


@pytest.mark.parametrize(
    ("text", "path", "message", "suggestion"),
    [
        ("[{session: 1, stgae: 2}]", ("sessions", 0, "stgae"), "unknown key 'stgae'", "stage"),
        ("[{stage: 2}]", ("sessions", 0), "missing key 'session'", None),
        ("[{session: one}]", ("sessions", 0, "session"), "expected a whole number, found 'one'", None),
        (
            "[{session: 1, date: 12-01-2015}]",
            ("sessions", 0, "date"),
            "expected an ISO date such as 2015-01-12, found '12-01-2015'",
            None,
        ),
        (
            "[{session: 1, markers: [{kind: bonding}]}]",
            ("sessions", 0, "markers", 0, "kind"),
            "unknown marker kind 'bonding'",
            "bonding-event",
        ),
        (
            "[{session: 1, measures: [{scale: rdsa, partner: janine, score: 3}]}]",
            ("sessions", 0, "measures", 0, "scale"),
            "unknown scale 'rdsa'",
            "rdas",
        ),
        (
            "[{session: 1, measures: [{scale: rdas, partner: janine, score: 3, range: [0, 9]}]}]",
            ("sessions", 0, "measures", 0, "range"),
            "only a custom scale takes 'range'",
            None,
        ),
        (
            "[{session: 1, cycle: [8]}]",
            ("sessions", 0, "cycle"),
            "expected a mapping of domain: rating, found a list",
            None,
        ),
        ("{session: 1}", ("sessions",), "expected a list, found a mapping", None),
    ],
)
def test_shape_problems_are_located(
    text: str, path: tuple[Any, ...], message: str, suggestion: str | None
) -> None:
    _, found = read(text)
    assert found == [(path, message, suggestion)]


def test_dates_from_json_and_toml_read_the_same() -> None:
    (as_text,), _ = read("[{session: 1, date: '2015-01-12'}]")
    (as_date,), _ = read("[{session: 1, date: 2015-01-12}]")
    assert as_text == as_date


def test_round_trip_of_the_section() -> None:
    sessions = parse(COURSE)
    custom = Session(
        16, stage=3, measures=[Measure("custom", "janine", 7, name="closeness", minimum=0, maximum=10)]
    )
    data = sessions_to_data((*sessions, custom))
    again = sessions_from_data(data, lambda *a, **k: pytest.fail(str(a)))
    assert again == (*sessions, custom)
    assert data[0] == yaml.safe_load(COURSE)[0]


def test_every_problem_carries_its_path_as_a_tuple_whatever_the_domain_holds() -> None:
    odd = "[every.day]"  # brackets and a dot: no path written as text could be read back
    sessions = (Session(2), Session(1, cycle={"sexual": 11, odd: 3}))
    located = located_problems(sessions, PARTNERS, DOMAINS)
    assert [problem for _, problem in located] == check_sessions(sessions, partners=PARTNERS, domains=DOMAINS)
    assert all(path[:2] == ("sessions", 1) and dotted(path) == problem.path for path, problem in located)
    assert ("sessions", 1, "cycle", odd) in [path for path, _ in located]


def test_a_session_domain_with_a_bracket_is_refused_at_its_line() -> None:
    # the long fuzz run's input (a "[" typed before a domain in a session's ratings): a traceback before
    text = (
        "eftgraph: 1\nid: x\npartners:\n  - {id: janine, name: Janine}\n  - {id: mathijs, name: Mathijs}\n"
        "cycles:\n  everyday:\n    janine: {position: pursuer, behavior: criticises}\n"
        "    mathijs: {position: withdrawer, behavior: goes quiet}\n"
        'sessions:\n  - session: 1\n    stage: 1\n    cycle: {"[every.day": 8}\n'
    )
    with pytest.raises(CaseFileError) as raised:
        loads(text)
    (problem,) = raised.value.problems
    assert problem.path == "sessions[0].cycle.[every.day" and problem.found == "[every.day"
    assert problem.line == text.split("\n").index('    cycle: {"[every.day": 8}') + 1
