"""``eftgraph check FILE…``: validate case files and summarise them."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from eftgraph._catalog import catalog
from eftgraph._model import Case
from eftgraph._referrals import referrals
from eftgraph._terminal import visible
from eftgraph.cli._common import (
    STDIO,
    add_case_file,
    add_command,
    add_format,
    display_name,
    print_json,
    problem_json,
    read_case,
    shown,
    usage,
)
from eftgraph.cli._report import referral_json, referral_lines
from eftgraph.errors import CaseFileError


def register(subparsers: Any) -> None:
    command = add_command(
        subparsers,
        "check",
        run,
        help="check case files; print a summary of each, or every problem found",
        description="Check case files. Valid: one summary line per file. Invalid: every problem, exit 1.",
    )
    add_case_file(command, many=True)
    add_format(command)


def summary(case: Case) -> dict[str, Any]:
    """The counts ``check`` reports for a valid case."""
    return {
        "id": case.id,
        "partners": [p.id for p in case.partners],
        "domains": list(case.domains),
        "elements": len(case.elements),
        "links": len(case.links),
        "concerns": len(case.concerns),
    }


def summary_line(name: str, case: Case) -> str:
    """The one line ``check`` prints for a valid case, in the case's language."""
    texts = catalog(case.language)
    info = summary(case)

    def count(what: str, number: int) -> str:
        return texts.text(f"check.{what}.{'one' if number == 1 else 'many'}", count=str(number))

    parts = [
        count("partner", len(case.partners)),
        count("domain", len(case.domains)) + f" ({', '.join(case.domains) or '—'})",
        count("element", info["elements"]),
        count("link", info["links"]),
    ]
    if info["concerns"]:
        parts.append(count("concern", info["concerns"]))
    return texts.text("check.ok", name=name, counts=", ".join(parts))


def run(args: argparse.Namespace) -> int:
    if args.files.count(STDIO) > 1:
        return usage(args, "standard input ('-') can be read only once")
    status = 0
    results = []
    for file in args.files:
        name = display_name(file)
        try:
            case = read_case(file, args.input_format)
        except CaseFileError as error:
            status = 1
            results.append(
                {"file": name, "valid": False, "problems": [problem_json(p) for p in error.problems]}
            )
            if args.format == "text":
                for problem in error.problems:
                    print(problem, file=sys.stderr)
            continue
        found = [referral_json(r, case.language) for r in referrals(case)]
        results.append({"file": name, "valid": True, **summary(case), "problems": [], "referrals": found})
        if args.format == "text":
            print(visible(summary_line(name, case)))
            for line in referral_lines(case):
                print(shown(line))
    if args.format == "json":
        print_json(results)
    return status
