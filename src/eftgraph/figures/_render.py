"""Rendering DOT to SVG, PNG or PDF with the system Graphviz or the embedded renderer.

The embedded renderer is `graphviz-pure` (a self-contained port of Graphviz's
``dot`` that installs from PyPI with eftgraph): it makes SVG and PNG, not PDF.
The system ``dot`` is preferred when it is on ``PATH``. Nothing here reaches the
network: the renderer runs as a local program reading standard input.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import subprocess
import sys
import threading
import warnings
from pathlib import Path

from eftgraph._suggest import nearest, unknown
from eftgraph.errors import RenderError, choices_tail

__all__ = [
    "EMBEDDED_FORMATS",
    "FONT_STACK",
    "FORMATS",
    "RENDERERS",
    "SUFFIXES",
    "RenderWarning",
    "find_embedded",
    "find_system",
    "format_for",
    "pipe",
    "renderer_named",
]

FORMATS = ("svg", "png", "pdf", "dot")
"""The formats [`render`][eftgraph.render] writes (checked by `format_for`)."""

EMBEDDED_FORMATS = ("svg", "png")
"""The formats the embedded renderer makes."""

RENDERERS = ("auto", "system", "embedded")
"""``auto`` (system ``dot`` when present, else embedded), ``system`` or ``embedded`` (checked by `renderer_named`)."""

SUFFIXES = {".svg": "svg", ".png": "png", ".pdf": "pdf", ".dot": "dot", ".gv": "dot"}
"""The format of each figure file suffix (checked by `format_for`)."""

INSTALL_EMBEDDED = "pip install graphviz-pure"
INSTALL_SYSTEM = (
    "install the system Graphviz: 'apt install graphviz' (Debian, Ubuntu), "
    "'brew install graphviz' (macOS) or 'winget install graphviz' (Windows)"
)
EMBEDDED_NAME = "graphviz-pure"
TIMEOUT = 120
"""Seconds a renderer may take before it is stopped."""
SYSTEM_TIMEOUT = 30
"""Seconds the system Graphviz may take with ``renderer="auto"`` before the embedded renderer takes over."""


def find_system() -> str | None:
    """The path of the system Graphviz ``dot`` program, or ``None``."""
    return shutil.which("dot")


_SYSCONFIG = threading.Lock()


def find_embedded() -> str | None:
    """The path of the embedded renderer (``graphviz-pure``), or ``None`` when it is not installed.

    Looked for beside this Python (its scripts folder, also when the virtual
    environment is not activated), in the user's scripts folder, then on ``PATH``.
    """
    import sysconfig  # imported here: only a machine without the system Graphviz looks for it

    # sysconfig's first use fills its tables and is not safe in two threads (slides render in threads)
    with _SYSCONFIG:
        folders = [sysconfig.get_path("scripts"), str(Path(sys.executable).parent)]
        with contextlib.suppress(KeyError):  # a platform without a user scheme
            folders.append(sysconfig.get_path("scripts", f"{os.name}_user"))
    for folder in folders:
        found = shutil.which(EMBEDDED_NAME, path=folder)
        if found:
            return found
    return shutil.which(EMBEDDED_NAME)


def format_for(path: str | os.PathLike[str], format: str | None = None) -> str:
    """The output format: *format* when given, else from the suffix of *path*.

    >>> format_for("cycle.svg"), format_for("cycle.out", "png")
    ('svg', 'png')
    >>> format_for("cycle.jpg")
    Traceback (most recent call last):
    ...
    eftgraph.errors.RenderError: cycle.jpg: cannot tell the format from the suffix '.jpg' (allowed: .svg, .png, .pdf, .dot, .gv); did you mean '.png'?
    """
    if format is not None:
        if format not in FORMATS:
            raise RenderError(unknown("format", format, FORMATS))
        return format
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise RenderError(
            f"{path}: cannot tell the format from the suffix {suffix or '(none)'!r}"
            + choices_tail(SUFFIXES, nearest(suffix, SUFFIXES))
        )
    return SUFFIXES[suffix]


def renderer_named(renderer: str) -> str:
    """*renderer* when it is one of `RENDERERS`; a [`RenderError`][eftgraph.RenderError] if not.

    >>> renderer_named("sytem")
    Traceback (most recent call last):
    ...
    eftgraph.errors.RenderError: unknown renderer 'sytem' (allowed: auto, system, embedded); did you mean 'system'?
    """
    if renderer not in RENDERERS:
        raise RenderError(unknown("renderer", renderer, RENDERERS))
    return renderer


def _program(renderer: str, format: str) -> tuple[str, str]:
    """The renderer to use, as ``(name, executable)``; a [`RenderError`][eftgraph.RenderError] if there is none."""
    if renderer_named(renderer) in ("auto", "system"):
        system = find_system()
        if system:
            return "system", system
        if renderer == "system":
            raise RenderError(f"the system Graphviz 'dot' program was not found on PATH; {INSTALL_SYSTEM}")
    if format not in EMBEDDED_FORMATS:
        raise RenderError(
            f"{format.upper()} needs the system Graphviz (the embedded renderer makes "
            f"{' and '.join(f.upper() for f in EMBEDDED_FORMATS)}); {INSTALL_SYSTEM}, or write .svg or .png"
        )
    embedded = find_embedded()
    if embedded:
        return "embedded", embedded
    if renderer == "embedded":
        raise RenderError(f"the embedded renderer is not installed; install it with '{INSTALL_EMBEDDED}'")
    raise RenderError(
        f"no Graphviz renderer found; install the embedded one with '{INSTALL_EMBEDDED}', or {INSTALL_SYSTEM}"
    )


def pipe(source: str, format: str = "svg", *, renderer: str = "auto") -> bytes:
    """Render the DOT *source* to *format* and return the bytes (``dot``: the source itself).

    With ``renderer="auto"``, a system Graphviz that fails on the figure (old
    releases have layout bugs that newer ones fixed) or takes longer than
    ``SYSTEM_TIMEOUT`` seconds is followed by the embedded renderer, for the
    formats it makes.

    >>> pipe("digraph { a -> b }", "dot")
    b'digraph { a -> b }'
    """
    if format not in FORMATS:
        format_for("", format)
    if format == "dot":
        return source.encode("utf-8")
    name, program = _program(renderer, format)
    if not (renderer == "auto" and name == "system" and format in EMBEDDED_FORMATS):
        return _fonts(_run(name, program, source, format, TIMEOUT), format)
    try:
        return _fonts(_run(name, program, source, format, SYSTEM_TIMEOUT), format)
    except RenderError as error:
        embedded = find_embedded()
        if embedded is None:
            raise
        warnings.warn(f"{error}; drawing with the embedded renderer instead", RenderWarning, stacklevel=2)
        return _fonts(_run("embedded", embedded, source, format, TIMEOUT), format)


FONT_STACK = "Arial, 'Liberation Sans', Arimo, Helvetica, sans-serif"
"""The fonts an SVG asks for, in order: Arial's metrics, then fonts made to match them."""


class RenderWarning(UserWarning):
    """The system Graphviz failed and the embedded renderer drew the figure instead."""


LOG = logging.getLogger("eftgraph.render")
"""Graphviz's own warnings on a figure it did draw are logged here."""


def _fonts(data: bytes, format: str) -> bytes:
    """An SVG names a font stack instead of Arial alone, so its text fits where Arial is missing.

    >>> print(_fonts(b'<text font-family="Arial">a</text>', "svg").decode())
    <text font-family="Arial, 'Liberation Sans', Arimo, Helvetica, sans-serif">a</text>
    """
    if format != "svg":
        return data
    return data.replace(b'font-family="Arial"', f'font-family="{FONT_STACK}"'.encode())


def _run(name: str, program: str, source: str, format: str, timeout: float) -> bytes:
    try:
        done = subprocess.run(
            [program, f"-T{format}"],
            input=source.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise RenderError(f"the {name} renderer took longer than {timeout:g} s and was stopped") from None
    except OSError as error:
        raise RenderError(f"the {name} renderer ({program}) could not run: {error.strerror}") from None
    said = done.stderr.decode("utf-8", "replace").strip()
    if done.returncode != 0 or not done.stdout:
        message = said or f"exit status {done.returncode}"
        raise RenderError(f"the {name} renderer ({program}) failed: {message}")
    if said:  # Graphviz's own warnings, as a log record (a figure still came out)
        # the embedded renderer's notes on its own font metrics are for debugging only
        LOG.log(
            logging.WARNING if name == "system" else logging.DEBUG, "the %s renderer says: %s", name, said
        )
    return done.stdout
