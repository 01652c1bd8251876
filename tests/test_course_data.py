"""The course and diff as JSON data, the session rows, the schema fragment and the text mapping."""

from __future__ import annotations

import json

import attrs
import jsonschema
import yaml

import eftgraph
from eftgraph._course import course
from eftgraph._course_data import (
    SESSION_COLUMNS,
    course_data,
    diff_data,
    map_session_texts,
    session_rows,
)
from eftgraph._diff import diff
from eftgraph._sessions_files import SESSIONS_SCHEMA, sessions_to_data
from tests.course_support import COURSE, EXAMPLES, example


def test_course_data_is_json_and_complete() -> None:
    data = course_data(course(example()))
    assert json.loads(json.dumps(data)) == data
    assert data["sessions"] == list(range(1, 16))
    assert data["stage_changes"] == [
        {"session": 7, "before": 1, "after": 2},
        {"session": 13, "before": 2, "after": 3},
    ]
    assert [d["de_escalated_from"] for d in data["domains"]] == [6, 11]
    assert data["measures"][0] == {
        "scale": "rdas",
        "partner": "janine",
        "scores": [{"session": 1, "score": 38}, {"session": 8, "score": 45}, {"session": 15, "score": 53}],
        "cutoff": 48.0,
        "change": 15,
        "reliable": True,
        "recovered": True,
    }
    assert data["advisories"] == []


def test_diff_data() -> None:
    data = diff_data(
        diff(
            eftgraph.load(EXAMPLES / "janine-mathijs.yaml"),
            eftgraph.load(EXAMPLES / "janine-mathijs.session-14.yaml"),
        )
    )
    assert json.loads(json.dumps(data)) == data
    sexual = next(d for d in data["domains"] if d["domain"] == "sexual")
    assert sexual["pattern"] == ["pursue-withdraw", "secure"]
    assert sexual["positions"]["mathijs"] == ["pursuer", "undetermined"]
    assert [loop["domains"] for loop in data["damped"]] == [["everyday"]]
    assert {
        "id": "everyday.mathijs.behavior -> everyday.janine.perception",
        "field": "sign",
        "before": "+",
        "after": "-",
    } in data["changed"]


def test_session_rows() -> None:
    rows = session_rows(example())
    assert len(rows) == 15
    assert all(tuple(row) == SESSION_COLUMNS for row in rows)
    assert rows[0]["present"] == ["janine", "mathijs"]
    assert rows[0]["measures"] == {"rdas:janine": 38, "rdas:mathijs": 41}
    assert rows[10]["markers"] == ["blamer-softening", "bonding-event"]
    assert rows[8]["formulation"] == "janine-mathijs.session-09.en.yaml"


def test_the_schema_accepts_the_example_course_and_rejects_a_typo() -> None:
    data = yaml.safe_load(COURSE)
    for session in data:
        if "date" in session:
            session["date"] = session["date"].isoformat()
    jsonschema.validate(data, SESSIONS_SCHEMA)
    data[0]["markres"] = []
    errors = list(jsonschema.Draft202012Validator(SESSIONS_SCHEMA).iter_errors(data))
    assert len(errors) == 1 and "markres" in errors[0].message


def test_notes_pass_through_the_mapping() -> None:
    sessions = example().sessions
    mapped = map_session_texts(sessions, lambda text: text.replace("Janine", "A").replace("touch", "T"))
    notes = [m.note for s in mapped for m in s.markers if m.note]
    assert "he tells her that T is how he reaches her" in notes
    assert sessions_to_data(mapped)[0]["note"] == "intake; the coats incident"


def test_anonymise_a_course() -> None:
    case = example()
    noted = attrs.evolve(
        case,
        sessions=[
            attrs.evolve(case.sessions[0], note="Janine says Mathijs was late again"),
            *case.sessions[1:],
        ],
    )
    anonymous, _ = eftgraph.anonymize(noted)
    text = eftgraph.dumps(anonymous)
    assert "janine" not in text.lower() and "mathijs" not in text.lower()
    first = anonymous.sessions[0]
    assert first.note == "Partner A says Partner B was late again"
    assert [m.partner for m in first.measures] == ["partner-a", "partner-b"]
    assert all(s.formulation is None for s in anonymous.sessions)  # file names hold the names
    assert anonymous.sessions[8].markers[0].partner == "partner-b"
    assert course(anonymous).domains == course(case).domains
