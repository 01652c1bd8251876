"""Notebook display of a case, wired from above.

The case model sits low in the house and must not import the figures. So the model asks
this module for its notebook display, and the figures package registers the function that
draws a case when it is imported (which ``import eftgraph`` does).

Examples
--------
>>> from eftgraph._display import mimebundle
>>> mimebundle(object.__new__(type("Thing", (), {"__repr__": lambda self: "thing"})))["text/plain"]
'thing'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

__all__ = ["mimebundle", "register"]

Hook = Callable[[Any, "Iterable[str] | None", "Iterable[str] | None"], dict[str, Any]]

_hooks: dict[str, Hook] = {}


def register(hook: Hook) -> None:
    """Use *hook* ``(obj, include, exclude) -> {mime type: data}`` to display cases."""
    _hooks["case"] = hook


def mimebundle(
    obj: object, include: Iterable[str] | None = None, exclude: Iterable[str] | None = None
) -> dict[str, Any]:
    """What a notebook shows for *obj*: the registered drawing, else its text form."""
    hook = _hooks.get("case")
    if hook is None:
        return {"text/plain": repr(obj)}
    return hook(obj, include, exclude)
