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
from eftgraph.errors import AnonymizationError

__all__ = ["SEPARATOR", "Word", "letters", "removed_words", "same_key", "slug", "slug_tokens", "unique"]

PARTICLES = frozenset(
    {"al", "bin", "ben", "da", "das", "de", "del", "della", "den", "der", "des", "di", "do", "dos", "du"}
    | {"el", "la", "le", "op", "'t", "te", "ten", "ter", "van", "von", "zu"}
)
"""Name particles that are never replaced on their own ("de" in "de Vries" is ordinary Dutch)."""

_TRANSLITERATE = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "đ": "d", "ł": "l"})
SEPARATOR = r"[\s\-]+"
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


def removed_words(
    partners: Iterable[Partner],
    labels: Mapping[str, str],
    identifiers: Iterable[str] | Mapping[str, str],
) -> list[Word]:
    """Every word to remove: full names, name parts, partner ids, identifiers.

    Parts two partners share (a surname) become a neutral ``[X…]`` rather than one partner's label.
    """
    people = list(partners)
    forms: dict[str, list[str]] = {}
    for person in people:
        name = " ".join(person.name.split())
        tokens = [t for t in re.split(SEPARATOR, name) if t]
        found = [name]
        if _NEUTRAL.fullmatch(same_key(name)):
            found = []  # already anonymous: "Partner A"
        elif len(tokens) > 1:
            parts = [t for t in tokens if t.casefold() not in PARTICLES and len(t.strip(".")) > 1]
            found += [tokens[0]] if tokens[0] in parts else []
            found += [" ".join(tokens[1:])] if set(tokens[1:]) & set(parts) else []
            found += parts
        found.append(person.id)
        forms[person.id] = found
    owners: dict[str, set[str]] = {}
    for pid, found in forms.items():
        for form in found:
            owners.setdefault(same_key(form), set()).add(pid)

    if isinstance(identifiers, Mapping):
        given = [(str(word), str(replacement)) for word, replacement in identifiers.items()]
    elif isinstance(identifiers, str):
        raise AnonymizationError("identifiers must be a list of words, not one text")
    else:
        given = [(str(word), "") for word in identifiers]

    words: list[Word] = []
    seen: set[str] = set()
    placeholders: dict[object, str] = {}

    def placeholder(owner: object) -> str:
        return placeholders.setdefault(owner, f"[X{len(placeholders) + 1}]")

    for person in people:
        for form in forms[person.id]:
            key = same_key(form)
            if key in seen or _NEUTRAL.fullmatch(key):
                continue
            seen.add(key)
            if len(owners[key]) > 1:  # a surname two partners share
                words.append(Word(form, placeholder(frozenset(owners[key]))))
            elif form == person.id:
                if len(form) >= 3 and any(c.isalpha() for c in form):
                    words.append(Word(form, labels[person.id]))  # a nickname used as id
            else:
                words.append(Word(form, labels[person.id]))
    for word, replacement in given:
        if not word.strip():
            raise AnonymizationError("an identifier is empty")
        key = same_key(word)
        if key in seen:
            continue
        seen.add(key)
        chosen = " ".join(replacement.split())
        words.append(
            Word(" ".join(word.split()), chosen or placeholder(key), identifier=True, chosen=bool(chosen))
        )
    return words


def same_key(word: str) -> str:
    """The form two spellings of a word share: case, spacing and Unicode form ignored."""
    return unicodedata.normalize("NFC", " ".join(re.split(SEPARATOR, word.strip()))).casefold()


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
