"""``eftgraph check FILE…``: validate case files and summarise them."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from eftgraph._io import load
from eftgraph._model import Case
from eftgraph._referrals import referrals
from eftgraph.cli._analysis import referral_json, referral_lines
from eftgraph.cli._common import add_format, plural, print_json, problem_json
from eftgraph.errors import CaseFileError


def register(subparsers: Any) -> None:
    command = subparsers.add_parser(
        "check",
        help="check case files; print a summary of each, or every problem found",
        description="Check case files. Valid: one summary line per file. Invalid: every problem, exit 1.",
    )
    command.add_argument("files", nargs="+", metavar="FILE")
    add_format(command)
    command.set_defaults(run=run)


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


def run(args: argparse.Namespace) -> int:
    status = 0
    results = []
    for name in args.files:
        try:
            case = load(name)
        except CaseFileError as error:
            status = 1
            results.append(
                {"file": name, "valid": False, "problems": [problem_json(p) for p in error.problems]}
            )
            if args.format == "text":
                for problem in error.problems:
                    print(problem, file=sys.stderr)
            continue
        info = summary(case)
        results.append(
            {
                "file": name,
                "valid": True,
                **info,
                "problems": [],
                "referrals": [referral_json(r, case.language) for r in referrals(case)],
            }
        )
        if args.format == "text":
            domains = ", ".join(case.domains) or "none"
            print(
                f"{name}: ok: {plural(len(case.partners), 'partner')}, {plural(len(case.domains), 'domain')} ({domains}), "
                f"{plural(info['elements'], 'element')}, {plural(info['links'], 'link')}"
                + (f", {plural(info['concerns'], 'concern')}" if info["concerns"] else "")
            )
            for line in referral_lines(case):
                print(line)
    if args.format == "json":
        print_json(results)
    return status
