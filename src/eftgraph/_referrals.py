"""Referrals: concerns outside the cycle and the advice each calls for.

Some problems are not interaction themes and cycle work does not treat them
(Deij & Van Verseveld 2015): sexual dysfunctions, problems from illness or
disability, and paraphilias call for a sexologist; trauma for trauma-focused
help; coercion for safety first, and couple therapy may then be
contraindicated.

>>> from eftgraph import Case, Concern, Partner
>>> case = Case(id="x", partners=[Partner("a", "Ann")],
...             concerns=[Concern("pain during intercourse", "dysfunction", partner="a")])
>>> (referral,) = referrals(case)
>>> referral.advice, referral.reason()
(<Advice.SEXOLOGIST: 'sexologist'>, 'A sexual dysfunction is not an interaction theme: refer to a sexologist, before or alongside the work on the cycle.')
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from eftgraph._catalog import Labelled, catalog
from eftgraph._model import ConcernKind, _StrEnum

if TYPE_CHECKING:
    from eftgraph._model import Case, Concern

__all__ = ["Advice", "Referral", "referrals"]


class Advice(Labelled, _StrEnum, catalog="advice"):
    """What a concern outside the cycle calls for; `label` gives a short name (``refer to a sexologist``, …)."""

    SEXOLOGIST = "sexologist"
    """Refer to a sexologist: dysfunction, illness, disability, paraphilia."""
    TRAUMA = "trauma-focused-help"
    """Trauma-focused help, before or alongside couple therapy."""
    SAFETY = "safety-first"
    """Coercion: safety first; couple therapy may be contraindicated."""
    SPECIALIST = "specialist"
    """Anything else outside the cycle: consider a fitting specialist."""


ADVICE = {
    ConcernKind.DYSFUNCTION: Advice.SEXOLOGIST,
    ConcernKind.ILLNESS: Advice.SEXOLOGIST,
    ConcernKind.DISABILITY: Advice.SEXOLOGIST,
    ConcernKind.PARAPHILIA: Advice.SEXOLOGIST,
    ConcernKind.TRAUMA: Advice.TRAUMA,
    ConcernKind.COERCION: Advice.SAFETY,
    ConcernKind.OTHER: Advice.SPECIALIST,
}
"""The advice each kind of concern calls for."""


@attrs.frozen
class Referral:
    """A concern and the advice it calls for."""

    concern: Concern
    advice: Advice

    @property
    def contraindicated(self) -> bool:
        """True when couple therapy may be contraindicated (coercion)."""
        return self.advice is Advice.SAFETY

    def reason(self, language: object = "en") -> str:
        """Why, and what to do, in *language*: one or two sentences for the therapist.

        >>> from eftgraph import Concern
        >>> print(Referral(Concern("he pushes her", "coercion"), Advice.SAFETY).reason("nl"))
        Bij dwang of geweld gaat veiligheid voor: bespreek de veiligheid met ieder afzonderlijk. Relatietherapie kan gecontra-indiceerd zijn zolang er dwang is.
        """
        return str(catalog(language).get(f"referral.{self.concern.kind.value}"))


def referrals(case: Case) -> tuple[Referral, ...]:
    """Each concern of *case* with the advice it calls for, in the order of the case.

    Every concern is listed: a concern is in the case file because it lies
    outside the cycle. The advice follows the article's rule: dysfunction,
    illness, disability and paraphilia → a sexologist (not an interaction
    theme); trauma → trauma-focused help; coercion → safety first, couple
    therapy may be contraindicated; other → a fitting specialist.

    Examples
    --------
    >>> from eftgraph import load
    >>> case = load("examples/family-morgan.yaml")
    >>> [(r.concern.label, str(r.advice)) for r in referrals(case)]
    [("Tom's low mood since he lost his job", 'sexologist')]
    >>> print(referrals(case)[0].reason())
    Illness is not an interaction theme: refer to the treating doctor, and to a sexologist for the sexual problems that come with it.
    """
    return tuple(Referral(concern, ADVICE[concern.kind]) for concern in case.concerns)
