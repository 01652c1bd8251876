"""Helpers shared by the commands: loading with clean errors, JSON output."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from eftgraph._io import load
from eftgraph._model import Case
from eftgraph.errors import CaseFileError, EftgraphError, Problem


def add_format(command: argparse.ArgumentParser) -> None:
    """Add ``--format text|json`` to *command*."""
    command.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="print readable text (default) or stable JSON for other tools",
    )


def problem_json(problem: Problem) -> dict[str, Any]:
    """A problem as a JSON object (stable field names)."""
    return {
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
        "path": problem.path,
        "message": problem.message,
        "found": problem.found,
        "allowed": list(problem.allowed),
        "suggestion": problem.suggestion,
    }


def print_json(data: Any) -> None:
    """Print *data* as indented JSON, keys in the order given, UTF-8."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def load_or_report(path: str) -> Case | None:
    """Load *path*; on failure print its problems to standard error and return ``None``."""
    try:
        return load(path)
    except CaseFileError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
    except EftgraphError as error:
        print(f"{path}: {error}", file=sys.stderr)
    return None


def fail(message: str) -> int:
    """Print an error line and return exit status 1."""
    print(f"eftgraph: {message}", file=sys.stderr)
    return 1


def plural(number: int, word: str) -> str:
    """``1 link``, ``2 links``."""
    return f"{number} {word}" if number == 1 else f"{number} {word}s"


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
