"""The ``eftgraph render`` command: files, standard output, options and exit codes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from eftgraph.cli import main
from eftgraph.figures import _render
from tests.figures_support import needs_embedded, node_texts, png_size

NL = "examples/janine-mathijs.yaml"


@needs_embedded
def test_the_readme_command_works_without_system_graphviz(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``eftgraph render examples/janine-mathijs.yaml -o janine-mathijs.svg`` with only pip packages."""
    monkeypatch.setattr(_render, "find_system", lambda: None)
    shutil.copytree("examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    assert main(["render", "examples/janine-mathijs.yaml", "-o", "janine-mathijs.svg"]) == 0
    svg = (tmp_path / "janine-mathijs.svg").read_bytes()
    assert b"graphviz-pure" in svg
    assert any("Janine" in " ".join(lines) for lines in node_texts(svg).values())
    assert capsys.readouterr().out == "wrote janine-mathijs.svg\n"


def test_options_reach_the_figure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "compare.dot"
    status = main(
        [
            "render",
            NL,
            "-o",
            str(target),
            "--view",
            "compare",
            "--language",
            "en",
            "--theme",
            "print",
            "--highlight",
            "strongest",
        ]
    )
    assert status == 0
    dot = target.read_text(encoding="utf-8")
    assert "everyday cycle" in dot and "sexual cycle" in dot
    assert "the strongest negative loop" in dot
    assert "#D55E00" not in dot  # print theme: no colour


def test_domain_option(tmp_path: Path) -> None:
    target = tmp_path / "sexual.dot"
    assert main(["render", NL, "-o", str(target), "--domain", "sexual"]) == 0
    assert "seksuele cirkel" in target.read_text(encoding="utf-8")
    both = tmp_path / "both.dot"
    assert (
        main(
            ["render", NL, "-o", str(both), "--view", "compare", "--domain", "sexual", "--domain", "everyday"]
        )
        == 0
    )
    text = both.read_text(encoding="utf-8")
    first = text[text.index("subgraph cluster_d0") : text.index("subgraph cluster_d1")]
    assert "seksuele cirkel</B>" in first and "dagelijkse cirkel</B>" not in first


@pytest.mark.parametrize("renderer", ["auto", "embedded"])
def test_standard_output(capfdbinary: pytest.CaptureFixture[bytes], renderer: str) -> None:
    if _render.find_embedded() is None and renderer == "embedded":
        pytest.skip("graphviz-pure is not installed")
    assert main(["render", NL, "-o", "-", "--to", "png", "--renderer", renderer]) == 0
    out = capfdbinary.readouterr().out
    assert png_size(out)[0] > 500
    assert main(["render", NL, "-o", "-"]) == 0
    assert capfdbinary.readouterr().out.lstrip().startswith(b"<?xml")


def test_refuses_to_overwrite_the_case_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = tmp_path / "case.yaml"
    shutil.copy(NL, case)
    before = case.read_bytes()
    assert main(["render", str(case), "-o", str(case), "--to", "svg"]) == 2
    assert case.read_bytes() == before
    assert "the output names an input file" in capsys.readouterr().err


def test_unknown_domain_fails_with_a_suggestion(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", NL, "-o", str(tmp_path / "x.svg"), "--domain", "sexul"]) == 1
    err = capsys.readouterr().err
    assert "janine-mathijs.yaml" in err and "did you mean 'sexual'" in err
    assert list(tmp_path.iterdir()) == []


def test_an_invalid_case_file_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("eftgraph: 1\nid: x\npartners: [{id: a, name: Ann}]\ncolour: red\n", encoding="utf-8")
    assert main(["render", str(bad), "-o", str(tmp_path / "x.svg")]) == 1
    assert "unknown key 'colour'" in capsys.readouterr().err
    assert not (tmp_path / "x.svg").exists()


def test_pdf_without_system_graphviz_fails_cleanly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(_render, "find_system", lambda: None)
    assert main(["render", NL, "-o", str(tmp_path / "x.pdf")]) == 1
    err = capsys.readouterr().err
    assert "PDF needs the system Graphviz" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "argv",
    [
        ["render", NL],
        ["render", NL, "-o", "x.svg", "--theme", "dark"],
        ["render", NL, "-o", "x.svg", "--view", "grid"],
        ["render", NL, "-o", "x.svg", "--renderer", "cairo"],
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2
    assert "usage:" in capsys.readouterr().err
