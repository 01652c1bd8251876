"""The timeline (matplotlib) and the course view (DOT): content, themes, languages, determinism."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from typing import Any

import pytest

import eftgraph
from eftgraph._course import moments
from eftgraph._sessions import Marker, Measure, Session
from eftgraph.errors import FigureError, RenderError
from eftgraph.figures._course_view import course_view
from eftgraph.figures._render import pipe
from eftgraph.figures._timeline import timeline, timeline_bytes
from tests.course_support import EXAMPLES, example, with_sessions
from tests.figures_support import BOTH_RENDERERS, all_texts, node_texts, png_size

SVG = "{http://www.w3.org/2000/svg}"


def test_import_eftgraph_does_not_import_matplotlib() -> None:
    code = "import sys, eftgraph; print('matplotlib' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize("language", ["en", "nl"])
@pytest.mark.parametrize("theme", ["default", "print", "slide"])
def test_the_timeline_of_the_worked_example(language: str, theme: str) -> None:
    svg = timeline_bytes(example(language), "svg", language=language, theme=theme)
    texts = " ".join(t.text or "" for t in ET.fromstring(svg).iter(f"{SVG}text"))
    expected = {
        "en": [
            "course of therapy",
            "stage 1",
            "de-escalation",
            "bonding event",
            "everyday cycle",
            "cut-off 48",
            "RDAS score",
            "session",
        ],
        "nl": [
            "verloop van de therapie",
            "fase 1",
            "de-escalatie",
            "verbindend moment",
            "cirkel dagelijks leven",
            "afkappunt 48",
            "RDAS-score",
            "sessie",
        ],
    }[language]
    for word in expected:
        assert word in texts, word
    png = timeline_bytes(example(language), "png", language=language, theme=theme)
    width, height = png_size(png)
    assert width > 1200 and height > 800


def test_the_timeline_is_reproducible() -> None:
    assert timeline_bytes(example(), "svg") == timeline_bytes(example(), "svg")


def test_the_timeline_panels() -> None:
    figure = timeline(example())
    # ratings, markers, one panel per scale
    assert len(figure.axes) == 3
    ratings = figure.axes[0]
    assert [line.get_label() for line in ratings.get_lines()] == ["everyday cycle", "sexual cycle"]
    ydata: Any = ratings.get_lines()[0].get_ydata()
    assert [int(y) for y in ydata] == [
        8,
        8,
        7,
        6,
        4,
        3,
        2,
        3,
        2,
        2,
        2,
        2,
        2,
        3,
        1,
    ]


def test_a_timeline_of_two_hundred_sessions_renders() -> None:
    base = eftgraph.load(EXAMPLES / "janine-mathijs.en.yaml")
    sessions = [
        Session(
            n,
            stage=1 + (n > 70) + (n > 150),
            cycle={"everyday": max(0, 9 - n // 20), "sexual": max(0, 8 - n // 25)},
            markers=[Marker("enactment")] if n % 10 == 0 else [],
            measures=[Measure("rdas", "janine", 30 + n // 10)] if n % 20 == 1 else [],
        )
        for n in range(1, 201)
    ]
    png = timeline_bytes(with_sessions(base, sessions), "png")
    assert png_size(png)[0] > 1200


def test_a_timeline_without_matplotlib_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(RenderError, match=r'pip install "eftgraph\[timeline\]"'):
        timeline(example())


def test_a_bad_theme() -> None:
    with pytest.raises(FigureError, match="did you mean 'print'"):
        timeline(example(), theme="prnt")
    with pytest.raises(FigureError, match="did you mean 'print'"):
        course_view(example(), moments(example()), theme="prnt")


def test_the_course_view_keeps_one_layout() -> None:
    case = example()
    figure = course_view(case, moments(case), domain="sexual")
    source = figure.source
    assert source == course_view(case, moments(case), domain="sexual").source
    assert [f"subgraph cluster_m{i} {{" in source for i in range(4)] == [True, True, True, False]
    for element in ("sexual.janine.behavior", "sexual.mathijs.secondary"):
        assert all(f"m{i}__{element}" in source for i in range(3))
    assert "old dance" in source and "new dance" in source


@pytest.mark.parametrize("renderer", BOTH_RENDERERS)
def test_the_course_view_marks_new_and_fades_gone(renderer: str) -> None:
    case = example("nl")
    svg = pipe(
        course_view(case, moments(case), domain="sexual", language="nl").source, "svg", renderer=renderer
    )
    nodes = node_texts(svg)
    assert nodes["m2__sexual.janine.behavior"][-1] == "nieuw"
    assert "nieuw" not in nodes["m0__sexual.janine.behavior"]
    assert nodes["m2__sexual.mathijs.secondary"] == ["frustratie"]  # gone, drawn faded
    texts = all_texts(svg)
    assert "oude dans" in texts and "nieuwe dans" in texts and "verdwenen sinds de intake" in texts
    root = ET.fromstring(svg)
    faded = [
        g for g in root.iter(f"{SVG}g")
        if g.get("class") == "node" and (g.findtext(f"{SVG}title") or "") == "m2__sexual.mathijs.secondary"
    ]  # fmt: skip
    assert any("stroke-dasharray" in ET.tostring(g, encoding="unicode") for g in faded)


def test_the_course_view_names_the_domain_and_moments() -> None:
    case = example()
    with pytest.raises(FigureError, match=r"unknown domain 'sexuall'.*did you mean 'sexual'"):
        course_view(case, moments(case), domain="sexuall")
    with pytest.raises(FigureError, match="two or more moments"):
        course_view(case, moments(case)[:1])
    everyday = course_view(case, moments(case)).source
    assert "the everyday cycle over time" in everyday
    assert "old dance, now damped" in everyday


def test_to_dot_course_view_default_and_chosen_sessions() -> None:
    case = example()
    default = eftgraph.to_dot(case, view="course", domain="sexual").source
    assert [f"subgraph cluster_m{i} {{" in default for i in range(3)] == [True, True, False]
    assert "intake" in default and "from session 14" in default and "from session 9" not in default
    chosen = eftgraph.to_dot(case, view="course", domain="sexual", sessions=[3, 9, 15]).source
    assert [f"subgraph cluster_m{i} {{" in chosen for i in range(4)] == [True, True, True, False]
    assert "from session 9" in chosen
    with pytest.raises(FigureError, match="the timeline is a chart"):
        eftgraph.to_dot(case, view="timeline")


def test_the_course_legend_explains_only_the_marks_drawn() -> None:
    case = example()
    everyday = eftgraph.to_dot(case, view="course", domain="everyday", theme="print").source
    # nothing is new in the everyday cycle: in print a "new" sample would look like every behaviour's box
    assert "new since the intake" not in everyday
    assert "gone since the intake" in everyday and "unchanged" in everyday and "dampens" in everyday
    sexual = eftgraph.to_dot(case, view="course", domain="sexual").source
    assert "new since the intake" in sexual and "gone since the intake" in sexual
    assert "dampens" not in sexual
    same = eftgraph.to_dot(case, view="course", domain="sexual", sessions=[3, 4]).source
    assert "since the intake" not in same and "since session" not in same  # no change: no legend at all


def test_the_dutch_course_view_is_titled_as_a_clinician_would() -> None:
    dutch = eftgraph.to_dot(example("nl"), view="course", domain="sexual").source
    assert "de seksuele cirkel in de loop van de therapie" in dutch
