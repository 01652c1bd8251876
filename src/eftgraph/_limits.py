"""The caps that keep a hostile or broken case file from taking a machine's memory or time.

Each cap has a default here and, where raising it makes sense, an environment variable that
raises it; `cap` is the one place that reads one.

Examples
--------
>>> cap("EFTGRAPH_MAX_LINKS", environ={})
5000
>>> cap("EFTGRAPH_MAX_LINKS", environ={"EFTGRAPH_MAX_LINKS": "6000"})
6000
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from eftgraph.errors import OptionError

__all__ = [
    "CAPS",
    "MAX_DEPTH",
    "MAX_ELEMENTS",
    "MAX_FILE_BYTES",
    "MAX_LINKS",
    "MAX_NODES",
    "MAX_PROBLEMS",
    "cap",
]

MAX_FILE_BYTES = 128_000
"""Largest case file read (128 kB: fifty times the worked example, and read in well under a
second); ``EFTGRAPH_MAX_FILE_BYTES`` raises it."""
MAX_ELEMENTS = 1_000
"""Most partners, elements (sheet slots included) or concerns a case file may hold.

Real cases have tens; ``EFTGRAPH_MAX_ELEMENTS`` raises the cap.
"""
MAX_LINKS = 5_000
"""Most links a case file may make (the standard wiring of its sheets included).

``EFTGRAPH_MAX_LINKS`` raises the cap.
"""
MAX_NODES = 200_000
"""Most values a document may hold after YAML aliases are expanded."""
MAX_PROBLEMS = 50
"""Most problems of one file told; the rest are counted (and get no suggestion, which costs time)."""
MAX_DEPTH = 64
"""Deepest nesting of mappings and lists accepted."""

CAPS = {
    "EFTGRAPH_MAX_FILE_BYTES": MAX_FILE_BYTES,
    "EFTGRAPH_MAX_ELEMENTS": MAX_ELEMENTS,
    "EFTGRAPH_MAX_LINKS": MAX_LINKS,
}
"""The caps the environment may raise: variable name -> default."""


def cap(variable: str, *, environ: Mapping[str, str] | None = None) -> int:
    """The cap *variable* sets: its value in the environment, else its default.

    Raises `eftgraph.errors.OptionError` when the variable holds anything but a whole number
    of zero or more.

    Examples
    --------
    >>> cap("EFTGRAPH_MAX_ELEMENTS", environ={"EFTGRAPH_MAX_ELEMENTS": "lots"})
    Traceback (most recent call last):
    ...
    eftgraph.errors.OptionError: EFTGRAPH_MAX_ELEMENTS must be a whole number of zero or more, found 'lots' (default: 1000)
    """
    default = CAPS[variable]
    text = (os.environ if environ is None else environ).get(variable)
    if text is None:
        return default
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise OptionError(
            f"{variable} must be a whole number of zero or more, found {text!r} (default: {default})"
        )
    return value
