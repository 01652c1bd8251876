"""Turning a parsed case document into a `Case`, reporting every problem at once.

The steps: the format version; the caps (`eftgraph._structure_limits`); each section
(`eftgraph._structure_sections`, with the tables of `eftgraph._structure_keys`); then the
model's own rules, reported at the document path each part came from.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from eftgraph._formats_document import Parsed, Path, describe_value
from eftgraph._limits import MAX_ELEMENTS, MAX_LINKS
from eftgraph._model import ID_PATTERN, Case, Language, _check
from eftgraph._sessions import Session, located_problems
from eftgraph._sessions_io import read_sessions
from eftgraph._structure_keys import FORMAT_VERSION, KEYS, words
from eftgraph._structure_limits import too_big
from eftgraph._structure_reader import Reader
from eftgraph._structure_sections import Draft, read_sections
from eftgraph.errors import Message, Problem, quoted

__all__ = ["FORMAT_VERSION", "KEYS", "MAX_ELEMENTS", "MAX_LINKS", "structure"]


def structure(parsed: Parsed, file: str | None) -> Case | list[Problem]:
    """The case a parsed document describes, or every problem that stops it."""
    read = Reader(parsed, file)
    top = _version(read, parsed.data)
    if top is None or too_big(read, top):
        return read.finished()
    case_id = read.ident(top.get("id"), ("id",), ID_PATTERN, "case-id") if "id" in top else None
    title = read.text(top.get("title"), ("title",), optional=True)
    language = read.choice(top.get("language", "en"), ("language",), words(Language))
    draft = read_sections(read, top)
    if not read.problems:
        _listed_domains(read, draft)
    # the model's rules are checked on all that could be read, so that every problem is told at
    # once; a bad language is the reader's to report
    _model_rules(read, draft, language or "en")
    sessions = _sessions(read, top, draft)
    if read.problems or case_id is None:
        return read.finished()
    return Case(
        id=case_id,
        title=title,
        language=Language(language),
        partners=draft.partners,
        elements=draft.elements,
        links=[*draft.standard, *draft.explicit],
        concerns=draft.concerns,
        declared_positions=draft.declared,
        domains=tuple(draft.domain_order),
        sessions=sessions,
    )


def _version(read: Reader, doc: Any) -> dict[str, Any] | None:
    """The top-level mapping of a document of format version 1, or ``None`` after a problem."""
    if not isinstance(doc, dict):
        read.problem((), Message("error.document.not-a-case", {"found": describe_value(doc)}))
        return None
    version = doc.get("eftgraph")
    if "eftgraph" not in doc:
        read.problem((), Message("error.document.no-version"))
        return None
    if version != FORMAT_VERSION or isinstance(version, bool):
        read.problem(
            ("eftgraph",),
            Message(
                "error.document.bad-version-quoted"
                if str(version).strip() == "1"
                else "error.document.bad-version",
                {"version": quoted(version)},
            ),
            found=repr(version),
            allowed=(str(FORMAT_VERSION),),
        )
        return None
    return read.mapping(doc, (), "")


def _listed_domains(read: Reader, draft: Draft) -> None:
    """Report the domains the case uses that its ``domains`` list leaves out."""
    if not draft.explicit_domains:
        return
    used = {e.domain for e in draft.elements} | {d.domain for d in draft.declared}
    for name in sorted(used - set(draft.domain_order)):
        read.problem(
            ("domains",),
            Message("error.case.domain-left-out", {"name": quoted(name)}),
            found=name,
        )


def _model_rules(read: Reader, draft: Draft, language: str | None) -> None:
    """Check the model's rules on the draft; report each broken one at its document path."""
    paths: dict[str, Callable[[int, str], Path]] = {
        "partners": lambda i, f: _field(draft.partner_paths[i], f),
        "elements": lambda i, f: _element_path(draft.element_paths[i], f),
        "links": lambda i, f: _link_path(i, f, len(draft.standard), draft.link_paths),
        "concerns": lambda i, f: _field(draft.concern_paths[i], f),
        "positions": lambda i, f: draft.position_paths[i],
        "domains": lambda i, f: ("domains",),
        "language": lambda i, f: ("language",),
    }
    issues = _check(
        tuple(draft.partners),
        tuple(draft.elements),
        (*draft.standard, *draft.explicit),
        tuple(draft.concerns),
        tuple(draft.declared),
        tuple(draft.domain_order),
        language,
    )
    for issue in issues:
        read.problem(
            paths[issue.part](issue.at, issue.field),
            issue.message,
            found=issue.found,
            allowed=issue.allowed,
            suggestion=issue.suggestion,
        )


def _sessions(read: Reader, top: dict[str, Any], draft: Draft) -> tuple[Session, ...]:
    """The course (``sessions:``), each problem at its path: the shape first, then the rules."""
    if "sessions" not in top:
        return ()
    sessions, indices = read_sessions(top["sessions"], read.problem)
    partners = [p.id for p in draft.partners]
    for path, found in located_problems(sessions, partners, list(draft.domain_order), indices):
        read.problem(
            path,
            Message(found.key, found.params),
            found=found.found,
            allowed=found.allowed,
            suggestion=found.suggestion,
        )
    return sessions


def _field(path: Path, field: str) -> Path:
    return (*path, field) if field else path


def _element_path(origin: tuple[Path, bool], field: str) -> Path:
    path, is_slot = origin
    if not is_slot or field in ("id", ""):
        return (*path, field) if field and not is_slot else path
    return (*path[:-1], "stance") if field == "stance" else path


def _link_path(index: int, field: str, standard: int, paths: list[Path]) -> Path:
    if index < standard:  # a standard link cannot be wrong on its own
        return ("cycles",)
    return _field(paths[index - standard], field)
