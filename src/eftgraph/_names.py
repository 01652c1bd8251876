"""A model of personal names, for anonymisation: every form in which a name is written.

A partner's name as the therapist typed it ("Wilhelmina (Mien) Bakker", "de Jong, Piet",
"Mary-Kate O’Neill", "Björn van den Berg") is parsed into given names, nicknames and a
surname with its particles. From that come the forms a name takes in running text (the full
name, surname first, given name, nickname, surname with and without its particles, an
initial with the surname, the part after an apostrophe) and the compact forms it takes in
ids, e-mail addresses and handles (``pdejong``, ``chloevdb``). Each form can be spelt with or
without its diacritics (Chloë, Chloe; Björn, Bjorn, Bjoern) and with any apostrophe.

Pasted text may hide invisible characters inside a name (a soft hyphen, a zero-width space);
[`clean`][eftgraph._names.clean] removes them before anything is matched.

Examples
--------
>>> name = parse_name("Wilhelmina (Mien) Bakker")
>>> name.given, name.nicknames, name.surname
(('Wilhelmina',), ('Mien',), 'Bakker')
>>> parse_name("de Jong, Piet").forms()
('de Jong, Piet', 'Piet de Jong', 'P. de Jong', 'de Jong', 'Piet', 'Jong')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import attrs

__all__ = ["PARTICLES", "Name", "clean", "fold", "parse_name", "spellings"]

PARTICLES = frozenset(
    {"al", "bin", "ben", "da", "das", "de", "del", "della", "den", "der", "des", "di", "do", "dos", "du"}
    | {"el", "het", "in", "la", "le", "op", "'t", "’t", "t", "te", "ten", "ter", "van", "von", "vom", "zu"}
)
"""Lower-case words that belong to a surname ("de" in "de Vries") but are ordinary words alone."""

APOSTROPHES = "'’‘`´ʼ"
"""The characters people and word processors type for an apostrophe."""

_ALWAYS_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff\u180e\u034f"), None)
_JOINER_BETWEEN_LETTERS = re.compile(r"(?<=\w)[\u200c\u200d]+(?=\w)")
_FOLD = str.maketrans(
    {"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss", "đ": "d", "Đ": "D"}
    | {"ł": "l", "Ł": "L", "ı": "i", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D"}
)
_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
_NICKNAME = re.compile(r"""\(([^()]+)\)|"([^"]+)"|“([^”]+)”|‘([^’]+)’|(?<!\w)'([^']+)'(?!\w)""")
_HYPHEN = re.compile(r"[-‐‑–]")


def clean(text: str) -> str:
    """*text* without the invisible characters that can hide inside a pasted name.

    Soft hyphens, zero-width spaces, word joiners and byte-order marks go everywhere; a
    zero-width (non-)joiner only between letters, so emoji sequences stay whole.

    Examples
    --------
    >>> clean("Jan\\u00adine and Ma\\u200bthijs")
    'Janine and Mathijs'
    >>> clean("👨\\u200d👩") == "👨\\u200d👩"
    True
    """
    return _JOINER_BETWEEN_LETTERS.sub("", text.translate(_ALWAYS_INVISIBLE))


def fold(text: str) -> str:
    """*text* with its letters' diacritics taken off (``Chloë`` → ``Chloe``, ``Søren`` → ``Soren``).

    Examples
    --------
    >>> fold("Chloë Björn Søren Ærø")
    'Chloe Bjorn Soren AEro'
    """
    if text.isascii():  # nothing to take off (and the normal forms of ASCII are itself)
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    combining = unicodedata.combining
    return unicodedata.normalize("NFC", "".join([c for c in decomposed if not combining(c)]))


def spellings(word: str) -> tuple[str, ...]:
    """The spellings *word* may be typed in: as given (composed and decomposed), without its
    diacritics and, for German umlauts, with ``oe``/``ue``/``ae``; sorted, longest first.

    Examples
    --------
    >>> sorted({unicodedata.normalize("NFC", s) for s in spellings("Björn")})
    ['Bjoern', 'Bjorn', 'Björn']
    >>> spellings("Piet")
    ('Piet',)
    """
    forms = {
        unicodedata.normalize("NFC", word),
        unicodedata.normalize("NFD", word),
        fold(word),
        fold(unicodedata.normalize("NFC", word).translate(_GERMAN)),
    }
    return tuple(sorted(forms, key=lambda form: (-len(form), form)))


def _particle(token: str) -> bool:
    return token.casefold() in PARTICLES or token.casefold().rstrip(APOSTROPHES) in {"d", "l"}


@attrs.frozen
class Name:
    """A person's name, parsed: given names, nicknames, and a surname with its particles."""

    text: str
    """The name as given, spaces normalised."""
    given: tuple[str, ...] = ()
    """Given names in order (``("Anna", "Maria")``)."""
    nicknames: tuple[str, ...] = ()
    """Names written in brackets or quotes (``Wilhelmina (Mien)``, ``Robert 'Bob'``)."""
    surname: str | None = None
    """The surname with its particles (``"van den Berg"``), if any."""

    @property
    def core(self) -> str | None:
        """The surname without its particles (``"Berg"``), if it has any other word."""
        if self.surname is None:
            return None
        words = [w for w in self.surname.split() if not _particle(w)]
        return " ".join(words) if words else None

    def parts(self) -> tuple[str, ...]:
        """Every single word of the name that identifies on its own (no particles, no initials).

        Hyphenated and apostrophe names give their parts too (``Mary-Kate`` → ``Mary``,
        ``Kate``; ``O’Neill`` → ``Neill``).

        >>> parse_name("Mary-Kate O’Neill").parts()
        ('Mary-Kate', 'Mary', 'Kate', 'O’Neill', 'Neill')
        """
        words = [*self.given, *self.nicknames, *(self.core or "").split()]
        found: list[str] = []
        for word in words:
            found.append(word)
            pieces = [p for p in _HYPHEN.split(word) if p]
            if len(pieces) > 1:
                found += pieces
            for piece in pieces:
                tail = re.split(f"[{APOSTROPHES}]", piece)
                if len(tail) > 1 and len(tail[-1]) > 1:
                    found.append(tail[-1])
        return _unique(w for w in found if len(w.strip(".")) > 1 and not _particle(w))

    def forms(self) -> tuple[str, ...]:
        """Every form the name takes in running text: whole forms first, then single words.

        >>> parse_name("Robert 'Bob' Visser").forms()
        ("Robert 'Bob' Visser", 'Visser, Robert', 'Robert Visser', 'Bob Visser', 'R. Visser', 'Visser', 'Robert', 'Bob')
        """
        first = self.given[0] if self.given else None
        whole: list[str] = [self.text]
        if self.surname is not None:
            whole += [f"{self.surname}, {' '.join(self.given)}"] if self.given else []
            names = (" ".join(self.given), *self.given, *self.nicknames) if self.given else self.nicknames
            whole += [f"{g} {self.surname}" for g in names]
            whole += [f"{first[0]}. {self.surname}"] if first else []
            whole.append(self.surname)
        return _unique([*whole, *self.parts()])

    def compact_forms(self) -> tuple[str, ...]:
        """The name as it is written into ids, e-mail addresses and handles: lower case, ASCII,
        no spaces (``pdejong``, ``pietdejong``, ``dejong``, ``piet``, ``jong``); at least 3 letters.

        >>> parse_name("Piet de Jong").compact_forms()
        ('pietdejong', 'dejongpiet', 'pdejong', 'dejong', 'pjong', 'piet', 'jong')
        """
        found: list[str] = []
        given = [c for c in (_compact(g) for g in self.given + self.nicknames) if c]  # "Zoë" yes, "\x1b" no
        surname = _compact(self.surname or "")
        core = _compact(self.core or "")
        for g in given:
            found += [g + surname, surname + g] if surname else []
        for g in given:
            found += [g[0] + surname] if surname else []
        found += [surname]
        found += [g[0] + core for g in given] if core and core != surname else []
        found += [_compact(part) for part in self.parts()]
        return _unique(f for f in found if len(f) >= 3)


def _compact(text: str) -> str:
    return "".join(c for c in fold(text).lower() if c.isascii() and c.isalnum())


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    seen: set[str] = set()
    result = []
    for item in items:
        key = item.casefold()
        if item and key not in seen:
            seen.add(key)
            result.append(item)
    return tuple(result)


def parse_name(name: str) -> Name:
    """Parse a name as therapists type it.

    ``Given [Given…] [(Nickname)] [particles] Surname``, or surname first with a comma
    (``de Jong, Piet``). Nicknames stand in brackets or quotes. Lower-case particles before
    the last word belong to the surname.

    Examples
    --------
    >>> parse_name("Piet van den Berg").surname, parse_name("Piet van den Berg").core
    ('van den Berg', 'Berg')
    >>> parse_name("Roos")
    Name(text='Roos', given=('Roos',), nicknames=(), surname=None)
    """
    text = " ".join(clean(name).split())
    nicknames = tuple(" ".join(next(g for g in m.groups() if g).split()) for m in _NICKNAME.finditer(text))
    rest = " ".join(_NICKNAME.sub(" ", text).split())
    if "," in rest:
        surname_part, _, given_part = rest.partition(",")
        given = tuple(given_part.split())
        surname = " ".join(surname_part.split()) or None
        return Name(text, given, nicknames, surname)
    words = rest.split()
    if len(words) <= 1:
        return Name(text, tuple(words), nicknames, None)
    start = len(words) - 1
    while start > 1 and _particle(words[start - 1]):
        start -= 1
    if start == 1 and _particle(words[0]):  # "van Dijk": a surname alone
        return Name(text, (), nicknames, " ".join(words))
    return Name(text, tuple(words[:start]), nicknames, " ".join(words[start:]))
