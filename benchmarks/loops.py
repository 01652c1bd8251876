"""P2 and P3: the loop search against networkx, unbounded and bounded."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from harness import Figure, Size, medians, meets, ms


def bench_loops(size: Size) -> Figure:
    import networkx as nx

    from eftgraph import loops
    from eftgraph._synthetic import synthetic_case

    target = "<= 1.5"
    rows = []
    for partners, domains in size.loops_cases:
        case = synthetic_case(partners=partners, domains=[f"d{i}" for i in range(domains)])
        graph = case.to_networkx()
        ours, theirs = medians(
            [
                functools.partial(loops, case, limit=None),
                functools.partial(_all_cycles, graph),
            ],
            size.repeat,
        )
        count = len(loops(case, limit=None))
        if count != len(list(nx.simple_cycles(graph))):
            raise RuntimeError(f"loops and networkx disagree on {partners}x{domains}")
        rows.append(
            {"partners": partners, "domains": domains, "loops": count, "ours_s": ours, "nx_s": theirs}
        )
    worst = max(rows, key=lambda r: r["ours_s"] / r["nx_s"])
    ratio = worst["ours_s"] / worst["nx_s"]
    details = "; ".join(
        f"{r['loops']} loops {r['ours_s'] / r['nx_s']:.2f} ({ms(r['ours_s'])} vs {ms(r['nx_s'])})"
        for r in rows
    )
    return Figure(
        "P2",
        "loops vs networkx.simple_cycles",
        ratio,
        target,
        meets(ratio, target),
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
    for bound in size.bounds:
        ours, theirs = medians(
            [
                functools.partial(loops, case, max_length=bound, limit=None),
                functools.partial(_all_cycles, graph, bound),
            ],
            size.repeat,
        )
        mine = _canonical([loop.elements for loop in loops(case, max_length=bound, limit=None)], rank)
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
        "bounded search: networkx time / loops",
        speedup,
        target,
        meets(speedup, target) and identical,
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
            loops(dense)
        except LoopLimitError as error:
            message = str(error)
        else:
            message = ""

    (seconds,) = medians([search], size.repeat, warm=False)
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
    )
    return [bounded, limit]
