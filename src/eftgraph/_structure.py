"""Turning a parsed case document into a `Case`, reporting every problem at once."""

from __future__ import annotations

import enum
import os
from collections.abc import Callable, Sequence
from typing import Any

from eftgraph._formats import Parsed, Path, describe_value, dotted
from eftgraph._model import (
    DOMAIN_PATTERN,
    ID_PATTERN,
    PARTNER_ID_PATTERN,
    Case,
    Concern,
    ConcernKind,
    DeclaredPosition,
    Element,
    ElementKind,
    Language,
    Link,
    Partner,
    Position,
    Sign,
    Stance,
    _check,
    _Issue,
)
from eftgraph._sheets import CHAIN, ENTRY, SLOTS, Sheet, expand, sheet_issues
from eftgraph._suggest import nearest
from eftgraph.errors import Problem

__all__ = ["FORMAT_VERSION", "KEYS", "MAX_ELEMENTS", "MAX_LINKS", "structure"]

FORMAT_VERSION = 1

MAX_ELEMENTS = 1_000
"""Most partners, elements (sheet slots included) or concerns a case file may hold.

Real cases have tens; ``EFTGRAPH_MAX_ELEMENTS`` raises the cap.
"""
MAX_LINKS = 5_000
"""Most links a case file may make (the standard wiring of its sheets included).

``EFTGRAPH_MAX_LINKS`` raises the cap.
"""

KEYS: dict[str, tuple[str, ...]] = {
    "": (
        "eftgraph",
        "id",
        "title",
        "language",
        "partners",
        "domains",
        "cycles",
        "positions",
        "elements",
        "links",
        "concerns",
    ),
    "partner": ("id", "name", "pronoun"),
    "sheet": ("position", "stance", *SLOTS),
    "element": ("id", "partner", "domain", "kind", "stance", "label"),
    "link": ("from", "to", "sign", "label"),
    "concern": ("label", "kind", "partner"),
}
"""The keys each part of a case file may have, in the order they are written."""

REQUIRED: dict[str, tuple[str, ...]] = {
    "": ("eftgraph", "id", "partners"),
    "partner": ("id", "name"),
    "sheet": ("behavior",),
    "element": ("id", "kind", "label"),
    "link": ("from", "to"),
    "concern": ("label", "kind"),
}

POSITIONS = ("pursuer", "withdrawer")


class _Reader:
    """Walks a document, collecting problems with their paths and positions."""

    def __init__(self, parsed: Parsed, file: str | None) -> None:
        self.where = parsed.where
        self.file = file
        self.problems: list[Problem] = []

    def problem(
        self,
        path: Path,
        message: str,
        *,
        found: str | None = None,
        allowed: Sequence[str] = (),
        suggestion: str | None = None,
    ) -> None:
        line = column = None
        for depth in range(len(path), -1, -1):
            if path[:depth] in self.where:
                line, column = self.where[path[:depth]]
                break
        self.problems.append(
            Problem(
                path=dotted(path),
                message=message,
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
            self.problem(path, f"expected a mapping, found {describe_value(value)}")
            return None
        allowed = KEYS[part]
        for key in value:
            if key not in allowed:
                self.problem(
                    (*path, key),
                    f"unknown key {key!r}",
                    found=key,
                    allowed=sorted(allowed),
                    suggestion=nearest(key, allowed),
                )
        for key in REQUIRED[part]:
            if key not in value:
                self.problem(path, f"missing key {key!r}")
        return {key: item for key, item in value.items() if key in allowed}

    def listing(self, value: Any, path: Path) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(path, f"expected a list, found {describe_value(value)}")
            return []
        return value

    def text(self, value: Any, path: Path, *, optional: bool = False) -> str | None:
        if value is None and optional:
            return None
        if not isinstance(value, str):
            hint = "; put it in quotes" if isinstance(value, (bool, int, float)) else ""
            self.problem(path, f"expected text, found {describe_value(value)}{hint}")
            return None
        if not value.strip():
            self.problem(path, "expected text, found an empty text")
            return None
        return value

    def ident(self, value: Any, path: Path, pattern: Any, what: str) -> str | None:
        text = self.text(value, path)
        if text is not None and not pattern.match(text):
            self.problem(path, f"{what} must be {_PATTERN_WORDS[pattern.pattern]}", found=text)
            return None
        return text

    def choice(self, value: Any, path: Path, choices: Sequence[str]) -> str | None:
        if not isinstance(value, str) or value not in choices:
            found = value if isinstance(value, str) else describe_value(value)
            self.problem(
                path,
                f"unknown value {found!r}"
                if isinstance(value, str)
                else f"expected one of the words, found {found}",
                found=str(found),
                allowed=choices,
                suggestion=nearest(value, choices) if isinstance(value, str) else None,
            )
            return None
        return value


_PATTERN_WORDS = {
    ID_PATTERN.pattern: "letters, digits, '_', '-' or '.'",
    PARTNER_ID_PATTERN.pattern: "letters, digits, '_' or '-'",
    DOMAIN_PATTERN.pattern: "lower-case letters, digits, '_' or '-', starting with a letter",
}


def _values(enum_cls: type[enum.Enum]) -> tuple[str, ...]:
    return tuple(str(member.value) for member in enum_cls)


def structure(parsed: Parsed, file: str | None) -> Case | list[Problem]:
    """The case a parsed document describes, or every problem that stops it."""
    read = _Reader(parsed, file)
    doc = parsed.data
    if not isinstance(doc, dict):
        read.problem(
            (), f"a case file is a mapping of keys (eftgraph, id, partners, …), found {describe_value(doc)}"
        )
        return read.problems
    version = doc.get("eftgraph")
    if "eftgraph" not in doc:
        read.problem((), "missing key 'eftgraph': the format version; start the file with 'eftgraph: 1'")
        return read.problems
    if version != FORMAT_VERSION or isinstance(version, bool):
        read.problem(
            ("eftgraph",),
            f"unsupported format version {version!r}"
            + ("; write it as a number, without quotes" if str(version).strip() == "1" else ""),
            found=repr(version),
            allowed=(str(FORMAT_VERSION),),
        )
        return read.problems
    top = read.mapping(doc, (), "")
    assert top is not None
    if _too_big(read, top):
        return read.problems
    case_id = read.ident(top.get("id"), ("id",), ID_PATTERN, "a case id") if "id" in top else None
    title = read.text(top.get("title"), ("title",), optional=True)
    language = read.choice(top.get("language", "en"), ("language",), _values(Language))

    partners: list[Partner] = []
    partner_paths: list[Path] = []
    raw_partners = read.listing(top.get("partners"), ("partners",))
    if "partners" in top and isinstance(top["partners"], (list, type(None))) and not raw_partners:
        read.problem(("partners",), "a case needs at least one partner")  # also for 'partners:' alone
    for i, raw in enumerate(raw_partners):
        path: Path = ("partners", i)
        item = read.mapping(raw, path, "partner")
        if item is None:
            continue
        pid = read.ident(item.get("id"), (*path, "id"), PARTNER_ID_PATTERN, "a partner id")
        name = read.text(item.get("name"), (*path, "name"))
        pronoun = item.get("pronoun")
        if pronoun is not None:
            pronoun = read.choice(pronoun, (*path, "pronoun"), ("she", "he", "they"))
        if pid is not None and name is not None:
            partners.append(Partner(pid, name, pronoun=pronoun))
            partner_paths.append(path)
    partner_ids = [p.id for p in partners]

    def known_partner(value: Any, path: Path) -> str | None:
        if not isinstance(value, str):
            read.problem(path, f"expected a partner id, found {describe_value(value)}")
            return None
        if value not in partner_ids:
            read.problem(
                path,
                f"unknown partner {value!r}",
                found=value,
                allowed=partner_ids,
                suggestion=nearest(value, partner_ids),
            )
            return None
        return value

    def domain_name(value: Any, path: Path) -> str | None:
        return read.ident(value, path, DOMAIN_PATTERN, "a domain name")

    domain_order: dict[str, None] = {}
    explicit_domains = "domains" in top
    for i, raw in enumerate(read.listing(top.get("domains"), ("domains",))):
        name = domain_name(raw, ("domains", i))
        if name is not None:
            if name in domain_order:
                read.problem(("domains", i), f"domain {name!r} is listed twice")
            domain_order.setdefault(name, None)

    # Sheets -------------------------------------------------------------------------
    sheets: list[Sheet] = []
    element_paths: list[tuple[Path, bool]] = []  # (path, is a sheet slot)
    cycles = top.get("cycles")
    if cycles is not None and not isinstance(cycles, dict):
        read.problem(("cycles",), f"expected a mapping of domains, found {describe_value(cycles)}")
        cycles = None
    for domain, columns in (cycles or {}).items():
        dpath: Path = ("cycles", domain)
        if domain_name(domain, dpath) is None:
            continue
        if not explicit_domains:
            domain_order.setdefault(domain, None)
        if not isinstance(columns, dict):
            read.problem(dpath, f"expected a mapping of partners, found {describe_value(columns)}")
            continue
        for partner, raw in columns.items():
            spath: Path = (*dpath, partner)
            if known_partner(partner, spath) is None:
                continue
            sheet = read.mapping(raw, spath, "sheet")
            if sheet is None:
                continue
            texts = {slot: read.text(sheet[slot], (*spath, slot)) for slot in SLOTS if slot in sheet}
            position = stance = None
            if "position" in sheet:
                position = read.choice(sheet["position"], (*spath, "position"), POSITIONS)
            if "stance" in sheet:
                stance = read.choice(sheet["stance"], (*spath, "stance"), _values(Stance))
            if (
                None in texts.values()
                or ("position" in sheet and position is None)
                or ("stance" in sheet and stance is None)
            ):
                continue
            issues = sheet_issues(
                None if position is None else Position(position),
                None if stance is None else Stance(stance),
                texts.get("behavior"),
            )
            for field, message, found, allowed in issues:
                if field != "behavior":  # a missing behavior is reported by mapping()
                    read.problem((*spath, field), message, found=found, allowed=allowed)
            if issues:
                continue
            sheets.append(Sheet(domain, partner, position=position, stance=stance, **texts))
            element_paths.extend(((*spath, slot), True) for slot in texts)

    sheet_elements, standard, declared = expand(sheets)
    position_paths: list[Path] = [("cycles", d.domain, d.partner, "position") for d in declared]

    # General elements ------------------------------------------------------------
    elements = list(sheet_elements)
    for i, raw in enumerate(read.listing(top.get("elements"), ("elements",))):
        path = ("elements", i)
        item = read.mapping(raw, path, "element")
        if item is None:
            continue
        eid = read.ident(item.get("id"), (*path, "id"), ID_PATTERN, "an element id")
        kind = (
            read.choice(item.get("kind"), (*path, "kind"), _values(ElementKind)) if "kind" in item else None
        )
        label = read.text(item.get("label"), (*path, "label")) if "label" in item else None
        domain = domain_name(item["domain"], (*path, "domain")) if "domain" in item else "everyday"
        partner = known_partner(item["partner"], (*path, "partner")) if "partner" in item else None
        if "partner" not in item and kind not in (None, "trigger"):
            read.problem(
                path, f"missing key 'partner' (only a trigger may belong to nobody, this is a {kind})"
            )
            continue
        stance = read.choice(item["stance"], (*path, "stance"), _values(Stance)) if "stance" in item else None
        if "stance" in item and kind not in (None, "behavior"):
            read.problem((*path, "stance"), f"only a behavior has a stance, not a {kind}")
            continue
        if (
            None in (eid, kind, label, domain)
            or ("partner" in item and partner is None)
            or ("stance" in item and stance is None)
        ):
            continue
        assert eid is not None
        assert kind is not None
        assert label is not None
        assert domain is not None
        if not explicit_domains:
            domain_order.setdefault(domain, None)
        elements.append(Element(eid, kind, label, partner=partner, domain=domain, stance=stance))
        element_paths.append((path, False))

    # Declared positions (general form) ------------------------------------------------
    raw_positions = top.get("positions")
    if raw_positions is not None and not isinstance(raw_positions, dict):
        read.problem(("positions",), f"expected a mapping of domains, found {describe_value(raw_positions)}")
        raw_positions = None
    for domain, columns in (raw_positions or {}).items():
        dpath = ("positions", domain)
        if domain_name(domain, dpath) is None:
            continue
        if not isinstance(columns, dict):
            read.problem(
                dpath, f"expected a mapping of partners to positions, found {describe_value(columns)}"
            )
            continue
        if not explicit_domains:
            domain_order.setdefault(domain, None)
        for partner, value in columns.items():
            ppath: Path = (*dpath, partner)
            if known_partner(partner, ppath) is None:
                continue
            position = read.choice(value, ppath, POSITIONS)
            if position is not None:
                declared.append(DeclaredPosition(domain, partner, position))
                position_paths.append(ppath)

    # Links -----------------------------------------------------------------------------
    ids = {e.id for e in elements}
    explicit: list[Link] = []
    link_paths: list[Path] = []
    for i, raw in enumerate(read.listing(top.get("links"), ("links",))):
        path = ("links", i)
        item = read.mapping(raw, path, "link")
        if item is None:
            continue
        ends = [read.text(item.get(key), (*path, key)) if key in item else None for key in ("from", "to")]
        sign = read.choice(item.get("sign", "+"), (*path, "sign"), _values(Sign))
        label = read.text(item.get("label"), (*path, "label"), optional=True)
        if None in ends or sign is None or ("label" in item and label is None):
            continue
        source, target = str(ends[0]), str(ends[1])
        unknown = False
        for key, end in (("from", source), ("to", target)):
            if end not in ids:
                read.problem(
                    (*path, key),
                    f"unknown element {end!r}",
                    found=end,
                    suggestion=nearest(end, sorted(ids)),
                )
                unknown = True
        if unknown:
            continue
        explicit.append(Link(source, target, sign, label))
        link_paths.append(path)
    replaced = {(link.source, link.target) for link in explicit}
    standard = [link for link in standard if (link.source, link.target) not in replaced]

    # Concerns --------------------------------------------------------------------------
    concerns: list[Concern] = []
    concern_paths: list[Path] = []
    for i, raw in enumerate(read.listing(top.get("concerns"), ("concerns",))):
        path = ("concerns", i)
        item = read.mapping(raw, path, "concern")
        if item is None:
            continue
        label = read.text(item.get("label"), (*path, "label")) if "label" in item else None
        kind = (
            read.choice(item.get("kind"), (*path, "kind"), _values(ConcernKind)) if "kind" in item else None
        )
        partner = known_partner(item["partner"], (*path, "partner")) if "partner" in item else None
        if label is None or kind is None or ("partner" in item and partner is None):
            continue
        concerns.append(Concern(label, kind, partner))
        concern_paths.append(path)

    if read.problems:
        return read.problems
    if explicit_domains:
        used = {e.domain for e in elements} | {d.domain for d in declared}
        for name in sorted(used - set(domain_order)):
            read.problem(
                ("domains",),
                f"the list leaves out domain {name!r}, which the case uses",
                found=name,
            )
    links = [*standard, *explicit]
    paths: dict[str, Callable[[int, str], Path]] = {
        "partners": lambda i, f: (*partner_paths[i], f) if f else partner_paths[i],
        "elements": lambda i, f: _element_path(element_paths[i], f),
        "links": lambda i, f: _link_path(i, f, len(standard), link_paths),
        "concerns": lambda i, f: (*concern_paths[i], f) if f else concern_paths[i],
        "positions": lambda i, f: position_paths[i],
        "domains": lambda i, f: ("domains",),
        "language": lambda i, f: ("language",),
    }
    domains = tuple(domain_order)
    for issue in _check(
        tuple(partners), tuple(elements), tuple(links), tuple(concerns), tuple(declared), domains, language
    ):
        _report(read, issue, paths[issue.part](issue.at, issue.field))
    if read.problems or case_id is None:
        return read.problems
    return Case(
        id=case_id,
        title=title,
        language=Language(language),
        partners=partners,
        elements=elements,
        links=links,
        concerns=concerns,
        positions=declared,
        domains=domains,
    )


def _cap(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


def _too_big(read: _Reader, top: dict[str, Any]) -> bool:
    """Report (and say so) when the document holds more than the caps allow, before any work on it.

    Sheets are counted as the elements and links they expand to: *n* partners in one domain
    link to each other, so their standard wiring alone makes *n* x (*n* - 1) links.
    """
    max_elements = _cap("EFTGRAPH_MAX_ELEMENTS", MAX_ELEMENTS)
    max_links = _cap("EFTGRAPH_MAX_LINKS", MAX_LINKS)
    raw_cycles = top.get("cycles")
    domains = [
        d for d in (raw_cycles.values() if isinstance(raw_cycles, dict) else ()) if isinstance(d, dict)
    ]
    slots = wiring = 0
    for domain in domains:
        present = [SLOTS.keys() & column.keys() for column in domain.values() if isinstance(column, dict)]
        slots += sum(len(column) for column in present)
        behaviors = sum("behavior" in column for column in present)
        entries = sum(bool(column & set(ENTRY)) for column in present)
        wiring += behaviors * entries - behaviors  # each behaviour reaches every other column
        wiring += sum(
            max(0, len(column & set(CHAIN)) - 1) + ({"primary", "need"} <= column) for column in present
        )
    before = len(read.problems)

    def size(key: str) -> int:
        value = top.get(key)
        return len(value) if isinstance(value, list) else 0

    counts = [
        ("partners", size("partners"), "partners", max_elements, "EFTGRAPH_MAX_ELEMENTS"),
        ("elements", size("elements") + slots, "elements", max_elements, "EFTGRAPH_MAX_ELEMENTS"),
        ("concerns", size("concerns"), "concerns", max_elements, "EFTGRAPH_MAX_ELEMENTS"),
        ("links", size("links") + wiring, "links", max_links, "EFTGRAPH_MAX_LINKS"),
    ]
    for key, count, what, cap, variable in counts:
        if count > cap:
            where = key if key != "elements" or size("elements") > slots else "cycles"
            where = "cycles" if key == "links" and wiring > size("links") else where
            read.problem(
                (where,),
                f"the case has {count} {what}, more than the cap of {cap}; "
                f"if that is really meant, set {variable} to raise it",
                found=str(count),
            )
    return len(read.problems) > before


def _element_path(origin: tuple[Path, bool], field: str) -> Path:
    path, is_slot = origin
    if not is_slot or field in ("id", ""):
        return (*path, field) if field and not is_slot else path
    return (*path[:-1], "stance") if field == "stance" else path


def _link_path(index: int, field: str, standard: int, paths: list[Path]) -> Path:
    if index < standard:  # a standard link cannot be wrong on its own
        return ("cycles",)
    path = paths[index - standard]
    return (*path, field) if field else path


def _report(read: _Reader, issue: _Issue, path: Path) -> None:
    read.problem(
        path,
        issue.message,
        found=issue.found,
        allowed=issue.allowed,
        suggestion=issue.suggestion,
    )
