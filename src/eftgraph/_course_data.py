"""A course and a diff as plain data: JSON for other tools, one row per session for research.

Values are ``str``, ``int``, ``float``, ``bool``, ``None``, lists and dicts; enums are
their plain words. Keys come in the same order every time.

>>> from eftgraph import load
>>> from eftgraph._diff import diff
>>> data = diff_data(diff(load("examples/janine-mathijs.en.yaml"),
...                       load("examples/janine-mathijs.session-14.en.yaml")))
>>> data["removed"], [loop["domains"] for loop in data["secure_gained"]]
(['laptop-evening', 'sexual.janine.secondary', 'sexual.mathijs.secondary'], [['sexual']])
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from eftgraph._course import Course, sessions_of
from eftgraph._diff import FormulationDiff
from eftgraph._loops import Loop
from eftgraph._sessions import Session

if TYPE_CHECKING:
    from eftgraph._model import Case

__all__ = [
    "SESSION_COLUMNS",
    "course_data",
    "diff_data",
    "map_session_texts",
    "session_rows",
]


def _loop(loop: Loop) -> dict[str, Any]:
    return {
        "elements": list(loop.elements),
        "domains": list(loop.domains),
        "polarity": str(loop.polarity),
        "pattern": None if loop.pattern is None else str(loop.pattern),
    }


def course_data(summary: Course) -> dict[str, Any]:
    """The course as plain data (``eftgraph course --format json``)."""
    return {
        "case": summary.case.id,
        "sessions": list(summary.sessions),
        "stages": [{"session": n, "stage": s} for n, s in summary.stages],
        "stage_changes": [attrs.asdict(c) for c in summary.stage_changes],
        "markers": [
            {
                "session": m.session,
                "kind": str(m.marker.kind),
                "domain": m.marker.domain,
                "partner": m.marker.partner,
            }
            for m in summary.markers
        ],
        "domains": [
            {
                "domain": d.domain,
                "ratings": [{"session": n, "rating": r} for n, r in d.ratings],
                "de_escalated_from": d.de_escalated_from,
            }
            for d in summary.domains
        ],
        "measures": [
            {
                "scale": m.scale.id,
                "partner": m.partner,
                "scores": [{"session": n, "score": s} for n, s in m.scores],
                "cutoff": m.scale.cutoff,
                "change": m.change,
                "reliable": m.reliable,
                "recovered": m.recovered,
            }
            for m in summary.measures
        ],
        "advisories": [
            {
                "kind": str(a.kind),
                "session": a.session,
                "domain": a.domain,
                "before": a.before,
                "after": a.after,
                "partner": a.partner,
            }
            for a in summary.advisories
        ],
    }


def diff_data(change: FormulationDiff) -> dict[str, Any]:
    """The diff as plain data (``eftgraph diff --format json``)."""
    return {
        "empty": change.empty,
        "added": list(change.added),
        "removed": list(change.removed),
        "changed": [attrs.asdict(c) for c in change.changed],
        "links_added": [list(k) for k in change.links_added],
        "links_removed": [list(k) for k in change.links_removed],
        "loops_compared": change.loops_compared,
        "loops_gained": [_loop(lp) for lp in change.loops_gained],
        "loops_lost": [_loop(lp) for lp in change.loops_lost],
        "secure_gained": [_loop(lp) for lp in change.secure_gained],
        "damped": [_loop(lp) for lp in change.damped],
        "domains": [
            {
                "domain": d.domain,
                "positions": {p: [str(b), str(a)] for p, (b, a) in d.positions.items()},
                "pattern": [None if p is None else str(p) for p in d.pattern],
                "reversal": [None if r is None else str(r) for r in d.reversal],
            }
            for d in change.domains
        ],
    }


SESSION_COLUMNS = (
    "file",
    "case",
    "session",
    "date",
    "stage",
    "steps",
    "present",
    "cycle",
    "markers",
    "measures",
    "formulation",
)
"""The columns of a session row (``eftgraph table --sessions``), in order."""


def session_rows(case: Case, *, file: str | None = None) -> list[dict[str, Any]]:
    """One row per session: stage, steps, ratings, markers and measures.

    >>> from eftgraph import load
    >>> row = session_rows(load("examples/janine-mathijs.en.yaml"))[8]
    >>> row["session"], row["stage"], row["cycle"], row["markers"]
    (9, 2, {'everyday': 2, 'sexual': 4}, ['withdrawer-re-engagement'])
    """
    rows = []
    for s in sessions_of(case):
        rows.append(
            {
                "file": file,
                "case": case.id,
                "session": s.number,
                "date": None if s.date is None else s.date.isoformat(),
                "stage": s.stage,
                "steps": list(s.steps),
                "present": list(s.present) if s.present is not None else [p.id for p in case.partners],
                "cycle": dict(s.cycle),
                "markers": [str(m.kind) for m in s.markers],
                "measures": {f"{m.key}:{m.partner}": m.score for m in s.measures},
                "formulation": s.formulation,
            }
        )
    return rows


def map_session_texts(
    sessions: Sequence[Session],
    replace: Callable[[str], str],
    partners: Mapping[str, str] | None = None,
    domains: Mapping[str, str] | None = None,
) -> tuple[Session, ...]:
    """The sessions for anonymisation: free text through *replace*, ids through the maps.

    Session and marker notes are clinical free text and may hold names; partner ids and
    domain names follow *partners* and *domains*. The ``formulation`` reference is dropped:
    its file name and its loaded case hold the names (anonymise each formulation file on
    its own).
    """

    def partner(old: str | None) -> str | None:
        return old if old is None or partners is None else partners.get(old, old)

    def domain(old: str | None) -> str | None:
        return old if old is None or domains is None else domains.get(old, old)

    def text(old: str | None) -> str | None:
        return None if old is None else replace(old)

    return tuple(
        attrs.evolve(
            s,
            note=text(s.note),
            present=None if s.present is None else [partner(p) for p in s.present],
            cycle={domains.get(d, d) if domains else d: r for d, r in s.cycle.items()},
            markers=[
                attrs.evolve(m, note=text(m.note), partner=partner(m.partner), domain=domain(m.domain))
                for m in s.markers
            ],
            measures=[
                attrs.evolve(m, partner=partners.get(m.partner, m.partner) if partners else m.partner)
                for m in s.measures
            ],
            formulation=None,
            formulation_case=None,
        )
        for s in sessions
    )
