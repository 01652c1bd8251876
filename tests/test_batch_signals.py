"""A batch's worker processes die with it: Ctrl-C, SIGTERM and SIGKILL of the main process.

Killing the main process of ``eftgraph batch`` must not leave workers running, drawing more
figures and never exiting. Each test starts a real batch of many files, waits until the first
file is drawn, signals the main process and checks that every worker is gone within seconds
and that no figure appears afterwards.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")

EXAMPLE = Path("examples/janine-mathijs.en.yaml")


def children(pid: int) -> set[int]:
    """The child processes of *pid* (of all its threads), from /proc."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found.update(int(c) for c in (task / "children").read_text().split())
        except OSError:
            continue
    return found


def alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "State:\tZ" not in status


@pytest.mark.parametrize(
    "how", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=["ctrl-c", "term", "kill"]
)
def test_workers_die_with_the_main_process(how: signal.Signals, tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    for i in range(60):
        shutil.copy(EXAMPLE, cases / f"case-{i:02d}.yaml")
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(Path("src").resolve())}
    main = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "eftgraph",
            "batch",
            str(cases),
            "-o",
            str(out),
            "--jobs",
            "2",
            "--to",
            "svg,pdf",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    assert main.stderr is not None
    workers: set[int] = set()
    try:
        line = main.stderr.readline()  # "[ 1/60] …: ok": the workers are drawing
        assert line.startswith("["), line
        workers = children(main.pid)
        assert workers, "the batch runs no worker process"
        main.send_signal(how)
        main.wait(timeout=30)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(alive(w) for w in workers):
            time.sleep(0.1)
        assert not [w for w in workers if alive(w)], f"workers outlived the main process ({how.name})"
        drawn = sorted(out.glob("*"))
        time.sleep(1.5)
        assert sorted(out.glob("*")) == drawn  # nothing drawn after the workers are gone
    finally:
        main.kill()
        main.wait()
        main.stderr.close()
        for worker in workers:
            if alive(worker):
                os.kill(worker, signal.SIGKILL)
