"""eftgraph course, eftgraph diff, eftgraph table --sessions and render --view timeline|course."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli_support import run
from tests.figures_support import png_size

NL = "examples/janine-mathijs.yaml"
EN = "examples/janine-mathijs.en.yaml"


def test_course_as_text_in_the_case_language() -> None:
    status, out, err, _ = run(["course", NL])
    assert (status, err) == (0, "")
    assert out.startswith("Sessie 1–15 (15 sessies")
    assert "Het verloop volgt de volgorde van het EFT-model" in out
    status, out, _, _ = run(["course", NL, "--language", "en"])
    assert out.startswith("Sessions 1–15 (15 sessions")


def test_course_as_json() -> None:
    status, out, _, _ = run(["course", EN, "--format", "json"])
    data = json.loads(out)
    assert status == 0
    assert data["file"] == EN
    assert [d["de_escalated_from"] for d in data["domains"]] == [6, 11]
    assert data["advisories"] == []


def test_course_of_a_bad_file_names_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(Path(EN).read_text("utf-8").replace("{session: 4, date:", "{session: 2, date:"), "utf-8")
    status, out, err, _ = run(["course", str(bad)])
    assert status == 1 and out == ""
    assert "sessions[3].session: session numbers must increase (found 2 after 3)" in err
    assert f"{bad}:" in err


def test_diff_of_two_files_and_of_two_sessions() -> None:
    status, out, _, _ = run(["diff", EN, "examples/janine-mathijs.session-09.en.yaml"])
    assert status == 0
    assert out.splitlines()[0] == f"From {EN} to examples/janine-mathijs.session-09.en.yaml:"
    status, out, _, _ = run(["diff", EN, "--sessions", "9", "15", "--format", "json"])
    data = json.loads(out)
    assert (data["a"], data["b"]) == (
        "the formulation in force at session 9",
        "the formulation in force at session 15",
    )
    assert [loop["pattern"] for loop in data["secure_gained"]] == ["secure"]
    status, out, _, _ = run(["diff", EN])
    assert out.splitlines()[0] == "From the intake formulation to the formulation of session 14:"


def test_diff_usage_and_errors() -> None:
    status, _, err, _ = run(["diff", EN, NL, EN])
    assert status == 2 and "give two case files" in err
    status, _, err, _ = run(["diff", EN, NL, "--sessions", "1", "2"])
    assert status == 2 and "give one FILE" in err
    status, _, err, _ = run(["diff", EN, "--sessions", "1", "99"])
    assert status == 1 and "unknown session 99" in err
    status, _, err, _ = run(["diff", "examples/family-morgan.yaml"])
    assert status == 1 and "no later formulation" in err


def test_table_of_sessions(tmp_path: Path) -> None:
    status, out, _, _ = run(["table", "--sessions", EN, "--format", "json"])
    rows = json.loads(out)
    assert status == 0 and len(rows) == 15
    assert rows[10]["markers"] == ["blamer-softening", "bonding-event"]
    status, out, _, _ = run(["table", "--sessions", EN])
    lines = out.splitlines()
    assert lines[0] == "file,case,session,date,stage,steps,present,cycle,markers,measures,formulation"
    assert lines[1].endswith(
        ",1,2015-01-12,1,1;2,janine;mathijs,everyday=8;sexual=7,,rdas:janine=38;rdas:mathijs=41,"
    )


def test_render_the_timeline_and_the_course_view(tmp_path: Path) -> None:
    timeline = tmp_path / "timeline.png"
    status, _, err, _ = run(["render", NL, "-o", str(timeline), "--view", "timeline", "--theme", "print"])
    assert (status, err) == (0, "")
    assert png_size(timeline.read_bytes())[0] > 1000
    view = tmp_path / "course.dot"
    status, _, _, _ = run(["render", EN, "-o", str(view), "--view", "course", "--domain", "sexual"])
    assert status == 0
    assert "new dance" in view.read_text("utf-8")
    status, _, err, _ = run(["render", EN, "-o", str(tmp_path / "t.dot"), "--view", "timeline"])
    assert status == 1 and "the timeline is a chart" in err


def test_the_new_template_shows_a_course_that_loads(tmp_path: Path) -> None:
    import eftgraph

    for language in ("en", "nl"):
        target = tmp_path / f"couple-{language}.yaml"
        assert run(["new", str(target), "--language", language])[0] == 0
        text = target.read_text("utf-8")
        start = text.index("# sessions:")
        block = [line[2:] for line in text[start:].splitlines() if "formulation:" not in line]
        uncommented = text[:start] + "\n".join(block).replace("…", "a note") + "\n"
        case = eftgraph.loads(uncommented)
        assert [(s.number, s.stage, dict(s.cycle)) for s in case.sessions] == [(1, 1, {"everyday": 8})]
        assert case.sessions[0].measures[0].scale == "rdas"


def test_batch_draws_the_timeline_and_the_course_view(tmp_path: Path) -> None:
    out = tmp_path / "figures"
    status, _, err, _ = run(
        ["batch", EN, NL, "-o", str(out), "--view", "timeline", "--to", "png", "--jobs", "1"]
    )
    assert status == 0, err
    status, _, err, _ = run(["batch", EN, "-o", str(out), "--view", "course", "--to", "svg", "--jobs", "1"])
    assert status == 0, err
    assert sorted(p.name for p in out.iterdir()) == [
        "janine-mathijs.en.course.svg",
        "janine-mathijs.en.timeline.png",
        "janine-mathijs.timeline.png",
    ]
    assert png_size((out / "janine-mathijs.timeline.png").read_bytes())[0] > 1000
