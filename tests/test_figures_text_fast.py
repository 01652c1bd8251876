"""The label text functions classify each character once; the results are those of the per-character rules."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from eftgraph.figures import _text
from eftgraph.figures._text import _is_dropped, _is_space, clean, display_width, escape

# any code point, surrogates included (a str can hold them), weighted towards the interesting ones
TEXT = st.text(
    st.one_of(
        st.characters(codec=None, exclude_categories=()),
        st.sampled_from("\t \u00a0\u2007\u202f\u3000\u2028\x07\x1b\ufdd0\ufffe\U0001fffe\u0301\u200d日本é’"),
    ),
    max_size=40,
)


def width_by_the_rules(text: str) -> int:
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def kept_by_the_rules(text: str) -> str:
    return "".join(" " if _is_space(c) else c for c in text if _is_space(c) or not _is_dropped(c))


def clean_by_the_rules(text: str) -> list[str]:
    paragraphs = []
    for raw in _text._LINE_BREAKS.split(text):
        kept = kept_by_the_rules(raw)
        paragraph = " ".join(part.strip() for part in kept.split(" ") if part.strip())
        if paragraph:
            paragraphs.append(paragraph)
    return paragraphs


def escape_by_the_rules(text: str) -> str:
    text = kept_by_the_rules(_text._LINE_BREAKS.sub(" ", text))
    for plain, escaped in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("\\", "\\\\")):
        text = text.replace(plain, escaped)
    return text.replace("]", "&#93;")


@settings(max_examples=400)
@given(TEXT)
def test_display_width_is_that_of_the_rules(text: str) -> None:
    assert display_width(text) == width_by_the_rules(text)


@settings(max_examples=400)
@given(TEXT)
def test_clean_and_escape_keep_what_the_rules_keep(text: str) -> None:
    assert text.translate(_text._CLEANED) == kept_by_the_rules(text)
    assert escape(text) == escape_by_the_rules(text)
    assert clean(text) == clean_by_the_rules(text)


def test_the_tables_forget_nothing_they_were_not_asked_and_stay_bounded() -> None:
    assert display_width("a\u0301日\u200d\x07") == 1 + 0 + 2 + 0 + 1
    assert "\x07".translate(_text._CLEANED) == ""
    assert "\t\u3000\u00a0".translate(_text._CLEANED) == "  \u00a0"
    rare = "".join(chr(code) for code in range(0x4E00, 0x4E00 + 2 * _text._REMEMBERED))
    assert display_width(rare) == width_by_the_rules(rare) > len(rare)
    assert rare.translate(_text._CLEANED) == kept_by_the_rules(rare)
    assert len(_text._WIDTHS) <= _text._REMEMBERED
    assert len(_text._CLEANED) <= _text._REMEMBERED
