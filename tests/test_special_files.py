"""Inputs and outputs that are not regular files: refused or written into, never a hang, never replaced."""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

from eftgraph._input import InputProblem, read_regular
from eftgraph._output import write_atomic
from eftgraph.errors import OutputError

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")


def test_a_named_pipe_is_refused_before_it_is_opened(tmp_path: Path) -> None:
    pipe = tmp_path / "case.yaml"
    os.mkfifo(pipe)
    with pytest.raises(InputProblem, match="a named pipe, not a case file"):
        read_regular(pipe, 1000)  # a plain open() would block here forever


def test_a_loop_of_symbolic_links_is_named(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    with pytest.raises(InputProblem, match="a loop of symbolic links"):
        read_regular(tmp_path / "a.yaml", 1000)
    with pytest.raises(OutputError, match="a loop of symbolic links"):
        write_atomic(tmp_path / "a.yaml", b"x")


def test_a_device_and_a_folder_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InputProblem, match="a character device"):
        read_regular("/dev/zero", 1000)  # endless: must not be read
    with pytest.raises(InputProblem, match="folder"):
        read_regular(tmp_path, 1000)


def test_a_socket_is_refused_both_ways(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        with pytest.raises(InputProblem, match="a socket"):
            read_regular(path, 1000)
        with pytest.raises(OutputError, match="a socket"):
            write_atomic(path, b"x")
        assert path.is_socket()  # still there, not replaced
    finally:
        server.close()


def test_dev_null_is_written_into_not_replaced() -> None:
    before = os.stat("/dev/null")
    write_atomic("/dev/null", b"figure")
    after = os.stat("/dev/null")
    assert (after.st_ino, after.st_mode, after.st_rdev) == (before.st_ino, before.st_mode, before.st_rdev)


def test_a_folder_as_output_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="cannot write: Is a directory"):
        write_atomic(tmp_path, b"x")


def test_a_pipe_as_output_is_written_when_read_and_refused_when_not(tmp_path: Path) -> None:
    pipe = tmp_path / "out.svg"
    os.mkfifo(pipe)
    with pytest.raises(OutputError, match="no program reads from the pipe"):
        write_atomic(pipe, b"<svg/>")
    payload = b"<svg/>" * 20_000
    received = bytearray()
    ready = threading.Event()

    def reader() -> None:  # reads until the whole payload came, whenever the writer opens the pipe
        fd = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)
        ready.set()
        deadline = time.monotonic() + 10
        try:
            while len(received) < len(payload) and time.monotonic() < deadline:
                try:
                    chunk = os.read(fd, 65536)
                except BlockingIOError:
                    chunk = b""
                if chunk:
                    received.extend(chunk)
                else:
                    time.sleep(0.001)
        finally:
            os.close(fd)

    thread = threading.Thread(target=reader)
    thread.start()
    ready.wait(5)
    write_atomic(pipe, payload)
    thread.join(10)
    assert bytes(received) == payload
    assert pipe.is_fifo()


def test_a_regular_file_is_read_up_to_one_byte_past_the_cap(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_bytes(b"x" * 5000)
    assert len(read_regular(path, 100)) == 101
    assert read_regular(path, 10_000) == b"x" * 5000
    with pytest.raises(InputProblem, match="no such file"):
        read_regular(tmp_path / "missing.yaml", 10)
