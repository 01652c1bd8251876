"""The case table: plain rows of many cases, one per case per domain (or one per loop), for research.

Rows are plain ``dict`` objects with the same keys in the same order every time
(`CASE_COLUMNS`, `LOOP_COLUMNS`), ready for ``pandas.DataFrame(rows)``, a CSV
file or JSON. Values are ``str``, ``int``, ``bool``, ``None``, lists of strings
and dicts of strings; enums are given as their plain words (``pursuer``).

Examples
--------
>>> rows = table("examples/janine-mathijs.en.yaml")
>>> [(row["domain"], row["pattern"], row["reversals"]) for row in rows]
[('everyday', 'pursue-withdraw', {'sexual': 'mirrored'}), ('sexual', 'pursue-withdraw', {'everyday': 'mirrored'})]
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import Any, Union

import eftgraph._loops as _loops
from eftgraph._discover import discover
from eftgraph._domains import domain_comparison
from eftgraph._io import load
from eftgraph._loops import Loop, loop_record
from eftgraph._model import Case
from eftgraph._positions import positions
from eftgraph._referrals import referrals
from eftgraph.errors import CaseFileError, Message, Problem

__all__ = ["CASE_COLUMNS", "LOOP_COLUMNS", "rows_of", "table", "to_csv"]

CASE_COLUMNS = (
    "file",
    "case",
    "domain",
    "partners",
    "positions",
    "pattern",
    "loops",
    "reinforcing",
    "balancing",
    "intrapersonal",
    "reversals",
    "referrals",
)
"""The columns of a case row (one per case per domain), in order."""

LOOP_COLUMNS = (
    "file",
    "case",
    "loop",
    "domain",
    "domains",
    "length",
    "partners",
    "interactional",
    "polarity",
    "pattern",
    "positions",
    "elements",
)
"""The columns of a loop row (``loops=True``), in order."""

Source = Union[Case, str, "os.PathLike[str]"]
"""A case, or the path of a case file, a folder or a pattern."""


def _items(cases_or_paths: Source | Iterable[Source]) -> Iterable[Source]:
    if isinstance(cases_or_paths, (Case, str, os.PathLike)):
        return [cases_or_paths]
    return cases_or_paths


_MISSING = {
    "no such file or folder": "error.file.no-path",
    "no case files in this folder": "error.file.empty-folder",
    "no case file matches this pattern": "error.file.no-match",
}
"""What `eftgraph._discover.discover` says of a path that gave no file, and its message in the catalogs."""


def _sources(cases_or_paths: Source | Iterable[Source]) -> Iterator[tuple[str | None, Case]]:
    """``(file, case)`` for every case given or found; a path that names no file is an error."""

    for item in _items(cases_or_paths):
        if isinstance(item, Case):
            yield None, item
            continue
        files, missing = discover([item])
        for name, reason in missing:  # as load() reports a missing file
            message = Message(_MISSING.get(reason, "error.plain"), {"text": reason})
            raise CaseFileError([Problem.of("", message, file=name)], file=name)
        for file in files:
            yield str(file), load(file)


def rows_of(
    case: Case, *, file: str | None = None, loops: bool = False, limit: int | None = 10_000
) -> list[dict[str, Any]]:
    """The table rows of one case: one per domain, or one per loop with ``loops=True``.

    See [`table`][eftgraph.table] for the columns. A case without elements
    gives one row with ``domain`` ``None`` (so no case goes missing from a
    table); with ``loops=True`` a case without loops gives no row.

    Examples
    --------
    >>> from eftgraph import load
    >>> row = rows_of(load("examples/janine-mathijs.en.yaml"))[0]
    >>> row["positions"], row["loops"], row["reinforcing"]
    ({'janine': 'pursuer', 'mathijs': 'withdrawer'}, 1, 1)
    """
    if loops:
        return [
            _loop_row(case, file, rank, loop) for rank, loop in enumerate(_loops.loops(case, limit=limit), 1)
        ]
    referred = len(referrals(case))
    if not case.domains:
        return [
            {
                "file": file,
                "case": case.id,
                "domain": None,
                "partners": 0,
                "positions": {},
                "pattern": None,
                "loops": 0,
                "reinforcing": 0,
                "balancing": 0,
                "intrapersonal": 0,
                "reversals": {},
                "referrals": referred,
            }
        ]
    return [_domain_row(case, file, domain, referred, limit) for domain in case.domains]


def _domain_row(
    case: Case, file: str | None, domain: str, referred: int, limit: int | None
) -> dict[str, Any]:
    found = _loops.loops(case, domain=domain, limit=limit)
    present = {e.partner for e in case.elements_in(domain) if e.partner is not None}
    held = positions(case, domain)
    interactional = [loop for loop in found if loop.interactional]
    main = interactional[0] if interactional else None
    return {
        "file": file,
        "case": case.id,
        "domain": domain,
        "partners": len(present),
        "positions": {p.id: _word(held[p.id]) for p in case.partners if p.id in present},
        "pattern": None if main is None else _word(main.pattern),
        "loops": len(found),
        "reinforcing": sum(loop.polarity.value == "reinforcing" for loop in interactional),
        "balancing": sum(loop.polarity.value == "balancing" for loop in interactional),
        "intrapersonal": len(found) - len(interactional),
        "reversals": {
            other: _word(domain_comparison(case, domain, other).kind)
            for other in case.domains
            if other != domain
        },
        "referrals": referred,
    }


def _loop_row(case: Case, file: str | None, rank: int, loop: Loop) -> dict[str, Any]:
    record = loop_record(loop)
    return {
        "file": file,
        "case": case.id,
        "loop": rank,
        "domain": loop.domains[0] if len(loop.domains) == 1 else None,
        **{name: record[name] for name in LOOP_COLUMNS[4:]},
    }


def _word(value: Any) -> Any:
    """A str enum as its plain word (``Position.PURSUER`` → ``'pursuer'``)."""
    return getattr(value, "value", value)


def table(
    cases_or_paths: Source | Iterable[Source], *, loops: bool = False, limit: int | None = 10_000
) -> list[dict[str, Any]]:
    """The case table: one row per case per domain, or one row per loop; plain dicts, ready for pandas.

    Parameters
    ----------
    cases_or_paths
        A `Case`, the path of a case file, a folder (every case file under
        it) or a pattern (``cases/*.yaml``), or a list of these.
    loops
        One row per loop (in `eftgraph.loops` order) instead
        of one per domain.
    limit
        Passed to `eftgraph.loops`: a case with more loops
        raises [`LoopLimitError`][eftgraph.LoopLimitError].

    Returns
    -------
    list of dict
        Case rows have the columns of `CASE_COLUMNS`:

        - ``file``: the case file (``None`` for a `Case` given directly);
        - ``case``: the case id; ``domain``: the domain of the row;
        - ``partners``: how many partners have elements in the domain;
        - ``positions``: ``{partner id: pursuer | withdrawer | undetermined}`` for them
          (see `eftgraph.positions`);
        - ``pattern``: the pattern of the domain's main loop (its first interactional
          loop, most important first), ``None`` without one;
        - ``loops``: the loops lying wholly in the domain, split into ``reinforcing``
          and ``balancing`` (interactional ones) and ``intrapersonal`` (within one
          person); loops that cross domains appear only in loop rows;
        - ``reversals``: ``{other domain: kind}`` against every other domain of the
          case (see `eftgraph.domain_comparison`);
        - ``referrals``: the concerns of the case that call for referral.

        Loop rows (``loops=True``) have the columns of `LOOP_COLUMNS`: ``file``,
        ``case``, ``loop`` (rank, from 1), ``domain`` (``None`` when the loop
        crosses domains), ``domains``, ``length`` (elements), ``partners``,
        ``interactional``, ``polarity``, ``pattern`` (``None`` for an intrapersonal
        loop), ``positions`` (each partner's position on the loop), ``elements``
        (ids in link order).

    Examples
    --------
    >>> rows = table(["examples/janine-mathijs.en.yaml", "examples/family-morgan.yaml"])
    >>> [(row["case"], row["domain"], row["partners"], row["loops"]) for row in rows]
    [('janine-mathijs', 'everyday', 2, 1), ('janine-mathijs', 'sexual', 2, 1), ('family-morgan', 'everyday', 3, 5), ('family-morgan', 'caregiving', 3, 5)]
    >>> loop = table("examples/janine-mathijs.en.yaml", loops=True)[1]
    >>> loop["domain"], loop["length"], loop["positions"]
    ('sexual', 8, {'janine': 'withdrawer', 'mathijs': 'pursuer'})
    """
    rows: list[dict[str, Any]] = []
    for file, case in _sources(cases_or_paths):
        rows.extend(rows_of(case, file=file, loops=loops, limit=limit))
    return rows


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return ";".join(f"{key}={_cell(item)}" for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return ";".join(_cell(item) for item in value)
    return str(value)


def to_csv(rows: Iterable[dict[str, Any]], columns: Iterable[str]) -> str:
    """The rows as CSV text with a header; lists as ``a;b``, dicts as ``key=value;key=value``.

    Empty cells stand for ``None``; booleans are ``true`` / ``false``. A text that a spreadsheet
    would take for a formula (it starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
    return) gets a single quote in front, as OWASP advises against CSV injection.

    Examples
    --------
    >>> print(to_csv([{"case": "x", "positions": {"a": "pursuer", "b": "withdrawer"}, "pattern": None}],
    ...              ["case", "positions", "pattern"]), end="")
    case,positions,pattern
    x,a=pursuer;b=withdrawer,
    """
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    names = list(columns)
    writer.writerow(names)
    for row in rows:
        writer.writerow([_spreadsheet_safe(row.get(name)) for name in names])
    return buffer.getvalue()


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (OWASP, "CSV injection")."""


def _spreadsheet_safe(value: Any) -> str:
    """The cell of *value*, with a text that a spreadsheet would run as a formula made plain text.

    As OWASP advises, a text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
    return gets a single quote in front; numbers stay numbers.

    >>> _spreadsheet_safe("=1+2.yaml"), _spreadsheet_safe(-3), _spreadsheet_safe("a=pursuer")
    ("'=1+2.yaml", '-3', 'a=pursuer')
    """
    cell = _cell(value)
    if isinstance(value, (int, float)) or not cell.startswith(_FORMULA_START):
        return cell
    return "'" + cell
