"""Slide decks: the deck opens with python-pptx with the expected slides, notes and pictures."""

from __future__ import annotations

import io
import itertools
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from eftgraph import load, loads
from eftgraph.figures._steps import step_figures
from eftgraph.figures._theme import THEMES

pptx = pytest.importorskip("pptx", reason="python-pptx is not installed (pip install 'eftgraph[slides]')")

from eftgraph.figures import _deck, _slides  # noqa: E402 - after the skip: the deck needs python-pptx

SLIDE = 16 / 9


@pytest.fixture(scope="module")
def low_dpi() -> Iterator[None]:
    """Figures at a low resolution: the tests look at the deck's structure, not at sharpness."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_slides, "DPI", 36)
        yield


@pytest.fixture(scope="module")
def nl_deck(low_dpi: None, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("deck") / "janine-mathijs.pptx"
    return _slides.slides(load("examples/janine-mathijs.yaml"), path)


def pictures(slide: object) -> list[object]:
    return [shape for shape in slide.shapes if shape.shape_type == pptx.enum.shapes.MSO_SHAPE_TYPE.PICTURE]  # type: ignore[attr-defined]


def texts(slide: object) -> str:
    return " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)  # type: ignore[attr-defined]


def test_the_deck_has_title_cycles_compare_steps_and_underneath(nl_deck: Path) -> None:
    deck = pptx.Presentation(nl_deck)
    assert deck.slide_width / deck.slide_height == pytest.approx(SLIDE, rel=1e-3)
    slides = list(deck.slides)
    assert len(slides) == 1 + 2 + 1 + 10 + 1
    assert "Janine & Mathijs" in texts(slides[0])
    assert "Casusconceptualisatie volgens EFT" in texts(slides[0])
    assert "De cirkel in het dagelijks leven en de seksuele cirkel" in texts(slides[0])
    assert [len(pictures(s)) for s in slides] == [0] + [1] * 13 + [0]
    assert ", stap voor stap (1 van 10)" in texts(slides[4])
    assert ", stap voor stap (10 van 10)" in texts(slides[13])
    closing = texts(slides[14])
    assert "Gehechtheidsbehoefte: gezien en gehoord worden" in closing
    assert "De cirkel is de vijand, niet de partner." in closing


def test_every_slide_has_speaker_notes_with_the_narrative(nl_deck: Path) -> None:
    slides = list(pptx.Presentation(nl_deck).slides)
    notes = [s.notes_slide.notes_text_frame.text for s in slides]
    assert all(note.strip() for note in notes)
    assert notes[1].startswith("De cirkel in het dagelijks leven is een protestpolka")
    assert notes[3].startswith("In het dagelijks leven")
    assert notes[4].startswith("De cirkel in het dagelijks leven is een protestpolka")
    assert "Janine bekritiseert, verheft haar stem." in notes[4]
    assert "Mathijs hoort daarin: ‘Ik doe het nooit goed’" in notes[5]
    assert notes[6] == "Wat hij het meest vreest, is tekortschieten bij haar."
    assert "de cirkel gaat weer rond" in notes[13]
    assert "Wat Mathijs eigenlijk nodig heeft: goed genoeg zijn voor haar." in notes[13]


def test_pictures_fill_the_slide_and_keep_their_proportions(nl_deck: Path) -> None:
    deck = pptx.Presentation(nl_deck)
    for slide in deck.slides:
        for picture in pictures(slide):
            width, height = _deck.png_size(picture.image.blob)  # type: ignore[attr-defined]
            assert picture.width / picture.height == pytest.approx(width / height, rel=0.01)  # type: ignore[attr-defined]
            assert picture.left >= 0 and picture.left + picture.width <= deck.slide_width  # type: ignore[attr-defined]
            assert picture.top >= 0 and picture.top + picture.height <= deck.slide_height  # type: ignore[attr-defined]
            wide = picture.width / deck.slide_width > 0.6  # type: ignore[attr-defined]
            high = picture.height / deck.slide_height > 0.6  # type: ignore[attr-defined]
            assert wide or high


def test_the_deck_is_the_same_bytes_every_time(low_dpi: None) -> None:
    plan = _slides.deck_plan(load("examples/janine-mathijs.en.yaml"))
    first, second = _deck.deck_bytes(plan), _deck.deck_bytes(plan)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_the_english_plan_tells_the_round_in_english(low_dpi: None) -> None:
    plan = _slides.deck_plan(load("examples/janine-mathijs.en.yaml"), theme="print")
    steps = [s for s in plan if s.kind == "step"]
    assert steps[0].title == "The everyday cycle, step by step (1 of 10)"
    assert steps[0].caption == "Janine criticises, raises her voice."
    assert (
        steps[1].caption == "When Janine criticises, raises her voice, Mathijs hears: “I never do it right”."
    )
    assert plan[0].caption == "EFT case formulation\nThe everyday cycle and the sexual cycle"


def test_a_case_with_no_negative_loop_gets_no_step_slides(low_dpi: None) -> None:
    case = loads(
        """
eftgraph: 1
id: secure
partners: [{id: a, name: Ann}, {id: b, name: Bo}]
cycles:
  everyday:
    a: {stance: reach, behavior: tells him she misses him}
    b: {stance: respond, behavior: holds her}
"""
    )
    plan = _slides.deck_plan(case)
    assert [s.kind for s in plan] == ["title", "cycle", "underneath"]


def test_step_figures_add_one_element_each_and_fade_the_rest() -> None:
    case = load("examples/janine-mathijs.en.yaml")
    steps = step_figures(case, "sexual", theme="default")
    assert [len(s.elements) for s in steps] == list(range(1, 9))
    assert steps[0].added == "sexual.mathijs.behavior"  # the pursuer in this cycle
    nodes = {e.id: f"e{i}" for i, e in enumerate(case.elements)}
    faded = [line for line in steps[2].figure.body if 'fontcolor="#A6A6A6"' in line]
    shown = set(steps[2].elements)
    expected = {nodes[e.id] for e in case.elements_in("sexual") if e.id not in shown}
    assert {line.split()[0] for line in faded} == expected | {
        "g0"
    }  # g0: the everyday element a link leads to
    last = [line.split()[0] for line in steps[-1].figure.body if "#A6A6A6" in line]
    assert not {nodes[e] for e in steps[-1].elements} & set(last)
    assert {nodes[e] for e in steps[-1].elements} & {line.split()[0] for line in faded}


@pytest.mark.parametrize(
    ("path", "domain"),
    [
        ("examples/janine-mathijs.en.yaml", "everyday"),
        ("examples/janine-mathijs.en.yaml", "sexual"),
        ("examples/family-morgan.yaml", "everyday"),
    ],
)
def test_each_step_highlights_exactly_the_path_walked_so_far(path: str, domain: str) -> None:
    case = load(path)
    nodes = {e.id: f"e{i}" for i, e in enumerate(case.elements)}
    highlight = THEMES["slide"].highlight_colour
    for step in step_figures(case, domain):
        walked = [nodes[e] for e in step.elements]
        closing = [walked[-1], walked[0]] if step.elements == step.loop else []
        expected = set(itertools.pairwise(walked + closing[1:]))
        heavy = {
            (line.split()[0], line.split()[2])
            for line in step.figure.body
            if " -> " in line and f'color="{highlight}"' in line
        }
        assert heavy == expected, step.added  # never a link back to the start before the end
        boxes = {
            line.split()[0]
            for line in step.figure.body
            if f'color="{highlight}"' in line and "->" not in line
        }
        assert boxes == set(walked)


def test_a_partial_step_never_highlights_a_link_back_to_the_start() -> None:
    # Mathijs's perception also sets off Janine's criticism directly: a link from the second
    # element of the round back to the first, which a step of two must not draw heavy.
    text = Path("examples/janine-mathijs.en.yaml").read_text(encoding="utf-8")
    extra = "  - {from: everyday.mathijs.perception, to: everyday.janine.behavior}\n"
    case = loads(text.replace("links:\n", "links:\n" + extra))
    loop = step_figures(load("examples/janine-mathijs.en.yaml"), "everyday")[0].loop
    second = step_figures(case, "everyday", loop)[1]
    assert second.elements == ("everyday.janine.behavior", "everyday.mathijs.perception")
    nodes = {e.id: f"e{i}" for i, e in enumerate(case.elements)}
    back = [
        line
        for line in second.figure.body
        if line.split()[:3] == [nodes[second.elements[1]], "->", nodes[second.elements[0]]]
    ]
    assert back and THEMES["slide"].highlight_colour not in back[0]
    assert THEMES["slide"].faded_colour in back[0]


def test_import_eftgraph_does_not_import_pptx() -> None:
    code = "import sys, eftgraph; print('pptx' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
