"""The course of a therapy read against the EFT model: stages, markers, ratings, measures, advisories.

`course` summarises a case's sessions; `formulation_at` gives the case in force at
a session. The rules (DESIGN §5, docs/therapy-over-time.md):

- a domain counts as **de-escalated** from the first session whose rating is at
  most `DE_ESCALATED` (3) and whose next rating of that domain is too;
- the everyday cycle **still runs high** at a rating of `HIGH` (6) or more;
- a **relapse** in stage 3 is a rating `RELAPSE_RISE` (2) or more points above the
  domain's previous rating.

Advisories are pointers for supervision, never verdicts: a course may have good
reasons to depart from the model.

>>> from eftgraph import load
>>> summary = course(load("examples/janine-mathijs.en.yaml"))
>>> summary.sessions[-1], summary.domain("everyday").de_escalated_from, summary.advisories
(15, 6, ())
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from eftgraph._scales import Scale
from eftgraph._sessions import Marker, MarkerKind, Measure, Session
from eftgraph._suggest import unknown
from eftgraph._vocabulary import _StrEnum
from eftgraph.errors import OptionError

if TYPE_CHECKING:
    from eftgraph._model import Case

__all__ = [
    "DE_ESCALATED",
    "HIGH",
    "RELAPSE_RISE",
    "Advisory",
    "AdvisoryKind",
    "Course",
    "DomainCourse",
    "MeasureCourse",
    "SessionMarker",
    "StageChange",
    "course",
    "formulation_at",
    "sessions_of",
]

DE_ESCALATED = 3
HIGH = 6
RELAPSE_RISE = 2


class AdvisoryKind(_StrEnum):
    """Where a course departs from the order of the EFT model."""

    STAGE_2_WITHOUT_DE_ESCALATION = "stage-2-without-de-escalation"
    SOFTENING_BEFORE_RE_ENGAGEMENT = "softening-before-re-engagement"
    SEXUAL_OPENED_WHILE_HIGH = "sexual-opened-while-everyday-high"
    STAGE_BACKWARDS = "stage-backwards"
    RELAPSE_IN_STAGE_3 = "relapse-in-stage-3"
    RE_ENGAGEMENT_OF_A_PURSUER = "re-engagement-of-a-pursuer"
    SOFTENING_OF_A_WITHDRAWER = "softening-of-a-withdrawer"


@attrs.frozen
class Advisory:
    """A pointer for supervision: what departs from the model, in which session (and domain)."""

    kind: AdvisoryKind
    session: int
    domain: str | None = None
    before: int | None = None
    """The stage or rating before (for a backward stage or a relapse)."""
    after: int | None = None
    """The stage or rating after, or the everyday rating when the sexual domain was opened."""
    partner: str | None = attrs.field(default=None, kw_only=True)
    """The partner a marker names, when the marker does not fit their position there."""


@attrs.frozen
class StageChange:
    """The stage moved from *before* to *after* in *session*."""

    session: int
    before: int
    after: int


@attrs.frozen
class SessionMarker:
    """A marker with the session it was seen in."""

    session: int
    marker: Marker


@attrs.frozen
class DomainCourse:
    """One domain's cycle ratings over the sessions, and the session from which it counts as de-escalated."""

    domain: str
    ratings: tuple[tuple[int, int], ...]
    """``(session, rating)`` pairs in session order."""
    de_escalated_from: int | None

    @property
    def first(self) -> int | None:
        """The first rating."""
        return self.ratings[0][1] if self.ratings else None

    @property
    def last(self) -> int | None:
        """The last rating."""
        return self.ratings[-1][1] if self.ratings else None


@attrs.frozen
class MeasureCourse:
    """One partner's scores on one scale: against the cut-off, and the change from first to last."""

    scale: Scale
    partner: str
    scores: tuple[tuple[int, float], ...]
    """``(session, score)`` pairs in session order."""

    @property
    def first(self) -> float:
        """The first score."""
        return self.scores[0][1]

    @property
    def last(self) -> float:
        """The last score."""
        return self.scores[-1][1]

    @property
    def change(self) -> float:
        """Last minus first."""
        return self.last - self.first

    @property
    def improved(self) -> bool:
        """True when the change goes the scale's good way."""
        return self.scale.improvement(self.change) > 0

    @property
    def reliable(self) -> bool | None:
        """Whether the change is reliable (``None`` when the scale publishes no reliable change)."""
        return self.scale.reliable(self.change) if len(self.scores) > 1 else None

    @property
    def recovered(self) -> bool | None:
        """Reliable improvement from the distressed to the non-distressed side of the cut-off."""
        if self.scale.cutoff is None or self.reliable is None:
            return None
        return bool(self.reliable and self.improved and self.scale.distressed(self.first)) and not bool(
            self.scale.distressed(self.last)
        )


@attrs.frozen
class Course:
    """A therapy's course. Build it with [`course`][eftgraph.course]."""

    stages: tuple[tuple[int, int], ...]
    """``(session, stage)`` for every session."""
    stage_changes: tuple[StageChange, ...]
    markers: tuple[SessionMarker, ...]
    domains: tuple[DomainCourse, ...]
    """The rated domains, in the case's domain order."""
    measures: tuple[MeasureCourse, ...]
    """One entry per scale and partner, in order of first appearance."""
    advisories: tuple[Advisory, ...]
    case: Case = attrs.field(eq=False, repr=False, kw_only=True)

    @property
    def sessions(self) -> tuple[int, ...]:
        """The session numbers."""
        return tuple(number for number, _ in self.stages)

    def domain(self, name: str) -> DomainCourse | None:
        """The course of domain *name*, or ``None`` when it was never rated."""
        return next((d for d in self.domains if d.domain == name), None)

    def first(self, kind: MarkerKind | str) -> SessionMarker | None:
        """The first marker of *kind*, or ``None``."""
        return next((m for m in self.markers if m.marker.kind == kind), None)


def sessions_of(case: Case) -> tuple[Session, ...]:
    """The sessions of *case* (none for a case without a course)."""
    return case.sessions


def course(case: Case) -> Course:
    """The course of *case*'s sessions: stages, markers, ratings, measures and advisories.

    Examples
    --------
    >>> from eftgraph import load
    >>> c = course(load("examples/janine-mathijs.en.yaml"))
    >>> [(change.session, change.after) for change in c.stage_changes]
    [(7, 2), (13, 3)]
    >>> [(d.domain, d.first, d.last, d.de_escalated_from) for d in c.domains]
    [('everyday', 8, 1, 6), ('sexual', 7, 1, 11)]
    """
    sessions = sessions_of(case)
    stages = tuple((s.number, s.stage) for s in sessions)
    changes = tuple(
        StageChange(after[0], before[1], after[1])
        for before, after in itertools.pairwise(stages)
        if before[1] != after[1]
    )
    markers = tuple(SessionMarker(s.number, m) for s in sessions for m in s.markers)
    domains = tuple(_domain_course(name, sessions) for name in _rated(case, sessions))
    return Course(
        stages=stages,
        stage_changes=changes,
        markers=markers,
        domains=domains,
        measures=_measures(sessions),
        advisories=tuple(_advisories(case, sessions, markers, domains)),
        case=case,
    )


def _rated(case: Case, sessions: Sequence[Session]) -> list[str]:
    rated = {name for s in sessions for name in s.cycle}
    return [name for name in case.domains if name in rated] + sorted(rated - set(case.domains))


def _domain_course(name: str, sessions: Sequence[Session]) -> DomainCourse:
    ratings = tuple((s.number, s.cycle[name]) for s in sessions if name in s.cycle)
    since = next(
        (
            number
            for (number, rating), (_, following) in itertools.pairwise(ratings)
            if rating <= DE_ESCALATED and following <= DE_ESCALATED
        ),
        None,
    )
    return DomainCourse(name, ratings, since)


def _measures(sessions: Sequence[Session]) -> tuple[MeasureCourse, ...]:
    found: dict[tuple[str, str], list[tuple[int, Measure]]] = {}
    for s in sessions:
        for measure in s.measures:
            found.setdefault((measure.key, measure.partner), []).append((s.number, measure))
    return tuple(
        MeasureCourse(items[0][1].instrument, partner, tuple((n, m.score) for n, m in items))
        for (_, partner), items in found.items()
    )


def _everyday(case: Case) -> str | None:
    if "everyday" in case.domains:
        return "everyday"
    return case.domains[0] if case.domains else None


def _advisories(
    case: Case,
    sessions: Sequence[Session],
    markers: Sequence[SessionMarker],
    domains: Sequence[DomainCourse],
) -> Iterable[Advisory]:
    kinds = MarkerKind
    de_escalation = min((m.session for m in markers if m.marker.kind is kinds.DE_ESCALATION), default=None)
    stage_two = next((s.number for s in sessions if s.stage >= 2), None)
    if stage_two is not None and (de_escalation is None or de_escalation > stage_two):
        yield Advisory(AdvisoryKind.STAGE_2_WITHOUT_DE_ESCALATION, stage_two)
    engaged = min(
        (m.session for m in markers if m.marker.kind is kinds.WITHDRAWER_RE_ENGAGEMENT), default=None
    )
    softened = next((m for m in markers if m.marker.kind is kinds.BLAMER_SOFTENING), None)
    if softened is not None and (engaged is None or engaged > softened.session):
        yield Advisory(AdvisoryKind.SOFTENING_BEFORE_RE_ENGAGEMENT, softened.session, softened.marker.domain)
    everyday = next((d for d in domains if d.domain == _everyday(case)), None)
    for m in markers:
        if m.marker.kind is kinds.SEXUAL_DOMAIN_OPENED and everyday is not None:
            rating = _rating_at(everyday, m.session)
            if rating is not None and rating >= HIGH:
                yield Advisory(
                    AdvisoryKind.SEXUAL_OPENED_WHILE_HIGH, m.session, everyday.domain, after=rating
                )
    for before, after in itertools.pairwise(sessions):
        if after.stage < before.stage:
            yield Advisory(AdvisoryKind.STAGE_BACKWARDS, after.number, before=before.stage, after=after.stage)
    yield from _relapses(sessions, domains)
    yield from _against_position(case, markers)


# A marker that belongs to one position, and the advisory when the partner holds the other.
_POSITION_MARKERS = {
    MarkerKind.WITHDRAWER_RE_ENGAGEMENT: ("pursuer", AdvisoryKind.RE_ENGAGEMENT_OF_A_PURSUER),
    MarkerKind.BLAMER_SOFTENING: ("withdrawer", AdvisoryKind.SOFTENING_OF_A_WITHDRAWER),
}


def _against_position(case: Case, markers: Sequence[SessionMarker]) -> Iterable[Advisory]:
    """A withdrawer re-engagement marked for the pursuer, or a blamer softening for the withdrawer.

    The position is the one the partner held in the marker's domain (positions often
    reverse between domains; a marker without a domain speaks of the everyday cycle) in the
    formulation in force before that session: a session's own formulation already shows
    the change the marker records.
    """
    from eftgraph._positions import positions

    numbers = [s.number for s in sessions_of(case)]
    for m in markers:
        other = _POSITION_MARKERS.get(m.marker.kind)
        partner, domain = m.marker.partner, m.marker.domain or _everyday(case)
        if other is None or partner is None or domain is None:
            continue
        earlier = [n for n in numbers if n < m.session]
        formulation = formulation_at(case, earlier[-1]) if earlier else case
        if domain not in formulation.domains or partner not in {p.id for p in formulation.partners}:
            continue
        if str(positions(formulation, domain).get(partner)) == other[0]:
            yield Advisory(other[1], m.session, domain, partner=partner)


def _rating_at(domain: DomainCourse, session: int) -> int | None:
    known = [rating for number, rating in domain.ratings if number <= session]
    return known[-1] if known else None


def _relapses(sessions: Sequence[Session], domains: Sequence[DomainCourse]) -> Iterable[Advisory]:
    stage = {s.number: s.stage for s in sessions}
    found: list[Advisory] = []
    for d in domains:
        for (_, before), (number, after) in itertools.pairwise(d.ratings):
            if stage[number] == 3 and after - before >= RELAPSE_RISE:
                found.append(Advisory(AdvisoryKind.RELAPSE_IN_STAGE_3, number, d.domain, before, after))
    return sorted(found, key=lambda a: a.session)


def formulation_at(case: Case, session: int) -> Case:
    """The case as formulated at *session*: the latest ``formulation`` up to it, else *case* itself.

    Examples
    --------
    >>> from eftgraph import load
    >>> case = load("examples/janine-mathijs.en.yaml")
    >>> formulation_at(case, 8) is case
    True
    >>> formulation_at(case, 9).element("sexual.mathijs.behavior").label
    'tells her that touch is how he reaches her'
    >>> formulation_at(case, 16)
    Traceback (most recent call last):
    ...
    eftgraph.errors.OptionError: unknown session 16 (allowed: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
    """
    sessions = sessions_of(case)
    numbers = [s.number for s in sessions]
    if session not in numbers:
        if not numbers:
            raise OptionError(f"unknown session {session!r} (the case has no sessions)")
        raise OptionError(unknown("session", session, [str(n) for n in numbers]))
    current = case
    for s in sessions:
        if s.number > session:
            break
        if s.formulation_case is not None:
            current = s.formulation_case
    return current


def moments(case: Case) -> list[tuple[int | None, Case]]:
    """``(session, case)`` for the file's own formulation (session ``None``) and each later one."""
    found: list[tuple[int | None, Any]] = [(None, case)]
    found.extend((s.number, s.formulation_case) for s in sessions_of(case) if s.formulation_case is not None)
    return found
