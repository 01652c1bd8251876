"""The words a figure writes itself (layer names, positions, title, legend) in English and Dutch."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from eftgraph._model import ElementKind, Language, Position

__all__ = ["WORDS", "Words"]


@attrs.frozen
class Words:
    """Every word a figure needs in one language."""

    layers: Mapping[ElementKind, str]
    positions: Mapping[Position, str]
    domains: Mapping[str, str]
    """Names of the standard domains' cycles."""
    other_domain: str
    """Format for the cycle of any other domain (``{name}``)."""
    cycle_title: str
    """Format of a cycle view's title (``{title}``, ``{cycle}``)."""
    compare_title: str
    """Format of a compare view's title (``{title}``, ``{a}``, ``{b}``)."""
    and_: str
    waterline: str
    above: str
    below: str
    legend: str
    cross: str
    within: str
    dampens: str
    bridge: str
    recurs: str
    highlight: str
    highlight_loop: str
    reversed: str
    elsewhere: str
    """Format of the note on a link that leaves the cycle shown (``{cycle}``)."""
    elsewhere_legend: str

    def cycle(self, domain: str) -> str:
        """The name of *domain*'s cycle.

        >>> WORDS[Language.NL].cycle("sexual"), WORDS[Language.EN].cycle("work")
        ('seksuele cirkel', 'work cycle')
        """
        return self.domains.get(domain, self.other_domain.format(name=domain))


WORDS: Mapping[Language, Words] = {
    Language.EN: Words(
        layers={
            ElementKind.TRIGGER: "trigger",
            ElementKind.BEHAVIOR: "behaviour",
            ElementKind.PERCEPTION: "perception",
            ElementKind.SECONDARY_EMOTION: "secondary emotion",
            ElementKind.FEAR: "attachment fear",
            ElementKind.PRIMARY_EMOTION: "primary emotion",
            ElementKind.NEED: "attachment need",
        },
        positions={
            Position.PURSUER: "pursuer",
            Position.WITHDRAWER: "withdrawer",
            Position.UNDETERMINED: "position undetermined",
        },
        domains={
            "everyday": "everyday cycle",
            "sexual": "sexual cycle",
            "caregiving": "caregiving cycle",
        },
        other_domain="{name} cycle",
        cycle_title="{title}: {cycle}",
        compare_title="{title}: {a} and {b}",
        and_="&",
        waterline="waterline",
        above="above the waterline: what shows",
        below="below the waterline: what the other does not see",
        legend="legend",
        cross="one partner's move sets off the other",
        within="leads to, within one partner",
        dampens="dampens (−)",
        bridge="links the two cycles",
        recurs="recurs in the other cycle",
        highlight="the strongest negative loop",
        highlight_loop="the loop looked at",
        reversed="position reversed",
        elsewhere="in the {cycle}",
        elsewhere_legend="leads into another cycle",
    ),
    Language.NL: Words(
        layers={
            ElementKind.TRIGGER: "aanleiding",
            ElementKind.BEHAVIOR: "gedrag",
            ElementKind.PERCEPTION: "perceptie",
            ElementKind.SECONDARY_EMOTION: "secundaire emotie",
            ElementKind.FEAR: "gehechtheidsangst",
            ElementKind.PRIMARY_EMOTION: "primaire emotie",
            ElementKind.NEED: "gehechtheidsbehoefte",
        },
        positions={
            Position.PURSUER: "achtervolger",
            Position.WITHDRAWER: "terugtrekker",
            Position.UNDETERMINED: "positie onbepaald",
        },
        domains={
            "everyday": "dagelijkse cirkel",
            "sexual": "seksuele cirkel",
            "caregiving": "zorgcirkel",
        },
        other_domain="cirkel {name}",
        cycle_title="{title}: {cycle}",
        compare_title="{title}: {a} en {b}",
        and_="&",
        waterline="waterlijn",
        above="boven de waterlijn: wat zichtbaar is",
        below="onder de waterlijn: wat de ander niet ziet",
        legend="legenda",
        cross="de zet van de een raakt de ander",
        within="leidt tot, binnen één partner",
        dampens="dempt (−)",
        bridge="verbindt de twee cirkels",
        recurs="komt terug in de andere cirkel",
        highlight="de sterkste negatieve cirkel",
        highlight_loop="de bekeken cirkel",
        reversed="positie omgedraaid",
        elsewhere="in de {cycle}",
        elsewhere_legend="leidt naar een andere cirkel",
    ),
}
"""The words of each language."""
