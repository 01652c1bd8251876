"""The words of the case model: str enums, id patterns and their converters (DESIGN §1-2).

Examples
--------
>>> Relation.between(ElementKind.FEAR, ElementKind.BEHAVIOR)
<Relation.DRIVES: 'drives'>
>>> coerce(Stance, "pursue")
<Stance.PURSUE: 'pursue'>
"""

from __future__ import annotations

import enum
import re
from typing import TypeVar

from eftgraph._catalog import Labelled
from eftgraph._suggest import nearest
from eftgraph.errors import CaseError, Problem, quoted

__all__ = [
    "DOMAIN_PATTERN",
    "ID_PATTERN",
    "PARTNER_ID_PATTERN",
    "PRONOUNS",
    "STANDARD_DOMAINS",
    "Advice",
    "ConcernKind",
    "ElementKind",
    "Language",
    "Position",
    "Relation",
    "Sign",
    "Stance",
    "coerce",
    "to_concern_kind",
    "to_kind",
    "to_language",
    "to_optional_position",
    "to_position",
    "to_sign",
    "to_stance",
]


class _StrEnum(str, enum.Enum):
    """A str enum whose ``str()`` is its value (like `enum.StrEnum`)."""

    def __str__(self) -> str:
        return str(self.value)


class ElementKind(_StrEnum):
    """What an element of a cycle is, from the surface down (DESIGN §1)."""

    TRIGGER = "trigger"
    BEHAVIOR = "behavior"
    PERCEPTION = "perception"
    SECONDARY_EMOTION = "secondary_emotion"
    FEAR = "fear"
    PRIMARY_EMOTION = "primary_emotion"
    NEED = "need"
    EVENT = "event"
    """Something that happened once (an affair, a lost erection); with ``injury``, an attachment injury."""

    @property
    def layer(self) -> int:
        """Row of the kind in a cycle sheet: 0 (trigger) to 6 (need).

        Examples
        --------
        >>> ElementKind.PERCEPTION.layer
        2
        """
        return _LAYERS[self]

    @property
    def below_waterline(self) -> bool:
        """True for fear, primary emotion and need: what the partner does not see.

        Examples
        --------
        >>> ElementKind.FEAR.below_waterline, ElementKind.SECONDARY_EMOTION.below_waterline
        (True, False)
        """
        return self.layer >= _LAYERS[ElementKind.FEAR]


_LAYERS: dict[ElementKind, int] = {
    kind: index for index, kind in enumerate(k for k in ElementKind if k is not ElementKind.EVENT)
}
_LAYERS[ElementKind.EVENT] = 0  # a one-off event stands where a trigger stands: outside the column


class Stance(_StrEnum):
    """The stance of a behaviour: protective (pursue, withdraw) or secure (reach, respond)."""

    PURSUE = "pursue"
    WITHDRAW = "withdraw"
    REACH = "reach"
    RESPOND = "respond"

    @property
    def secure(self) -> bool:
        """True for the secure moves reach and respond."""
        return self in (Stance.REACH, Stance.RESPOND)


class Position(_StrEnum):
    """A partner's position in a cycle. ``undetermined`` is only ever inferred."""

    PURSUER = "pursuer"
    WITHDRAWER = "withdrawer"
    UNDETERMINED = "undetermined"

    @property
    def stance(self) -> Stance | None:
        """The stance that goes with the position (pursuer ↔ pursue, withdrawer ↔ withdraw)."""
        return {Position.PURSUER: Stance.PURSUE, Position.WITHDRAWER: Stance.WITHDRAW}.get(self)


class Sign(_StrEnum):
    """A link's sign: ``+`` amplifies (the default), ``-`` dampens."""

    AMPLIFIES = "+"
    DAMPENS = "-"


class ConcernKind(_StrEnum):
    """Kinds of problems outside the cycle that call for referral."""

    DYSFUNCTION = "dysfunction"
    ILLNESS = "illness"
    DISABILITY = "disability"
    PARAPHILIA = "paraphilia"
    TRAUMA = "trauma"
    COERCION = "coercion"
    MENTAL_HEALTH = "mental-health"
    ADDICTION = "addiction"
    OTHER = "other"


class Advice(Labelled, _StrEnum, catalog="advice"):
    """A kind of help a concern outside the cycle calls for (a concern's ``needs``).

    `label` gives a short name (``refer to a sexologist``, …).
    """

    DOCTOR = "doctor"
    """The treating doctor (GP or specialist): illness, disability, medication."""
    SEXOLOGIST = "sexologist"
    """A sexologist: sexual dysfunction, sexual problems from illness or disability, paraphilia."""
    MENTAL_HEALTH = "mental-health-care"
    """The GP or a psychologist: depression and other mental-health problems."""
    ADDICTION = "addiction-care"
    """Addiction care."""
    TRAUMA = "trauma-focused-help"
    """Trauma-focused help, before or alongside couple therapy."""
    SAFETY = "safety-first"
    """Coercion: safety first; couple therapy may be contraindicated."""
    SPECIALIST = "specialist"
    """Anything else outside the cycle: consider a fitting specialist."""


class Relation(_StrEnum):
    """What a link means, derived from the kinds of the elements at its ends."""

    PERCEIVED_AS = "perceived_as"
    EVOKES = "evokes"
    MASKS = "masks"
    DRIVES = "drives"
    SIGNALS = "signals"

    @classmethod
    def between(cls, source: ElementKind, target: ElementKind) -> Relation:
        """The relation of a link from an element of kind *source* to one of kind *target*.

        Examples
        --------
        >>> Relation.between(ElementKind.BEHAVIOR, ElementKind.PERCEPTION)
        <Relation.PERCEIVED_AS: 'perceived_as'>
        >>> Relation.between(ElementKind.PRIMARY_EMOTION, ElementKind.SECONDARY_EMOTION)
        <Relation.MASKS: 'masks'>
        """
        if target is ElementKind.PERCEPTION:
            return cls.PERCEIVED_AS
        if target is ElementKind.BEHAVIOR:
            return cls.DRIVES
        if target is ElementKind.NEED:
            return cls.SIGNALS
        if source is ElementKind.PRIMARY_EMOTION and target is ElementKind.SECONDARY_EMOTION:
            return cls.MASKS
        return cls.EVOKES


class Language(_StrEnum):
    """Languages of generated text and figure legends."""

    EN = "en"
    NL = "nl"


ID_PATTERN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*\Z")
PARTNER_ID_PATTERN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_\-]*\Z")
DOMAIN_PATTERN = re.compile(r"[a-z][a-z0-9_\-]*\Z")

STANDARD_DOMAINS = ("everyday", "sexual", "caregiving")

PRONOUNS = ("she", "he", "they")


_E = TypeVar("_E", bound=enum.Enum)


def coerce(enum_cls: type[_E], value: _E | str) -> _E:
    """*value* as a member of *enum_cls*; a `CaseError` naming the valid words if not."""
    if isinstance(value, enum_cls):
        return value
    try:
        return enum_cls(value)
    except ValueError:
        allowed = [str(m.value) for m in enum_cls]
        raise CaseError(
            [
                Problem(
                    "",
                    "error.case.invalid-word",
                    {"what": enum_cls.__name__, "found": quoted(value)},
                    found=str(value),
                    allowed=tuple(allowed),
                    suggestion=nearest(str(value), allowed),
                )
            ]
        ) from None


# Converters for attrs fields: a word or a member in, a member out.


def to_kind(value: ElementKind | str) -> ElementKind:
    return coerce(ElementKind, value)


def to_stance(value: Stance | str | None) -> Stance | None:
    return None if value is None else coerce(Stance, value)


def to_position(value: Position | str) -> Position:
    return coerce(Position, value)


def to_optional_position(value: Position | str | None) -> Position | None:
    return None if value is None else coerce(Position, value)


def to_sign(value: Sign | str) -> Sign:
    return coerce(Sign, value)


def to_concern_kind(value: ConcernKind | str) -> ConcernKind:
    return coerce(ConcernKind, value)


def to_language(value: Language | str) -> Language:
    return coerce(Language, value)
