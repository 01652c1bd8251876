"""The couple's handout: valid self-contained HTML, plain words, one A4 page in a real browser."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from eftgraph import UnknownDomainError, load
from eftgraph.errors import OutputError
from eftgraph.figures._handout import JARGON, handout, handout_html

CASES = [
    ("examples/janine-mathijs.yaml", None),
    ("examples/janine-mathijs.en.yaml", None),
    ("examples/janine-mathijs.yaml", "en"),
    ("examples/family-morgan.yaml", None),
    ("examples/family-morgan.yaml", "nl"),
]
IDS = ["jm-nl", "jm-en", "jm-nl-as-en", "family-en", "family-nl"]
VOID = {"meta", "br", "hr", "img", "input", "link"}
A4 = (595.28, 841.89)
"""An A4 page in PostScript points."""


class _Checker(HTMLParser):
    """Collects the text and checks that every element outside the SVG is closed in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.text: list[str] = []
        self.problems: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes.extend(attrs)
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes.extend(attrs)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.open[-1:] or 'nothing'}")
        else:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        if not self.open or self.open[-1] not in {"style", "title"}:
            self.text.append(data)


def check(page: str) -> _Checker:
    checker = _Checker()
    checker.feed(page)
    checker.close()
    return checker


@pytest.mark.parametrize(("path", "language"), CASES, ids=IDS)
def test_the_page_is_valid_html_with_a_well_formed_svg(path: str, language: str | None) -> None:
    page = handout_html(load(path), language=language)
    assert page.startswith("<!DOCTYPE html>\n<html lang=")
    checker = check(page)
    assert checker.problems == [] and checker.open == []
    svg = re.search(r"<svg.*?</svg>", page, re.S)
    assert svg is not None
    root = ET.fromstring(svg.group(0))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert len(root.findall(".//{http://www.w3.org/2000/svg}rect")) >= 4


@pytest.mark.parametrize(("path", "language"), CASES, ids=IDS)
def test_the_page_fetches_nothing(path: str, language: str | None) -> None:
    page = handout_html(load(path), language=language)
    outside = page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert not re.search(r"https?:|//[a-z]|@import|<script|<link|<img|src=", outside, re.I)
    assert re.findall(r"url\(([^)]*)\)", page) == ["#arrow"] * page.count("url(")
    names = {name for name, _ in check(page).attributes}
    assert not names & {"src", "href", "xlink:href", "srcset", "action"}


@pytest.mark.parametrize(("path", "language"), CASES, ids=IDS)
def test_the_page_holds_no_jargon(path: str, language: str | None) -> None:
    case = load(path)
    lang = language or case.language.value
    words = " ".join(check(handout_html(case, language=language)).text).lower()
    for term in JARGON[lang]:
        assert not re.search(rf"\b{re.escape(term)}", words), term


def test_the_page_speaks_to_the_couple() -> None:
    nl = " ".join(check(handout_html(load("examples/janine-mathijs.yaml"))).text)
    assert "Jullie cirkel" in nl and "De cirkel is de vijand, niet je partner." in nl
    assert re.search(r"\bjullie\b", nl) and re.search(r"\bjou\b", nl)
    assert "Waar Janine naar verlangt" in nl and "gezien en gehoord worden" in nl
    assert "‘ik doe het nooit goed’" in nl
    en = " ".join(check(handout_html(load("examples/janine-mathijs.en.yaml"))).text)
    assert "Your cycle" in en and "The cycle is the enemy, not your partner." in en
    assert "What Mathijs feels deep down" in en and "shame, feeling a failure" in en


def test_concerns_only_when_asked() -> None:
    case = load("examples/family-morgan.yaml")
    assert "low mood" not in handout_html(case)
    assert "Tom's low mood since he lost his job" in html.unescape(handout_html(case, concerns=True))


def test_no_names_but_the_partners() -> None:
    case = load("examples/janine-mathijs.en.yaml")
    text = " ".join(check(handout_html(case)).text)
    capitalised = set(re.findall(r"\b[A-Z][a-z]+\b", text))
    allowed = {
        "Janine",
        "Mathijs",
        "Your",
        "When",
        "What",
        "And",
        "The",
        "Together",
        "It",
        "Notes",
        "Underneath",
        "I",
        "He",
    }
    assert capitalised <= allowed


def test_another_cycle_and_a_wrong_one() -> None:
    case = load("examples/janine-mathijs.yaml")
    assert "in jullie seksuele relatie" in handout_html(case, domain="sexual")
    with pytest.raises(UnknownDomainError, match="did you mean 'sexual'"):
        handout_html(case, domain="sexuel")


def test_the_same_bytes_every_time_and_the_input_is_never_overwritten(tmp_path: Path) -> None:
    case = load("examples/janine-mathijs.yaml")
    first = handout(case, tmp_path / "a.html").read_bytes()
    assert first == handout(case, tmp_path / "b.html").read_bytes()
    source = tmp_path / "case.yaml"
    source.write_text("eftgraph: 1\n", encoding="utf-8")
    with pytest.raises(OutputError, match="names an input file"):
        handout(case, source, inputs=[source])
    assert source.read_text(encoding="utf-8") == "eftgraph: 1\n"


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.mark.skipif(
    _chromium() is None, reason="no headless chromium here (apt-get install chromium) to print the page"
)
@pytest.mark.parametrize(("path", "language"), CASES[:2] + CASES[3:4], ids=IDS[:2] + IDS[3:4])
def test_the_page_prints_to_one_a4_page(path: str, language: str | None, tmp_path: Path) -> None:
    page = handout(load(path), tmp_path / "sheet.html", language=language)
    pdf = tmp_path / "sheet.pdf"
    browser = _chromium()
    assert browser is not None
    subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--user-data-dir={tmp_path / 'profile'}", f"--print-to-pdf={pdf}", page.as_uri()],
        capture_output=True, timeout=120, check=True,
    )  # fmt: skip
    data = pdf.read_bytes()
    assert len(re.findall(rb"/Type\s*/Page\b", data)) == 1
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    assert boxes and all((float(w), float(h)) == pytest.approx(A4, abs=1) for w, h in boxes)
