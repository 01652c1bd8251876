"""The course view's layout holds with both renderers: each partner's boxes in that partner's column.

Read from the SVG a real renderer makes: the box of every node, the frame of every
panel. A partner's column is the stretch of x its boxes cover in a panel; the
columns of two partners must not overlap, must come in the case's order of partners
in every panel and with the system ``dot`` and the embedded renderer alike, and an
element must stand at the same place in every panel it is drawn in.
"""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

import pytest

from eftgraph import Case, load, loads
from eftgraph._course import moments
from eftgraph.figures._course_grid import Moment
from eftgraph.figures._course_view import course_view
from eftgraph.figures._render import pipe
from tests.figures_support import BOTH_RENDERERS, SVG, svg_root

INTAKE = """
eftgraph: 1
id: cas-dee
title: Cas & Dee
partners:
  - {id: cas, name: Cas}
  - {id: dee, name: Dee}
cycles:
  everyday:
    cas: {position: pursuer, behavior: keeps asking questions, perception: she hides something, fear: being left, need: to be let in}
    dee: {position: withdrawer, behavior: leaves the room, perception: I am on trial, primary: shame}
"""

LATER = (
    INTAKE
    + """
elements:
  - {id: works-late, partner: dee, domain: everyday, kind: behavior, stance: withdraw, label: works late}
  - {id: gaming, partner: dee, domain: everyday, kind: behavior, stance: withdraw, label: games until two}
  - {id: money, domain: everyday, kind: trigger, label: money worries}
  - {id: texts, partner: cas, domain: everyday, kind: behavior, stance: pursue, label: texts him at work}
links:
  - {from: works-late, to: everyday.cas.perception}
  - {from: money, to: everyday.cas.perception}
  - {from: texts, to: everyday.dee.perception}
  - {from: texts, to: everyday.cas.behavior}
  - {from: gaming, to: works-late}
  - {from: works-late, to: gaming}
"""
)
"""A later formulation: Dee has three behaviours, Cas two, and a trigger belongs to no one.

Links inside one row (Cas's two behaviours; Dee's two that lead each to the other)
are the ones Graphviz fails or hangs on when the layout doubles them.
"""


def boxes(svg: bytes) -> dict[str, tuple[float, float]]:
    """Node id → (left, right) of its drawn box, for every node drawn with a box."""
    found = {}
    for group in svg_root(svg).iter(f"{SVG}g"):
        if group.get("class") not in ("node", "cluster"):
            continue
        xs = []
        for shape in group:
            if shape.tag == f"{SVG}path":
                numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", shape.get("d", ""))]
                xs.extend(numbers[0::2])
            elif shape.tag == f"{SVG}polygon":
                xs.extend(float(point.split(",")[0]) for point in shape.get("points", "").split())
        if xs:
            found[group.findtext(f"{SVG}title") or ""] = (min(xs), max(xs))
    return found


def columns(svg: bytes, chosen: Sequence[Moment]) -> list[list[tuple[str, float, float]]]:
    """Per panel, per partner who has elements there: (partner, left, right) of the boxes, left to right."""
    drawn = boxes(svg)
    partners = {e.id: e.partner for _, c in chosen for e in c.elements}
    panels = []
    for index in range(len(chosen)):
        spans: dict[str, list[float]] = {}
        for node, (left, right) in drawn.items():
            element = node.removeprefix(f"m{index}__")
            if node.startswith(f"m{index}__") and partners.get(element):
                span = spans.setdefault(partners[element] or "", [left, right])
                span[:] = [min(span[0], left), max(span[1], right)]
        panels.append(sorted(((p, s[0], s[1]) for p, s in spans.items()), key=lambda column: column[1]))
    return panels


def render(case: Case, chosen: Sequence[Moment], domain: str, renderer: str, theme: str = "default") -> bytes:
    return pipe(course_view(case, chosen, domain=domain, theme=theme).source, "svg", renderer=renderer)


def check_columns(svg: bytes, chosen: Sequence[Moment], domain: str) -> list[list[str]]:
    """Assert the columns hold in every panel; the partners' order in each panel."""
    every = {e.id: e for _, c in chosen for e in c.elements}
    drawn = boxes(svg)
    orders = []
    for index, panel in enumerate(columns(svg, chosen)):
        frame = drawn[f"cluster_m{index}"]
        for (a, _, a_right), (b, b_left, _) in itertools.pairwise(panel):
            assert a_right < b_left, f"panel {index}: the columns of {a} and {b} overlap"
        for partner, left, right in panel:
            assert frame[0] <= left and right <= frame[1], f"panel {index}: {partner} outside the panel"
        orders.append([partner for partner, _, _ in panel])
        # every element of the domain is drawn in its partner's column, or (no partner) between columns
        spans = {partner: (left, right) for partner, left, right in panel}
        for eid, element in every.items():
            node = f"m{index}__{eid}"
            if element.domain == domain and node in drawn and element.partner:
                left, right = drawn[node]
                column = spans[element.partner]
                assert column[0] <= left and right <= column[1]
    return orders


@pytest.mark.parametrize("renderer", BOTH_RENDERERS)
@pytest.mark.parametrize("path", ["examples/janine-mathijs.yaml", "examples/janine-mathijs.en.yaml"])
@pytest.mark.parametrize("domain", ["everyday", "sexual"])
def test_each_partner_keeps_one_column_in_the_worked_example(path: str, domain: str, renderer: str) -> None:
    case = load(path)
    chosen = moments(case)
    orders = check_columns(render(case, chosen, domain, renderer), chosen, domain)
    assert orders == [["janine", "mathijs"]] * len(chosen)


@pytest.mark.parametrize("renderer", BOTH_RENDERERS)
@pytest.mark.parametrize("theme", ["default", "print", "slide"])
def test_a_second_and_third_behaviour_stay_in_their_partners_column(theme: str, renderer: str) -> None:
    intake, later = loads(INTAKE), loads(LATER)
    chosen = [(None, intake), (6, later)]
    svg = render(later, chosen, "everyday", renderer, theme)
    assert check_columns(svg, chosen, "everyday") == [["cas", "dee"], ["cas", "dee"]]
    drawn = boxes(svg)
    # the trigger of no one stands between the two columns
    cas, dee = columns(svg, chosen)[1]
    assert cas[2] < sum(drawn["m1__money"]) / 2 < dee[1]


def _offsets(svg: bytes, count: int) -> dict[str, list[float]]:
    """Element id → the x of its box's centre from its panel's left edge, in each panel it is drawn in."""
    drawn = boxes(svg)
    found: dict[str, list[float]] = {}
    for index in range(count):
        left = drawn[f"cluster_m{index}"][0]
        for node, (a, b) in drawn.items():
            if node.startswith(f"m{index}__") and "__head__" not in node:
                found.setdefault(node.removeprefix(f"m{index}__"), []).append((a + b) / 2 - left)
    return found


@pytest.mark.parametrize("renderer", BOTH_RENDERERS)
def test_an_element_keeps_its_place_from_panel_to_panel(renderer: str) -> None:
    case = load("examples/janine-mathijs.en.yaml")
    chosen = moments(case)
    for domain in ("everyday", "sexual"):
        places = _offsets(render(case, chosen, domain, renderer), len(chosen))
        assert len(places) > 8
        for element, xs in places.items():
            assert max(xs) - min(xs) < 12, (domain, element, xs)


Segment = tuple[tuple[float, float], tuple[float, float]]


def _segments(group: ET.Element) -> list[Segment]:
    """The drawn line of a link as short straight segments: its curve (sampled) and its arrowheads."""
    lines = []
    for path in group.findall(f"{SVG}path"):
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path.get("d", ""))]
        points = list(zip(numbers[0::2], numbers[1::2], strict=False))
        samples = []
        for i in range(0, len(points) - 3, 3):
            p0, p1, p2, p3 = points[i : i + 4]
            for step in range(21):
                t = step / 20
                samples.append(
                    (
                        (1 - t) ** 3 * p0[0]
                        + 3 * (1 - t) ** 2 * t * p1[0]
                        + 3 * (1 - t) * t * t * p2[0]
                        + t**3 * p3[0],
                        (1 - t) ** 3 * p0[1]
                        + 3 * (1 - t) ** 2 * t * p1[1]
                        + 3 * (1 - t) * t * t * p2[1]
                        + t**3 * p3[1],
                    )
                )
        lines.append(samples)
    for polygon in group.findall(f"{SVG}polygon"):
        lines.append(
            [(float(x), float(y)) for x, y in (p.split(",") for p in polygon.get("points", "").split())]
        )
    return [segment for line in lines for segment in itertools.pairwise(line)]


def _cross(a: Segment, b: Segment) -> bool:
    """Whether two segments cross (touching at an end is not crossing)."""

    def side(p: tuple[float, float], q: tuple[float, float], r: tuple[float, float]) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    return (
        side(a[0], a[1], b[0]) * side(a[0], a[1], b[1]) < 0
        and side(b[0], b[1], a[0]) * side(b[0], b[1], a[1]) < 0
    )


@pytest.mark.parametrize("renderer", BOTH_RENDERERS)
@pytest.mark.parametrize("theme", ["default", "print", "slide"])
@pytest.mark.parametrize("path", ["examples/janine-mathijs.yaml", "examples/janine-mathijs.en.yaml"])
def test_no_two_links_of_one_partner_cross(path: str, theme: str, renderer: str) -> None:
    """Inside a partner's column the layout crosses no links (the arrowheads included).

    Links from one partner to the other cross each other and the other's track: that is
    the cycle (the X between the two partners), not the layout.
    """
    case = load(path)
    chosen = moments(case)
    partner = {e.id: e.partner for _, c in chosen for e in c.elements}
    for domain in ("everyday", "sexual"):
        svg = render(case, chosen, domain, renderer, theme)
        links = {}
        for group in svg_root(svg).iter(f"{SVG}g"):
            if group.get("class") == "edge":
                title = group.findtext(f"{SVG}title") or ""
                ends = [end.split("__", 1)[1].split(":")[0] for end in title.split("->")]  # no ports
                owners = {partner[end] for end in ends}
                if len(owners) == 1:
                    links[(group.findtext(f"{SVG}title"), owners.pop())] = _segments(group)
        assert len(links) > 10
        for (a, owner_a), (b, owner_b) in itertools.combinations(links, 2):
            if owner_a == owner_b:
                crossing = any(_cross(s, t) for s in links[(a, owner_a)] for t in links[(b, owner_b)])
                assert not crossing, f"{domain}: {a} crosses {b}"
