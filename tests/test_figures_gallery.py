"""The committed gallery (docs/gallery/) is what docs/gallery.py makes now, and the docs show all of it."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

from tests.figures_support import needs_embedded, node_texts

ROOT = Path(__file__).resolve().parent.parent


def _gallery() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gallery_script", ROOT / "docs" / "gallery.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GALLERY = _gallery()


def test_every_view_theme_and_language_is_in_the_gallery() -> None:
    names = GALLERY.figures()
    for language in ("nl", "en"):
        for view in ("cycle", "cycle-sexual", "compare", "cycle-strongest"):
            for theme in ("", ".print", ".slide"):
                assert f"janine-mathijs.{language}.{view}{theme}" in names
                assert (ROOT / "docs" / "gallery" / f"janine-mathijs.{language}.{view}{theme}.svg").exists()


def test_the_figures_page_shows_every_gallery_figure() -> None:
    page = (ROOT / "docs" / "figures.md").read_text(encoding="utf-8")
    shown = set(re.findall(r"\(gallery/([\w.-]+\.svg)\)", page))
    assert shown == {f"{name}.svg" for name in GALLERY.figures()}


def test_the_readme_shows_the_example_figure() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"!\[[^\]]+\]\((docs/gallery/[\w.-]+\.svg)\)", readme)
    assert found is not None
    svg = (ROOT / found.group(1)).read_bytes()
    texts = " ".join(" ".join(lines) for lines in node_texts(svg).values())
    assert "Janine" in texts and "Mathijs" in texts


@needs_embedded
@pytest.mark.parametrize("name", sorted(GALLERY.figures()))
def test_the_committed_gallery_is_up_to_date(name: str) -> None:
    recorded = (ROOT / "docs" / "gallery" / "RENDERER").read_text(encoding="utf-8").strip()
    if recorded != GALLERY.renderer_version():
        pytest.skip(f"the gallery was made by {recorded}, this machine has {GALLERY.renderer_version()}")
    committed = (ROOT / "docs" / "gallery" / f"{name}.svg").read_bytes()
    assert committed == GALLERY.build(name, GALLERY.figures()[name]), (
        f"docs/gallery/{name}.svg is out of date; run: python docs/gallery.py"
    )
