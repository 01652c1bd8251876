"""The ``sessions:`` section of a case file: from parsed data to records and back.

`sessions_from_data` checks the shape of every entry (unknown keys with the nearest
valid one, types, marker kinds, scale names) and reports each problem through a
callback with its path, so the loader can add the file, line and column. The rules
that need the rest of the case (partners, domains, order) are in
`eftgraph._sessions.check_sessions`. `eftgraph._sessions_files.sessions_to_data` is the inverse, for dumping.

>>> problems = []
>>> def report(path, message, **extra):
...     problems.append((path, str(message), extra.get("suggestion")))
>>> sessions = sessions_from_data(
...     [{"session": 1, "stage": 1, "cycle": {"everyday": 8}, "markres": []}], report)
>>> sessions[0].cycle, problems
({'everyday': 8}, [(('sessions', 0, 'markres'), "unknown key 'markres'", 'markers')])
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from eftgraph._scales import CUSTOM, SCALES, Direction
from eftgraph._sessions import Marker, MarkerKind, Measure, Session
from eftgraph._suggest import nearest
from eftgraph.errors import Message, quoted

__all__ = [
    "KEYS",
    "Report",
    "read_sessions",
    "sessions_from_data",
]

Report = Callable[..., None]
"""``report(path, message, *, found=None, allowed=(), suggestion=None)``; *message* is an `eftgraph.errors.Message`."""
PathT = tuple[str | int, ...]

KEYS: Mapping[str, tuple[str, ...]] = {
    "session": (
        "session",
        "date",
        "stage",
        "steps",
        "present",
        "cycle",
        "markers",
        "measures",
        "formulation",
        "note",
    ),
    "marker": ("kind", "domain", "partner", "note"),
    "measure": ("scale", "partner", "score", "name", "range", "direction"),
}
REQUIRED: Mapping[str, tuple[str, ...]] = {
    "session": ("session",),
    "marker": ("kind",),
    "measure": ("scale", "partner", "score"),
}


def _describe(value: object) -> Message | str:
    if value is None:
        return Message("error.value.nothing")
    if isinstance(value, bool):
        return Message("error.value.yes-no", {"value": str(value).lower()})
    if isinstance(value, (list, tuple)):
        return Message("error.value.list")
    if isinstance(value, dict):
        return Message("error.value.mapping")
    return quoted(value)


class _Reader:
    def __init__(self, report: Report) -> None:
        self.report = report

    def mapping(self, value: Any, path: PathT, part: str) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.report(path, Message("error.shape.mapping", {"found": _describe(value)}))
            return None
        allowed = KEYS[part]
        for key in value:
            if key not in allowed:
                self.report(
                    (*path, key),
                    Message("error.shape.unknown-key", {"key": quoted(key)}),
                    found=str(key),
                    allowed=tuple(sorted(allowed)),
                    suggestion=nearest(str(key), allowed),
                )
        for key in REQUIRED[part]:
            if key not in value:
                self.report(path, Message("error.shape.missing-key", {"key": quoted(key)}))
        return {k: v for k, v in value.items() if k in allowed}

    def listing(self, value: Any, path: PathT) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.report(path, Message("error.shape.list", {"found": _describe(value)}))
            return []
        return value

    def text(self, value: Any, path: PathT) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            self.report(path, Message("error.shape.text", {"found": _describe(value)}))
            return None
        return value

    def number(self, value: Any, path: PathT, *, whole: bool = True) -> Any:
        kinds: tuple[type, ...] = (int,) if whole else (int, float)
        if isinstance(value, bool) or not isinstance(value, kinds):
            key = "error.shape.whole-number" if whole else "error.shape.number"
            self.report(path, Message(key, {"found": _describe(value)}))
            return None
        return value

    def date(self, value: Any, path: PathT) -> datetime.date | None:
        if value is None or (isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)):
            return value
        if isinstance(value, str):
            try:
                return datetime.date.fromisoformat(value)
            except ValueError:
                pass
        self.report(path, Message("error.shape.date", {"found": _describe(value)}))
        return None

    def choice(self, value: Any, path: PathT, what: str, allowed: Sequence[str]) -> str | None:
        if isinstance(value, str) and value in allowed:
            return value
        self.report(
            path,
            Message(f"error.unknown.{what}", {"found": quoted(value)})
            if isinstance(value, str)
            else Message(
                "error.shape.choice", {"what": Message(f"error.shape.what.{what}"), "found": _describe(value)}
            ),
            found=str(value),
            allowed=tuple(allowed),
            suggestion=nearest(value, allowed) if isinstance(value, str) else None,
        )
        return None


def sessions_from_data(value: Any, report: Report, path: PathT = ("sessions",)) -> tuple[Session, ...]:
    """The sessions of a parsed ``sessions:`` list; each problem goes to *report*.

    An entry with a problem is still returned when its number could be read (with
    the faulty field left at its default), so later rules can run; otherwise it is
    left out.
    """
    return read_sessions(value, report, path)[0]


def read_sessions(
    value: Any, report: Report, path: PathT = ("sessions",)
) -> tuple[tuple[Session, ...], tuple[int, ...]]:
    """Like `sessions_from_data`, with the list index each returned session came from."""
    read = _Reader(report)
    sessions: list[Session] = []
    indices: list[int] = []
    for i, item in enumerate(read.listing(value, path)):
        session = _session(read, item, (*path, i))
        if session is not None:
            sessions.append(session)
            indices.append(i)
    return tuple(sessions), tuple(indices)


def _session(read: _Reader, item: Any, at: PathT) -> Session | None:
    data = read.mapping(item, at, "session")
    if data is None:
        return None
    number = read.number(data.get("session"), (*at, "session")) if "session" in data else None
    if number is None:
        return None
    stage = read.number(data.get("stage", 1), (*at, "stage"))
    steps = [
        read.number(s, (*at, "steps", j))
        for j, s in enumerate(read.listing(data.get("steps"), (*at, "steps")))
    ]
    present = None
    if "present" in data:
        present = [
            read.text(p, (*at, "present", j))
            for j, p in enumerate(read.listing(data["present"], (*at, "present")))
        ]
    cycle: dict[str, int] = {}
    raw_cycle = data.get("cycle")
    if raw_cycle is not None and not isinstance(raw_cycle, dict):
        read.report((*at, "cycle"), Message("error.shape.ratings", {"found": _describe(raw_cycle)}))
    for domain, rating in (raw_cycle or {}).items() if isinstance(raw_cycle, dict) else ():
        value = read.number(rating, (*at, "cycle", str(domain)))
        if value is not None:
            cycle[str(domain)] = value
    markers = [
        _marker(read, m, (*at, "markers", j))
        for j, m in enumerate(read.listing(data.get("markers"), (*at, "markers")))
    ]
    measures = [
        _measure(read, m, (*at, "measures", j))
        for j, m in enumerate(read.listing(data.get("measures"), (*at, "measures")))
    ]
    return Session(
        number,
        date=read.date(data.get("date"), (*at, "date")),
        stage=stage if stage is not None else 1,
        steps=tuple(s for s in steps if s is not None),
        present=None if present is None else tuple(p for p in present if p is not None),
        cycle=cycle,
        markers=tuple(m for m in markers if m is not None),
        measures=tuple(m for m in measures if m is not None),
        formulation=read.text(data.get("formulation"), (*at, "formulation")),
        note=read.text(data.get("note"), (*at, "note")),
    )


def _marker(read: _Reader, item: Any, at: PathT) -> Marker | None:
    data = read.mapping(item, at, "marker")
    if data is None or "kind" not in data:
        return None
    kind = read.choice(data["kind"], (*at, "kind"), "marker", [k.value for k in MarkerKind])
    domain = read.text(data.get("domain"), (*at, "domain"))
    partner = read.text(data.get("partner"), (*at, "partner"))
    note = read.text(data.get("note"), (*at, "note"))
    return None if kind is None else Marker(kind, domain=domain, partner=partner, note=note)


def _measure(read: _Reader, item: Any, at: PathT) -> Measure | None:
    data = read.mapping(item, at, "measure")
    if data is None or any(key not in data for key in REQUIRED["measure"]):
        return None
    scale = read.choice(data["scale"], (*at, "scale"), "scale", (*SCALES, CUSTOM))
    partner = read.text(data["partner"], (*at, "partner"))
    score = read.number(data["score"], (*at, "score"), whole=False)
    extra: dict[str, Any] = {}
    if scale == CUSTOM:
        extra["name"] = read.text(data.get("name"), (*at, "name"))
        bounds = data.get("range")
        if (
            not isinstance(bounds, list)
            or len(bounds) != 2
            or any(isinstance(b, bool) or not isinstance(b, (int, float)) for b in bounds)
        ):
            read.report(
                (*at, "range"),
                Message("error.course.custom-range", {"found": _describe(bounds)}),
            )
        else:
            extra["minimum"], extra["maximum"] = bounds
        direction = data.get("direction", Direction.HIGHER_IS_BETTER.value)
        extra["direction"] = read.choice(
            direction, (*at, "direction"), "direction", [d.value for d in Direction]
        )
        if extra["direction"] is None:
            extra["direction"] = Direction.HIGHER_IS_BETTER
    else:
        for key in ("name", "range", "direction"):
            if key in data:
                read.report((*at, key), Message("error.course.only-custom", {"key": quoted(key)}))
    if scale is None or partner is None or score is None:
        return None
    return Measure(scale, partner, score, **extra)
