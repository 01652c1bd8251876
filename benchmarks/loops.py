"""P2 and P3: the loop search against networkx, unbounded and bounded."""

from __future__ import annotations

import functools
import pickle
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from harness import Figure, Size, Spread, meets, ms, ratios, run_program, timings


def bench_loops(size: Size) -> Figure:
    import networkx as nx

    from eftgraph import loops
    from eftgraph._synthetic import synthetic_case

    target = "<= 1.5"
    rows = []
    for partners, domains in size.loops_cases:
        case = synthetic_case(partners=partners, domains=[f"d{i}" for i in range(domains)])
        graph = case.to_networkx()
        ours, theirs = timings(
            [
                functools.partial(loops, case, limit=None),
                functools.partial(_all_cycles, graph),
            ],
            size.repeat,
        )
        count = len(loops(case, limit=None))
        if count != len(list(nx.simple_cycles(graph))):
            raise RuntimeError(f"loops and networkx disagree on {partners}x{domains}")
        spread = ratios(ours, theirs)
        rows.append(
            {
                "partners": partners,
                "domains": domains,
                "loops": count,
                "ours_s": Spread.of(ours).median,
                "nx_s": Spread.of(theirs).median,
                "ratio": spread.median,
                "ratio_low": spread.low,
                "ratio_high": spread.high,
            }
        )
    worst = max(rows, key=lambda r: r["ratio"])
    details = "; ".join(
        f"{r['loops']} loops {r['ratio']:.2f} ({r['ratio_low']:.2f}–{r['ratio_high']:.2f}; "
        f"{ms(r['ours_s'])} vs {ms(r['nx_s'])})"
        for r in rows
    )
    return Figure(
        "P2",
        "loops vs networkx.simple_cycles",
        worst["ratio"],
        target,
        meets(worst["ratio"], target),
        details,
        {"cases": rows},
        Spread(worst["ratio"], worst["ratio_low"], worst["ratio_high"], size.repeat),
    )


# --------------------------------------------------------------------------- P3


def _all_cycles(graph: Any, bound: int | None = None) -> list[list[str]]:
    """Every simple cycle networkx finds, as a list (what a user of networkx would make)."""
    import networkx as nx

    return list(nx.simple_cycles(graph, length_bound=bound))


_COLD = """
import pickle, sys, time
mode, bound = sys.argv[2], int(sys.argv[3])
with open(sys.argv[1], "rb") as file:
    case, graph = pickle.load(file)
if mode == "loops":
    from eftgraph import loops
    start, processor = time.perf_counter(), time.process_time()
    loops(case, max_length=bound, limit=None)
else:
    import networkx
    start, processor = time.perf_counter(), time.process_time()
    list(networkx.simple_cycles(graph, length_bound=bound))
print(time.perf_counter() - start, time.process_time() - processor)
"""
"""A fresh process: reads the case and its networkx graph, then times one search (cold): wall and processor time."""

_PROCESSOR: dict[tuple[str, int], list[float]] = {}
"""The processor time of every cold search, by (mode, bound): shown beside the wall-clock figure."""


def _cold(saved: Path, mode: str, bound: int) -> float:
    """The wall time of one search in a fresh process, where nothing was prepared before."""
    done = run_program([sys.executable, "-c", _COLD, str(saved), mode, str(bound)])
    wall, processor = (float(x) for x in done.stdout.decode().split())
    _PROCESSOR.setdefault((mode, bound), []).append(processor)
    return wall


def _canonical(cycles: Sequence[Sequence[str]], rank: dict[str, int]) -> list[tuple[str, ...]]:
    result = []
    for cycle in cycles:
        start = min(range(len(cycle)), key=lambda i: rank[cycle[i]])
        result.append(tuple(cycle[start:]) + tuple(cycle[:start]))
    return sorted(result)


def bench_bounded(size: Size, work: Path) -> list[Figure]:
    import networkx as nx

    from eftgraph import LoopLimitError, loops
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
    saved = work / "sparse.pickle"
    saved.write_bytes(pickle.dumps((case, graph)))
    for bound in size.bounds:
        ours, theirs = timings(
            [
                functools.partial(_cold, saved, "loops", bound),
                functools.partial(_cold, saved, "networkx", bound),
            ],
            size.repeat,
        )
        warm_ours, warm_theirs = timings(
            [
                functools.partial(loops, case, max_length=bound, limit=None),
                functools.partial(_all_cycles, graph, bound),
            ],
            size.repeat,
        )
        mine = _canonical([loop.elements for loop in loops(case, max_length=bound, limit=None)], rank)
        reference = _canonical(list(nx.simple_cycles(graph, length_bound=bound)), rank)
        spread = ratios(theirs, ours)
        # the processor times of the timed runs (the first of each list is the warm-up run)
        processor = ratios(_PROCESSOR[("networkx", bound)][1:], _PROCESSOR[("loops", bound)][1:])
        rows.append(
            {
                "max_length": bound,
                "loops": len(mine),
                "identical": mine == reference,
                "ours_s": Spread.of(ours).median,
                "nx_s": Spread.of(theirs).median,
                "speedup": spread.median,
                "speedup_low": spread.low,
                "speedup_high": spread.high,
                "warm_speedup": ratios(warm_theirs, warm_ours).median,
                "processor_speedup": processor.median,
            }
        )
    worst = min(rows, key=lambda r: r["speedup"])
    identical = all(r["identical"] for r in rows)
    details = (
        f"cold, a fresh process each; {len(case.elements)} elements, {len(case.links)} links; "
        + "; ".join(
            f"k={r['max_length']}: {r['speedup']:.1f}x ({r['speedup_low']:.1f}–{r['speedup_high']:.1f}; "
            f"{ms(r['ours_s'])} vs {ms(r['nx_s'])}; processor time {r['processor_speedup']:.1f}x; "
            f"warm {r['warm_speedup']:.0f}x), {r['loops']} loops" + ("" if r["identical"] else " DIFFERENT")
            for r in rows
        )
    )
    bounded = Figure(
        "P3",
        "bounded search: networkx time / loops",
        worst["speedup"],
        target,
        meets(worst["speedup"], target) and identical,
        details,
        {"elements": len(case.elements), "links": len(case.links), "bounds": rows},
        Spread(worst["speedup"], worst["speedup_low"], worst["speedup_high"], size.repeat),
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
            loops(dense)
        except LoopLimitError as error:
            message = str(error)
        else:
            message = ""

    (times,) = timings([search], size.repeat, warm=False)
    seconds = Spread.of(times).median
    clear = message.startswith(f"case {dense.id!r} has more than") and "max_length" in message
    limit = Figure(
        "P3",
        "dense case: seconds to the limit error",
        seconds,
        "<= 5s",
        meets(seconds, "<= 5") and clear,
        f"{len(dense.elements)} elements, {len(dense.links)} links; "
        + (f"error: {message[:60]}…" if clear else "NO clear limit error"),
        {"elements": len(dense.elements), "links": len(dense.links), "message": message},
        Spread.of(times),
    )
    return [bounded, limit]
