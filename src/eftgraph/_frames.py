"""The grammatical shape of a therapist's label, so that a sentence frame fits it.

Therapists write labels as they come: a move ("pushes his feelings down",
"trekt zich terug"), a noun ("anger", "schaamte"), a clause ("that she will
walk away", "dat hij haar teleurstelt"), or the partner's own words ("I'm
failing as a husband", "bang dat hij niet om me geeft"). A narrative picks
its frame by that shape: a move follows the name ("Mathijs trekt zich
terug"), the partner's own words are quoted, and everything else goes after a
colon or an "is" that fits every form.

The words that decide the shape (first-person words, determiners, verb
endings) live in each language's catalog under ``[shape]``, so a new
language is a new file.

>>> shape("I'm failing as a husband", "en"), shape("bang dat hij niet om me geeft", "nl")
(<Shape.OWN_WORDS: 'own-words'>, <Shape.OWN_WORDS: 'own-words'>)
>>> shape("trekt zich terug, wordt stil", "nl"), shape("stille avond achter de laptop", "nl")
(<Shape.MOVE: 'move'>, <Shape.OTHER: 'other'>)
>>> shape("that she will walk away", "en"), shape("shame", "en")
(<Shape.CLAUSE: 'clause'>, <Shape.OTHER: 'other'>)
"""

from __future__ import annotations

import enum
import re

from eftgraph._catalog import catalog

__all__ = ["Shape", "shape"]


class Shape(str, enum.Enum):
    """The grammatical shape of a label, as far as a frame cares."""

    OWN_WORDS = "own-words"
    """The partner's own words, in the first person: quote them."""
    CLAUSE = "clause"
    """A subordinate clause ("that …", "dat …"): it follows "is" or "afraid"."""
    MOVE = "move"
    """A verb phrase in the third person ("criticises", "trekt zich terug"): it follows the name."""
    OTHER = "other"
    """A noun, a gerund or an infinitive: it follows a colon or "is"."""

    def __str__(self) -> str:
        return self.value


_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def _words(label: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(label)]


def shape(label: str, language: object = "en") -> Shape:
    """The shape of *label* in *language* (see `Shape`).

    >>> shape("criticises, raises her voice"), shape("found very friendly e-mails")
    (<Shape.MOVE: 'move'>, <Shape.MOVE: 'move'>)
    >>> shape("verloor zijn erectie tijdens het vrijen", "nl"), shape("de ‘verkeerde’ jassen", "nl")
    (<Shape.MOVE: 'move'>, <Shape.OTHER: 'other'>)
    >>> shape("he doesn't hear me; I don't matter to him")
    <Shape.OWN_WORDS: 'own-words'>
    """
    texts = catalog(language)
    words = _words(label)
    if not words:
        return Shape.OTHER
    own = set(texts.words("shape.own_words"))
    if any(word in own for word in words):
        return Shape.OWN_WORDS
    first = words[0]
    if first in texts.words("shape.clause_starts"):
        return Shape.CLAUSE
    if first in texts.words("shape.not_verbs"):
        return Shape.OTHER
    if first in texts.words("shape.verbs") or (
        len(first) > 3
        and first.endswith(tuple(texts.words("shape.verb_endings")))
        and not first.endswith(tuple(texts.words("shape.noun_endings")))
    ):
        return Shape.MOVE
    return Shape.OTHER
