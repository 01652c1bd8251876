"""Arbitrary Unicode labels through to_dot and both renderers: the DOT always parses, the text comes out whole."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from eftgraph import Case, Partner, Sheet, to_dot
from eftgraph.figures import pipe
from eftgraph.figures._text import clean, escape, html_lines, words, wrap
from tests.figures_support import BOTH_RENDERERS, all_texts, node_texts, words_of

SPECIAL = [
    '"',
    "\\",
    "\\n",
    "\\N",
    "\\l",
    "<b>",
    "</B>",
    "<BR/>",
    "<<>>",
    "{",
    "}",
    "[",
    "]",
    "|",
    ":",
    "port:n",
    "&amp;",
    "&#60;",
    "&",
    ";",
    "-->",
    "]]>",
    "\n",
    "\r\n",
    "\t",
    "  ",
    "\u00a0",
    "\u2028",
    "\x00",
    "\x1b",
    "\ufeff",
    "\ufffe",
    "\u200f",
    "\u202e",
    "😀",
    "👩\u200d❤️\u200d👨",
    "שלום עליכם",
    "مرحبا بك",
    "日本語のテキスト",
    "e\u0301",
    "%s",
    "$x",
    "'",
    "`",
    "digraph { a -> b }",
]

labels = st.one_of(
    st.lists(st.one_of(st.sampled_from(SPECIAL), st.text(max_size=6)), min_size=1, max_size=8).map("".join),
    st.text(max_size=80),
)


def _case(names: tuple[str, str], texts: list[str], title: str) -> Case:
    return Case.from_sheets(
        id="fuzz",
        title=title,
        partners=[Partner("a", names[0]), Partner("b", names[1])],
        sheets=[
            Sheet(
                "everyday", "a", position="pursuer", behavior=texts[0], perception=texts[1], primary=texts[2]
            ),
            Sheet(
                "everyday", "b", position="withdrawer", behavior=texts[3], perception=texts[4], need=texts[5]
            ),
        ],
    )


@pytest.mark.parametrize("renderer", BOTH_RENDERERS)
@given(names=st.tuples(labels, labels), texts=st.lists(labels, min_size=6, max_size=6), title=labels)
@example(names=('Ann "the <b>boss</b>"', "Bo\\"), texts=[*SPECIAL[:5], "שלום 😀 日本"], title="{x} & <y>")
def test_any_text_renders_whole(renderer: str, names: tuple[str, str], texts: list[str], title: str) -> None:
    case = _case(names, texts, title)
    source = to_dot(case).source
    svg = pipe(source, "svg", renderer=renderer)  # a DOT that does not parse raises RenderError
    nodes = node_texts(svg)
    for index, element in enumerate(case.elements):
        assert words_of(nodes[f"e{index}"]) == words(element.label), element.id
    for index, partner in enumerate(case.partners):
        name = words(partner.name)
        assert words_of(nodes[f"h0_{index}"])[: len(name)] == name
    title_words = words(case.title or "")
    drawn = words_of(all_texts(svg))[: len(title_words)]
    if title_words:  # the title reads "<title>: everyday cycle"
        assert drawn[:-1] == title_words[:-1]
        assert drawn[-1] == title_words[-1] + ":"


@given(text=labels, width=st.integers(min_value=1, max_value=40))
def test_wrapping_keeps_every_word_and_respects_the_width(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert " ".join(lines).split(" ") == words(text) or (lines == [] and words(text) == [])
    for line in lines:
        assert line == line.strip() and "  " not in line
        assert " " not in line or len(line) <= width or _display(line) <= width


def _display(line: str) -> int:
    from eftgraph.figures._text import display_width

    return display_width(line)


@given(text=labels)
def test_escaped_html_reads_back_as_the_text(text: str) -> None:
    lines = clean(text)
    body = html_lines(lines)
    assert "<" not in re.sub(r"<BR/>", "", body) and ">" not in re.sub(r"<BR/>", "", body)
    unescaped = [html.unescape(part).replace("\\\\", "\\") for part in body.split("<BR/>")]
    assert unescaped == (lines or [""])
    assert html.unescape(escape(text)).replace("\\\\", "\\").split() == " ".join(words(text)).split()


@given(text=labels)
def test_cleaned_text_holds_only_what_svg_can(text: str) -> None:
    for paragraph in clean(text):
        for char in paragraph:
            code = ord(char)
            assert code >= 0x20 and code != 0x7F and not (0x80 <= code < 0xA0)
            assert not (0xD800 <= code <= 0xDFFF) and (code & 0xFFFE) != 0xFFFE
