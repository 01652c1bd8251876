"""The benchmark harness runs at a tiny size and prints every figure (no timing is checked here)."""

from __future__ import annotations

import json
import os
import re
import shutil
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
        match = re.match(
            r"(P1|P2|P3|P4|IMP|CAP|C1|C2|C3)\s+(.+?)\s+([0-9]+\.[0-9]{2})\s+target (\S+ \S+|renders)\s+-\s",
            line,
        )
        assert match, f"not a figure line: {line!r}"
        rows.setdefault(match.group(1), []).append((match.group(3), match.group(4)))
    assert {key: len(found) for key, found in rows.items()} == {
        "P1": 1,
        "P2": 1,
        "P3": 2,
        "P4": 1,
        "IMP": 1,
        "CAP": 8,
        "C1": 1,
        "C2": 1,
        "C3": 1,
    }
    assert [target for _, target in rows["P3"]] == [">= 10", "<= 5s"]
    assert all(float(value) >= 0 for found in rows.values() for value, _ in found)  # 0.00: below 0.005
    assert all(float(value) < 60 for value, _ in rows["CAP"])
    assert {target for _, target in rows["CAP"]} == {"<= 1s"}
    saved = json.loads(figures.read_text(encoding="utf-8"))
    assert len(saved) == 17
    assert all(f["value"] > 0 for f in saved if f["key"] != "CAP")  # measured, however small it printed
    (p1,) = [line for line in lines if line.startswith("P1")]
    embedded = shutil.which("dot") is None
    assert ("floor with the embedded renderer (no system dot)" in p1) == embedded
    (p1_json,) = [f for f in saved if f["key"] == "P1"]
    assert p1_json["floor_renderer"] == ("embedded" if embedded else "system")


def test_p1_measures_against_the_embedded_renderer_without_a_system_dot(tmp_path: Path) -> None:
    """With no ``dot`` on the PATH, P1 is still measured: against the embedded renderer's floor."""
    empty = tmp_path / "bin"
    empty.mkdir()
    figures = tmp_path / "figures.json"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "run.py"),
            "--quick",
            "--only",
            "P1",
            "--json",
            str(figures),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
        env={**os.environ, "PATH": str(empty)},
    )
    assert result.returncode == 0, result.stderr
    assert "no system dot" in result.stdout.splitlines()[0]
    (p1,) = [line for line in result.stdout.splitlines() if line.startswith("P1")]
    assert re.match(r"P1\s+eftgraph render vs floor\s+[0-9]+\.[0-9]{2}\s+target <= 1.15\s+-\s", p1), p1
    assert "floor with the embedded renderer (no system dot): render " in p1
    (figure,) = json.loads(figures.read_text(encoding="utf-8"))
    assert figure["floor_renderer"] == "embedded" and figure["render_s"] > 0 and figure["floor_s"] > 0


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
