"""Helpers for the tests of therapy over time: the worked example's course, cases with sessions."""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs
import yaml

import eftgraph
from eftgraph._model import Case
from eftgraph._sessions import Session
from eftgraph._sessions_io import sessions_from_data

EXAMPLES = Path("examples")

# The course of the worked example (illustrative numbers), as in the case file's sessions: section.
COURSE = """
- {session: 1, date: 2015-01-12, stage: 1, steps: [1, 2], cycle: {everyday: 8, sexual: 7},
   measures: [{scale: rdas, partner: janine, score: 38}, {scale: rdas, partner: mathijs, score: 41}],
   note: intake; the coats incident}
- {session: 2, date: 2015-01-26, stage: 1, steps: [2], cycle: {everyday: 8},
   markers: [{kind: cycle-named, domain: everyday, note: the coats as their cycle}]}
- {session: 3, date: 2015-02-09, stage: 1, steps: [2, 3], cycle: {everyday: 7, sexual: 7}}
- {session: 4, date: 2015-02-23, stage: 1, steps: [3], cycle: {everyday: 6}}
- {session: 5, date: 2015-03-09, stage: 1, steps: [3, 4], cycle: {everyday: 4, sexual: 6}}
- {session: 6, date: 2015-03-23, stage: 1, steps: [4], cycle: {everyday: 3, sexual: 6},
   markers: [{kind: de-escalation, domain: everyday, note: they stop the cycle together at home}]}
- {session: 7, date: 2015-04-06, stage: 2, steps: [5], cycle: {everyday: 2, sexual: 6},
   markers: [{kind: sexual-domain-opened, domain: sexual}]}
- {session: 8, date: 2015-04-20, stage: 2, steps: [5], cycle: {everyday: 3, sexual: 5},
   measures: [{scale: rdas, partner: janine, score: 45}, {scale: rdas, partner: mathijs, score: 47}]}
- {session: 9, date: 2015-05-04, stage: 2, steps: [5, 6], cycle: {everyday: 2, sexual: 4},
   markers: [{kind: withdrawer-re-engagement, domain: sexual, partner: mathijs,
              note: touch is how he reaches her}],
   formulation: janine-mathijs.session-09.en.yaml}
- {session: 10, date: 2015-05-18, stage: 2, steps: [6], cycle: {everyday: 2, sexual: 4}}
- {session: 11, date: 2015-06-01, stage: 2, steps: [6, 7], cycle: {everyday: 2, sexual: 3},
   markers: [{kind: blamer-softening, domain: everyday, partner: janine, note: she shows her loneliness},
             {kind: bonding-event, domain: sexual, partner: janine, note: "let's just try"}]}
- {session: 12, date: 2015-06-15, stage: 2, steps: [7], cycle: {everyday: 2, sexual: 2}}
- {session: 13, date: 2015-07-06, stage: 3, steps: [8], cycle: {everyday: 2, sexual: 2}}
- {session: 14, date: 2015-08-31, stage: 3, steps: [8, 9], cycle: {everyday: 3, sexual: 2},
   markers: [{kind: consolidation, domain: sexual,
              note: after a weekend of friction they reconnect through sex}],
   formulation: janine-mathijs.session-14.en.yaml}
- {session: 15, date: 2015-10-05, stage: 3, steps: [9], cycle: {everyday: 1, sexual: 1},
   measures: [{scale: rdas, partner: janine, score: 53}, {scale: rdas, partner: mathijs, score: 55}]}
"""


def with_sessions(case: Case, sessions: Iterable[Session]) -> Case:
    """*case* with *sessions*."""
    return attrs.evolve(case, sessions=tuple(sessions))


def parse(text: str) -> tuple[Session, ...]:
    """Sessions from YAML text; a problem fails the test."""
    problems: list[Any] = []
    sessions = sessions_from_data(yaml.safe_load(text), lambda *a, **k: problems.append(a))
    assert problems == []
    return sessions


def example(language: str = "en") -> Case:
    """The worked example with its course; the formulations of sessions 9 and 14 are loaded with it."""
    suffix = ".en" if language == "en" else ""
    return eftgraph.load(EXAMPLES / f"janine-mathijs{suffix}.yaml")


def copy_example(source: Path, target: Path) -> Path:
    """Copy the worked example *source* to *target* with the formulation files its sessions name.

    The formulations travel with the case, as a therapist's folder would hold them.
    """
    shutil.copy(source, target)
    for formulation in source.parent.glob("janine-mathijs.session-*.yaml"):
        shutil.copy(formulation, target.parent)
    return target
