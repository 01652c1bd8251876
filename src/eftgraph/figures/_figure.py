"""The figure object: a ``graphviz.Digraph`` that shows itself in a notebook with any renderer."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import graphviz

import eftgraph.figures._render as _render
from eftgraph.errors import RenderError

__all__ = ["Figure", "mimebundle"]

_MIME_FORMATS = {"image/svg+xml": "svg", "image/png": "png"}


class Figure(graphviz.Digraph):  # type: ignore[misc]  # graphviz ships no type hints
    """A figure of a case, as returned by [`to_dot`][eftgraph.to_dot].

    It is a ``graphviz.Digraph`` in every way; in Jupyter it shows as SVG made
    by the system Graphviz or by the embedded renderer, and as its DOT text when
    neither is installed (instead of failing).
    """

    def _repr_mimebundle_(
        self,
        include: Iterable[str] | None = None,
        exclude: Iterable[str] | None = None,
        **_: Any,
    ) -> dict[str, bytes | str]:
        return mimebundle(self.source, include=include, exclude=exclude)


def mimebundle(
    source: str, *, include: Iterable[str] | None = None, exclude: Iterable[str] | None = None
) -> dict[str, bytes | str]:
    """The IPython display data of the DOT *source*: SVG (or PNG) when a renderer is there, else the DOT text.

    >>> bundle = mimebundle("digraph { a -> b }", include=[])
    >>> bundle
    {}
    """
    wanted = set(include) if include is not None else {"image/svg+xml"}
    wanted -= set(exclude or ())
    bundle: dict[str, bytes | str] = {}
    try:
        for mime, fmt in _MIME_FORMATS.items():
            if mime in wanted:
                data = _render.pipe(source, fmt)
                bundle[mime] = data.decode("utf-8") if fmt == "svg" else data
    except RenderError:
        return {"text/plain": source}
    return bundle
