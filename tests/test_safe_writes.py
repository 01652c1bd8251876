"""Safe writes: no command writes over its input, and no failure leaves half a file.

Every file eftgraph writes goes to a temporary file beside the target and is renamed into
place (``write_atomic``), so a crash, a full disk or a failing renderer leaves the old file
or none, never a truncated case file or half a figure.
"""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from eftgraph import EftgraphError, dump, load
from eftgraph.cli import main
from tests.cli_support import EXAMPLE, READERS, argv, output_option, output_suffix, run, writes_a_folder
from tests.course_support import copy_example

WRITERS = [name for name in READERS if output_option(name) is not None]
"""Commands that read a case and write a file."""


OWN_RULE = {
    "batch": "writes a folder of figures, never one file: a figure that would replace an input fails that file (exit 1)"
}
"""Writers not (yet) held to the one rule for an output that names an input (exit 2, refuse_input's words)."""


def test_the_writers_are_found() -> None:
    assert {"render", "export", "anonymize"} <= set(WRITERS)


def leftovers(folder: Path) -> list[str]:
    """Temporary files a write left behind."""
    return sorted(p.name for p in folder.rglob("*.tmp"))


@pytest.fixture
def case_file(tmp_path: Path) -> Path:
    return copy_example(EXAMPLE, tmp_path / "case.yaml")


def aliases(case_file: Path) -> dict[str, Path]:
    """Other names of the same file: the name itself, a detour, a symbolic and a hard link."""
    folder = case_file.parent
    (folder / "sub").mkdir()
    os.symlink(case_file, folder / "symlink.yaml")
    os.link(case_file, folder / "hardlink.yaml")
    return {
        "same": case_file,
        "detour": folder / "sub" / ".." / case_file.name,
        "symlink": folder / "symlink.yaml",
        "hardlink": folder / "hardlink.yaml",
    }


@pytest.mark.parametrize("alias", ["same", "detour", "symlink", "hardlink"])
@pytest.mark.parametrize("command", WRITERS)
def test_no_command_writes_over_its_input(command: str, alias: str, case_file: Path) -> None:
    if alias == "hardlink" and command in OWN_RULE:
        pytest.skip(f"eftgraph {command}: {OWN_RULE[command]}")
    before = case_file.read_bytes()
    target = aliases(case_file)[alias]
    status, out, err, _ = run(argv(command, case_file, target))
    assert status != 0, f"eftgraph {command} wrote over its input through {alias}: {out}{err}"
    assert "Traceback" not in err
    assert str(target) in err  # the message names the output it refused
    if command not in OWN_RULE:  # one rule: a usage error, in the words of eftgraph._output.refuse_input
        assert status == 2, err
        assert "names an input file; eftgraph never writes over its input" in err
    assert case_file.read_bytes() == before
    assert target.read_bytes() == before
    assert leftovers(case_file.parent) == []


@pytest.mark.parametrize("command", WRITERS)
def test_a_hard_link_to_the_input_leaves_the_input_alone(command: str, case_file: Path) -> None:
    """Another name of the same file is replaced, if at all, as a name: the case itself stays."""
    before = case_file.read_bytes()
    _, _, err, _ = run(argv(command, case_file, aliases(case_file)["hardlink"]))
    assert "Traceback" not in err
    assert case_file.read_bytes() == before
    assert leftovers(case_file.parent) == []


@pytest.mark.parametrize("command", WRITERS)
def test_a_failed_write_leaves_the_old_file(
    command: str, case_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    suffix = output_suffix(command, tmp_path / "control")
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / f"out{suffix}"
    one_file = not writes_a_folder(command, tmp_path / "control")
    if one_file:
        target.write_bytes(b"the figure from last week")

    def disk_full(source: object, destination: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", disk_full)
    status, _, err, _ = run(argv(command, case_file, target))
    assert status == 1
    assert "No space left on device" in err
    assert "Traceback" not in err
    if one_file:
        assert target.read_bytes() == b"the figure from last week"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("command", WRITERS)
def test_what_is_written_is_whole_and_private(command: str, case_file: Path, tmp_path: Path) -> None:
    suffix = output_suffix(command, tmp_path / "control")
    folder = tmp_path / "out"
    folder.mkdir()
    status, _, err, _ = run(argv(command, case_file, folder / f"out{suffix}"))
    assert status == 0, err
    written = [p for p in folder.rglob("*") if p.is_file()]
    assert written
    for path in written:
        assert path.stat().st_size > 0
        assert stat.S_IMODE(path.stat().st_mode) == 0o600  # clinical data: readable by its owner only
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands in for Graphviz")
def test_a_failing_renderer_leaves_no_half_figure(case_file: Path, tmp_path: Path) -> None:
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    fake = bin_folder / "dot"
    fake.write_text("#!/bin/sh\ncat > /dev/null\nprintf '<svg><g>half a fig'\nexit 3\n", encoding="utf-8")
    fake.chmod(0o755)
    old = tmp_path / "old.svg"
    old.write_bytes(b"<svg>last week</svg>")
    new = tmp_path / "new.svg"
    env = {
        **os.environ,
        "PATH": f"{bin_folder}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": str(Path("src").resolve()),
    }
    for target in (old, new):
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "eftgraph",
                "render",
                str(case_file),
                "-o",
                str(target),
                "--renderer",
                "system",
            ],
            capture_output=True,
            text=True,
            env=env,
            check=False,
            timeout=60,
        )
        assert done.returncode == 1
        assert "failed" in done.stderr and "Traceback" not in done.stderr
    assert old.read_bytes() == b"<svg>last week</svg>"
    assert not new.exists()
    assert leftovers(tmp_path) == []


def test_new_never_overwrites(case_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = case_file.read_bytes()
    assert main(["new", str(case_file)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert case_file.read_bytes() == before


def test_dump_is_whole_or_nothing(case_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = load(case_file)
    target = case_file.parent / "copy.json"
    dump(case, target)
    assert load(target) == case
    before = target.read_bytes()

    def crash(source: object, destination: object) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(EftgraphError, match=r"copy\.json: cannot write: Input/output error"):
        dump(case, target)
    assert target.read_bytes() == before
    assert leftovers(case_file.parent) == []


def test_a_folder_in_the_way_is_a_clear_error(case_file: Path, tmp_path: Path) -> None:
    (tmp_path / "figure.svg").mkdir()
    status, _, err, _ = run(["render", str(case_file), "-o", str(tmp_path / "figure.svg")])
    assert status == 1
    assert "figure.svg: cannot write: Is a directory" in err
    assert leftovers(tmp_path) == []
