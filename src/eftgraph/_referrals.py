"""Referrals: concerns outside the cycle and the kinds of help each one needs.

Some problems are not *only* interaction themes (Deij & Van Verseveld 2015):
sexual dysfunctions, problems from illness or disability, paraphilias,
mental-health problems, addiction, trauma and coercion call for help beside
the cycle work: an assessment, before or alongside the work on the cycle. A
concern may need more than one kind of help (erection problems since a
diabetes diagnosis: the treating doctor first, and a sexologist); its
``needs`` say so, else its kind decides (`default_needs`).

>>> from eftgraph import Case, Concern, Partner
>>> case = Case(id="x", partners=[Partner("a", "Ann")],
...             concerns=[Concern("pain during intercourse", "dysfunction", partner="a")])
>>> (referral,) = referrals(case)
>>> referral.advice, referral.reason()
(<Advice.SEXOLOGIST: 'sexologist'>, 'A sexual dysfunction is not only an interaction theme: refer to a sexologist for assessment, before or alongside the work on the cycle. The avoidance around it may well be part of the sexual cycle.')
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from eftgraph._catalog import catalog
from eftgraph._model import Advice, ConcernKind

if TYPE_CHECKING:
    from eftgraph._model import Case, Concern

__all__ = ["ADVICE", "Advice", "Referral", "default_needs", "referrals"]

ADVICE: dict[ConcernKind, tuple[Advice, ...]] = {
    ConcernKind.DYSFUNCTION: (Advice.SEXOLOGIST,),
    ConcernKind.ILLNESS: (Advice.DOCTOR,),
    ConcernKind.DISABILITY: (Advice.DOCTOR,),
    ConcernKind.PARAPHILIA: (Advice.SEXOLOGIST,),
    ConcernKind.MENTAL_HEALTH: (Advice.MENTAL_HEALTH,),
    ConcernKind.ADDICTION: (Advice.ADDICTION,),
    ConcernKind.TRAUMA: (Advice.TRAUMA,),
    ConcernKind.COERCION: (Advice.SAFETY,),
    ConcernKind.OTHER: (Advice.SPECIALIST,),
}
"""The help each kind of concern calls for when the concern does not say (its ``needs``)."""


def default_needs(concern: Concern) -> tuple[Advice, ...]:
    """What *concern* needs: its own ``needs``, else what its kind calls for.

    Illness and disability in the sexual domain also need a sexologist.

    >>> from eftgraph import Concern
    >>> default_needs(Concern("diabetes", "illness", domain="sexual"))
    (<Advice.DOCTOR: 'doctor'>, <Advice.SEXOLOGIST: 'sexologist'>)
    >>> default_needs(Concern("low mood for months", "mental-health"))
    (<Advice.MENTAL_HEALTH: 'mental-health-care'>,)
    """
    if concern.needs:
        return concern.needs
    needs = ADVICE[concern.kind]
    if concern.kind in (ConcernKind.ILLNESS, ConcernKind.DISABILITY) and concern.domain == "sexual":
        needs = (*needs, Advice.SEXOLOGIST)
    return needs


@attrs.frozen
class Referral:
    """A concern and the kinds of help it needs, most urgent first (``advice`` is the first)."""

    concern: Concern
    advice: Advice
    needs: tuple[Advice, ...] = ()

    def __attrs_post_init__(self) -> None:
        if not self.needs:
            object.__setattr__(self, "needs", (self.advice,))

    @property
    def contraindicated(self) -> bool:
        """True when couple therapy may be contraindicated (coercion)."""
        return Advice.SAFETY in self.needs

    def reason(self, language: object = "en") -> str:
        """Why, and what to do, in *language*: one or two sentences for the therapist.

        >>> from eftgraph import Concern
        >>> print(Referral(Concern("he pushes her", "coercion"), Advice.SAFETY).reason("nl"))
        Bij dwang of geweld gaat veiligheid voor: bespreek de veiligheid met ieder afzonderlijk. Relatietherapie kan gecontra-indiceerd zijn zolang er dwang is.
        >>> print(Referral(Concern("ED", "illness", domain="sexual"), Advice.DOCTOR, (Advice.DOCTOR, Advice.SEXOLOGIST)).reason("nl"))
        Een ziekte is niet alleen een interactiethema: verwijs voor onderzoek naar de behandelend arts en een seksuoloog, vóór of naast het werk aan de cirkel. De vermijding eromheen kan wel degelijk deel uitmaken van de seksuele cirkel.
        """
        texts = catalog(language)
        if self.concern.kind is ConcernKind.COERCION:
            return str(texts.get("referral.coercion"))
        helpers = [str(texts.get(f"helper.{need.value}")) for need in self.needs if need is not Advice.SAFETY]
        joined = str(texts.get("list.comma")).join(helpers[:-1])
        joined = joined + str(texts.get("list.and")) + helpers[-1] if len(helpers) > 1 else "".join(helpers)
        lead = str(texts.get(f"referral.{self.concern.kind.value}"))
        text = texts.text("referral.refer", lead=lead, helpers=joined)
        if self.concern.domain == "sexual" or (
            self.concern.kind is ConcernKind.DYSFUNCTION or Advice.SEXOLOGIST in self.needs
        ):
            text += " " + str(texts.get("referral.sexual"))
        return text


def referrals(case: Case) -> tuple[Referral, ...]:
    """Each concern of *case* with the help it needs, in the order of the case.

    Every concern is listed: a concern is in the case file because it lies
    (partly) outside the cycle. Without ``needs`` the kind decides:
    dysfunction and paraphilia → a sexologist; illness and disability → the
    treating doctor (and a sexologist in the sexual domain); mental-health →
    the GP or a psychologist; addiction → addiction care; trauma →
    trauma-focused help; coercion → safety first, couple therapy may be
    contraindicated; other → a fitting specialist.

    Examples
    --------
    >>> from eftgraph import load
    >>> case = load("examples/family-morgan.yaml")
    >>> [(r.concern.label, [str(n) for n in r.needs]) for r in referrals(case)]
    [("Tom's low mood since he lost his job", ['mental-health-care'])]
    >>> print(referrals(case)[0].reason())
    Depression and other mental-health problems are not only an interaction theme: refer to the GP or a psychologist for assessment, before or alongside the work on the cycle.
    """
    found = []
    for concern in case.concerns:
        needs = default_needs(concern)
        found.append(Referral(concern, needs[0], needs))
    return tuple(found)
