"""Where eftgraph writes: whole files or nothing, and never over an input.

Every command that writes goes through this module, so one rule holds everywhere:
a file is written to a temporary name beside its target and moved into place, and an
output that names an input (directly, through ``..``, a symbolic or a hard link) is
refused with an [`OutputError`][eftgraph.errors.OutputError].
"""

from __future__ import annotations

import os
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

    A crash leaves either the old file or the new one, never half of one. With
    ``replace=False`` an existing *path* is left alone and ``FileExistsError`` raised.
    Any other failure (a full disk, a missing folder) is an
    [`OutputError`][eftgraph.errors.OutputError] and leaves the old file as it was.
    """
    target = Path(path)
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


def write_new(path: StrPath, data: bytes) -> None:
    """Write a new file whole; ``FileExistsError`` if *path* exists."""
    write_atomic(path, data, replace=False)
