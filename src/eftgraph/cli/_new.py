"""``eftgraph new FILE``: write a commented template for a new couple."""

from __future__ import annotations

import argparse
import os
from importlib import resources
from typing import Any

from eftgraph._output import write_new
from eftgraph._terminal import visible
from eftgraph.cli._common import STDIO, add_command, add_language, fail, usage, write_stdout
from eftgraph.errors import EftgraphError


def register(subparsers: Any) -> None:
    command = add_command(
        subparsers,
        "new",
        run,
        help="write a commented template case file for a new couple",
        description="Write a commented template case file (YAML). Never overwrites a file.",
    )
    command.add_argument("file", metavar="FILE", help="the file to create (.yaml; '-': standard output)")
    add_language(command, "language of the template", default="en")


def template(language: str) -> str:
    """The template text in *language* (``en`` or ``nl``)."""
    return resources.files("eftgraph.templates").joinpath(f"new.{language}.yaml").read_text("utf-8")


def run(args: argparse.Namespace) -> int:
    data = template(args.language).encode("utf-8")
    if args.file == STDIO:
        write_stdout(data)
        return 0
    if not args.file.lower().endswith((".yaml", ".yml")):
        return usage(args, f"{args.file}: the template is YAML; give a name ending in .yaml")
    try:
        write_new(args.file, data)
    except FileExistsError:
        return fail(f"{args.file}: already exists; eftgraph new never overwrites a file")
    except EftgraphError as error:
        return fail(str(error))
    print(visible(f"wrote {os.fspath(args.file)}; fill it in, then run: eftgraph check {args.file}"))
    return 0
