"""Many case files at once: the files that paths, folders and patterns name, and a failure on one line.

The research table ([`table`][eftgraph.table]) and the batch renderer
([`run_batch`][eftgraph._batch.run_batch]) both read many case files; they find
them here and report a file that fails in the same one-line form.

Examples
--------
>>> files, missing = discover(["examples"])
>>> [path.name for path in files if "session" not in path.name], missing
(['family-morgan.yaml', 'janine-mathijs.en.yaml', 'janine-mathijs.yaml', 'anne-barry.yaml', 'els-kees.yaml', 'mary-harry.yaml', 'pia-rob.yaml', 'robert-marsha.yaml', 'sanne-ruud.yaml'], [])
"""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Iterable
from pathlib import Path

import attrs

from eftgraph._io import SUFFIXES
from eftgraph.errors import CaseFileError, EftgraphError

__all__ = ["discover", "is_case_file", "one_line"]


def is_case_file(path: Path) -> bool:
    """Whether *path* has the suffix of a case file (``.yaml``, ``.yml``, ``.json``, ``.toml``).

    >>> is_case_file(Path("cases/Couple.YAML")), is_case_file(Path("notes.txt"))
    (True, False)
    """
    return path.suffix.lower() in SUFFIXES


def _has_magic(text: str) -> bool:
    return any(char in text for char in "*?[")


def _hidden(path: Path, base: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(base).parts)


def _case_files_in(folder: Path) -> list[Path]:
    return sorted(
        path
        for path in folder.rglob("*")
        if is_case_file(path) and not _hidden(path, folder) and path.is_file()
    )


def _matches(pattern: str, add: Callable[[Path], None]) -> int:
    """Add the case files *pattern* matches (folders it matches give their case files); how many."""
    count = 0
    for match in sorted(glob.glob(pattern, recursive=True)):
        matched = Path(match)
        files = _case_files_in(matched) if matched.is_dir() else [matched] if is_case_file(matched) else []
        for file in files:
            add(file)
        count += len(files)
    return count


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
    >>> files, missing = discover(["examples/janine-*.en.yaml", "examples/janine-mathijs.en.yaml", "nowhere"])
    >>> [path.as_posix() for path in files]
    ['examples/janine-mathijs.en.yaml', 'examples/janine-mathijs.session-09.en.yaml', 'examples/janine-mathijs.session-14.en.yaml']
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
        elif path.exists() or path.is_symlink():  # a loop of links is refused when it is read
            add(path)
        elif _has_magic(name):
            if not _matches(name, add):
                missing.append((name, "no case file matches this pattern"))
        else:
            missing.append((name, "no such file or folder"))
    return list(found.values()), missing


def one_line(error: BaseException, file: str) -> str:
    """The message of *error* on one line, for the failure list of many files.

    A case file with several problems gives the first with its line and column,
    and how many more there are.

    Examples
    --------
    >>> from eftgraph import loads
    >>> try:
    ...     loads("eftgraph: 1\\nid: x\\npartners: [{id: a, name: Ann}]\\ncolour: red\\nsize: 3\\n")
    ... except CaseFileError as error:
    ...     print(one_line(error, "x.yaml"))
    4:1: colour: unknown key 'colour' (allowed: concerns, cycles, domains, eftgraph, elements, id, language, links, partners, positions, sessions, title) (+1 more problem; see 'eftgraph check x.yaml')
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
