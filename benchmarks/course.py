"""C1–C3, therapy over time: course() and diff() against load() of the same files, and a 200-session timeline.

Part of ``benchmarks/run.py`` (``--only C1,C2,C3``); also runs on its own from the
repository root with the project's Python::

    python benchmarks/course.py           # full size
    python benchmarks/course.py --quick   # tiny sizes: proves the benchmark works

Figures (each a ratio of medians of paired runs measured in one run):

- C1  ``course(case)`` on a case file with a 200-session course, over ``load`` of that file:
      target <= 2
- C2  ``diff(a, b)`` of two 1 000-element formulations, over ``load`` of both files: target <= 2
- C3  the timeline of the 200-session course renders to PNG (seconds shown; skipped without
      matplotlib, an optional dependency)

Full runs exit with status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from harness import FULL, QUICK, ROOT, Figure, Size, Spread, meets, ms, ratios, timings

FILE_BYTES = "50000000"
"""The file-size cap while these files are read: a 200-session course is larger than a case."""


@contextlib.contextmanager
def _large_files() -> Iterator[None]:
    """Raise the file-size cap for the files built here only (the CAP figures need the default)."""
    before = os.environ.get("EFTGRAPH_MAX_FILE_BYTES")
    os.environ["EFTGRAPH_MAX_FILE_BYTES"] = FILE_BYTES
    try:
        yield
    finally:
        if before is None:
            del os.environ["EFTGRAPH_MAX_FILE_BYTES"]
        else:
            os.environ["EFTGRAPH_MAX_FILE_BYTES"] = before


def _course_file(folder: Path, sessions: int) -> Path:
    import yaml

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
    from eftgraph import dump
    from eftgraph._synthetic import synthetic_case

    names = tuple(f"d{i}" for i in range(domains))
    paths = []
    for seed in (1, 2):
        case = synthetic_case(partners=partners, domains=names, cross=2, seed=seed)
        path = folder / f"formulation-{seed}.yaml"
        dump(case, path)
        paths.append(path)
    return paths[0], paths[1]


def bench_course(size: Size, work: Path) -> list[Figure]:
    """C1, C2 and C3 at *size*, with their files in *work*."""
    from eftgraph import RenderError, load
    from eftgraph._course import course
    from eftgraph._diff import diff

    target = "<= 2"
    figures = []
    with _large_files():
        path = _course_file(work, size.course_sessions)
        case = load(path)
        if len(case.sessions) != size.course_sessions:
            raise RuntimeError("the loader did not read every session")
        course_runs, load_runs = timings(
            [functools.partial(course, case), functools.partial(load, path)], size.repeat
        )
        spread = ratios(course_runs, load_runs)
        took, loading = Spread.of(course_runs).median, Spread.of(load_runs).median
        figures.append(
            Figure(
                "C1",
                f"course of {size.course_sessions} sessions vs load",
                spread.median,
                target,
                meets(spread.median, target),
                f"course {ms(took)}, load {ms(loading)}",
                {"sessions": size.course_sessions, "course_s": took, "load_s": loading},
                spread,
            )
        )
        a_path, b_path = _formulations(work, *size.course_formulations)
        a, b = load(a_path), load(b_path)
        diff_runs, load_runs = timings(
            [functools.partial(diff, a, b), lambda: (load(a_path), load(b_path))], size.repeat
        )
        spread = ratios(diff_runs, load_runs)
        took, loading = Spread.of(diff_runs).median, Spread.of(load_runs).median
        figures.append(
            Figure(
                "C2",
                f"diff of {len(a.elements)}-element formulations vs load",
                spread.median,
                target,
                meets(spread.median, target),
                f"diff {ms(took)}, load of both {ms(loading)}",
                {"elements": len(a.elements), "diff_s": took, "load_s": loading},
                spread,
            )
        )
    title = f"timeline of {size.course_sessions} sessions to PNG (s)"
    try:
        from eftgraph.figures._timeline import timeline_bytes

        start = time.perf_counter()
        png = timeline_bytes(case, "png")
        took = time.perf_counter() - start
    except RenderError as error:  # matplotlib is an optional dependency
        figures.append(Figure("C3", title, None, "renders", None, f"skipped: {error}"))
    else:
        figures.append(
            Figure("C3", title, took, "renders", True, f"{len(png)} bytes of PNG", {"png_bytes": len(png)})
        )
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes; no target is checked")
    options = parser.parse_args(argv)
    missed = False
    with tempfile.TemporaryDirectory(prefix="eftgraph-bench-") as folder:
        for figure in bench_course(QUICK if options.quick else FULL, Path(folder)):
            if options.quick:
                figure.ok = None
            missed |= figure.ok is False
            print(figure.line(), flush=True)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.exit(main())
