"""eftgraph benchmarks: each figure is a ratio measured in one run, from medians of repeated runs.

Run from the repository root with the project's Python::

    python benchmarks/run.py            # full size (a few minutes on 2 cores)
    python benchmarks/run.py --quick    # tiny sizes: proves every benchmark works (CI)

Figures (see benchmarks/README.md):

- P1  ``eftgraph render`` of the example vs the floor (Python importing networkx,
      graphviz, attrs and yaml, then ``dot -Tsvg`` on the same DOT): target <= 1.15;
      without a system ``dot`` both use the embedded renderer (graphviz-pure), as
      ``eftgraph render`` does, and the line says so
- P2  ``find_loops`` vs ``list(networkx.simple_cycles(G))``, cases up to ~50 000 loops:
      target <= 1.5 (the worst case counts)
- P3  bounded search: networkx ``simple_cycles(G, length_bound=k)`` time over
      ``find_loops(max_length=k)`` on a 5 000-element sparse case, identical loops:
      target >= 10 (the worst k counts); a dense case stops with the limit error: <= 5 s
- P4  ``eftgraph batch`` of 200 cases, one process over two: target >= 1.7
- IMP ``import eftgraph`` vs ``import networkx, attrs, graphviz`` in fresh processes:
      target <= 1.1

Full runs exit with status 1 when a target is missed; ``--quick`` checks no target.
"""

from __future__ import annotations

import argparse
import functools
import gc
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
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


def _meets(value: float, target: str) -> bool:
    operator, number = target[:2], float(target[2:].rstrip("s ").strip())
    return value <= number if operator == "<=" else value >= number


def _medians(functions: Sequence[Callable[[], object]], repeat: int, *, warm: bool = True) -> list[float]:
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


def _run(command: Sequence[str], **options: Any) -> subprocess.CompletedProcess[bytes]:
    done = subprocess.run(command, capture_output=True, check=False, **options)
    if done.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command)} failed ({done.returncode}): {done.stderr.decode('utf-8', 'replace').strip()}"
        )
    return done


def _eftgraph_command() -> list[str]:
    """The ``eftgraph`` command users run: the console script beside this Python, else ``python -m``."""
    script = Path(sys.executable).parent / ("eftgraph.exe" if os.name == "nt" else "eftgraph")
    return [str(script)] if script.exists() else [sys.executable, "-m", "eftgraph"]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


# --------------------------------------------------------------------------- P1


def floor_renderer() -> tuple[str, str] | None:
    """The renderer of P1's floor: ``("system", dot)``, else ``("embedded", graphviz-pure)``, else None.

    The same one ``eftgraph render`` uses (``renderer="auto"``): the system Graphviz when
    it is installed, else the embedded renderer, a dependency, beside this Python.
    """
    dot = shutil.which("dot")
    if dot is not None:
        return "system", dot
    embedded = shutil.which("graphviz-pure", path=str(Path(sys.executable).parent)) or shutil.which(
        "graphviz-pure"
    )
    return None if embedded is None else ("embedded", embedded)


def bench_render(size: Size, work: Path) -> Figure:
    from eftgraph import load
    from eftgraph.figures import to_dot

    target = "<= 1.15"
    title = "eftgraph render vs floor"
    eftgraph = _eftgraph_command()
    if subprocess.run([*eftgraph, "render", "--help"], capture_output=True, check=False).returncode != 0:
        return Figure("P1", title, None, target, False, "'eftgraph render' is not available")
    found = floor_renderer()
    if found is None:
        return Figure("P1", title, None, target, False, "no system 'dot' and no embedded renderer")
    kind, program = found
    source = work / "example.dot"
    source.write_text(to_dot(load(EXAMPLE)).source, encoding="utf-8")
    floor_script = (
        "import subprocess, sys\n"
        "import networkx, graphviz, attrs, yaml\n"
        "data = open(sys.argv[1], 'rb').read()\n"
        "out = subprocess.run([sys.argv[3], '-Tsvg'], input=data, capture_output=True, check=True).stdout\n"
        "open(sys.argv[2], 'wb').write(out)\n"
    )
    render_out, floor_out = work / "render.svg", work / "floor.svg"
    rendered, floor = _medians(
        [
            lambda: _run([*eftgraph, "render", str(EXAMPLE), "-o", str(render_out)]),
            lambda: _run([sys.executable, "-c", floor_script, str(source), str(floor_out), program]),
        ],
        size.process_repeat,
    )
    (python_only,) = _medians(
        [lambda: _run([sys.executable, "-c", "import networkx, graphviz, attrs, yaml"])], size.process_repeat
    )
    ratio = rendered / floor
    name = "dot" if kind == "system" else "graphviz-pure"
    return Figure(
        "P1",
        title,
        ratio,
        target,
        _meets(ratio, target),
        ("" if kind == "system" else "floor with the embedded renderer (no system dot): ")
        + f"render {_ms(rendered)}, floor {_ms(floor)} (Python + imports {_ms(python_only)}, "
        f"{name} {_ms(max(0.0, floor - python_only))})",
        {"render_s": rendered, "floor_s": floor, "imports_s": python_only, "floor_renderer": kind},
    )


# --------------------------------------------------------------------------- P2


def bench_loops(size: Size) -> Figure:
    import networkx as nx

    from eftgraph import find_loops
    from eftgraph._synthetic import synthetic_case

    target = "<= 1.5"
    rows = []
    for partners, domains in size.loops_cases:
        case = synthetic_case(partners=partners, domains=[f"d{i}" for i in range(domains)])
        graph = case.to_networkx()
        ours, theirs = _medians(
            [
                functools.partial(find_loops, case, limit=None),
                functools.partial(_all_cycles, graph),
            ],
            size.repeat,
        )
        count = len(find_loops(case, limit=None))
        if count != len(list(nx.simple_cycles(graph))):
            raise RuntimeError(f"find_loops and networkx disagree on {partners}x{domains}")
        rows.append(
            {"partners": partners, "domains": domains, "loops": count, "ours_s": ours, "nx_s": theirs}
        )
    worst = max(rows, key=lambda r: r["ours_s"] / r["nx_s"])
    ratio = worst["ours_s"] / worst["nx_s"]
    details = "; ".join(
        f"{r['loops']} loops {r['ours_s'] / r['nx_s']:.2f} ({_ms(r['ours_s'])} vs {_ms(r['nx_s'])})"
        for r in rows
    )
    return Figure(
        "P2",
        "find_loops vs networkx.simple_cycles",
        ratio,
        target,
        _meets(ratio, target),
        details,
        {"cases": rows},
    )


# --------------------------------------------------------------------------- P3


def _all_cycles(graph: Any, bound: int | None = None) -> list[list[str]]:
    """Every simple cycle networkx finds, as a list (what a user of networkx would make)."""
    import networkx as nx

    return list(nx.simple_cycles(graph, length_bound=bound))


def _canonical(cycles: Sequence[Sequence[str]], rank: dict[str, int]) -> list[tuple[str, ...]]:
    result = []
    for cycle in cycles:
        start = min(range(len(cycle)), key=lambda i: rank[cycle[i]])
        result.append(tuple(cycle[start:]) + tuple(cycle[:start]))
    return sorted(result)


def bench_bounded(size: Size) -> list[Figure]:
    import networkx as nx

    from eftgraph import LoopLimitError, find_loops
    from eftgraph._synthetic import synthetic_case

    partners, domains, cross, extra = size.sparse
    case = synthetic_case(
        partners=partners,
        domains=[f"d{i:02d}" for i in range(domains)],
        cross=cross,
        extra_links=extra,
        seed=1,
    )
    graph = case.to_networkx()
    rank = {e.id: i for i, e in enumerate(case.elements)}
    target = ">= 10"
    rows = []
    for bound in size.bounds:
        ours, theirs = _medians(
            [
                functools.partial(find_loops, case, max_length=bound, limit=None),
                functools.partial(_all_cycles, graph, bound),
            ],
            size.repeat,
        )
        mine = _canonical([loop.elements for loop in find_loops(case, max_length=bound, limit=None)], rank)
        reference = _canonical(list(nx.simple_cycles(graph, length_bound=bound)), rank)
        rows.append(
            {
                "max_length": bound,
                "loops": len(mine),
                "identical": mine == reference,
                "ours_s": ours,
                "nx_s": theirs,
            }
        )
    worst = min(rows, key=lambda r: r["nx_s"] / r["ours_s"])
    speedup = worst["nx_s"] / worst["ours_s"]
    identical = all(r["identical"] for r in rows)
    details = f"{len(case.elements)} elements, {len(case.links)} links; " + "; ".join(
        f"k={r['max_length']}: {r['nx_s'] / r['ours_s']:.1f}x, {r['loops']} loops"
        + ("" if r["identical"] else " DIFFERENT")
        for r in rows
    )
    bounded = Figure(
        "P3",
        "bounded search: networkx time / find_loops",
        speedup,
        target,
        _meets(speedup, target) and identical,
        details,
        {"elements": len(case.elements), "links": len(case.links), "bounds": rows},
    )

    dense_partners, dense_domains, dense_extra = size.dense
    dense = synthetic_case(
        partners=dense_partners,
        domains=[f"d{i}" for i in range(dense_domains)],
        extra_links=dense_extra,
        seed=2,
    )
    message = ""

    def search() -> None:
        nonlocal message
        try:
            find_loops(dense)
        except LoopLimitError as error:
            message = str(error)
        else:
            message = ""

    (seconds,) = _medians([search], size.repeat, warm=False)
    clear = message.startswith(f"case {dense.id!r} has more than") and "max_length" in message
    limit = Figure(
        "P3",
        "dense case: seconds to the limit error",
        seconds,
        "<= 5s",
        _meets(seconds, "<= 5") and clear,
        f"{len(dense.elements)} elements, {len(dense.links)} links; "
        + (f"error: {message[:60]}…" if clear else "NO clear limit error"),
        {"elements": len(dense.elements), "links": len(dense.links), "message": message},
    )
    return [bounded, limit]


# --------------------------------------------------------------------------- P4


def bench_batch(size: Size, work: Path) -> Figure:
    from eftgraph import dump
    from eftgraph._synthetic import synthetic_case

    target = ">= 1.7"
    cases = work / "cases"
    cases.mkdir()
    for i in range(size.batch_cases):
        case = synthetic_case(
            partners=2 + i % 3, domains=("everyday", "sexual")[: 1 + i % 2], seed=i, case_id=f"case-{i:03d}"
        )
        dump(case, cases / f"case-{i:03d}.yaml")
    eftgraph = _eftgraph_command()

    def batch(jobs: int) -> Callable[[], object]:
        out = work / f"out-{jobs}"
        return lambda: _run(
            [*eftgraph, "batch", str(cases), "--out", str(out), "--jobs", str(jobs), "--progress", "none"]
        )

    one, two = _medians([batch(1), batch(2)], size.batch_repeat)
    speedup = one / two
    return Figure(
        "P4",
        f"batch of {size.batch_cases}: 1 process / 2 processes",
        speedup,
        target,
        _meets(speedup, target),
        f"1 process {_ms(one)}, 2 processes {_ms(two)}",
        {"cases": size.batch_cases, "one_s": one, "two_s": two},
    )


# --------------------------------------------------------------------------- import


def bench_import(size: Size) -> Figure:
    target = "<= 1.1"
    ours, floor = _medians(
        [
            lambda: _run([sys.executable, "-c", "import eftgraph"]),
            lambda: _run([sys.executable, "-c", "import networkx, attrs, graphviz"]),
        ],
        size.process_repeat,
    )
    ratio = ours / floor
    return Figure(
        "IMP",
        "import eftgraph vs networkx+attrs+graphviz",
        ratio,
        target,
        _meets(ratio, target),
        f"eftgraph {_ms(ours)}, floor {_ms(floor)} (whole fresh processes)",
        {"eftgraph_s": ours, "floor_s": floor},
    )


# --------------------------------------------------------------------------- main


BENCHMARKS = ("P1", "P2", "P3", "P4", "IMP")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes, no targets checked (CI)")
    parser.add_argument(
        "--only", default=",".join(BENCHMARKS), help=f"comma-separated subset of {', '.join(BENCHMARKS)}"
    )
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON to FILE")
    args = parser.parse_args(argv)
    wanted = {name.strip().upper() for name in args.only.split(",") if name.strip()}
    unknown = wanted - set(BENCHMARKS)
    if unknown:
        parser.error(f"unknown benchmark {sorted(unknown)[0]!r} (allowed: {', '.join(BENCHMARKS)})")
    size = QUICK if args.quick else FULL
    os.chdir(ROOT)

    import networkx

    from eftgraph import __version__
    from eftgraph._batch import default_jobs

    dot = shutil.which("dot")
    version = _run([dot, "-V"]).stderr.decode().strip() if dot else "no system dot"
    print(
        f"eftgraph {__version__} benchmarks ({'quick, targets not checked' if args.quick else 'full size'}); "
        f"Python {platform.python_version()}, networkx {networkx.__version__}, {version}; "
        f"{default_jobs()} cores",
        flush=True,
    )
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="eftgraph-bench-") as folder:
        work = Path(folder)
        # Fresh processes read compiled bytecode, as they do for a user after the first run,
        # even where PYTHONDONTWRITEBYTECODE is set; the cache lives in the temporary folder.
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        os.environ["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        steps: list[tuple[str, Callable[[], Figure | list[Figure]]]] = [
            ("P1", lambda: bench_render(size, work)),
            ("P2", lambda: bench_loops(size)),
            ("P3", lambda: bench_bounded(size)),
            ("P4", lambda: bench_batch(size, work)),
            ("IMP", lambda: bench_import(size)),
        ]
        for key, step in steps:
            if key not in wanted:
                continue
            result = step()
            for figure in result if isinstance(result, list) else [result]:
                if args.quick:
                    figure.ok = None
                figures.append(figure)
                print(figure.line(), flush=True)
    if args.json:
        from eftgraph._output import write_atomic

        write_atomic(
            args.json,
            json.dumps(
                [
                    {
                        "key": f.key,
                        "title": f.title,
                        "value": f.value,
                        "target": f.target,
                        "ok": f.ok,
                        **f.data,
                    }
                    for f in figures
                ],
                indent=2,
            ).encode("utf-8")
            + b"\n",
        )
    missed = [f for f in figures if f.ok is False]
    if missed:
        print(
            f"{len(missed)} target{'s' if len(missed) > 1 else ''} missed: {', '.join(f.key for f in missed)}"
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
