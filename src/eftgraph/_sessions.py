"""The course of a therapy: sessions with their stage, steps, cycle ratings, markers and measures.

These are the records of the ``sessions:`` section of a case file (DESIGN §5).
`check_sessions` holds every rule of that section and returns `Problem` s
addressed by their path (``sessions[2].cycle.everyday``), so the loader can
add the file, line and column.

>>> s = Session(1, stage=1, steps=(1, 2), cycle={"everyday": 8},
...             markers=[Marker("cycle-named", domain="everyday")])
>>> s.markers[0].kind, s.cycle["everyday"]
(<MarkerKind.CYCLE_NAMED: 'cycle-named'>, 8)
>>> [str(p) for p in check_sessions([s, Session(1, stage=4)], partners=("a", "b"), domains=("everyday",))]
['sessions[1].session: session numbers must increase (found 1 after 1)', 'sessions[1].stage: stage must be 1, 2 or 3 (found 4)']
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from eftgraph._formats_document import Path, dotted
from eftgraph._scales import CUSTOM, SCALES, Direction, Scale
from eftgraph._suggest import nearest
from eftgraph._vocabulary import _StrEnum, coerce
from eftgraph.errors import Message, Problem, quoted

__all__ = [
    "MAX_RATING",
    "STAGES",
    "STEPS",
    "Located",
    "Marker",
    "MarkerKind",
    "Measure",
    "Session",
    "check_sessions",
    "located_problems",
]

STAGES = (1, 2, 3)
"""EFT stages: 1 de-escalation, 2 restructuring interactional positions, 3 consolidation."""
STEPS = tuple(range(1, 10))
"""EFT steps 1-9."""
MAX_RATING = 10
"""Cycle ratings run from 0 (the cycle did not run) to 10 (it ran fully)."""


class MarkerKind(_StrEnum):
    """A change event the therapist saw in a session (DESIGN §5)."""

    CYCLE_NAMED = "cycle-named"
    DE_ESCALATION = "de-escalation"
    WITHDRAWER_RE_ENGAGEMENT = "withdrawer-re-engagement"
    BLAMER_SOFTENING = "blamer-softening"
    ENACTMENT = "enactment"
    BONDING_EVENT = "bonding-event"
    SEXUAL_DOMAIN_OPENED = "sexual-domain-opened"
    ATTACHMENT_INJURY = "attachment-injury"
    INJURY_REPAIRED = "injury-repaired"
    IMPASSE = "impasse"
    RELAPSE = "relapse"
    CONSOLIDATION = "consolidation"


def _marker_kind(value: MarkerKind | str) -> MarkerKind:
    return coerce(MarkerKind, value)


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(value)


def _optional_tuple(value: Iterable[Any] | None) -> tuple[Any, ...] | None:
    return None if value is None else tuple(value)


def _ratings(value: Mapping[str, int]) -> Mapping[str, int]:
    return dict(value)


@attrs.frozen
class Marker:
    """A change event: its kind, and optionally the domain, the partner and a note."""

    kind: MarkerKind = attrs.field(converter=_marker_kind)
    domain: str | None = None
    partner: str | None = None
    note: str | None = None


@attrs.frozen
class Measure:
    """A total score on a scale for one partner.

    A ``custom`` scale gives its *name*, *minimum*, *maximum* and *direction*.

    Examples
    --------
    >>> Measure("rdas", "janine", 41).instrument.cutoff
    48.0
    >>> Measure("custom", "janine", 6, name="closeness", minimum=0, maximum=10).instrument.maximum
    10
    """

    scale: str
    partner: str
    score: float
    name: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    direction: Direction = attrs.field(default=Direction.HIGHER_IS_BETTER, converter=Direction)

    @property
    def key(self) -> str:
        """The scale's id, or the custom scale's name."""
        return self.name if self.scale == CUSTOM and self.name else self.scale

    @property
    def instrument(self) -> Scale:
        """The scale: a published one, or the custom scale this measure declares."""
        if self.scale == CUSTOM:
            return Scale.custom(self.key, self.minimum or 0, self.maximum or 0, self.direction)
        return SCALES[self.scale]


@attrs.frozen
class Session:
    """One session: number, date, stage, steps, who came, cycle ratings, markers, measures, note.

    *formulation* is the case file (path as written, relative to the case file)
    that holds from this session on; *formulation_case* is that file loaded.
    *present* ``None`` means every partner came.
    """

    number: int
    date: datetime.date | None = attrs.field(default=None, kw_only=True)
    stage: int = attrs.field(default=1, kw_only=True)
    steps: tuple[int, ...] = attrs.field(default=(), converter=_tuple, kw_only=True)
    present: tuple[str, ...] | None = attrs.field(default=None, converter=_optional_tuple, kw_only=True)
    cycle: Mapping[str, int] = attrs.field(factory=dict, converter=_ratings, hash=False, kw_only=True)
    markers: tuple[Marker, ...] = attrs.field(default=(), converter=_tuple, kw_only=True)
    measures: tuple[Measure, ...] = attrs.field(default=(), converter=_tuple, kw_only=True)
    formulation: str | None = attrs.field(default=None, kw_only=True)
    note: str | None = attrs.field(default=None, kw_only=True)
    formulation_case: Any = attrs.field(default=None, eq=False, repr=False, kw_only=True)
    """The `Case` that *formulation* names, once loaded (``None`` before; typed loosely: the model imports this module)."""


# --- the rules ---------------------------------------------------------------------------------


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


Located = tuple[Path, Problem]
"""A problem and the path of the value it is about, as a tuple (a domain may hold a dot or a bracket)."""


def _at(path: Path, key: str, params: Mapping[str, Any] | None = None, **fields: Any) -> Located:
    return path, Problem(dotted(path), key, dict(params or {}), **fields)


def _one_of(path: Path, what: str, value: object, allowed: Sequence[str]) -> Located | None:
    if value is None or value in allowed:
        return None
    return _at(
        path,
        f"error.rule.unknown-{what}",
        found=str(value),
        allowed=tuple(allowed),
        suggestion=nearest(str(value), allowed),
    )


def _check_session(
    at: Path, session: Session, partners: Sequence[str], domains: Sequence[str]
) -> Iterable[Located | None]:
    if not _is_int(session.stage) or session.stage not in STAGES:
        yield _at((*at, "stage"), "error.course.stage", {"found": quoted(session.stage)})
    for j, step in enumerate(session.steps):
        if not _is_int(step) or step not in STEPS:
            yield _at((*at, "steps", j), "error.course.step", {"found": quoted(step)})
    for j, partner in enumerate(session.present or ()):
        yield _one_of((*at, "present", j), "partner", partner, partners)
    for domain, rating in session.cycle.items():
        yield _one_of((*at, "cycle", domain), "domain", domain, domains)
        if not _is_int(rating) or not 0 <= rating <= MAX_RATING:
            yield _at((*at, "cycle", domain), "error.course.rating", {"found": quoted(rating)})
    for j, marker in enumerate(session.markers):
        yield _one_of((*at, "markers", j, "domain"), "domain", marker.domain, domains)
        yield _one_of((*at, "markers", j, "partner"), "partner", marker.partner, partners)
    for j, measure in enumerate(session.measures):
        yield from _check_measure((*at, "measures", j), measure, partners)


def _check_measure(at: Path, measure: Measure, partners: Sequence[str]) -> Iterable[Located | None]:
    yield _one_of((*at, "partner"), "partner", measure.partner, partners)
    if measure.scale == CUSTOM:
        if measure.name is None or measure.minimum is None or measure.maximum is None:
            yield _at(at, "error.course.custom-scale")
            return
        if measure.minimum >= measure.maximum:
            bounds = {"lowest": f"{measure.minimum:g}", "highest": f"{measure.maximum:g}"}
            yield _at((*at, "range"), "error.course.range-order", bounds)
            return
    elif measure.scale not in SCALES:
        yield _one_of((*at, "scale"), "scale", measure.scale, (*SCALES, CUSTOM))
        return
    scale = measure.instrument
    if not scale.in_range(measure.score):
        message = _out_of_range(scale, measure.score)
        yield _at((*at, "score"), message.key, message.params)


def _out_of_range(scale: Scale, score: float) -> Message:
    values = {"scale": scale.id, "score": f"{score:g}"}
    if scale.minimum is not None:
        values["lowest"] = f"{scale.minimum:g}"
    if scale.maximum is not None:
        values["highest"] = f"{scale.maximum:g}"
    if scale.minimum is not None and scale.maximum is not None:
        return Message("error.course.score-between", values)
    if scale.minimum is not None:
        return Message("error.course.score-at-least", values)
    return Message("error.course.score-at-most", values)


def check_sessions(
    sessions: Sequence[Session],
    *,
    partners: Sequence[str],
    domains: Sequence[str],
    indices: Sequence[int] | None = None,
) -> list[Problem]:
    """Every broken rule of a course, in file order (an empty list when all is well).

    Numbers increase, dates do not go back, stages are 1-3, steps 1-9, partners and
    domains exist, ratings are 0-10, scores lie within their scale's range. *indices*
    are the list positions the paths name (default: 0, 1, 2, …).
    """
    return [problem for _, problem in located_problems(sessions, partners, domains, indices)]


def located_problems(
    sessions: Sequence[Session],
    partners: Sequence[str],
    domains: Sequence[str],
    indices: Sequence[int] | None = None,
) -> list[Located]:
    """`check_sessions`'s problems, each with its path as a tuple (for the loader, which places them)."""
    problems: list[Located | None] = []
    previous: Session | None = None
    last_date: datetime.date | None = None
    for i, session in enumerate(sessions):
        at: Path = ("sessions", i if indices is None else indices[i])
        if not _is_int(session.number) or session.number < 1:
            problems.append(_at((*at, "session"), "error.course.number", {"found": quoted(session.number)}))
        elif previous is not None and _is_int(previous.number) and session.number <= previous.number:
            order = {"number": session.number, "previous": previous.number}
            problems.append(_at((*at, "session"), "error.course.order", order))
        if session.date is not None:
            if last_date is not None and session.date < last_date:
                dates = {"date": session.date, "previous": last_date}
                problems.append(_at((*at, "date"), "error.course.dates", dates))
            last_date = session.date
        problems.extend(_check_session(at, session, partners, domains))
        previous = session
    return [found for found in problems if found is not None]
