"""Anonymising, the words: which names, name parts and identifiers a case loses, and ids made of words.

Part of [`anonymize`][eftgraph.anonymize]: `removed_words` lists every word to remove
with its replacement; `slug` turns a replacement into an id.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Iterable, Mapping

import attrs

from eftgraph._model import Partner
from eftgraph._names import Name, clean, parse_name, spellings
from eftgraph.errors import AnonymizationError

__all__ = [
    "SEPARATOR",
    "Word",
    "letters",
    "name_forms",
    "removed_words",
    "same_key",
    "slug",
    "slug_tokens",
    "unique",
]

_TRANSLITERATE = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "đ": "d", "ł": "l"})
SEPARATOR = r"[\s\-‐‑–]+"
"""What separates the parts of a name ("Jan-Willem", "de Vries")."""
_NEUTRAL = re.compile(r"partner(?: [a-z]{1,3})?")
"""Names that are already neutral labels ("Partner A"): left alone, so anonymising twice changes nothing."""


@attrs.frozen
class Word:
    """A word to remove, with what replaces it."""

    text: str
    replacement: str
    identifier: bool = False
    """Given by the caller (not derived from a partner's name)."""
    chosen: bool = False
    """The replacement was chosen by the caller (it must not hold a removed word)."""
    listed: bool = True
    """Shown in the mapping; another spelling or a compact form (``pdejong``) is not."""


def letters(index: int) -> str:
    """Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA.

    >>> letters(0), letters(25), letters(26)
    ('A', 'Z', 'AA')
    """
    text = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        text = string.ascii_uppercase[rest] + text
    return text


def name_forms(name: str) -> tuple[list[str], list[str]]:
    """The forms of a partner's *name* to remove: ``(forms shown in the mapping, other spellings)``.

    The forms come from the name model ([`parse_name`][eftgraph._names.parse_name]): the
    name, surname first, given names, nicknames, the surname with and without its particles,
    an initial with the surname, the part after an apostrophe; then the compact forms of ids,
    e-mail addresses and handles (``pdejong``, ``chloevdb``), and every spelling of each
    (``Chloe`` for ``Chloë``, ``Bjoern`` for ``Björn``).

    >>> forms, others = name_forms("Chloë van den Berg")
    >>> forms
    ['Chloë van den Berg', 'van den Berg, Chloë', 'C. van den Berg', 'van den Berg', 'Chloë', 'Berg']
    >>> [w for w in others if w.startswith("chloe")]
    ['chloevandenberg', 'chloe', 'chloevdb']
    >>> "Chloe van den Berg" in others, "Bjoern" in name_forms("Björn")[1]
    (True, True)
    """
    parsed = parse_name(name)
    if not parsed.text or _NEUTRAL.fullmatch(same_key(parsed.text)):
        return [], []  # already anonymous: "Partner A"
    forms = list(parsed.forms())
    others: list[str] = []
    for spelling in spellings(parsed.text):
        variant = parse_name(spelling)
        others += [*variant.forms(), *variant.compact_forms(), *_initials_forms(variant)]
    others += [s for form in forms for s in spellings(form)]
    known = {same_key(f) for f in forms}
    unique_others: list[str] = []
    for other in others:
        if same_key(other) not in known:
            known.add(same_key(other))
            unique_others.append(other)
    return forms, unique_others


def _initials_forms(name: Name) -> list[str]:
    """Handles made of a given name and the initials of a surname of several words (``chloevdb``)."""
    words = (name.surname or "").split()
    if len(words) < 2:
        return []
    initials = "".join(slug_tokens(w)[0][0] for w in words if slug_tokens(w))
    return ["".join(slug_tokens(g)) + initials for g in (*name.given, *name.nicknames) if slug_tokens(g)]


def removed_words(
    partners: Iterable[Partner],
    labels: Mapping[str, str],
    identifiers: Iterable[str] | Mapping[str, str],
) -> list[Word]:
    """Every word to remove: every form of the names (see `name_forms`), partner ids, identifiers.

    Forms two partners share (a surname) become a neutral ``[X…]`` rather than one partner's label.
    """
    people = list(partners)
    forms: dict[str, list[tuple[str, bool]]] = {}
    for person in people:
        shown, others = name_forms(person.name)
        forms[person.id] = [(f, True) for f in shown] + [(f, False) for f in others] + [(person.id, True)]
    owners: dict[str, set[str]] = {}
    for pid, found in forms.items():
        for form, _ in found:
            owners.setdefault(same_key(form), set()).add(pid)
    given = _given(identifiers)
    words: list[Word] = []
    seen: set[str] = set()
    placeholders: dict[object, str] = {}

    def placeholder(owner: object) -> str:
        return placeholders.setdefault(owner, f"[X{len(placeholders) + 1}]")

    for person in people:
        for form, listed in forms[person.id]:
            key = same_key(form)
            if key in seen or _NEUTRAL.fullmatch(key) or not key.strip():
                continue
            seen.add(key)
            if len(owners[key]) > 1:  # a surname two partners share
                words.append(Word(form, placeholder(frozenset(owners[key])), listed=listed))
            elif form == person.id:
                if len(form) >= 3 and any(c.isalpha() for c in form):
                    words.append(Word(form, labels[person.id]))  # a nickname used as id
            else:
                words.append(Word(form, labels[person.id], listed=listed))
    for word, replacement in given:
        key = same_key(word)
        if key in seen:
            continue
        seen.add(key)
        chosen = " ".join(replacement.split())
        new = chosen or placeholder(key)
        words.append(Word(" ".join(word.split()), new, identifier=True, chosen=bool(chosen)))
        for spelling in spellings(clean(" ".join(word.split()))):
            if same_key(spelling) not in seen:
                seen.add(same_key(spelling))
                words.append(Word(spelling, new, identifier=True, chosen=bool(chosen), listed=False))
    return words


def _given(identifiers: Iterable[str] | Mapping[str, str]) -> list[tuple[str, str]]:
    """The caller's identifiers as ``(word, replacement or "")`` pairs."""
    if isinstance(identifiers, Mapping):
        given = [(str(word), str(replacement)) for word, replacement in identifiers.items()]
    elif isinstance(identifiers, str):
        raise AnonymizationError("identifiers must be a list of words, not one text")
    else:
        given = [(str(word), "") for word in identifiers]
    if any(not word.strip() for word, _ in given):
        raise AnonymizationError("an identifier is empty")
    return given


def same_key(word: str) -> str:
    """The form two spellings of a word share: case, spacing and Unicode form ignored."""
    return unicodedata.normalize("NFC", " ".join(re.split(SEPARATOR, clean(word).strip()))).casefold()


def unique(values: list[str]) -> list[str]:
    """*values* with repeats made distinct by ``-2``, ``-3``, … (first one kept)."""
    taken: set[str] = set()
    result = []
    for value in values:
        candidate, n = value, 1
        while candidate in taken:
            n += 1
            candidate = f"{value}-{n}"
        taken.add(candidate)
        result.append(candidate)
    return result


def slug_tokens(text: str) -> list[str]:
    """Lower-case ASCII word tokens of *text*: ``"Zoë de Vries"`` → ``["zoe", "de", "vries"]``."""
    ascii_text = (
        unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE))
        .encode("ascii", "ignore")
        .decode("ascii")
    )
    return [t for t in re.split(r"[^a-z0-9]+", ascii_text.lower()) if t]


def slug(text: str, *, pattern: re.Pattern[str]) -> str | None:
    """*text* as an id matching *pattern*, or ``None`` when nothing of it survives."""
    slug = "-".join(slug_tokens(text))
    return slug if slug and pattern.match(slug) else None
