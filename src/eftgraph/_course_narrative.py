"""A course and a diff in words, as a therapist writes them in a progress note (EN and NL).

The texts live in the ``[course]`` tables of the message catalogs
(``eftgraph/messages/<code>.toml``), beside the names of cycles they use; a
language is one file. Paragraphs are separated by a blank line.

>>> from eftgraph import load
>>> from eftgraph._diff import diff
>>> case = load("examples/janine-mathijs.en.yaml")
>>> print(describe_diff(diff(case, load("examples/janine-mathijs.session-14.en.yaml")),
...                     before="the intake formulation", after="the formulation of session 14"))
From the intake formulation to the formulation of session 14:
- The everyday cycle is still there but now damped: ‘he comes back to talk’.
- In the sexual cycle the Protest Polka (pursue–withdraw) has given way to a secure cycle (A.R.E.: accessible, responsive, engaged).
- Positions in the sexual cycle: Janine withdrawer → responds, Mathijs pursuer → reaches out.
- Elements: 3 removed, 6 relabelled.
- Gone: ‘silent evening behind the laptop’ (Mathijs), ‘sadness, then anger’ (Janine), ‘frustration’ (Mathijs).
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from eftgraph._catalog import FALLBACK, _load, capitalize, catalog, fill, resolve_language
from eftgraph._course import Course, DomainCourse, MeasureCourse, SessionMarker
from eftgraph._diff import FormulationDiff
from eftgraph._sessions import MarkerKind

if TYPE_CHECKING:
    from eftgraph._model import Case

__all__ = ["Words", "describe_course", "describe_diff"]


@functools.cache
def _texts(code: str) -> dict[str, Any]:
    """The ``[course]`` texts of the *code* catalog, keys without the prefix; English fills gaps."""
    english = _course_part(FALLBACK)
    return english if code == FALLBACK else {**english, **_course_part(code)}


def _course_part(code: str) -> dict[str, Any]:
    return {key[len(_PREFIX) :]: value for key, value in _load(code).items() if key.startswith(_PREFIX)}


_PREFIX = "course."


class Words:
    """The course texts of one language, with the case's names and cycles."""

    def __init__(self, case: Case, language: object) -> None:
        self.code = resolve_language(case.language if language is None else language)
        self.texts = _texts(self.code)
        self.main = catalog(self.code)
        self.names = {p.id: p.name for p in case.partners}

    def __call__(self, key: str, **values: object) -> str:
        return fill(str(self.texts[key]), {k: str(v) for k, v in values.items()})

    def has(self, key: str) -> bool:
        return key in self.texts

    def cycle(self, domain: str | None) -> str:
        if domain is None:
            return self("cycle")
        try:
            return str(self.main.get(f"domain.{domain}.cycle"))
        except KeyError:
            return fill(str(self.main.get("domain.other.cycle")), {"domain": domain})

    def short_cycle(self, domain: str) -> str:
        """A cycle's name for a legend (``everyday cycle``)."""
        key = f"legend.{domain}"
        return self(key) if key in self.texts else domain

    def where(self, domain: str | None) -> str:
        """``in the sexual relationship``; empty without a domain."""
        if domain is None:
            return ""
        try:
            return str(self.main.get(f"domain.{domain}.in"))
        except KeyError:
            return fill(str(self.main.get("domain.other.in")), {"domain": domain})

    def date(self, day: datetime.date) -> str:
        return self("date", day=day.day, month=self.texts["months"][day.month - 1], year=day.year)

    def number(self, value: float) -> str:
        text = f"{value:g}"
        return text.replace(".", ",") if self.code == "nl" else text


def _sentences(parts: Iterable[str]) -> str:
    return " ".join(capitalize(p) for p in parts if p)


def describe_course(summary: Course, *, language: object = None) -> str:
    """The course in words: stages, ratings, markers, measures, then points for supervision."""
    words = Words(summary.case, language)
    sessions = summary.sessions
    if not sessions:
        return words("summary.none")
    paragraphs = [
        _sentences([_head(words, summary), _stages(words, summary)]),
        _sentences(_rating(words, d) for d in summary.domains),
        _sentences(_marker(words, m) for m in summary.markers),
        _sentences(_measure(words, m) for m in summary.measures),
        _advisories(words, summary),
    ]
    return "\n\n".join(p for p in paragraphs if p)


def _head(words: Words, summary: Course) -> str:
    dates = [d for d in (getattr(s, "date", None) for s in _sessions(summary)) if d is not None]
    first, last = summary.sessions[0], summary.sessions[-1]
    if len(summary.sessions) == 1:
        when = words("summary.date_one", first=words.date(dates[0])) if dates else ""
        return words("summary.head_one", first=first, dates=when)
    when = (
        words("summary.dates", first=words.date(dates[0]), last=words.date(dates[-1]))
        if len(dates) > 1
        else ""
    )
    return words("summary.head", first=first, last=last, count=len(summary.sessions), dates=when)


def _sessions(summary: Course) -> tuple[Any, ...]:
    return summary.case.sessions


def _span(words: Words, first: int, last: int) -> str:
    return words("session", n=first) if first == last else words("sessions", first=first, last=last)


def _stages(words: Words, summary: Course) -> str:
    runs: list[list[int]] = []  # [stage, first session, last session]
    for number, stage in summary.stages:
        if runs and runs[-1][0] == stage:
            runs[-1][2] = number
        else:
            runs.append([stage, number, number])
    parts = [
        words("summary.stage", stage=stage, name=words(f"stage.{stage}"), sessions=_span(words, a, b))
        for stage, a, b in runs
    ]
    return words("summary.stages", stages=str(words.main.get("list.comma")).join(parts))


def _rating(words: Words, domain: DomainCourse) -> str:
    cycle = words.cycle(domain.domain)
    if len(domain.ratings) == 1:
        return words("summary.rating_one", cycle=cycle, first=domain.first, n=domain.ratings[0][0])
    text = words("summary.rating", cycle=cycle, first=domain.first, last=domain.last)
    since = domain.de_escalated_from
    if since is None:
        return text + words("summary.not_yet")
    later = [rating for number, rating in domain.ratings if number > since]
    if later and later[-1] > 3:
        return text + words("summary.relapsed", since=since)
    return text + words("summary.since", since=since)


def _marker(words: Words, item: SessionMarker) -> str:
    marker = item.marker
    key = f"marker.{marker.kind}"
    who = words.names.get(marker.partner or "", None)
    if who is None and marker.kind in (MarkerKind.WITHDRAWER_RE_ENGAGEMENT, MarkerKind.BLAMER_SOFTENING):
        key += "_nobody"
    text = words(
        key,
        n=item.session,
        who=who or words("couple"),
        cycle=words.cycle(marker.domain),
        **{"in": words.where(marker.domain)},
    )
    text = _tidy(text)
    if not marker.note:
        return text + "."
    note = marker.note.strip()
    ends = note.rstrip("’”\"'»)")[-1:] in (".", "!", "?")
    return text + words("summary.note", note=note) + ("" if ends else ".")


def _tidy(text: str) -> str:
    """*text* without the gap an empty field leaves ("re-engaged : he" -> "re-engaged: he").

    >>> _tidy("In session 9 Mathijs re-engaged : he tells her")
    'In session 9 Mathijs re-engaged: he tells her'
    """
    return re.sub(r" +([:,.;)])", r"\1", re.sub(r"  +", " ", text)).strip()


def _measure(words: Words, m: MeasureCourse) -> str:
    scale, name = m.scale, words.names.get(m.partner, m.partner)
    label = scale.id.upper() if scale.id in ("rdas", "csi-4", "csi-16", "csi-32") else scale.id
    cutoff = "" if scale.cutoff is None else words.number(scale.cutoff)
    if len(m.scores) == 1:
        side = scale.distressed(m.first)
        tail = "" if side is None else words(f"measure.cutoff.{'below' if side else 'above'}", cutoff=cutoff)
        return words(
            "measure.one", scale=label, name=name, score=words.number(m.first), n=m.scores[0][0], cutoff=tail
        )
    reliable = {None: "", True: words("measure.reliable"), False: words("measure.unreliable")}[m.reliable]
    before, after = scale.distressed(m.first), scale.distressed(m.last)
    sides = {(True, False): "out", (True, True): "still", (False, True): "into", (False, False): "never"}
    tail = (
        ""
        if before is None or after is None
        else words(f"measure.cutoff.{sides[(before, after)]}", cutoff=cutoff)
    )
    sign = "+" if m.change > 0 else ""
    return words(
        "measure.change",
        scale=label,
        name=name,
        first=words.number(m.first),
        last=words.number(m.last),
        change=sign + words.number(m.change),
        reliable=reliable,
        cutoff=tail,
    )


def _advisories(words: Words, summary: Course) -> str:
    if not summary.advisories:
        return words("advisory.none")
    lines = [words("advisory.head")]
    for advisory in summary.advisories:
        lines.append(
            "- "
            + _tidy(
                words(
                    f"advisory.{advisory.kind}",
                    n=advisory.session,
                    cycle=words.cycle(advisory.domain),
                    before=advisory.before if advisory.before is not None else "",
                    after=advisory.after if advisory.after is not None else "",
                    name=words.names.get(advisory.partner, advisory.partner) if advisory.partner else "",
                    **{"in": words.where(advisory.domain)},
                )
            )
        )
    return "\n".join(lines)


# --- the diff ----------------------------------------------------------------------------------


def describe_diff(
    change: FormulationDiff, *, language: object = None, before: str | None = None, after: str | None = None
) -> str:
    """The diff in words; *before* and *after* name the two formulations (default: first, second)."""
    words = Words(change.b, language)
    a, b = before or words("diff.first"), after or words("diff.second")
    if change.empty:
        return words("diff.none", a=a, b=b)
    parts: list[str] = []
    for domain in change.domains:
        parts.extend(_domain_parts(words, change, domain.domain))
    parts.extend(_element_parts(words, change))
    return "\n".join([words("diff.head", a=a, b=b), *(f"- {capitalize(p)}" for p in parts if p)])


def _domain_parts(words: Words, change: FormulationDiff, name: str) -> Iterable[str]:
    domain = next(d for d in change.domains if d.domain == name)
    cycle = words.cycle(name)
    before, after = domain.pattern
    if before != after:
        if before is None:
            yield words("diff.pattern_new", cycle=cycle, after=words(f"dance.{after}"))
        elif after is None:
            yield words("diff.pattern_gone", cycle=cycle, before=words(f"dance.{before}"))
        else:
            yield words(
                "diff.pattern", cycle=cycle, before=words(f"dance.{before}"), after=words(f"dance.{after}")
            )
    moved = [
        words(
            "diff.position",
            name=words.names.get(p, p),
            before=_role(words, change.a, name, p, x),
            after=_role(words, change.b, name, p, y),
        )
        for p, (x, y) in domain.positions.items()
        if x != y
    ]
    if moved:
        yield words("diff.positions", cycle=cycle, changes=str(words.main.get("list.comma")).join(moved))
    for loop in change.damped:
        if loop.domains == (name,):
            labels = [
                f"‘{link.label}’"
                for link in change.b.links
                if link.sign == "-" and link.label and (link.source, link.target) in loop.links
            ]
            yield words("diff.damped", cycle=cycle, label=", ".join(labels) or words("diff.damped_link"))
    undamped = {loop.elements for loop in change.damped}
    for loop in change.negative_lost:
        if loop.domains == (name,) and loop.elements not in undamped and before == after:
            yield words("diff.lost", cycle=cycle, pattern=words(f"dance.{loop.pattern}"))
    if any(loop.domains == (name,) for loop in change.secure_gained) and after != "secure":
        yield words("diff.secure", cycle=cycle)


def _role(words: Words, case: Case, domain: str, partner: str, position: object) -> str:
    """A position's name; for an undetermined one, the partner's secure move when there is one."""
    if str(position) == "undetermined":
        stances = {
            str(e.stance)
            for e in case.elements
            if e.domain == domain and e.partner == partner and str(e.stance) in ("reach", "respond")
        }
        if len(stances) == 1:
            return words(f"position.{stances.pop()}")
    return words(f"position.{position}")


def _element_parts(words: Words, change: FormulationDiff) -> Iterable[str]:
    counts = {
        "added": len(change.added),
        "removed": len(change.removed),
        "relabelled": len({c.id for c in change.relabelled}),
    }
    done = [words(f"diff.{key}", count=n) for key, n in counts.items() if n]
    if done:
        yield words("diff.elements", counts=str(words.main.get("list.comma")).join(done))
    elements = {e.id: e for e in change.a.elements}
    if change.removed:
        yield words("diff.gone", labels=", ".join(_labelled(words, elements[i]) for i in change.removed))
    elements = {e.id: e for e in change.b.elements}
    if change.added:
        yield words("diff.new", labels=", ".join(_labelled(words, elements[i]) for i in change.added))


def _labelled(words: Words, element: Any) -> str:
    who = words.names.get(element.partner or "", None)
    return f"‘{element.label}’" + (f" ({who})" if who else "")
