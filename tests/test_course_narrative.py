"""The course and the diff in words, EN and NL; both catalogs hold the same keys."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import attrs
import pytest

import eftgraph
from eftgraph import _catalog
from eftgraph._course import course
from eftgraph._course_narrative import _texts, describe_course, describe_diff
from eftgraph._diff import diff
from eftgraph._sessions import Marker, Session
from tests.catalogs import third_language
from tests.course_support import EXAMPLES, example, with_sessions


def test_both_catalogs_have_the_same_course_keys() -> None:
    english, dutch = (
        {key for key in _catalog._load(code) if key.startswith("course.")} for code in ("en", "nl")
    )
    assert len(english) > 100
    assert english - dutch == set()
    assert dutch - english == set()
    assert _texts("nl")["stage.1"] == "de-escalatie"


def test_no_catalog_folder_of_its_own() -> None:
    """One catalog per language: the course texts live in ``messages/<code>.toml``, packaged with it."""
    assert not resources.files("eftgraph.messages").joinpath("course").is_dir()


def test_a_third_language_of_the_course_is_one_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    german = '[course.stage]\n1 = "Deeskalation"\n\n[course.summary]\nstages = "{stages}!"\n'
    with third_language(tmp_path / "messages", monkeypatch, german):
        assert _texts("de")["stage.1"] == "Deeskalation"
        assert _texts("de")["stage.2"] == "restructuring interactional positions"  # falls back to English
        text = describe_course(course(example("en")), language="de")
        assert "Stage 1 (Deeskalation) in sessions 1–6" in text and "sessions 13–15!" in text


def test_the_course_in_english() -> None:
    text = describe_course(course(example("en")))
    assert text.startswith("Sessions 1–15 (15 sessions, 12 January 2015 to 5 October 2015).")
    assert "The everyday cycle went from 8 to 1; from session 6 it counts as de-escalated." in text
    assert "In session 9 Mathijs re-engaged: he tells her that touch is how he reaches her." in text
    assert (
        "RDAS: Janine from 38 to 53 (+15, a reliable change), now outside the distressed range (cut-off 48)."
        in text
    )
    assert text.endswith("The course follows the order of the EFT model: no points for supervision.")


def test_the_course_in_dutch() -> None:
    text = describe_course(course(example("nl")), language="nl")
    assert text.startswith("Sessie 1–15 (15 sessies, 12 januari 2015 tot en met 5 oktober 2015).")
    assert (
        "De cirkel in het dagelijks leven ging van 8 naar 1; vanaf sessie 6 geldt die als gede-escaleerd."
        in text
    )
    assert "In sessie 7 werd de seksualiteit bespreekbaar." in text
    assert "(+15, een betrouwbare verandering), nu buiten de klinische range (afkappunt 48)." in text


def test_advisories_are_worded_as_pointers() -> None:
    base = eftgraph.load(EXAMPLES / "janine-mathijs.en.yaml")
    case = with_sessions(
        base,
        [Session(1, cycle={"everyday": 8}), Session(2, stage=2, markers=[Marker("sexual-domain-opened")])],
    )
    for language, head, opened in (
        (
            "en",
            "Points for supervision (pointers, not verdicts):",
            "while the everyday cycle was still rated 8",
        ),
        (
            "nl",
            "Aandachtspunten voor supervisie (ter bespreking, geen oordeel):",
            "terwijl de cirkel in het dagelijks leven nog op 8 stond",
        ),
    ):
        text = describe_course(course(case), language=language)
        assert head in text
        assert opened in text
        assert text.count("\n- ") == 2


def test_an_empty_course() -> None:
    assert (
        describe_course(course(attrs.evolve(eftgraph.load(EXAMPLES / "janine-mathijs.yaml"), sessions=())))
        == "Er zijn geen sessies vastgelegd."
    )


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_diff_from_intake_to_the_last_formulation(language: str) -> None:
    suffix = ".en" if language == "en" else ""
    d = diff(
        eftgraph.load(EXAMPLES / f"janine-mathijs{suffix}.yaml"),
        eftgraph.load(EXAMPLES / f"janine-mathijs.session-14{suffix}.yaml"),
    )
    text = describe_diff(d)
    lines = text.splitlines()
    assert lines[0] in (
        "From the first formulation to the second formulation:",
        "Van de eerste formulering naar de tweede formulering:",
    )
    secure = {"en": "a secure cycle (A.R.E.", "nl": "een veilige cirkel (bereikbaar"}[language]
    damped = {
        "en": "now damped: ‘he comes back to talk’",
        "nl": "wordt nu gedempt: ‘hij komt terug om te praten’",
    }[language]
    assert any(secure in line for line in lines)
    assert any(damped in line for line in lines)
    assert all(line.startswith("- ") and line[2].isupper() for line in lines[1:])


def test_no_change_in_words() -> None:
    case = eftgraph.load(EXAMPLES / "janine-mathijs.en.yaml")
    assert (
        describe_diff(diff(case, case), before="session 1", after="session 2")
        == "Nothing changed between session 1 and session 2."
    )
