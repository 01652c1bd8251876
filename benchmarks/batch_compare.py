"""Batch against an older eftgraph, side by side: the same 200 cases, paired runs, median and range.

Make the older checkout and its own environment first, for example::

    git worktree add ../old-main 0174975
    python -m venv ../old-main/.venv && ../old-main/.venv/bin/pip install -e ../old-main

then, from this repository's root::

    python benchmarks/batch_compare.py ../old-main/.venv/bin/eftgraph

Both commands draw the same cases to SVG with their default number of jobs; the outputs
are compared byte for byte (the figures must be the same). Target: this eftgraph at least
2x faster than the older one.
"""

from __future__ import annotations

import argparse
import filecmp
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from harness import Spread, eftgraph_command, ms, ratios, run_program, timings


def _same_tree(a: Path, b: Path) -> bool:
    """True when folders *a* and *b* hold the same files with the same bytes."""
    names = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    if names != sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file()):
        return False
    return all(filecmp.cmp(a / name, b / name, shallow=False) for name in names)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old", help="the older eftgraph command (its console script)")
    parser.add_argument("--cases", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)

    from eftgraph import dump
    from eftgraph._synthetic import synthetic_case

    with tempfile.TemporaryDirectory(prefix="eftgraph-batch-") as folder:
        work = Path(folder)
        cases = work / "cases"
        cases.mkdir()
        for i in range(args.cases):
            case = synthetic_case(
                partners=2 + i % 3,
                domains=("everyday", "sexual")[: 1 + i % 2],
                seed=i,
                case_id=f"case-{i:03d}",
            )
            dump(case, cases / f"case-{i:03d}.yaml")

        def batch(command: list[str], out: Path) -> object:
            return run_program([*command, "batch", str(cases), "--out", str(out), "--progress", "none"])

        old_out, new_out = work / "old", work / "new"
        old, new = timings(
            [lambda: batch([args.old], old_out), lambda: batch(eftgraph_command(), new_out)], args.repeat
        )
        same = _same_tree(old_out, new_out)
        speedup = ratios(old, new)
        print(
            f"batch of {args.cases}: old {Spread.of(old).text(ms)}, new {Spread.of(new).text(ms)}; "
            f"speed-up {speedup.text()}; target >= 2: {'met' if speedup.median >= 2 else 'MISSED'}; "
            f"figures {'the same' if same else 'DIFFERENT'}"
        )
        return 0 if same and speedup.median >= 2 else 1


if __name__ == "__main__":
    sys.exit(main())
