"""Outcome scales: the instruments a therapist may score each session, with their published numbers.

Only numbers found in a published source are shipped; where a number could not be
found (for example the range of the CSI-4), it is ``None`` and the docs say so. No
item text is ever shipped: a measure is a total score the therapist enters.

>>> rdas = SCALES["rdas"]
>>> (rdas.minimum, rdas.maximum, rdas.cutoff, rdas.reliable_change)
(0, 69, 48.0, 11.58)
>>> rdas.distressed(45), rdas.distressed(52)
(True, False)
>>> find_scale("rdsa")
Traceback (most recent call last):
...
eftgraph.errors.OptionError: unknown scale 'rdsa' (allowed: csi-4, csi-16, csi-32, rdas, custom); did you mean 'rdas'?
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from eftgraph._suggest import unknown
from eftgraph._vocabulary import _StrEnum
from eftgraph.errors import OptionError

__all__ = ["CUSTOM", "SCALES", "Direction", "Scale", "find_scale"]

CUSTOM = "custom"
"""The name of a scale whose range and direction the case file gives."""


class Direction(_StrEnum):
    """Which way a scale points: is a higher score better or worse?"""

    HIGHER_IS_BETTER = "higher-is-better"
    LOWER_IS_BETTER = "lower-is-better"


@attrs.frozen
class Scale:
    """One instrument: its range, direction, distress cut-off and reliable change, with sources.

    *cutoff* separates distressed from non-distressed scores: a score on the
    distressed side of it (below it when higher is better) counts as distressed.
    *reliable_change* is the smallest change between two scores of one person that
    counts as reliable (Jacobson & Truax's reliable change index, in score points).
    Any number may be ``None`` when no source publishes it.
    """

    id: str
    name: str
    direction: Direction = attrs.field(converter=Direction)
    minimum: float | None = None
    maximum: float | None = None
    cutoff: float | None = None
    reliable_change: float | None = None
    sources: tuple[str, ...] = ()
    """Where each number comes from (author, year, what it gives)."""

    def in_range(self, score: float) -> bool:
        """True when *score* lies within the scale's range (or the range is not known)."""
        return (self.minimum is None or score >= self.minimum) and (
            self.maximum is None or score <= self.maximum
        )

    def distressed(self, score: float) -> bool | None:
        """True when *score* lies on the distressed side of the cut-off; ``None`` without a cut-off.

        Examples
        --------
        >>> SCALES["csi-32"].distressed(104), SCALES["csi-32"].distressed(105)
        (True, False)
        """
        if self.cutoff is None:
            return None
        if self.direction is Direction.HIGHER_IS_BETTER:
            return score < self.cutoff
        return score > self.cutoff

    def improvement(self, change: float) -> float:
        """*change* (last minus first) signed so that a positive number is an improvement."""
        return change if self.direction is Direction.HIGHER_IS_BETTER else -change

    def reliable(self, change: float) -> bool | None:
        """True when a change of *change* points is reliable; ``None`` when the scale publishes no index.

        Examples
        --------
        >>> SCALES["rdas"].reliable(12), SCALES["rdas"].reliable(-11), SCALES["csi-4"].reliable(8)
        (True, False, None)
        """
        if self.reliable_change is None:
            return None
        return abs(change) >= self.reliable_change

    @classmethod
    def custom(cls, name: str, minimum: float, maximum: float, direction: Direction | str) -> Scale:
        """A scale declared in the case file (range and direction; no cut-off).

        Examples
        --------
        >>> Scale.custom("weekly-closeness", 0, 10, "higher-is-better").in_range(11)
        False
        """
        return cls(id=name, name=name, direction=Direction(direction), minimum=minimum, maximum=maximum)


_FUNK_ROGGE = "Funk, J. L., & Rogge, R. D. (2007). Journal of Family Psychology, 21(4), 572-583"

SCALES: Mapping[str, Scale] = {
    "csi-4": Scale(
        id="csi-4",
        name="Couples Satisfaction Index, 4 items (CSI-4)",
        direction=Direction.HIGHER_IS_BETTER,
        sources=(f"{_FUNK_ROGGE}: the scale and its direction (range and cut-off not verified here).",),
    ),
    "csi-16": Scale(
        id="csi-16",
        name="Couples Satisfaction Index, 16 items (CSI-16)",
        direction=Direction.HIGHER_IS_BETTER,
        minimum=0,
        maximum=81,
        sources=(f"{_FUNK_ROGGE}: the scale, its direction and its range 0-81 (cut-off not verified here).",),
    ),
    "csi-32": Scale(
        id="csi-32",
        name="Couples Satisfaction Index, 32 items (CSI-32)",
        direction=Direction.HIGHER_IS_BETTER,
        minimum=0,
        cutoff=104.5,
        sources=(
            f"{_FUNK_ROGGE}: the scale, its direction and the cut-off 104.5 "
            "(scores below it suggest notable dissatisfaction); the maximum is not verified here.",
        ),
    ),
    "rdas": Scale(
        id="rdas",
        name="Revised Dyadic Adjustment Scale (RDAS)",
        direction=Direction.HIGHER_IS_BETTER,
        minimum=0,
        maximum=69,
        cutoff=48.0,
        reliable_change=11.58,
        sources=(
            "Busby, D. M., Christensen, C., Crane, D. R., & Larson, J. H. (1995). Journal of Marital "
            "and Family Therapy, 21(3), 289-308: the scale (14 items) and its range 0-69.",
            "Crane, D. R., Middleton, K. C., & Bean, R. A. (2000). American Journal of Family Therapy, "
            "28(1), 53-60: the cut-off 48 (scores below it count as distressed).",
            "Anderson, S. R., Tambling, R. B., Huff, S. C., Heafner, J., Johnson, L. N., & Ketring, S. A. "
            "(2014). Journal of Marital and Family Therapy, 40(4), 525-534: reliable change 11.58 "
            "(and a pooled cut-off of 47.31).",
        ),
    ),
}
"""The published scales by id."""


def find_scale(name: str) -> Scale:
    """The published scale *name*; `OptionError` with the allowed names and the nearest one if not."""
    found = SCALES.get(name)
    if found is None:
        raise OptionError(unknown("scale", name, (*SCALES, CUSTOM)))
    return found
