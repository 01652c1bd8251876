"""Benchmark: a deck builds in under 3 x the time of rendering its figures.

Times, for the worked example, (a) rendering every figure the deck holds as a PNG
at the deck's resolution, and (b) building the whole deck (the same figures plus
the narrative, the layout and the .pptx). Prints both and their ratio; exit
status 1 when the ratio is 3 or more.

    python benchmarks/slides.py [--repeat N] [CASE]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from eftgraph import load, to_dot  # noqa: E402 - after the path set-up
from eftgraph.figures._analysis import strongest_loop  # noqa: E402
from eftgraph.figures._render import pipe  # noqa: E402
from eftgraph.figures._slides import DPI, slides  # noqa: E402
from eftgraph.figures._steps import step_figures  # noqa: E402

TARGET = 3.0


def figures_time(path: Path) -> float:
    """Seconds to build and render, as PNG, every figure of the deck of *path*."""
    case = load(path)
    start = time.perf_counter()
    figures = [to_dot(case, domain=d, theme="slide") for d in case.domains]
    if len(case.domains) >= 2:
        figures.append(to_dot(case, view="compare", theme="slide"))
    for domain in case.domains:
        if strongest_loop(case, [domain]):
            figures.extend(step.figure for step in step_figures(case, domain))
            break
    for figure in figures:
        figure.attr("graph", dpi=str(DPI))
        pipe(figure.source, "png")
    return time.perf_counter() - start


def deck_time(path: Path) -> float:
    """Seconds to build the whole deck of *path* and write it."""
    case = load(path)
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        slides(case, Path(folder) / "deck.pptx")
        return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("case", nargs="?", default=str(ROOT / "examples" / "janine-mathijs.en.yaml"))
    parser.add_argument("--repeat", type=int, default=1, help="runs of each; the fastest counts")
    options = parser.parse_args(argv)
    path = Path(options.case)
    figures = min(figures_time(path) for _ in range(options.repeat))
    deck = min(deck_time(path) for _ in range(options.repeat))
    ratio = deck / figures
    verdict = "ok" if ratio < TARGET else "TOO SLOW"
    print(f"figures {figures:.2f} s, deck {deck:.2f} s, ratio {ratio:.2f} (target < {TARGET:g}) - {verdict}")
    return 0 if ratio < TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
