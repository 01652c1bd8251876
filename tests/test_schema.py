"""The JSON Schema stays true to the loader: examples validate, schema-level mistakes fail."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import given

from eftgraph import Case, dumps
from eftgraph.cli import main
from eftgraph.schema import json_schema
from tests.strategies import cases
from tests.test_errors import CASES

VALIDATOR = jsonschema.Draft202012Validator(json_schema())

# mistakes a schema can see (the rest need the whole case: unknown partners, dangling links, …)
SCHEMA_MATTERS = {
    "typo-in-sheet-key",
    "typo-in-position-value",
    "typo-in-top-level-key",
    "typo-in-element-kind",
    "number-where-text-belongs",
    "yes-becomes-a-boolean",
    "partners-not-a-list",
    "missing-version",
    "wrong-version",
    "sheet-without-behavior",
    "typo-in-concern-kind",
    "typo-in-pronoun",
}


def test_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(json_schema())


@pytest.mark.parametrize("path", sorted(Path("examples").glob("*.yaml")), ids=str)
def test_examples_validate(path: Path) -> None:
    VALIDATOR.validate(yaml.safe_load(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize(("name", "text"), [(c[0], c[1]) for c in CASES if c[0] in SCHEMA_MATTERS])
def test_schema_matters_fail_the_schema(name: str, text: str) -> None:
    assert not VALIDATOR.is_valid(yaml.safe_load(text)), name


def test_every_schema_matter_is_a_known_case() -> None:
    assert {c[0] for c in CASES} >= SCHEMA_MATTERS


@given(case=cases())
def test_every_dumped_case_validates(case: Case) -> None:
    VALIDATOR.validate(json.loads(dumps(case, "json")))


def test_cli_schema_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == json_schema()


def test_cli_schema_writes_the_file_the_template_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "eftgraph.schema.json"
    assert main(["schema", "-o", str(target)]) == 0
    assert capsys.readouterr().out == ""
    schema = json.loads(target.read_text(encoding="utf-8"))
    assert schema == json_schema()
    assert schema["$id"] == "urn:eftgraph:case-file:1"  # a URN: no public URL, nothing fetched
    assert main(["schema", "-o", str(tmp_path / "no-such-folder" / "s.json")]) == 1
    assert "cannot write" in capsys.readouterr().err
