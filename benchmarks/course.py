"""Therapy over time: course() and diff() against load() of the same files, and a 200-session timeline.

Run from the repository root with the project's Python::

    python benchmarks/course.py           # full size
    python benchmarks/course.py --quick   # tiny sizes: proves the benchmark works

Figures (each a ratio of medians measured in one run):

- C1  ``course(case)`` on a case file with a 200-session course, over ``load`` of that file:
      target <= 2
- C2  ``diff(a, b)`` of two 1 000-element formulations, over ``load`` of both files: target <= 2
- C3  the timeline of the 200-session course renders to PNG (seconds, no target)

Full runs exit with status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("EFTGRAPH_MAX_FILE_BYTES", "50000000")

import yaml  # noqa: E402

import eftgraph  # noqa: E402
from eftgraph._course import course  # noqa: E402
from eftgraph._diff import diff  # noqa: E402
from eftgraph._synthetic import synthetic_case  # noqa: E402


def _median(work: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _course_file(folder: Path, sessions: int) -> Path:
    base = yaml.safe_load((ROOT / "examples" / "janine-mathijs.en.yaml").read_text("utf-8"))
    base["sessions"] = [
        {
            "session": n,
            "stage": 1 + (n > sessions * 0.35) + (n > sessions * 0.75),
            "steps": [min(9, 1 + n * 9 // (sessions + 1))],
            "cycle": {"everyday": max(0, 9 - n * 10 // sessions), "sexual": max(0, 8 - n * 9 // sessions)},
            "markers": [{"kind": "enactment", "domain": "everyday", "note": f"note {n}"}]
            if n % 5 == 0
            else [],
            "measures": [{"scale": "rdas", "partner": "janine", "score": 30 + n * 30 // sessions}]
            if n % 10 == 1
            else [],
            "note": f"session {n}",
        }
        for n in range(1, sessions + 1)
    ]
    path = folder / "course.yaml"
    path.write_text(yaml.safe_dump(base, sort_keys=False), "utf-8")
    return path


def _formulations(folder: Path, partners: int, domains: int) -> tuple[Path, Path]:
    names = tuple(f"d{i}" for i in range(domains))
    paths = []
    for seed in (1, 2):
        case = synthetic_case(partners=partners, domains=names, cross=2, seed=seed)
        path = folder / f"formulation-{seed}.yaml"
        eftgraph.dump(case, path)
        paths.append(path)
    return paths[0], paths[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes; no target is checked")
    options = parser.parse_args(argv)
    sessions, partners, domains, repeat = (20, 4, 2, 1) if options.quick else (200, 20, 10, 5)
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        course_path = _course_file(folder, sessions)
        case = eftgraph.load(course_path)
        assert len(getattr(case, "sessions", ())) == sessions, "the loader does not read sessions: yet"
        load_time = _median(lambda: eftgraph.load(course_path), repeat)
        course_time = _median(lambda: course(case), repeat)
        ratio = course_time / load_time
        failed |= not options.quick and ratio > 2
        print(
            f"C1  course of {sessions} sessions {ratio:8.3f}  target <= 2  - course {course_time:.4f}s, load {load_time:.4f}s"
        )
        a_path, b_path = _formulations(folder, partners, domains)
        a, b = eftgraph.load(a_path), eftgraph.load(b_path)
        load_time = _median(lambda: (eftgraph.load(a_path), eftgraph.load(b_path)), repeat)
        diff_time = _median(lambda: diff(a, b), repeat)
        ratio = diff_time / load_time
        failed |= not options.quick and ratio > 2
        print(
            f"C2  diff of {len(a.elements)}-element formulations {ratio:8.3f}  target <= 2"
            f"  - diff {diff_time:.4f}s, load of both {load_time:.4f}s"
        )
        try:
            from eftgraph.figures._timeline import timeline_bytes

            start = time.perf_counter()
            png = timeline_bytes(case, "png")
            print(
                f"C3  timeline of {sessions} sessions    {time.perf_counter() - start:8.3f}s  ({len(png)} bytes of PNG)"
            )
        except eftgraph.RenderError as error:
            print(f"C3  timeline skipped: {error}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
