"""``eftgraph batch``: discovery, output names, the worker pool, progress, failures, exit status."""

from __future__ import annotations

import io
import json
import multiprocessing
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from eftgraph import dump
from eftgraph._batch import output_stems, run_batch
from eftgraph._batch_progress import Progress, progress_mode
from eftgraph._batch_work import Outcome, Task, work
from eftgraph._discover import discover
from eftgraph._synthetic import synthetic_case
from eftgraph.cli import main
from eftgraph.errors import OptionError, OutputError

BROKEN_YAML = "eftgraph: 1\nid: broken\npartners: [{id: a, name: Ann}]\ncolour: red\n"
BROKEN_JSON = '{"eftgraph": 1, "id": '


def _write_cases(folder: Path, count: int) -> list[Path]:
    """*count* synthetic cases of different sizes in two sub-folders, sharing file names."""
    written = []
    for i in range(count):
        case = synthetic_case(
            partners=2 + i % 3,
            domains=("everyday", "sexual", "caregiving")[: 1 + i % 3],
            slots=("perception", "secondary", "primary", "need")[: 1 + i % 4],
            seed=i,
            case_id=f"case-{i}",
        )
        path = folder / ("left" if i % 2 else "right") / f"case-{i // 2:03d}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        dump(case, path)
        written.append(path)
    return written


@pytest.fixture(scope="module")
def big_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """200 generated cases plus two broken files."""
    folder = tmp_path_factory.mktemp("cases")
    _write_cases(folder, 200)
    (folder / "left" / "broken.yaml").write_text(BROKEN_YAML, encoding="utf-8")
    (folder / "broken.json").write_text(BROKEN_JSON, encoding="utf-8")
    return folder


@pytest.fixture
def small_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "small"
    _write_cases(folder, 5)
    return folder


# --------------------------------------------------------------------------- the 200


def test_batch_of_200_with_two_broken(
    big_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "figures"
    status = main(["batch", str(big_folder), "--out", str(out), "--progress", "lines", "--jobs", "2"])
    captured = capsys.readouterr()
    assert status == 1
    figures = sorted(out.rglob("*.svg"))
    assert len(figures) == 200
    assert {p.parent.name for p in figures} == {"left", "right"}  # same names, kept apart
    assert all(b"<svg" in p.read_bytes()[:2000] for p in figures[::20])
    assert not list(out.rglob("*.tmp"))
    progress = [line for line in captured.err.splitlines() if line.startswith("[")]
    assert len(progress) == 202
    assert progress[-1].startswith("[202/202] ")
    assert sum(line.endswith(": failed") for line in progress) == 2
    failures = [line for line in captured.err.splitlines() if not line.startswith("[")]
    assert failures == [
        f"{big_folder / 'broken.json'}: 1:23: not valid JSON: Expecting value",
        f"{big_folder / 'left' / 'broken.yaml'}: 4:1: colour: unknown key 'colour' (allowed: concerns, "
        "cycles, domains, eftgraph, elements, id, language, links, partners, positions, sessions, title)",
    ]
    summary = captured.out.strip()
    assert re.fullmatch(
        rf"rendered 200 of 202 files \(200 figures\) into {re.escape(str(out))} in [0-9.]+ s "
        r"with 2 processes; 2 failed",
        summary,
    ), summary


def test_batch_json_is_stable_and_complete(small_folder: Path, tmp_path: Path) -> None:
    (small_folder / "bad.toml").write_text("eftgraph = [", encoding="utf-8")
    texts = []
    for jobs in ("1", "2"):
        result = subprocess.run(
            [sys.executable, "-m", "eftgraph", "batch", str(small_folder), "-o", str(tmp_path / "o"),
             "--to", "dot,svg", "-j", jobs, "--format", "json"],
            capture_output=True, text=True, check=False, timeout=120,
        )  # fmt: skip
        assert result.returncode == 1
        texts.append(result.stdout)
    assert texts[0] == texts[1]
    report = json.loads(texts[0])
    assert list(report) == ["out", "formats", "files", "rendered", "failed", "results"]
    assert (report["files"], report["rendered"], report["failed"]) == (6, 5, 1)
    assert report["formats"] == ["dot", "svg"]
    bad = [r for r in report["results"] if not r["ok"]]
    assert [Path(r["file"]).name for r in bad] == ["bad.toml"]
    assert bad[0]["written"] == []
    assert bad[0]["error"].startswith("not valid TOML")
    good = [r for r in report["results"] if r["ok"]]
    assert all(len(r["written"]) == 2 and r["error"] is None for r in good)
    assert all(Path(p).exists() for r in good for p in r["written"])


def test_parallel_and_serial_write_the_same_bytes(small_folder: Path, tmp_path: Path) -> None:
    serial = run_batch([small_folder], tmp_path / "one", formats=["dot"], jobs=1)
    parallel = run_batch([small_folder], tmp_path / "two", formats=["dot"], jobs=3)
    assert serial.jobs == 1
    assert parallel.jobs == 3
    assert [Path(p).relative_to(tmp_path / "one") for p in serial.written] == [
        Path(p).relative_to(tmp_path / "two") for p in parallel.written
    ]
    for a, b in zip(serial.written, parallel.written, strict=True):
        assert Path(a).read_bytes() == Path(b).read_bytes()


def test_a_file_that_cannot_be_drawn_fails_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    one = tmp_path / "one-domain.yaml"
    dump(synthetic_case(domains=("everyday",)), one)
    two = tmp_path / "two-domains.yaml"
    dump(synthetic_case(domains=("everyday", "sexual")), two)
    status = main(
        ["batch", str(one), str(two), "-o", str(tmp_path / "out"), "--view", "compare", "--to", "dot"]
    )
    captured = capsys.readouterr()
    assert status == 1
    assert (tmp_path / "out" / "two-domains.compare.dot").exists()
    assert not (tmp_path / "out" / "one-domain.compare.dot").exists()
    assert f"{one}: the compare view needs two domains" in captured.err


def test_all_good_exits_0(small_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["batch", str(small_folder / "*" / "*.yaml"), "-o", str(tmp_path / "o"), "--to", "dot"]) == 0
    assert "rendered 5 of 5 files (5 figures)" in capsys.readouterr().out


# --------------------------------------------------------------------------- progress


def test_bar_when_forced(small_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["batch", str(small_folder), "-o", str(tmp_path / "o"), "--to", "dot", "--progress", "bar"])
    err = capsys.readouterr().err
    assert "\r" in err
    assert "5/5 100%" in err
    assert "[1/5]" not in err
    assert err.endswith("\n")


def test_progress_mode_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EFTGRAPH_PROGRESS", "bar")
    assert progress_mode(None, io.StringIO()) == "bar"
    assert progress_mode("none", io.StringIO()) == "none"
    monkeypatch.setenv("EFTGRAPH_PROGRESS", "fancy")
    with pytest.raises(OptionError, match="unknown progress mode 'fancy'"):
        progress_mode(None, io.StringIO())


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_bar_on_a_real_terminal(small_folder: Path, tmp_path: Path) -> None:
    import pty

    leader, follower = pty.openpty()
    try:
        environment = {k: v for k, v in os.environ.items() if k != "EFTGRAPH_PROGRESS"}
        result = subprocess.run(
            [sys.executable, "-m", "eftgraph", "batch", str(small_folder), "-o", str(tmp_path / "o"), "--to", "dot"],
            stdout=subprocess.PIPE, stderr=follower, check=False, timeout=120, env=environment,
        )  # fmt: skip
        os.close(follower)
        follower = -1
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal is closed and drained
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        if follower != -1:
            os.close(follower)
        os.close(leader)
    err = b"".join(chunks).decode("utf-8", "replace")
    assert result.returncode == 0
    assert "\r" in err
    assert "5/5 100%" in err
    assert "[1/5]" not in err


def test_progress_lines_and_bar_text() -> None:
    stream = io.StringIO()
    progress = Progress(3, stream, "bar", interval=0)
    progress.update(Outcome(0, "a.yaml", ("a.svg",)))
    progress.update(Outcome(1, "b.yaml", error="bad"))
    progress.update(Outcome(2, "c.yaml", ("c.svg",)))
    progress.close()
    frames = stream.getvalue().split("\r")[1:]
    assert len(frames) == 5  # the empty bar, three updates, the close
    assert "0/3   0%" in frames[0]
    assert "2/3  67%  1 failed" in frames[2]
    assert frames[-1].rstrip("\n").endswith("3/3 100%  1 failed\x1b[K")
    with pytest.raises(OptionError, match="unknown progress mode"):
        Progress(1, stream, "auto")


# --------------------------------------------------------------------------- discovery and names


def test_discover_folders_patterns_and_files(tmp_path: Path) -> None:
    (tmp_path / "a" / "deep").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    for name in ("a/x.yaml", "a/deep/y.json", "a/deep/z.toml", "a/notes.txt", ".hidden/h.yaml", "a/.h.yml"):
        (tmp_path / name).write_text("", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    files, missing = discover([tmp_path / "a", str(tmp_path / "a" / "*.yaml"), tmp_path / "a" / "notes.txt"])
    assert [p.relative_to(tmp_path).as_posix() for p in files] == [
        "a/deep/y.json",
        "a/deep/z.toml",
        "a/x.yaml",
        "a/notes.txt",
    ]
    assert missing == []
    files, missing = discover(
        [str(tmp_path / "**" / "*.toml"), str(tmp_path / "*.csv"), tmp_path / "empty", "nope"]
    )
    assert [p.name for p in files] == ["z.toml"]
    assert missing == [
        (str(tmp_path / "*.csv"), "no case file matches this pattern"),
        (str(tmp_path / "empty"), "no case files in this folder"),
        ("nope", "no such file or folder"),
    ]


def test_output_names_never_collide() -> None:
    inputs = ["c/a/x.yaml", "c/b/x.yaml", "c/b/x.json", "c/b/X.yaml", "c/b/x.yaml.yaml", "c/y.yml"]
    stems = [p.as_posix() for p in output_stems(inputs, "out")]
    assert stems == ["out/a/x", "out/b/x.yaml", "out/b/x.json", "out/b/X.yaml-2", "out/b/x.yaml-3", "out/y"]
    assert len({s.casefold() for s in stems}) == len(stems)
    assert [p.as_posix() for p in output_stems(["one/k.yaml", "two/k.yaml"], "o", view="compare")] == [
        "o/one/k.compare",
        "o/two/k.compare",
    ]
    assert output_stems([], "out") == []


def test_same_name_in_two_folders_named_on_the_command_line(tmp_path: Path) -> None:
    for folder in ("first", "second"):
        (tmp_path / folder).mkdir()
        dump(synthetic_case(case_id=folder), tmp_path / folder / "couple.yaml")
    report = run_batch(
        [tmp_path / "first" / "couple.yaml", tmp_path / "second"], tmp_path / "out", formats=["dot"]
    )
    assert sorted(Path(p).relative_to(tmp_path / "out").as_posix() for p in report.written) == [
        "first/couple.dot",
        "second/couple.dot",
    ]


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--to", "svg,jpg"], "unknown figure format 'jpg'"),
        (
            ["--view", "cycel"],
            "unknown view 'cycel' (allowed: cycle, compare, timeline, course); did you mean 'cycle'?",
        ),
        (["--theme", "prnt"], "unknown theme 'prnt'"),
        (["--jobs", "0"], "must be a whole number of at least 1"),
        (["--progress", "loud"], "invalid choice: 'loud'"),
    ],
)
def test_usage_errors_exit_2(
    option: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    try:
        status = main(["batch", "examples", "-o", str(tmp_path / "o"), *option])
    except SystemExit as exit:
        status = int(exit.code or 0)
    assert status == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_nothing_found_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["batch", str(tmp_path / "none*.yaml"), "-o", str(tmp_path / "o")]) == 1
    err = capsys.readouterr().err
    assert err.endswith(f"{tmp_path / 'none*.yaml'}: no case file matches this pattern\n")


def test_output_folder_that_is_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "o").write_text("", encoding="utf-8")
    assert main(["batch", "examples", "-o", str(tmp_path / "o")]) == 1
    assert "the output folder is a file" in capsys.readouterr().err


def test_an_output_equal_to_an_input_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "couple.dot"  # an odd name for a case file, but named explicitly
    source.write_text("eftgraph: 1\n", encoding="utf-8")
    report = run_batch([source], tmp_path, formats=["dot"])
    assert [o.error for o in report.outcomes] == [
        f"{source}: the output names an input file; eftgraph never writes over its input"
    ]
    assert source.read_text(encoding="utf-8") == "eftgraph: 1\n"


def test_a_broken_figure_option_is_an_outcome_not_a_crash(tmp_path: Path) -> None:
    dump(synthetic_case(), tmp_path / "c.yaml")
    task = Task(0, str(tmp_path / "c.yaml"), ((str(tmp_path / "c.dot"), "dot"),), (("view", "nope"),), "auto")
    outcome = work(task)
    assert outcome.error is not None
    assert outcome.error.startswith("unknown view 'nope'")
    assert not (tmp_path / "c.dot").exists()


def _crash_on_bad(task: Task) -> Outcome:
    if "crash" in task.file:
        os._exit(3)
    return work(task)


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_a_worker_that_dies_fails_only_its_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import eftgraph._batch_work

    monkeypatch.setattr(eftgraph._batch_work, "work", _crash_on_bad)
    for name in ("a", "b", "crash", "d", "e"):
        dump(synthetic_case(case_id=name), tmp_path / f"{name}.yaml")
    report = run_batch([tmp_path], tmp_path / "out", formats=["dot"], jobs=2)
    assert [(Path(o.file).stem, o.error) for o in report.failures] == [
        ("crash", "the worker process stopped while drawing this file")
    ]
    assert len(report.written) == 4


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"formats": ["svg", "jpeg"]}, "unknown figure format 'jpeg' (allowed: svg, png, pdf, dot)"),
        ({"formats": []}, "no figure format given (allowed: svg, png, pdf, dot)"),
        ({"jobs": 0}, "jobs must be at least 1 (got 0)"),
        (
            {"progress": "bars"},
            "unknown progress mode 'bars' (allowed: auto, bar, lines, none); did you mean 'bar'?",
        ),
    ],
)
def test_run_batch_raises_an_option_error(options: dict[str, object], message: str, tmp_path: Path) -> None:
    with pytest.raises(OptionError) as caught:
        run_batch(["examples"], tmp_path / "o", **options)  # type: ignore[arg-type]
    assert str(caught.value) == message
    assert not (tmp_path / "o").exists()


def test_run_batch_raises_an_output_error_for_a_file(tmp_path: Path) -> None:
    (tmp_path / "o").write_text("", encoding="utf-8")
    with pytest.raises(OutputError, match="the output folder is a file"):
        run_batch(["examples"], tmp_path / "o", formats=["dot"])


def test_an_output_that_is_a_hard_link_to_an_input_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "cases" / "couple.yaml"
    source.parent.mkdir()
    dump(synthetic_case(), source)
    (tmp_path / "out").mkdir()
    os.link(source, tmp_path / "out" / "couple.dot")
    report = run_batch([source], tmp_path / "out", formats=["dot"], jobs=1)
    assert [o.error for o in report.outcomes] == [
        f"{tmp_path / 'out' / 'couple.dot'}: the output names an input file; eftgraph never writes over its input"
    ]
    assert source.read_bytes() == (tmp_path / "out" / "couple.dot").read_bytes()
