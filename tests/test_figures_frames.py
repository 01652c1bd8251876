"""Frames and columns that hold up: the compare view's shaded boxes, and a family's links and labels.

On the Morgan family (three people, two domains, a labelled link between the cycles)
and the worked example, rendered for real (SVG parsed), with both renderers: each
partner's shaded box backs that partner's down track only; no label lies on a
frame's line or under another link; every arrow leaves its own box and reaches its
own box.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from eftgraph import Case, load, to_dot
from eftgraph._model import ElementKind
from eftgraph.figures import pipe
from eftgraph.figures._layout import track_of
from tests.figures_support import BOTH_RENDERERS, SVG, svg_root
from tests.test_figures_concerns import Box, boxes, node

MORGAN = "examples/family-morgan.yaml"
EXAMPLE = "examples/janine-mathijs.yaml"
SANNE_RUUD = "examples/published/sanne-ruud.yaml"


def centre(box: Box) -> float:
    return (box[0] + box[2]) / 2


def _own(case: Case, domain: str, partner: str, down: bool) -> list[str]:
    """The node ids of a partner's first elements of each kind on one track (no extra elements)."""
    return [
        node(case, e.id)
        for e in case.elements
        if e.domain == domain
        and e.partner == partner
        and e.id
        == f"{domain}.{partner}.{e.kind.value if e.kind is not ElementKind.SECONDARY_EMOTION else 'secondary'}"
        and (track_of(e.kind) == "down") == down
    ]


@pytest.mark.parametrize("renderer", BOTH_RENDERERS)
@pytest.mark.parametrize("path", [EXAMPLE, "examples/janine-mathijs.en.yaml", SANNE_RUUD, MORGAN])
@pytest.mark.parametrize("theme", ["default", "slide"])
def test_a_shaded_box_backs_its_partners_down_track_only(path: str, theme: str, renderer: str) -> None:
    case = load(path)
    figure = to_dot(case, view="compare", theme=theme)
    svg = pipe(figure.source, "svg", renderer=renderer)
    drawn, clusters = boxes(svg), boxes(svg, "cluster")
    domains = [d for d in ("everyday", "sexual", "caregiving") if d in case.domains][:2]
    checked = 0
    for panel, domain in enumerate(domains):
        partners = [
            p.id
            for p in case.partners
            if any(e.partner == p.id and e.domain == domain for e in case.elements)
        ]
        for index, partner in enumerate(partners):
            shaded = clusters.get(f"cluster_w{panel}_{index}")
            if shaded is None:
                continue
            for element in _own(case, domain, partner, down=True):
                assert shaded[0] <= centre(drawn[element]) <= shaded[2], (
                    f"{element} is not over its shaded box"
                )
            for element in _own(case, domain, partner, down=False):
                inside = shaded[0] < centre(drawn[element]) < shaded[2]
                assert not inside, f"the shaded box of {partner} ({domain}) lies under {element} (up track)"
                checked += 1
    assert checked >= 4


# ---------------------------------------------------------------------------- the Morgan family


Point = tuple[float, float]


def _edges(svg: bytes) -> list[tuple[str, str, list[Point], list[Point], float]]:
    """Every drawn edge: tail, head, the points of its path and of its arrowheads, its pen width."""
    found = []
    for group in svg_root(svg).iter(f"{SVG}g"):
        if group.get("class") != "edge":
            continue
        tail, _, head = (group.findtext(f"{SVG}title") or "").partition("->")
        path = group.find(f"{SVG}path")
        if path is None:
            continue
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path.get("d", ""))]
        points = list(zip(numbers[0::2], numbers[1::2], strict=False))
        heads: list[Point] = []
        for polygon in group.iter(f"{SVG}polygon"):
            if polygon.get("fill") == "white":
                continue  # a label's background
            values = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", polygon.get("points", ""))]
            heads.extend(zip(values[0::2], values[1::2], strict=False))
        found.append((tail, head, points, heads, float(path.get("stroke-width", "1"))))
    return found


def _bezier(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Points along a Graphviz path (a start point, then cubic Bézier segments of three points)."""
    along = [points[0]]
    for i in range(1, len(points) - 2, 3):
        p0, p1, p2, p3 = points[i - 1], points[i], points[i + 1], points[i + 2]
        for step in range(1, 21):
            t = step / 20
            along.append(
                (
                    (1 - t) ** 3 * p0[0]
                    + 3 * (1 - t) ** 2 * t * p1[0]
                    + 3 * (1 - t) * t**2 * p2[0]
                    + t**3 * p3[0],
                    (1 - t) ** 3 * p0[1]
                    + 3 * (1 - t) ** 2 * t * p1[1]
                    + 3 * (1 - t) * t**2 * p2[1]
                    + t**3 * p3[1],
                )
            )
    return along


def distance(point: tuple[float, float], box: Box) -> float:
    dx = max(box[0] - point[0], 0.0, point[0] - box[2])
    dy = max(box[1] - point[1], 0.0, point[1] - box[3])
    return float((dx * dx + dy * dy) ** 0.5)


def _labels(svg: bytes) -> dict[str, Box]:
    """The text boxes of the link labels (their white backgrounds): by edge (``e7->e20``) or label node."""
    found = {}
    for group in svg_root(svg).iter(f"{SVG}g"):
        name = group.findtext(f"{SVG}title") or ""
        if group.get("class") == "edge" or re.fullmatch(r"b\d+", name):
            for polygon in group.iter(f"{SVG}polygon"):
                if polygon.get("fill") == "white":
                    values = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", polygon.get("points", ""))]
                    found[name] = (min(values[0::2]), min(values[1::2]), max(values[0::2]), max(values[1::2]))
    return found


VIEWS: list[dict[str, Any]] = [
    {"view": "compare"},
    {"view": "cycle", "domain": "everyday"},
    {"view": "cycle", "domain": "caregiving"},
    {"view": "cycle", "domain": "everyday", "highlight": "strongest"},
]


@pytest.mark.parametrize("renderer", BOTH_RENDERERS)
@pytest.mark.parametrize("theme", ["default", "print", "slide"])
@pytest.mark.parametrize("options", VIEWS, ids=["compare", "everyday", "caregiving", "strongest"])
def test_the_family_s_arrows_leave_and_reach_their_own_boxes(
    options: dict[str, Any], theme: str, renderer: str
) -> None:
    svg = pipe(to_dot(load(MORGAN), theme=theme, **options).source, "svg", renderer=renderer)
    drawn = boxes(svg)
    edges = [e for e in _edges(svg) if e[0] in drawn and e[1] in drawn]
    assert len(edges) > 10
    for tail, head, points, heads, pen in edges:
        # the embedded renderer stops an arrowhead a little short of its box, more so for heavy lines
        short = 3 if renderer == "system" else 3 + 1.6 * pen
        assert distance(points[0], drawn[tail]) < 3, f"{tail}->{head} does not leave {tail}"
        if re.fullmatch(r"b\d+", head):
            continue  # a label between the frames: the link runs into it with no arrowhead
        ends = heads or [points[-1]]
        assert min(distance(p, drawn[head]) for p in ends) < short, f"{tail}->{head} does not reach {head}"


@pytest.mark.parametrize("renderer", BOTH_RENDERERS)
@pytest.mark.parametrize("theme", ["default", "print", "slide"])
@pytest.mark.parametrize("path", [MORGAN, EXAMPLE])
def test_a_label_between_the_cycles_is_clear_of_frames_and_links(
    path: str, theme: str, renderer: str
) -> None:
    svg = pipe(to_dot(load(path), view="compare", theme=theme).source, "svg", renderer=renderer)
    labels = _labels(svg)
    assert labels, "the link between the cycles has a label"
    frames = [box for name, box in boxes(svg, "cluster").items() if name.startswith("cluster_d")]
    for name, label in labels.items():
        for frame in frames:
            for x in (frame[0], frame[2]):
                assert not label[0] < x < label[2], f"a frame's line runs through the label {name}"
        for tail, head, points, _, _ in _edges(svg):
            if name in (tail, head, f"{tail}->{head}"):
                continue
            inside = [p for p in _bezier(points) if distance(p, label) == 0]
            assert not inside, f"the link {tail}->{head} runs through the label {name}"


def _inside(box: Box, frame: Box) -> bool:
    return frame[0] <= box[0] and box[2] <= frame[2] and frame[1] <= box[1] and box[3] <= frame[3]


@pytest.mark.parametrize("renderer", BOTH_RENDERERS)
@pytest.mark.parametrize("theme", ["default", "print", "slide"])
@pytest.mark.parametrize("path", [MORGAN, EXAMPLE, SANNE_RUUD])
def test_a_link_within_a_cycle_stays_inside_its_frame(path: str, theme: str, renderer: str) -> None:
    svg = pipe(to_dot(load(path), view="compare", theme=theme).source, "svg", renderer=renderer)
    drawn = boxes(svg)
    frames = [box for name, box in boxes(svg, "cluster").items() if name.startswith("cluster_d")]
    checked = 0
    for tail, head, points, _, _ in _edges(svg):
        if tail not in drawn or head not in drawn:
            continue
        frame = next((f for f in frames if _inside(drawn[tail], f) and _inside(drawn[head], f)), None)
        if frame is None:
            continue  # a link between the cycles
        outside = [p for p in _bezier(points) if distance(p, frame) > 0]
        assert not outside, f"the link {tail}->{head} leaves its frame at {outside[0]}"
        checked += 1
    assert checked > 15
