"""``eftgraph describe FILE``: the case in plain sentences (English or Dutch), with referrals."""

from __future__ import annotations

import argparse
from typing import Any

from eftgraph._narrative import describe
from eftgraph._referrals import referrals
from eftgraph._terminal import visible
from eftgraph.cli._common import add_language, analyse, print_json, reader_command
from eftgraph.cli._report import referral_json, wrap


def register(subparsers: Any) -> None:
    command = reader_command(
        subparsers,
        "describe",
        run,
        help="describe the case in plain sentences (English or Dutch), with referrals",
        description=(
            "Describe the case in plain sentences a therapist could read to the couple: each cycle, "
            "how the domains compare, and the concerns that call for referral."
        ),
    )
    add_language(command, "language of the text")


def run(args: argparse.Namespace) -> int:
    found = analyse(args, lambda case: describe(case, language=args.language or case.language.value))
    if isinstance(found, int):
        return found
    language = args.language or found.case.language.value
    paragraphs = found.result.split("\n\n")
    if args.format == "json":
        print_json(
            {
                "file": found.name,
                "case": found.case.id,
                "language": language,
                "text": found.result,
                "paragraphs": paragraphs,
                "referrals": [referral_json(r, language) for r in referrals(found.case)],
            }
        )
        return 0
    print("\n\n".join(wrap(visible(p), subsequent="") for p in paragraphs))
    return 0
