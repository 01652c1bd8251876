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


FULL = Size(
    repeat=5,
    process_repeat=15,
    loops_cases=((4, 3), (6, 3), (8, 3)),
    sparse=(20, 50, 2, 500),
    bounds=(4, 6, 8, 10),
    dense=(30, 3, 3000),
    batch_cases=200,
    batch_repeat=3,
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
)


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

    def line(self) -> str:
        value = "n/a" if self.value is None else f"{self.value:.2f}"
        verdict = {True: "met", False: "MISSED", None: "-"}[self.ok]
        return (
            f"{self.key:<4} {self.title:<42} {value:>7}  target {self.target:<8} {verdict:<6}  {self.details}"
        )


def meets(value: float, target: str) -> bool:
    operator, number = target[:2], float(target[2:].rstrip("s ").strip())
    return value <= number if operator == "<=" else value >= number


def medians(functions: Sequence[Callable[[], object]], repeat: int, *, warm: bool = True) -> list[float]:
    """The median time of each function; runs are interleaved so drifts in load hit all alike."""
    if warm:
        for function in functions:
            function()
    times: list[list[float]] = [[] for _ in functions]
    for _ in range(repeat):
        for i, function in enumerate(functions):
            gc.collect()
            start = time.perf_counter()
            function()
            times[i].append(time.perf_counter() - start)
    return [statistics.median(t) for t in times]


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
