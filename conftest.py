"""Shared test set-up: run from the repository root, hypothesis profiles, example paths."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent
EXAMPLES = ROOT / "examples"

# CI is derandomized: the same examples every run, so a red CI is reproducible; the
# dev and fuzz profiles explore new examples every run.
settings.register_profile("ci", max_examples=60, deadline=None, derandomize=True, print_blob=True)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile("fuzz", max_examples=100_000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(autouse=True)
def _root_cwd(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests and doctests name ``examples/…`` relative to the repository root."""
    monkeypatch.chdir(ROOT)
    # messages about a case without ``language:`` follow EFTGRAPH_LANGUAGE and the locale:
    # the tests expect English unless they set one
    for variable in ("EFTGRAPH_LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture
def nl_example() -> Path:
    """The worked example in Dutch."""
    return EXAMPLES / "janine-mathijs.yaml"


@pytest.fixture
def en_example() -> Path:
    """The worked example in English."""
    return EXAMPLES / "janine-mathijs.en.yaml"
