"""The benchmark harness runs at a tiny size and prints every figure (no timing is checked here)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_quick_run_prints_every_figure(tmp_path: Path) -> None:
    figures = tmp_path / "figures.json"
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--json", str(figures)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
        cwd=tmp_path,  # the harness finds the repository itself
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("eftgraph ") and "quick, targets not checked" in lines[0]
    rows: dict[str, list[tuple[str, str]]] = {}
    for line in lines[1:]:
        match = re.match(r"(P1|P2|P3|P4|IMP)\s+(.+?)\s+([0-9]+\.[0-9]{2})\s+target (\S+ \S+)\s+-\s", line)
        assert match, f"not a figure line: {line!r}"
        rows.setdefault(match.group(1), []).append((match.group(3), match.group(4)))
    assert {key: len(found) for key, found in rows.items()} == {"P1": 1, "P2": 1, "P3": 2, "P4": 1, "IMP": 1}
    assert [target for _, target in rows["P3"]] == [">= 10", "<= 5s"]
    assert all(float(value) > 0 for found in rows.values() for value, _ in found)
    assert figures.read_text(encoding="utf-8").count('"key"') == 6


def test_unknown_benchmark_is_a_usage_error() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--only", "P9"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 2
    assert "unknown benchmark 'P9'" in result.stderr
