"""Tests that add a language by a file start and end with no catalog remembered."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest


def forget_catalogs() -> None:
    """Clear every cache that holds a loaded message catalog or a text drawn from one."""
    from eftgraph import _catalog, _catalog_core, _course_narrative

    for cached in (
        _catalog_core.languages,
        _catalog_core._load,
        _catalog_core._source,
        _catalog_core._tables,
        _catalog_core._table,
        _catalog_core.texts,
        _catalog.catalog,
        _course_narrative._texts,
    ):
        cached.cache_clear()


@contextlib.contextmanager
def third_language(folder: Path, monkeypatch: pytest.MonkeyPatch, german: str) -> Iterator[None]:
    """Within the block, the catalogs are copies of the shipped ones in *folder* plus ``de.toml``."""
    from eftgraph import _catalog_core

    folder.mkdir()
    source = resources.files("eftgraph.messages")
    for name in ("en.toml", "nl.toml"):
        (folder / name).write_text(source.joinpath(name).read_text("utf-8"), encoding="utf-8")
    (folder / "de.toml").write_text(german, encoding="utf-8")
    monkeypatch.setattr(resources, "files", lambda package: folder)
    monkeypatch.setattr(_catalog_core, "_BESIDE", folder)
    forget_catalogs()
    try:
        yield
    finally:
        forget_catalogs()
