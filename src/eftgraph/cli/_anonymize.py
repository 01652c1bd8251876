"""``eftgraph anonymize FILE -o OUT``: a copy of a case without names, to present or share."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from eftgraph._anonymize import anonymize
from eftgraph._io import SUFFIXES, dumps
from eftgraph._output import same_file, write_atomic
from eftgraph.cli._common import fail, load_or_report
from eftgraph.errors import AnonymizationError, EftgraphError


def register(subparsers: Any) -> None:
    command = subparsers.add_parser(
        "anonymize",
        help="write a copy of a case without the partners' names and other identifiers",
        description=(
            "Write a copy of a case in which the partners are 'Partner A', 'Partner B', … (or "
            "pseudonyms) and every name and identifier is replaced in every text and id: whole "
            "words, any case, possessives included. Comments of the input are not copied. The "
            "input is never overwritten."
        ),
    )
    command.add_argument("file", metavar="FILE", help="the case file to anonymise")
    command.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="the anonymised case file (.yaml, .yml, .json or .toml); never the input",
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
        help="also write the mapping from removed words to replacements (JSON) to FILE; "
        "it re-identifies the couple, so keep it apart from the anonymised case",
    )
    command.set_defaults(run=run)


def _pairs(values: list[str], option: str, *, required: bool) -> dict[str, str] | str:
    """``KEY=VALUE`` options as a dict, or an error message."""
    result: dict[str, str] = {}
    for value in values:
        key, sep, replacement = value.partition("=")
        if not key.strip() or (required and not (sep and replacement.strip())):
            return f"{option} {value!r}: expected {'ID=NAME' if required else 'WORD or WORD=REPLACEMENT'}"
        result[key.strip()] = replacement.strip()
    return result


def run(args: argparse.Namespace) -> int:
    outputs = [("-o", args.output)] + ([("--mapping", args.mapping)] if args.mapping else [])
    for option, output in outputs:
        if same_file(output, args.file):
            return _usage(f"{output}: {option} names the input file; anonymize never writes over its input")
    if args.mapping and same_file(args.mapping, args.output):
        return _usage(f"{args.mapping}: the mapping and the anonymised case must be different files")
    fmt = SUFFIXES.get(Path(args.output).suffix.lower())
    if fmt is None:
        return _usage(f"{args.output}: give the output a case-file suffix ({', '.join(SUFFIXES)})")
    identifiers = _pairs(args.identifier, "--identifier", required=False)
    pseudonyms = _pairs(args.pseudonym, "--pseudonym", required=True)
    if isinstance(identifiers, str):
        return _usage(identifiers)
    if isinstance(pseudonyms, str):
        return _usage(pseudonyms)

    case = load_or_report(args.file)
    if case is None:
        return 1
    try:
        anonymous, mapping = anonymize(case, identifiers=identifiers, pseudonyms=pseudonyms)
        write_atomic(args.output, dumps(anonymous, fmt).encode("utf-8"))
        if args.mapping:
            document = {"input": args.file, "output": args.output, "replacements": mapping}
            text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
            write_atomic(args.mapping, text.encode("utf-8"))
    except AnonymizationError as error:
        return fail(f"{args.file}: {error}")
    except EftgraphError as error:
        return fail(str(error))
    names = len(case.partners)
    extra = len(identifiers)
    print(
        f"wrote {args.output}: {names} partner{'s' * (names != 1)} renamed"
        + (f", {extra} identifier{'s' * (extra != 1)} replaced" if extra else "")
        + (f"; mapping in {args.mapping} (keep it apart)" if args.mapping else "")
    )
    return 0


def _usage(message: str) -> int:
    print(f"eftgraph anonymize: {message}", file=sys.stderr)
    return 2
