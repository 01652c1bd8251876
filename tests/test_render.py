"""render and pipe: real renders with both renderers, SVG parsed, PNG measured, errors without files."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import eftgraph._display as _display
from eftgraph import Case, Element, Language, Link, Partner, RenderError, Sheet, load, render, to_dot
from eftgraph.figures import _render, pipe
from eftgraph.figures._text import words
from eftgraph.figures._words import Words
from tests.figures_support import (
    BOTH_RENDERERS,
    all_texts,
    needs_embedded,
    needs_system,
    node_texts,
    png_size,
    words_of,
)

EXAMPLES = ["examples/janine-mathijs.yaml", "examples/janine-mathijs.en.yaml"]


def element_node(case: Case, element_id: str) -> str:
    return f"e{[e.id for e in case.elements].index(element_id)}"


@pytest.fixture
def no_renderer(monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine with neither the system Graphviz nor the embedded renderer."""
    monkeypatch.setattr(_render, "find_system", lambda: None)
    monkeypatch.setattr(_render, "find_embedded", lambda: None)


@pytest.mark.parametrize("renderer", BOTH_RENDERERS)
@pytest.mark.parametrize("path", EXAMPLES)
@pytest.mark.parametrize(
    "options",
    [
        {},
        {"domain": "sexual"},
        {"view": "compare"},
        {"view": "compare", "theme": "print", "highlight": "strongest"},
        {"theme": "slide", "highlight": "strongest"},
    ],
    ids=["cycle", "cycle-sexual", "compare", "compare-print-highlight", "slide-highlight"],
)
def test_svg_shows_every_label_whole(renderer: str, path: str, options: dict[str, Any]) -> None:
    case = load(path)
    svg = pipe(to_dot(case, **options).source, "svg", renderer=renderer)
    nodes = node_texts(svg)
    domains = (
        ["everyday", "sexual"] if options.get("view") == "compare" else [options.get("domain", "everyday")]
    )
    shown = [e for e in case.elements if e.domain in domains]
    assert shown
    for element in shown:
        drawn = nodes[element_node(case, element.id)]
        assert words_of(drawn) == words(element.label), element.id
    texts = " ".join(all_texts(svg))
    lang = Words(str(case.language))
    for partner in case.partners:
        assert partner.name in texts
    position = case.declared_position(domains[0], "janine")
    assert position is not None
    expected = [
        lang("legend.heading"),
        lang.position(position),
        lang("legend.highlight") if "highlight" in options else lang("legend.cross"),
    ]
    for word in expected:
        assert word in texts
    assert lang("waterline") in texts
    other = Words("en" if case.language is Language.NL else "nl")
    assert other("legend.heading") not in all_texts(svg)
    assert other("legend.cross") not in texts and other("waterline") not in all_texts(svg)


@pytest.mark.parametrize("renderer", BOTH_RENDERERS)
@pytest.mark.parametrize("view", ["cycle", "compare"])
def test_png_has_a_sane_size(tmp_path: Path, renderer: str, view: str) -> None:
    case = load("examples/janine-mathijs.yaml")
    target = render(case, tmp_path / "figure.png", renderer=renderer, view=view)
    data = target.read_bytes()
    width, height = png_size(data)
    assert 600 <= width <= 4000, width
    assert 600 <= height <= 3000, height
    assert 0.5 <= width / height <= 2.5
    assert len(data) > 20_000


@pytest.mark.parametrize("renderer", BOTH_RENDERERS)
def test_slide_theme_renders_larger(renderer: str) -> None:
    case = load("examples/janine-mathijs.en.yaml")
    default = png_size(pipe(to_dot(case).source, "png", renderer=renderer))
    slide = png_size(pipe(to_dot(case, theme="slide").source, "png", renderer=renderer))
    assert slide[1] > default[1] * 1.15


@pytest.mark.parametrize("renderer", BOTH_RENDERERS)
def test_render_writes_svg_from_the_suffix(tmp_path: Path, renderer: str) -> None:
    case = load("examples/janine-mathijs.en.yaml")
    target = render(case, tmp_path / "cycle.svg", renderer=renderer, language="nl")
    text = target.read_text(encoding="utf-8")
    assert text.lstrip().startswith("<?xml")
    assert "gehechtheidsbehoefte" in text


@pytest.mark.parametrize("name", ["cycle.dot", "cycle.gv"])
def test_dot_output_needs_no_renderer(tmp_path: Path, name: str, no_renderer: None) -> None:
    case = load("examples/janine-mathijs.en.yaml")
    target = render(case, tmp_path / name, theme="print")
    assert target.read_text(encoding="utf-8") == to_dot(case, theme="print").source


@pytest.mark.parametrize(
    ("renderer", "marks"),
    [("system", needs_system), ("auto", needs_system)],
)
def test_pdf_with_the_system_graphviz(tmp_path: Path, renderer: str, marks: object) -> None:
    if _render.find_system() is None:
        pytest.skip("the system Graphviz is not installed")
    target = render(load("examples/janine-mathijs.yaml"), tmp_path / "cycle.pdf", renderer=renderer)
    assert target.read_bytes().startswith(b"%PDF")


@needs_embedded
def test_pdf_without_system_graphviz_is_a_clear_error_and_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_render, "find_system", lambda: None)
    target = tmp_path / "cycle.pdf"
    with pytest.raises(RenderError) as caught:
        render(load("examples/janine-mathijs.yaml"), target)
    message = str(caught.value)
    assert "PDF needs the system Graphviz" in message
    assert "apt install graphviz" in message and "brew install graphviz" in message
    assert list(tmp_path.iterdir()) == []


@needs_embedded
def test_embedded_renderer_refuses_pdf_even_with_system_graphviz(tmp_path: Path) -> None:
    with pytest.raises(RenderError, match="PDF needs the system Graphviz"):
        render(load("examples/janine-mathijs.yaml"), tmp_path / "cycle.pdf", renderer="embedded")
    assert list(tmp_path.iterdir()) == []


@needs_embedded
def test_auto_falls_back_to_the_embedded_renderer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_render, "find_system", lambda: None)
    target = render(load("examples/janine-mathijs.yaml"), tmp_path / "cycle.svg")
    assert b"graphviz-pure" in target.read_bytes()


def test_no_renderer_at_all_says_how_to_install(tmp_path: Path, no_renderer: None) -> None:
    with pytest.raises(RenderError) as caught:
        render(load("examples/janine-mathijs.yaml"), tmp_path / "cycle.svg")
    assert "pip install graphviz-pure" in str(caught.value)
    assert "apt install graphviz" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("renderer", "expected"),
    [("system", "apt install graphviz"), ("embedded", "pip install graphviz-pure")],
)
def test_a_forced_renderer_that_is_missing(no_renderer: None, renderer: str, expected: str) -> None:
    with pytest.raises(RenderError, match=expected):
        pipe("digraph { a }", "svg", renderer=renderer)


def test_unknown_renderer_and_format() -> None:
    with pytest.raises(RenderError, match=r"unknown renderer 'sytem'.*did you mean 'system'"):
        pipe("digraph { a }", "svg", renderer="sytem")
    with pytest.raises(RenderError, match="unknown format 'jpeg'"):
        pipe("digraph { a }", "jpeg")


def test_unknown_suffix_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(RenderError, match=r"cannot tell the format from the suffix '\.jpg'"):
        render(load("examples/janine-mathijs.yaml"), tmp_path / "cycle.jpg")
    with pytest.raises(RenderError, match=r"suffix '\(none\)'"):
        render(load("examples/janine-mathijs.yaml"), tmp_path / "cycle")
    assert list(tmp_path.iterdir()) == []


def test_a_misspelt_figure_option_is_a_type_error_and_writes_nothing(tmp_path: Path) -> None:
    case = load("examples/janine-mathijs.yaml")
    with pytest.raises(TypeError, match="thme"):
        render(case, tmp_path / "cycle.dot", thme="print")  # type: ignore[call-arg]
    assert list(tmp_path.iterdir()) == []
    written = render(case, tmp_path / "cycle.dot", view="compare", highlight="strongest", theme="print")
    assert (
        written.read_text(encoding="utf-8")
        == to_dot(case, view="compare", highlight="strongest", theme="print").source
    )


def test_format_overrides_the_suffix(tmp_path: Path, no_renderer: None) -> None:
    target = render(load("examples/janine-mathijs.yaml"), tmp_path / "figure.txt", format="dot")
    assert target.read_text(encoding="utf-8").startswith("digraph eftgraph {")


def test_a_failing_renderer_leaves_the_old_file_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "dot"
    broken.write_text("#!/bin/sh\necho 'Error: syntax error in line 1' >&2\nexit 1\n")
    broken.chmod(broken.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setattr(_render, "find_system", lambda: str(broken))
    target = tmp_path / "cycle.svg"
    target.write_text("old")
    with pytest.raises(RenderError, match="syntax error in line 1"):
        render(load("examples/janine-mathijs.yaml"), target, renderer="system")
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cycle.svg", "dot"]


@needs_embedded
def test_auto_falls_back_to_embedded_when_the_system_graphviz_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Old system Graphviz releases have layout bugs; ``auto`` then uses the embedded renderer."""
    broken = tmp_path / "dot"
    broken.write_text("#!/bin/sh\necho 'Error: trouble in init_rank' >&2\nexit 1\n")
    broken.chmod(broken.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setattr(_render, "find_system", lambda: str(broken))
    with pytest.warns(_render.RenderWarning, match="trouble in init_rank.*embedded renderer instead"):
        svg = pipe(to_dot(load("examples/janine-mathijs.yaml")).source, "svg")
    assert b"graphviz-pure" in svg
    with pytest.raises(RenderError, match="trouble in init_rank"):
        pipe(to_dot(load("examples/janine-mathijs.yaml")).source, "svg", renderer="system")
    with pytest.raises(RenderError, match="trouble in init_rank"):
        pipe(to_dot(load("examples/janine-mathijs.yaml")).source, "pdf")  # the embedded one makes no PDF


@needs_embedded
def test_the_embedded_renderer_is_found_without_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    found = _render.find_embedded()
    assert found is not None and os.access(found, os.X_OK)


# --------------------------------------------------------------------------- notebook display


@pytest.mark.parametrize("renderer", BOTH_RENDERERS)
def test_figure_and_case_show_as_svg_in_a_notebook(monkeypatch: pytest.MonkeyPatch, renderer: str) -> None:
    if renderer == "embedded":
        monkeypatch.setattr(_render, "find_system", lambda: None)
    case = load("examples/janine-mathijs.yaml")
    for shown in (to_dot(case), case):
        bundle = shown._repr_mimebundle_()
        assert list(bundle) == ["image/svg+xml"]
        svg = bundle["image/svg+xml"]
        assert isinstance(svg, str) and "Janine" in svg and "<svg" in svg
    png = to_dot(case)._repr_mimebundle_(include=["image/png"])["image/png"]
    assert isinstance(png, bytes) and png_size(png)[0] > 500
    assert to_dot(case)._repr_mimebundle_(include=["image/svg+xml"], exclude=["image/svg+xml"]) == {}


def test_import_eftgraph_registers_the_case_display(no_renderer: None) -> None:
    """The model does not import the figures: importing them wires a case's notebook display."""
    case = load("examples/janine-mathijs.yaml")
    assert _display.mimebundle(case) == {"text/plain": to_dot(case).source}
    assert _display.mimebundle(case, include=[]) == {}


def test_notebook_shows_the_dot_text_when_no_renderer_is_installed(no_renderer: None) -> None:
    case = load("examples/janine-mathijs.yaml")
    assert case._repr_mimebundle_() == {"text/plain": to_dot(case).source}
    assert to_dot(case, view="compare")._repr_mimebundle_() == {
        "text/plain": to_dot(case, view="compare").source
    }


def _four_partners() -> Case:
    """Behaviour-only columns beside full ones: links inside a row once broke dot's ranking."""
    return Case.from_sheets(
        id="four",
        partners=[Partner("a", "Ann"), Partner("b", "Bo"), Partner("c", "Cas"), Partner("d", "Dee")],
        sheets=[
            Sheet(
                "everyday",
                "a",
                trigger="bills",
                behavior="nags",
                perception="nobody helps",
                secondary="anger",
                fear="alone",
                primary="hurt",
                need="help",
            ),
            Sheet("everyday", "b", behavior="hides"),
            Sheet("everyday", "c", behavior="slams doors"),
            Sheet("everyday", "d", behavior="leaves", secondary="numb", primary="shame"),
        ],
    )


def _flat_bridge() -> Case:
    """A labelled link between two domains in the same row, beside an invisible ordering edge."""
    return Case(
        id="flat",
        partners=[Partner("a", "Ann"), Partner("b", "Bo")],
        elements=[
            Element("e", "trigger", "rain", domain="sexual"),
            Element("a", "behavior", "asks", partner="a", domain="sexual"),
            Element("c", "perception", "pressure", partner="b", domain="sexual"),
            Element("d", "trigger", "kids", domain="caregiving"),
            Element("b", "perception", "alone", partner="a", domain="caregiving"),
        ],
        links=[
            Link("a", "c"),
            Link("a", "d"),
            Link("a", "b"),
            Link("c", "b", sign="-", label="calms"),
            Link("b", "a"),
        ],
    )


def _labelled_link_in_a_row() -> Case:
    """A labelled link between two triggers: a label on a link inside a row once broke dot's ranking."""
    return Case(
        id="row",
        partners=[Partner("a", "Ann"), Partner("b", "Bo")],
        elements=[
            Element("c", "trigger", "rain"),
            Element("d", "trigger", "kids"),
            Element("f", "perception", "alone", partner="a"),
            Element("a", "perception", "pressure", partner="a", domain="sexual"),
            Element("b", "trigger", "work", domain="caregiving"),
        ],
        links=[Link("a", "b"), Link("b", "d", sign="-", label="calms")],
        domains=["everyday", "sexual", "caregiving"],
    )


@pytest.mark.parametrize("renderer", BOTH_RENDERERS)
@pytest.mark.parametrize(
    "make",
    [_four_partners, _flat_bridge, _labelled_link_in_a_row],
    ids=["four-partners", "flat-bridge", "labelled-link-in-a-row"],
)
def test_awkward_layouts_render(renderer: str, make: Callable[[], Case]) -> None:
    case = make()
    views: list[tuple[dict[str, object], tuple[str, ...]]] = [({"domain": d}, (d,)) for d in case.domains]
    if len(case.domains) > 1:
        views.append(({"view": "compare", "domain": list(case.domains[:2])}, case.domains[:2]))
    for options, domains in views:
        for highlight in ("none", "strongest"):
            source = to_dot(case, highlight=highlight, **options).source  # type: ignore[arg-type]
            nodes = node_texts(pipe(source, "svg", renderer=renderer))
            for element in case.elements:
                if element.domain in domains:
                    assert words_of(nodes[element_node(case, element.id)]) == words(element.label)


@pytest.mark.skipif(_render.find_system() is None, reason="the system Graphviz is not installed")
def test_graphviz_warnings_are_logged_and_svg_names_a_font_stack(caplog: pytest.LogCaptureFixture) -> None:
    source = 'digraph { a [label="x", shape=nosuchshape] }'
    with caplog.at_level("WARNING", logger="eftgraph.render"):
        pipe(source, "svg", renderer="system")
    assert "nosuchshape" in caplog.text and "the system renderer says" in caplog.text
    figure = pipe(to_dot(load("examples/janine-mathijs.yaml")).source, "svg", renderer="system")
    assert f'font-family="{_render.FONT_STACK}"'.encode() in figure
    assert b'font-family="Arial"' not in figure


def test_a_figure_pipes_and_renders_without_the_system_graphviz(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if _render.find_embedded() is None:
        pytest.skip("graphviz-pure is not installed")
    monkeypatch.setattr(_render, "find_system", lambda: None)
    monkeypatch.setenv("PATH", "")  # graphviz's own pipe would fail with ExecutableNotFound
    figure = to_dot(load("examples/janine-mathijs.yaml"))
    assert figure.pipe("svg").startswith(b"<?xml")
    assert figure.pipe(format="svg", encoding="utf-8").startswith("<?xml")
    written = Path(figure.render(outfile=tmp_path / "cycle.svg"))
    assert written == tmp_path / "cycle.svg" and b"<svg" in written.read_bytes()
    beside = Path(figure.render(tmp_path / "cycle.gv", format="png", cleanup=True))
    assert beside.name == "cycle.gv.png" and beside.read_bytes().startswith(b"\x89PNG")
    assert not (tmp_path / "cycle.gv").exists()


def test_the_notebook_svg_scales_to_the_column() -> None:
    bundle = to_dot(load("examples/janine-mathijs.yaml"))._repr_mimebundle_()
    svg = bundle.get("image/svg+xml")
    if svg is None:
        pytest.skip("no renderer here")
    assert isinstance(svg, str) and '<svg width="100%" style="max-width: ' in svg
