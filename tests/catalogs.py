"""Tests that add a language by a file start and end with no catalog remembered."""

from __future__ import annotations


def forget_catalogs() -> None:
    """Clear every cache that holds a loaded message catalog or a text drawn from one."""
    from eftgraph import _catalog, _catalog_core, _course_narrative

    for cached in (
        _catalog_core.languages,
        _catalog_core._load,
        _catalog_core.texts,
        _catalog.catalog,
        _course_narrative._texts,
    ):
        cached.cache_clear()
