"""Round-trips: load(dumps(case)) == case in every format, for generated cases."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

from eftgraph import Case, dump, dumps, load, loads
from eftgraph._io import SUFFIXES, format_of
from eftgraph.errors import OptionError
from tests.strategies import cases

FORMATS = ["yaml", "json", "toml"]


@pytest.mark.parametrize("fmt", FORMATS)
@given(case=cases())
def test_round_trip_every_format(fmt: str, case: Case) -> None:
    text = dumps(case, fmt)
    assert loads(text, fmt) == case
    assert dumps(loads(text, fmt), fmt) == text  # deterministic, stable text


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", ["janine-mathijs.yaml", "janine-mathijs.en.yaml"])
def test_examples_round_trip_through_files(tmp_path: Path, fmt: str, name: str) -> None:
    case = load(Path("examples") / name)
    for formulation in Path("examples").glob("janine-mathijs.session-*.yaml"):  # they travel with the case
        (tmp_path / formulation.name).write_bytes(formulation.read_bytes())
    target = tmp_path / f"case.{fmt}"
    dump(case, target)
    assert load(target) == case
    assert not list(tmp_path.glob(".*.tmp"))  # no temporary file left behind


def test_dump_writes_sheets_back_as_sheets() -> None:
    case = load("examples/janine-mathijs.en.yaml")
    text = dumps(case)
    assert "cycles:\n  everyday:\n    janine:\n      position: pursuer\n" in text
    # only what the sheets cannot say is in the general form
    assert "elements:\n- {id: laptop-evening," in text
    assert text.count("{from:") == 1


def test_dump_keeps_domain_order_when_sheets_cannot_say_it() -> None:
    from eftgraph import Element, Partner, Sheet

    case = Case.from_sheets(
        id="x",
        partners=[Partner("a", "Ann")],
        sheets=[Sheet("sexual", "a", behavior="turns away")],
        elements=[Element("e", "behavior", "works late", partner="a", domain="everyday")],
        domains=["everyday", "sexual"],
    )
    text = dumps(case)
    assert "domains:\n- everyday\n- sexual\n" in text
    assert loads(text) == case


@pytest.mark.parametrize(
    "call",
    [lambda: loads("eftgraph: 1\n", "yml"), lambda: dumps(load("examples/janine-mathijs.yaml"), "yml")],
)
def test_an_unknown_format_is_an_option_error_with_the_nearest(call: Any) -> None:
    with pytest.raises(OptionError) as caught:
        call()
    assert str(caught.value) == "unknown format 'yml' (allowed: yaml, json, toml); did you mean 'yaml'?"


def test_every_case_file_suffix_names_a_format() -> None:
    assert set(SUFFIXES.values()) == set(FORMATS)
    assert all(format_of(f"case{suffix.upper()}") == fmt for suffix, fmt in SUFFIXES.items())
