"""Faults: the report matches the disk, writes are all or nothing, one rule for outputs.

- ``anonymize --mapping`` writes the anonymised case and the mapping both or neither;
- a batch whose disk fills on the second figure of a file removes the first, and reports the
  file failed with no figure; when every input fails no empty output folder is made;
- an output that is a hard link to an input is refused by every command (exit 2);
- a device given as ``-o`` (``/dev/null``) stays a device: written into, never replaced.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from eftgraph import _output
from eftgraph._batch import run_batch
from eftgraph.cli import main
from eftgraph.errors import OutputError
from tests.course_support import copy_example

EXAMPLE = Path("examples/janine-mathijs.en.yaml")


@pytest.fixture
def case(tmp_path: Path) -> Path:
    return copy_example(EXAMPLE, tmp_path / "couple.yaml")


def test_anonymize_writes_no_case_when_the_mapping_cannot_be_written(case: Path, tmp_path: Path) -> None:
    out = tmp_path / "anonymous.yaml"
    assert main(["anonymize", str(case), "-o", str(out), "--mapping", str(case / "mapping.json")]) == 1
    assert not out.exists()


def test_anonymize_writes_no_mapping_when_the_case_cannot_be_written(case: Path, tmp_path: Path) -> None:
    mapping = tmp_path / "mapping.json"
    assert main(["anonymize", str(case), "-o", str(case / "x.yaml"), "--mapping", str(mapping)]) == 1
    assert not mapping.exists()
    mapping.write_text("the old mapping", encoding="utf-8")
    assert main(["anonymize", str(case), "-o", str(case / "x.yaml"), "--mapping", str(mapping)]) == 1
    assert mapping.read_text(encoding="utf-8") == "the old mapping"  # put back as it was


def test_a_full_disk_on_the_second_figure_leaves_no_figure_of_the_file(
    case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = _output.write_atomic
    calls: list[str] = []

    def fill_up(path: str | os.PathLike[str], data: bytes) -> None:
        calls.append(os.fspath(path))
        if len(calls) == 2:
            raise OutputError(errno.ENOSPC, f"{path}: cannot write: No space left on device")
        real(path, data)

    monkeypatch.setattr(_output, "write_atomic", fill_up)
    out = tmp_path / "out"
    report = run_batch(
        [case], out, formats=("dot", "svg"), jobs=1, renderer="auto"
    )  # whichever renderer this machine has
    assert len(calls) == 2
    (outcome,) = report.outcomes
    assert not outcome.ok and outcome.written == ()
    assert sorted(p.name for p in out.rglob("*") if p.is_file()) == []  # the report matches the disk


def test_no_output_folder_when_every_input_fails(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("eftgraph: 1\nid: x\n", encoding="utf-8")
    out = tmp_path / "figures" / "all"
    assert main(["batch", str(bad), "-o", str(out), "--progress", "none"]) == 1
    assert not (tmp_path / "figures").exists()
    existing = tmp_path / "existing"
    existing.mkdir()
    assert main(["batch", str(bad), "-o", str(existing), "--progress", "none"]) == 1
    assert existing.is_dir()  # a folder that was there stays


@pytest.mark.parametrize(
    "command",
    [
        ["render", "{case}", "-o", "{out}"],
        ["export", "{case}", "--to", "json", "-o", "{out}"],
        ["table", "{case}", "-o", "{out}"],
        ["anonymize", "{case}", "-o", "{out}"],
    ],
    ids=lambda c: c[0],
)
def test_a_hard_link_to_the_input_is_refused_by_every_command(
    command: list[str], case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = tmp_path / "link.yaml"
    os.link(case, link)
    before = case.read_bytes()
    assert main([part.format(case=case, out=link) for part in command]) == 2
    assert "input" in capsys.readouterr().err
    assert case.read_bytes() == before and link.read_bytes() == before


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="needs /dev/null")
@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (["render", "{case}", "-o", "/dev/null", "--to", "svg"], 0),
        (["export", "{case}", "--to", "graphml", "-o", "/dev/null"], 0),
        (["table", "{case}", "-o", "/dev/null"], 0),
        (["anonymize", "{case}", "-o", "/dev/null"], 2),  # no case-file suffix: a usage error
        (["anonymize", "{case}", "-o", "{out}", "--mapping", "/dev/null"], 0),
    ],
    ids=["render", "export", "table", "anonymize", "mapping"],
)
def test_a_device_output_stays_a_device(
    command: list[str], expected: int, case: Path, tmp_path: Path
) -> None:
    status = main([part.format(case=case, out=tmp_path / "a.yaml") for part in command])
    assert status == expected
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
