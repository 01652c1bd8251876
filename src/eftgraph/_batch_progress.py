"""The progress of a batch on standard error: a bar that redraws itself, plain lines, or nothing."""

from __future__ import annotations

import os
import time
from typing import IO

from eftgraph._batch_work import Outcome
from eftgraph._suggest import unknown
from eftgraph._terminal import visible
from eftgraph.errors import OptionError

__all__ = ["PROGRESS_ENV", "PROGRESS_MODES", "Progress", "progress_mode"]

PROGRESS_MODES = ("auto", "bar", "lines", "none")
"""``auto``: a bar when standard error is a terminal, else plain lines."""

PROGRESS_ENV = "EFTGRAPH_PROGRESS"
"""Environment variable that sets the progress mode when the caller does not."""


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
            raise OptionError(unknown("progress mode", mode, ("bar", "lines", "none")))
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
            self.stream.write(f"[{self.done:>{self._width}}/{self.total}] {visible(outcome.file)}: {state}\n")
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
    >>> progress_mode("bars", io.StringIO())
    Traceback (most recent call last):
    ...
    eftgraph.errors.OptionError: unknown progress mode 'bars' (allowed: auto, bar, lines, none); did you mean 'bar'?
    """
    chosen = mode or os.environ.get(PROGRESS_ENV) or "auto"
    if chosen not in PROGRESS_MODES:
        raise OptionError(unknown("progress mode", chosen, PROGRESS_MODES))
    if chosen == "auto":
        isatty = getattr(stream, "isatty", None)
        return "bar" if isatty is not None and isatty() else "lines"
    return chosen
