"""Suggest the nearest valid word for a typo."""

from __future__ import annotations

import functools
from collections.abc import Iterable

from eftgraph._translations import english
from eftgraph.errors import choices_tail, quoted

__all__ = ["nearest", "unknown"]


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

    A Dutch word typed for an English key or value gets the English word:

    >>> nearest("gedrag", ["behavior", "perception"]), nearest("achtervolger", ["pursuer", "withdrawer"])
    ('behavior', 'pursuer')
    """
    options = list(choices)
    if word in options:
        return None
    translated = english(word, options)
    if translated is not None:
        return translated
    lowered = {choice.lower(): choice for choice in options}
    if word.lower() in lowered:
        return lowered[word.lower()]
    if len(options) > _FEW:
        options = _likeliest(word, options)
    import difflib  # imported here: only a mistake needs it, and it costs a command's start ~2 ms

    found = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if not found:
        found = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
        found = [lowered[f] for f in found]
    return found[0] if found else None


_FEW = 40
"""Above this many choices, only the likeliest few are compared in full (difflib is slow)."""


def _likeliest(word: str, options: list[str]) -> list[str]:
    """The `_FEW` choices that share the most letter pairs with *word* (a cheap first sort).

    >>> _likeliest("e12-behavour", [f"e{i:02d}-behaviour" for i in range(100)])[0]
    'e12-behaviour'
    """
    pairs = _pairs(word.lower())
    scored = sorted(options, key=lambda option: -len(pairs & _pairs(option.lower())))
    return scored[:_FEW]


@functools.lru_cache(maxsize=4096)
def _pairs(word: str) -> frozenset[str]:
    return frozenset(word[i : i + 2] for i in range(len(word) - 1)) | {word[:1]}


def unknown(what: str, found: object, allowed: Iterable[str], language: object = "en") -> str:
    """The one wording of "that value is not one of the choices", with the nearest choice.

    *what* names the choice in English; the catalogs may word it whole
    (``error.unknown.<what>``: "onbekend domein 'x'"), which *language* then uses.

    Examples
    --------
    >>> unknown("theme", "prnt", ["default", "print", "slide"])
    "unknown theme 'prnt' (allowed: default, print, slide); did you mean 'print'?"
    >>> unknown("format", 3, ["svg"])
    'unknown format 3 (allowed: svg)'
    >>> unknown("scale", "DSA", ["DAS", "ECR-R"], "nl")
    "onbekende schaal 'DSA' (toegestaan: DAS, ECR-R); bedoelde je 'DAS'?"
    """
    from eftgraph.errors import _catalog_of

    options = list(allowed)
    hint = nearest(found, options) if isinstance(found, str) else None
    texts = _catalog_of(language)
    try:
        text = texts.text(f"error.unknown.{what}", found=quoted(found))
    except KeyError:
        text = texts.text("error.shape.unknown-choice", what=what, found=quoted(found))
    return text + choices_tail(options, hint, language)
