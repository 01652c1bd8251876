"""Rendering many case files at once: output names, the plan of a batch, and the run.

The ``eftgraph batch`` command is a thin layer over [`run_batch`][eftgraph._batch.run_batch].
Case files are found by [`eftgraph._discover`][eftgraph._discover.discover], drawn by
the worker pool of `eftgraph._batch_work`, and their progress shown by
`eftgraph._batch_progress`. Every input is handled on its own: a file that cannot be
read or drawn becomes one failure line and the batch goes on.

Examples
--------
>>> files, missing = discover(["examples"])
>>> [name.as_posix() for name in output_stems(files, "figures") if "session" not in name.name]
['figures/family-morgan', 'figures/janine-mathijs.en', 'figures/janine-mathijs', 'figures/published/anne-barry', 'figures/published/els-kees', 'figures/published/mary-harry', 'figures/published/pia-rob', 'figures/published/robert-marsha', 'figures/published/sanne-ruud']
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any

import attrs

from eftgraph._batch_progress import Progress, progress_mode
from eftgraph._batch_work import Outcome, Task, default_jobs, draw
from eftgraph._discover import discover
from eftgraph._output import refuse_input
from eftgraph._suggest import unknown
from eftgraph.errors import OptionError, OutputError, choices_tail

__all__ = ["BatchReport", "default_jobs", "output_stems", "run_batch"]


def output_stems(
    files: Sequence[str | os.PathLike[str]], out: str | os.PathLike[str], *, view: str = "cycle"
) -> list[Path]:
    """Where each input's figures go: a path in *out* without the format suffix, one per input.

    The folders below the inputs' common folder are kept (``a/x.yaml`` and
    ``b/x.yaml`` give ``out/a/x`` and ``out/b/x``). Two inputs that would still
    get the same name (``x.yaml`` and ``x.json``, or names that differ only in
    case) keep their suffix (``x.yaml``, ``x.json``), then get a number. The
    compare view adds ``.compare`` so the two views can share a folder. No two
    inputs ever get the same output.

    Examples
    --------
    >>> [p.as_posix() for p in output_stems(["a/x.yaml", "b/x.yaml", "b/x.json", "b/X.yml"], "out")]
    ['out/a/x', 'out/b/x.yaml', 'out/b/x.json', 'out/b/X.yml']
    >>> [p.as_posix() for p in output_stems(["couple.yaml"], "out", view="compare")]
    ['out/couple.compare']
    """
    if not files:
        return []
    absolute = [Path(os.path.abspath(f)) for f in files]
    try:
        root: Path | None = Path(os.path.commonpath([str(p.parent) for p in absolute]))
    except ValueError:  # different drives (Windows): no common folder, flat names
        root = None
    extra = f".{view}" if view in ("compare", "timeline", "course") else ""

    def relative(path: Path, *, keep_suffix: bool) -> Path:
        parent = path.parent.relative_to(root) if root is not None else Path()
        return parent / ((path.name if keep_suffix else path.stem) + extra)

    natural = [relative(p, keep_suffix=False) for p in absolute]
    counts: dict[str, int] = {}
    for name in natural:
        counts[_key(name)] = counts.get(_key(name), 0) + 1
    wanted = [
        relative(p, keep_suffix=True) if counts[_key(name)] > 1 else name
        for p, name in zip(absolute, natural, strict=True)
    ]
    return [Path(out) / name for name in _numbered(wanted)]


def _key(path: Path) -> str:
    return str(path).casefold()


def _numbered(names: Iterable[Path]) -> list[Path]:
    """*names* with ``-2``, ``-3``, … added to a name already taken (case ignored)."""
    used: set[str] = set()
    result = []
    for name in names:
        candidate, number = name, 1
        while _key(candidate) in used:
            number += 1
            candidate = name.with_name(f"{name.name}-{number}")
        used.add(_key(candidate))
        result.append(candidate)
    return result


@attrs.frozen
class BatchReport:
    """The result of a batch: one outcome per input (in input order), the processes used, the seconds taken."""

    outcomes: tuple[Outcome, ...]
    jobs: int
    seconds: float

    @property
    def failures(self) -> tuple[Outcome, ...]:
        """The inputs that failed, in input order."""
        return tuple(o for o in self.outcomes if not o.ok)

    @property
    def written(self) -> tuple[str, ...]:
        """Every figure written, in input order."""
        return tuple(path for o in self.outcomes for path in o.written)


def _formats(formats: Sequence[str]) -> list[str]:
    """The figure formats asked for, each once; an [`OptionError`][eftgraph.errors.OptionError] for any other."""
    from eftgraph.figures._render import FORMATS

    chosen = list(dict.fromkeys(formats))
    for fmt in chosen:
        if fmt not in FORMATS:
            raise OptionError(unknown("figure format", fmt, FORMATS))
    if not chosen:
        raise OptionError("no figure format given" + choices_tail(FORMATS, None))
    return chosen


def _jobs(jobs: int | None) -> int:
    workers = default_jobs() if jobs is None else jobs
    if workers < 1:
        raise OptionError(f"jobs must be at least 1 (got {workers})")
    return workers


def _file_keys(path: str | os.PathLike[str]) -> set[object]:
    """What two names of one file share: the resolved path and, for a file that exists, its inode."""
    keys: set[object] = {os.path.normcase(os.path.realpath(path))}
    try:
        status = os.stat(path)
    except OSError:
        return keys
    keys.add((status.st_dev, status.st_ino))
    return keys


def _plan(
    files: Sequence[Path],
    stems: Sequence[Path],
    formats: Sequence[str],
    options: tuple[tuple[str, Any], ...],
    renderer: str,
) -> tuple[list[Task], list[Outcome]]:
    """A task per input, or a failed outcome for an input one of whose figures would overwrite an input.

    The inputs' keys only index the check (no pair of files compared twice);
    [`refuse_input`][eftgraph._output.refuse_input] says whether an output names an input.
    """
    inputs = set().union(*(_file_keys(f) for f in files)) if files else set()
    tasks, refused = [], []
    for index, (file, stem) in enumerate(zip(files, stems, strict=True)):
        targets = tuple((f"{stem}.{fmt}", fmt) for fmt in formats)
        try:
            for path, _ in targets:
                if _file_keys(path) & inputs:
                    refuse_input(path, files)
        except OutputError as error:
            refused.append(Outcome(index, str(file), error=str(error)))
            continue
        tasks.append(Task(index, str(file), targets, options, renderer))
    return tasks, refused


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"{folder}: cannot make the output folder: {error.strerror}") from None


def _drawn(
    tasks: Sequence[Task], outcomes: list[Outcome], folder: Path, jobs: int, meter: Progress
) -> list[Outcome]:
    """Draw *tasks* in *jobs* processes, showing each outcome on *meter*; every outcome in input order."""

    def done(outcome: Outcome) -> None:
        outcomes.append(outcome)
        meter.update(outcome)

    made = _first_missing(folder) if tasks else None
    try:
        for outcome in outcomes:
            meter.update(outcome)
        if tasks:
            _make_folder(folder)
        draw(tasks, jobs, done)
    finally:
        meter.close()
        if made is not None and not any(o.written for o in outcomes):
            _remove_empty(made)  # every input failed: no empty folder left behind
    return sorted(outcomes, key=lambda o: o.index)


def _first_missing(folder: Path) -> Path | None:
    """The outermost folder of *folder*'s path that does not exist yet (``None``: it exists)."""
    missing = None
    for path in [folder, *folder.parents]:
        if path.exists() or path.is_symlink():
            break
        missing = path
    return missing


def _remove_empty(folder: Path) -> None:
    """Remove *folder* and the folders under it, if none of them holds a file."""
    for path in sorted(folder.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        with contextlib.suppress(OSError):
            path.rmdir()
    with contextlib.suppress(OSError):
        folder.rmdir()


def run_batch(
    paths: Iterable[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    formats: Sequence[str] = ("svg",),
    view: str = "cycle",
    language: str | None = None,
    theme: str = "default",
    renderer: str = "auto",
    jobs: int | None = None,
    progress: str | None = "none",
    stream: IO[str] | None = None,
) -> BatchReport:
    """Draw every case file named by *paths* into the folder *out*, in *jobs* processes.

    Paths are found with [`discover`][eftgraph._discover.discover], named with
    [`output_stems`][eftgraph._batch.output_stems]; each input gets one figure
    per format. A path that names no file, a file that cannot be drawn and a file
    whose figure would overwrite an input each become a failed
    [`Outcome`][eftgraph._batch_work.Outcome]; the others are drawn.

    Parameters
    ----------
    paths
        Case files, folders (searched recursively) and patterns.
    out
        The folder for the figures (made when missing).
    formats
        Figure formats: ``svg``, ``png``, ``pdf``, ``dot``.
    view, language, theme
        Passed to [`to_dot`][eftgraph.to_dot].
    renderer
        Passed to [`render`][eftgraph.render]: ``auto``, ``system`` or ``embedded``.
    jobs
        Worker processes (default: every core); ``1`` draws in this process.
    progress
        ``none`` (default), ``lines``, ``bar`` or ``auto`` (a bar on a terminal).
    stream
        Where progress goes (default: standard error).

    Returns
    -------
    BatchReport
        One outcome per input, in input order.

    Raises
    ------
    OptionError
        For an unknown figure format or progress mode, or *jobs* below 1.
    OutputError
        When *out* is a file or cannot be made.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     report = run_batch(["examples/*.yaml", "missing.yaml"], folder, formats=["dot"], jobs=1)
    ...     [Path(p).name for p in report.written if "session" not in p]
    ['family-morgan.dot', 'janine-mathijs.en.dot', 'janine-mathijs.dot']
    >>> [(o.file, o.error) for o in report.failures]
    [('missing.yaml', 'no such file or folder')]
    """
    start = time.monotonic()
    chosen, workers, folder = _formats(formats), _jobs(jobs), Path(out)
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder}: the output folder is a file")
    output = stream if stream is not None else sys.stderr
    mode = progress_mode(progress, output)

    files, missing = discover(paths)
    options = (("view", view), ("theme", theme), *((("language", language),) if language is not None else ()))
    tasks, refused = _plan(files, output_stems(files, folder, view=view), chosen, options, renderer)
    outcomes = [Outcome(i, name, error=reason) for i, (name, reason) in enumerate(missing, start=len(files))]
    outcomes += refused
    used = 1 if workers == 1 or len(tasks) <= 1 else min(workers, len(tasks))
    outcomes = _drawn(tasks, outcomes, folder, used, Progress(len(files) + len(missing), output, mode))
    return BatchReport(tuple(outcomes), used, time.monotonic() - start)
