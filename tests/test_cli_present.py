"""``eftgraph slides`` and ``eftgraph handout``: what they write, and their usage errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from eftgraph.cli import main

NL = "examples/janine-mathijs.yaml"
EN = "examples/janine-mathijs.en.yaml"


def test_handout_writes_the_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sheet.html"
    assert main(["handout", NL, "-o", str(out), "--language", "en"]) == 0
    assert capsys.readouterr().out == f"wrote {out}\n"
    page = out.read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "Your cycle" in page


def test_handout_to_standard_output_another_cycle(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["handout", NL, "-o", "-", "--domain", "sexual"]) == 0
    assert "in jullie seksuele relatie" in capsys.readouterr().out


def test_handout_concerns_only_when_asked(tmp_path: Path) -> None:
    out = tmp_path / "sheet.html"
    assert main(["handout", "examples/family-morgan.yaml", "-o", str(out)]) == 0
    assert "low mood" not in out.read_text(encoding="utf-8")
    assert main(["handout", "examples/family-morgan.yaml", "-o", str(out), "--concerns"]) == 0
    assert "low mood" in out.read_text(encoding="utf-8")


def test_an_unknown_domain_names_the_file_and_the_nearest(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["handout", NL, "-o", "-", "--domain", "sexuel"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("eftgraph: examples/janine-mathijs.yaml: unknown domain 'sexuel'")
    assert "did you mean 'sexual'?" in err


@pytest.mark.parametrize(("command", "name"), [("handout", "sheet.pdf"), ("slides", "deck.ppt")])
def test_a_wrong_suffix_is_a_usage_error(
    command: str, name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([command, NL, "-o", str(tmp_path / name)]) == 2
    assert f"eftgraph {command}: error:" in capsys.readouterr().err
    assert not (tmp_path / name).exists()


def test_slides_writes_a_deck(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pptx = pytest.importorskip("pptx", reason="python-pptx is not installed (pip install 'eftgraph[slides]')")
    out = tmp_path / "deck.pptx"
    assert main(["slides", EN, "-o", str(out), "--language", "nl", "--theme", "print"]) == 0
    assert capsys.readouterr().out == f"wrote {out}\n"
    deck = pptx.Presentation(out)
    assert len(deck.slides) == 15
    texts = [shape.text_frame.text for shape in deck.slides[0].shapes if shape.has_text_frame]
    assert (
        "Casusconceptualisatie volgens EFT\nDe cirkel in het dagelijks leven en de seksuele cirkel" in texts
    )


def test_slides_without_python_pptx_says_how_to_get_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pptx", None)  # an import of pptx now fails
    out = tmp_path / "deck.pptx"
    assert main(["slides", EN, "-o", str(out)]) == 1
    assert "pip install 'eftgraph[slides]'" in capsys.readouterr().err
    assert not out.exists()
