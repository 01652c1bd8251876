"""Narratives: plain sentences a therapist could read to the couple, in their language.

Every word comes from the message catalogs (``eftgraph/messages/<language>.toml``),
so a new language is a new file. The sentences use the partners' names and
pronouns and the therapist's own labels, unchanged.

>>> from eftgraph import loops, load
>>> loop = loops(load("examples/janine-mathijs.en.yaml"))[0]
>>> print(describe(loop).split(". ")[0])
The everyday cycle is a Protest Polka: Janine is the pursuer and Mathijs the withdrawer
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from eftgraph import _story as story
from eftgraph._catalog import Catalog, capitalize, catalog
from eftgraph._course import Course
from eftgraph._course_narrative import describe_course, describe_diff
from eftgraph._diff import FormulationDiff
from eftgraph._domains import DomainComparison, ReversalKind, domain_comparison
from eftgraph._loops import Loop, Pattern, Polarity, loops
from eftgraph._model import Case, ElementKind, Position, Stance
from eftgraph._positions import PositionReason, positions
from eftgraph._referrals import referrals
from eftgraph.errors import LoopLimitError

if TYPE_CHECKING:
    from eftgraph._model import Element

__all__ = ["describe"]

SHORT_LOOPS = 12
"""When a domain has too many loops to list, the description uses the loops of at most this many elements."""

_BELOW = (ElementKind.PRIMARY_EMOTION, ElementKind.FEAR, ElementKind.NEED)
"""Kinds below the waterline: what recurs there goes into a comparison's narrative."""


def describe(
    obj: Case | Loop | DomainComparison | Course | FormulationDiff, *, language: object = None
) -> str:
    """Plain sentences about a case, a loop or a domain comparison.

    Parameters
    ----------
    obj
        A [`Case`][eftgraph.Case] (its cycles, domain comparisons and referrals,
        one paragraph each), a [`Loop`][eftgraph.Loop] (its pattern and a walk
        round it: "When Janine criticises…, Mathijs hears…") or a
        [`DomainComparison`][eftgraph.DomainComparison] (positions, reversal, bridges),
        a [`Course`][eftgraph.Course] (stages, ratings, markers, measures, points for
        supervision) or a [`FormulationDiff`][eftgraph.FormulationDiff] (what changed), as a
        therapist writes them in a progress note.
    language
        ``"en"``, ``"nl"`` or any language with a message catalog; default: the
        case's ``language``.

    Returns
    -------
    str
        Paragraphs separated by a blank line; no line breaks inside a paragraph, except
        the points for supervision of a course and the changes of a diff: one line
        each, starting with ``- ``.

    Examples
    --------
    >>> from eftgraph import domain_comparison, load
    >>> print(describe(domain_comparison(load("examples/janine-mathijs.yaml"))).split(". ")[0])
    In het dagelijks leven is Janine de achtervolger en Mathijs de terugtrekker; in hun seksuele relatie is het precies andersom: Mathijs is de achtervolger en Janine de terugtrekker
    >>> describe("a case")
    Traceback (most recent call last):
    ...
    TypeError: describe() takes a Case, a Loop, a DomainComparison, a Course or a FormulationDiff, not str
    """
    if isinstance(obj, Course):
        return describe_course(obj, language=language)
    if isinstance(obj, FormulationDiff):
        return describe_diff(obj, language=language)
    if isinstance(obj, Case):
        return "\n\n".join(_Writer(obj, language).whole_case())
    if isinstance(obj, Loop):
        return _Writer(obj.case, language).loop(obj)
    if isinstance(obj, DomainComparison):
        return _Writer(obj.case, language).comparison(obj)
    raise TypeError(
        "describe() takes a Case, a Loop, a DomainComparison, a Course or a FormulationDiff, "
        f"not {type(obj).__name__}"
    )


def _sentence(text: str) -> str:
    """*text* with a capital first letter and a full stop unless it ends in one."""
    text = capitalize(text.strip())
    return text if text.endswith((".", "!", "?", "…")) else text + "."


class _Writer:
    """Sentences about one case in one language."""

    def __init__(self, case: Case, language: object) -> None:
        self.case = case
        self.texts: Catalog = catalog(case.language if language is None else language)

    # --- words -----------------------------------------------------------------------------------

    def text(self, key: str, variant: str | None = None, /, **values: str) -> str:
        return self.texts.text(key, variant, **values)

    def names(self, partner_ids: Sequence[str]) -> str:
        names = [self.case.partner(p).name for p in partner_ids]
        if len(names) <= 1:
            return "".join(names)
        comma, and_ = self.texts.get("list.comma"), self.texts.get("list.and")
        return str(comma).join(names[:-1]) + str(and_) + names[-1]

    def join(self, parts: Sequence[str]) -> str:
        if len(parts) <= 1:
            return "".join(parts)
        comma, and_ = self.texts.get("list.comma"), self.texts.get("list.and")
        return str(comma).join(parts[:-1]) + str(and_) + parts[-1]

    def domain(self, domain: str, form: str) -> str:
        """``cycle`` (the everyday cycle) or ``in`` (in everyday life) for *domain*."""
        try:
            return str(self.texts.get(f"domain.{domain}.{form}"))
        except KeyError:
            return self.text(f"domain.other.{form}", domain=domain)

    def cycle_name(self, loop: Loop) -> str:
        if len(loop.domains) == 1:
            return self.domain(loop.domains[0], "cycle")
        return self.text(
            "domain.crossing", domains=self.join([self.domain(d, "cycle") for d in loop.domains])
        )

    def positions_text(self, held: Mapping[str, Position], *, inverted: bool = False) -> str:
        """``Janine is the pursuer and Mathijs the withdrawer``: pursuers, withdrawers, then the undetermined."""
        groups = [
            [p for p, position in held.items() if position is wanted]
            for wanted in (Position.PURSUER, Position.WITHDRAWER, Position.UNDETERMINED)
        ]
        parts: list[str] = []
        for position, members in zip(
            (Position.PURSUER, Position.WITHDRAWER, Position.UNDETERMINED), groups, strict=True
        ):
            if not members:
                continue
            first = not parts
            number = "one" if len(members) == 1 else "many"
            form = number if first or number == "many" else "rest"
            variant = "inverted" if inverted and first else None
            parts.append(self.text(f"position.{position.value}.{form}", variant, names=self.names(members)))
        if not parts:
            return self.text("position.none", "inverted" if inverted else None)
        return self.join(parts)

    def stances_text(self, stances: Mapping[str, Stance | None]) -> str:
        parts = []
        for stance in (Stance.REACH, Stance.RESPOND):
            members = [p for p, s in stances.items() if s is stance]
            if members:
                number = "one" if len(members) == 1 else "many"
                parts.append(self.text(f"stance.{stance.value}.{number}", names=self.names(members)))
        if not parts:  # each partner both reaches and responds
            return self.text("stance.both", names=self.names(list(stances)))
        return self.join(parts)

    # --- a loop ----------------------------------------------------------------------------------

    def loop(self, loop: Loop) -> str:
        sentences = [self.header(loop)]
        if loop.polarity is Polarity.BALANCING:
            sentences.append(self.text("loop.balancing"))
        sentences.extend(self.walk(loop))
        sentences.extend(self.needs(loop))
        return " ".join(sentences)

    def header(self, loop: Loop) -> str:
        cycle = self.cycle_name(loop)
        if loop.pattern is None:
            names = self.names(loop.partners) if loop.partners else "—"
            where = self.join([self.domain(d, "in") for d in loop.domains])
            return _sentence(self.text("loop.inside", name=names, **{"in": where}))
        if loop.pattern is Pattern.SECURE:
            return _sentence(self.text("loop.secure", cycle=cycle, stances=self.stances_text(loop.stances)))
        return _sentence(
            self.text(
                f"loop.{loop.pattern.value}", cycle=cycle, positions=self.positions_text(loop.positions)
            )
        )

    def walk(self, loop: Loop) -> list[str]:
        """Round the loop from a behaviour (a pursuer's or a reach, if any), one sentence per element."""
        elements = [self.case.element(e) for e in loop.elements]
        behaviours = [i for i, e in enumerate(elements) if e.kind is ElementKind.BEHAVIOR]
        leading = [i for i in behaviours if elements[i].stance in (Stance.PURSUE, Stance.REACH)]
        start = (leading or behaviours or [0])[0]
        elements = elements[start:] + elements[:start]
        clauses = [
            story.clause(
                self.texts, self.case, element, first=i == 0 or element.partner != elements[i - 1].partner
            )
            for i, element in enumerate(elements)
        ]
        first = elements[0]
        if first.kind is not ElementKind.BEHAVIOR or len(elements) < 2:
            return [_sentence(c) for c in clauses] + [self.text("loop.round")]
        secure = loop.pattern is Pattern.SECURE
        return [
            story.opening(self.texts, self.case, first, clauses[1]),
            *(_sentence(c) for c in clauses[2:]),
            story.closing(self.texts, self.case, first, secure=secure),
        ]

    def clause(self, element: Element, *, first: bool) -> str:
        """One layer told in a frame that fits its label (the slides use it too)."""
        return story.clause(self.texts, self.case, element, first=first)

    def needs(self, loop: Loop) -> list[str]:
        sentences = []
        order = sorted(
            loop.partners, key=lambda p: loop.positions.get(p, Position.UNDETERMINED) is not Position.PURSUER
        )
        for partner in order:
            labels = [
                e.label
                for e in self.case.elements
                if e.partner == partner and e.kind is ElementKind.NEED and e.domain in loop.domains
            ]
            if labels:
                name = self.case.partner(partner).name
                semicolon = str(self.texts.get("list.semicolon"))
                sentences.append(_sentence(self.text("loop.need", name=name, label=semicolon.join(labels))))
        return sentences

    # --- a comparison -----------------------------------------------------------------------------

    def comparison(self, comparison: DomainComparison) -> str:
        a, b = comparison.a, comparison.b

        def taking_part(domain: str) -> dict[str, Position]:
            held = comparison.positions[domain]
            return {p: held[p] for p in held if held.reasons[p] is not PositionReason.NO_BEHAVIOR}

        held_a, held_b = taking_part(a), taking_part(b)
        values = {
            "in_a": self.domain(a, "in"),
            "in_b": self.domain(b, "in"),
            "positions_a": self.positions_text(held_a),
            "positions_a_inv": self.positions_text(held_a, inverted=True),
            "positions_b": self.positions_text(held_b),
            "positions_b_inv": self.positions_text(held_b, inverted=True),
            "names": self.names(comparison.reversals),
        }
        key = f"compare.{comparison.kind.value}"
        if comparison.kind is ReversalKind.PARTIAL:
            key += ".one" if len(comparison.reversals) == 1 else ".many"
        sentences = [self.text(key, **values)]
        for bridge in comparison.links:
            source, target = self.case.element(bridge.source), self.case.element(bridge.target)
            text = self.text(
                "compare.link",
                source=source.label,
                source_name=self.names([source.partner]) if source.partner else "—",
                target=target.label,
                target_name=self.names([target.partner]) if target.partner else "—",
            )
            if bridge.label:
                sentences.append(self.text("compare.link_label", text=text, label=bridge.label))
            else:
                sentences.append(self.text("compare.link_plain", text=text))
        below: dict[str, list[str]] = {}
        for bridge in comparison.shared:
            source = self.case.element(bridge.source)
            if source.kind in _BELOW and source.partner is not None:
                pair = story.recurring_pair(self.texts, source.label, self.case.element(bridge.target).label)
                below.setdefault(source.partner, []).append(pair)
        also = str(self.texts.get("compare.recurring_also"))
        items = [
            self.text("compare.recurring_item", name=self.names([p.id]), pairs=also.join(below[p.id]))
            for p in self.case.partners
            if p.id in below
        ]
        if items:
            sentences.append(
                self.text("compare.recurring", items=str(self.texts.get("list.semicolon")).join(items))
            )
        return " ".join(_sentence(s) for s in sentences)

    # --- a whole case ----------------------------------------------------------------------------

    def case_loops(self, domain: str) -> tuple[list[Loop], str | None]:
        """The loops of *domain*, and a note when there were too many to find them all."""
        case = self.case
        where = self.domain(domain, "in")
        try:
            return loops(case, domain=domain), None
        except LoopLimitError:
            pass
        note = _sentence(self.text("case.too_many", **{"in": where}))
        try:
            return loops(case, domain=domain, max_length=SHORT_LOOPS), note
        except LoopLimitError:
            return [], note

    def whole_case(self) -> list[str]:
        case = self.case
        paragraphs = [case.title or case.id]
        for domain in case.domains:
            paragraphs.extend(self.domain_paragraphs(domain))
        crossing = self.crossing()
        if crossing:
            paragraphs.append(crossing)
        for other in case.domains[1:]:
            paragraphs.append(self.comparison(domain_comparison(case, case.domains[0], other)))
        found = referrals(case)
        if found:
            paragraphs.append(" ".join(story.referral_sentence(self.texts, case, r) for r in found))
        return paragraphs

    def domain_paragraphs(self, domain: str) -> list[str]:
        """The cycle of *domain*: how it starts, its most important negative loop, its secure cycle."""
        case = self.case
        found, note = self.case_loops(domain)
        negative = [loop for loop in found if loop.negative]
        secure = [loop for loop in found if loop.pattern is Pattern.SECURE]
        others = [loop for loop in found if not loop.negative and loop.pattern is not Pattern.SECURE]
        where = self.domain(domain, "in")
        parts = [note] if note else []
        parts.extend(story.beginnings(self.texts, case, domain, negative[0] if negative else None))
        if negative:
            parts.append(self.loop(negative[0]))
            parts.extend(story.mixed(self.texts, case, domain))
            more = len(negative) - 1
            if more:
                number = "one" if more == 1 else "many"
                parts.append(
                    _sentence(self.text(f"case.more_loops.{number}", count=str(more), **{"in": where}))
                )
        elif not secure and others:  # a balancing loop, or one inside a partner
            parts.append(_sentence(self.text("case.no_negative", **{"in": where})))
            parts.append(self.loop(others[0]))
        elif not secure:
            held = positions(case, domain)
            shown = {p: held[p] for p in held if held.reasons[p] is not PositionReason.NO_BEHAVIOR}
            parts.append(
                _sentence(self.text("case.no_loop", positions=self.positions_text(shown), **{"in": where}))
            )
        paragraphs = [" ".join(parts)] if parts else []
        if secure:
            paragraphs.append(self.secure(secure))
        return paragraphs

    def secure(self, found: Sequence[Loop]) -> str:
        """The first secure loop, then the other way round (a loop where another partner reaches), then needs."""
        first = found[0]
        walk = self.walk(first)
        sentences = [self.header(first), *walk[:-1]]
        reaching = {self.reacher(first)}
        for loop in found[1:]:
            who = self.reacher(loop)
            if who not in reaching:
                reaching.add(who)
                told = " ".join(self.walk(loop)[:-1])
                sentences.append(self.text("loop.secure_other", text=told[:1].lower() + told[1:]))
        return " ".join([*sentences, walk[-1], *self.needs(first)])

    def reacher(self, loop: Loop) -> str | None:
        """The partner whose reach a secure loop starts from."""
        return next(
            (
                self.case.element(e).partner
                for e in loop.elements
                if self.case.element(e).stance is Stance.REACH
            ),
            None,
        )

    def crossing(self) -> str | None:
        """A sentence on the negative loops that run through more than one domain, if any."""
        if len(self.case.domains) < 2:
            return None
        try:
            found_loops = loops(self.case)
        except LoopLimitError:
            return None
        crossing = [loop for loop in found_loops if loop.negative and len(loop.domains) > 1]
        if not crossing:
            return None
        domains = [d for d in self.case.domains if any(d in loop.domains for loop in crossing)]
        number = "one" if len(crossing) == 1 else "many"
        names = self.join([self.domain(d, "cycle") for d in domains])
        return _sentence(self.text(f"case.crossing.{number}", count=str(len(crossing)), domains=names))
