"""``eftgraph course FILE`` and ``eftgraph diff A B``: a therapy's course, and two formulations compared."""

from __future__ import annotations

import argparse
from typing import Any

from eftgraph.cli._common import (
    add_command,
    add_format,
    add_language,
    analyse,
    display_name,
    fail,
    load_or_report,
    print_json,
    reader_command,
    usage,
)
from eftgraph.errors import EftgraphError, OptionError


def register(subparsers: Any) -> None:
    command = reader_command(
        subparsers,
        "course",
        run_course,
        help="the course of a therapy: stages, markers, ratings, measures, points for supervision",
        description=(
            "Summarise the sessions of a case file: the stage of each session, the markers, each "
            "domain's cycle rating and from when it counts as de-escalated, the measures against "
            "their cut-offs, and advisories where the course departs from the EFT model "
            "(pointers for supervision, not verdicts)."
        ),
    )
    add_language(command, "the language of the text")
    compare = add_command(
        subparsers,
        "diff",
        run_diff,
        help="what changed between two formulations (or the intake and the last one of a course)",
        description=(
            "Compare two case files (two formulations of one case, or any two cases): elements "
            "and links added, removed, relabelled, re-signed; loops gained and lost; positions, "
            "patterns and reversals before and after. With one FILE: its intake formulation and the "
            "last formulation of its course; with --sessions A B: those in force at two sessions."
        ),
    )
    compare.add_argument("files", nargs="+", metavar="FILE", help="two case files, or one with a course")
    compare.add_argument(
        "--sessions", nargs=2, type=int, metavar=("A", "B"), help="two sessions of one file's course"
    )
    add_format(compare)
    add_language(compare, "the language of the text")


def run_course(args: argparse.Namespace) -> int:
    from eftgraph._course import course
    from eftgraph._course_data import course_data
    from eftgraph._course_narrative import describe_course

    found = analyse(args, course)
    if isinstance(found, int):
        return found
    if args.format == "json":
        print_json({"file": found.name, **course_data(found.result)})
    else:
        print(describe_course(found.result, language=args.language))
    return 0


def run_diff(args: argparse.Namespace) -> int:
    from eftgraph._course import formulation_at
    from eftgraph._course_data import diff_data
    from eftgraph._course_narrative import Words, describe_diff
    from eftgraph._diff import diff

    if len(args.files) > 2:
        return usage(
            args, "give two case files, or one file (its intake and last formulation, or --sessions A B)"
        )
    if args.sessions is not None and len(args.files) != 1:
        return usage(args, "--sessions compares two moments of one file's course: give one FILE")
    cases = [load_or_report(name, language=args.language) for name in args.files]
    if any(case is None for case in cases):
        return 1
    names = [display_name(name) for name in args.files]
    try:
        first, last = cases[0], cases[-1]
        assert first is not None and last is not None
        if len(args.files) == 1 and args.sessions is None:
            a, b, labels = _intake_and_last(first)
        elif args.sessions is not None:
            a, b = (formulation_at(first, n) for n in args.sessions)
            words = Words(first, args.language)
            labels = [
                words("diff.intake") if moment is first else words("diff.in_session", n=n)
                for moment, n in zip((a, b), args.sessions, strict=True)
            ]
        else:
            a, b = first, last
            labels = names
        change = diff(a, b)
        if args.format == "json":
            print_json({"a": labels[0], "b": labels[1], **diff_data(change)})
        else:
            print(describe_diff(change, language=args.language, before=labels[0], after=labels[1]))
    except EftgraphError as error:
        return fail(f"{', '.join(names)}: {error}")
    return 0


def _intake_and_last(case: Any) -> tuple[Any, Any, list[str]]:
    """The file's own formulation and the last one of its course, with their names."""
    from eftgraph._course import moments
    from eftgraph._course_narrative import Words

    found = moments(case)
    if len(found) < 2:
        raise OptionError(
            "the course has no later formulation (formulation files are not read from standard "
            "input); give two case files"
            if any(s.formulation for s in case.sessions)
            else "the course has no later formulation; give two case files"
        )
    words = Words(case, None)
    session, last = found[-1]
    return case, last, [words("diff.intake"), words("diff.at", n=session)]
