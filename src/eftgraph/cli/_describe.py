"""``eftgraph describe FILE``: the case in plain sentences (English or Dutch), with referrals."""

from __future__ import annotations

import argparse
from typing import Any

from eftgraph._narrative import describe
from eftgraph._referrals import referrals
from eftgraph.cli._common import (
    add_case_file,
    add_command,
    add_format,
    add_language,
    display_name,
    fail,
    load_or_report,
    print_json,
)
from eftgraph.cli._report import referral_json, wrap
from eftgraph.errors import EftgraphError


def register(subparsers: Any) -> None:
    command = add_command(
        subparsers,
        "describe",
        run,
        help="describe the case in plain sentences (English or Dutch), with referrals",
        description=(
            "Describe the case in plain sentences a therapist could read to the couple: each cycle, "
            "how the domains compare, and the concerns that call for referral."
        ),
    )
    add_case_file(command)
    add_language(command, "language of the text")
    add_format(command)


def run(args: argparse.Namespace) -> int:
    case = load_or_report(args.file, args.input_format)
    if case is None:
        return 1
    name = display_name(args.file)
    language = args.language or case.language.value
    try:
        text = describe(case, language=language)
    except EftgraphError as error:
        return fail(f"{name}: {error}")
    paragraphs = text.split("\n\n")
    if args.format == "json":
        print_json(
            {
                "file": name,
                "case": case.id,
                "language": language,
                "text": text,
                "paragraphs": paragraphs,
                "referrals": [referral_json(r, language) for r in referrals(case)],
            }
        )
        return 0
    print("\n\n".join(wrap(p, subsequent="") for p in paragraphs))
    return 0
