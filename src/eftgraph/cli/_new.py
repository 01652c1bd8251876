"""``eftgraph new FILE``: write a commented template for a new couple."""

from __future__ import annotations

import argparse
import os
from importlib import resources
from typing import Any

from eftgraph._output import write_new
from eftgraph.cli._common import fail
from eftgraph.errors import EftgraphError


def register(subparsers: Any) -> None:
    command = subparsers.add_parser(
        "new",
        help="write a commented template case file for a new couple",
        description="Write a commented template case file (YAML). Never overwrites a file.",
    )
    command.add_argument("file", metavar="FILE", help="the file to create (.yaml)")
    command.add_argument("--language", choices=("en", "nl"), default="en", help="language of the template")
    command.set_defaults(run=run)


def template(language: str) -> str:
    """The template text in *language* (``en`` or ``nl``)."""
    return resources.files("eftgraph.templates").joinpath(f"new.{language}.yaml").read_text("utf-8")


def run(args: argparse.Namespace) -> int:
    if not args.file.lower().endswith((".yaml", ".yml")):
        return fail(f"{args.file}: the template is YAML; give a name ending in .yaml")
    try:
        write_new(args.file, template(args.language).encode("utf-8"))
    except FileExistsError:
        return fail(f"{args.file}: already exists; eftgraph new never overwrites a file")
    except EftgraphError as error:
        return fail(str(error))
    print(f"wrote {os.fspath(args.file)}; fill it in, then run: eftgraph check {args.file}")
    return 0
