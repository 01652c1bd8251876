"""The ``eftgraph`` command line: a thin layer over the public API.

Exit status: 0 success, 1 an invalid case or failed work, 2 a usage error.
Every command that prints a result prints JSON with ``--format json``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import import_module

from eftgraph._terminal import visible
from eftgraph._version import __version__
from eftgraph.errors import EftgraphError

__all__ = ["main"]

COMMANDS = (
    "eftgraph.cli._check",
    "eftgraph.cli._schema",
    "eftgraph.cli._new",
    "eftgraph.cli._render",
    "eftgraph.cli._export",
    "eftgraph.cli._anonymize",
    "eftgraph.cli._batch",
    "eftgraph.cli._loops",
    "eftgraph.cli._compare",
    "eftgraph.cli._describe",
    "eftgraph.cli._table",
    "eftgraph.cli._course",
    "eftgraph.cli._present",
)
"""Modules that each add one or more subcommands with ``register(subparsers)``."""


def parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser of the ``eftgraph`` command; with *command*, of that command alone.

    Each module of `COMMANDS` adds the command named after it (``eftgraph.cli._render``:
    ``render``), so running one command imports and builds only its own parser.

    >>> parser("render").parse_args(["render", "case.yaml", "-o", "case.svg"]).command
    'render'
    """
    main_parser = argparse.ArgumentParser(
        prog="eftgraph",
        description="Turn an EFT case formulation into a graph: check, analyse and draw it.",
        epilog="Exit status: 0 success, 1 invalid case or failed work, 2 usage error.",
    )
    main_parser.add_argument("--version", action="version", version=f"eftgraph {__version__}")
    subparsers = main_parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS if command is None else [_MODULES[command]]:
        import_module(name).register(subparsers)
    return main_parser


_MODULES = {name.rsplit("._", 1)[1]: name for name in COMMANDS}
"""Each command's module, by the command's name."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    words = sys.argv[1:] if argv is None else list(argv)
    args = parser(words[0] if words and words[0] in _MODULES else None).parse_args(words)
    try:
        status: int = args.run(args)
    except KeyboardInterrupt:
        print("eftgraph: interrupted", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 1
    except EftgraphError as error:  # a command that let its own error through still ends cleanly
        print(visible(f"eftgraph: {error}"), file=sys.stderr)
        return 1
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
