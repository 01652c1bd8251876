"""``eftgraph anonymize FILE -o OUT``: a copy of a case without names, to present or share."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from pathlib import Path
from typing import Any

from eftgraph._anonymize import anonymize
from eftgraph._dump import dumps
from eftgraph._io import SUFFIXES
from eftgraph._model import Case
from eftgraph._output import same_file, write_atomic
from eftgraph._terminal import visible
from eftgraph.cli._common import (
    STDIO,
    add_output,
    analyse,
    display_name,
    fail,
    plural,
    reader_command,
    refused_output,
    usage,
    write_output,
)
from eftgraph.errors import EftgraphError


def register(subparsers: Any) -> None:
    command = reader_command(
        subparsers,
        "anonymize",
        run,
        help="write a copy of a case without the partners' names and other identifiers",
        description=(
            "Write a copy of a case in which the partners are 'Partner A', 'Partner B', … (or "
            "pseudonyms) and every name and identifier is replaced in every text and id: whole "
            "words, any case, possessives included. Comments of the input are not copied. The "
            "input is never overwritten."
        ),
        printed=False,
    )
    add_output(
        command, "the anonymised case file (.yaml, .yml, .json or .toml; '-': YAML on standard output)"
    )
    command.add_argument(
        "--identifier",
        action="append",
        default=[],
        metavar="WORD[=REPLACEMENT]",
        help="another word to remove (a child's name, a place, an employer); repeat as needed; "
        "replaced by [X1], [X2], … unless you give a replacement",
    )
    command.add_argument(
        "--pseudonym",
        action="append",
        default=[],
        metavar="PARTNER=NAME",
        help="call partner PARTNER (an id) NAME instead of 'Partner A', …",
    )
    command.add_argument(
        "--mapping",
        metavar="FILE",
        help="also write the mapping from removed words to replacements (JSON) to FILE ('-': standard "
        "output); it re-identifies the couple, so keep it apart from the anonymised case",
    )


def _pairs(values: list[str], option: str, *, required: bool) -> dict[str, str] | str:
    """``KEY=VALUE`` options as a dict, or an error message."""
    result: dict[str, str] = {}
    for value in values:
        key, sep, replacement = value.partition("=")
        if not key.strip() or (required and not (sep and replacement.strip())):
            return f"{option} {value!r}: expected {'ID=NAME' if required else 'WORD or WORD=REPLACEMENT'}"
        result[key.strip()] = replacement.strip()
    return result


def _check_outputs(args: argparse.Namespace) -> int | None:
    """Exit status 2 for outputs that cannot be written: an input, one file twice, a bad suffix."""
    for option, output in (("-o", args.output), ("--mapping", args.mapping)):
        refused = None if output is None else refused_output(args, output, [args.file], what=option)
        if refused is not None:
            return refused
    if args.mapping == STDIO and args.output == STDIO:
        return usage(args, "the anonymised case and the mapping cannot both go to standard output")
    if args.mapping and args.mapping != STDIO and same_file(args.mapping, args.output):
        return usage(args, f"{args.mapping}: the mapping and the anonymised case must be different files")
    if args.output != STDIO and Path(args.output).suffix.lower() not in SUFFIXES:
        return usage(args, f"{args.output}: give the output a case-file suffix ({', '.join(SUFFIXES)})")
    return None


def _write(args: argparse.Namespace, anonymous: Case, mapping: dict[str, str]) -> None:
    """Write the anonymised case and, if asked, the mapping (files or standard output)."""
    fmt = "yaml" if args.output == STDIO else SUFFIXES[Path(args.output).suffix.lower()]
    outputs = [(args.output, dumps(anonymous, fmt))]
    if args.mapping:
        document = {"input": display_name(args.file), "output": args.output, "replacements": mapping}
        outputs.append((args.mapping, json.dumps(document, indent=2, ensure_ascii=False) + "\n"))
    # all or nothing: files first (the mapping before the case), standard output last; when a
    # write fails, the files written before it are put back as they were
    outputs.sort(key=lambda item: (item[0] == STDIO, item[0] != args.mapping))
    written: list[tuple[str, bytes | bool]] = []
    try:
        for output, text in outputs:
            before = _old_content(output)
            write_output(output, text.encode("utf-8"))
            written.append((output, before))
    except BaseException:
        for output, before in reversed(written):
            _put_back(output, before)
        raise


def _old_content(output: str) -> bytes | bool:
    """What a regular file *output* holds now; ``False`` when there is no such file, ``True`` when
    it is something that is not put back (standard output, a device, a pipe)."""
    if output == STDIO or (os.path.lexists(output) and not os.path.isfile(output)):
        return True
    try:
        return Path(output).read_bytes()
    except FileNotFoundError:
        return False
    except OSError:
        return True


def _put_back(output: str, before: bytes | bool) -> None:
    """Undo the write of *output*: its old content back, or the new file removed."""
    with contextlib.suppress(OSError, EftgraphError):
        if before is False:
            os.remove(output)
        elif isinstance(before, bytes):
            write_atomic(output, before)


def run(args: argparse.Namespace) -> int:
    problem = _check_outputs(args)
    if problem is not None:
        return problem
    identifiers = _pairs(args.identifier, "--identifier", required=False)
    pseudonyms = _pairs(args.pseudonym, "--pseudonym", required=True)
    if isinstance(identifiers, str):
        return usage(args, identifiers)
    if isinstance(pseudonyms, str):
        return usage(args, pseudonyms)
    found = analyse(args, lambda case: anonymize(case, identifiers=identifiers, pseudonyms=pseudonyms))
    if isinstance(found, int):
        return found
    try:
        _write(args, *found.result)
    except EftgraphError as error:
        return fail(str(error))
    case = found.case
    extra = len(identifiers)
    print(
        visible(
            f"wrote {args.output}: {plural(len(case.partners), 'partner')} renamed"
            + (f", {plural(extra, 'identifier')} replaced" if extra else "")
            + (f"; mapping in {args.mapping} (keep it apart)" if args.mapping else "")
        ),
        file=sys.stderr if STDIO in (args.output, args.mapping) else sys.stdout,
    )
    return 0
