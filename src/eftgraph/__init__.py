"""eftgraph: an EFT couple's negative interaction cycle as a graph you can analyse and draw.

Examples
--------
>>> import eftgraph
>>> case = eftgraph.load("examples/janine-mathijs.en.yaml")
>>> case.domains
('everyday', 'sexual')
"""

from __future__ import annotations

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
from eftgraph._io import load, loads
from eftgraph._loops import Loop, Pattern, Polarity, loops
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
from eftgraph._narrative import describe
from eftgraph._positions import PositionReason, Positions, positions
from eftgraph._referrals import Advice, Referral, referrals
from eftgraph._scales import SCALES, Direction, Scale
from eftgraph._sessions import Marker, MarkerKind, Measure, Session
from eftgraph._sheets import Sheet
from eftgraph._table import table
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
from eftgraph.figures import Figure, render, to_dot
from eftgraph.figures._handout import handout
from eftgraph.figures._slides import slides

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
