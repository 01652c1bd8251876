"""The analysis commands: eftgraph loops, compare, describe; referrals in check."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from eftgraph.cli import main

NL = "examples/janine-mathijs.yaml"
EN = "examples/janine-mathijs.en.yaml"
FAMILY = "examples/family-morgan.yaml"

WITH_CONCERNS = """eftgraph: 1
id: concerns
partners: [{id: a, name: Ann}, {id: b, name: Bo}]
language: nl
cycles:
  everyday:
    a: {position: pursuer, behavior: zeurt}
    b: {position: withdrawer, behavior: zwijgt}
concerns:
  - {label: pijn bij het vrijen, kind: dysfunction, partner: a}
  - {label: hij duwde haar, kind: coercion, partner: b}
"""


def out(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def as_json(capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    status, text, _ = out(capsys, *args, "--format", "json")
    assert status == 0
    return json.loads(text)


# --- loops --------------------------------------------------------------------------------------------


def test_loops_text(capsys: pytest.CaptureFixture[str]) -> None:
    status, text, err = out(capsys, "loops", NL)
    assert status == 0
    assert err == ""
    lines = text.splitlines()
    assert lines[0] == f"{NL}: 2 loops"
    assert lines[1] == "  1. everyday · pursue-withdraw (protestpolka) · reinforcing · negative · 10 elements"
    assert lines[2] == "     janine: pursuer, mathijs: withdrawer"
    assert lines[3].startswith("     everyday.janine.behavior → everyday.mathijs.perception")
    assert "  2. sexual · pursue-withdraw (protestpolka) · reinforcing · negative · 8 elements" in lines
    assert "     janine: withdrawer, mathijs: pursuer" in lines
    assert (
        "Where to intervene: 2 negative loops; a smallest set that breaks them all has 2 elements; 80 such sets."
        in text.replace("\n  ", " ")
    )
    assert all(len(line) <= 88 for line in lines)


def test_loops_json_fields(capsys: pytest.CaptureFixture[str]) -> None:
    data = as_json(capsys, "loops", EN)
    assert list(data) == ["file", "case", "domain", "max_length", "count", "loops", "intervention"]
    assert data["count"] == 2
    first = data["loops"][0]
    assert list(first) == [
        "elements",
        "partners",
        "domains",
        "length",
        "interactional",
        "polarity",
        "pattern",
        "negative",
        "stances",
        "positions",
    ]
    assert first["pattern"] == "pursue-withdraw"
    assert first["positions"] == {"janine": "pursuer", "mathijs": "withdrawer"}
    assert first["stances"] == {"janine": "pursue", "mathijs": "withdraw"}
    assert data["loops"][1]["positions"] == {"janine": "withdrawer", "mathijs": "pursuer"}
    points = data["intervention"]
    assert list(points) == ["negative_loops", "exact", "size", "count", "breaking_set", "smallest", "ranking"]
    assert points["size"] == 2
    assert points["count"] == 80
    assert points["breaking_set"] == ["everyday.janine.behavior", "sexual.janine.behavior"]
    assert points["ranking"][0] == {"element": "everyday.janine.behavior", "loops": 1}


def test_loops_json_is_deterministic(capsys: pytest.CaptureFixture[str]) -> None:
    first = out(capsys, "loops", FAMILY, "--format", "json")
    second = out(capsys, "loops", FAMILY, "--format", "json")
    assert first == second


def test_loops_filters(capsys: pytest.CaptureFixture[str]) -> None:
    data = as_json(capsys, "loops", EN, "--domain", "sexual")
    assert (data["domain"], data["count"]) == ("sexual", 1)
    data = as_json(capsys, "loops", EN, "--max-length", "8")
    assert (data["max_length"], data["count"]) == (8, 1)
    assert as_json(capsys, "loops", EN, "--limit", "none")["count"] == 2


def test_loops_errors(capsys: pytest.CaptureFixture[str]) -> None:
    status, text, err = out(capsys, "loops", EN, "--limit", "1")
    assert (status, text) == (1, "")
    assert err.startswith(f"eftgraph: {EN}: case 'janine-mathijs' has more than 1 loop")
    assert "--max-length" in err
    status, _, err = out(capsys, "loops", EN, "--domain", "sexueel")
    assert status == 1
    assert "did you mean 'sexual'?" in err
    with pytest.raises(SystemExit) as caught:
        main(["loops", EN, "--max-length", "0"])
    assert caught.value.code == 2
    assert "must be a whole number ≥ 1" in capsys.readouterr().err
    status, _, err = out(capsys, "loops", "examples/nonexistent.yaml")
    assert status == 1
    assert "nonexistent.yaml" in err


# --- compare ------------------------------------------------------------------------------------------


def test_compare_text(capsys: pytest.CaptureFixture[str]) -> None:
    status, text, _ = out(capsys, "compare", EN)
    assert status == 0
    lines = text.splitlines()
    assert lines[:4] == [
        f"{EN}: everyday → sexual: mirrored (mirrored reversal)",
        "  janine: pursuer → withdrawer (reverses)",
        "  mathijs: withdrawer → pursuer (reverses)",
        "  link: laptop-evening → sexual.janine.perception (no connection before bed)",
    ]
    assert "  recurring: everyday.mathijs.primary ~ sexual.mathijs.primary (failure)" in lines


def test_compare_json(capsys: pytest.CaptureFixture[str]) -> None:
    data = as_json(capsys, "compare", NL)
    assert list(data) == [
        "file",
        "case",
        "a",
        "b",
        "kind",
        "positions",
        "reasons",
        "reversals",
        "undetermined",
        "bridges",
    ]
    assert data["kind"] == "mirrored"
    assert data["positions"]["janine"] == {"everyday": "pursuer", "sexual": "withdrawer"}
    assert data["reasons"]["janine"] == {"everyday": "declared", "sexual": "declared"}
    assert data["reversals"] == ["janine", "mathijs"]
    assert data["bridges"][0] == {
        "kind": "link",
        "source": "laptop-evening",
        "target": "sexual.janine.perception",
        "partner": "mathijs",
        "words": [],
        "label": "geen verbinding voor het slapen",
    }
    assert {
        "kind": "recurring",
        "source": "everyday.mathijs.primary",
        "target": "sexual.mathijs.primary",
        "partner": "mathijs",
        "words": ["falen"],
        "label": None,
    } in data["bridges"]


def test_compare_other_domains_and_errors(capsys: pytest.CaptureFixture[str]) -> None:
    data = as_json(capsys, "compare", FAMILY, "everyday", "caregiving")
    assert (data["kind"], data["reversals"]) == ("partial", ["sarah", "tom"])
    status, _, err = out(capsys, "compare", FAMILY)
    assert status == 1
    assert "unknown domain 'sexual' (allowed: everyday, caregiving)" in err
    for args in (
        ["compare", EN, "everyday"],
        ["compare", EN, "sexual", "sexual"],
        ["compare", EN, "a", "b", "c"],
    ):
        with pytest.raises(SystemExit) as caught:
            main(args)
        assert caught.value.code == 2
    capsys.readouterr()


# --- describe -------------------------------------------------------------------------------------------


def test_describe_text_in_the_case_language(capsys: pytest.CaptureFixture[str]) -> None:
    status, text, _ = out(capsys, "describe", NL)
    assert status == 0
    assert text.startswith("Janine & Mathijs\n\nDe cirkel in het dagelijks leven is een protestpolka")
    assert all(len(line) <= 88 for line in text.splitlines())
    status, english, _ = out(capsys, "describe", NL, "--language", "en")
    assert english.startswith("Janine & Mathijs\n\nThe everyday cycle is a Protest Polka")


def test_describe_json(capsys: pytest.CaptureFixture[str]) -> None:
    data = as_json(capsys, "describe", EN)
    assert list(data) == ["file", "case", "language", "text", "paragraphs", "referrals"]
    assert data["language"] == "en"
    assert data["paragraphs"] == data["text"].split("\n\n")
    assert len(data["paragraphs"]) == 4
    assert data["referrals"] == []


def test_describe_and_check_show_referrals(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    case = tmp_path / "concerns.yaml"
    case.write_text(WITH_CONCERNS, encoding="utf-8")
    status, text, _ = out(capsys, "describe", str(case))
    assert status == 0
    assert (
        "Buiten de cirkel: ‘pijn bij het vrijen’ (Ann): Een seksuele disfunctie is geen interactiethema"
        in text.replace("\n", " ")
    )
    data = as_json(capsys, "describe", str(case), "--language", "en")
    assert [r["advice"] for r in data["referrals"]] == ["sexologist", "safety-first"]
    assert data["referrals"][1]["contraindicated"] is True
    assert data["referrals"][1]["text"].startswith("Where there is coercion or violence, safety comes first")
    status, text, _ = out(capsys, "check", str(case))
    assert status == 0
    lines = text.splitlines()
    assert lines[0].endswith("2 concerns")
    assert lines[1].startswith("  referral: pijn bij het vrijen (Ann) [dysfunction]: Een seksuele disfunctie")
    assert lines[2].startswith(
        "  referral: hij duwde haar (Bo) [coercion]: Bij dwang of geweld gaat veiligheid voor"
    )
    (entry,) = as_json(capsys, "check", str(case))
    assert [r["kind"] for r in entry["referrals"]] == ["dysfunction", "coercion"]
    assert list(entry["referrals"][0]) == ["concern", "kind", "partner", "advice", "contraindicated", "text"]
    (entry,) = as_json(capsys, "check", EN)
    assert entry["referrals"] == []


def test_commands_run_as_a_program() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "eftgraph", "describe", EN, "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        encoding="utf-8",
    )
    assert result.returncode == 0
    assert json.loads(result.stdout)["case"] == "janine-mathijs"
