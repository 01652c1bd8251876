"""Label text for figures: cleaning, display width, word wrapping and HTML escaping.

Every piece of user text reaches Graphviz through :func:`html_lines` as an
HTML-like label, never as a Graphviz id or a quoted string, so quotes,
backslashes, ``<…>``, braces, ``:`` and right-to-left text are all plain text
to Graphviz. What cannot live in SVG (control characters, non-characters) is
dropped by :func:`clean`; everything else comes out as it went in.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Sequence

__all__ = ["clean", "display_width", "escape", "font", "html_label", "html_lines", "words", "wrap"]

_LINE_BREAKS = re.compile(r"\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_NON_BREAKING = frozenset("\u00a0\u2007\u202f")
"""Spaces that keep words together: kept as they are, never a place to wrap."""


def _is_space(char: str) -> bool:
    """True for a character that separates words (a breakable space)."""
    return char not in _NON_BREAKING and (char in " \t" or unicodedata.category(char) == "Zs")


def _is_dropped(char: str) -> bool:
    """True for a character SVG cannot carry: control characters, surrogates, non-characters."""
    category = unicodedata.category(char)
    if category in ("Cc", "Cs"):
        return True
    code = ord(char)
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


_REMEMBERED = 1 << 14
"""Characters `_CLEANED` and `_WIDTHS` remember at most (a text of many rare characters stays cheap)."""


class _Cleaned(dict[int, "str | None"]):
    """A `str.translate` table: a breakable space becomes ``" "``, what SVG cannot carry goes, the rest stays.

    Each character is classified once, on first sight (`unicodedata` per character is
    most of the time a figure's text takes).
    """

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        value = " " if _is_space(char) else None if _is_dropped(char) else char
        if len(self) < _REMEMBERED:
            self[code] = value
        return value


_CLEANED = _Cleaned()


def clean(text: str) -> list[str]:
    """*text* as paragraphs of words separated by single spaces.

    Line breaks in *text* start a new paragraph; runs of spaces and tabs become
    one space; control characters and Unicode non-characters are dropped (SVG
    cannot hold them). Empty paragraphs are left out.

    >>> clean('  the children\\'s  "wrong"\\tcoats\\n\\nsecond line ')
    ['the children\\'s "wrong" coats', 'second line']
    >>> clean("bell\\x07 and <tag>")
    ['bell and <tag>']
    """
    paragraphs = []
    for raw in _LINE_BREAKS.split(text):
        kept = raw.translate(_CLEANED)
        # other Unicode spaces (no-break, thin, …) stay inside a word but not at its ends
        paragraph = " ".join(part.strip() for part in kept.split(" ") if part.strip())
        if paragraph:
            paragraphs.append(paragraph)
    return paragraphs


def words(text: str) -> list[str]:
    """The words of *text* after :func:`clean`, in order (what a figure must show whole).

    >>> words("hurt,\\nloneliness  &  <more>")
    ['hurt,', 'loneliness', '&', '<more>']
    """
    return [word for paragraph in clean(text) for word in paragraph.split(" ")]


def display_width(text: str) -> int:
    """Columns *text* takes in a proportional font, roughly: wide East Asian characters count 2.

    >>> display_width("abc"), display_width("日本"), display_width("e\\u0301")
    (3, 4, 1)
    """
    if text.isascii():  # no combining, format or wide character: one column each
        return len(text)
    return sum(map(_WIDTHS.__getitem__, text))


def _width(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


class _Widths(dict[str, int]):
    """The columns of each character, worked out on first sight."""

    def __missing__(self, char: str) -> int:
        width = _width(char)
        if len(self) < _REMEMBERED:
            self[char] = width
        return width


_WIDTHS = _Widths()


def wrap(text: str, width: int) -> list[str]:
    """*text* cleaned and wrapped into lines of at most *width* columns, at word boundaries.

    Lines are balanced (as few lines as greedy filling needs, the longest as short
    as it can be), and a break after punctuation is preferred. A word longer than
    *width* gets a line of its own and is never cut.

    >>> wrap("he doesn't hear me; I don't matter to him", 22)
    ["he doesn't hear me;", "I don't matter to him"]
    >>> wrap("criticises, raises her voice", 22)
    ['criticises,', 'raises her voice']
    >>> wrap("https://example.org/a-very-long-word", 10)
    ['https://example.org/a-very-long-word']
    """
    if width < 1:
        raise ValueError(f"width must be at least 1 (got {width})")
    lines: list[str] = []
    for paragraph in clean(text):
        lines.extend(_balanced(paragraph.split(" "), width))
    return lines


_MAX_BALANCED_WORDS = 120
"""Longer paragraphs are filled greedily (balancing costs time quadratic in the words)."""


def _greedy(words: list[str], width: int) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in words:
        candidate = f"{line} {word}" if line else word
        if line and display_width(candidate) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    lines.append(line)
    return lines


def _balanced(words: list[str], width: int) -> list[str]:
    greedy = _greedy(words, width)
    count = len(greedy)
    if count == 1 or len(words) > _MAX_BALANCED_WORDS:
        return greedy
    sizes = [display_width(word) for word in words]
    n = len(words)

    def span(i: int, j: int) -> int:
        return sum(sizes[i:j]) + (j - i - 1)

    @functools.cache
    def best(start: int, left: int) -> tuple[int, int, tuple[int, ...]] | None:
        """(longest line, columns won by breaking at punctuation, break points) for words[start:]."""
        if left == 1:
            size = span(start, n)
            return (size, 0, ()) if size <= width or n - start == 1 else None
        found: tuple[int, int, tuple[int, ...]] | None = None
        for stop in range(start + 1, n - left + 2):
            size = span(start, stop)
            if size > width and stop - start > 1:
                break
            rest = best(stop, left - 1)
            if rest is None:
                continue
            bonus = _PUNCTUATION_BONUS if words[stop - 1][-1] in _PUNCTUATION else 0
            longest = max(size, rest[0])
            option = (longest, rest[1] + bonus, (stop, *rest[2]))
            if found is None or _score(option) < _score(found):
                found = option
        return found

    result = best(0, count)
    if result is None:  # pragma: no cover - greedy filling always gives a solution
        return greedy
    bounds = (0, *result[2], n)
    return [" ".join(words[a:b]) for a, b in itertools.pairwise(bounds)]


_PUNCTUATION = frozenset(",;:.!?)")
_PUNCTUATION_BONUS = 3
"""Columns a line may grow so that it ends at punctuation (a natural place to break)."""


def _score(option: tuple[int, int, tuple[int, ...]]) -> tuple[int, int]:
    return (option[0] - option[1], option[0])


def escape(text: str) -> str:
    r"""*text* escaped for a Graphviz HTML-like label (``&``, ``<``, ``>``, ``"``, ``]`` and ``\``).

    Graphviz expands ``\N``, ``\G`` … (the node's name, the graph's name) even in
    HTML-like labels, after reading entities; a doubled backslash is one backslash.
    What XML cannot hold (control characters, non-characters) is dropped; line
    breaks and tabs become spaces.

    >>> escape('a <b> & "c"')
    'a &lt;b&gt; &amp; &quot;c&quot;'
    >>> print(escape(r"\N"))
    \\N

    Graphviz 2.x also fails on a label that is only ``]``, so ``]`` is written
    ``&#93;``.
    """
    text = _LINE_BREAKS.sub(" ", text)
    text = text.translate(_CLEANED)
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("\\", "\\\\")
        .replace("]", "&#93;")
    )


def html_lines(lines: Sequence[str], *, bold: bool = False) -> str:
    """Escaped *lines* joined by centred line breaks, the body of an HTML-like label.

    >>> html_lines(["a & b", "<c>"])
    'a &amp; b<BR/>&lt;c&gt;'
    >>> html_lines(["Janine"], bold=True)
    '<B>Janine</B>'
    """
    body = "<BR/>".join(escape(line) for line in lines)
    return f"<B>{body}</B>" if bold and body else body


def html_label(body: str) -> str:
    """An HTML-like label for Graphviz (python-graphviz passes ``<…>`` through unquoted).

    >>> html_label("<B>Janine</B>")
    '<<B>Janine</B>>'
    """
    return f"<{body}>"


def font(body: str, *, size: float | None = None, colour: str | None = None) -> str:
    """*body* (HTML, escaped already) in a ``FONT`` element with the given size and colour.

    >>> font("hi", size=12.0, colour="#000000")
    '<FONT POINT-SIZE="12" COLOR="#000000">hi</FONT>'
    >>> font("")
    ''
    """
    attributes = ""
    if size is not None:
        attributes += f' POINT-SIZE="{size:g}"'
    if colour is not None:
        attributes += f' COLOR="{colour}"'
    return f"<FONT{attributes}>{body}</FONT>" if body else body
