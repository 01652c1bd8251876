"""Figures that hold up on new cases: each layout fault seen on a case no one had drawn, on a case that shows it."""

from __future__ import annotations

import re

import pytest

from eftgraph import Case, load, loads, to_dot
from eftgraph.figures import pipe
from eftgraph.figures._render import find_system
from tests.figures_support import BOTH_RENDERERS, SVG, svg_root

SECURE = """
eftgraph: 1
id: ann-bo
title: Ann & Bo
partners:
  - {id: ann, name: Ann, pronoun: she}
  - {id: bo, name: Bo, pronoun: he}
cycles:
  everyday:
    ann: {stance: reach, behavior: tells him she misses him, perception: he is here for me, primary: longing, need: closeness}
    bo: {stance: respond, behavior: puts the phone away and holds her, perception: she wants me, primary: warmth, need: to matter to her}
"""

SPARSE = """
eftgraph: 1
id: sparse
title: Cas & Dee
partners:
  - {id: cas, name: Cas}
  - {id: dee, name: Dee}
cycles:
  everyday:
    cas: {position: pursuer, behavior: keeps asking questions, perception: she hides something, fear: being left, need: to be let in}
    dee: {position: withdrawer, behavior: leaves the room, perception: I am on trial}
elements:
  - {id: works-late, partner: dee, domain: everyday, kind: behavior, stance: withdraw, label: works late}
"""


def node(case: Case, element_id: str) -> str:
    return f"e{[e.id for e in case.elements].index(element_id)}"


def title(source: str) -> str:
    found = re.search(r"label=<<B>(.*?)</B>>", source)
    assert found is not None
    return found.group(1)


@pytest.mark.parametrize(
    ("path", "domain", "expected"),
    [
        (
            "examples/janine-mathijs.en.yaml",
            "everyday",
            "Janine &amp; Mathijs: everyday cycle — Protest Polka",
        ),
        ("examples/janine-mathijs.yaml", "sexual", "Janine &amp; Mathijs: seksuele cirkel — protestpolka"),
    ],
)
def test_the_pattern_is_named_in_the_title(path: str, domain: str, expected: str) -> None:
    assert title(to_dot(load(path), domain=domain).source) == expected


def test_a_secure_cycle_says_so_in_title_heads_and_legend() -> None:
    source = to_dot(loads(SECURE)).source
    assert title(source) == "Ann &amp; Bo: everyday cycle — A.R.E. cycle"
    assert "reaches out" in source and "responds" in source
    assert "position undetermined" not in source
    assert "reaching out and responding: the moves of a secure cycle" in source
    nl = to_dot(loads(SECURE), language="nl").source
    assert "zoekt toenadering" in nl and "gaat erop in" in nl and "positie" not in nl


def test_the_legend_explains_reach_and_respond_only_when_drawn() -> None:
    assert "reaching out and responding" not in to_dot(load("examples/janine-mathijs.en.yaml")).source


def test_no_empty_waterline_box_for_a_partner_with_nothing_below() -> None:
    source = to_dot(loads(SPARSE)).source
    boxes = re.findall(r"subgraph (cluster_w\d+_\d+)", source)
    assert boxes == ["cluster_w0_0"]  # Cas's column only; Dee has nothing below the waterline


def test_a_need_without_primary_emotion_is_connected() -> None:
    case = loads(SPARSE)
    source = to_dot(case).source
    fear, need = node(case, "everyday.cas.fear"), node(case, "everyday.cas.need")
    assert re.search(rf"\b{fear} -> {need}\b", source)


def test_the_dutch_legend_reads_as_dutch() -> None:
    source = to_dot(load("examples/janine-mathijs.yaml")).source
    assert "wat de een doet, raakt de ander" in source
    assert "leidt bij dezelfde partner tot het volgende" in source
    assert "de zet van de een" not in source and "binnen één partner" not in source


def _centres(svg: bytes) -> dict[str, float]:
    """Graphviz node id → the x of its centre in the SVG."""
    found = {}
    for group in svg_root(svg).iter(f"{SVG}g"):
        if group.get("class") != "node":
            continue
        name = group.findtext(f"{SVG}title") or ""
        xs = [float(t.get("x", "0")) for t in group.iter(f"{SVG}text")]
        if xs:
            found[name] = sum(xs) / len(xs)
    return found


@pytest.mark.dot
@pytest.mark.skipif(find_system() is None, reason="the system Graphviz 'dot' is not installed")
@pytest.mark.parametrize(
    ("path", "view", "extra"),
    [
        (SPARSE, "cycle", "works-late"),
        ("examples/janine-mathijs.yaml", "cycle", "laptop-evening"),
        ("examples/janine-mathijs.yaml", "compare", "laptop-evening"),
    ],
    ids=["sparse", "example-cycle", "example-compare"],
)
def test_an_extra_element_stays_in_its_partners_column(path: str, view: str, extra: str) -> None:
    case = load(path) if path.endswith(".yaml") else loads(path)
    svg = pipe(to_dot(case, view=view).source, "svg", renderer="system")
    x = _centres(svg)
    element = next(e for e in case.elements if e.id == extra)
    column = [
        x[node(case, e.id)]
        for e in case.elements
        if e.partner == element.partner and e.domain == element.domain and e.id != extra
    ]
    assert min(column) - 20 <= x[node(case, extra)] <= max(column) + 20


@pytest.mark.parametrize("renderer", BOTH_RENDERERS)
@pytest.mark.parametrize(
    ("path", "domain"),
    [("examples/published/sanne-ruud.yaml", "sexual"), ("examples/janine-mathijs.en.yaml", "everyday")],
)
def test_the_waterline_reads_as_one_line(path: str, domain: str, renderer: str) -> None:
    # its stretches cover most of the way across: no stubs between the columns
    svg = pipe(to_dot(load(path), domain=domain).source, "svg", renderer=renderer)
    stretches = []
    for group in svg_root(svg).iter(f"{SVG}g"):
        title = group.find(f"{SVG}title")
        if title is not None and re.fullmatch(r"w0_\d+[ud]", title.text or ""):
            polygon = group.find(f"{SVG}polygon")
            assert polygon is not None
            xs = [float(point.split(",")[0]) for point in polygon.get("points", "").split()]
            stretches.append((min(xs), max(xs)))
    assert len(stretches) >= 4
    span = max(right for _, right in stretches) - min(left for left, _ in stretches)
    assert sum(right - left for left, right in stretches) >= 0.7 * span
    assert min(right - left for left, right in stretches) >= 0.25 * max(
        right - left for left, right in stretches
    )
