"""Concerns in a figure: where each note stands (its panel and column) and the rows the notes make.

A concern of a domain shown stands in that domain's panel; one without a domain
matters to every cycle, so each cycle view shows it (the compare view once, in its
first panel). A concern without a partner (or of a partner with no column there)
stands between the columns. The notes go under the layers, the k-th note of every
column in row k.

>>> from eftgraph import load
>>> case = load("examples/published/sanne-ruud.yaml")
>>> place_notes(case, ("everyday",), [("sanne", "ruud")])
[]
>>> [(n.node, n.panel, n.column) for n in place_notes(case, ("everyday", "sexual"), [("sanne", "ruud")] * 2)]
[('c0', 1, 'ruud')]
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from eftgraph._model import Case, Concern

__all__ = ["Note", "note_rows", "place_notes"]


@attrs.frozen
class Note:
    """A concern drawn as a note: its node id, the panel and the column it stands under (``None``: between)."""

    node: str
    panel: int
    column: str | None
    concern: Concern


def place_notes(case: Case, domains: Sequence[str], columns: Sequence[Sequence[str | None]]) -> list[Note]:
    """The notes of *case*'s concerns in the panels of *domains* (each with its *columns*, left to right)."""
    notes = []
    for index, concern in enumerate(case.concerns):
        if concern.domain is not None and concern.domain not in domains:
            continue
        panel = domains.index(concern.domain) if concern.domain is not None else 0
        column = concern.partner if concern.partner in columns[panel] else None
        notes.append(Note(f"c{index}", panel, column, concern))
    return notes


def note_rows(notes: Sequence[Note], panels: Sequence[tuple[int, Sequence[str | None]]]) -> list[list[str]]:
    """The rows of *notes* under the layers, left to right: the k-th note of every column in row k.

    *panels* are ``(index, columns)``; notes of no one's column stand in the middle of
    their panel. Each row starts with its name node (``lc0``…) in the column of the
    layer names.

    >>> note = Note("c0", 0, None, Concern("money worries", "other"))
    >>> note_rows([note], [(0, ("a", "b"))])
    [['lc0', 'c0']]
    """
    slots: list[list[str]] = []
    for index, columns in panels:
        partners = [c for c in columns if c is not None]
        order: list[str | None] = [*partners]
        order.insert(len(partners) // 2, None)
        slots.extend([n.node for n in notes if n.panel == index and n.column == column] for column in order)
    depth = max((len(slot) for slot in slots), default=0)
    return [[f"lc{k}"] + [slot[k] for slot in slots if len(slot) > k] for k in range(depth)]
