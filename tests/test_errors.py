"""Malformed case files: every problem at once, each with file, line, column, path and suggestion."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eftgraph import CaseFileError, load, loads
from eftgraph._limits import CAPS
from eftgraph.cli import main
from eftgraph.errors import OptionError

HEAD = "eftgraph: 1\nid: jm\npartners:\n  - {id: janine, name: Janine}\n  - {id: mathijs, name: Mathijs}\n"

# (name, text, [(line, column, path, message fragment, suggestion), ...])
CASES: list[tuple[str, str, list[tuple[int | None, int | None, str, str, str | None]]]] = [
    (
        "typo-in-sheet-key",
        HEAD + "cycles:\n  sexual:\n    janine:\n      positon: withdrawer\n      behavior: rejects\n",
        [(9, 7, "cycles.sexual.janine.positon", "unknown key 'positon'", "position")],
    ),
    (
        "typo-in-position-value",
        HEAD + "cycles:\n  everyday:\n    mathijs: {position: withdrawr, behavior: goes quiet}\n",
        [(8, 15, "cycles.everyday.mathijs.position", "unknown value 'withdrawr'", "withdrawer")],
    ),
    (
        "unknown-partner-in-sheet",
        HEAD + "cycles:\n  everyday:\n    jannine: {behavior: criticises}\n",
        [(8, 5, "cycles.everyday.jannine", "unknown partner 'jannine'", "janine")],
    ),
    (
        "typo-in-top-level-key",
        HEAD + "cycels: {}\n",
        [(6, 1, "cycels", "unknown key 'cycels'", "cycles")],
    ),
    (
        "typo-in-element-kind",
        HEAD + "elements:\n  - {id: e, partner: janine, kind: primary_emotoin, label: hurt}\n",
        [(7, 30, "elements[0].kind", "unknown value 'primary_emotoin'", "primary_emotion")],
    ),
    (
        "dangling-link",
        HEAD
        + "cycles:\n  everyday:\n    janine: {behavior: criticises, perception: not heard}\n"
        + "links:\n  - {from: everyday.janine.behavoir, to: everyday.janine.perception}\n",
        [(10, 6, "links[0].from", "unknown element 'everyday.janine.behavoir'", "everyday.janine.behavior")],
    ),
    (
        "duplicate-element-id",
        HEAD
        + "elements:\n  - {id: e, partner: janine, kind: need, label: a}\n"
        + "  - {id: e, partner: janine, kind: fear, label: b}\n",
        [(8, 6, "elements[1].id", "duplicate element id", None)],
    ),
    (
        "number-where-text-belongs",
        HEAD + "cycles:\n  everyday:\n    janine: {behavior: 42}\n",
        [
            (
                8,
                14,
                "cycles.everyday.janine.behavior",
                "expected text, found a number (42); put it in quotes",
                None,
            )
        ],
    ),
    (
        "yes-becomes-a-boolean",
        HEAD + "cycles:\n  everyday:\n    janine: {behavior: criticises, need: yes}\n",
        [(8, 36, "cycles.everyday.janine.need", "found a true/false value (True)", None)],
    ),
    (
        "partners-not-a-list",
        "eftgraph: 1\nid: x\npartners: janine\n",
        [(3, 1, "partners", "expected a list, found text ('janine')", None)],
    ),
    (
        "missing-version",
        "id: x\npartners: [{id: a, name: A}]\n",
        [(1, 1, "", "missing key 'eftgraph'", None)],
    ),
    (
        "wrong-version",
        "eftgraph: 2\nid: x\npartners: [{id: a, name: A}]\n",
        [(1, 1, "eftgraph", "unsupported format version 2", None)],
    ),
    (
        "python-object-tag",
        "eftgraph: 1\nid: !!python/object/apply:os.system ['touch /tmp/eftgraph-pwned']\npartners: []\n",
        [(2, 5, "id", "YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed", None)],
    ),
    (
        "not-yaml",
        "eftgraph: 1\nid: [unclosed\n",
        [(3, 1, "", "not valid YAML", None)],
    ),
    (
        "stance-disagrees-with-position",
        HEAD + "cycles:\n  everyday:\n    janine: {position: pursuer, stance: withdraw, behavior: leaves}\n",
        [(8, 33, "cycles.everyday.janine.stance", "stance withdraw disagrees with position pursuer", None)],
    ),
    (
        "sheet-without-behavior",
        HEAD + "cycles:\n  everyday:\n    janine: {perception: not heard}\n",
        [(8, 5, "cycles.everyday.janine", "missing key 'behavior'", None)],
    ),
    (
        "element-without-partner",
        HEAD + "elements:\n  - {id: e, kind: fear, label: alone}\n",
        [(7, 5, "elements[0]", "missing key 'partner'", None)],
    ),
    (
        "duplicate-key",
        HEAD + "title: one\ntitle: two\n",
        [(7, 1, "title", "duplicate key 'title'", None)],
    ),
    (
        "typo-in-concern-kind",
        HEAD + "concerns:\n  - {label: pain, kind: dysfunctoin, partner: janine}\n",
        [(7, 19, "concerns[0].kind", "unknown value 'dysfunctoin'", "dysfunction")],
    ),
    (
        "typo-in-pronoun",
        "eftgraph: 1\nid: x\npartners:\n  - {id: a, name: A, pronoun: shee}\n",
        [(4, 22, "partners[0].pronoun", "unknown value 'shee'", "she")],
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_yaml_problem_is_located_and_explained(
    tmp_path: Path, name: str, text: str, expected: list[tuple[int | None, int | None, str, str, str | None]]
) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CaseFileError) as caught:
        load(path)
    problems = caught.value.problems
    assert len(problems) == len(expected), [str(p) for p in problems]
    for problem, (line, column, doc_path, fragment, suggestion) in zip(problems, expected, strict=True):
        assert problem.file == str(path)
        assert (problem.line, problem.column) == (line, column), str(problem)
        assert problem.path == doc_path
        assert fragment in problem.message or fragment in str(problem), str(problem)
        assert problem.suggestion == suggestion
        assert str(problem).startswith(f"{path}:{line}:")
    assert not Path("/tmp/eftgraph-pwned").exists()


def test_all_problems_of_a_file_at_once_in_file_order() -> None:
    text = (
        HEAD
        + "cycles:\n  everyday:\n    janine: {positon: pursuer, behavior: criticises}\n"
        + "    mathijs: {position: withdrawr, behavior: goes quiet}\n"
        + "concerns:\n  - {label: pain, kind: dysfunctoin}\n"
    )
    with pytest.raises(CaseFileError) as caught:
        loads(text)
    lines = [p.line for p in caught.value.problems]
    assert lines == [8, 9, 11]
    assert [p.suggestion for p in caught.value.problems] == ["position", "withdrawer", "dysfunction"]


BAD_DOC = {
    "eftgraph": 1,
    "id": "jm",
    "partners": [{"id": "janine", "name": "Janine"}, {"id": "mathijs", "name": "Mathijs"}],
    "cycles": {"everyday": {"janine": {"positon": "pursuer", "behavior": "criticises"}}},
    "links": [{"from": "everyday.janine.behavior", "to": "everyday.janine.behaviour"}],
}


def test_json_problems_have_lines_and_columns(tmp_path: Path) -> None:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(BAD_DOC, indent=2), encoding="utf-8")
    with pytest.raises(CaseFileError) as caught:
        load(path)
    first, second = caught.value.problems
    lines = path.read_text().splitlines()
    assert first.path == "cycles.everyday.janine.positon"
    assert first.line is not None and first.column is not None
    assert lines[first.line - 1][first.column - 1 :].startswith('"positon"')
    assert first.suggestion == "position"
    assert second.path == "links[0].to"
    assert second.line is not None and second.column is not None
    assert lines[second.line - 1][second.column - 1 :].startswith('"to"')
    assert second.suggestion == "everyday.janine.behavior"


def test_toml_problems_have_lines_and_columns(tmp_path: Path) -> None:
    import tomli_w

    path = tmp_path / "case.toml"
    path.write_text(tomli_w.dumps(BAD_DOC), encoding="utf-8")
    with pytest.raises(CaseFileError) as caught:
        load(path)
    paths = {p.path: p for p in caught.value.problems}
    lines = path.read_text().splitlines()
    positon = paths["cycles.everyday.janine.positon"]
    assert positon.line is not None
    assert lines[positon.line - 1].startswith("positon = ")
    link = paths["links[0].to"]
    assert link.line is not None and link.column is not None
    assert lines[link.line - 1][link.column - 1 :].startswith("to = ")


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"", "the file is empty"),
        (b"   \n# only a comment\n", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (b"eftgraph: 1\nid: caf\xe9\n", "not UTF-8 text (byte 0xe9)"),
        (b"- just\n- a list\n", "a case file is a mapping"),
    ],
)
def test_unreadable_bytes_get_a_message(tmp_path: Path, data: bytes, fragment: str) -> None:
    path = tmp_path / "case.yaml"
    path.write_bytes(data)
    with pytest.raises(CaseFileError) as caught:
        load(path)
    assert fragment in str(caught.value)
    assert str(caught.value).startswith(str(path))


def test_non_utf8_reports_the_line(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_bytes(b"eftgraph: 1\nid: x\ntitle: caf\xe9\n")
    with pytest.raises(CaseFileError) as caught:
        load(path)
    assert (caught.value.problems[0].line, caught.value.problems[0].column) == (3, 11)


def test_unknown_suffix_suggests_one(tmp_path: Path) -> None:
    with pytest.raises(CaseFileError) as caught:
        load(tmp_path / "case.ymal")
    assert caught.value.problems[0].suggestion in (".yaml", ".yml")


def test_cli_check_prints_every_problem_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(CASES[0][1], encoding="utf-8")
    good = Path("examples/janine-mathijs.yaml")
    assert main(["check", str(good), str(bad)]) == 1
    out, err = capsys.readouterr()
    assert out.startswith(
        f"{good}: in orde: 2 partners, 2 domeinen (everyday, sexual), 24 elementen, 24 verbindingen"
    )
    assert err == (
        f"{bad}:9:7: cycles.sexual.janine.positon: unknown key 'positon' (allowed: behavior, event, fear, injury, need, "
        "perception, position, primary, secondary, stance, trigger); did you mean 'position'?\n"
    )
    assert "Traceback" not in err


def test_cli_check_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(CASES[0][1], encoding="utf-8")
    assert main(["check", "--format", "json", str(bad)]) == 1
    (result,) = json.loads(capsys.readouterr().out)
    assert result["valid"] is False
    assert result["problems"][0] == {
        "file": str(bad),
        "line": 9,
        "column": 7,
        "path": "cycles.sexual.janine.positon",
        "message": "unknown key 'positon'",
        "found": "positon",
        "allowed": [
            "behavior",
            "event",
            "fear",
            "injury",
            "need",
            "perception",
            "position",
            "primary",
            "secondary",
            "stance",
            "trigger",
        ],
        "suggestion": "position",
        "key": "error.shape.unknown-key",
        "params": {"key": "'positon'"},
        "language": "en",
    }


@pytest.mark.parametrize("value", ["lots", "-1", "1.5", ""])
@pytest.mark.parametrize(
    "variable", ["EFTGRAPH_MAX_FILE_BYTES", "EFTGRAPH_MAX_ELEMENTS", "EFTGRAPH_MAX_LINKS"]
)
def test_a_bad_cap_in_the_environment_is_refused_by_name(
    variable: str, value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(OptionError) as caught:
        load("examples/janine-mathijs.yaml")
    assert str(caught.value) == (
        f"{variable} must be a whole number of zero or more, found {value!r} (default: {CAPS[variable]})"
    )


def test_cli_names_a_bad_cap_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("EFTGRAPH_MAX_LINKS", "many")
    assert main(["check", "examples/janine-mathijs.yaml"]) != 0
    err = capsys.readouterr().err
    assert "EFTGRAPH_MAX_LINKS must be a whole number of zero or more, found 'many'" in err
    assert "Traceback" not in err


def test_the_models_rules_are_told_with_the_readers_problems_at_once() -> None:
    text = (
        HEAD
        + "colour: red\n"
        + "elements:\n  - {id: e, partner: janine, kind: need, stance: pursue, label: to be seen}\n"
        + "  - {id: e, partner: janine, kind: fear, label: alone}\n"
    )
    with pytest.raises(CaseFileError) as caught:
        loads(text)
    assert [(p.line, p.path, p.message, p.found) for p in caught.value.problems] == [
        (6, "colour", "unknown key 'colour'", "colour"),
        (8, "elements[0].stance", "only a behavior has a stance, not a need", "pursue"),
        (9, "elements[1].id", "duplicate element id", "e"),
    ]


def test_a_bad_element_id_is_told_once_not_again_at_its_links() -> None:
    text = (
        HEAD
        + "elements:\n  - {id: 'a b', partner: janine, kind: need, label: to be seen}\n"
        + "  - {id: c, partner: janine, kind: fear, label: alone}\n"
        + "links:\n  - {from: 'a b', to: c}\n"
    )
    with pytest.raises(CaseFileError) as caught:
        loads(text)
    (problem,) = caught.value.problems
    assert (problem.line, problem.column, problem.path) == (7, 6, "elements[0].id")
    assert problem.message == "an element id must be letters, digits, '_', '-' or '.'"
