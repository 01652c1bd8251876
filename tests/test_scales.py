"""The published scales: every number checked against the source cited in docs/therapy-over-time.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from eftgraph._scales import CUSTOM, SCALES, Direction, Scale, find_scale
from eftgraph.errors import OptionError


def test_the_instruments_of_the_issue_are_there() -> None:
    assert set(SCALES) == {"csi-4", "csi-16", "csi-32", "rdas"}
    assert all(scale.direction is Direction.HIGHER_IS_BETTER for scale in SCALES.values())


def test_rdas_against_its_sources() -> None:
    # Busby, Christensen, Crane & Larson 1995 (range); Crane, Middleton & Bean 2000 (cut-off 48);
    # Anderson et al. 2014 (reliable change 11.58).
    rdas = SCALES["rdas"]
    assert (rdas.minimum, rdas.maximum, rdas.cutoff, rdas.reliable_change) == (0, 69, 48.0, 11.58)
    assert rdas.distressed(47) is True
    assert rdas.distressed(48) is False
    assert rdas.reliable(11.58) is True
    assert rdas.reliable(-11.5) is False
    assert not rdas.in_range(70)
    assert not rdas.in_range(-1)
    assert any("Crane" in s and "2000" in s and "48" in s for s in rdas.sources)
    assert any("Anderson" in s and "2014" in s and "11.58" in s for s in rdas.sources)


def test_csi_numbers_against_funk_and_rogge_2007() -> None:
    assert SCALES["csi-32"].cutoff == 104.5
    assert SCALES["csi-32"].distressed(104) is True
    assert SCALES["csi-32"].distressed(104.5) is False
    assert (SCALES["csi-16"].minimum, SCALES["csi-16"].maximum) == (0, 81)
    assert all(
        "Funk" in s and "2007" in s for key in ("csi-4", "csi-16", "csi-32") for s in SCALES[key].sources
    )


def test_numbers_not_found_in_a_source_are_left_out() -> None:
    """No guessing: the CSI-4 range and cut-off, the CSI-16 cut-off and the CSI-32 maximum were not verified."""
    assert (SCALES["csi-4"].minimum, SCALES["csi-4"].maximum, SCALES["csi-4"].cutoff) == (None, None, None)
    assert SCALES["csi-16"].cutoff is None
    assert SCALES["csi-32"].maximum is None
    assert SCALES["csi-4"].distressed(10) is None
    assert all(scale.reliable_change is None for key, scale in SCALES.items() if key != "rdas")


def test_the_docs_cite_every_number() -> None:
    page = Path("docs/therapy-over-time.md").read_text("utf-8")
    for needle in (
        "Funk",
        "2007",
        "104.5",
        "0–81",
        "Busby",
        "1995",
        "0–69",
        "Crane",
        "2000",
        "48",
        "Anderson",
        "11.58",
    ):
        assert needle in page, needle


def test_a_lower_is_better_custom_scale() -> None:
    scale = Scale.custom("arguments-per-week", 0, 20, "lower-is-better")
    assert scale.improvement(-5) == 5
    assert scale.in_range(20)
    assert not scale.in_range(21)
    assert scale.distressed(19) is None


def test_an_unknown_scale_names_the_allowed_ones() -> None:
    with pytest.raises(OptionError, match=r"unknown scale 'csi4' .*did you mean 'csi-4'"):
        find_scale("csi4")
    with pytest.raises(OptionError) as raised:
        find_scale("x")
    assert CUSTOM in str(raised.value)


def test_no_item_text_is_shipped() -> None:
    source = Path("src/eftgraph/_scales.py").read_text("utf-8").lower()
    for item_word in ("happiness", "disagree", "quarrel", "divorce", "confide"):
        assert item_word not in source
