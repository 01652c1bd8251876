"""Anonymising, the replacing: removed words out of texts and ids, and the new element ids.

Part of [`anonymize`][eftgraph.anonymize]: a `TextReplacer` works on labels and titles
(whole words, any case, possessives along), an `IdReplacer` on ids (token by token).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from eftgraph._anonymize_words import SEPARATOR, Word, slug, slug_tokens, unique
from eftgraph._model import DOMAIN_PATTERN, ID_PATTERN, Case
from eftgraph._names import APOSTROPHES, clean, fold
from eftgraph._sheets import SLOTS

__all__ = ["IdReplacer", "TextReplacer", "element_ids"]

_POSSESSIVE = rf"(?P<possessive>[{APOSTROPHES}]s|s)?"
_EMAIL = re.compile(r"[\w.%+\-]+@[\w\-]+(?:\.[\w\-]+)+")
_HANDLE = re.compile(r"(?<![\w@])@\w+(?:\.\w+)*")
_HASHTAG = re.compile(r"(?<![\w#])#\w+")
EMAIL, HANDLE, HASHTAG = "[e-mail]", "[handle]", "[hashtag]"
"""What an e-mail address, a handle and a hashtag holding a name become."""
_AGAIN = 8
"""How often a text is replaced again at most. A second time settles every text we could build
(a replacement that anonymising would change is refused); the limit guards against the rest."""


class TextReplacer:
    """Replaces every removed word in a text, whole-word, in any case and with any diacritics.

    The text is cleaned of invisible characters first (a soft hyphen inside a name must not
    hide it). Words are matched on the text with its diacritics taken off, so every accent
    people put on a name is caught, not only the name's own (``Zoé``, ``ZOË`` and ``Zoe``
    for ``Zoë``; ``Bjørn`` for ``Björn``); what is replaced is the original word. Every
    e-mail address and every ``@handle`` goes, whatever it holds (they identify); a
    ``#hashtag`` goes when a name is written into it (``#PietEnChloe``).

    >>> replacer = TextReplacer([Word("Zoë", "Partner A")])
    >>> replacer.replace("Zoé calls ZOË; Zoe’s mother, Zoëlla and zoë.")
    'Partner A calls Partner A; Partner A’s mother, Zoëlla and Partner A.'
    """

    def __init__(self, words: list[Word]) -> None:
        self.compact = sorted(
            {c for w in words if len(c := "".join(slug_tokens(w.text))) >= 3}, key=len, reverse=True
        )
        patterns = {w: self._pattern(_folded(w.text)[0]) for w in words}
        # a "name" of accents and separators only ("´") folds to nothing: nothing to match
        self.words = sorted((w for w in words if patterns[w]), key=lambda w: len(w.text), reverse=True)
        alternatives = [patterns[w] for w in self.words]
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
                (SEPARATOR.join(_token(t) for t in re.split(SEPARATOR, form) if t) for form in forms),
                key=len,
                reverse=True,
            )
        )

    def replace(self, text: str) -> str:
        """*text* with every removed word, e-mail address, handle and named hashtag replaced.

        A replacement can make a handle of what was none: in ``Piet@home`` the ``@`` follows
        a letter, in ``[X1]@home`` it does not. So the text is replaced again until nothing
        changes (only a text holding ``@`` or ``#`` can change again, since the names are
        gone), and a copy anonymised once is the copy anonymised twice.

        >>> TextReplacer([Word("Piet", "[X1]")]).replace("Piet@home")
        '[X1][handle]'
        """
        text = self._once(clean(text))
        for _ in range(_AGAIN):
            if "@" not in text and "#" not in text:
                break
            again = self._once(text)
            if again == text:
                break
            text = again
        return text

    def _once(self, text: str) -> str:
        text = _HANDLE.sub(HANDLE, _EMAIL.sub(EMAIL, text))
        text = _HASHTAG.sub(self._hashtag, text)
        if self.any is None:
            return text
        folded, start, end = _folded(text)
        out: list[str] = []
        done = 0
        for match in self.any.finditer(folded):
            first, last = start[match.start()], end[match.end() - 1]
            out.append(text[done:first])
            possessive = text[start[match.start("possessive")] : last] if match["possessive"] else ""
            out.append(self._substitute(match["word"], possessive))
            done = last
        out.append(text[done:])
        return "".join(out)

    def _hashtag(self, match: re.Match[str]) -> str:
        tag = "".join(slug_tokens(match.group()))
        return HASHTAG if any(name in tag for name in self.compact) else match.group()

    def _substitute(self, found: str, possessive: str) -> str:
        """The replacement of the (folded) word *found*, with its *possessive* as written (``’s``, ``s``)."""
        replacement = next(
            w.replacement for w, each in zip(self.words, self.each, strict=True) if each.match(found)
        )
        possessive = possessive.lower()
        if possessive:
            possessive = "'s" if possessive[0] in "'s" else "’s"
        return replacement + possessive

    def leaks(self, text: str) -> list[str]:
        """The removed words in *text* (as they are written there)."""
        if self.any is None:
            return []
        text = clean(text)
        folded, start, end = _folded(text)
        return [text[start[m.start("word")] : end[m.end("word") - 1]] for m in self.any.finditer(folded)]


def _folded(text: str) -> tuple[str, list[int], list[int]]:
    """*text* without diacritics, and for each of its characters where it starts and ends in *text*.

    Each character is folded on its own (a combining mark folds to nothing and is taken
    along with the letter before it; ``æ`` folds to ``ae``, both of which stand for it);
    every apostrophe becomes ``'`` (``´`` would otherwise fold to a space).

    >>> _folded("Zoe\u0308 Ærø")
    ('Zoe AEro', [0, 1, 2, 4, 5, 5, 6, 7], [1, 2, 4, 5, 6, 6, 7, 8])
    """
    if text.isascii() and "`" not in text:
        every = list(range(len(text) + 1))
        return text, every[:-1], every[1:]
    pieces: list[str] = []
    start: list[int] = []
    end: list[int] = []
    for i, char in enumerate(text):
        piece = "'" if char in APOSTROPHES else char if char.isascii() else fold(char)
        if not piece:  # a combining mark: part of the character before it
            if end:
                end[-1] = i + 1
            continue
        pieces.append(piece)
        start.extend([i] * len(piece))
        end.extend([i + 1] * len(piece))
    folded = "".join(pieces)
    # a mark folded away after a multi-character piece belongs to all of that piece
    for k in range(len(end) - 2, -1, -1):
        if start[k] == start[k + 1]:
            end[k] = end[k + 1]
    return folded, start, end


def _token(token: str) -> str:
    """One word of a name as a pattern: any apostrophe matches any other (``O'Neill``, ``O’Neill``)."""
    return "".join(f"[{APOSTROPHES}]" if c in APOSTROPHES else re.escape(c) for c in token)


class IdReplacer:
    """Replaces removed words inside ids, token by token (``janine-coats`` → ``partner-a-coats``).

    Tokens are split at ``.``, ``-`` and ``_``, at a lower-case letter followed by a capital
    (``janineCoats``) and between letters and digits (``janine2``). Names and identifiers
    are removed from every id; partner ids (often short, like ``a``) only from element and
    case ids, where a partner's id is part of the name. Element and case ids also lose
    names of four letters or more written into a longer word (``mathijslaptop``), since
    ids are never read as prose.
    """

    _TOKENS = re.compile(r"([._\-]+|(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z]))")

    def __init__(self, words: list[Word], partner_map: Mapping[str, str]) -> None:
        names: dict[tuple[str, ...], str] = {}
        for word in words:
            tokens = tuple(slug_tokens(word.text))
            if tokens:
                names.setdefault(tokens, "-".join(slug_tokens(word.replacement)) or "x")
        every = dict(names)
        for old, new in partner_map.items():
            every.setdefault(tuple(slug_tokens(old)) or (old.lower(),), new)
        self.names = sorted(names.items(), key=lambda item: len(item[0]), reverse=True)
        self.every = sorted(every.items(), key=lambda item: len(item[0]), reverse=True)
        glued = {"".join(run): new for run, new in self.names if len("".join(run)) >= 4}
        self.glued = (
            re.compile("|".join(re.escape(g) for g in sorted(glued, key=len, reverse=True)), re.IGNORECASE)
            if glued
            else None
        )
        self.glued_map = glued
        self.single = {run[0]: new for run, new in self.names if len(run) == 1}

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
                    if token != tokens[i]:  # what is left beside a glued name may be a short name
                        token = "-".join(self.single.get(piece.lower(), piece) for piece in token.split("-"))
                    token = re.sub("-{2,}", "-", token)
                out.append(token + separators[i])
                i += 1
        return "".join(out), removed

    def replace(self, value: str, pattern: re.Pattern[str]) -> str:
        """*value* without removed words or partner ids, still matching *pattern* (or ``""``)."""
        new, _ = self._swap(value, self.every, glued=True)
        return new if pattern.match(new) else (slug(new, pattern=pattern) or "")

    def domain(self, name: str) -> str:
        """A domain name without removed words (``everyday`` stays ``everyday``)."""
        new, _ = self._swap(name, self.names)
        return new if DOMAIN_PATTERN.match(new) else (slug(new, pattern=DOMAIN_PATTERN) or "domain")

    def leaks(self, value: str) -> list[str]:
        """The removed words (as id tokens) in *value*."""
        return self._swap(value, self.names)[1]


def element_ids(
    case: Case, ids: IdReplacer, partner_map: Mapping[str, str], domain_map: Mapping[str, str]
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
    return dict(zip(old, unique([*slot_ids.values(), *other.values()]), strict=True))
