"""Rendering many case files at once: discovery, output names, a pool of worker processes, progress.

The ``eftgraph batch`` command is a thin layer over [`run_batch`][eftgraph._batch.run_batch].
Every input is handled on its own: a file that cannot be read or drawn becomes one
failure line and the batch goes on.

Examples
--------
>>> files, missing = discover(["examples"])
>>> [path.name for path in files], missing
(['family-morgan.yaml', 'janine-mathijs.en.yaml', 'janine-mathijs.yaml'], [])
>>> [name.as_posix() for name in output_stems(files, "figures")]
['figures/family-morgan', 'figures/janine-mathijs.en', 'figures/janine-mathijs']
"""

from __future__ import annotations

import glob
import os
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import IO, Any

import attrs

from eftgraph.errors import CaseFileError, EftgraphError

__all__ = [
    "CASE_SUFFIXES",
    "FIGURE_FORMATS",
    "PROGRESS_MODES",
    "BatchReport",
    "Outcome",
    "Progress",
    "default_jobs",
    "discover",
    "one_line",
    "output_stems",
    "run_batch",
]

CASE_SUFFIXES = (".yaml", ".yml", ".json", ".toml")
"""Suffixes of the files a folder or a pattern contributes to a batch."""

FIGURE_FORMATS = ("svg", "png", "pdf", "dot")
"""The figure formats a batch writes."""

PROGRESS_MODES = ("auto", "bar", "lines", "none")
"""``auto``: a bar when standard error is a terminal, else plain lines."""

PROGRESS_ENV = "EFTGRAPH_PROGRESS"
"""Environment variable that sets the progress mode when the caller does not."""


# --------------------------------------------------------------------------- discovery


def _has_magic(text: str) -> bool:
    return any(char in text for char in "*?[")


def _hidden(path: Path, base: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(base).parts)


def _case_files_in(folder: Path) -> list[Path]:
    return sorted(
        path
        for path in folder.rglob("*")
        if path.suffix.lower() in CASE_SUFFIXES and not _hidden(path, folder) and path.is_file()
    )


def discover(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[tuple[str, str]]]:
    """The case files named by *paths*, and the paths that named none.

    A folder gives every case file under it (``.yaml``, ``.yml``, ``.json``,
    ``.toml``; recursively, sorted, skipping hidden files and folders); a
    pattern (``cases/*.yaml``, ``cases/**/*.json``) gives the case files and
    folders it matches; a file is taken as it is, whatever its suffix. Each
    file comes once, in the order first named. The second list holds
    ``(path, reason)`` for every path that gave no file.

    Examples
    --------
    >>> files, missing = discover(["examples/*.en.yaml", "examples/janine-mathijs.en.yaml", "nowhere"])
    >>> [path.as_posix() for path in files]
    ['examples/janine-mathijs.en.yaml']
    >>> missing
    [('nowhere', 'no such file or folder')]
    """
    found: dict[str, Path] = {}
    missing: list[tuple[str, str]] = []

    def add(path: Path) -> None:
        found.setdefault(os.path.normcase(os.path.abspath(path)), path)

    for item in paths:
        name = os.fspath(item)
        path = Path(name)
        if path.is_dir():
            files = _case_files_in(path)
            if not files:
                missing.append((name, "no case files in this folder"))
            for file in files:
                add(file)
        elif path.exists():
            add(path)
        elif _has_magic(name):
            matches = 0
            for match in sorted(glob.glob(name, recursive=True)):
                matched = Path(match)
                files = [matched] if matched.suffix.lower() in CASE_SUFFIXES else []
                if matched.is_dir():
                    files = _case_files_in(matched)
                for file in files:
                    add(file)
                matches += len(files)
            if not matches:
                missing.append((name, "no case file matches this pattern"))
        else:
            missing.append((name, "no such file or folder"))
    return list(found.values()), missing


# --------------------------------------------------------------------------- output names


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
    folder = Path(out)
    if not files:
        return []
    absolute = [Path(os.path.abspath(f)) for f in files]
    try:
        root: Path | None = Path(os.path.commonpath([str(p.parent) for p in absolute]))
    except ValueError:  # different drives (Windows): no common folder, flat names
        root = None
    extra = ".compare" if view == "compare" else ""

    def relative(path: Path, *, keep_suffix: bool) -> Path:
        parent = path.parent.relative_to(root) if root is not None else Path()
        return parent / ((path.name if keep_suffix else path.stem) + extra)

    def key(path: Path) -> str:
        return str(path).casefold()

    natural = [relative(p, keep_suffix=False) for p in absolute]
    counts: dict[str, int] = {}
    for name in natural:
        counts[key(name)] = counts.get(key(name), 0) + 1
    wanted = [
        relative(p, keep_suffix=True) if counts[key(name)] > 1 else name
        for p, name in zip(absolute, natural, strict=True)
    ]
    used: set[str] = set()
    result = []
    for name in wanted:
        candidate, number = name, 1
        while key(candidate) in used:
            number += 1
            candidate = name.with_name(f"{name.name}-{number}")
        used.add(key(candidate))
        result.append(folder / candidate)
    return result


# --------------------------------------------------------------------------- the work of one file


@attrs.frozen
class Outcome:
    """What became of one input: the figures written, or the error (one line)."""

    index: int
    file: str
    written: tuple[str, ...] = ()
    error: str | None = None

    @property
    def ok(self) -> bool:
        """True when every figure of the input was written."""
        return self.error is None


@attrs.frozen
class _Task:
    index: int
    file: str
    targets: tuple[tuple[str, str], ...]  # (path, format)
    options: tuple[tuple[str, Any], ...]
    renderer: str


def one_line(error: BaseException, file: str) -> str:
    """The message of *error* on one line, for the failure list of a batch.

    A case file with several problems gives the first with its line and column,
    and how many more there are.

    Examples
    --------
    >>> from eftgraph import loads
    >>> try:
    ...     loads("eftgraph: 1\\nid: x\\npartners: [{id: a, name: Ann}]\\ncolour: red\\nsize: 3\\n")
    ... except CaseFileError as error:
    ...     print(one_line(error, "x.yaml"))
    4:1: colour: unknown key 'colour' (allowed: concerns, cycles, domains, eftgraph, elements, id, language, links, partners, positions, title) (+1 more problem; see 'eftgraph check x.yaml')
    """
    if isinstance(error, CaseFileError) and error.problems:
        first = attrs.evolve(error.problems[0], file=None)
        text = str(first).lstrip(":")
        rest = len(error.problems) - 1
        if rest:
            text += f" (+{rest} more problem{'s' if rest > 1 else ''}; see 'eftgraph check {file}')"
    elif isinstance(error, EftgraphError):
        text = str(error)
        prefix = f"{file}: "
        if text.startswith(prefix):
            text = text[len(prefix) :]
    else:
        text = f"unexpected {type(error).__name__}: {error}"
    return " ".join(text.split())


def _work(task: _Task) -> Outcome:
    """Load one case and write its figures; never raises (the error becomes the outcome)."""
    try:
        from eftgraph._io import load
        from eftgraph._output import write_atomic
        from eftgraph.figures import pipe, to_dot

        case = load(task.file)
        source = to_dot(case, **dict(task.options)).source
        written = []
        for path, fmt in task.targets:
            data = pipe(source, fmt, renderer=task.renderer)
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, data)
            written.append(path)
        return Outcome(task.index, task.file, tuple(written))
    except Exception as error:  # one bad file never stops the batch
        return Outcome(task.index, task.file, error=one_line(error, task.file))


def _quiet_worker() -> None:
    """Workers leave Ctrl-C to the main process, which stops them."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


# --------------------------------------------------------------------------- progress


class Progress:
    """Progress of a batch on a stream: a bar that redraws itself, plain lines, or nothing.

    Examples
    --------
    >>> import io
    >>> stream = io.StringIO()
    >>> progress = Progress(2, stream, "lines")
    >>> progress.update(Outcome(0, "a.yaml", ("out/a.svg",)))
    >>> progress.update(Outcome(1, "b.yaml", error="no such file"))
    >>> progress.close()
    >>> print(stream.getvalue(), end="")
    [1/2] a.yaml: ok
    [2/2] b.yaml: failed
    """

    def __init__(self, total: int, stream: IO[str], mode: str = "lines", *, interval: float = 0.1) -> None:
        if mode not in PROGRESS_MODES or mode == "auto":
            raise ValueError(f"unknown progress mode {mode!r} (allowed: bar, lines, none)")
        self.total = total
        self.stream = stream
        self.mode = mode
        self.interval = interval
        self.done = 0
        self.failed = 0
        self._start = time.monotonic()
        self._drawn = 0.0
        self._width = len(str(total))
        try:
            "█░".encode(getattr(stream, "encoding", None) or "ascii")
            self._full, self._empty = "█", "░"
        except (UnicodeEncodeError, LookupError):
            self._full, self._empty = "#", "-"
        if mode == "bar":
            self._draw()

    def update(self, outcome: Outcome) -> None:
        """Count one finished input and show it."""
        self.done += 1
        self.failed += not outcome.ok
        if self.mode == "lines":
            state = "ok" if outcome.ok else "failed"
            self.stream.write(f"[{self.done:>{self._width}}/{self.total}] {outcome.file}: {state}\n")
            self.stream.flush()
        elif self.mode == "bar" and (
            self.done == self.total or time.monotonic() - self._drawn >= self.interval
        ):
            self._draw()

    def close(self) -> None:
        """Finish the bar (its last state stays on screen)."""
        if self.mode == "bar":
            self._draw()
            self.stream.write("\n")
            self.stream.flush()

    def _draw(self) -> None:
        self._drawn = time.monotonic()
        elapsed = self._drawn - self._start
        share = self.done / self.total if self.total else 1.0
        counts = f" {self.done:>{self._width}}/{self.total} {share:4.0%}"
        if self.failed:
            counts += f"  {self.failed} failed"
        if 0 < self.done < self.total:
            counts += f"  {_duration(elapsed / self.done * (self.total - self.done))} left"
        import shutil

        columns = shutil.get_terminal_size((80, 24)).columns
        width = max(10, min(40, columns - len(counts) - 4))
        filled = round(share * width)
        line = f"{self._full * filled}{self._empty * (width - filled)}{counts}"
        self.stream.write(f"\r{line}\x1b[K")
        self.stream.flush()


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    return f"{seconds // 60}:{seconds % 60:02d}"


def progress_mode(mode: str | None, stream: IO[str]) -> str:
    """The progress mode to use: *mode*, else ``$EFTGRAPH_PROGRESS``, else a bar on a terminal.

    Examples
    --------
    >>> import io
    >>> progress_mode("auto", io.StringIO()), progress_mode("bar", io.StringIO())
    ('lines', 'bar')
    """
    chosen = mode or os.environ.get(PROGRESS_ENV) or "auto"
    if chosen not in PROGRESS_MODES:
        raise EftgraphError(f"unknown progress mode {chosen!r} (allowed: {', '.join(PROGRESS_MODES)})")
    if chosen == "auto":
        isatty = getattr(stream, "isatty", None)
        return "bar" if isatty is not None and isatty() else "lines"
    return chosen


# --------------------------------------------------------------------------- the batch


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


def default_jobs() -> int:
    """The number of cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)  # pragma: no cover - platforms without affinity


def _context() -> Any:
    """``fork`` where it is available and safe (no other threads): workers start at once, already warm."""
    import multiprocessing
    import threading

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


def _largest_first(task: _Task) -> int:
    """Big files first, so no worker is left with a big one at the end while the others idle."""
    try:
        return -os.stat(task.file).st_size
    except OSError:
        return 0


def _round(tasks: Sequence[_Task], jobs: int, done: Callable[[Outcome], None]) -> set[int]:
    """Run *tasks* in a pool of *jobs* worker processes; the indexes of the tasks that finished.

    When a worker process dies (it should not: every error becomes an outcome)
    the pool breaks and the tasks it had not finished are left out.
    """
    import concurrent.futures
    import concurrent.futures.process

    finished: set[int] = set()
    with concurrent.futures.ProcessPoolExecutor(
        max_workers=jobs, mp_context=_context(), initializer=_quiet_worker
    ) as pool:
        futures = {pool.submit(_work, task): task for task in sorted(tasks, key=_largest_first)}
        try:
            for future in concurrent.futures.as_completed(futures):
                try:
                    outcome = future.result()
                except concurrent.futures.process.BrokenProcessPool:
                    continue
                finished.add(futures[future].index)
                done(outcome)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
    return finished


def _parallel(tasks: Sequence[_Task], jobs: int, done: Callable[[Outcome], None]) -> None:
    """Run *tasks* in worker processes; a file whose worker dies fails alone, the others are drawn."""
    pending = list(tasks)
    while pending:
        finished = _round(pending, min(jobs, len(pending)), done)
        left = [task for task in pending if task.index not in finished]
        if len(left) == len(pending):  # no progress: isolate each file in its own worker
            for task in left:
                if not _round([task], 1, done):
                    done(
                        Outcome(
                            task.index, task.file, error="the worker process stopped while drawing this file"
                        )
                    )
            return
        pending = left


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

    Paths are found with [`discover`][eftgraph._batch.discover], named with
    [`output_stems`][eftgraph._batch.output_stems]; each input gets one figure
    per format. A path that names no file and a file that cannot be drawn each
    become a failed [`Outcome`][eftgraph._batch.Outcome]; the others are drawn.

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

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     report = run_batch(["examples/*.yaml", "missing.yaml"], folder, formats=["dot"], jobs=1)
    ...     [Path(p).name for p in report.written]
    ['family-morgan.dot', 'janine-mathijs.en.dot', 'janine-mathijs.dot']
    >>> [(o.file, o.error) for o in report.failures]
    [('missing.yaml', 'no such file or folder')]
    """
    start = time.monotonic()
    chosen = list(dict.fromkeys(formats))
    for fmt in chosen:
        if fmt not in FIGURE_FORMATS:
            raise EftgraphError(f"unknown figure format {fmt!r} (allowed: {', '.join(FIGURE_FORMATS)})")
    if not chosen:
        raise EftgraphError(f"no figure format given (allowed: {', '.join(FIGURE_FORMATS)})")
    workers = default_jobs() if jobs is None else jobs
    if workers < 1:
        raise EftgraphError(f"jobs must be at least 1 (got {workers})")
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise EftgraphError(f"{folder}: the output folder is a file")

    files, missing = discover(paths)
    outcomes: list[Outcome] = [
        Outcome(i, name, error=reason) for i, (name, reason) in enumerate(missing, start=len(files))
    ]
    stems = output_stems(files, folder, view=view)
    inputs = {os.path.normcase(os.path.realpath(f)) for f in files}
    options: list[tuple[str, Any]] = [("view", view), ("theme", theme)]
    if language is not None:
        options.append(("language", language))
    tasks = []
    for index, (file, stem) in enumerate(zip(files, stems, strict=True)):
        targets = tuple((f"{stem}.{fmt}", fmt) for fmt in chosen)
        clash = [p for p, _ in targets if os.path.normcase(os.path.realpath(p)) in inputs]
        if clash:
            outcomes.append(
                Outcome(index, str(file), error=f"the output {clash[0]} would overwrite an input")
            )
            continue
        tasks.append(_Task(index, str(file), targets, tuple(options), renderer))

    output = stream if stream is not None else sys.stderr
    mode = progress_mode(progress, output)
    meter = Progress(len(files) + len(missing), output, mode)
    for outcome in outcomes:
        meter.update(outcome)
    if tasks:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            meter.close()
            raise EftgraphError(f"{folder}: cannot make the output folder: {error.strerror}") from None

    def done(outcome: Outcome) -> None:
        outcomes.append(outcome)
        meter.update(outcome)

    used = 1 if workers == 1 or len(tasks) <= 1 else min(workers, len(tasks))
    try:
        if used == 1:
            for task in tasks:
                done(_work(task))
        else:
            import eftgraph.figures  # noqa: F401  # loaded once here, inherited by forked workers

            _parallel(tasks, used, done)
    finally:
        meter.close()
    outcomes.sort(key=lambda o: o.index)
    return BatchReport(tuple(outcomes), used, time.monotonic() - start)
