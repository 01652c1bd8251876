"""Calling every ``eftgraph`` command the same way, for the tests that must cover them all.

Commands are found from the argument parser (``eftgraph.cli.parser()``), so a command is
covered by the corpus, safe-write and no-network tests the day it is added.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import time
from pathlib import Path

from eftgraph.cli import main, parser

__all__ = [
    "EXAMPLE",
    "READERS",
    "READS_NO_CASE",
    "argv",
    "commands",
    "output_option",
    "output_suffix",
    "run",
    "writes_a_folder",
]

EXAMPLE = Path("examples/janine-mathijs.en.yaml")
READS_NO_CASE = {"schema": "prints the JSON Schema", "new": "writes a template; never reads a case"}
"""Commands that read no case file."""
OUTPUT_OPTIONS = {"output", "out"}
OUTPUT_SUFFIXES = (".svg", ".yaml", ".json", ".csv", ".dot", ".graphml", ".txt", ".pptx", ".html", "")
"""Tried in turn until a command accepts the output name with a valid case ("": a folder)."""


def commands() -> dict[str, argparse.ArgumentParser]:
    """Every subcommand of ``eftgraph``, from its argument parser."""
    found = next(a for a in parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(found.choices)


READERS = sorted(set(commands()) - set(READS_NO_CASE))
"""The commands that read case files."""


def output_option(name: str) -> str | None:
    """The option with which command *name* is told where to write, if it writes."""
    for action in commands()[name]._actions:
        if action.dest in OUTPUT_OPTIONS and action.option_strings:
            return action.option_strings[0]
    return None


def argv(name: str, case: Path, output: Path) -> list[str]:
    """A call of command *name* on *case* that writes (if it writes) to *output*."""
    args = [name]
    given = False
    for action in commands()[name]._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        if not action.option_strings:  # the first positional names the case; later ones are optional
            if not given:
                args.append(str(case))
                given = True
            elif action.nargs not in ("*", "?"):
                raise AssertionError(f"eftgraph {name}: cannot guess a value for {action.dest}")
        elif action.dest in OUTPUT_OPTIONS:
            args += [action.option_strings[0], str(output)]
        elif action.required:
            if not action.choices:
                raise AssertionError(f"eftgraph {name}: cannot guess a value for {action.option_strings[0]}")
            args += [action.option_strings[0], str(next(iter(action.choices)))]
    return args


def run(args: list[str]) -> tuple[int, str, str, float]:
    """Run ``eftgraph *args*`` in this process: exit status, stdout, stderr, processor seconds."""
    out, err = io.StringIO(), io.StringIO()
    started = time.process_time()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(args)
        except SystemExit as exit:
            status = exit.code if isinstance(exit.code, int) else 1
    return status, out.getvalue(), err.getvalue(), time.process_time() - started


_SUFFIXES: dict[str, str] = {}
_FOLDERS: dict[str, bool] = {}


def writes_a_folder(name: str, folder: Path) -> bool:
    """Whether command *name* writes a folder of files (``batch``) rather than one file."""
    output_suffix(name, folder)
    return _FOLDERS[name]


def output_suffix(name: str, folder: Path) -> str:
    """The output suffix with which command *name* succeeds on a valid case (found once)."""
    if name not in _SUFFIXES:
        tried = []
        for suffix in OUTPUT_SUFFIXES:
            target = folder / f"control-{name}" / f"out{suffix}"
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                status, _, err, _ = run(argv(name, EXAMPLE, target))
            except Exception as error:  # a crash is reported below, with the others
                status, err = -1, f"{type(error).__name__}: {error}"
            if status == 0:
                _SUFFIXES[name] = suffix
                _FOLDERS[name] = target.is_dir()
                break
            tried.append(f"{suffix or '(folder)'}: exit {status}: {err.strip()[:300]}")
        else:
            raise AssertionError(f"eftgraph {name} does not succeed on {EXAMPLE}:\n" + "\n".join(tried))
    return _SUFFIXES[name]
