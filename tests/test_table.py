"""The case table: columns, the hand-checked rows of the examples, loop rows, many partners, the CLI."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import attrs
import pytest

from eftgraph import (
    CaseFileError,
    LoopLimitError,
    domain_comparison,
    dump,
    load,
    loads,
    loops,
    positions,
    table,
    to_dot,
)
from eftgraph._synthetic import synthetic_case
from eftgraph._table import CASE_COLUMNS, LOOP_COLUMNS, to_csv
from eftgraph.cli import main

EN = "examples/janine-mathijs.en.yaml"
NL = "examples/janine-mathijs.yaml"
FAMILY = "examples/family-morgan.yaml"

PLAIN = (str, int, bool, type(None))


def _plain(value: Any) -> bool:
    if isinstance(value, list):
        return all(isinstance(item, str) for item in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())
    return type(value) in PLAIN


# --------------------------------------------------------------------------- hand-checked rows


def test_the_worked_example_by_hand() -> None:
    # Everyday: Janine pursues, Mathijs withdraws, one 10-element loop through both columns
    # (the laptop evening has no link back into the everyday cycle). Sexual: the positions
    # reverse, one 8-element loop. Both partners switch: a mirrored reversal. No concerns.
    assert table(EN) == [
        {
            "file": EN,
            "case": "janine-mathijs",
            "domain": "everyday",
            "partners": 2,
            "positions": {"janine": "pursuer", "mathijs": "withdrawer"},
            "pattern": "pursue-withdraw",
            "loops": 1,
            "reinforcing": 1,
            "balancing": 0,
            "intrapersonal": 0,
            "reversals": {"sexual": "mirrored"},
            "referrals": 0,
        },
        {
            "file": EN,
            "case": "janine-mathijs",
            "domain": "sexual",
            "partners": 2,
            "positions": {"janine": "withdrawer", "mathijs": "pursuer"},
            "pattern": "pursue-withdraw",
            "loops": 1,
            "reinforcing": 1,
            "balancing": 0,
            "intrapersonal": 0,
            "reversals": {"everyday": "mirrored"},
            "referrals": 0,
        },
    ]


def test_the_dutch_example_has_the_same_analysis() -> None:
    english, dutch = table(EN), table(NL)
    assert [{**row, "file": None} for row in english] == [{**row, "file": None} for row in dutch]


def test_the_family_example_by_hand() -> None:
    # Three people, full standard wiring: in each domain the three-person loop in both
    # directions and one loop per pair, all reinforcing. Everyday: Sarah pursues, Tom and
    # Lily withdraw. Caregiving: Tom pursues, Sarah and Lily withdraw; the parents switch
    # and Lily does not, a partial reversal. One concern (Tom's low mood, an illness).
    rows = table(FAMILY)
    assert [
        (
            r["domain"],
            r["partners"],
            r["positions"],
            r["pattern"],
            r["loops"],
            r["reinforcing"],
            r["reversals"],
        )
        for r in rows
    ] == [
        (
            "everyday",
            3,
            {"sarah": "pursuer", "tom": "withdrawer", "lily": "withdrawer"},
            "pursue-withdraw",
            5,
            5,
            {"caregiving": "partial"},
        ),
        (
            "caregiving",
            3,
            {"sarah": "withdrawer", "tom": "pursuer", "lily": "withdrawer"},
            "pursue-withdraw",
            5,
            5,
            {"everyday": "partial"},
        ),
    ]
    assert {(r["balancing"], r["intrapersonal"], r["referrals"]) for r in rows} == {(0, 0, 1)}


def test_loop_rows_of_the_example() -> None:
    rows = table(EN, loops=True)
    assert [list(row) for row in rows] == [list(LOOP_COLUMNS)] * 2
    first = rows[0]
    assert first["loop"] == 1
    assert (first["domain"], first["domains"], first["length"]) == ("everyday", ["everyday"], 10)
    assert first["partners"] == ["janine", "mathijs"]
    assert (first["interactional"], first["polarity"], first["pattern"]) == (
        True,
        "reinforcing",
        "pursue-withdraw",
    )
    assert first["positions"] == {"janine": "pursuer", "mathijs": "withdrawer"}
    assert first["elements"][0] == "everyday.janine.behavior"
    assert first["elements"] == list(loops(load(EN))[0].elements)
    assert rows[1]["loop"] == 2
    assert rows[1]["domain"] == "sexual"


# --------------------------------------------------------------------------- columns and kinds of loops


BALANCING_AND_INTRAPERSONAL = """
eftgraph: 1
id: shapes
partners: [{id: a, name: Ann}, {id: b, name: Bo}]
domains: [everyday, sexual]
cycles:
  everyday:
    a: {position: pursuer, behavior: criticises, primary: hurt}
    b: {position: withdrawer, behavior: goes quiet}
elements:
  - {id: a-calm, partner: a, kind: secondary_emotion, label: calms herself}
  - {id: b-sex, partner: b, domain: sexual, kind: behavior, stance: pursue, label: initiates}
  - {id: a-sex, partner: a, domain: sexual, kind: perception, label: he wants me}
links:
  - {from: everyday.a.behavior, to: a-calm}
  - {from: a-calm, to: everyday.a.behavior, sign: "-"}
  - {from: everyday.b.behavior, to: everyday.a.primary, sign: "-"}
  - {from: b-sex, to: a-sex}
  - {from: a-sex, to: everyday.b.behavior}
  - {from: everyday.a.behavior, to: b-sex}
"""


def test_balancing_intrapersonal_and_cross_domain_loops() -> None:
    case = loads(BALANCING_AND_INTRAPERSONAL)
    everyday, sexual = table(case)
    assert everyday["file"] is None
    assert (everyday["loops"], everyday["reinforcing"], everyday["balancing"], everyday["intrapersonal"]) == (
        2,
        0,
        1,
        1,
    )
    assert everyday["pattern"] == "pursue-withdraw"
    assert (sexual["loops"], sexual["pattern"], sexual["partners"]) == (0, None, 2)
    assert sexual["reversals"] == {"everyday": domain_comparison(case, "sexual", "everyday").kind.value}
    loop_rows = table(case, loops=True)
    crossing = [row for row in loop_rows if row["domain"] is None]
    assert len(crossing) == 1
    assert crossing[0]["domains"] == ["everyday", "sexual"]
    assert len(loop_rows) == everyday["loops"] + sexual["loops"] + len(crossing)
    inside = [row for row in loop_rows if not row["interactional"]]
    assert [row["pattern"] for row in inside] == [None]


def test_rows_are_plain_and_columns_stable() -> None:
    rows = table([EN, FAMILY, loads(BALANCING_AND_INTRAPERSONAL)])
    assert all(tuple(row) == CASE_COLUMNS for row in rows)
    assert all(_plain(value) for row in rows for value in row.values())
    loop_rows = table([EN, FAMILY], loops=True)
    assert all(tuple(row) == LOOP_COLUMNS for row in loop_rows)
    assert all(_plain(value) or isinstance(value, list) for row in loop_rows for value in row.values())
    assert json.loads(json.dumps(rows)) == rows


def test_a_case_without_elements_still_has_a_row() -> None:
    empty = loads("eftgraph: 1\nid: empty\npartners: [{id: a, name: Ann}]\n")
    assert table(empty) == [
        {
            "file": None,
            "case": "empty",
            "domain": None,
            "partners": 0,
            "positions": {},
            "pattern": None,
            "loops": 0,
            "reinforcing": 0,
            "balancing": 0,
            "intrapersonal": 0,
            "reversals": {},
            "referrals": 0,
        }
    ]
    assert table(empty, loops=True) == []


def test_inputs_folders_patterns_and_errors(tmp_path: Path) -> None:
    dump(attrs.evolve(load(EN), sessions=()), tmp_path / "a.yaml")
    (tmp_path / "sub").mkdir()
    dump(load(FAMILY), tmp_path / "sub" / "b.json")
    by_folder = table(tmp_path)
    assert [(Path(r["file"]).name, r["domain"]) for r in by_folder] == [
        ("a.yaml", "everyday"),
        ("a.yaml", "sexual"),
        ("b.json", "everyday"),
        ("b.json", "caregiving"),
    ]
    assert len(table(str(tmp_path / "*.yaml"))) == 2
    with pytest.raises(CaseFileError, match=r"no-such\.yaml: no such file or folder"):
        table([EN, "no-such.yaml"])
    with pytest.raises(LoopLimitError):
        table(synthetic_case(partners=8, domains=("everyday",)), limit=100)


# --------------------------------------------------------------------------- three to six people


@pytest.mark.parametrize("people", [3, 4, 5, 6])
def test_families_of_three_to_six(people: int) -> None:
    case = synthetic_case(partners=people, domains=("everyday", "caregiving"))
    rows = table(case)
    assert [row["partners"] for row in rows] == [people, people]
    assert list(rows[0]["positions"].values()) == ["pursuer", "withdrawer"] * (people // 2) + (
        ["pursuer"] if people % 2 else []
    )
    assert rows[0]["reversals"] == {"caregiving": "mirrored"}
    found_loops = loops(case, domain="everyday", limit=None)
    assert rows[0]["loops"] == len(found_loops) > people
    assert rows[0]["reinforcing"] == len(found_loops)
    assert dict(positions(case, "caregiving"))["p1"].value == "pursuer"
    source = to_dot(case).source
    assert all(partner.name in source for partner in case.partners)


# --------------------------------------------------------------------------- CSV and the command line


def test_csv_cells() -> None:
    text = to_csv(table(EN, loops=True), LOOP_COLUMNS)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == list(LOOP_COLUMNS)
    assert rows[0]["interactional"] == "true"
    assert rows[0]["positions"] == "janine=pursuer;mathijs=withdrawer"
    assert rows[0]["elements"].startswith("everyday.janine.behavior;everyday.mathijs.perception;")
    assert rows[0]["domains"] == "everyday"


def test_cli_csv_of_the_examples(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["table", EN, FAMILY]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == ",".join(CASE_COLUMNS)
    assert out.splitlines()[1] == (
        f"{EN},janine-mathijs,everyday,2,janine=pursuer;mathijs=withdrawer,pursue-withdraw,1,1,0,0,sexual=mirrored,0"
    )
    assert len(out.splitlines()) == 5


def test_cli_json_matches_the_function(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["table", EN, FAMILY, "--format", "json", "--loops"]) == 0
    first = capsys.readouterr().out
    assert json.loads(first) == table([EN, FAMILY], loops=True)
    main(["table", EN, FAMILY, "--format", "json", "--loops"])
    assert capsys.readouterr().out == first


def test_cli_reports_bad_files_and_goes_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "bad.yaml").write_text("eftgraph: 1\nid: x\npartners: [{id: a, name: Ann}]\ncolour: red\n")
    dump(synthetic_case(partners=8, domains=("everyday",), case_id="huge"), tmp_path / "huge.yaml")
    assert main(["table", EN, str(tmp_path / "bad.yaml"), str(tmp_path / "huge.yaml"), "missing"]) == 1
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 3  # header and the example's two rows
    missing, bad, huge = captured.err.splitlines()
    assert missing == "missing: no such file or folder"
    assert bad == (
        f"{tmp_path / 'bad.yaml'}: 4:1: colour: unknown key 'colour' (allowed: concerns, cycles, domains, "
        "eftgraph, elements, id, language, links, partners, positions, sessions, title)"
    )
    assert huge.startswith(f"{tmp_path / 'huge.yaml'}: case 'huge' has more than 10")
    assert "max_length" in huge
    assert main(["table", str(tmp_path / "huge.yaml"), "--limit", "none"]) == 0
    capsys.readouterr()
    assert main(["table", str(tmp_path / "bad.yaml"), "-o", str(tmp_path / "t.csv")]) == 1
    assert capsys.readouterr().out == ""
    assert not (tmp_path / "t.csv").exists()  # no table when no case could be read


def test_cli_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "table.csv"
    assert main(["table", EN, "-o", str(target)]) == 0
    assert capsys.readouterr().out == ""
    assert target.read_text(encoding="utf-8") == to_csv(table(EN), CASE_COLUMNS)
    copy = tmp_path / "case.yaml"
    dump(load(EN), copy)
    before = copy.read_bytes()
    assert main(["table", str(copy), "-o", str(copy)]) == 2  # a usage error, as in every command
    assert "the output names an input file; eftgraph never writes over its input" in capsys.readouterr().err
    assert copy.read_bytes() == before


def test_cli_output_dash_is_standard_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    source = Path(EN).resolve()
    monkeypatch.chdir(tmp_path)
    assert main(["table", str(source), "-o", "-"]) == 0
    assert capsys.readouterr().out == to_csv(table(source), CASE_COLUMNS)
    assert not (tmp_path / "-").exists()
