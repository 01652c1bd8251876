"""The name model behind anonymisation: every form a name is written in."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eftgraph._names import PARTICLES, clean, fold, parse_name, spellings

GIVEN = st.sampled_from(["Piet", "Chloë", "Björn", "Mary-Kate", "Bas", "Roos", "Kees", "Wilhelmina", "Zoë"])
PARTICLE_RUNS = st.sampled_from(["", "de", "van", "van den", "van der", "ter", "in 't"])
SURNAME = st.sampled_from(["Jong", "Boer", "Berg", "O’Neill", "D'Souza", "Visser", "Vries-Mulder"])


@pytest.mark.parametrize(
    ("name", "given", "nicknames", "surname", "core"),
    [
        ("Piet de Jong", ("Piet",), (), "de Jong", "Jong"),
        ("de Jong, Piet", ("Piet",), (), "de Jong", "Jong"),
        ("Björn van den Berg", ("Björn",), (), "van den Berg", "Berg"),
        ("Wilhelmina (Mien) Bakker", ("Wilhelmina",), ("Mien",), "Bakker", "Bakker"),
        ("Robert 'Bob' Visser", ("Robert",), ("Bob",), "Visser", "Visser"),
        ("Robert “Bob” Visser", ("Robert",), ("Bob",), "Visser", "Visser"),
        ("van Dijk", (), (), "van Dijk", "Dijk"),
        ("Bas", ("Bas",), (), None, None),
        ("Jan\u00ad\u200bine Smit", ("Janine",), (), "Smit", "Smit"),
    ],
)
def test_names_are_parsed_into_their_parts(
    name: str, given: tuple[str, ...], nicknames: tuple[str, ...], surname: str | None, core: str | None
) -> None:
    parsed = parse_name(name)
    assert (parsed.given, parsed.nicknames, parsed.surname, parsed.core) == (given, nicknames, surname, core)


def test_apostrophe_names_give_the_part_after_the_apostrophe() -> None:
    assert "Neill" in parse_name("Siobhan O’Neill").forms()
    assert "Souza" in parse_name("Priya D'Souza").forms()
    assert "O" not in parse_name("Siobhan O’Neill").forms()


def test_surname_first_and_initial_forms() -> None:
    forms = parse_name("Piet de Jong").forms()
    assert {"de Jong, Piet", "Piet de Jong", "P. de Jong", "de Jong", "Jong", "Piet"} <= set(forms)
    assert "de" not in forms


def test_compact_forms_cover_mail_and_handles() -> None:
    compact = parse_name("Piet de Jong").compact_forms()
    assert "pdejong" in compact and "pietdejong" in compact
    assert "chloe" in parse_name("Chloë van der Berg").compact_forms()


def test_spellings_without_diacritics() -> None:
    composed = {unicodedata.normalize("NFC", s) for s in spellings("Björn")}
    assert composed == {"Björn", "Bjorn", "Bjoern"}
    assert fold("Chloë") == "Chloe"


def test_clean_keeps_emoji_sequences() -> None:
    family = "👨\u200d👩\u200d👧"
    assert clean(family) == family
    assert clean("Ma\u200cthijs") == "Mathijs"


@given(GIVEN, PARTICLE_RUNS, SURNAME)
def test_every_identifying_word_is_a_form(first: str, particles: str, surname: str) -> None:
    name = " ".join(part for part in (first, particles, surname) if part)
    forms = {f.casefold() for f in parse_name(name).forms()}
    for word in name.replace("-", " ").split():
        if word.casefold() in PARTICLES:
            assert word.casefold() not in forms  # "de" alone is ordinary Dutch
        else:
            assert word.casefold() in forms
    assert name.casefold() in forms


@given(GIVEN, PARTICLE_RUNS, SURNAME)
def test_parsing_is_deterministic_and_surname_first_agrees(first: str, particles: str, surname: str) -> None:
    full = " ".join(part for part in (particles, surname) if part)
    forward = parse_name(f"{first} {full}")
    backward = parse_name(f"{full}, {first}")
    assert forward.given == backward.given == (first,)
    assert forward.surname == backward.surname == full
    assert set(forward.forms()) | {backward.text} == set(backward.forms()) | {forward.text}


def test_a_given_name_with_no_letter_gives_no_compact_form() -> None:
    assert parse_name("\x1b 0").compact_forms() == ()  # was an IndexError (found by the fuzzer)
    assert parse_name("😀 Visser").compact_forms() == ("visser",)


@given(st.text())
def test_folding_takes_off_every_diacritic_and_keeps_ascii_as_it_is(text: str) -> None:
    folded = fold(text)
    assert not any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", folded))
    assert fold(folded) == folded
    if text.isascii():
        assert folded == text
