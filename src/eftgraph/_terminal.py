"""Text from a case file or a file name, made safe to print on a terminal.

A key, a value or a file name may hold control characters: an escape sequence that clears the
screen or sets the window title, a carriage return that hides what came before, a newline
that forges a whole extra message line (``fake.yaml:1:1: ok``; so do NEL and the Unicode line
and paragraph separators, for a program that reads the output), or a bidirectional override
that shows text in another order than it is. Every such character is shown as a visible
escape instead (``\\x1b``, ``\\n``, ``\\u202e``); everything else, accents and emoji included,
stays as it is. Long values are shortened in the middle.
"""

from __future__ import annotations

import functools
import re

__all__ = ["shorten", "visible"]


@functools.cache
def _invisible() -> re.Pattern[str]:  # compiled on first use: most commands print no name
    return re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069]")


_NAMED = {"\n": "\\n", "\r": "\\r"}


def visible(text: str) -> str:
    r"""*text* with every control and direction-changing character shown as an escape.

    Examples
    --------
    >>> visible("fake\nname\x1b]0;owned\x07 Zoë 😀")
    'fake\\nname\\x1b]0;owned\\x07 Zoë 😀'
    >>> visible("\u202eevil")
    '\\u202eevil'
    """
    return _invisible().sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shorten(text: str, width: int = 80) -> str:
    """*text* cut in the middle to at most *width* characters, with ``…`` where it was cut.

    Examples
    --------
    >>> shorten("x" * 100, 11)
    'xxxxx…xxxxx'
    >>> shorten("short")
    'short'
    """
    if len(text) <= width:
        return text
    keep = max(width - 1, 2)
    head = (keep + 1) // 2
    return f"{text[:head]}…{text[len(text) - (keep - head) :]}"
