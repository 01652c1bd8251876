"""Where eftgraph writes: whole files or nothing, and never over an input.

Every command that writes goes through this module, so one rule holds everywhere:
a file is written to a temporary name beside its target and moved into place, and an
output that names an input (directly, through ``..``, a symbolic or a hard link) is
refused with an [`OutputError`][eftgraph.errors.OutputError].
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from eftgraph.errors import OutputError

__all__ = ["refuse_input", "same_file", "write_atomic", "write_new"]

StrPath = str | os.PathLike[str]


def same_file(a: StrPath, b: StrPath) -> bool:
    """Whether *a* and *b* name the same file (through links and ``..`` too).

    Examples
    --------
    >>> same_file("examples/janine-mathijs.yaml", "examples/../examples/janine-mathijs.yaml")
    True
    >>> same_file("examples/janine-mathijs.yaml", "out.yaml")
    False
    """
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet): compare where they point
        try:
            return Path(a).resolve() == Path(b).resolve()
        except (OSError, RuntimeError):  # a symbolic-link loop names no input
            return False


def refuse_input(output: StrPath, inputs: Iterable[StrPath], *, what: str = "the output") -> None:
    """Raise [`OutputError`][eftgraph.errors.OutputError] when *output* names one of *inputs*.

    Examples
    --------
    >>> refuse_input("out.svg", ["examples/janine-mathijs.yaml"])
    >>> refuse_input("examples/../examples/janine-mathijs.yaml", ["examples/janine-mathijs.yaml"])
    Traceback (most recent call last):
    ...
    eftgraph.errors.OutputError: examples/../examples/janine-mathijs.yaml: the output names an input file; eftgraph never writes over its input
    """
    for source in inputs:
        if same_file(output, source):
            raise OutputError(f"{output}: {what} names an input file; eftgraph never writes over its input")


def write_atomic(path: StrPath, data: bytes, *, replace: bool = True) -> None:
    """Write *data* to a temporary file beside *path*, then move it into place.

    A crash leaves either the old file or the new one, never half of one. A character
    device or a named pipe (``/dev/null``, ``/dev/stdout``) is written into, never replaced;
    a folder, a block device or a socket is refused. With
    ``replace=False`` an existing *path* is left alone and ``FileExistsError`` raised.
    Any other failure (a full disk, a missing folder) is an
    [`OutputError`][eftgraph.errors.OutputError] and leaves the old file as it was.
    """
    target = Path(path)
    if replace and _write_into_device(target, data):
        return
    directory = target.parent if str(target.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as error:
        raise OutputError(f"{target}: cannot write: {error.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())  # the data is on disk before the name points at it
        if replace:
            os.replace(temporary, target)
        else:
            os.link(temporary, target)  # fails when target exists, atomically
    except FileExistsError:
        if replace:
            raise OutputError(f"{target}: cannot write: it exists and cannot be replaced") from None
        raise
    except OSError as error:  # a full disk, a folder in the way, …: the old file stays as it was
        raise OutputError(f"{target}: cannot write: {error.strerror or error}") from None
    finally:
        Path(temporary).unlink(missing_ok=True)


def _write_into_device(target: Path, data: bytes) -> bool:
    """Write into *target* when it is a character device or a named pipe (``/dev/null``,
    ``/dev/stdout``); refuse any other existing non-regular file. False: a regular file or none.

    A device is never replaced by a regular file (as root that would break the machine).
    """
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return False
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise OutputError(f"{target}: cannot write: a loop of symbolic links") from None
        return False  # let the ordinary write report it
    if stat.S_ISREG(mode):
        return False
    if stat.S_ISDIR(mode):
        raise OutputError(f"{target}: cannot write: {os.strerror(errno.EISDIR)}")
    if not (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
        kind = "a block device" if stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode) else "special"
        raise OutputError(f"{target}: cannot write: it is {kind}, not a file; eftgraph never replaces it")
    try:  # a pipe with no reader would block: open without waiting, then write as usual
        handle = os.open(target, os.O_WRONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        reason = "no program reads from the pipe" if error.errno == errno.ENXIO else error.strerror
        raise OutputError(f"{target}: cannot write: {reason}") from None
    try:
        os.set_blocking(handle, True)
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view) :]
    except OSError as error:
        raise OutputError(f"{target}: cannot write: {error.strerror or error}") from None
    finally:
        os.close(handle)
    return True


def write_new(path: StrPath, data: bytes) -> None:
    """Write a new file whole; ``FileExistsError`` if *path* exists."""
    write_atomic(path, data, replace=False)
