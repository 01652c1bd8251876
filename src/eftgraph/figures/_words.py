"""The words a figure writes itself, read from the message catalogs (the ``[figure]`` tables).

The words live in ``eftgraph/messages/<code>.toml`` beside every other generated
text: a language with a catalog draws its figures too, and a word a catalog
leaves out falls back to English.

>>> words = Words("nl")
>>> words.cycle("sexual"), words.cycle("work"), words.layer(ElementKind.NEED)
('seksuele cirkel', 'cirkel work', 'gehechtheidsbehoefte')
>>> Words("en")("legend.cross")
"one partner's move sets off the other"
"""

from __future__ import annotations

from eftgraph._catalog import catalog
from eftgraph._loops import Pattern
from eftgraph._model import ElementKind, Position

__all__ = ["Words"]


class Words:
    """The figure words of one language (a code that has a catalog, such as ``"en"``)."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._catalog = catalog(language)

    def __call__(self, key: str, **values: str) -> str:
        """The word or template ``figure.<key>``, its ``{fields}`` filled with *values*."""
        return self._catalog.text(f"figure.{key}", **values)

    def layer(self, kind: ElementKind) -> str:
        """The name of the row of *kind* (``behaviour``, ``gedrag``…)."""
        return self(f"layer.{kind.value}")

    def position(self, position: Position) -> str:
        """The name of *position* under a partner's name."""
        return self(f"position.{position.value}")

    def pattern(self, pattern: Pattern) -> str:
        """The name of *pattern* (``Protest Polka``, ``protestpolka``…), from the catalog's ``[pattern]``."""
        return self._catalog.text(f"pattern.{pattern.value}")

    def cycle(self, domain: str) -> str:
        """The name of *domain*'s cycle."""
        try:
            return self(f"cycle.{domain}")
        except KeyError:
            return self("other_cycle", name=domain)
