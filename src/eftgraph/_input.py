"""Reading an input file safely: a regular file, read whole up to a cap, never a hang.

A named pipe given as a case file would block a plain ``open`` forever; a device node could
be endless; a directory or a loop of symbolic links ends in an ``OSError``. Every input goes
through [`read_regular`][eftgraph._input.read_regular], which looks at what the path is
*before* opening it, opens without blocking, checks again what it opened, and says in plain
words what is wrong.
"""

from __future__ import annotations

import errno
import os
import stat

from eftgraph.errors import Message

__all__ = ["InputProblem", "kind_of", "read_regular"]


class InputProblem(Exception):
    """An input that cannot be read; ``message`` is one plain sentence (no file name), in any language."""

    def __init__(self, message: Message) -> None:
        self.message = message
        super().__init__(str(message))


_KINDS = (
    (stat.S_ISDIR, "folder"),
    (stat.S_ISFIFO, "pipe"),
    (stat.S_ISSOCK, "socket"),
    (stat.S_ISCHR, "character-device"),
    (stat.S_ISBLK, "block-device"),
)


def kind_of(mode: int) -> str | None:
    """What a non-regular file is (``"pipe"``: its words are ``error.file.kind.pipe``); ``None`` for a regular file.

    Examples
    --------
    >>> import stat
    >>> kind_of(stat.S_IFIFO), kind_of(stat.S_IFREG)
    ('pipe', None)
    """
    for test, words in _KINDS:
        if test(mode):
            return words
    return None if stat.S_ISREG(mode) else "other"


def _special(kind: str) -> InputProblem:
    return InputProblem(Message("error.file.special", {"kind": Message(f"error.file.kind.{kind}")}))


def _refuse(error: OSError) -> InputProblem:
    if error.errno == errno.ENOENT:
        return InputProblem(Message("error.file.missing"))
    if error.errno == errno.ELOOP:
        return InputProblem(Message("error.file.link-loop"))
    if error.errno == errno.EISDIR:
        return InputProblem(Message("error.file.folder"))
    return InputProblem(Message("error.file.unreadable", {"reason": error.strerror or error}))


def read_regular(path: str | os.PathLike[str], limit: int) -> bytes:
    """The first ``limit + 1`` bytes of the regular file *path* (so the caller can tell it is too large).

    Raises [`InputProblem`][eftgraph._input.InputProblem] for anything that is not a regular
    file (a folder, a named pipe, a device, a socket, a loop of symbolic links) before
    opening it, and for a file that cannot be read.

    Examples
    --------
    >>> len(read_regular("examples/janine-mathijs.yaml", 10))  # one byte more than the cap: too large
    11
    >>> read_regular("examples", 10)
    Traceback (most recent call last):
    ...
    eftgraph._input.InputProblem: this is a folder, not a case file
    """
    try:
        kind = kind_of(os.stat(path).st_mode)
        if kind == "folder":
            raise InputProblem(Message("error.file.folder"))
        if kind is not None:
            raise _special(kind)
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as error:
        raise _refuse(error) from None
    try:
        kind = kind_of(os.fstat(handle).st_mode)  # it may have been swapped since the first look
        if kind is not None:
            raise _special(kind)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(handle, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    except OSError as error:
        raise _refuse(error) from None
    finally:
        os.close(handle)
