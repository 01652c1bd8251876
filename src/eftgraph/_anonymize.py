"""Anonymising a case before it is shown: names and other identifiers out of every text and id.

A case file is clinical data about two people's intimate life. `anonymize` returns a
copy of a case in which the partners are "Partner A", "Partner B", … (or pseudonyms you
choose) and every name and extra identifier (children's names, places, employers) is
replaced wherever it appears: the title, element labels, link labels, concern labels,
partner names and every id (case, partner, element, domain). Matching is whole-word and
case-insensitive and takes possessives along ("Janine's", "Janine’s", Dutch "Janines").

The mapping from removed words to their replacements is returned *apart* from the case, so
the anonymised case can be shared while the mapping stays with the therapist.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Iterable, Mapping

import attrs

from eftgraph._model import (
    DOMAIN_PATTERN,
    ID_PATTERN,
    PARTNER_ID_PATTERN,
    Case,
    Concern,
    DeclaredPosition,
    Link,
    Partner,
)
from eftgraph._sheets import SLOTS
from eftgraph.errors import AnonymizationError

__all__ = ["anonymize"]

PARTICLES = frozenset(
    {"al", "bin", "ben", "da", "das", "de", "del", "della", "den", "der", "des", "di", "do", "dos", "du"}
    | {"el", "la", "le", "op", "'t", "te", "ten", "ter", "van", "von", "zu"}
)
"""Name particles that are never replaced on their own ("de" in "de Vries" is ordinary Dutch)."""

_TRANSLITERATE = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "đ": "d", "ł": "l"})
_SEPARATOR = r"[\s\-]+"
_POSSESSIVE = r"(?P<possessive>['’]s|s)?"
_NEUTRAL = re.compile(r"partner(?: [a-z]{1,3})?")
"""Names that are already neutral labels ("Partner A"): left alone, so anonymising twice changes nothing."""


def anonymize(
    case: Case,
    *,
    identifiers: Iterable[str] | Mapping[str, str] = (),
    pseudonyms: Mapping[str, str] | None = None,
) -> tuple[Case, dict[str, str]]:
    """A copy of *case* without the partners' names and without *identifiers*, plus the mapping.

    Parameters
    ----------
    case
        The case to anonymise; it is not changed.
    identifiers
        Other words that identify the couple: children's names, places, employers. Each
        becomes ``[X1]``, ``[X2]``, … unless given as a mapping ``{word: replacement}``.
    pseudonyms
        ``{partner_id: pseudonym}`` for partners who should get a name rather than
        ``Partner A``, ``Partner B``, ….

    Returns
    -------
    tuple[Case, dict[str, str]]
        The anonymised case, and ``{removed word or id: replacement}``. Keep the mapping
        apart from the case: it re-identifies the couple.

    Raises
    ------
    AnonymizationError
        For an empty identifier, a pseudonym for an unknown partner, or a replacement
        that itself contains a removed word (the result would not be anonymous).

    Examples
    --------
    >>> from eftgraph import load
    >>> case = load("examples/janine-mathijs.en.yaml")
    >>> anonymous, mapping = anonymize(case, identifiers=["Utrecht"])
    >>> [p.name for p in anonymous.partners], anonymous.title
    (['Partner A', 'Partner B'], 'Partner A & Partner B')
    >>> anonymous.id, mapping["Janine"], mapping["janine"]
    ('partner-a-partner-b', 'Partner A', 'partner-a')
    >>> anonymous.element("everyday.partner-a.behavior").label
    'criticises, raises her voice'

    Whole words, any case, possessives included:

    >>> from eftgraph import Element, Partner
    >>> note = Case(
    ...     id="jan-and-eva",
    ...     partners=[Partner("jan", "Jan de Vries"), Partner("eva", "Eva")],
    ...     elements=[Element("jans-fear", "fear", "Jans vader; EVA's job in Utrecht; Januari", partner="jan")],
    ... )
    >>> done, mapping = anonymize(note, identifiers=["Utrecht"], pseudonyms={"eva": "Sanne"})
    >>> [(e.id, e.label) for e in done.elements]
    [('partner-a-fear', "Partner A's vader; Sanne's job in [X1]; Januari")]
    >>> mapping
    {'Jan de Vries': 'Partner A', 'Jan': 'Partner A', 'de Vries': 'Partner A', 'Vries': 'Partner A', 'Eva': 'Sanne', 'jan': 'partner-a', 'eva': 'sanne', 'Utrecht': '[X1]'}
    """
    pseudonyms = dict(pseudonyms or {})
    partner_ids = [p.id for p in case.partners]
    for pid, pseudonym in pseudonyms.items():
        if pid not in partner_ids:
            raise AnonymizationError(
                f"a pseudonym for unknown partner {pid!r} (partners: {', '.join(partner_ids)})"
            )
        if not isinstance(pseudonym, str) or not pseudonym.strip():
            raise AnonymizationError(f"the pseudonym for {pid!r} is empty")
    labels = {
        p.id: " ".join(pseudonyms[p.id].split()) if p.id in pseudonyms else f"Partner {_letters(i)}"
        for i, p in enumerate(case.partners)
    }
    if len({label.casefold() for label in labels.values()}) < len(labels):
        raise AnonymizationError("two partners would get the same pseudonym")
    words = _words(case.partners, labels, identifiers)
    new_partner_ids = _unique(
        [
            _slug(labels[p.id], pattern=PARTNER_ID_PATTERN) or f"partner-{_letters(i).lower()}"
            for i, p in enumerate(case.partners)
        ]
    )
    partner_map = dict(zip(partner_ids, new_partner_ids, strict=True))
    text = _TextReplacer(words)
    ids = _IdReplacer(words, partner_map)
    chosen = [*(labels[pid] for pid in pseudonyms), *(w.replacement for w in words if w.chosen)]
    for replacement in chosen:
        leaked = text.leaks(replacement) or ids.leaks(_slug(replacement, pattern=ID_PATTERN) or "")
        if leaked:
            raise AnonymizationError(
                f"the replacement {replacement!r} contains the removed word {leaked[0]!r}; choose another"
            )

    domain_map = dict(zip(case.domains, _unique([ids.domain(d) for d in case.domains]), strict=True))
    element_map = _element_ids(case, ids, partner_map, domain_map)
    result = Case(
        id=ids.replace(case.id, ID_PATTERN) or "case",
        title=None if case.title is None else text.replace(case.title),
        language=case.language,
        partners=[Partner(partner_map[p.id], labels[p.id], pronoun=p.pronoun) for p in case.partners],
        elements=[
            attrs.evolve(
                e,
                id=element_map[e.id],
                label=text.replace(e.label),
                partner=None if e.partner is None else partner_map[e.partner],
                domain=domain_map[e.domain],
            )
            for e in case.elements
        ],
        links=[
            Link(
                element_map[link.source],
                element_map[link.target],
                sign=link.sign,
                label=None if link.label is None else text.replace(link.label),
            )
            for link in case.links
        ],
        concerns=[
            Concern(
                text.replace(c.label), c.kind, partner=None if c.partner is None else partner_map[c.partner]
            )
            for c in case.concerns
        ],
        positions=[
            DeclaredPosition(domain_map[d.domain], partner_map[d.partner], d.position) for d in case.positions
        ],
        domains=[domain_map[d] for d in case.domains],
    )
    mapping = {w.text: w.replacement for w in words if not w.identifier and w.text not in partner_map}
    mapping.update(partner_map)
    mapping.update({w.text: w.replacement for w in words if w.identifier})
    return result, mapping


@attrs.frozen
class _Word:
    """A word to remove, with what replaces it."""

    text: str
    replacement: str
    identifier: bool = False
    """Given by the caller (not derived from a partner's name)."""
    chosen: bool = False
    """The replacement was chosen by the caller (it must not hold a removed word)."""


def _letters(index: int) -> str:
    """Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA.

    >>> _letters(0), _letters(25), _letters(26)
    ('A', 'Z', 'AA')
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = string.ascii_uppercase[rest] + letters
    return letters


def _words(
    partners: Iterable[Partner],
    labels: Mapping[str, str],
    identifiers: Iterable[str] | Mapping[str, str],
) -> list[_Word]:
    """Every word to remove: full names, name parts, partner ids, identifiers.

    Parts two partners share (a surname) become a neutral ``[X…]`` rather than one partner's label.
    """
    people = list(partners)
    forms: dict[str, list[str]] = {}
    for person in people:
        name = " ".join(person.name.split())
        tokens = [t for t in re.split(_SEPARATOR, name) if t]
        found = [name]
        if _NEUTRAL.fullmatch(_key(name)):
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
            owners.setdefault(_key(form), set()).add(pid)

    if isinstance(identifiers, Mapping):
        given = [(str(word), str(replacement)) for word, replacement in identifiers.items()]
    elif isinstance(identifiers, str):
        raise AnonymizationError("identifiers must be a list of words, not one text")
    else:
        given = [(str(word), "") for word in identifiers]

    words: list[_Word] = []
    seen: set[str] = set()
    placeholders: dict[object, str] = {}

    def placeholder(owner: object) -> str:
        return placeholders.setdefault(owner, f"[X{len(placeholders) + 1}]")

    for person in people:
        for form in forms[person.id]:
            key = _key(form)
            if key in seen or _NEUTRAL.fullmatch(key):
                continue
            seen.add(key)
            if len(owners[key]) > 1:  # a surname two partners share
                words.append(_Word(form, placeholder(frozenset(owners[key]))))
            elif form == person.id:
                if len(form) >= 3 and any(c.isalpha() for c in form):
                    words.append(_Word(form, labels[person.id]))  # a nickname used as id
            else:
                words.append(_Word(form, labels[person.id]))
    for word, replacement in given:
        if not word.strip():
            raise AnonymizationError("an identifier is empty")
        key = _key(word)
        if key in seen:
            continue
        seen.add(key)
        chosen = " ".join(replacement.split())
        words.append(
            _Word(" ".join(word.split()), chosen or placeholder(key), identifier=True, chosen=bool(chosen))
        )
    return words


def _key(word: str) -> str:
    """The form two spellings of a word share: case, spacing and Unicode form ignored."""
    return unicodedata.normalize("NFC", " ".join(re.split(_SEPARATOR, word.strip()))).casefold()


def _unique(values: list[str]) -> list[str]:
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


def _slug_tokens(text: str) -> list[str]:
    """Lower-case ASCII word tokens of *text*: ``"Zoë de Vries"`` → ``["zoe", "de", "vries"]``."""
    ascii_text = (
        unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE))
        .encode("ascii", "ignore")
        .decode("ascii")
    )
    return [t for t in re.split(r"[^a-z0-9]+", ascii_text.lower()) if t]


def _slug(text: str, *, pattern: re.Pattern[str]) -> str | None:
    """*text* as an id matching *pattern*, or ``None`` when nothing of it survives."""
    slug = "-".join(_slug_tokens(text))
    return slug if slug and pattern.match(slug) else None


class _TextReplacer:
    """Replaces every removed word in a text, whole-word and case-insensitively."""

    def __init__(self, words: list[_Word]) -> None:
        self.words = sorted(words, key=lambda w: len(w.text), reverse=True)
        alternatives = [self._pattern(w.text) for w in self.words]
        self.each = [re.compile(rf"(?:{alt})\Z", re.IGNORECASE) for alt in alternatives]
        self.any = (
            re.compile(rf"(?<!\w)(?P<word>{'|'.join(alternatives)}){_POSSESSIVE}(?!\w)", re.IGNORECASE)
            if alternatives
            else None
        )

    @staticmethod
    def _pattern(word: str) -> str:
        forms = {word, unicodedata.normalize("NFC", word), unicodedata.normalize("NFD", word)}
        return "|".join(
            sorted(
                (_SEPARATOR.join(re.escape(t) for t in re.split(_SEPARATOR, form) if t) for form in forms),
                key=len,
                reverse=True,
            )
        )

    def replace(self, text: str) -> str:
        if self.any is None:
            return text
        return self.any.sub(self._substitute, text)

    def _substitute(self, match: re.Match[str]) -> str:
        found = match["word"]
        replacement = next(
            w.replacement for w, each in zip(self.words, self.each, strict=True) if each.match(found)
        )
        possessive = (match["possessive"] or "").lower()
        if possessive:
            possessive = "’s" if possessive.startswith("’") else "'s"
        return replacement + possessive

    def leaks(self, text: str) -> list[str]:
        """The removed words in *text*."""
        return [] if self.any is None else [m["word"] for m in self.any.finditer(text)]


class _IdReplacer:
    """Replaces removed words inside ids, token by token (``janine-coats`` → ``partner-a-coats``).

    Tokens are split at ``.``, ``-`` and ``_``, at a lower-case letter followed by a capital
    (``janineCoats``) and between letters and digits (``janine2``). Names and identifiers
    are removed from every id; partner ids (often short, like ``a``) only from element and
    case ids, where a partner's id is part of the name. Element and case ids also lose
    names of four letters or more written into a longer word (``mathijslaptop``), since
    ids are never read as prose.
    """

    _TOKENS = re.compile(r"([._\-]+|(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z]))")

    def __init__(self, words: list[_Word], partner_map: Mapping[str, str]) -> None:
        names: dict[tuple[str, ...], str] = {}
        for word in words:
            tokens = tuple(_slug_tokens(word.text))
            if tokens:
                names.setdefault(tokens, "-".join(_slug_tokens(word.replacement)) or "x")
        every = dict(names)
        for old, new in partner_map.items():
            every.setdefault(tuple(_slug_tokens(old)) or (old.lower(),), new)
        self.names = sorted(names.items(), key=lambda item: len(item[0]), reverse=True)
        self.every = sorted(every.items(), key=lambda item: len(item[0]), reverse=True)
        glued = {"".join(run): new for run, new in self.names if len("".join(run)) >= 4}
        self.glued = (
            re.compile("|".join(re.escape(g) for g in sorted(glued, key=len, reverse=True)), re.IGNORECASE)
            if glued
            else None
        )
        self.glued_map = glued

    def _swap(
        self, value: str, runs: list[tuple[tuple[str, ...], str]], *, glued: bool = False
    ) -> tuple[str, list[str]]:
        """*value* with every run of removed tokens replaced (separators kept), and what was removed."""
        parts = self._TOKENS.split(value)
        tokens, separators = parts[0::2], [*parts[1::2], ""]
        out: list[str] = []
        removed: list[str] = []
        i = 0
        while i < len(tokens):
            for run, new in runs:
                window = [t.lower() for t in tokens[i : i + len(run)]]
                if (
                    len(window) == len(run)
                    and window[:-1] == list(run[:-1])
                    and window[-1] in (run[-1], run[-1] + "s")
                ):
                    removed.append("-".join(tokens[i : i + len(run)]))
                    i += len(run)
                    out.append(new + (separators[i - 1] or ("-" if i < len(tokens) else "")))
                    break
            else:
                token = tokens[i]
                if glued and self.glued is not None:
                    token = self.glued.sub(lambda m: f"-{self.glued_map[m.group().lower()]}-", token).strip(
                        "-"
                    )
                    token = re.sub("-{2,}", "-", token)
                out.append(token + separators[i])
                i += 1
        return "".join(out), removed

    def replace(self, value: str, pattern: re.Pattern[str]) -> str:
        """*value* without removed words or partner ids, still matching *pattern* (or ``""``)."""
        new, _ = self._swap(value, self.every, glued=True)
        return new if pattern.match(new) else (_slug(new, pattern=pattern) or "")

    def domain(self, name: str) -> str:
        """A domain name without removed words (``everyday`` stays ``everyday``)."""
        new, _ = self._swap(name, self.names)
        return new if DOMAIN_PATTERN.match(new) else (_slug(new, pattern=DOMAIN_PATTERN) or "domain")

    def leaks(self, value: str) -> list[str]:
        """The removed words (as id tokens) in *value*."""
        return self._swap(value, self.names)[1]


def _element_ids(
    case: Case, ids: _IdReplacer, partner_map: Mapping[str, str], domain_map: Mapping[str, str]
) -> dict[str, str]:
    """New element ids: sheet slots keep the ``domain.partner.slot`` form, others lose removed words."""
    slot_ids: dict[str, str] = {}
    other: dict[str, str] = {}
    for e in case.elements:
        slot = next(
            (s for s, kind in SLOTS.items() if kind is e.kind and e.id == f"{e.domain}.{e.partner}.{s}"),
            None,
        )
        if slot is not None and e.partner is not None:
            slot_ids[e.id] = f"{domain_map[e.domain]}.{partner_map[e.partner]}.{slot}"
        else:
            other[e.id] = ids.replace(e.id, ID_PATTERN) or "element"
    old = [*slot_ids, *other]
    return dict(zip(old, _unique([*slot_ids.values(), *other.values()]), strict=True))
