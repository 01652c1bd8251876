"""Concerns in the figures: a note in the partner's column, under the layers, in the cycle it belongs to.

The geometry is read from real renders (SVG parsed), with the system Graphviz and
the embedded renderer.
"""

from __future__ import annotations

import re
import subprocess
import sys
from typing import Any

import attrs
import pytest

from eftgraph import Case, load, render, to_dot
from eftgraph._records import Concern
from eftgraph.figures import pipe
from eftgraph.figures._steps import step_figures
from tests.figures_support import BOTH_RENDERERS, SVG, svg_root

Box = tuple[float, float, float, float]
"""``(left, top, right, bottom)`` in SVG coordinates (y grows downwards)."""

SANNE_RUUD = "examples/published/sanne-ruud.yaml"  # erection problems since diabetes: sexual, Ruud's
ELS_KEES = "examples/published/els-kees.yaml"  # low mood: Els's, no domain
ANNE_BARRY = "examples/published/anne-barry.yaml"  # trauma: Barry's, no domain
MORGAN = "examples/family-morgan.yaml"  # Tom's low mood, no domain; three people, two domains


def _box(group: object) -> Box | None:
    """The box of a node or cluster group: its first polygon or path (``None``: nothing drawn)."""
    for child in group:  # type: ignore[attr-defined]
        if child.tag in (f"{SVG}polygon", f"{SVG}path"):
            if child.get("stroke") == "transparent" and child.get("fill") in ("white", "none"):
                continue
            numbers = [
                float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", child.get("points") or child.get("d"))
            ]
            xs, ys = numbers[0::2], numbers[1::2]
            return min(xs), min(ys), max(xs), max(ys)
    return None


def boxes(svg: bytes, kind: str = "node") -> dict[str, Box]:
    """Graphviz id → the box drawn for it, for every node (or cluster) that draws one."""
    found = {}
    for group in svg_root(svg).iter(f"{SVG}g"):
        if group.get("class") == kind:
            box = _box(group)
            if box is not None:
                found[group.findtext(f"{SVG}title") or ""] = box
    return found


def overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def node(case: Case, element_id: str) -> str:
    return f"e{[e.id for e in case.elements].index(element_id)}"


def notes(source: str) -> list[str]:
    """The node ids of the notes a DOT source draws."""
    return re.findall(r"^\s*(c\d+) \[.*shape=note", source, re.M)


# ---------------------------------------------------------------------------- where, in DOT


def test_a_concern_of_a_domain_is_drawn_in_that_cycle_only() -> None:
    case = load(SANNE_RUUD)
    assert notes(to_dot(case, domain="sexual").source) == ["c0"]
    assert notes(to_dot(case, domain="everyday").source) == []
    compare = to_dot(case, view="compare").source
    assert notes(compare) == ["c0"]
    # inside the frame of the sexual cycle (the second panel)
    frame = compare[compare.index("subgraph cluster_d1") :]
    assert "c0 [" in frame


def test_a_concern_without_a_domain_is_in_every_cycle_and_once_in_the_compare_view() -> None:
    case = load(MORGAN)
    for domain in case.domains:
        assert notes(to_dot(case, domain=domain).source) == ["c0"]
    compare = to_dot(case, view="compare").source
    assert notes(compare) == ["c0"]
    assert "c0 [" in compare[compare.index("subgraph cluster_d0") : compare.index("subgraph cluster_d1")]


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_note_says_referral_and_the_legend_explains_it(language: str) -> None:
    source = to_dot(load(ELS_KEES), language=language).source
    referral, legend = {
        "en": ("referral", "outside the cycle: refer for assessment"),
        "nl": ("verwijzing", "buiten de cirkel: verwijzen voor onderzoek"),
    }[language]
    note = next(line for line in source.splitlines() if line.lstrip().startswith("c0 ["))
    assert f"<I>{referral}</I>" in note and "al maanden somber" in note
    assert legend in source


def test_concerns_false_leaves_notes_and_their_legend_out() -> None:
    case = load(SANNE_RUUD)
    source = to_dot(case, domain="sexual", concerns=False).source
    assert (
        notes(source) == [] and "erectieproblemen" not in source and "verwijzen voor onderzoek" not in source
    )
    assert to_dot(case, domain="sexual").source != source


@pytest.mark.parametrize("renderer", BOTH_RENDERERS)
def test_a_concern_without_a_partner_stands_between_the_columns(renderer: str) -> None:
    case = load(SANNE_RUUD)
    case = attrs.evolve(case, concerns=(Concern("money worries", "other"),))
    source = to_dot(case, domain="everyday").source
    assert notes(source) == ["c0"]
    drawn = boxes(pipe(source, "svg", renderer=renderer))
    note = drawn["c0"]
    centres = {
        partner: [(drawn[node(case, e.id)][0] + drawn[node(case, e.id)][2]) / 2 for e in case.elements
                  if e.partner == partner and e.domain == "everyday"]
        for partner in ("sanne", "ruud")
    }  # fmt: skip
    middle = (note[0] + note[2]) / 2
    assert min(centres["sanne"]) < middle < max(centres["ruud"])
    assert note[1] > max(box[3] for name, box in drawn.items() if name.startswith("e"))


def test_the_step_slides_show_the_note() -> None:
    steps = step_figures(load(SANNE_RUUD), "sexual")
    assert all(notes(step.figure.source) == ["c0"] for step in steps)


def test_render_cli_leaves_notes_out_on_request(tmp_path: object) -> None:
    out = f"{tmp_path}/cycle.dot"
    command = [sys.executable, "-m", "eftgraph", "render", ELS_KEES, "-o", out, "--no-concerns"]
    subprocess.run(command, check=True, capture_output=True)
    with open(out, encoding="utf-8") as file:
        assert notes(file.read()) == []
    render(load(ELS_KEES), out)
    with open(out, encoding="utf-8") as file:
        assert notes(file.read()) == ["c0"]


# ---------------------------------------------------------------------------- where, drawn

FIGURES = [
    pytest.param(SANNE_RUUD, "sexual", {"domain": "sexual"}, id="sanne-ruud-sexual"),
    pytest.param(SANNE_RUUD, "sexual", {"view": "compare"}, id="sanne-ruud-compare"),
    pytest.param(
        SANNE_RUUD, "sexual", {"domain": "sexual", "theme": "slide", "language": "en"}, id="sanne-ruud-slide"
    ),
    pytest.param(ELS_KEES, "everyday", {}, id="els-kees"),
    pytest.param(ANNE_BARRY, "everyday", {"theme": "print"}, id="anne-barry-print"),
    pytest.param(MORGAN, "caregiving", {"domain": "caregiving"}, id="morgan-caregiving"),
    pytest.param(MORGAN, "everyday", {"view": "compare"}, id="morgan-compare"),
]


@pytest.mark.parametrize("renderer", BOTH_RENDERERS)
@pytest.mark.parametrize(("path", "domain", "options"), FIGURES)
def test_the_note_stands_under_its_partners_column(
    path: str, domain: str, options: dict[str, Any], renderer: str
) -> None:
    case = load(path)
    svg = pipe(to_dot(case, **options).source, "svg", renderer=renderer)
    drawn = boxes(svg)
    (concern,) = case.concerns
    assert concern.partner is not None
    note = drawn["c0"]
    column = [
        drawn[node(case, e.id)] for e in case.elements if e.partner == concern.partner and e.domain == domain
    ]
    clusters = boxes(svg, "cluster")
    panel = 1 if options.get("view") == "compare" and domain == case.domains[1] else 0
    index = [
        p.id for p in case.partners if any(e.partner == p.id and e.domain == domain for e in case.elements)
    ]
    column.append(
        clusters[f"cluster_w{panel}_{index.index(concern.partner)}"]
    )  # the shaded box is the column's
    left, right = min(b[0] for b in column), max(b[2] for b in column)
    assert left <= note[0] and note[2] <= right, f"note {note} outside the column {left}..{right}"
    assert note[1] > max(b[3] for b in column), "the note must stand under the partner's lowest layer"
    for name, box in drawn.items():
        if name != "c0":
            assert not overlap(note, box), f"the note overlaps {name}"
    for name, box in boxes(svg, "cluster").items():
        if name.startswith("cluster_w"):
            assert not overlap(note, box), f"the note sits inside the shaded box {name}"
