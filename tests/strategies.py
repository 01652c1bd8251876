"""Hypothesis strategies for random valid cases (shared by the property tests)."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from hypothesis import strategies as st

from eftgraph import (
    Case,
    Concern,
    ConcernKind,
    DeclaredPosition,
    Element,
    ElementKind,
    Link,
    Partner,
    Position,
    Sheet,
    Sign,
    Stance,
)
from eftgraph._sheets import SLOTS

__all__ = [
    "NAMES",
    "cases",
    "labels",
    "mutated_files",
    "name_leaks",
    "named_cases",
    "real_named_cases",
    "real_names",
    "unicode_texts",
    "written_forms",
]

labels = st.text(
    alphabet=st.characters(codec="utf-8"),
    min_size=1,
    max_size=40,
).filter(lambda text: text.strip() != "")
"""Any Unicode text a therapist could type (and more): quotes, newlines, emoji, RTL, controls."""

ids = st.from_regex(r"[a-z][a-z0-9_-]{0,8}", fullmatch=True)
domains = st.sampled_from(["everyday", "sexual", "caregiving", "work-life"])


@st.composite
def cases(draw: st.DrawFn, *, max_partners: int = 4) -> Case:
    """A random valid case: sheets, general elements, extra links, concerns, positions."""
    partner_ids = draw(st.lists(ids, min_size=1, max_size=max_partners, unique=True))
    partners = [
        Partner(pid, draw(labels), pronoun=draw(st.none() | st.sampled_from(["she", "he", "they"])))
        for pid in partner_ids
    ]
    sheets = []
    for domain in draw(st.lists(domains, max_size=3, unique=True)):
        for pid in draw(st.lists(st.sampled_from(partner_ids), max_size=len(partner_ids), unique=True)):
            slots = draw(st.sets(st.sampled_from([s for s in SLOTS if s != "behavior"])))
            position = draw(st.none() | st.sampled_from([Position.PURSUER, Position.WITHDRAWER]))
            stance = None
            if position is None:
                stance = draw(st.none() | st.sampled_from(list(Stance)))
            texts = {slot: draw(labels) for slot in sorted(slots)}
            sheets.append(
                Sheet(domain, pid, position=position, stance=stance, behavior=draw(labels), **texts)
            )
    elements = []
    taken = {f"{s.domain}.{s.partner}.{slot}" for s in sheets for slot in s.slots()}
    declared = {(s.domain, s.partner): s.position for s in sheets if s.position is not None}
    for eid in draw(st.lists(ids, max_size=6, unique=True)):
        if eid in taken:
            continue
        kind = draw(st.sampled_from(list(ElementKind)))
        partner = draw(st.sampled_from(partner_ids)) if kind is not ElementKind.TRIGGER else None
        partner = partner or draw(st.none() | st.sampled_from(partner_ids))
        domain = draw(domains)
        stance = None
        if kind is ElementKind.BEHAVIOR:
            position = declared.get((domain, str(partner)))
            choices = [Stance.REACH, Stance.RESPOND] if position is not None else list(Stance)
            stance = draw(st.none() | st.sampled_from(choices))
            if position is not None and draw(st.booleans()):
                stance = position.stance
        elements.append(Element(eid, kind, draw(labels), partner=partner, domain=domain, stance=stance))
    all_ids = sorted(taken | {e.id for e in elements})
    links = []
    if len(all_ids) >= 2:
        pairs = draw(
            st.lists(
                st.tuples(st.sampled_from(all_ids), st.sampled_from(all_ids)).filter(lambda p: p[0] != p[1]),
                max_size=8,
                unique=True,
            )
        )
        links = [
            Link(a, b, sign=draw(st.sampled_from(list(Sign))), label=draw(st.none() | labels))
            for a, b in pairs
        ]
    concerns = [
        Concern(
            draw(labels),
            draw(st.sampled_from(list(ConcernKind))),
            draw(st.none() | st.sampled_from(partner_ids)),
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    extra_positions = []
    used_domains = {s.domain for s in sheets} | {e.domain for e in elements}
    for domain in sorted(used_domains):
        for pid in partner_ids:
            if (domain, pid) in declared or not draw(st.booleans()):
                continue
            stances = {
                e.stance
                for e in elements
                if e.partner == pid and e.domain == domain and e.stance in (Stance.PURSUE, Stance.WITHDRAW)
            } | {s.stance for s in sheets if s.partner == pid and s.domain == domain}
            stances.discard(None)
            stances -= {Stance.REACH, Stance.RESPOND}
            if len(stances) > 1:
                continue
            position = Position.PURSUER if stances == {Stance.PURSUE} else Position.WITHDRAWER
            if not stances:
                position = draw(st.sampled_from([Position.PURSUER, Position.WITHDRAWER]))
            extra_positions.append(DeclaredPosition(domain, pid, position))
    return Case.from_sheets(
        id=draw(ids),
        title=draw(st.none() | labels),
        language=draw(st.sampled_from(["en", "nl"])),
        partners=partners,
        sheets=sheets,
        elements=elements,
        links=links,
        concerns=concerns,
        declared_positions=extra_positions,
    )


# --------------------------------------------------------------------------- anonymisation

NAMES = ("Zorbaxine", "Quellimar", "Vantorek", "Ysmeralda")
"""Names that cannot occur by chance in generated text, so a search for them is meaningful."""


@st.composite
def named_cases(draw: st.DrawFn) -> tuple[Case, list[str]]:
    """A random valid case whose partners carry :data:`NAMES`, sprinkled through every text and id.

    Returns the case and the names in it. Names stand as whole words (with possessives:
    ``Zorbaxine's``, ``Zorbaxine’s``, ``Zorbaxines``, in any case) in the title, labels,
    link and concern labels, and in partner, element and case ids.
    """
    import attrs

    case = draw(cases(max_partners=len(NAMES)))
    names = list(NAMES[: len(case.partners)])
    forms = st.sampled_from(["", "'s", "’s", "s"])
    spellings: list[Callable[[str], str]] = [str, str.upper, str.lower, str.title]
    cases_of = st.sampled_from(spellings)

    def sprinkle(text: str) -> str:
        if not draw(st.booleans()):
            return text
        name = draw(cases_of)(draw(st.sampled_from(names))) + draw(forms)
        at = draw(st.integers(0, len(text)))
        return f"{text[:at]} {name} {text[at:]}"

    partner_ids = {
        p.id: draw(st.sampled_from([p.id, name.lower()]))
        for p, name in zip(case.partners, names, strict=True)
    }
    if len(set(partner_ids.values())) < len(partner_ids):
        partner_ids = {p.id: name.lower() for p, name in zip(case.partners, names, strict=True)}

    def element_id(element: Element) -> str:
        for slot in ("trigger", "behavior", "perception", "secondary", "fear", "primary", "need"):
            if element.partner is not None and element.id == f"{element.domain}.{element.partner}.{slot}":
                return f"{element.domain}.{partner_ids[element.partner]}.{slot}"
        name = draw(st.sampled_from(names)).lower()
        glue = draw(st.sampled_from(["-", "_", ".", ""]))  # "": glued into one word
        return f"{name}{glue}{element.id}" if draw(st.booleans()) else f"{element.id}{glue}{name.title()}"

    element_ids = {e.id: element_id(e) for e in case.elements}
    named = Case(
        id=f"{names[0].lower()}-{case.id}",
        title=sprinkle(case.title or " & ".join(names)),
        language=case.language,
        partners=[
            attrs.evolve(p, id=partner_ids[p.id], name=name)
            for p, name in zip(case.partners, names, strict=True)
        ],
        elements=[
            attrs.evolve(
                e,
                id=element_ids[e.id],
                label=sprinkle(e.label),
                partner=None if e.partner is None else partner_ids[e.partner],
            )
            for e in case.elements
        ],
        links=[
            attrs.evolve(
                link,
                source=element_ids[link.source],
                target=element_ids[link.target],
                label=None if link.label is None else sprinkle(link.label),
            )
            for link in case.links
        ],
        concerns=[
            attrs.evolve(
                c, label=sprinkle(c.label), partner=None if c.partner is None else partner_ids[c.partner]
            )
            for c in case.concerns
        ],
        declared_positions=[attrs.evolve(d, partner=partner_ids[d.partner]) for d in case.declared_positions],
        domains=case.domains,
    )
    return named, names


# --------------------------------------------------------------------------- mutated case files

_EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

VALUES = (
    "42",
    "-1",
    "3.5",
    "1e999",
    "0x1F",
    ".nan",
    "true",
    "yes",
    "null",
    "~",
    "[]",
    "{}",
    '""',
    "''",
    "2024-01-01",
    "[a, b]",
    "{a: b}",
    '"x"',
    "[[[]]]",
    "*a",
    "&a x",
    "!!str 1",
    "!!binary aGk=",
)
"""Values of every type (and some YAML oddities) put where another value stood."""

SNIPPETS = (
    "&a x",
    "*a",
    "*undefined",
    "!!python/object/apply:os.system [true]",
    "!!python/name:os.system",
    "!!set {a}",
    "<<: *a",
    "<<: {a: 1}",
    "<<: 1",
    "? [a]\n: b",
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "=",
    "\t",
    "%YAML 1.1\n",
    "---\n",
    "...\n",
    "\ufeff",
    "\x00",
    "\r",
    "\u2028",
    "\x85",
    "#",
    "'",
    '"',
    "\\",
    '"\\u0000"',
    "[[a]]\n",
    "[x]\n",
    "a.b.c = 1\n",
    '"eftgraph": 2',
    "eftgraph: 1\n",
    "- ",
    "  ",
    "\n",
)
"""Fragments that break, or nearly break, YAML, JSON or TOML."""

_KEY = re.compile(r"([A-Za-z_][\w-]*)(\"?\s*[:=])")
_VALUE = re.compile(r"([:=][ \t]*)([^,\n\]}]+)")


@functools.cache
def _seeds() -> list[tuple[str, str]]:
    """The examples as written (comments and all), and as JSON and TOML."""
    from eftgraph import dumps, load

    seeds = []
    for path in sorted(_EXAMPLES.glob("*.yaml")):
        seeds.append((path.read_text(encoding="utf-8"), "yaml"))
        case = load(path)
        seeds += [(dumps(case, "json"), "json"), (dumps(case, "toml"), "toml")]
    return seeds


@st.composite
def mutated_files(draw: st.DrawFn) -> tuple[bytes, str]:
    """A case file (an example or a random valid case) broken by 1 to 4 mutations, and its format.

    Mutations: a key misspelt, a value retyped, a line dropped, duplicated, swapped or
    re-indented, a fragment of syntax inserted, bytes flipped, inserted or deleted, the
    file cut short.
    """
    from eftgraph import dumps

    if draw(st.booleans()):
        text, fmt = draw(st.sampled_from(_seeds()))
    else:
        fmt = draw(st.sampled_from(["yaml", "json", "toml"]))
        text = dumps(draw(cases(max_partners=3)), fmt)
    for _ in range(draw(st.integers(1, 4))):
        text = _mutate_text(draw, text)
    data = text.encode("utf-8")
    for _ in range(draw(st.integers(0, 2))):
        data = _mutate_bytes(draw, data)
    return data, fmt


def _mutate_text(draw: st.DrawFn, text: str) -> str:
    lines = text.splitlines(keepends=True) or [""]
    kind = draw(
        st.sampled_from(["key", "value", "drop", "duplicate", "swap", "indent", "snippet", "truncate"])
    )
    at = draw(st.integers(0, len(lines) - 1))
    if kind == "key":
        keys = list(_KEY.finditer(text))
        if keys:
            found = draw(st.sampled_from(keys))
            return text[: found.start(1)] + _misspell(draw, found[1]) + text[found.end(1) :]
    if kind == "value":
        values = list(_VALUE.finditer(text))
        if values:
            found = draw(st.sampled_from(values))
            return text[: found.start(2)] + draw(st.sampled_from(VALUES)) + text[found.end(2) :]
    if kind == "drop":
        del lines[at]
    elif kind == "duplicate":
        lines.insert(at, lines[at])
    elif kind == "swap":
        other = draw(st.integers(0, len(lines) - 1))
        lines[at], lines[other] = lines[other], lines[at]
    elif kind == "indent":
        lines[at] = draw(st.sampled_from(["", " ", "  ", "    ", "\t"])) + lines[at].lstrip(" ")
    elif kind == "snippet":
        where = draw(st.integers(0, len(text)))
        return text[:where] + draw(st.sampled_from(SNIPPETS)) + text[where:]
    elif kind == "truncate":
        return text[: draw(st.integers(0, len(text)))]
    return "".join(lines)


def _misspell(draw: st.DrawFn, word: str) -> str:
    i = draw(st.integers(0, len(word) - 1))
    how = draw(st.sampled_from(["delete", "swap", "replace", "double", "upper"]))
    if how == "delete":
        return word[:i] + word[i + 1 :]
    if how == "swap" and i + 1 < len(word):
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if how == "replace":
        return word[:i] + draw(st.sampled_from("aeiouxz_-0")) + word[i + 1 :]
    if how == "double":
        return word[:i] + word[i] + word[i:]
    return word.upper()


def _mutate_bytes(draw: st.DrawFn, data: bytes) -> bytes:
    at = draw(st.integers(0, len(data)))
    how = draw(st.sampled_from(["flip", "insert", "delete"]))
    if how == "flip" and at < len(data):
        return data[:at] + bytes([data[at] ^ (1 << draw(st.integers(0, 7)))]) + data[at + 1 :]
    if how == "insert":
        return data[:at] + draw(st.binary(min_size=1, max_size=4)) + data[at:]
    return data[:at] + data[at + draw(st.integers(1, 8)) :]


@st.composite
def unicode_texts(draw: st.DrawFn) -> tuple[str, str]:
    """A case file as Python text with any characters put in, lone surrogates and controls included."""
    text, fmt = draw(st.sampled_from(_seeds()))
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.text(min_size=1, max_size=3)) + text[at:]
    return text, fmt


# --------------------------------------------------------------------------- real-world names

GIVEN: tuple[str, ...] = (
    "Piet",
    "Chloë",
    "Björn",
    "Bas",
    "Roos",
    "Kees",
    "Wilhelmina",
    "Robert",
    "Mary-Kate",
)
GIVEN += ("Søren", "Anouk", "Zoë", "Jürgen", "Siobhán", "Jan-Willem", "Rose")
NICKNAMES = ("Mien", "Bob", "Pietje", "Bennie", "Kiki")
SURNAMES: tuple[str, ...] = (
    "de Jong",
    "van den Berg",
    "O’Neill",
    "D'Souza",
    "Bakker",
    "Visser",
    "de Boer",
    "Müller",
)
SURNAMES += ("ter Horst", "Ó Briain", "van Dijk", "Jansen")
_INVISIBLE = ("\u00ad", "\u200b", "\u2060", "\ufeff")


@st.composite
def real_names(draw: st.DrawFn) -> str:
    """A name as a therapist types it: given names, a nickname in brackets or quotes, surname first."""
    given = draw(st.sampled_from(GIVEN))
    surname = draw(st.sampled_from(SURNAMES))
    nickname = draw(st.sampled_from(NICKNAMES))
    shape = draw(
        st.sampled_from(["{g} {s}", "{g} ({n}) {s}", "{g} '{n}' {s}", "{g} “{n}” {s}", "{s}, {g}", "{g}"])
    )
    if draw(st.booleans()):  # two given names
        given = f"{given} {draw(st.sampled_from(GIVEN))}"
    return shape.format(g=given, s=surname, n=nickname)


_ACCENTS = {
    "a": "áàâäåã",
    "e": "éèêë",
    "i": "íìîï",
    "o": "óòôöøõ",
    "u": "úùûü",
    "c": "çč",
    "n": "ñ",
    "s": "šś",
    "z": "žź",
    "y": "ÿý",
}
"""Accented letters people type for a plain one (each folds back to it)."""


@st.composite
def written_forms(draw: st.DrawFn, name: str) -> str:
    """One way *name* is written in a label: any form of the name model, spelt any way.

    A form (surname first, nickname, initial, apostrophe part, …), a spelling without
    diacritics or with another accent, any apostrophe, any capitals (``Van den Berg`` at a sentence start), an
    invisible character inside, a possessive; or an e-mail address, handle or hashtag made of it.
    """
    from eftgraph._names import parse_name, spellings

    parsed = parse_name(name)
    kind = draw(st.sampled_from(["form", "form", "form", "email", "handle", "hashtag", "compact"]))
    compact = draw(st.sampled_from(parsed.compact_forms()))
    if kind == "email":
        return f"{compact}{draw(st.sampled_from(['', '71', '.x']))}@{draw(st.sampled_from(['mail.nl', 'x.com']))}"
    if kind == "handle":
        return "@" + compact[:3] + draw(st.sampled_from(["_", ".", ""])) + compact[3:]
    if kind == "hashtag":
        return "#" + "En".join(p.title() for p in [compact, draw(st.sampled_from(["Kids", "Love", ""]))] if p)
    if kind == "compact":
        return compact
    form = draw(st.sampled_from(spellings(draw(st.sampled_from(parsed.forms())))))
    capitals: list[Callable[[str], str]] = [str, str.upper, str.lower, lambda s: s[:1].upper() + s[1:]]
    form = draw(st.sampled_from(capitals))(form)
    form = form.replace("’", "'") if draw(st.booleans()) else form.replace("'", "’")
    accented = [i for i, c in enumerate(form) if c.lower() in _ACCENTS]
    if draw(st.booleans()) and accented:  # another accent than the name's own (Zoé for Zoë, Bjørn)
        at = draw(st.sampled_from(accented))
        other = draw(st.sampled_from(_ACCENTS[form[at].lower()]))
        form = form[:at] + (other.upper() if form[at].isupper() else other) + form[at + 1 :]
    if draw(st.booleans()) and len(form) > 2:
        at = draw(st.integers(1, len(form) - 1))
        form = form[:at] + draw(st.sampled_from(_INVISIBLE)) + form[at:]
    return form + draw(st.sampled_from(["", "", "'s", "’s", "s"]))


PROSE = ("goes quiet", "criticises", "feels alone", "wants to be seen", "at work", "the children", "")


@st.composite
def real_named_cases(draw: st.DrawFn) -> tuple[Case, list[str]]:
    """A random valid case of two partners with real-world names written every way in its texts.

    Returns the case and the partners' names.
    """
    import attrs

    case = draw(cases(max_partners=2))
    names = [draw(real_names()) for _ in case.partners]

    def sprinkle(text: str, always: bool = False) -> str:
        if not always and not draw(st.booleans()):
            return text
        written = draw(written_forms(draw(st.sampled_from(names))))
        words = [text[:40], draw(st.sampled_from(PROSE)), written, draw(st.sampled_from(PROSE))]
        draw(st.randoms()).shuffle(words)
        return " ".join(w for w in words if w) + " " + draw(st.sampled_from([".", ";", ",", "!"]))

    def compact_id(text: str) -> str:
        written = draw(written_forms(draw(st.sampled_from(names))))
        from eftgraph._names import clean, fold

        token = "".join(c for c in fold(clean(written)).lower() if c.isascii() and (c.isalnum() or c == "-"))
        token = token.strip("-")
        return f"{token[:20]}-{text}" if token and token[0].isalpha() else text

    return (
        attrs.evolve(
            case,
            id=compact_id(case.id),
            title=sprinkle(case.title or "case", always=True),
            partners=[attrs.evolve(p, name=n) for p, n in zip(case.partners, names, strict=True)],
            elements=[attrs.evolve(e, label=sprinkle(e.label)) for e in case.elements],
            links=[attrs.evolve(k, label=None if k.label is None else sprinkle(k.label)) for k in case.links],
            concerns=[attrs.evolve(c, label=sprinkle(c.label)) for c in case.concerns],
        ),
        names,
    )


def name_leaks(output: str, names: Iterable[str]) -> list[str]:
    """The words of *names* (each word, each compact form, any spelling) found as words in *output*.

    The output is cleaned of invisible characters, folded (no diacritics, no capitals) and cut
    into words at every non-letter, so ``O’Neill's`` gives ``o``, ``neill``, ``s``.
    """
    from eftgraph._names import clean, fold

    return sorted(_name_words(tuple(names)) & set(re.split(r"[^a-z0-9]+", fold(clean(output)).lower())))


@functools.lru_cache(maxsize=64)
def _name_words(names: tuple[str, ...]) -> frozenset[str]:
    """The words `name_leaks` looks for: of every part of *names*, in every spelling, folded; the compact forms."""
    from eftgraph._names import fold, parse_name, spellings

    wanted: set[str] = set()
    for name in names:
        parsed = parse_name(name)
        for part in parsed.parts():
            for spelling in spellings(part):
                wanted.update(w for w in re.split(r"[^a-z0-9]+", fold(spelling).lower()) if len(w) > 1)
        wanted.update(c for c in parsed.compact_forms() if len(c) >= 4)
    return frozenset(wanted)
