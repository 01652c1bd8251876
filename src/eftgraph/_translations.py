"""The English word for a Dutch word typed as a key or a value of a case file.

The keys and the fixed values of a case file are English (``behavior``,
``pursuer``); a Dutch therapist often types the Dutch word (``gedrag``,
``achtervolger``). When a key or a value is unknown, the error suggests the
English word it translates to, before any spelling-based guess.

>>> english("gedrag", ["behavior", "perception", "need"])
'behavior'
>>> english("Achtervolger", ["pursuer", "withdrawer"])
'pursuer'
>>> english("gedrag", ["pursuer", "withdrawer"]) is None
True
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

__all__ = ["DUTCH", "english"]

DUTCH: dict[str, tuple[str, ...]] = {
    # the file and its partners
    "versie": ("eftgraph",),
    "titel": ("title",),
    "taal": ("language",),
    "partner": ("partners",),
    "naam": ("name",),
    "voornaamwoord": ("pronoun",),
    "persoonlijk voornaamwoord": ("pronoun",),
    "cirkels": ("cycles",),
    "cirkel": ("cycles",),
    "interactiecirkels": ("cycles",),
    "elementen": ("elements",),
    "verbindingen": ("links",),
    "verbinding": ("links",),
    "koppelingen": ("links",),
    "zorgen": ("concerns", "caregiving"),
    "aandachtspunten": ("concerns",),
    "verwijzingen": ("concerns",),
    "gebeurtenissen": ("events",),
    "gebeurtenis": ("event",),
    "sessies": ("sessions",),
    # sheet slots and element kinds
    "aanleiding": ("trigger",),
    "uitlokker": ("trigger",),
    "gedrag": ("behavior",),
    "actietendens": ("behavior",),
    "perceptie": ("perception",),
    "waarneming": ("perception",),
    "gedachte": ("perception",),
    "secundair": ("secondary", "secondary_emotion"),
    "secundaire emotie": ("secondary", "secondary_emotion"),
    "secundaire_emotie": ("secondary", "secondary_emotion"),
    "angst": ("fear",),
    "gehechtheidsangst": ("fear",),
    "primair": ("primary", "primary_emotion"),
    "primaire emotie": ("primary", "primary_emotion"),
    "primaire_emotie": ("primary", "primary_emotion"),
    "behoefte": ("need",),
    "gehechtheidsbehoefte": ("need",),
    "verlangen": ("need",),
    "positie": ("position",),
    "houding": ("stance",),
    "soort": ("kind",),
    "type": ("kind",),
    "domein": ("domain",),
    "tekst": ("label",),
    "omschrijving": ("label",),
    "van": ("from",),
    "naar": ("to",),
    "teken": ("sign",),
    # values
    "achtervolger": ("pursuer",),
    "najager": ("pursuer",),
    "terugtrekker": ("withdrawer",),
    "vermijder": ("withdrawer",),
    "achtervolgen": ("pursue",),
    "najagen": ("pursue",),
    "terugtrekken": ("withdraw",),
    "toenadering": ("reach",),
    "toenadering zoeken": ("reach",),
    "reageren": ("respond",),
    "ingaan": ("respond",),
    "dagelijks": ("everyday",),
    "dagelijks leven": ("everyday",),
    "gehechtheid": ("everyday",),
    "seksueel": ("sexual",),
    "seksualiteit": ("sexual",),
    "seks": ("sexual",),
    "zorg": ("caregiving",),
    "zij": ("she",),
    "ze": ("she",),
    "hij": ("he",),
    "hen": ("they",),
    "die": ("they",),
    "disfunctie": ("dysfunction",),
    "seksuele disfunctie": ("dysfunction",),
    "ziekte": ("illness",),
    "beperking": ("disability",),
    "handicap": ("disability",),
    "parafilie": ("paraphilia",),
    "dwang": ("coercion",),
    "geweld": ("coercion",),
    "anders": ("other",),
    "overig": ("other",),
    "psychisch": ("mental-health",),
    "psychische klachten": ("mental-health",),
    "depressie": ("mental-health",),
    "verslaving": ("addiction",),
    "eenmalig": ("once",),
    "hechtingsbreuk": ("injury",),
    "gehechtheidswond": ("injury",),
    "gehechtheidsverwonding": ("injury",),
    "engels": ("en",),
    "nederlands": ("nl",),
}
"""Dutch words (lower case, without accents) and the English words they may stand for, most likely first."""


def _plain(word: str) -> str:
    """*word* in lower case without accents, with ``_`` and ``-`` as spaces."""
    decomposed = unicodedata.normalize("NFKD", word.strip().lower())
    text = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(text.replace("_", " ").replace("-", " ").split())


def english(word: str, allowed: Iterable[str]) -> str | None:
    """The allowed English word the Dutch *word* stands for, or ``None``.

    >>> english("Secundaire emotie", ["behavior", "secondary"])
    'secondary'
    >>> english("secundaire_emotie", ["behavior", "secondary_emotion"])
    'secondary_emotion'
    >>> english("zorgen", ["title", "concerns"]), english("zorg", ["everyday", "caregiving"])
    ('concerns', 'caregiving')
    """
    options = list(allowed)
    for candidate in DUTCH.get(_plain(word), ()):
        if candidate in options:
            return candidate
    return None
