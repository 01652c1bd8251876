"""The figure object: a ``graphviz.Digraph`` that shows itself in a notebook with any renderer."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import graphviz

import eftgraph.figures._render as _render
from eftgraph._output import write_atomic
from eftgraph.errors import RenderError

__all__ = ["Figure", "fluid", "mimebundle"]

_MIME_FORMATS = {"image/svg+xml": "svg", "image/png": "png"}


class Figure(graphviz.Digraph):  # type: ignore[misc]  # graphviz ships no type hints
    """A figure of a case, as returned by [`to_dot`][eftgraph.to_dot].

    It is a ``graphviz.Digraph`` in every way; in Jupyter it shows as SVG made
    by the system Graphviz or by the embedded renderer, and as its DOT text when
    neither is installed (instead of failing).
    """

    def pipe(
        self,
        format: str | None = None,
        renderer: str | None = None,
        formatter: str | None = None,
        neato_no_op: bool | int | None = None,
        quiet: bool = False,
        *,
        engine: str | None = None,
        encoding: str | None = None,
    ) -> Any:
        """The figure rendered as *format* by eftgraph's renderer (the system ``dot``, else the embedded one).

        Graphviz's own ``renderer``, ``formatter`` and ``engine`` options need the system
        Graphviz and go to ``graphviz.Digraph.pipe``.
        """
        if renderer or formatter or neato_no_op or engine not in (None, "dot"):
            return super().pipe(
                format, renderer, formatter, neato_no_op, quiet, engine=engine, encoding=encoding
            )
        data = _render.pipe(self.source, format or self.format or "svg")
        return data.decode(encoding) if encoding else data

    def render(
        self,
        filename: Any = None,
        directory: Any = None,
        view: bool = False,
        cleanup: bool = False,
        format: str | None = None,
        renderer: str | None = None,
        formatter: str | None = None,
        neato_no_op: bool | int | None = None,
        quiet: bool = False,
        quiet_view: bool = False,
        *,
        outfile: Any = None,
        engine: str | None = None,
        raise_if_result_exists: bool = False,
        overwrite_source: bool = False,
    ) -> str:
        """Write the figure as graphviz's ``render`` does, drawn by eftgraph's renderer; the path written.

        With *outfile*, the format comes from its suffix; else the DOT source is
        saved to *filename* and the figure written beside it (``cycle.gv.svg``).
        ``view`` and Graphviz's own options go to ``graphviz.Digraph.render``.
        """
        if (
            view
            or renderer
            or formatter
            or neato_no_op
            or engine not in (None, "dot")
            or raise_if_result_exists
        ):
            return str(
                super().render(
                    filename, directory, view, cleanup, format, renderer, formatter, neato_no_op, quiet,
                    quiet_view, outfile=outfile, engine=engine, raise_if_result_exists=raise_if_result_exists,
                    overwrite_source=overwrite_source,
                )
            )  # fmt: skip
        if outfile is not None:
            target = Path(outfile)
            chosen = format or _render.format_for(target)
        else:
            saved = Path(self.save(filename, directory=directory))
            chosen = format or self.format or "svg"
            target = saved.with_name(f"{saved.name}.{chosen}")
        write_atomic(target, _render.pipe(self.source, chosen))
        if cleanup and outfile is None:
            saved.unlink()
        return str(target)

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
                bundle[mime] = fluid(data.decode("utf-8")) if fmt == "svg" else data
    except RenderError:
        return {"text/plain": source}
    return bundle


@functools.cache
def _size() -> re.Pattern[str]:  # compiled on first use: only a notebook's display needs it
    return re.compile(r'<svg width="([0-9.]+)pt" height="[0-9.]+pt"')


def fluid(svg: str) -> str:
    """*svg* scaled to the width of the notebook column (never wider than drawn), its proportions kept.

    >>> fluid('<svg width="500pt" height="300pt" viewBox="0 0 500 300">')
    '<svg width="100%" style="max-width: 500pt; height: auto" viewBox="0 0 500 300">'
    """
    return _size().sub(
        lambda m: f'<svg width="100%" style="max-width: {m.group(1)}pt; height: auto"', svg, count=1
    )
