"""Suggest the nearest valid word for a typo."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def nearest(word: str, choices: Iterable[str]) -> str | None:
    """The choice closest to *word*, or ``None`` when nothing is close.

    Examples
    --------
    >>> nearest("positon", ["position", "stance", "behavior"])
    'position'
    >>> nearest("Pursuer", ["pursuer", "withdrawer"])
    'pursuer'
    >>> nearest("zzz", ["pursuer", "withdrawer"]) is None
    True
    """
    options = list(choices)
    if word in options:
        return None
    lowered = {choice.lower(): choice for choice in options}
    if word.lower() in lowered:
        return lowered[word.lower()]
    found = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if not found:
        found = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
        found = [lowered[f] for f in found]
    return found[0] if found else None
