"""Reading the values of a parsed case document, with a located problem for each bad one."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

import attrs

from eftgraph._formats_document import Parsed, Path, describe_value, dotted
from eftgraph._limits import MAX_PROBLEMS
from eftgraph._model import DOMAIN_PATTERN
from eftgraph._structure_keys import KEYS, PATTERN_WORDS, REQUIRED
from eftgraph._suggest import nearest
from eftgraph.errors import Message, Problem, quoted

__all__ = ["Reader"]


class Reader:
    """Walks a document, collecting problems with their paths and positions.

    Examples
    --------
    >>> from eftgraph._formats import parse
    >>> read = Reader(parse("title: 3\\n", "yaml"), "case.yaml")
    >>> read.text(3, ("title",)) is None
    True
    >>> print(read.problems[0])
    case.yaml:1:1: title: expected text, found a number (3); put it in quotes
    """

    def __init__(self, parsed: Parsed, file: str | None) -> None:
        self.where = parsed.where
        self.file = file
        self.problems: list[Problem] = []
        self.partner_ids: list[str] = []
        """The partners read so far, that the rest of the document may name."""
        self._later: dict[int, tuple[str, Sequence[str]]] = {}

    def finished(self) -> list[Problem]:
        """The problems, with the suggestions left for later made for the first `MAX_PROBLEMS` told.

        The problems are told sorted by line and column, repeats left out; only those get a
        suggestion, so the time spent does not grow with the number of problems.
        """
        order = sorted(range(len(self.problems)), key=lambda i: self._position(self.problems[i]))
        told: set[tuple[str, str, str]] = set()
        result = list(self.problems)
        for index in order:
            problem = self.problems[index]
            told.add((problem.path, problem.key, repr(problem.params)))  # the same message, not yet told
            if len(told) > MAX_PROBLEMS:
                break
            if index in self._later:
                word, among = self._later[index]
                result[index] = attrs.evolve(problem, suggestion=nearest(word, among))
        return result

    @staticmethod
    def _position(problem: Problem) -> tuple[int, int]:
        return problem.line or 0, problem.column or 0

    def problem(
        self,
        path: Path,
        message: Message,
        *,
        found: str | None = None,
        allowed: Sequence[str] = (),
        suggestion: str | None = None,
        among: Sequence[str] | None = None,
    ) -> None:
        """Report *message* about *path*, at the position of its nearest located ancestor.

        With *among*, the nearest of those words to *found* is suggested later, and only if the
        problem is one of the `MAX_PROBLEMS` told (see `finished`): a file of thousands of typos
        must be refused at once.
        """
        line = column = None
        for depth in range(len(path), -1, -1):
            if path[:depth] in self.where:
                line, column = self.where[path[:depth]]
                break
        if among is not None and found is not None:
            self._later[len(self.problems)] = (found, among)
        self.problems.append(
            Problem.of(
                dotted(path),
                message,
                found=found,
                allowed=tuple(allowed),
                suggestion=suggestion,
                file=self.file,
                line=line,
                column=column,
            )
        )

    def mapping(self, value: Any, path: Path, part: str) -> dict[str, Any] | None:
        """*value* as a mapping with only allowed keys and all required ones, or ``None``."""
        if not isinstance(value, dict):
            self.problem(path, Message("error.shape.mapping", {"found": describe_value(value)}))
            return None
        allowed = KEYS[part]
        for key in value:
            if key not in allowed:
                self.problem(
                    (*path, key),
                    Message("error.shape.unknown-key", {"key": quoted(key)}),
                    found=key,
                    allowed=sorted(allowed),
                    among=sorted(allowed),
                )
        for key in REQUIRED[part]:
            if key not in value:
                self.problem(path, Message("error.shape.missing-key", {"key": quoted(key)}))
        return {key: item for key, item in value.items() if key in allowed}

    def listing(self, value: Any, path: Path) -> list[Any]:
        """*value* as a list (nothing is an empty list), or an empty list after a problem."""
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(path, Message("error.shape.list", {"found": describe_value(value)}))
            return []
        return value

    def items(self, top: dict[str, Any], key: str, part: str) -> Iterator[tuple[Path, dict[str, Any]]]:
        """The path and keys of each good mapping in the list *key* of the document."""
        for i, raw in enumerate(self.listing(top.get(key), (key,))):
            path: Path = (key, i)
            item = self.mapping(raw, path, part)
            if item is not None:
                yield path, item

    def by_domain(self, top: dict[str, Any], key: str, what: str) -> Iterator[tuple[str, dict[Any, Any]]]:
        """Each good domain name and mapping of the mapping *key* (domain -> partner -> *what*)."""
        by_domain = top.get(key)
        if by_domain is not None and not isinstance(by_domain, dict):
            self.problem((key,), Message("error.shape.domains", {"found": describe_value(by_domain)}))
            return
        for domain, columns in (by_domain or {}).items():
            if self.domain(domain, (key, domain)) is None:
                continue
            if not isinstance(columns, dict):
                self.problem(
                    (key, domain), Message(f"error.shape.{what}", {"found": describe_value(columns)})
                )
                continue
            yield domain, columns

    def text(self, value: Any, path: Path, *, optional: bool = False) -> str | None:
        """*value* as a text that is not blank, or ``None``."""
        if value is None and optional:
            return None
        if not isinstance(value, str):
            key = "error.shape.text-quote" if isinstance(value, (bool, int, float)) else "error.shape.text"
            self.problem(path, Message(key, {"found": describe_value(value)}))
            return None
        if not value.strip():
            self.problem(path, Message("error.shape.text", {"found": Message("error.value.empty-text")}))
            return None
        return value

    def ident(self, value: Any, path: Path, pattern: re.Pattern[str], what: str) -> str | None:
        """*value* as a name that matches *pattern*, or ``None``."""
        text = self.text(value, path)
        if text is not None and not pattern.match(text):
            words = Message(f"error.shape.pattern.{PATTERN_WORDS[pattern.pattern]}")
            self.problem(
                path,
                Message("error.shape.name", {"what": Message(f"error.shape.named.{what}"), "pattern": words}),
                found=text,
            )
            return None
        return text

    def choice(self, value: Any, path: Path, choices: Sequence[str]) -> str | None:
        """*value* as one of *choices*, or ``None``."""
        if not isinstance(value, str) or value not in choices:
            found = value if isinstance(value, str) else describe_value(value)
            self.problem(
                path,
                Message("error.shape.unknown-value", {"found": quoted(value)})
                if isinstance(value, str)
                else Message("error.shape.word", {"found": found}),
                found=str(found),
                allowed=choices,
                among=choices if isinstance(value, str) else None,
            )
            return None
        return value

    def partner(self, value: Any, path: Path) -> str | None:
        """*value* as the id of a partner read before, or ``None``."""
        if not isinstance(value, str):
            self.problem(path, Message("error.shape.partner", {"found": describe_value(value)}))
            return None
        if value not in self.partner_ids:
            self.problem(
                path,
                Message("error.shape.unknown-partner", {"found": quoted(value)}),
                found=value,
                allowed=self.partner_ids,
                among=self.partner_ids,
            )
            return None
        return value

    def domain(self, value: Any, path: Path) -> str | None:
        """*value* as a domain name, or ``None``."""
        return self.ident(value, path, DOMAIN_PATTERN, "domain")
