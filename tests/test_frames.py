"""Label shapes: the frame of a narrative sentence is chosen by the form of the therapist's label."""

from __future__ import annotations

import pytest

from eftgraph._frames import Shape, shape


@pytest.mark.parametrize(
    ("label", "language", "expected"),
    [
        ("pushes his feelings down", "en", Shape.MOVE),
        ("criticises, raises her voice", "en", Shape.MOVE),
        ("had a one-night stand", "en", Shape.MOVE),
        ("silent evening behind the laptop", "en", Shape.OTHER),
        ("anger", "en", Shape.OTHER),
        ("loneliness", "en", Shape.OTHER),
        ("feeling a failure", "en", Shape.OTHER),
        ("that she will walk away", "en", Shape.CLAUSE),
        ("I'm failing as a husband", "en", Shape.OWN_WORDS),
        ("he doesn't hear me", "en", Shape.OWN_WORDS),
        ("trekt zich terug", "nl", Shape.MOVE),
        ("vermijdt elke aanraking", "nl", Shape.MOVE),
        ("verloor zijn erectie tijdens het vrijen", "nl", Shape.MOVE),
        ("stille avond achter de laptop", "nl", Shape.OTHER),
        ("tekortschieten", "nl", Shape.OTHER),
        ("angst", "nl", Shape.OTHER),
        ("dat hij haar teleurstelt", "nl", Shape.CLAUSE),
        ("bang dat hij niet om me geeft", "nl", Shape.OWN_WORDS),
        ("ik doe het nooit goed", "nl", Shape.OWN_WORDS),
        ("", "en", Shape.OTHER),
        ("belde hem midden in de nacht", "nl", Shape.MOVE),  # one-off events, told in the past tense
        ("ontdekte de berichten op zijn telefoon", "nl", Shape.MOVE),
        ("huilde de hele avond", "nl", Shape.MOVE),
        ("liefde", "nl", Shape.OTHER),  # nouns in -de / -te are not past tenses
        ("woede", "nl", Shape.OTHER),
        ("stilte", "nl", Shape.OTHER),
        ("ziekte", "nl", Shape.OTHER),
    ],
)
def test_the_shape_of_a_label(label: str, language: str, expected: Shape) -> None:
    assert shape(label, language) is expected
