"""Every message about a case file in the case's language (issue 10): Dutch for ``language: nl``.

Each class of problem is written into a real file and checked with ``eftgraph check``; the
Dutch key phrase is asserted. Then the order of the sources of the language (the file,
``EFTGRAPH_LANGUAGE``, the locale, ``--language``), the JSON of a problem, the catalogs
(every error text in every language, the same fields) and a third language as one file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import eftgraph
from eftgraph import _catalog, load
from eftgraph._records import Element, Partner
from eftgraph.cli import main
from eftgraph.errors import CaseError, CaseFileError, Problem
from tests.catalogs import third_language

SRC = Path("src/eftgraph")

GOOD = """\
eftgraph: 1
id: ruud-sanne
language: nl
partners:
  - {id: sanne, name: Sanne}
  - {id: ruud, name: Ruud}
cycles:
  everyday:
    sanne:
      position: pursuer
      behavior: "verwijt hem dat hij er nooit is"
      need: "gezien worden"
    ruud:
      position: withdrawer
      behavior: "trekt zich terug op zolder"
      primary: schaamte
"""


def check(
    tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str], *args: str, name: str = "c.yaml"
) -> str:
    """What ``eftgraph check`` prints to standard error for *text* (the check must fail)."""
    path = tmp_path / name
    path.write_text(text, "utf-8")
    assert main(["check", *args, str(path)]) == 1
    return capsys.readouterr().err


def replaced(old: str, new: str, text: str = GOOD) -> str:
    assert old in text
    return text.replace(old, new, 1)


COURSE = """\
sessions:
  - {session: 1, stage: 1, cycle: {everyday: 8}}
"""

# (the mistake, the Dutch key phrase, the English key phrase)
CASES = [
    (
        "unknown-key",
        replaced("      need:", "      behoefte:"),
        "onbekend veld 'behoefte'",
        "unknown key 'behoefte'",
    ),
    (
        "unknown-value",
        replaced("position: pursuer", "position: persuer"),
        "onbekende waarde 'persuer' (toegestaan: pursuer, withdrawer); bedoelde je 'pursuer'?",
        "unknown value 'persuer' (allowed: pursuer, withdrawer); did you mean 'pursuer'?",
    ),
    ("missing-key", replaced("id: ruud-sanne\n", ""), None, None),
    (
        "wrong-type",
        replaced("primary: schaamte", "primary: 3"),
        "hier hoort tekst, maar er staat een getal (3); zet het tussen aanhalingstekens",
        "expected text, found a number (3); put it in quotes",
    ),
    (
        "unknown-partner",
        GOOD + "positions:\n  everyday: {rud: withdrawer}\n",
        "onbekende partner",
        "unknown partner",
    ),
    (
        "bad-id",
        replaced("id: ruud-sanne", "id: 'ruud sanne'"),
        "de id van de casus mag alleen letters, cijfers, '_', '-' of '.' bevatten",
        "a case id must be letters, digits, '_', '-' or '.'",
    ),
    (
        "unknown-element",
        GOOD + "links:\n  - {from: everyday.ruud.behaviour, to: everyday.sanne.behavior}\n",
        "onbekend element 'everyday.ruud.behaviour'",
        "unknown element 'everyday.ruud.behaviour'",
    ),
    (
        "no-slot",
        GOOD + "links:\n  - {from: everyday.ruud.fear, to: everyday.sanne.behavior}\n",
        "in die kolom staat geen fear",
        "that sheet has no fear",
    ),
    (
        "contradiction",
        replaced("position: pursuer", "position: pursuer\n      stance: withdraw"),
        "stance withdraw past niet bij positie pursuer",
        "stance withdraw disagrees with position pursuer",
    ),
    (
        "rule",
        GOOD + "elements:\n  - {id: rust, kind: need, label: rust, domain: everyday}\n",
        "het veld 'partner' ontbreekt (alleen een trigger of een event hoeft bij geen partner te horen; dit is een need)",
        "missing key 'partner' (only a trigger or an event may belong to nobody, this is a need)",
    ),
    (
        "course",
        GOOD + COURSE.replace("stage: 1", "stage: 4"),
        "stage (de fase) is 1, 2 of 3, maar hier staat 4",
        "stage must be 1, 2 or 3 (found 4)",
    ),
    (
        "course-shape",
        GOOD + COURSE.replace("cycle:", "cykel:"),
        "onbekend veld 'cykel'",
        "unknown key 'cykel'",
    ),
    (
        "version",
        replaced("eftgraph: 1", "eftgraph: '1'"),
        "onbekende versie van het bestandsformaat: '1'; schrijf het als getal, zonder aanhalingstekens",
        "unsupported format version '1'; write it as a number, without quotes",
    ),
    (
        "duplicate-key",
        replaced("      primary: schaamte", "      primary: schaamte\n      primary: angst"),
        "het veld 'primary' staat er twee keer",
        "duplicate key 'primary'",
    ),
    (
        "yaml-mistake",
        replaced('"trekt zich terug op zolder"', "'s avonds op zolder"),
        "begint met een apostrof",
        "starts with an apostrophe",
    ),
    (
        "not-yaml",
        replaced("  - {id: ruud, name: Ruud}", "  - {id: ruud, name: Ruud"),
        "sluit hem af met",
        "close it with",
    ),
    (
        "domain-twice",
        "domains: [everyday, everyday]\n" + GOOD,
        "het domein 'everyday' staat twee keer in de lijst",
        "domain 'everyday' is listed twice",
    ),
    (
        "no-partner",
        re.sub(r"partners:\n.*\n.*\n", "partners: []\n", GOOD).replace(GOOD[GOOD.index("cycles:") :], ""),
        "een casus heeft minstens één partner nodig",
        "a case needs at least one partner",
    ),
]


@pytest.mark.parametrize(("what", "text", "dutch", "english"), CASES, ids=[c[0] for c in CASES])
def test_each_class_of_problem_is_told_in_dutch_in_a_dutch_file(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    what: str,
    text: str,
    dutch: str | None,
    english: str | None,
) -> None:
    err = check(tmp_path, text, capsys)
    if dutch is None:  # a file without 'id': the missing key
        assert "het veld 'id' ontbreekt" in err, err
        return
    assert dutch.lower() in err.lower(), err
    assert "Traceback" not in err
    english_err = check(tmp_path, text.replace("language: nl", "language: en"), capsys)
    assert english is not None and english.lower() in english_err.lower(), english_err


def test_the_issue_s_two_messages_read_in_dutch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = replaced("position: pursuer", "position: persuer")
    text = replaced("      primary: schaamte", "      positie: withdrawer", text)
    err = check(tmp_path, text, capsys)
    assert (
        ":10:7: cycles.everyday.sanne.position: onbekende waarde 'persuer' (toegestaan: pursuer, withdrawer); bedoelde je 'pursuer'?"
        in err
    )
    assert "cycles.everyday.ruud.positie: onbekend veld 'positie' (toegestaan: behavior," in err
    assert "; bedoelde je 'position'?" in err
    assert "sleutel" not in err  # a therapist says "veld"


def test_file_language_then_environment_then_locale(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = replaced("      need:", "      behoefte:")
    no_language = bad.replace("language: nl\n", "")
    assert "unknown key 'behoefte'" in check(tmp_path, no_language, capsys)
    monkeypatch.setenv("LANG", "nl_BE.UTF-8")
    assert "onbekend veld 'behoefte'" in check(tmp_path, no_language, capsys)
    monkeypatch.setenv("LC_ALL", "C")  # LC_ALL decides before LANG: not a language eftgraph speaks
    assert "unknown key 'behoefte'" in check(tmp_path, no_language, capsys)
    monkeypatch.setenv("EFTGRAPH_LANGUAGE", "nl")
    assert "onbekend veld 'behoefte'" in check(tmp_path, no_language, capsys)
    # the file's own language comes first
    assert "unknown key 'behoefte'" in check(tmp_path, bad.replace("language: nl", "language: en"), capsys)


def test_an_invalid_language_falls_back_and_is_itself_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = replaced("language: nl", "language: nld")
    assert "language: unknown value 'nld' (allowed: en, nl); did you mean 'nl'?" in check(
        tmp_path, text, capsys
    )
    monkeypatch.setenv("EFTGRAPH_LANGUAGE", "nl")
    assert "language: onbekende waarde 'nld' (toegestaan: en, nl)" in check(tmp_path, text, capsys)


def test_the_language_of_a_file_that_cannot_be_parsed_is_read_from_its_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = check(tmp_path, GOOD + "title: [open\n", capsys)
    assert "geen geldige YAML" in err or "sluit" in err.lower(), err
    text = json.dumps({"eftgraph": 1, "language": "nl", "id": "x"}, indent=2)[:-2]
    assert "geen geldige JSON" in check(tmp_path, text, capsys, name="c.json")


def test_language_option_overrides_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = replaced("      need:", "      behoefte:")
    assert "unknown key 'behoefte'" in check(tmp_path, bad, capsys, "--language", "en")
    english = bad.replace("language: nl", "language: en")
    assert "onbekend veld 'behoefte'" in check(tmp_path, english, capsys, "--language", "nl")


def test_other_commands_tell_problems_in_their_language_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(replaced("      need:", "      behoefte:"), "utf-8")
    assert main(["describe", str(path)]) == 1
    assert "onbekend veld 'behoefte'" in capsys.readouterr().err
    assert main(["describe", "--language", "en", str(path)]) == 1
    assert "unknown key 'behoefte'" in capsys.readouterr().err


def test_json_output_carries_key_params_language_and_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(replaced("position: pursuer", "position: persuer"), "utf-8")
    assert main(["check", "--format", "json", str(path)]) == 1
    [result] = json.loads(capsys.readouterr().out)
    [problem] = result["problems"]
    assert problem["key"] == "error.shape.unknown-value"
    assert problem["params"] == {"found": "'persuer'"}
    assert problem["language"] == "nl"
    assert problem["message"] == "onbekende waarde 'persuer'"
    assert problem["suggestion"] == "pursuer" and problem["allowed"] == ["pursuer", "withdrawer"]
    assert main(["check", "--format", "json", "--language", "en", str(path)]) == 1
    [result] = json.loads(capsys.readouterr().out)
    assert result["problems"][0]["message"] == "unknown value 'persuer'"


def test_python_api_tells_problems_in_the_chosen_language(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(replaced("      need:", "      behoefte:"), "utf-8")
    with pytest.raises(CaseFileError) as caught:
        load(path)
    problem = caught.value.problems[0]
    assert problem.language == "nl" and problem.key == "error.shape.unknown-key"
    assert "onbekend veld 'behoefte'" in str(caught.value) and "onbekend veld" in str(problem)
    assert "unknown key 'behoefte'" in problem.text("en")
    assert "unknown key 'behoefte'" in caught.value.text("en")
    with pytest.raises(CaseError, match="een need hoort bij een partner"):
        eftgraph.Case(
            id="x", partners=[Partner("a", "Ann")], elements=[Element("x", "need", "rust")], language="nl"
        )


def test_a_missing_file_follows_the_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EFTGRAPH_LANGUAGE", "nl")
    assert main(["check", str(tmp_path / "nergens.yaml")]) == 1
    assert "dit bestand bestaat niet" in capsys.readouterr().err
    (tmp_path / "map.yaml").mkdir()
    assert main(["check", str(tmp_path / "map.yaml")]) == 1
    assert "dit is een map, geen casusbestand" in capsys.readouterr().err
    assert main(["check", str(tmp_path)]) == 1
    assert (
        "aan de extensie '(none)' is niet te zien in welk formaat het bestand is" in capsys.readouterr().err
    )


def test_a_long_value_is_cut_as_a_parameter_never_the_words_around_it(tmp_path: Path) -> None:
    long_label = "'s avonds " + "laat " * 60  # 310 characters: the explanation holds it, cut
    with pytest.raises(CaseFileError) as caught:
        eftgraph.loads(replaced('"trekt zich terug op zolder"', long_label.strip()))
    message = str(caught.value)
    assert message.count("…") == 2 and len(message) < 500  # the label and the fixed line, each cut
    assert (
        "begint met een apostrof; een casusbestand leest dan alles tot de volgende apostrof als één tekst "
        "tussen aanhalingstekens. Zet de hele tekst tussen dubbele aanhalingstekens: behavior: \"'s avonds laat"
    ) in message
    short_label = "'s avonds " + "laat " * 40  # 210 characters: shown whole, prose and all
    with pytest.raises(CaseFileError) as caught:
        eftgraph.loads(replaced('"trekt zich terug op zolder"', short_label.strip()))
    assert short_label.strip() in str(caught.value) and "…" not in str(caught.value)


def test_the_check_summary_tells_the_course(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(GOOD + COURSE + "  - {session: 2, stage: 2}\n", "utf-8")
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.strip().endswith(
        "in orde: 2 partners, 1 domein (everyday), 4 elementen, 4 verbindingen; verloop: 2 sessies, fase 1 tot en met 2"
    )
    assert main(["check", "--language", "en", str(path)]) == 0
    assert "ok: 2 partners" in (out := capsys.readouterr().out) and out.strip().endswith(
        "course: 2 sessions, stages 1 to 2"
    )
    assert main(["check", "--format", "json", str(path)]) == 0
    [result] = json.loads(capsys.readouterr().out)
    assert result["course"] == {"sessions": 2, "stages": [1, 2], "formulations": []}


def test_the_check_summary_names_the_formulation_files(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "examples/janine-mathijs.yaml"]) == 0
    out = capsys.readouterr().out
    assert (
        "verloop: 15 sessies, fase 1 tot en met 3, 2 casusformuleringen (janine-mathijs.session-09.yaml, "
        in out
    )


# --- the catalogs ------------------------------------------------------------------------------


def _error_keys(code: str) -> dict[str, str]:
    flat = _catalog._load(code)
    return {key: value for key, value in flat.items() if key.startswith("error.")}


def _fields(template: str) -> set[str]:
    return {name.lower() for name in re.findall(r"\{([A-Za-z_][A-Za-z0-9_]*)\}", template)}


def test_every_error_text_of_english_is_in_every_catalog_with_the_same_fields() -> None:
    english = _error_keys("en")
    assert len(english) > 120
    for code in _catalog.languages():
        other = _error_keys(code)
        missing = sorted(set(english) - set(other))
        assert not missing, f"{code}: {missing}"
        differ = [key for key in english if _fields(english[key]) != _fields(other[key])]
        assert not differ, f"{code}: {differ}"


def test_every_error_key_the_code_names_is_in_the_english_catalog() -> None:
    english = set(_catalog._load("en"))
    named: set[str] = set()
    prefixes: set[str] = set()
    for path in SRC.rglob("*.py"):
        text = path.read_text("utf-8")
        named.update(re.findall(r"\"(error\.[a-z0-9.-]+[a-z0-9])\"", text))
        prefixes.update(re.findall(r"f\"(error\.[a-z0-9.-]+)\{", text))
    assert len(named) > 80
    assert sorted(named - english) == []
    for prefix in prefixes:  # an f-string key: some key starts so
        assert any(key.startswith(prefix) for key in english), prefix


def test_no_english_word_is_left_in_the_dutch_error_texts() -> None:
    dutch = _error_keys("nl")
    english_words = re.compile(r"\b(found|expected|unknown|missing|must|allowed|the|cannot)\b")
    words = {key: re.sub(r"'[^']*'|\{[a-z]+\}", "", text) for key, text in dutch.items()}
    leftover = {key: text for key, text in words.items() if english_words.search(text)}
    assert leftover == {}


def test_a_third_language_is_one_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    german = (
        '[error]\nallowed = " (erlaubt: {list})"\n\n[error.shape]\nunknown-key = "unbekanntes Feld {key}"\n'
    )
    with third_language(tmp_path / "messages", monkeypatch, german):
        bad = replaced("      need:", "      behoefte:").replace("language: nl\n", "")
        monkeypatch.setenv("EFTGRAPH_LANGUAGE", "de")
        err = check(tmp_path, bad, capsys)
        # the German words where the file has them, English where it has none yet
        assert "unbekanntes Feld 'behoefte' (erlaubt: behavior," in err
        assert "; did you mean 'need'?" in err
        problem = Problem("x", "error.shape.unknown-key", {"key": "'y'"}, suggestion="z")
        assert problem.text("de") == "x: unbekanntes Feld 'y'; did you mean 'z'?"


def test_the_table_of_messages_in_the_docs_is_that_of_the_catalogs() -> None:
    page = Path("docs/error-messages.md").read_text("utf-8")
    rows = [line for line in page.splitlines() if line.startswith("| `")]
    english, dutch = _error_keys("en"), _error_keys("nl")
    expected = [f"| `{key[6:]}` | `{english[key]}` | `{dutch[key]}` |" for key in english]
    assert rows == expected


def test_check_tells_referrals_in_the_language_asked_for(capsys: pytest.CaptureFixture[str]) -> None:
    path = "examples/published/sanne-ruud.yaml"  # a Dutch case with an illness that needs referral
    assert main(["check", path]) == 0
    dutch = capsys.readouterr().out
    assert (
        "  verwijzing: erectieproblemen" in dutch and "Een ziekte is niet alleen een interactiethema" in dutch
    )
    assert main(["check", "--language", "en", path]) == 0
    english = capsys.readouterr().out
    assert (
        "  referral: erectieproblemen" in english and "An illness is not only an interaction theme" in english
    )
    assert "interactiethema" not in english


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "positions.sexual: expected a mapping of partners to positions, found nothing"),
        ("nl", "positions.sexual: hier hoort per partner een positie, maar er staat niets"),
    ],
)
def test_a_domain_of_positions_left_empty(tmp_path: Path, language: str, text: str) -> None:
    # found by the long fuzz run: the message key was built from the words of the English text
    path = tmp_path / "leeg.yaml"
    path.write_text(
        f"eftgraph: 1\nid: a\nlanguage: {language}\npartners:\n- {{id: a, name: A}}\n"
        "elements:\n- {id: t, kind: trigger, label: de jassen}\npositions:\n  sexual:\n",
        encoding="utf-8",
    )
    with pytest.raises(CaseFileError) as caught:
        load(path)
    assert [str(p).split(": ", 1)[1] for p in caught.value.problems] == [text]
