"""eftgraph: an EFT couple's negative interaction cycle as a graph you can analyse and draw.

The model, `load` and `loads` and the errors are imported with the package; the rest of the
API (analyses, figures, courses, slides) is imported on first use, so a program that only
reads cases does not pay for drawing them.

Examples
--------
>>> import eftgraph
>>> case = eftgraph.load("examples/janine-mathijs.en.yaml")
>>> case.domains
('everyday', 'sexual')
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from eftgraph._display import register as _register_display
from eftgraph._io import load, loads
from eftgraph._model import (
    Case,
    Concern,
    ConcernKind,
    DeclaredPosition,
    Element,
    ElementKind,
    Language,
    Link,
    Partner,
    Position,
    Relation,
    Sign,
    Stance,
)
from eftgraph._version import __version__
from eftgraph.errors import (
    AnonymizationError,
    CaseError,
    CaseFileError,
    EftgraphError,
    FigureError,
    LoopLimitError,
    Problem,
    RenderError,
    UnknownDomainError,
)

if TYPE_CHECKING:  # imported on first use (see __getattr__)
    from eftgraph._anonymize import anonymize
    from eftgraph._course import (
        Advisory,
        AdvisoryKind,
        Course,
        DomainCourse,
        MeasureCourse,
        SessionMarker,
        StageChange,
        course,
        formulation_at,
    )
    from eftgraph._diff import Change, DomainDiff, FormulationDiff, diff
    from eftgraph._domains import Bridge, BridgeKind, DomainComparison, ReversalKind, domain_comparison
    from eftgraph._dump import dump, dumps
    from eftgraph._intervene import BreakingSet, InterventionPoints, intervention_points
    from eftgraph._loops import Loop, Pattern, Polarity, loops
    from eftgraph._narrative import describe
    from eftgraph._positions import PositionReason, Positions, positions
    from eftgraph._referrals import Advice, Referral, referrals
    from eftgraph._scales import SCALES, Direction, Scale
    from eftgraph._sessions import Marker, MarkerKind, Measure, Session
    from eftgraph._sheets import Sheet
    from eftgraph._table import table
    from eftgraph.figures import Figure, render, to_dot
    from eftgraph.figures._handout import handout
    from eftgraph.figures._slides import slides

_LAZY = {
    "Advice": "eftgraph._referrals",
    "Advisory": "eftgraph._course",
    "AdvisoryKind": "eftgraph._course",
    "BreakingSet": "eftgraph._intervene",
    "Bridge": "eftgraph._domains",
    "BridgeKind": "eftgraph._domains",
    "Change": "eftgraph._diff",
    "Course": "eftgraph._course",
    "Direction": "eftgraph._scales",
    "DomainComparison": "eftgraph._domains",
    "DomainCourse": "eftgraph._course",
    "DomainDiff": "eftgraph._diff",
    "Figure": "eftgraph.figures",
    "FormulationDiff": "eftgraph._diff",
    "InterventionPoints": "eftgraph._intervene",
    "Loop": "eftgraph._loops",
    "Marker": "eftgraph._sessions",
    "MarkerKind": "eftgraph._sessions",
    "Measure": "eftgraph._sessions",
    "MeasureCourse": "eftgraph._course",
    "Pattern": "eftgraph._loops",
    "Polarity": "eftgraph._loops",
    "PositionReason": "eftgraph._positions",
    "Positions": "eftgraph._positions",
    "Referral": "eftgraph._referrals",
    "ReversalKind": "eftgraph._domains",
    "SCALES": "eftgraph._scales",
    "Scale": "eftgraph._scales",
    "Session": "eftgraph._sessions",
    "SessionMarker": "eftgraph._course",
    "Sheet": "eftgraph._sheets",
    "StageChange": "eftgraph._course",
    "anonymize": "eftgraph._anonymize",
    "course": "eftgraph._course",
    "describe": "eftgraph._narrative",
    "diff": "eftgraph._diff",
    "domain_comparison": "eftgraph._domains",
    "dump": "eftgraph._dump",
    "dumps": "eftgraph._dump",
    "formulation_at": "eftgraph._course",
    "handout": "eftgraph.figures._handout",
    "intervention_points": "eftgraph._intervene",
    "loops": "eftgraph._loops",
    "positions": "eftgraph._positions",
    "referrals": "eftgraph._referrals",
    "render": "eftgraph.figures",
    "slides": "eftgraph.figures._slides",
    "table": "eftgraph._table",
    "to_dot": "eftgraph.figures",
}
"""Each public name imported on first use: the module that defines it."""


def __getattr__(name: str) -> Any:
    """The public name *name*, imported from its module on first use (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'eftgraph' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def _show(obj: Any, include: Any, exclude: Any) -> dict[str, Any]:
    """A case's notebook display: imports the figures, which register their own in its place."""
    from eftgraph.figures._draw import show

    return show(obj, include, exclude)


_register_display(_show)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "SCALES",
    "Advice",
    "Advisory",
    "AdvisoryKind",
    "AnonymizationError",
    "BreakingSet",
    "Bridge",
    "BridgeKind",
    "Case",
    "CaseError",
    "CaseFileError",
    "Change",
    "Concern",
    "ConcernKind",
    "Course",
    "DeclaredPosition",
    "Direction",
    "DomainComparison",
    "DomainCourse",
    "DomainDiff",
    "EftgraphError",
    "Element",
    "ElementKind",
    "Figure",
    "FigureError",
    "FormulationDiff",
    "InterventionPoints",
    "Language",
    "Link",
    "Loop",
    "LoopLimitError",
    "Marker",
    "MarkerKind",
    "Measure",
    "MeasureCourse",
    "Partner",
    "Pattern",
    "Polarity",
    "Position",
    "PositionReason",
    "Positions",
    "Problem",
    "Referral",
    "Relation",
    "RenderError",
    "ReversalKind",
    "Scale",
    "Session",
    "SessionMarker",
    "Sheet",
    "Sign",
    "StageChange",
    "Stance",
    "UnknownDomainError",
    "__version__",
    "anonymize",
    "course",
    "describe",
    "diff",
    "domain_comparison",
    "dump",
    "dumps",
    "formulation_at",
    "handout",
    "intervention_points",
    "load",
    "loads",
    "loops",
    "positions",
    "referrals",
    "render",
    "slides",
    "table",
    "to_dot",
]
