"""The words of a figure live in the message catalogs, one ``[figure]`` table per language."""

from __future__ import annotations

import pytest

from eftgraph import load, to_dot
from eftgraph._catalog import _load, languages
from eftgraph.figures._words import Words


def figure_keys(code: str) -> set[str]:
    return {key for key in _load(code) if key.startswith("figure.")}


def test_every_language_has_every_figure_word() -> None:
    english = figure_keys("en")
    assert {"figure.layer.behavior", "figure.legend.heading", "figure.title.compare"} <= english
    for code in languages():
        assert figure_keys(code) == english, code


@pytest.mark.parametrize("code", ["en", "nl"])
def test_the_figure_speaks_the_catalog(code: str) -> None:
    source = to_dot(load("examples/janine-mathijs.yaml"), view="compare", language=code).source
    words = Words(code)
    for word in (words("waterline"), words("legend.heading"), words.cycle("sexual")):
        assert word in source


def test_a_domain_without_a_name_of_its_own() -> None:
    assert Words("en").cycle("work") == "work cycle"
    assert Words("nl").cycle("other") == "cirkel other"
