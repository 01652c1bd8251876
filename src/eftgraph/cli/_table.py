"""``eftgraph table PATHS…``: the case table (one row per case per domain, or per loop) as CSV or JSON."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from eftgraph._terminal import visible
from eftgraph.cli._common import STDIO, count_or_none, fail, refused_output, write_output


def register(subparsers: Any) -> None:
    command = subparsers.add_parser(
        "table",
        help="one row per case per domain (or per loop) for many cases, as CSV or JSON",
        description=(
            "Print the case table of every case file found in PATHS (files, folders searched "
            "recursively, patterns): one row per case per domain, or one per loop with --loops. "
            "A file that fails is reported on one line and left out; the exit status is then 1."
        ),
    )
    command.add_argument("paths", nargs="+", metavar="PATH", help="case file, folder or pattern")
    command.add_argument(
        "--format", choices=("csv", "json"), default="csv", help="CSV with a header (default) or JSON"
    )
    command.add_argument("--loops", action="store_true", help="one row per loop instead of per domain")
    command.add_argument(
        "--sessions",
        action="store_true",
        help="one row per session of each course: stage, steps, ratings, markers, measures",
    )
    command.add_argument(
        "--limit",
        type=count_or_none,
        default=10_000,
        metavar="N",
        help="stop a case with more than N loops (default 10000; 'none': no limit)",
    )
    command.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help="write the table to FILE instead of printing it ('-': print it)",
    )
    command.set_defaults(run=run)


def _rows(case: Any, file: str, args: argparse.Namespace) -> list[dict[str, Any]]:
    """The rows of one case: per session (``--sessions``), per loop or per domain."""
    from eftgraph._table import rows_of

    if args.sessions:
        from eftgraph._course_data import session_rows

        return session_rows(case, file=file)
    return rows_of(case, file=file, loops=args.loops, limit=args.limit)


def _columns(args: argparse.Namespace, case_columns: Any, loop_columns: Any) -> Any:
    if args.sessions:
        from eftgraph._course_data import SESSION_COLUMNS

        return SESSION_COLUMNS
    return loop_columns if args.loops else case_columns


def run(args: argparse.Namespace) -> int:
    from eftgraph._discover import discover, one_line
    from eftgraph._io import load
    from eftgraph._table import CASE_COLUMNS, LOOP_COLUMNS, to_csv
    from eftgraph.errors import EftgraphError

    files, missing = discover(args.paths)
    refused = None if args.output is None else refused_output(args, args.output, [str(f) for f in files])
    if refused is not None:
        return refused
    status = 0
    for name, reason in missing:
        print(visible(f"{name}: {reason}"), file=sys.stderr)
        status = 1
    rows: list[dict[str, Any]] = []
    read = 0
    for file in files:
        try:
            rows.extend(_rows(load(file), str(file), args))
        except EftgraphError as error:
            print(visible(f"{file}: {one_line(error, str(file))}"), file=sys.stderr)
            status = 1
        else:
            read += 1
    if not read:  # nothing to tabulate: no table at all, rather than an empty one
        return 1
    if args.format == "json":
        text = json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    else:
        text = to_csv(rows, _columns(args, CASE_COLUMNS, LOOP_COLUMNS))
    try:
        write_output(args.output or STDIO, text.encode("utf-8"))
    except EftgraphError as error:
        return fail(str(error))
    return status
