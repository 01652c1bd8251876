"""YAML mistakes explained in plain words, at the line where the mistake really is.

PyYAML reports where its reading stopped ("48:1: found unexpected end of
stream" in a 47-line file), in parser terms. Therapists make a handful of
mistakes again and again: a Dutch text that starts with an apostrophe
(``'s avonds``), a text that starts with a quoted word, a comma or a colon
inside a ``{…}`` line, a line indented one space off. This module looks at
the raw text around PyYAML's marks, finds the line of the mistake, names it
(a `Mistake`) and says in the case's language what happened and how to fix
it (`explain`).

>>> text = "eftgraph: 1\\nid: x\\ncycles:\\n  everyday:\\n    a:\\n      behavior: 's avonds laat thuis\\n"
>>> import yaml
>>> try:
...     yaml.safe_load(text)
... except yaml.MarkedYAMLError as error:
...     mistake = find(text, error)
>>> mistake.kind, mistake.line, mistake.fix
('apostrophe', 6, 'behavior: "\\'s avonds laat thuis"')
>>> print(explain(mistake, "en"))
the text “'s avonds laat thuis” starts with an apostrophe, and a case file then reads everything up to the next apostrophe as one quoted text. Put the whole text in double quotes: behavior: "'s avonds laat thuis"
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any, NamedTuple

import attrs

from eftgraph._catalog import error_language
from eftgraph._formats_document import mark_positions
from eftgraph._terminal import shorten
from eftgraph.errors import LONG, Message, Problem

__all__ = ["Mistake", "explain", "find", "find_comma_in_braces", "language_of", "message", "problem"]


@functools.cache
def _key_line() -> re.Pattern[str]:
    """A block line ``key: value`` (optionally a list item ``- key: value``); compiled on first use."""
    return re.compile(
        r"^(?P<lead>(?P<indent> *)(?:- +)?)(?P<key>[A-Za-z_][\w.-]*) *:(?P<gap>[ \t]*)(?P<value>.*)$"
    )


_SPECIAL = {
    "*": "reference",
    "&": "reference",
    "@": "reserved",
    "`": "reserved",
    "%": "reserved",
    "|": "block",
    ">": "block",
    "[": "bracket",
    "{": "bracket",
}
"""What a text may not start with unquoted, and the mistake it is."""


@attrs.frozen
class Mistake:
    """A YAML mistake: its kind, the 1-based line and column, the text at fault and the fixed line."""

    kind: str
    line: int
    column: int | None = None
    text: str = ""
    fix: str | None = None
    detail: str = ""


def quoted(text: str) -> str:
    """*text* as one quoted YAML text: double quotes, or single ones when it holds a double quote.

    >>> print(quoted("'t is nooit goed"), quoted('"nooit" goed'), quoted("zegt \\"nee\\" en 't is klaar"))
    "'t is nooit goed" '"nooit" goed' 'zegt "nee" en ''t is klaar'
    """
    if '"' not in text:
        return f'"{text}"'
    return "'" + text.replace("'", "''") + "'"


def _strip_comment(value: str) -> str:
    """*value* without a trailing ``  # comment`` (a comment needs a space before the hash)."""
    found = re.search(r"\s#", value)
    return (value[: found.start()] if found else value).rstrip()


def _quote_value(line: str) -> tuple[str, str] | None:
    """The text of a ``key: value`` line and the line with that text quoted, or ``None``."""
    match = _key_line().match(line)
    if match is None or not match.group("value").strip():
        return None
    value = _strip_comment(match.group("value"))
    return value, f"{match.group('lead').lstrip()}{match.group('key')}: {quoted(value)}"


def _flow_field(line: str, column: int) -> tuple[str, str] | None:
    """The ``key: value`` field of a ``{…}`` line around 0-based *column*, and the line with it quoted."""
    start = max(line.rfind(",", 0, column), line.rfind("{", 0, column)) + 1
    stop_match = re.compile(r",\s*[A-Za-z_][\w-]*\s*:|\}").search(line, column)
    stop = stop_match.start() if stop_match else len(line.rstrip())
    field = line[start:stop]
    key, colon, value = field.partition(":")
    if not colon:
        return None
    value = value.strip()
    return value, line[:start] + f" {key.strip()}: {quoted(value)}" + line[stop:]


def _content(lines: list[str], index: int) -> int | None:
    """The index of the last line before *index* with content (not blank, not a comment)."""
    for i in range(index - 1, -1, -1):
        if lines[i].strip() and not lines[i].lstrip().startswith("#"):
            return i
    return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _starts_value(line: str) -> tuple[int, str] | None:
    """0-based column and first character of the value on a ``key: value`` line."""
    match = _key_line().match(line)
    if match is None or not match.group("value"):
        return None
    return match.start("value"), match.group("value")[0]


class _Mark(NamedTuple):
    """A 0-based line and column in the lines of the text, like a PyYAML mark's."""

    line: int
    column: int

    @classmethod
    def at(cls, position: tuple[int, int]) -> _Mark:
        return cls(position[0] - 1, position[1] - 1)


def find(text: str, error: Any) -> Mistake | None:
    """The mistake behind PyYAML's *error* (a ``MarkedYAMLError``), or ``None`` when it is not one we know."""
    lines = text.split("\n")
    problem = " ".join(str(error.problem or "").split())
    context = str(error.context or "")
    if error.problem_mark is None:
        return None
    position = mark_positions(text)  # the lines split here, not YAML's own (which break at U+2028 too)
    mark = _Mark.at(position(error.problem_mark))
    ctx = None if error.context_mark is None else _Mark.at(position(error.context_mark))
    row = min(mark.line, len(lines) - 1)
    for rule in _RULES:
        found = rule(lines, row, mark.column, problem, context, ctx)
        if found is not None:
            return found
    return None


def _rule_quote_open(
    lines: list[str], row: int, col: int, problem: str, context: str, ctx: Any
) -> Mistake | None:
    """A quoted text that never closes: the mistake is where the quote opens."""
    if "quoted scalar" not in context or ctx is None:
        return None
    line = lines[ctx.line]
    char = line[ctx.column : ctx.column + 1]
    flow = "{" in line[: ctx.column]
    fixed = _flow_field(line, ctx.column) if flow else _quote_value(line)
    value, fix = fixed if fixed else (line[ctx.column :].strip(), None)
    if char == '"':
        return Mistake("open-quote", ctx.line + 1, ctx.column + 1, value, line.strip() + '"')
    return Mistake("apostrophe", ctx.line + 1, ctx.column + 1, value, fix)


def _rule_value_start(
    lines: list[str], row: int, col: int, problem: str, context: str, ctx: Any
) -> Mistake | None:
    """A text that starts with a quoted part, a bracket or a sign YAML reads as an instruction."""
    start = _starts_value(lines[row]) if row < len(lines) else None
    if start is None or "flow" in context:
        return None
    column, char = start
    value = lines[row][column:]
    if char in "'\"":
        kind = "apostrophe" if char == "'" else "quoted-start"
    elif char in _SPECIAL:
        kind = _SPECIAL[char]
    elif value.startswith(("- ", "? ")):
        kind = "dash-start" if char == "-" else "question-start"
    else:
        return None
    fixed = _quote_value(lines[row])
    text, fix = fixed if fixed else (value, None)
    return Mistake(kind, row + 1, column + 1, text, fix, detail=char)


def _rule_tab(lines: list[str], row: int, col: int, problem: str, context: str, ctx: Any) -> Mistake | None:
    if "tab" not in problem and "'\\t'" not in problem:
        return None
    for index in range(row, -1, -1):
        if "\t" in lines[index]:
            line = lines[index]
            fix = line.replace("\t", "  ").strip()
            return Mistake("tab", index + 1, line.index("\t") + 1, line.strip(), fix)
    return None


def _rule_flow(lines: list[str], row: int, col: int, problem: str, context: str, ctx: Any) -> Mistake | None:
    """Inside ``{…}``: a colon in a text, or a ``{`` that is never closed."""
    if "flow mapping" not in context or ctx is None:
        return None
    if row > ctx.line:
        line = lines[ctx.line]
        return Mistake("unclosed-brace", ctx.line + 1, ctx.column + 1, line.strip(), line.strip() + "}")
    line = lines[row]
    if line[col : col + 1] == ":":
        fixed = _flow_field(line, col - 1)
        text, fix = fixed if fixed else (line.strip(), None)
        return Mistake("colon-in-braces", row + 1, col + 1, text, fix.strip() if fix else None)
    return None


def _rule_indent(
    lines: list[str], row: int, col: int, problem: str, context: str, ctx: Any
) -> Mistake | None:
    """A key line indented differently from the line above it in the same block."""
    if "block mapping" not in context or ctx is None or row == ctx.line or row >= len(lines):
        return None
    line, before = lines[row], _content(lines, row)
    if before is None or _key_line().match(line) is None:
        return None
    expected = _indent(lines[before])
    if _indent(line) == expected or _indent(line) <= ctx.column:
        return None
    fix = " " * expected + line.strip()
    return Mistake("indent", row + 1, _indent(line) + 1, line.strip(), fix, str(expected))


def _rule_mapping_values(
    lines: list[str], row: int, col: int, problem: str, context: str, ctx: Any
) -> Mistake | None:
    """ "mapping values are not allowed": a colon in a text, a key line off, or a colon lost above."""
    if "mapping values" not in problem:
        return None
    line = lines[row]
    before = _content(lines, row)
    above = lines[before] if before is not None else ""
    if re.match(r"^ *-[^\s-]", line):
        fix = re.sub(r"^( *)-", r"\1- ", line).strip()
        return Mistake("dash-space", row + 1, _indent(line) + 1, line.strip(), fix)
    match = _key_line().match(line)
    if match is not None and match.end("key") < col < len(line) and line[col] == ":":
        fixed = _quote_value(line)
        return Mistake("colon-in-text", row + 1, col + 1, *(fixed or (line.strip(), None)))
    above_match = _key_line().match(above)
    if above_match is not None and _indent(line) > _indent(above) and above_match.group("value").strip():
        fix = " " * _indent(above) + line.strip()
        return Mistake("indent", row + 1, _indent(line) + 1, line.strip(), fix, str(_indent(above)))
    if before is not None and above.strip() and _indent(above) == _indent(line):
        squeezed = re.match(r"^( *(?:- +)?)([A-Za-z_][\w-]*):(\S.*)$", above)
        if squeezed:
            fix = f"{squeezed.group(1).lstrip()}{squeezed.group(2)}: {squeezed.group(3)}"
            return Mistake(
                "colon-space",
                before + 1,
                len(squeezed.group(1)) + len(squeezed.group(2)) + 1,
                above.strip(),
                fix,
            )
        words = above.strip().split(maxsplit=1)
        fix = f"{words[0]}: {words[1]}" if len(words) == 2 else f"{words[0]}:"
        return Mistake("no-colon", before + 1, _indent(above) + 1, above.strip(), fix)
    return None


def _rule_missing_dash(
    lines: list[str], row: int, col: int, problem: str, context: str, ctx: Any
) -> Mistake | None:
    if "block collection" not in context and "'-' indicator" not in problem:
        return None
    line = lines[row]
    indent = _indent(line)
    return Mistake("missing-dash", row + 1, indent + 1, line.strip(), "- " + line.strip())


_RULES = (
    _rule_quote_open,
    _rule_tab,
    _rule_flow,
    _rule_indent,
    _rule_mapping_values,
    _rule_missing_dash,
    _rule_value_start,
)


def find_comma_in_braces(text: str | Sequence[str], line: int, key: str) -> Mistake | None:
    """The ``{…, label: komt thuis, gaat zitten}`` trap: an "unknown key" that is the rest of a text.

    *line* is the 1-based line of the unknown *key*. It is the trap when, on a
    ``{…}`` line, the key follows a comma and has no colon of its own. *text* may be
    given as its lines already split (a file with thousands of problems is split once).

    >>> line = "  - {id: e, partner: a, kind: behavior, label: komt moe thuis, gaat zitten}"
    >>> mistake = find_comma_in_braces(line, 1, "gaat zitten")
    >>> mistake.kind, mistake.fix
    ('comma-in-braces', '- {id: e, partner: a, kind: behavior, label: "komt moe thuis, gaat zitten"}')
    """
    rows = text.split("\n") if isinstance(text, str) else text
    if not 0 < line <= len(rows):
        return None
    row = rows[line - 1]
    if "{" not in row or key not in row:  # the cheap test first: most unknown keys are not the trap
        return None
    found = re.search(r",\s*" + re.escape(key) + r"\s*(?=[,}])", row)
    if "{" not in row or found is None:
        return None
    start = max(row.rfind(",", 0, found.start()), row.rfind("{", 0, found.start())) + 1
    field = row[start : found.end()]
    name, colon, value = field.partition(":")
    if not colon:
        return None
    fix = row[:start] + f" {name.strip()}: {quoted(value.strip())}" + row[found.end() :]
    return Mistake("comma-in-braces", line, found.start() + 2, value.strip(), fix.strip())


def explain(mistake: Mistake, language: object = "en") -> str:
    """What went wrong and the fix, in *language*, in a therapist's words (no parser terms)."""
    return message(mistake).text(language)


def message(mistake: Mistake) -> Message:
    """What went wrong and the fix, as a message of the catalogs (told in any language)."""
    values = {
        "text": _cut(mistake.text),
        "char": mistake.detail,
        "spaces": mistake.detail,
        "fix": _cut(mistake.fix or ""),
    }
    sentence = Message(f"yaml.{mistake.kind}", values)
    if mistake.fix is None:
        return sentence
    return Message("error.explained", {"what": sentence, "fix": Message(f"yaml.fix.{mistake.kind}", values)})


def _cut(text: str) -> str:
    """*text* as a message echoes it: cut in the middle past `eftgraph.errors.LONG` characters."""
    return shorten(text, 60) if len(text) > LONG else text


@functools.cache
def _language_line() -> re.Pattern[str]:  # compiled on first use: only a file with mistakes needs it
    return re.compile(r"^\s*\"?language\"?\s*[:=]\s*[\"']?([A-Za-z_-]+)", re.MULTILINE)


def language_of(text: str) -> str:
    """The language errors about *text* are told in: its ``language:`` line, else ``EFTGRAPH_LANGUAGE``, the locale, English.

    >>> language_of("eftgraph: 1\\nlanguage: nl\\n")
    'nl'
    """
    return error_language(declared_language(text))


def declared_language(text: str) -> str | None:
    """The value of the ``language:`` line of *text* (YAML, TOML or JSON), read without parsing.

    >>> declared_language('{\\n  "eftgraph": 1,\\n  "language": "nl"\\n}'), declared_language("id: x")
    ('nl', None)
    """
    found = _language_line().search(text)
    return found.group(1) if found else None


def problem(text: str, error: Any) -> Problem | None:
    """The `Problem` to report for PyYAML's *error* on *text*: the mistake's line, in the case's language.

    ``None`` when the mistake is not one this module knows; the caller then
    reports PyYAML's own words.

    >>> import yaml
    >>> text = "eftgraph: 1\\nlanguage: nl\\nid: x\\ncycles:\\n  everyday:\\n    a:\\n      behavior: 's avonds weg\\n"
    >>> try:
    ...     yaml.safe_load(text)
    ... except yaml.MarkedYAMLError as error:
    ...     print(problem(text, error))
    :7:17: de tekst “'s avonds weg” begint met een apostrof; een casusbestand leest dan alles tot de volgende apostrof als één tekst tussen aanhalingstekens. Zet de hele tekst tussen dubbele aanhalingstekens: behavior: "'s avonds weg"
    """
    mistake = find(text, error)
    if mistake is None:
        return None
    return Problem.of(
        "", message(mistake), line=mistake.line, column=mistake.column, language=language_of(text)
    )
