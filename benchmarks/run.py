"""eftgraph benchmarks: each figure is a ratio measured in one run, from medians of repeated runs.

Run from the repository root with the project's Python::

    python benchmarks/run.py            # full size (a few minutes on 2 cores)
    python benchmarks/run.py --quick    # tiny sizes: proves every benchmark works (CI)

Figures (see benchmarks/README.md):

- P1  ``eftgraph render`` of the example vs the floor (Python importing what render
      needs, yaml, attrs and graphviz, then ``dot -Tsvg`` on the same DOT): target <= 1.15;
      without a system ``dot`` both use the embedded renderer (graphviz-pure), as
      ``eftgraph render`` does, and the line says so
- P2  ``loops`` vs ``list(networkx.simple_cycles(G))``, cases up to ~50 000 loops:
      target <= 1.5 (the worst case counts)
- P3  bounded search: networkx ``simple_cycles(G, length_bound=k)`` time over
      ``loops(max_length=k)`` on a 5 000-element sparse case, identical loops:
      target >= 10 (the worst k counts); a dense case stops with the limit error: <= 5 s
- P4  ``eftgraph batch`` of 200 cases, one process over two: target >= 1.7
- IMP ``import eftgraph`` vs ``import attrs, graphviz, yaml`` in fresh processes:
      target <= 1.15; the line also shows the same with ``eftgraph.load`` and with the
      drawing API (``eftgraph.to_dot``) used once (imported on first use), no target
- CAP the worst file we could build for each cap (file size, elements, links, problems,
      values, depth, digits, value length) is refused in under a second: target <= 1 s
- C1  ``course`` of a 200-session course vs ``load`` of its file: target <= 2
- C2  ``diff`` of two 1 000-element formulations vs ``load`` of both files: target <= 2
- C3  the timeline of the 200-session course renders to PNG (seconds; ``benchmarks/course.py``)

Full runs exit with status 1 when a target is missed; ``--quick`` checks no target.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from caps import bench_caps
from course import bench_course
from harness import (
    EXAMPLE,
    FULL,
    QUICK,
    ROOT,
    Figure,
    Size,
    Spread,
    eftgraph_command,
    meets,
    ms,
    ratios,
    run_program,
    timings,
)
from loops import bench_bounded, bench_loops

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
    eftgraph = eftgraph_command()
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
        "import graphviz, attrs, yaml\n"
        "data = open(sys.argv[1], 'rb').read()\n"
        "out = subprocess.run([sys.argv[3], '-Tsvg'], input=data, capture_output=True, check=True).stdout\n"
        "open(sys.argv[2], 'wb').write(out)\n"
    )
    render_out, floor_out = work / "render.svg", work / "floor.svg"
    rendered_runs, floor_runs, python_runs = timings(
        [
            lambda: run_program([*eftgraph, "render", str(EXAMPLE), "-o", str(render_out)]),
            lambda: run_program([sys.executable, "-c", floor_script, str(source), str(floor_out), program]),
            lambda: run_program([sys.executable, "-c", "import graphviz, attrs, yaml"]),
        ],
        size.process_repeat,
    )
    rendered, floor = Spread.of(rendered_runs).median, Spread.of(floor_runs).median
    python_only = Spread.of(python_runs).median
    spread = ratios(rendered_runs, floor_runs)
    ratio = spread.median
    name = "dot" if kind == "system" else "graphviz-pure"
    return Figure(
        "P1",
        title,
        ratio,
        target,
        meets(ratio, target),
        ("" if kind == "system" else "floor with the embedded renderer (no system dot): ")
        + f"render {ms(rendered)}, floor {ms(floor)} (Python + imports {ms(python_only)}, "
        f"{name} {ms(max(0.0, floor - python_only))})",
        {"render_s": rendered, "floor_s": floor, "imports_s": python_only, "floor_renderer": kind},
        spread,
    )


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
    eftgraph = eftgraph_command()

    def batch(jobs: int) -> Callable[[], object]:
        out = work / f"out-{jobs}"
        return lambda: run_program(
            [*eftgraph, "batch", str(cases), "--out", str(out), "--jobs", str(jobs), "--progress", "none"]
        )

    one_runs, two_runs = timings([batch(1), batch(2)], size.batch_repeat)
    one, two = Spread.of(one_runs).median, Spread.of(two_runs).median
    spread = ratios(one_runs, two_runs)
    speedup = spread.median
    return Figure(
        "P4",
        f"batch of {size.batch_cases}: 1 process / 2 processes",
        speedup,
        target,
        meets(speedup, target),
        f"1 process {ms(one)}, 2 processes {ms(two)}",
        {"cases": size.batch_cases, "one_s": one, "two_s": two},
        spread,
    )


# --------------------------------------------------------------------------- import


def bench_import(size: Size) -> Figure:
    """IMP, with what the first use of ``load`` and of the drawing API adds (in the details).

    ``import eftgraph`` loads the model and ``load``; the analyses and figures come on
    first use. The line also gives the ratio of ``import eftgraph; eftgraph.load`` and of
    ``...; eftgraph.to_dot`` to the same floor, so the import figure flatters nobody.
    """
    target = "<= 1.15"
    ours_runs, floor_runs, load_runs, draw_runs = timings(
        [
            lambda: run_program([sys.executable, "-c", "import eftgraph"]),
            lambda: run_program([sys.executable, "-c", "import attrs, graphviz, yaml"]),
            lambda: run_program([sys.executable, "-c", "import eftgraph; eftgraph.load"]),
            lambda: run_program([sys.executable, "-c", "import eftgraph; eftgraph.load; eftgraph.to_dot"]),
        ],
        size.process_repeat,
    )
    ours, floor = Spread.of(ours_runs).median, Spread.of(floor_runs).median
    spread = ratios(ours_runs, floor_runs)
    ratio = spread.median
    with_load, with_draw = ratios(load_runs, floor_runs), ratios(draw_runs, floor_runs)
    return Figure(
        "IMP",
        "import eftgraph vs attrs+graphviz+yaml",
        ratio,
        target,
        meets(ratio, target),
        f"eftgraph {ms(ours)}, floor {ms(floor)} (whole fresh processes); on first use, against the same "
        f"floor: eftgraph.load {with_load.text()}, eftgraph.to_dot {with_draw.text()}",
        {
            "eftgraph_s": ours,
            "floor_s": floor,
            "with_load_s": Spread.of(load_runs).median,
            "with_to_dot_s": Spread.of(draw_runs).median,
        },
        spread,
    )


# --------------------------------------------------------------------------- main


BENCHMARKS = ("P1", "P2", "P3", "P4", "IMP", "CAP", "C1", "C2", "C3")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes, no targets checked (CI)")
    parser.add_argument(
        "--only", default=",".join(BENCHMARKS), help=f"comma-separated subset of {', '.join(BENCHMARKS)}"
    )
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON to FILE")
    args = parser.parse_args(argv)
    wanted = {name.strip().upper() for name in args.only.split(",") if name.strip()}
    wrong = sorted(wanted - set(BENCHMARKS))
    if wrong:
        from eftgraph._suggest import unknown

        parser.error(unknown("benchmark", wrong[0], BENCHMARKS))
    size = QUICK if args.quick else FULL
    os.chdir(ROOT)

    import networkx

    from eftgraph import __version__
    from eftgraph._batch import default_jobs

    dot = shutil.which("dot")
    version = run_program([dot, "-V"]).stderr.decode().strip() if dot else "no system dot"
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
            ("P3", lambda: bench_bounded(size, work)),
            ("P4", lambda: bench_batch(size, work)),
            ("IMP", lambda: bench_import(size)),
            ("CAP", lambda: bench_caps(size)),
            ("C1,C2,C3", lambda: bench_course(size, work)),
        ]
        for keys, step in steps:
            if not wanted & set(keys.split(",")):
                continue
            result = step()
            for figure in result if isinstance(result, list) else [result]:
                if figure.key.startswith("C") and figure.key not in wanted and figure.key != "CAP":
                    continue  # one of the course figures left out with --only
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
                        **(
                            {}
                            if f.spread is None
                            else {"low": f.spread.low, "high": f.spread.high, "runs": f.spread.runs}
                        ),
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
