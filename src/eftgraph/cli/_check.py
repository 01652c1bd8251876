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
    add_language,
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
    add_language(command, "language of the summary and the problems")


def summary(case: Case) -> dict[str, Any]:
    """The counts ``check`` reports for a valid case; ``course`` when it has sessions."""
    info: dict[str, Any] = {
        "id": case.id,
        "partners": [p.id for p in case.partners],
        "domains": list(case.domains),
        "elements": len(case.elements),
        "links": len(case.links),
        "concerns": len(case.concerns),
    }
    if case.sessions:
        info["course"] = {
            "sessions": len(case.sessions),
            "stages": sorted({s.stage for s in case.sessions}),
            "formulations": list(dict.fromkeys(s.formulation for s in case.sessions if s.formulation)),
        }
    return info


def summary_line(name: str, case: Case, language: str | None = None) -> str:
    """The one line ``check`` prints for a valid case, in *language* or the case's.

    >>> from eftgraph import load
    >>> print(summary_line("j.yaml", load("examples/janine-mathijs.en.yaml")))  # doctest: +NORMALIZE_WHITESPACE
    j.yaml: ok: 2 partners, 2 domains (everyday, sexual), 24 elements, 24 links;
    course: 15 sessions, stages 1 to 3, 2 formulation files (janine-mathijs.session-09.en.yaml, janine-mathijs.session-14.en.yaml)
    """
    texts = catalog(language or case.language)
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
    counts = ", ".join(parts)
    if "course" in info:
        counts += texts.text(
            "check.course.part", parts=", ".join(_course_parts(info["course"], count, texts))
        )
    return texts.text("check.ok", name=name, counts=counts)


def _course_parts(course: dict[str, Any], count: Any, texts: Any) -> list[str]:
    """How many sessions, the stages reached and the formulation files, in words."""
    stages = course["stages"]
    parts = [count("course.sessions", course["sessions"])]
    if len(stages) == 1:
        parts.append(texts.text("check.course.stage", stage=str(stages[0])))
    else:
        parts.append(texts.text("check.course.stages", first=str(stages[0]), last=str(stages[-1])))
    files = course["formulations"]
    if files:
        many = "one" if len(files) == 1 else "many"
        parts.append(
            texts.text(f"check.course.formulation.{many}", count=str(len(files)), files=", ".join(files))
        )
    return parts


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
            problems = [problem_json(p, args.language) for p in error.problems]
            results.append({"file": name, "valid": False, "problems": problems})
            if args.format == "text":
                for problem in error.problems:
                    print(problem.text(args.language), file=sys.stderr)
            continue
        language = args.language or case.language
        found = [referral_json(r, language) for r in referrals(case)]
        results.append({"file": name, "valid": True, **summary(case), "problems": [], "referrals": found})
        if args.format == "text":
            print(visible(summary_line(name, case, args.language)))
            for line in referral_lines(case, args.language):
                print(shown(line))
    if args.format == "json":
        print_json(results)
    return status
