"""Where to intervene on the biggest cases the limits allow: seconds, median and range.

Run from the repository root::

    python benchmarks/intervene.py

Cases (all under the default limit of 10 000 loops):

- the 140-element case of issue 14 (7 partners x 4 domains, fully wired, 9 460 loops);
- the worst case a random search over synthetic cases within the caps found (41 partners
  x 3 domains, one cross link per behaviour, 150 extra links: 8 306 loops in one big group).

Each line: `intervention_points(case, loops=found)` in this process (the loops found
beforehand), and the whole `eftgraph loops FILE --format json` command in a fresh
process. Target: under a second for the search. The search is bounded by steps, not
seconds, so the answer (and `exact`) is the same on every machine.
"""

from __future__ import annotations

import functools
import sys
import tempfile
from pathlib import Path

from harness import Spread, eftgraph_command, ms, run_program, timings

CASES = {
    "issue 14, 7 partners x 4 domains": {
        "partners": 7,
        "domains": ("everyday", "sexual", "caregiving", "work"),
    },
    "worst found, 41 partners x 3 domains": {
        "partners": 41,
        "domains": ("d0", "d1", "d2"),
        "cross": 1,
        "extra_links": 150,
        "seed": 38,
    },
}


def main() -> int:
    from eftgraph import dump, intervention_points, loops
    from eftgraph._synthetic import synthetic_case

    missed = 0
    with tempfile.TemporaryDirectory(prefix="eftgraph-intervene-") as folder:
        for name, arguments in CASES.items():
            case = synthetic_case(**arguments)  # type: ignore[arg-type]
            found = loops(case)
            file = Path(folder) / "case.yaml"
            dump(case, file)
            (search,) = timings([functools.partial(intervention_points, case, loops=found)], 5)
            command = [*eftgraph_command(), "loops", str(file), "--format", "json"]
            (whole,) = timings([functools.partial(run_program, command)], 5)
            points = intervention_points(case, loops=found)
            spread = Spread.of(search)
            missed += spread.median >= 1
            print(
                f"{name}: {len(case.elements)} elements, {len(found)} loops "
                f"({len(points.loops)} negative); where to intervene {Spread.of(search).text(ms)}, "
                f"exact={points.exact}, size {points.size}; "
                f"eftgraph loops --format json {Spread.of(whole).text(ms)}"
            )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
