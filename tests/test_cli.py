"""The command line: check, new, schema, --version, usage errors."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from eftgraph import __version__, load, loads
from eftgraph.cli import main
from tests.cli_support import EXAMPLE, READERS, argv, commands, output_option
from tests.cli_support import run as run_inside


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
    assert lines[0].startswith(
        "examples/janine-mathijs.yaml: in orde: 2 partners, 2 domeinen (everyday, sexual)"
    )
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
    # Editors (VS Code's YAML extension) read the schema from a local file the template names.
    assert text.splitlines()[0] == "# yaml-language-server: $schema=eftgraph.schema.json"
    assert "eftgraph schema -o eftgraph.schema.json" in text
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


# --- one rule for every command (docs/cli.md, "Rules every command follows") -------------------

# diff of one file compares it with a later formulation, a file beside it: standard input has no "beside"
STDIN_READERS = [name for name in READERS if name not in {"batch", "table", "diff"}]
"""Commands that read one case FILE, which may be '-' (batch and table read PATHS)."""


def test_check_reads_standard_input() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "eftgraph", "check", "-"],
        input=text,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("<stdin>: ok: 2 partners, 2 domains (everyday, sexual)")
    assert not Path("-").exists()


@pytest.mark.parametrize("fmt", ["json", "toml"])
def test_input_format_tells_the_format_of_standard_input(
    fmt: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from eftgraph import dumps

    data = dumps(load(EXAMPLE), fmt).encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["check", "--format", "json", "--input-format", fmt, "-"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["file"] == "<stdin>"


def test_problems_on_standard_input_name_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"eftgraph: 1\nid: x\npartners: 3\n")))
    assert main(["check", "-"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("<stdin>:") and "partners" in err


def test_standard_input_is_read_once(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "-", "-"]) == 2
    assert "standard input ('-') can be read only once" in capsys.readouterr().err


@pytest.mark.parametrize("command", STDIN_READERS)
def test_every_command_reads_a_case_from_standard_input(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(EXAMPLE.read_bytes())))
    suffix = {"render": ".svg", "anonymize": ".yaml", "slides": ".pptx", "handout": ".html"}.get(
        command, ".txt"
    )
    status, _, err, _ = run_inside(argv(command, Path("-"), tmp_path / f"out{suffix}"))
    assert status == 0, err
    assert "Traceback" not in err
    assert not Path("-").exists() and not (tmp_path / "-").exists()


def _stdout_of(args: list[str]) -> bytes:
    result = subprocess.run(
        [sys.executable, "-m", "eftgraph", *args], capture_output=True, check=False, timeout=120
    )
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout


def test_dash_output_is_standard_output(tmp_path: Path) -> None:
    """``-o -`` writes to standard output in every command that writes one file; never a file '-'."""
    anonymous = _stdout_of(["anonymize", str(EXAMPLE), "-o", "-"])
    assert b"Janine" not in anonymous and b"Partner A" in anonymous
    assert loads(anonymous, "yaml").partners[0].name == "Partner A"
    assert _stdout_of(["export", str(EXAMPLE), "--to", "mermaid", "-o", "-"]).startswith(b"flowchart")
    assert _stdout_of(["render", str(EXAMPLE), "-o", "-", "--to", "dot"]).startswith(b"digraph")
    assert _stdout_of(["new", "-"]).startswith(b"#")
    assert not Path("-").exists()


def test_anonymize_summary_goes_to_standard_error_when_the_case_goes_to_standard_output() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "eftgraph", "anonymize", str(EXAMPLE), "-o", "-"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0
    assert "wrote -: 2 partners renamed" in result.stderr
    assert "wrote" not in result.stdout


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (
            ["render", str(EXAMPLE.resolve()), "-o", "OUT.jpg"],
            "cannot tell the format from the suffix '.jpg'",
        ),
        (["anonymize", str(EXAMPLE.resolve()), "-o", "OUT.yamll"], "give the output a case-file suffix"),
        (["new", "OUT.txt"], "the template is YAML"),
    ],
)
def test_a_bad_output_suffix_is_a_usage_error(
    args: list[str], words: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    status, _, err, _ = run_inside(args)
    assert status == 2, err
    assert words in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", sorted(commands()))
def test_format_is_the_printed_output_format(command: str) -> None:
    """``--format`` means how the result is printed (text, or the table's CSV, or JSON) wherever it
    is; figure formats are ``--to``."""
    options = {o: a for a in commands()[command]._actions for o in a.option_strings}
    if "--format" in options:
        printed = ("csv", "json") if command == "table" else ("text", "json")
        assert tuple(options["--format"].choices or ()) == printed
    if command in {"render", "export", "batch"}:
        assert "--to" in options
    if output_option(command) is not None:
        assert "-o" in options


def test_no_command_module_imports_another() -> None:
    """Commands share what they need through lower modules (``_common``, ``_report``)."""
    import ast

    import eftgraph.cli

    folder = Path(eftgraph.cli.__file__).parent
    modules = {path.stem: path for path in folder.glob("_*.py") if path.stem != "__main__"}
    commands_ = {name for name, path in modules.items() if "def register(" in path.read_text("utf-8")}
    assert {"_check", "_render", "_loops"} <= commands_
    for name in sorted(modules):
        tree = ast.parse(modules[name].read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                target = node.module.rsplit(".", 1)[-1]
                if node.module.startswith("eftgraph.cli.") and target in commands_:
                    raise AssertionError(f"cli/{name}.py imports the command module {node.module}")
