"""The command line: check, new, schema, --version, usage errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from eftgraph import __version__, load
from eftgraph.cli import main


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "eftgraph", *args], capture_output=True, text=True, check=False, timeout=60
    )


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"eftgraph {__version__}"


def test_usage_error_exits_2() -> None:
    result = run("check")
    assert result.returncode == 2
    assert "usage:" in result.stderr
    assert run("frobnicate").returncode == 2


def test_check_examples(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "examples/janine-mathijs.yaml", "examples/janine-mathijs.en.yaml"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("examples/janine-mathijs.yaml: ok: 2 partners, 2 domains (everyday, sexual)")
    assert lines[1].startswith(
        "examples/janine-mathijs.en.yaml: ok: 2 partners, 2 domains (everyday, sexual)"
    )


def test_check_missing_file_is_a_clear_error() -> None:
    result = run("check", "no-such-case.yaml")
    assert result.returncode == 1
    assert result.stderr.strip() == "no-such-case.yaml: no such file"


@pytest.mark.parametrize(("language", "word"), [("en", "position: pursuer"), ("nl", "achtervolger")])
def test_new_writes_a_valid_commented_template(tmp_path: Path, language: str, word: str) -> None:
    target = tmp_path / "couple.yaml"
    assert main(["new", str(target), "--language", language]) == 0
    text = target.read_text(encoding="utf-8")
    assert word in text
    assert text.count("#") > 10
    case = load(target)
    assert case.language == language
    assert [p.id for p in case.partners] == ["a", "b"]


def test_new_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "couple.yaml"
    target.write_text("precious notes", encoding="utf-8")
    assert main(["new", str(target)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "precious notes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["couple.yaml"]


def test_new_wants_a_yaml_name(tmp_path: Path) -> None:
    assert main(["new", str(tmp_path / "couple.txt")]) == 2  # a bad output suffix is a usage error
    assert not (tmp_path / "couple.txt").exists()


def test_build_in_python_example_runs() -> None:
    result = subprocess.run(
        [sys.executable, "examples/build_in_python.py"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert result.stdout.startswith("eftgraph: 1\nid: sanne-daan\n")
