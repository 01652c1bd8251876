"""The sessions section beyond reading: its formulation files, its written form, its JSON Schema.

>>> from eftgraph._sessions import Session
>>> sessions_to_data([Session(1, stage=1, cycle={"everyday": 8})])
[{'session': 1, 'stage': 1, 'cycle': {'everyday': 8}}]
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from eftgraph._scales import CUSTOM, SCALES, Direction
from eftgraph._sessions import STAGES, STEPS, MarkerKind, Measure, Session
from eftgraph.errors import CaseFileError, Problem, quoted

__all__ = ["SESSIONS_SCHEMA", "attach_formulations", "sessions_to_data"]

PathT = tuple[str | int, ...]


def attach_formulations(
    case: Any, file: str, where: Mapping[PathT, tuple[int, int]], load: Callable[[str], Any]
) -> tuple[Any, list[Problem]]:
    """*case* with the ``formulation`` file of each session loaded (paths relative to *file*).

    *load* reads one case file (without following its own formulations). A file that is
    missing or invalid gives a problem at ``sessions[i].formulation`` naming both files.
    """
    import attrs

    folder = os.path.dirname(file)
    problems: list[Problem] = []
    sessions = []
    for i, session in enumerate(case.sessions):
        if session.formulation is None:
            sessions.append(session)
            continue
        target = os.path.join(folder, session.formulation)
        try:
            loaded = load(target)
        except CaseFileError as error:
            first = error.problems[0] if error.problems else None
            reason: object = first if first is not None else str(error)
            if first is not None and first.file is None:
                reason = attrs.evolve(first, file=target)
            line, column = where.get(("sessions", i, "formulation"), (None, None))
            problems.append(
                Problem(
                    f"sessions[{i}].formulation",
                    "error.course.formulation",
                    {"file": quoted(session.formulation), "reason": reason},
                    found=session.formulation,
                    file=file,
                    line=line,
                    column=column,
                )
            )
            sessions.append(session)
            continue
        sessions.append(attrs.evolve(session, formulation_case=loaded))
    return (attrs.evolve(case, sessions=sessions) if not problems else case), problems


def sessions_to_data(sessions: Sequence[Session]) -> list[dict[str, Any]]:
    """The sessions as plain data, in the order of the file format (defaults left out)."""
    return [_session_data(s) for s in sessions]


def _session_data(s: Session) -> dict[str, Any]:
    data: dict[str, Any] = {"session": s.number}
    if s.date is not None:
        data["date"] = s.date
    data["stage"] = s.stage
    if s.steps:
        data["steps"] = list(s.steps)
    if s.present is not None:
        data["present"] = list(s.present)
    if s.cycle:
        data["cycle"] = dict(s.cycle)
    if s.markers:
        data["markers"] = [
            {
                key: value
                for key, value in (
                    ("kind", str(m.kind)),
                    ("domain", m.domain),
                    ("partner", m.partner),
                    ("note", m.note),
                )
                if value is not None
            }
            for m in s.markers
        ]
    if s.measures:
        data["measures"] = [_measure_data(m) for m in s.measures]
    if s.formulation is not None:
        data["formulation"] = s.formulation
    if s.note is not None:
        data["note"] = s.note
    return data


def _measure_data(m: Measure) -> dict[str, Any]:
    data: dict[str, Any] = {"scale": m.scale, "partner": m.partner, "score": m.score}
    if m.scale == CUSTOM:
        data["name"] = m.name
        data["range"] = [m.minimum, m.maximum]
        data["direction"] = str(m.direction)
    return data


_TEXT = {"type": "string", "minLength": 1}
_INT = {"type": "integer"}
_MARKER = {
    "type": "object",
    "additionalProperties": False,
    "required": ["kind"],
    "properties": {
        "kind": {"enum": [k.value for k in MarkerKind]},
        "domain": _TEXT,
        "partner": _TEXT,
        "note": _TEXT,
    },
}
_MEASURE = {
    "type": "object",
    "additionalProperties": False,
    "required": ["scale", "partner", "score"],
    "properties": {
        "scale": {"enum": [*SCALES, CUSTOM]},
        "partner": _TEXT,
        "score": {"type": "number"},
        "name": _TEXT,
        "range": {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2},
        "direction": {"enum": [d.value for d in Direction]},
    },
}
SESSIONS_SCHEMA: dict[str, Any] = {
    "type": "array",
    "description": "The course of the therapy, one entry per session, in order (docs: Therapy over time).",
    "items": {
        "type": "object",
        "additionalProperties": False,
        "required": ["session"],
        "properties": {
            "session": {**_INT, "minimum": 1},
            "date": {
                "format": "date",
                "description": "an ISO date (2015-01-12); text in JSON, a date in YAML and TOML",
            },
            "stage": {"enum": list(STAGES)},
            "steps": {"type": "array", "items": {"enum": list(STEPS)}},
            "present": {"type": "array", "items": _TEXT},
            "cycle": {"type": "object", "additionalProperties": {**_INT, "minimum": 0, "maximum": 10}},
            "markers": {"type": "array", "items": _MARKER},
            "measures": {"type": "array", "items": _MEASURE},
            "formulation": _TEXT,
            "note": _TEXT,
        },
    },
}
"""The JSON Schema of the ``sessions:`` section."""
