"""The caps on what a case document holds, checked before any work on it."""

from __future__ import annotations

from typing import Any

from eftgraph._limits import cap
from eftgraph._sheets import CHAIN, ENTRY, SLOTS
from eftgraph._structure_reader import Reader
from eftgraph.errors import Message

__all__ = ["too_big"]


def too_big(read: Reader, top: dict[str, Any]) -> bool:
    """Report (and say so) when the document holds more than the caps allow, before any work on it.

    Sheets are counted as the elements and links they expand to: *n* partners in one domain
    link to each other, so their standard wiring alone makes *n* x (*n* - 1) links.
    """
    max_elements = cap("EFTGRAPH_MAX_ELEMENTS")
    max_links = cap("EFTGRAPH_MAX_LINKS")
    slots, wiring = _sheet_sizes(top.get("cycles"))
    before = len(read.problems)

    def size(key: str) -> int:
        value = top.get(key)
        return len(value) if isinstance(value, list) else 0

    counts = [
        ("partners", size("partners"), "partners", max_elements, "EFTGRAPH_MAX_ELEMENTS"),
        ("elements", size("elements") + slots, "elements", max_elements, "EFTGRAPH_MAX_ELEMENTS"),
        ("concerns", size("concerns"), "concerns", max_elements, "EFTGRAPH_MAX_ELEMENTS"),
        ("links", size("links") + wiring, "links", max_links, "EFTGRAPH_MAX_LINKS"),
    ]
    for key, count, what, most, variable in counts:
        if count > most:
            where = key if key != "elements" or size("elements") > slots else "cycles"
            where = "cycles" if key == "links" and wiring > size("links") else where
            read.problem(
                (where,),
                Message(
                    "error.case.too-many",
                    {
                        "count": count,
                        "what": Message(f"error.case.what.{what}"),
                        "cap": most,
                        "variable": variable,
                    },
                ),
                found=str(count),
            )
    return len(read.problems) > before


def _sheet_sizes(raw_cycles: Any) -> tuple[int, int]:
    """How many elements (slots) and standard links (wiring) the sheets of *raw_cycles* make."""
    domains = [
        d for d in (raw_cycles.values() if isinstance(raw_cycles, dict) else ()) if isinstance(d, dict)
    ]
    slots = wiring = 0
    for domain in domains:
        present = [SLOTS.keys() & column.keys() for column in domain.values() if isinstance(column, dict)]
        slots += sum(len(column) for column in present)
        behaviors = sum("behavior" in column for column in present)
        entries = sum(bool(column & set(ENTRY)) for column in present)
        wiring += behaviors * entries - behaviors  # each behaviour reaches every other column
        wiring += sum(
            max(0, len(column & set(CHAIN)) - 1) + ({"primary", "need"} <= column) for column in present
        )
    return slots, wiring
