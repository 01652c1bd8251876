"""Figures of families and groups (four to six people) stay readable."""

from __future__ import annotations

import re

import pytest

from eftgraph import to_dot
from eftgraph._synthetic import synthetic_case


@pytest.mark.parametrize(("people", "title"), [(2, "Ada &amp; Bram"), (4, "Ada, Bram, Cleo &amp; Daan")])
def test_title_names_everyone_once(people: int, title: str) -> None:
    source = to_dot(synthetic_case(partners=people)).source
    assert f"{title}: everyday cycle" in source


def test_more_people_get_more_room_and_thinner_cross_links() -> None:
    def ranksep(people: int) -> float:
        found = re.search(r"ranksep=([0-9.]+)", to_dot(synthetic_case(partners=people)).source)
        assert found is not None
        return float(found[1])

    def widest_pen(people: int) -> float:
        source = to_dot(synthetic_case(partners=people)).source
        pens = [float(p) for p in re.findall(r"penwidth=([0-9.]+)", source)]
        return max(pens)

    assert ranksep(2) == ranksep(3) < ranksep(4) < ranksep(6)
    assert widest_pen(6) < widest_pen(3)
