"""The course benchmark runs at a tiny size and prints every figure (no timing is checked here)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_quick_run_prints_every_figure(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "course.py"), "--quick"],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line[:2] for line in lines] == ["C1", "C2", "C3"]
    assert re.search(r"course of 20 sessions vs load\s+[0-9.]+\s+target <= 2\s+-\s", lines[0])
    assert re.search(r"diff of \d+-element formulations vs load\s+[0-9.]+\s+target <= 2\s+-\s", lines[1])
    assert re.search(
        r"timeline of 20 sessions to PNG \(s\)\s+[0-9.]+\s+target renders\s+-\s+\d+ bytes of PNG", lines[2]
    )


def test_run_py_runs_the_course_figures_alone(tmp_path: Path) -> None:
    """``run.py --only C2`` runs the course benchmark and prints only the figure asked for."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--only", "C2"],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert [line[:2] for line in result.stdout.splitlines()[1:]] == ["C2"]
