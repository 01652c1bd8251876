"""What the commands share: declaring the usual options, reading a case, refusing bad outputs, JSON.

One rule each, for every command (``docs/cli.md`` says them once):

- ``-`` as a case FILE is standard input (YAML unless ``--input-format`` says
  otherwise; messages call it ``<stdin>``); ``-o -`` is standard output.
- An output that names an input, or has a suffix the command cannot write, is a usage
  error: exit status 2, before anything is read or written.
- ``--format`` is the printed output format, ``text`` or ``json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable
from json.encoder import encode_basestring as _quote
from typing import Any, Generic, TypeVar

import attrs

from eftgraph._catalog import languages
from eftgraph._io import SUFFIXES, load, loads
from eftgraph._model import Case
from eftgraph._output import refuse_input, write_atomic
from eftgraph._terminal import visible
from eftgraph.errors import CaseFileError, EftgraphError, OutputError, Problem

T = TypeVar("T")

STDIO = "-"
"""As a case file: standard input; as an output: standard output."""
STDIN_NAME = "<stdin>"
"""How messages name standard input."""
INPUT_FORMATS = tuple(dict.fromkeys(SUFFIXES.values()))
"""The formats standard input may be in (``yaml``, ``json``, ``toml``)."""
_LITERALS = {None: "null", True: "true", False: "false"}


# --- declaring ---------------------------------------------------------------------------------


def add_command(
    subparsers: Any, name: str, run: Callable[[argparse.Namespace], int], *, help: str, description: str
) -> argparse.ArgumentParser:
    """Add subcommand *name*, run by *run*; ``args.command_parser`` is the new parser."""
    command: argparse.ArgumentParser = subparsers.add_parser(name, help=help, description=description)
    command.set_defaults(run=run, command_parser=command)
    return command


def reader_command(
    subparsers: Any,
    name: str,
    run: Callable[[argparse.Namespace], int],
    *,
    help: str,
    description: str,
    printed: bool = True,
) -> argparse.ArgumentParser:
    """Add subcommand *name* that reads one case FILE (and, if *printed*, has ``--format``)."""
    command = add_command(subparsers, name, run, help=help, description=description)
    add_case_file(command)
    if printed:
        add_format(command)
    return command


def add_case_file(command: argparse.ArgumentParser, *, many: bool = False) -> None:
    """Add the case FILE (or FILEs) and ``--input-format`` for standard input."""
    command.add_argument(
        "files" if many else "file",
        nargs="+" if many else None,
        metavar="FILE",
        help=f"the case file{'s' * many} ('-': standard input)",
    )
    command.add_argument(
        "--input-format",
        choices=INPUT_FORMATS,
        default="yaml",
        help="the format of standard input (default: yaml; files: from the suffix)",
    )


def add_output(command: argparse.ArgumentParser, help: str, *, required: bool = True) -> None:
    """Add ``-o/--output OUT``."""
    command.add_argument(
        "-o", "--output", required=required, default=None if required else STDIO, metavar="OUT", help=help
    )


def add_format(command: argparse.ArgumentParser) -> None:
    """Add ``--format text|json``: the printed output format."""
    command.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="print readable text (default) or stable JSON for other tools",
    )


def add_language(command: argparse.ArgumentParser, what: str, *, default: str | None = None) -> None:
    """Add ``--language`` with the languages eftgraph speaks."""
    tail = f"default: {default}" if default else "default: the case's"
    command.add_argument("--language", choices=languages(), default=default, help=f"{what} ({tail})")


def add_limit(command: argparse.ArgumentParser, what: str) -> None:
    """Add ``--limit N|none``: the most loops searched for (default 10000)."""
    command.add_argument(
        "--limit",
        type=count_or_none,
        default=10_000,
        metavar="N",
        help=f"{what} (default 10000; 'none': no limit)",
    )


def count_or_none(text: str) -> int | None:
    """An argparse type: a whole number ≥ 0, or ``none`` (no cap)."""
    if text.lower() == "none":
        return None
    try:
        number = int(text)
    except ValueError:
        number = -1
    if number < 0:
        raise argparse.ArgumentTypeError(f"must be a whole number ≥ 0 or 'none' (got {text!r})")
    return number


# --- reading -----------------------------------------------------------------------------------


def read_case(name: str, input_format: str = "yaml") -> Case:
    """The case in file *name*, or on standard input for ``-`` (in *input_format*).

    Raises [`CaseFileError`][eftgraph.CaseFileError] naming the file (``<stdin>``).
    """
    if name != STDIO:
        return load(name)
    try:
        return loads(sys.stdin.buffer.read(), input_format)
    except CaseFileError as error:
        # loads() names text it was given "<string>"; here the text is standard input
        named = [
            attrs.evolve(p, file=STDIN_NAME) if p.file in (None, "<string>") else p for p in error.problems
        ]
        raise CaseFileError(named, file=STDIN_NAME) from None


def shown(text: str) -> str:
    """Text of several lines made safe for a terminal line by line (see `eftgraph._terminal.visible`).

    >>> shown("one\\x1b[2J\\ntwo")
    'one\\\\x1b[2J\\ntwo'
    """
    return "\n".join(visible(line) for line in text.split("\n"))


def display_name(name: str) -> str:
    """How messages and JSON name case file *name* (``<stdin>`` for ``-``)."""
    return STDIN_NAME if name == STDIO else name


def load_or_report(name: str, input_format: str = "yaml", language: str | None = None) -> Case | None:
    """Read *name*; on failure print its problems to standard error and return ``None``.

    The problems are told in *language* when given (``--language``), else in the case's.
    """
    try:
        return read_case(name, input_format)
    except CaseFileError as error:
        for problem in error.problems:
            print(problem.text(language), file=sys.stderr)
    except EftgraphError as error:
        print(visible(f"{display_name(name)}: {error}"), file=sys.stderr)
    return None


@attrs.frozen
class Analysed(Generic[T]):
    """A case read by a command, the name messages give its file, and what was found in it."""

    case: Case
    name: str
    result: T


def analyse(args: argparse.Namespace, analysis: Callable[[Case], T]) -> Analysed[T] | int:
    """Read ``args.file`` and run *analysis* on it; on failure, the problems printed and exit status 1."""
    case = load_or_report(args.file, args.input_format, getattr(args, "language", None))
    if case is None:
        return 1
    name = display_name(args.file)
    try:
        return Analysed(case, name, analysis(case))
    except EftgraphError as error:
        return fail(f"{name}: {error}")


# --- writing -----------------------------------------------------------------------------------


def refused_output(
    args: argparse.Namespace, output: str, inputs: Iterable[str], *, what: str = "the output"
) -> int | None:
    """Exit status 2 (with the message) when *output* names one of *inputs*; ``None`` when it may be written."""
    if output == STDIO:
        return None
    try:
        refuse_input(output, [name for name in inputs if name != STDIO], what=what)
    except OutputError as error:
        return usage(args, str(error))
    return None


def usage(args: argparse.Namespace, message: str) -> int:
    """Print a usage error of the running command and return exit status 2."""
    print(visible(f"eftgraph {args.command}: error: {message}"), file=sys.stderr)
    return 2


def fail(message: str) -> int:
    """Print an error line and return exit status 1."""
    print(visible(f"eftgraph: {message}"), file=sys.stderr)
    return 1


def write_output(output: str, data: bytes) -> None:
    """Write *data* whole to file *output*, or to standard output for ``-``.

    Raises [`OutputError`][eftgraph.errors.OutputError] when the file cannot be written.
    """
    if output == STDIO:
        write_stdout(data)
    else:
        write_atomic(output, data)


def write_stdout(data: bytes) -> None:
    """Write *data* to standard output as bytes (as text where standard output has no bytes)."""
    sys.stdout.flush()
    binary = getattr(sys.stdout, "buffer", None)
    if binary is None:  # a text stream put in its place (tests capture output so)
        sys.stdout.write(data.decode("utf-8", "replace"))
        return
    binary.write(data)
    binary.flush()


# --- printing ----------------------------------------------------------------------------------


def problem_json(problem: Problem, language: str | None = None) -> dict[str, Any]:
    """A problem as a JSON object (stable field names).

    ``message`` is the text in *language* (or the problem's own); ``key`` and ``params``
    are the catalog message it was made from, for tools that tell it in their own words
    (a parameter that is itself a message is given as its text).

    >>> from eftgraph.errors import Problem
    >>> data = problem_json(Problem("colour", "error.shape.unknown-key", {"key": "'colour'"}), "nl")
    >>> data["message"], data["key"], data["params"], data["language"]
    ("onbekend veld 'colour'", 'error.shape.unknown-key', {'key': "'colour'"}, 'nl')
    """
    told = problem if language is None else attrs.evolve(problem, language=language)
    code = told.told_in()
    return {
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
        "path": problem.path,
        "message": told.message,
        "found": problem.found,
        "allowed": list(problem.allowed),
        "suggestion": problem.suggestion,
        "key": problem.key,
        "params": {name: _param(value, code) for name, value in problem.params.items()},
        "language": code,
    }


def _param(value: object, language: str) -> object:
    """A message parameter as JSON: numbers stay numbers, a nested message is its text."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    text = getattr(value, "text", None)
    return text(language) if callable(text) else str(value)


def print_json(data: Any) -> None:
    """Print *data* as indented JSON, keys in the order given, UTF-8."""
    sys.stdout.write(pretty_json(data) + "\n")


def pretty_json(data: Any, level: int = 0) -> str:
    """``json.dumps(data, indent=2, ensure_ascii=False)``, the same text, several times faster.

    Python's encoder drops to its slow pure-Python path when ``indent`` is set; this
    one joins the C-quoted strings of each list and object itself.

    >>> print(pretty_json({"a": [1, "é", None], "b": {}, "c": [{"d": 1.5}]}))
    {
      "a": [
        1,
        "é",
        null
      ],
      "b": {},
      "c": [
        {
          "d": 1.5
        }
      ]
    }
    """
    kind = type(data)
    if kind is str:
        return _quote(data)
    if kind is list or kind is tuple:
        if not data:
            return "[]"
        inner = "\n" + "  " * (level + 1)
        items: Iterable[str]
        if all(type(item) is str for item in data):
            items = map(_quote, data)
        else:
            items = (pretty_json(item, level + 1) for item in data)
        return "[" + inner + ("," + inner).join(items) + "\n" + "  " * level + "]"
    if kind is dict and all(type(key) is str for key in data):
        if not data:
            return "{}"
        inner = "\n" + "  " * (level + 1)
        pairs = (
            _quote(key) + ": " + (_quote(value) if type(value) is str else pretty_json(value, level + 1))
            for key, value in data.items()
        )
        return "{" + inner + ("," + inner).join(pairs) + "\n" + "  " * level + "}"
    if data is None or kind is bool:
        return _LITERALS[data]
    if kind is int:
        return int.__repr__(data)
    text = json.dumps(data, indent=2, ensure_ascii=False)  # floats and the rare rest
    return text.replace("\n", "\n" + "  " * level) if level else text


def plural(number: int, word: str) -> str:
    """``1 link``, ``2 links``."""
    return f"{number} {word}" if number == 1 else f"{number} {word}s"
