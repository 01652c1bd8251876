"""YAML mistakes therapists make, each explained in plain words at the line where it is (EN and NL)."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from eftgraph import CaseFileError, loads
from eftgraph._yaml_mistakes import Mistake, explain, find, find_comma_in_braces, language_of, quoted
from eftgraph.errors import Problem

HEAD = "eftgraph: 1\nid: x\npartners:\n  - {id: a, name: A}\n  - {id: b, name: B}\ncycles:\n  everyday:\n    a:\n"
"""Eight lines; the mistakes start on line 9."""

# (name, body after HEAD, kind, line of the mistake, fixed line, EN key phrase, NL key phrase)
MISTAKES = [
    (
        "apostrophe-never-closed",
        "      behavior: 's avonds laat thuis\n      need: rust\n",
        "apostrophe",
        9,
        'behavior: "\'s avonds laat thuis"',
        "starts with an apostrophe",
        "begint met een apostrof",
    ),
    (
        "apostrophe-closed-further-on",
        "      perception: 't is nooit goed, zegt 'ie\n      need: rust\n",
        "apostrophe",
        9,
        "perception: \"'t is nooit goed, zegt 'ie\"",
        "starts with an apostrophe",
        "begint met een apostrof",
    ),
    (
        "quoted-word-first",
        '      perception: "nooit" goed genoeg\n      need: rust\n',
        "quoted-start",
        9,
        "perception: '\"nooit\" goed genoeg'",
        "starts with a quoted word",
        "begint met een woord tussen aanhalingstekens",
    ),
    (
        "comma-in-braces",  # explained from the 'unknown key' the structure check finds: see below
        None,
        "comma-in-braces",
        1,
        None,
        "a comma separates the fields",
        "scheidt een komma de velden",
    ),
    (
        "indented-one-space-less",
        "      behavior: trekt zich terug\n     perception: ik faal\n      need: rust\n",
        "indent",
        10,
        None,
        "indented differently from the line above",
        "springt anders in dan de regel erboven",
    ),
    (
        "indented-deeper",
        "      behavior: trekt zich terug\n        perception: ik faal\n      need: rust\n",
        "indent",
        10,
        None,
        "indented differently from the line above",
        "springt anders in dan de regel erboven",
    ),
    (
        "tab",
        "      behavior: trekt zich terug\n\tperception: ik faal\n",
        "tab",
        10,
        "perception: ik faal",
        "indented with a tab",
        "springt in met een tab",
    ),
    (
        "colon-in-text",
        "      perception: hij denkt: ik faal\n      need: rust\n",
        "colon-in-text",
        9,
        'perception: "hij denkt: ik faal"',
        "holds a colon followed by a space",
        "staat een dubbele punt met een spatie erna",
    ),
    (
        "no-space-after-colon",  # PyYAML stops on the next line
        "      behavior:trekt zich terug\n      need: rust\n",
        "colon-space",
        9,
        "behavior: trekt zich terug",
        "needs a space after its colon",
        "hoort een spatie",
    ),
    (
        "no-colon",  # PyYAML stops on the next line
        "      behavior trekt zich terug\n      need: rust\n",
        "no-colon",
        9,
        "behavior: trekt zich terug",
        "has no colon",
        "staat geen dubbele punt",
    ),
    (
        "starts-with-asterisk",
        "      behavior: *zucht* en loopt weg\n",
        "reference",
        9,
        'behavior: "*zucht* en loopt weg"',
        "a reference to another place",
        "een verwijzing naar",
    ),
    (
        "starts-with-at",
        "      behavior: @werk blijft hangen\n",
        "reserved",
        9,
        'behavior: "@werk blijft hangen"',
        "a sign a text in a case file may not start with",
        "een teken waarmee een tekst",
    ),
    (
        "starts-with-bracket",
        "      perception: [zucht] hij luistert niet\n      need: rust\n",
        "bracket",
        9,
        'perception: "[zucht] hij luistert niet"',
        "the start of a list",
        "het begin van een lijst",
    ),
    (
        "double-quote-never-closed",
        '      perception: "ik tel niet mee\n      need: rust\n',
        "open-quote",
        9,
        'perception: "ik tel niet mee"',
        "never closed",
        "nergens wordt gesloten",
    ),
    (
        "starts-with-dash",
        "      behavior: - trekt zich terug\n      need: rust\n",
        "dash-start",
        9,
        'behavior: "- trekt zich terug"',
        "starts with a dash and a space",
        "begint met een streepje",
    ),
    (
        "starts-with-greater-than",
        "      behavior: >boos\n      need: rust\n",
        "block",
        9,
        'behavior: ">boos"',
        "a text over several lines",
        "een tekst over meerdere regels",
    ),
    (
        "brace-never-closed",
        "      need: rust\nelements:\n  - {id: e, partner: a, kind: behavior, label: x\n"
        "  - {id: f, partner: a, kind: behavior, label: y}\n",
        "unclosed-brace",
        11,
        "- {id: e, partner: a, kind: behavior, label: x}",
        "is never closed",
        "wordt nergens gesloten",
    ),
    (
        "colon-in-braces",
        "      need: rust\nelements:\n  - {id: e, partner: a, kind: behavior, label: zegt: ik ben moe}\n",
        "colon-in-braces",
        11,
        '- {id: e, partner: a, kind: behavior, label: "zegt: ik ben moe"}',
        "a new key starts there",
        "daar begint dan een nieuw veld",
    ),
    (
        "dash-without-space",
        "      need: rust\nelements:\n  -{id: e, partner: a, kind: behavior, label: x}\n",
        "dash-space",
        11,
        "- {id: e, partner: a, kind: behavior, label: x}",
        "needs a space after its dash",
        "hoort een spatie",
    ),
    (
        "list-item-without-dash",
        "      need: rust\nelements:\n  - id: e\n    label: x\n  id: f\n",
        "missing-dash",
        13,
        "- id: f",
        "does not start with a dash",
        "begint niet met een streepje",
    ),
    (
        "starts-with-question-mark",
        "      perception: ? waarom\n",
        "question-start",
        9,
        'perception: "? waarom"',
        "starts with a question mark",
        "begint met een vraagteken",
    ),
]
PARSED = [m for m in MISTAKES if m[1] is not None]


def _mistake(text: str, loader: type) -> Mistake | None:
    with pytest.raises(yaml.MarkedYAMLError) as caught:
        yaml.compose(text, Loader=loader)
    return find(text, caught.value)


@pytest.mark.parametrize("loader", [yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)])
@pytest.mark.parametrize(
    ("name", "body", "kind", "line", "fix", "en", "nl"), PARSED, ids=[m[0] for m in PARSED]
)
def test_each_mistake_is_found_at_its_line_with_its_fix(
    name: str, body: str, kind: str, line: int, fix: str | None, en: str, nl: str, loader: type
) -> None:
    mistake = _mistake(HEAD + str(body), loader)
    assert mistake is not None, name
    assert (mistake.kind, mistake.line) == (kind, line)
    if fix is not None:
        assert mistake.fix == fix
        assert yaml.safe_load(fix.lstrip("- ")) is not None  # the fix itself reads
    assert en in explain(mistake, "en")
    assert nl in explain(mistake, "nl")


def test_fixes_make_the_file_read() -> None:
    for _, body, _kind, line, fix, _en, _nl in PARSED:
        if fix is None:
            continue
        rows = (HEAD + str(body)).split("\n")
        indent = rows[line - 1][: len(rows[line - 1]) - len(rows[line - 1].lstrip(" \t"))].replace("\t", "")
        rows[line - 1] = indent + fix
        yaml.safe_load("\n".join(rows))


def test_the_comma_in_braces_trap_is_told_from_the_unknown_key() -> None:
    text = (
        HEAD
        + "      need: rust\nelements:\n  - {id: e, partner: a, kind: behavior, label: komt moe thuis, gaat zitten}\n"
    )
    mistake = find_comma_in_braces(text, 11, "gaat zitten")
    assert mistake is not None
    assert mistake.fix == '- {id: e, partner: a, kind: behavior, label: "komt moe thuis, gaat zitten"}'
    assert "a comma separates the fields" in explain(mistake, "en")
    assert "scheidt een komma de velden" in explain(mistake, "nl")
    assert find_comma_in_braces(text, 11, "zitten") is None
    assert find_comma_in_braces("  - {id: e, gaat: zitten}", 1, "gaat") is None


def test_the_messages_use_no_parser_words() -> None:
    for _, body, *_ in PARSED:
        mistake = _mistake(HEAD + str(body), yaml.SafeLoader)
        assert mistake is not None
        for language in ("en", "nl"):
            text = explain(mistake, language).lower()
            for word in ("scalar", "mapping", "token", "stream", "block end"):
                assert word not in text


def test_a_valid_quote_inside_a_text_is_no_mistake() -> None:
    assert yaml.safe_load('perception: de "verkeerde" jassen') == {"perception": 'de "verkeerde" jassen'}
    assert quoted("de 'verkeerde' jassen") == "\"de 'verkeerde' jassen\""


def test_the_language_of_the_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EFTGRAPH_LANGUAGE", raising=False)
    assert language_of("eftgraph: 1\nlanguage: nl\n") == "nl"
    assert language_of("eftgraph: 1\n") == "en"
    monkeypatch.setenv("EFTGRAPH_LANGUAGE", "nl")
    assert language_of("eftgraph: 1\n") == "nl"
    assert language_of("eftgraph: 1\nlanguage: en\n") == "en"


def test_the_new_templates_do_not_invite_the_braces_trap() -> None:
    from importlib import resources

    for name in ("new.en.yaml", "new.nl.yaml"):
        text = resources.files("eftgraph.templates").joinpath(name).read_text("utf-8")
        for line in text.splitlines():
            assert not ("{" in line and "label:" in line), line  # free text never inside {…}


# --- through the loader: the right line, the case's language, no knock-on errors ----------------

DUTCH_CASE = (
    "eftgraph: 1\nid: x\nlanguage: nl\npartners:\n  - {id: a, name: Ann}\n  - {id: b, name: Bo}\n"
    "cycles:\n  everyday:\n    a:\n      behavior: 's avonds laat thuis\n      need: rust\n"
    "    b:\n      behavior: trekt zich terug\n"
)


def _problems(text: str) -> list[str]:
    from eftgraph import CaseFileError, loads

    with pytest.raises(CaseFileError) as caught:
        loads(text)
    return [str(p) for p in caught.value.problems]


def test_loader_tells_the_apostrophe_at_its_line_in_dutch() -> None:
    (message,) = _problems(DUTCH_CASE)
    assert message.startswith("<string>:10:17: de tekst “'s avonds laat thuis” begint met een apostrof")
    assert message.endswith(
        'Zet de hele tekst tussen dubbele aanhalingstekens: behavior: "\'s avonds laat thuis"'
    )


def test_loader_language_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    english = DUTCH_CASE.replace("language: nl\n", "")
    assert "starts with an apostrophe" in _problems(english)[0]
    monkeypatch.setenv("EFTGRAPH_LANGUAGE", "nl")
    assert "begint met een apostrof" in _problems(english)[0]


def test_loader_tells_the_comma_in_braces_instead_of_an_unknown_key() -> None:
    text = DUTCH_CASE.replace("'s avonds laat thuis", "komt thuis") + (
        "elements:\n  - {id: e, partner: a, kind: behavior, label: komt moe thuis, gaat zitten}\n"
    )
    (message,) = _problems(text)
    assert message.startswith("<string>:15:")
    assert "binnen {…} scheidt een komma de velden" in message
    assert "unknown key" not in message


def test_dutch_words_get_the_english_key_and_value() -> None:
    text = DUTCH_CASE.replace(
        "      behavior: 's avonds laat thuis\n", "      gedrag: laat thuis\n      positie: achtervolger\n"
    )
    messages = _problems(text)
    # the file says language: nl, so the messages are Dutch (keys and values stay as typed)
    assert any("onbekend veld 'gedrag'" in m and "bedoelde je 'behavior'?" in m for m in messages)
    assert any("onbekend veld 'positie'" in m and "bedoelde je 'position'?" in m for m in messages)
    text = DUTCH_CASE.replace(
        "      behavior: 's avonds laat thuis\n", "      position: achtervolger\n      behavior: x\n"
    )
    assert any("bedoelde je 'pursuer'?" in m for m in _problems(text))


def test_no_knock_on_link_errors_from_a_broken_sheet_column() -> None:
    text = (
        DUTCH_CASE.replace("'s avonds laat thuis", "komt thuis").replace(
            "    b:\n      behavior: trekt zich terug\n",
            "    b: {position: withdrawr, behavior: trekt zich terug}\n",
        )
        + "links:\n  - {from: everyday.a.behavior, to: everyday.b.behavior}\n  - {from: everyday.a.need, to: everyday.a.perception}\n"
    )
    messages = _problems(text)
    assert any("onbekende waarde 'withdrawr'" in m for m in messages)
    assert not any("everyday.b.behavior" in m for m in messages)  # b's column is reported once, itself
    (missing,) = [m for m in messages if "links[1].to" in m]
    assert missing.endswith("onbekend element 'everyday.a.perception': in die kolom staat geen perception")
    assert "bedoelde je" not in missing


BREAKS = ("\u2028", "\u2029", "\x85", "\r")
"""What YAML takes for a line break besides a newline; editors and every message count newlines."""


@pytest.mark.parametrize("brk", BREAKS, ids=["LS", "PS", "NEL", "CR"])
def test_a_quote_never_closed_after_another_line_break_is_found_on_its_own_line(brk: str) -> None:
    # the long fuzz run's input (a comment starting with U+2028, the file ending in an open quote):
    # YAML put the quote on line 4 of a 3-line file, and the explanation took a line that is not there
    text = f'{brk}# Janine & Mathijs\n# Fase 2\n"'
    with pytest.raises(CaseFileError) as raised:
        loads(text.encode("utf-8"), "yaml")
    (problem,) = raised.value.problems
    assert (problem.line, problem.column) == (3, 1)
    assert "never closed" in str(problem)


@pytest.mark.parametrize("brk", BREAKS, ids=["LS", "PS", "NEL", "CR"])
def test_mistakes_and_problems_are_placed_on_the_lines_an_editor_counts(brk: str) -> None:
    comment = f"# intake{brk}# notes{brk}{brk}# more\n"  # one line in an editor, four to YAML
    unknown = loads_problems(comment + "eftgraph: 1\nid: x\nbogus: 1\n")
    assert any(p.line == 4 and p.column == 1 and "bogus" in str(p) for p in unknown)
    apostrophe = comment + HEAD + "      behavior: 's avonds laat thuis\n"
    (problem,) = loads_problems(apostrophe)
    assert (problem.line, problem.column) == (10, 17)  # HEAD's 8 lines come after the comment's line
    with pytest.raises(yaml.MarkedYAMLError) as raised:
        yaml.safe_load(apostrophe)
    mistake = find(apostrophe, raised.value)
    assert mistake is not None and (mistake.line, mistake.column) == (10, 17)


@given(
    lines=st.lists(
        st.lists(st.sampled_from(["# intake", "# notes", "", *BREAKS]), min_size=1, max_size=6).map("".join),
        max_size=5,
    ),
    windows=st.booleans(),
)
def test_a_problem_is_on_the_line_of_its_key_whatever_breaks_the_comments_hold(
    lines: list[str], windows: bool
) -> None:
    comments = [
        line if line.lstrip("".join(BREAKS)).startswith("#") or not line.strip() else "# " + line
        for line in lines
    ]
    document = ["eftgraph: 1", *comments, "bogus: 1", "id: x"]
    text = ("\r\n" if windows else "\n").join(document) + "\n"
    (unknown,) = [p for p in loads_problems(text) if "bogus" in str(p)]
    assert (unknown.line, unknown.column) == (document.index("bogus: 1") + 1, 1)


def loads_problems(text: str) -> list[Problem]:
    """The problems of the YAML case file *text* (it must be refused)."""
    with pytest.raises(CaseFileError) as raised:
        loads(text, "yaml")
    return list(raised.value.problems)
