"""The tables of case-file format version 1: its keys, required keys and words.

The loader and the JSON Schema (`eftgraph.schema`) both read these tables, so the two say
the same thing.

Examples
--------
>>> KEYS["link"]
('from', 'to', 'sign', 'label')
>>> POSITIONS
('pursuer', 'withdrawer')
>>> from eftgraph import Sign
>>> words(Sign)
('+', '-')
"""

from __future__ import annotations

import enum

from eftgraph._model import DOMAIN_PATTERN, ID_PATTERN, PARTNER_ID_PATTERN, Position
from eftgraph._sheets import SLOTS

__all__ = ["FORMAT_VERSION", "KEYS", "PATTERN_WORDS", "POSITIONS", "REQUIRED", "words"]

FORMAT_VERSION = 1

KEYS: dict[str, tuple[str, ...]] = {
    "": (
        "eftgraph",
        "id",
        "title",
        "language",
        "partners",
        "domains",
        "cycles",
        "positions",
        "elements",
        "links",
        "concerns",
        "sessions",
    ),
    "partner": ("id", "name", "pronoun"),
    "sheet": ("position", "stance", *SLOTS),
    "element": ("id", "partner", "domain", "kind", "stance", "injury", "label"),
    "link": ("from", "to", "sign", "label"),
    "concern": ("label", "kind", "partner", "domain", "needs"),
}
"""The keys each part of a case file may have, in the order they are written."""

REQUIRED: dict[str, tuple[str, ...]] = {
    "": ("eftgraph", "id", "partners"),
    "partner": ("id", "name"),
    "sheet": ("behavior",),
    "element": ("id", "kind", "label"),
    "link": ("from", "to"),
    "concern": ("label", "kind"),
}
"""The keys each part of a case file must have."""

POSITIONS = tuple(str(p.value) for p in Position if p is not Position.UNDETERMINED)
"""The positions a case file may declare (a partner's position is never declared undetermined)."""

PATTERN_WORDS = {
    ID_PATTERN.pattern: "id",
    PARTNER_ID_PATTERN.pattern: "partner-id",
    DOMAIN_PATTERN.pattern: "domain",
}
"""Each pattern of names: its words in the message catalogs are ``error.shape.pattern.<this>``."""


def words(enum_cls: type[enum.Enum]) -> tuple[str, ...]:
    """The words a case file writes for the members of *enum_cls*, in order."""
    return tuple(str(member.value) for member in enum_cls)
