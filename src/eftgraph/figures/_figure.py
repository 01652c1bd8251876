"""The figure object: a ``graphviz.Digraph`` that shows itself in a notebook with any renderer."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import graphviz

if TYPE_CHECKING:
    from eftgraph._model import Case

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
    from eftgraph.errors import RenderError
    from eftgraph.figures._render import pipe

    wanted = set(include) if include is not None else {"image/svg+xml"}
    wanted -= set(exclude or ())
    bundle: dict[str, bytes | str] = {}
    try:
        for mime, fmt in _MIME_FORMATS.items():
            if mime in wanted:
                data = pipe(source, fmt)
                bundle[mime] = data.decode("utf-8") if fmt == "svg" else data
    except RenderError:
        return {"text/plain": source}
    return bundle


def case_mimebundle(
    case: Case, include: Iterable[str] | None = None, exclude: Iterable[str] | None = None
) -> dict[str, bytes | str]:
    """The display data of *case*: its cycle figure (see [`Figure`][eftgraph.figures.Figure])."""
    from eftgraph.figures._dot import to_dot

    return mimebundle(to_dot(case).source, include=include, exclude=exclude)
