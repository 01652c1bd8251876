"""Golden DOT: the figures of the worked example, pinned byte for byte.

After an intended change of the figures, regenerate the files with
``EFTGRAPH_UPDATE_GOLDEN=1 python -m pytest tests/test_figures_golden.py``, look at
the new figures (``python docs/gallery.py``), and commit both.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from eftgraph import load, to_dot

GOLDEN = Path(__file__).parent / "golden"

CASES = {
    "nl": "examples/janine-mathijs.yaml",
    "en": "examples/janine-mathijs.en.yaml",
}
FIGURES: dict[str, dict[str, Any]] = {
    "cycle": {},
    "cycle-sexual": {"domain": "sexual"},
    "compare": {"view": "compare"},
    "cycle-strongest-print": {"highlight": "strongest", "theme": "print"},
    "compare-slide": {"view": "compare", "theme": "slide"},
}


@pytest.mark.parametrize("figure", FIGURES)
@pytest.mark.parametrize("language", CASES)
def test_dot_matches_the_golden_file(language: str, figure: str) -> None:
    source = to_dot(load(CASES[language]), **FIGURES[figure]).source
    path = GOLDEN / f"janine-mathijs.{language}.{figure}.dot"
    if os.environ.get("EFTGRAPH_UPDATE_GOLDEN"):
        path.write_text(source, encoding="utf-8", newline="\n")
    assert path.exists(), f"{path} is missing; run with EFTGRAPH_UPDATE_GOLDEN=1 to write it"
    assert source == path.read_text(encoding="utf-8"), (
        f"the DOT of {path.name} changed; if that is intended, regenerate with EFTGRAPH_UPDATE_GOLDEN=1"
    )
