"""``eftgraph batch PATHS… --out DIR``: draw every case file of folders and patterns, in parallel."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from eftgraph._batch_progress import PROGRESS_MODES
from eftgraph._suggest import unknown
from eftgraph._terminal import visible
from eftgraph.cli._common import add_format, fail, plural, print_json
from eftgraph.errors import EftgraphError, OptionError, RenderError
from eftgraph.figures._render import FORMATS


def _formats(text: str) -> list[str]:
    names = [name.strip().lower().lstrip(".") for name in text.split(",") if name.strip()]
    wrong = [name for name in names if name not in FORMATS]
    if wrong or not names:
        raise argparse.ArgumentTypeError(
            unknown("figure format", (wrong or [text])[0], FORMATS) + " (give several separated by commas)"
        )
    return names


def _jobs(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1 (got {text!r})")
    return number


def register(subparsers: Any) -> None:
    command = subparsers.add_parser(
        "batch",
        help="draw every case file of folders and patterns, in parallel",
        description=(
            "Draw every case file found in PATHS (files, folders searched recursively, patterns such as "
            "'cases/**/*.yaml') into the folder --out, on all cores. A file that fails is reported on "
            "one line and the batch goes on; the exit status is 1 when any file failed."
        ),
    )
    command.add_argument("paths", nargs="+", metavar="PATH", help="case file, folder or pattern")
    command.add_argument("--out", "-o", required=True, metavar="DIR", help="folder for the figures")
    command.add_argument(
        "--to",
        dest="formats",
        type=_formats,
        default=["svg"],
        metavar="FORMATS",
        help=f"figure formats, separated by commas: {', '.join(FORMATS)} (default: svg)",
    )
    command.add_argument(
        "--view", default="cycle", help="cycle (default), compare, timeline (a course's chart) or course"
    )
    command.add_argument("--language", default=None, help="en or nl (default: each case's own)")
    command.add_argument("--theme", default="default", help="default, print or slide")
    command.add_argument("--renderer", default="auto", help="auto (default), system or embedded")
    command.add_argument(
        "--jobs", "-j", type=_jobs, default=None, metavar="N", help="worker processes (default: every core)"
    )
    command.add_argument(
        "--progress",
        choices=PROGRESS_MODES,
        default=None,
        help="progress on standard error: a bar on a terminal, plain lines otherwise (auto, the default; "
        "or set EFTGRAPH_PROGRESS)",
    )
    add_format(command)
    command.set_defaults(run=run)


def _check_choices(args: argparse.Namespace) -> str | None:
    """A message for an option the figures do not know, before any file is drawn."""
    from eftgraph.figures import check_options

    try:
        check_options(view=args.view, theme=args.theme, language=args.language, renderer=args.renderer)
    except (OptionError, RenderError) as error:
        return str(error)
    return None


def run(args: argparse.Namespace) -> int:
    from eftgraph._batch import run_batch

    problem = _check_choices(args)
    if problem is not None:
        print(visible(f"eftgraph batch: error: {problem}"), file=sys.stderr)
        return 2
    try:
        report = run_batch(
            args.paths,
            args.out,
            formats=args.formats,
            view=args.view,
            language=args.language,
            theme=args.theme,
            renderer=args.renderer,
            jobs=args.jobs,
            progress=args.progress,
            stream=sys.stderr,
        )
    except EftgraphError as error:
        return fail(str(error))
    failures = report.failures
    if args.format == "json":
        print_json(
            {
                "out": args.out,
                "formats": args.formats,
                "files": len(report.outcomes),
                "rendered": len(report.outcomes) - len(failures),
                "failed": len(failures),
                "results": [
                    {"file": o.file, "ok": o.ok, "written": list(o.written), "error": o.error}
                    for o in report.outcomes
                ],
            }
        )
    else:
        for outcome in failures:
            print(visible(f"{outcome.file}: {outcome.error}"), file=sys.stderr)
        if not report.outcomes:
            return fail("no case files found")
        drawn = len(report.outcomes) - len(failures)
        line = (
            f"rendered {drawn} of {plural(len(report.outcomes), 'file')} "
            f"({plural(len(report.written), 'figure')}) into {args.out} in {report.seconds:.1f} s "
            f"with {report.jobs} process{'' if report.jobs == 1 else 'es'}"
        )
        if failures:
            line += f"; {len(failures)} failed"
        print(visible(line))
    return 1 if failures or not report.outcomes else 0
