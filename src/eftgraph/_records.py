"""The records a case is made of: partners, elements, links, concerns and declared positions.

Each is a frozen attrs class; enum fields accept the word or the member (DESIGN §2). The
rules that tie records together are checked when a `eftgraph.Case` is built.

Examples
--------
>>> Link("a1", "b1", sign="-").sign
<Sign.DAMPENS: '-'>
"""

from __future__ import annotations

import attrs

from eftgraph._vocabulary import (
    ConcernKind,
    ElementKind,
    Position,
    Sign,
    Stance,
    to_concern_kind,
    to_kind,
    to_position,
    to_sign,
    to_stance,
)

__all__ = ["Concern", "DeclaredPosition", "Element", "Link", "Partner"]


@attrs.frozen
class Partner:
    """A partner (or family member) in the case.

    Examples
    --------
    >>> Partner("janine", "Janine", pronoun="she")
    Partner(id='janine', name='Janine', pronoun='she')
    """

    id: str
    name: str
    pronoun: str | None = None
    """``she``, ``he`` or ``they``; narratives use the name when absent."""


@attrs.frozen
class Element:
    """One box of a cycle: a behaviour, perception, emotion, fear, need or trigger.

    Examples
    --------
    >>> Element("e1", ElementKind.BEHAVIOR, "criticises", partner="janine", stance="pursue")
    Element(id='e1', kind=<ElementKind.BEHAVIOR: 'behavior'>, label='criticises', partner='janine', domain='everyday', stance=<Stance.PURSUE: 'pursue'>)
    """

    id: str
    kind: ElementKind = attrs.field(converter=to_kind)
    label: str
    partner: str | None = None
    domain: str = "everyday"
    stance: Stance | None = attrs.field(default=None, converter=to_stance)


@attrs.frozen
class Link:
    """A directed link: *source* leads to *target*; ``sign`` ``-`` dampens."""

    source: str
    target: str
    sign: Sign = attrs.field(default=Sign.AMPLIFIES, converter=to_sign)
    label: str | None = None


@attrs.frozen
class Concern:
    """A problem outside the cycle (dysfunction, illness, …) that calls for referral."""

    label: str
    kind: ConcernKind = attrs.field(converter=to_concern_kind)
    partner: str | None = None


@attrs.frozen
class DeclaredPosition:
    """A position the therapist declared for a partner in a domain."""

    domain: str
    partner: str
    position: Position = attrs.field(converter=to_position)
