"""Any valid case draws: every domain's cycle and every pair compared, with every label whole."""

from __future__ import annotations

from hypothesis import given, settings

from eftgraph import Case, to_dot
from eftgraph.figures import pipe
from eftgraph.figures._text import words
from tests.figures_support import needs_embedded, node_texts, words_of
from tests.strategies import cases


def _check(case: Case, svg: bytes, domains: set[str]) -> None:
    nodes = node_texts(svg)
    for index, element in enumerate(case.elements):
        if element.domain in domains:
            assert words_of(nodes[f"e{index}"]) == words(element.label), element.id
        else:
            assert f"e{index}" not in nodes


@needs_embedded
@settings(max_examples=25)
@given(case=cases())
def test_every_view_of_any_case_renders(case: Case) -> None:
    if not case.elements:
        return
    for domain in case.domains:
        for highlight in (None, "strongest"):
            figure = to_dot(case, domain=domain, highlight=highlight)
            assert figure.source == to_dot(case, domain=domain, highlight=highlight).source
            _check(case, pipe(figure.source, "svg", renderer="embedded"), {domain})
    if len(case.domains) >= 2:
        pair = case.domains[:2]
        figure = to_dot(case, view="compare", domain=pair, theme="print")
        _check(case, pipe(figure.source, "svg", renderer="embedded"), set(pair))
