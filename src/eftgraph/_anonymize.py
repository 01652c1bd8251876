"""Anonymising a case before it is shown: names and other identifiers out of every text and id.

A case file is clinical data about two people's intimate life. `anonymize` returns a
copy of a case in which the partners are "Partner A", "Partner B", … (or pseudonyms you
choose) and every name and extra identifier (children's names, places, employers) is
replaced wherever it appears: the title, element labels, link labels, concern labels,
partner names and every id (case, partner, element, domain). Each name is parsed by the name
model (`eftgraph._names`) into every form it is written in: surname first, given names,
nicknames, surnames with and without particles, initials, the parts of apostrophe names,
the compact forms of ids and handles, spellings without diacritics. Matching is whole-word
and case-insensitive after invisible characters are removed, and takes possessives along
("Janine's", "Janine’s", Dutch "Janines"). E-mail addresses and handles always go; a
hashtag goes when a name is written into it. See docs/privacy.md for the rule on names that
are also ordinary words.

Names as people write them: surname first, nicknames, spellings without diacritics,
apostrophes of any kind, invisible characters, e-mail addresses, handles and hashtags:

>>> from eftgraph import Case, Element, Partner
>>> real = Case(
...     id="pdejong71-chloevdb",
...     partners=[Partner("p", "de Jong, Piet (Pietje)"), Partner("c", "Chloë van den Berg")],
...     elements=[Element("p-fear", "fear", "Pie\u00adtje mails pdejong71@mail.nl; Chloe & Van den Berg;"
...                   " @chloe_vdb #PietEnChloe #boos", partner="p")],
... )
>>> done, _ = anonymize(real)
>>> done.id, done.elements[0].label
('partner-a-71-partner-b', 'Partner A mails [e-mail]; Partner B & Partner B; [handle] [hashtag] #boos')

The mapping from removed words to their replacements is returned *apart* from the case, so
the anonymised case can be shared while the mapping stays with the therapist.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from eftgraph._anonymize_replace import IdReplacer, TextReplacer, element_ids
from eftgraph._anonymize_words import letters, removed_words, slug, unique
from eftgraph._course_data import map_session_texts
from eftgraph._model import ID_PATTERN, PARTNER_ID_PATTERN, Case, DeclaredPosition, Link, Partner
from eftgraph._names import clean
from eftgraph.errors import AnonymizationError

__all__ = ["anonymize"]


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
    {'Jan de Vries': 'Partner A', 'de Vries, Jan': 'Partner A', 'J. de Vries': 'Partner A', 'de Vries': 'Partner A', 'Jan': 'Partner A', 'Vries': 'Partner A', 'Eva': 'Sanne', 'jan': 'partner-a', 'eva': 'sanne', 'Utrecht': '[X1]'}
    """
    pseudonyms = dict(pseudonyms or {})
    labels = _labels(case, pseudonyms)
    words = removed_words(case.partners, labels, identifiers)
    partner_map = _partner_ids(case, labels)
    text = TextReplacer(words)
    ids = IdReplacer(words, partner_map)
    _refuse_leaks(
        [*(labels[pid] for pid in pseudonyms), *(w.replacement for w in words if w.chosen)], text, ids
    )
    result = _rebuilt(case, text, ids, labels, partner_map)
    mapping = {
        w.text: w.replacement for w in words if w.listed and not w.identifier and w.text not in partner_map
    }
    mapping.update(partner_map)
    mapping.update({w.text: w.replacement for w in words if w.listed and w.identifier})
    return result, mapping


def _labels(case: Case, pseudonyms: Mapping[str, str]) -> dict[str, str]:
    """Each partner's new name: the pseudonym given, else ``Partner A``, ``Partner B``, …"""
    partner_ids = [p.id for p in case.partners]
    for pid, pseudonym in pseudonyms.items():
        if pid not in partner_ids:
            raise AnonymizationError(
                f"a pseudonym for unknown partner {pid!r} (partners: {', '.join(partner_ids)})"
            )
        if not isinstance(pseudonym, str) or not pseudonym.strip():
            raise AnonymizationError(f"the pseudonym for {pid!r} is empty")
    labels = {
        p.id: " ".join(pseudonyms[p.id].split()) if p.id in pseudonyms else f"Partner {letters(i)}"
        for i, p in enumerate(case.partners)
    }
    if len({label.casefold() for label in labels.values()}) < len(labels):
        raise AnonymizationError("two partners would get the same pseudonym")
    return labels


def _partner_ids(case: Case, labels: Mapping[str, str]) -> dict[str, str]:
    """``{old partner id: new}``: the new name as an id (``partner-a``, ``sanne``), each once."""
    new = unique(
        [
            slug(labels[p.id], pattern=PARTNER_ID_PATTERN) or f"partner-{letters(i).lower()}"
            for i, p in enumerate(case.partners)
        ]
    )
    return dict(zip((p.id for p in case.partners), new, strict=True))


def _refuse_leaks(chosen: Iterable[str], text: TextReplacer, ids: IdReplacer) -> None:
    """An error when a replacement the caller chose holds a removed word (the result would not be anonymous).

    Also when anonymising would change the replacement itself (an e-mail address, a handle,
    a hashtag with a name): the copy would not say what the caller chose, and anonymising it
    again would change it again.
    """
    for replacement in chosen:
        leaked = text.leaks(replacement) or ids.leaks(slug(replacement, pattern=ID_PATTERN) or "")
        if leaked:
            raise AnonymizationError(
                f"the replacement {replacement!r} contains the removed word {leaked[0]!r}; choose another"
            )
        anonymised = text.replace(replacement)
        if anonymised != clean(replacement):
            raise AnonymizationError(
                f"the replacement {replacement!r} would itself be anonymised (to {anonymised!r}); choose another"
            )


def _rebuilt(
    case: Case, text: TextReplacer, ids: IdReplacer, labels: Mapping[str, str], partner_map: Mapping[str, str]
) -> Case:
    """*case* with every text and id through the replacers."""
    domain_map = dict(zip(case.domains, unique([ids.domain(d) for d in case.domains]), strict=True))
    element_map = element_ids(case, ids, partner_map, domain_map)

    def partner(old: str | None) -> str | None:
        return None if old is None else partner_map[old]

    return Case(
        id=ids.replace(case.id, ID_PATTERN) or "case",
        title=None if case.title is None else text.replace(case.title),
        language=case.language,
        partners=[Partner(partner_map[p.id], labels[p.id], pronoun=p.pronoun) for p in case.partners],
        elements=[
            attrs.evolve(
                e,
                id=element_map[e.id],
                label=text.replace(e.label),
                partner=partner(e.partner),
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
            attrs.evolve(
                c,
                label=text.replace(c.label),
                partner=partner(c.partner),
                domain=None if c.domain is None else domain_map.get(c.domain, c.domain),
            )
            for c in case.concerns
        ],
        declared_positions=[
            DeclaredPosition(domain_map[d.domain], partner_map[d.partner], d.position)
            for d in case.declared_positions
        ],
        domains=[domain_map[d] for d in case.domains],
        sessions=map_session_texts(case.sessions, text.replace, partner_map, domain_map),
    )
