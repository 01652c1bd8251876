"""The bad-input corpus: every malformed or hostile file, through the API and every command.

For each file of ``tests/corpus`` (and a few generated in the test, too big to keep):
``load`` raises [`CaseFileError`][eftgraph.CaseFileError] with the problem listed in
``tests/corpus/expected.yaml``; every command of ``eftgraph`` that reads a case file exits 1
with that problem on standard error, naming the file, without a traceback, without writing
anything, in well under two seconds. Commands are found from the argument parser, so a new
command is covered the day it is added.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from eftgraph import CaseFileError, load
from eftgraph._formats import MAX_FILE_BYTES
from eftgraph._structure import MAX_ELEMENTS
from tests.cli_support import EXAMPLE, READERS, argv, output_suffix, run

CORPUS = Path("tests/corpus")
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))
SECONDS = 2.0
"""Every bad file is refused within this much processor time, by the API and by every command.

Processor time, not wall-clock time, so that a busy machine does not fail the test: the
slowest file takes about 0.4 s on an idle laptop-class processor.
"""

MARKER = "eftgraph-corpus-marker"
"""The file the hostile YAML tags would create if anything ran them."""


def generated(folder: Path) -> dict[str, tuple[Path, dict[str, Any]]]:
    """Files too big to keep in the repository, with their expected first problem."""
    head = "eftgraph: 1\nid: big\npartners: [{id: a, name: A}]\n"
    files: dict[str, tuple[str, dict[str, Any]]] = {
        "oversize.yaml": (
            head + "# padding\n" * (MAX_FILE_BYTES // 10),
            {
                "message": f"the file is larger than the cap of {MAX_FILE_BYTES} bytes",
                "line": None,
                "path": "",
            },
        ),
        "many-elements.yaml": (
            head
            + "elements:\n"
            + "".join(
                f"  - {{id: e{i}, partner: a, kind: need, label: x}}\n" for i in range(MAX_ELEMENTS + 1)
            ),
            {
                "message": f"the case has {MAX_ELEMENTS + 1} elements, more than the cap of {MAX_ELEMENTS}; "
                "if that is really meant, set EFTGRAPH_MAX_ELEMENTS to raise it",
                "line": 4,
                "path": "elements",
            },
        ),
        "largest-allowed.yaml": (  # the slowest file to read that is still under the size cap
            head + "x: [" + "a," * ((MAX_FILE_BYTES - len(head) - 10) // 2) + "a]\n",
            {"message": "unknown key 'x'", "line": 4, "path": "x"},
        ),
        "many-partners.json": (
            '{"eftgraph": 1, "id": "crowd", "partners": ['
            + ", ".join(f'{{"id": "p{i}", "name": "P"}}' for i in range(MAX_ELEMENTS + 1))
            + "]}",
            {
                "message": f"the case has {MAX_ELEMENTS + 1} partners, more than the cap",
                "line": 1,
                "path": "partners",
            },
        ),
    }
    made = {}
    for name, (text, expected) in files.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        made[name] = (path, expected)
    return made


@pytest.fixture(scope="session")
def big_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, dict[str, Any]]]:
    return generated(tmp_path_factory.mktemp("generated"))


GENERATED = ["oversize.yaml", "many-elements.yaml", "largest-allowed.yaml", "many-partners.json"]
FILES = sorted(EXPECTED) + GENERATED


def corpus_file(name: str, big_files: dict[str, tuple[Path, dict[str, Any]]]) -> tuple[Path, dict[str, Any]]:
    if name in big_files:
        return big_files[name]
    return CORPUS / name, EXPECTED[name]


# --------------------------------------------------------------------------- the corpus itself


def test_the_corpus_is_complete() -> None:
    files = {p.name for p in CORPUS.iterdir()} - {"expected.yaml"}
    assert files == set(EXPECTED), "every corpus file needs an expectation, and every expectation a file"
    assert len(files) >= 25
    suffixes = {Path(name).suffix for name in files}
    assert {".yaml", ".json", ".toml"} <= suffixes
    assert all(
        {"why", "message", "line", "path"} <= set(entry) <= {"why", "message", "line", "path", "suggestion"}
        for entry in EXPECTED.values()
    )


# --------------------------------------------------------------------------- the API


@pytest.mark.parametrize("name", FILES)
def test_load_refuses_with_the_expected_problem(
    name: str, big_files: dict[str, tuple[Path, dict[str, Any]]]
) -> None:
    path, expected = corpus_file(name, big_files)
    started = time.process_time()
    with pytest.raises(CaseFileError) as caught:
        load(path)
    elapsed = time.process_time() - started
    first = caught.value.problems[0]
    assert expected["message"] in first.message
    assert first.line == expected["line"]
    assert first.path == expected["path"]
    assert first.suggestion == expected.get("suggestion")
    assert first.file == str(path)
    assert caught.value.file == str(path)
    assert str(caught.value).startswith(str(path))
    assert len(caught.value.problems) <= 51  # a file is never answered with thousands of lines
    assert elapsed < SECONDS


# --------------------------------------------------------------------------- every command


def files_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if not p.is_dir())


@pytest.mark.parametrize("command", READERS)
def test_every_command_succeeds_on_a_valid_case(command: str, tmp_path: Path) -> None:
    """The control: the calls built here are right, so a refusal below is the file's doing."""
    suffix = output_suffix(command, tmp_path)
    status, _, err, _ = run(argv(command, EXAMPLE, tmp_path / f"out{suffix}"))
    assert status == 0, err
    assert "Traceback" not in err


@pytest.mark.parametrize("name", FILES)
@pytest.mark.parametrize("command", READERS)
def test_every_command_refuses_every_bad_file(
    command: str, name: str, tmp_path: Path, big_files: dict[str, tuple[Path, dict[str, Any]]]
) -> None:
    path, expected = corpus_file(name, big_files)
    suffix = output_suffix(command, tmp_path / "control")
    folder = tmp_path / "out"
    folder.mkdir()
    status, out, err, elapsed = run(argv(command, path, folder / f"out{suffix}"))
    assert status == 1, f"eftgraph {command} {name}: exit {status}\n{err}"
    assert "Traceback" not in out + err
    lines = [line for line in err.splitlines() if expected["message"] in line]
    assert lines, f"eftgraph {command} {name}: the problem is not reported:\n{err}"
    assert str(path) in lines[0]  # the file is named
    if expected["line"] is not None:
        assert f"{expected['line']}:" in lines[0].replace(str(path), "")
    if expected["path"]:
        assert f"{expected['path']}: " in lines[0]
    if "suggestion" in expected:  # the nearest valid word is offered
        assert f"did you mean '{expected['suggestion']}'?" in lines[0]
    assert files_in(folder) == [], f"eftgraph {command} {name} wrote output for a bad file"
    assert elapsed < SECONDS
    if name in HOSTILE:
        assert not Path(MARKER).exists()  # nothing ran (the working folder is the repository root)


# --------------------------------------------------------------------------- nothing runs


HOSTILE = [name for name in sorted(EXPECTED) if name.startswith("python-")]
"""Files whose YAML tags would run something if a loader honoured them."""


def test_an_unsafe_yaml_loader_would_run_the_hostile_files(tmp_path: Path) -> None:
    """The control: these files really do run a command when loaded unsafely."""
    code = "import sys, yaml; yaml.unsafe_load(open(sys.argv[1], encoding='utf-8'))"
    source = CORPUS / "python-object-apply.yaml"
    subprocess.run([sys.executable, "-c", code, str(source.resolve())], cwd=tmp_path, check=False, timeout=60)
    assert (tmp_path / MARKER).exists()


@pytest.mark.parametrize("command", READERS)
def test_hostile_yaml_runs_nothing_in_a_real_process(command: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    suffix = output_suffix(command, tmp_path / "control")
    for source in [CORPUS / "python-object-apply.yaml"]:  # the others run in-process above
        args = argv(command, source.resolve(), out / f"out{suffix}")
        done = subprocess.run(
            [sys.executable, "-m", "eftgraph", *args],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
            env={**os.environ, "PYTHONPATH": str(Path("src").resolve())},
        )
        assert done.returncode == 1, done.stderr
        assert "is not allowed (case files hold plain data only)" in done.stderr
        assert "Traceback" not in done.stderr
    assert not (tmp_path / MARKER).exists()
    assert not Path(MARKER).exists()
    assert files_in(out) == []


# --------------------------------------------------------------------------- the caps can be raised


@pytest.mark.parametrize(
    ("variable", "name"),
    [
        ("EFTGRAPH_MAX_FILE_BYTES", "oversize.yaml"),
        ("EFTGRAPH_MAX_ELEMENTS", "many-elements.yaml"),
        ("EFTGRAPH_MAX_ELEMENTS", "many-partners.json"),
    ],
)
def test_a_cap_can_be_raised(
    variable: str,
    name: str,
    monkeypatch: pytest.MonkeyPatch,
    big_files: dict[str, tuple[Path, dict[str, Any]]],
) -> None:
    path, _ = big_files[name]
    monkeypatch.setenv(variable, str(10**7))
    case = load(path)
    assert case.id in ("big", "crowd")


def test_the_link_cap_can_be_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EFTGRAPH_MAX_LINKS", "5550")
    assert len(load(CORPUS / "wiring-bomb.yaml").links) == 5550
    monkeypatch.setenv("EFTGRAPH_MAX_LINKS", "5549")
    with pytest.raises(CaseFileError, match="the case has 5550 links, more than the cap of 5549"):
        load(CORPUS / "wiring-bomb.yaml")


def test_a_file_of_thousands_of_problems_lists_fifty(tmp_path: Path) -> None:
    path = tmp_path / "keys.yaml"
    path.write_text("eftgraph: 1\nid: x\npartners: [{id: a, name: A}]\n" + "k: v\n" * 5000, encoding="utf-8")
    with pytest.raises(CaseFileError) as caught:
        load(path)
    problems = caught.value.problems
    assert len(problems) == 51
    assert problems[-1].message == f"… and {4999 - 50} more problems"  # the first k is no duplicate


def test_an_error_a_command_lets_through_still_ends_cleanly(monkeypatch: pytest.MonkeyPatch) -> None:
    from eftgraph.cli import _check
    from eftgraph.errors import RenderError

    def broken(args: object) -> int:
        raise RenderError("the renderer fell over")

    monkeypatch.setattr(_check, "run", broken)
    status, _, err, _ = run(["check", str(EXAMPLE)])
    assert (status, err) == (1, "eftgraph: the renderer fell over\n")
