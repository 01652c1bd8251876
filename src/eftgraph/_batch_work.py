"""The work of a batch: one file drawn into its figures, and a pool of worker processes that draws many.

Every input is handled on its own: an error while drawing a file becomes that
file's [`Outcome`][eftgraph._batch_work.Outcome], and a worker process that dies
fails only the file it was drawing.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import attrs

from eftgraph._discover import one_line

__all__ = ["Outcome", "Task", "default_jobs", "draw", "run_tasks", "work"]


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
class Task:
    """One input to draw: its place in the batch, the file, ``(path, format)`` per figure, the figure options."""

    index: int
    file: str
    targets: tuple[tuple[str, str], ...]
    options: tuple[tuple[str, Any], ...]
    renderer: str


def work(task: Task) -> Outcome:
    """Load one case and write its figures; never raises (the error becomes the outcome).

    When one figure cannot be written (a full disk), the figures of this file written before it
    are removed: the outcome says the file failed, and the disk holds none of its figures.
    """
    written: list[str] = []
    try:
        from eftgraph._io import load
        from eftgraph._output import write_atomic
        from eftgraph.figures import pipe, to_dot

        case = load(task.file)
        options = dict(task.options)
        source = None if options.get("view") == "timeline" else to_dot(case, **options).source
        for path, fmt in task.targets:
            data = (
                _timeline(case, fmt, options) if source is None else pipe(source, fmt, renderer=task.renderer)
            )
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, data)
            written.append(path)
        return Outcome(task.index, task.file, tuple(written))
    except Exception as error:  # one bad file never stops the batch
        for path in written:
            with contextlib.suppress(OSError):
                os.remove(path)
        return Outcome(task.index, task.file, error=one_line(error, task.file))


def _timeline(case: Any, fmt: str, options: dict[str, Any]) -> bytes:
    """The timeline chart of a course (matplotlib; imported only here)."""
    from eftgraph.figures._course_view import timeline_file

    return timeline_file(case, fmt, language=options.get("language"), theme=options.get("theme", "default"))


def default_jobs() -> int:
    """The number of cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)  # pragma: no cover - platforms without affinity


def draw(tasks: Sequence[Task], jobs: int, done: Callable[[Outcome], None]) -> None:
    """Draw every task: in this process with one job, else in up to *jobs* worker processes."""
    if jobs == 1:
        for task in tasks:
            done(work(task))
        return
    import eftgraph.figures  # noqa: F401  # loaded once here, inherited by forked workers

    run_tasks(tasks, jobs, done)


def _quiet_worker(parent: int) -> None:
    """Workers leave Ctrl-C to the main process, which stops them, and die with it.

    When the main process is killed (SIGTERM, SIGKILL: it cannot stop them itself), a worker
    must not go on drawing and never exit. On Linux the kernel kills the worker when its parent
    dies (``PR_SET_PDEATHSIG``); everywhere, a watching thread ends the worker within half a
    second once the main process *parent* is gone.
    """
    import signal
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    if not _alive(parent):
        os._exit(1)
    threading.Thread(target=_watch, args=(parent, os.getppid()), daemon=True).start()


def _die_with_parent() -> None:
    """On Linux, ask the kernel to kill this process when its parent dies."""
    import sys

    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - no libc prctl
        pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # pragma: no cover - alive, but not ours to signal
        return True
    return True


def _watch(parent: int, first_parent: int) -> None:
    """End this worker as soon as the main process is gone (its parent changed or *parent* is dead)."""
    import time

    while os.getppid() == first_parent and _alive(parent):
        time.sleep(0.5)
    os._exit(1)


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


def _largest_first(task: Task) -> int:
    """Big files first, so no worker is left with a big one at the end while the others idle."""
    try:
        return -os.stat(task.file).st_size
    except OSError:
        return 0


def _round(tasks: Sequence[Task], jobs: int, done: Callable[[Outcome], None]) -> set[int]:
    """Run *tasks* in a pool of *jobs* worker processes; the indexes of the tasks that finished.

    When a worker process dies (it should not: every error becomes an outcome)
    the pool breaks and the tasks it had not finished are left out.
    """
    import concurrent.futures
    import concurrent.futures.process

    finished: set[int] = set()
    with concurrent.futures.ProcessPoolExecutor(
        max_workers=jobs, mp_context=_context(), initializer=_quiet_worker, initargs=(os.getpid(),)
    ) as pool:
        futures = {pool.submit(work, task): task for task in sorted(tasks, key=_largest_first)}
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


def run_tasks(tasks: Sequence[Task], jobs: int, done: Callable[[Outcome], None]) -> None:
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
