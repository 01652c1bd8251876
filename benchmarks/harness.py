"""The benchmark harness: sizes, one figure's line, interleaved medians, running programs."""

from __future__ import annotations

import gc
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "janine-mathijs.yaml"


@dataclass(frozen=True)
class Size:
    """How big and how often: the full run and the quick (CI) run differ only here."""

    repeat: int
    """Timed runs per measurement (the median is used)."""
    process_repeat: int
    """Timed runs of the measurements that start fresh processes (P1, IMP)."""
    loops_cases: tuple[tuple[int, int], ...]
    """P2: synthetic cases as (partners, domains), fully wired."""
    sparse: tuple[int, int, int, int]
    """P3: (partners, domains, cross links per behaviour, extra links)."""
    bounds: tuple[int, ...]
    """P3: the max_length values."""
    dense: tuple[int, int, int]
    """P3: the dense case as (partners, domains, extra links), searched with the default limit."""
    batch_cases: int
    batch_repeat: int
    course_sessions: int = 200
    """C1, C3: sessions in the course."""
    course_formulations: tuple[int, int] = (20, 10)
    """C2: the two synthetic formulations as (partners, domains): 1 000 elements each."""


FULL = Size(
    repeat=5,
    process_repeat=15,
    loops_cases=((4, 3), (6, 3), (8, 3), (9, 1)),
    sparse=(20, 50, 2, 500),
    bounds=(4, 6, 8, 10),
    dense=(30, 3, 3000),
    batch_cases=200,
    batch_repeat=5,
)
QUICK = Size(
    repeat=1,
    process_repeat=2,
    loops_cases=((3, 2),),
    sparse=(4, 5, 2, 10),
    bounds=(6,),
    dense=(12, 1, 0),
    batch_cases=6,
    batch_repeat=1,
    course_sessions=20,
    course_formulations=(4, 2),
)


@dataclass(frozen=True)
class Spread:
    """The median of repeated measurements and their range."""

    median: float
    low: float
    high: float
    runs: int

    @classmethod
    def of(cls, values: Sequence[float]) -> Spread:
        return cls(statistics.median(values), min(values), max(values), len(values))

    def text(self, unit: Callable[[float], str] | None = None) -> str:
        """``1.23 (1.10–1.40, 5 runs)``, each number through *unit* when given."""
        show = unit or (lambda x: f"{x:.2f}")
        return f"{show(self.median)} ({show(self.low)}–{show(self.high)}, {self.runs} runs)"


def ratios(ours: Sequence[float], theirs: Sequence[float]) -> Spread:
    """The ratio of each pair of runs (ours / theirs): its median and range."""
    return Spread.of([a / b for a, b in zip(ours, theirs, strict=True)])


@dataclass
class Figure:
    """One benchmark result: a value, its target and how it was measured."""

    key: str
    title: str
    value: float | None
    target: str
    ok: bool | None
    details: str
    data: dict[str, Any] = field(default_factory=dict)
    spread: Spread | None = None
    """The median and range over the paired runs behind `value` (the median)."""

    def line(self) -> str:
        value = "n/a" if self.value is None else f"{self.value:.2f}"
        verdict = {True: "met", False: "MISSED", None: "-"}[self.ok]
        spread = (
            ""
            if self.spread is None
            else f"range {self.spread.low:.2f}–{self.spread.high:.2f} over {self.spread.runs} runs; "
        )
        return f"{self.key:<4} {self.title:<42} {value:>7}  target {self.target:<8} {verdict:<6}  {spread}{self.details}"


def meets(value: float, target: str) -> bool:
    operator, number = target[:2], float(target[2:].rstrip("s ").strip())
    return value <= number if operator == "<=" else value >= number


def timings(
    functions: Sequence[Callable[[], object]], repeat: int, *, warm: bool = True
) -> list[list[float]]:
    """Every run's time of each function; runs are interleaved (paired) so drifts in load hit all alike.

    A function that returns a float reports its own time (a fresh process timing only its
    work); otherwise the call is timed here.
    """
    if warm:
        for function in functions:
            function()
    times: list[list[float]] = [[] for _ in functions]
    for _ in range(repeat):
        for i, function in enumerate(functions):
            gc.collect()
            start = time.perf_counter()
            reported = function()
            took = time.perf_counter() - start
            times[i].append(reported if isinstance(reported, float) else took)
    return times


def medians(functions: Sequence[Callable[[], object]], repeat: int, *, warm: bool = True) -> list[float]:
    """The median time of each function (see `timings`)."""
    return [statistics.median(t) for t in timings(functions, repeat, warm=warm)]


def run_program(command: Sequence[str], **options: Any) -> subprocess.CompletedProcess[bytes]:
    done = subprocess.run(command, capture_output=True, check=False, **options)
    if done.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command)} failed ({done.returncode}): {done.stderr.decode('utf-8', 'replace').strip()}"
        )
    return done


def eftgraph_command() -> list[str]:
    """The ``eftgraph`` command users run: the console script beside this Python, else ``python -m``."""
    script = Path(sys.executable).parent / ("eftgraph.exe" if os.name == "nt" else "eftgraph")
    return [str(script)] if script.exists() else [sys.executable, "-m", "eftgraph"]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"
