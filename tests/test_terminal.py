"""What eftgraph prints on a terminal never runs as terminal control, whatever a file holds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from eftgraph._terminal import shorten, visible
from eftgraph.errors import Problem

CONTROL = st.characters(codec="utf-8", categories=["Cc", "Cf", "L", "N", "P", "Zs", "Zl", "Zp"])


@given(st.text(CONTROL))
def test_visible_text_holds_no_control_character(text: str) -> None:
    shown = visible(text)
    assert all(c == "\t" or (ord(c) >= 0x20 and not 0x7F <= ord(c) <= 0x9F) for c in shown)
    assert not any(c in shown for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    assert len(shown.splitlines()) <= 1  # no line break of any kind: not NEL, not U+2028 or U+2029


def test_the_unicode_line_and_paragraph_separators_are_shown_as_escapes() -> None:
    assert visible("a\u2028fake.yaml:1:1: ok\u2029b") == "a\\u2028fake.yaml:1:1: ok\\u2029b"


@given(st.text(), st.integers(min_value=3, max_value=200))
def test_shorten_keeps_short_text_and_cuts_long_text_to_width(text: str, width: int) -> None:
    short = shorten(text, width)
    assert len(short) <= max(width, len(text) if len(text) <= width else width)
    if len(text) <= width:
        assert short == text
    else:
        assert "…" in short and short[0] == text[0] and short[-1] == text[-1]


def test_a_problem_with_a_forged_line_prints_as_one_line() -> None:
    problem = Problem(
        "cycles.x\nfake.yaml:1:1: ok", "error.shape.unknown-key", {"key": "'\x1b[2J'"}, file="a\rb.yaml"
    )
    text = str(problem)
    assert "\n" not in text and "\r" not in text and "\x1b" not in text
    assert "\\n" in text and "\\x1b[2J" in text


def test_a_key_with_escape_sequences_is_shown_escaped_by_check(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(
        'eftgraph: 1\nid: x\npartners: [{id: a, name: A}]\n"ti\\e]0;owned\\atle\\nfake.yaml:1:1: ok": 1\n',
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "eftgraph", "check", str(case)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 1
    assert "\x1b" not in done.stderr and "\x07" not in done.stderr
    assert "fake.yaml:1:1: ok" not in done.stderr.splitlines()
    assert "\\x1b]0;owned\\x07" in done.stderr
