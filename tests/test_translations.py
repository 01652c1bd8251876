"""Dutch words typed for keys and values: the English word is suggested."""

from __future__ import annotations

import pytest

from eftgraph._translations import DUTCH, english

SLOTS = ["behavior", "fear", "need", "perception", "position", "primary", "secondary", "stance", "trigger"]


@pytest.mark.parametrize(
    ("dutch", "allowed", "expected"),
    [
        ("gedrag", SLOTS, "behavior"),
        ("positie", SLOTS, "position"),
        ("achtervolger", ["pursuer", "withdrawer"], "pursuer"),
        ("terugtrekker", ["pursuer", "withdrawer"], "withdrawer"),
        ("Gehechtheidsbehoefte", SLOTS, "need"),
        ("primaire emotie", SLOTS, "primary"),
        ("primaire_emotie", ["behavior", "primary_emotion"], "primary_emotion"),
        ("seksueel", ["everyday", "sexual", "caregiving"], "sexual"),
        ("ziekte", ["dysfunction", "illness", "other"], "illness"),
        ("houding", SLOTS, "stance"),
    ],
)
def test_a_dutch_word_gets_the_english_word(dutch: str, allowed: list[str], expected: str) -> None:
    assert english(dutch, allowed) == expected


def test_only_an_allowed_word_is_suggested() -> None:
    assert english("gedrag", ["pursuer", "withdrawer"]) is None
    assert english("behavior", SLOTS) is None  # an English word is not translated


def test_the_table_is_lower_case_and_points_at_english_words() -> None:
    for dutch, targets in DUTCH.items():
        assert dutch == dutch.lower().strip()
        assert targets and all(t.isascii() for t in targets)
