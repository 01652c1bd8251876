"""Writing case files (format version 1) in YAML, JSON and TOML: the case back as a document.

Dumping writes sheets back as sheets wherever expanding them gives exactly the same elements
and links, and only the rest in the general form, so ``load(dumps(case)) == case``.
"""

from __future__ import annotations

import datetime
import json
import os
from typing import Any

from eftgraph._io import _check_format, format_of
from eftgraph._model import Case, Concern, Element
from eftgraph._output import write_atomic
from eftgraph._sessions_files import sessions_to_data
from eftgraph._sheets import collapse
from eftgraph._structure_keys import FORMAT_VERSION

__all__ = ["dump", "dumps", "to_document"]


def to_document(case: Case) -> dict[str, Any]:
    """The case as a plain document: sheets where they say it all, the general form for the rest."""
    parts = collapse(case)
    doc: dict[str, Any] = {"eftgraph": FORMAT_VERSION, "id": case.id}
    if case.title is not None:
        doc["title"] = case.title
    if case.language.value != "en":
        doc["language"] = case.language.value
    doc["partners"] = [
        {"id": p.id, "name": p.name, **({"pronoun": p.pronoun} if p.pronoun else {})} for p in case.partners
    ]
    derived: dict[str, None] = {}  # the domain order a reader of this document would see
    body: dict[str, Any] = {}
    if parts.sheets:
        cycles: dict[str, dict[str, Any]] = {}
        for sheet in parts.sheets:
            column: dict[str, Any] = {}
            if sheet.position is not None:
                column["position"] = sheet.position.value
            elif sheet.stance is not None:
                column["stance"] = sheet.stance.value
            column.update(sheet.slots())
            cycles.setdefault(sheet.domain, {})[sheet.partner] = column
        body["cycles"] = {d: cycles[d] for d in case.domains if d in cycles}
        derived.update(dict.fromkeys(body["cycles"]))
    if parts.elements:
        body["elements"] = [_element_item(e) for e in parts.elements]
        derived.update(dict.fromkeys(e.domain for e in parts.elements))
    if parts.declared_positions:
        positions: dict[str, dict[str, str]] = {}
        for declaration in parts.declared_positions:
            positions.setdefault(declaration.domain, {})[declaration.partner] = declaration.position.value
        body["positions"] = positions
        derived.update(dict.fromkeys(positions))
    if tuple(derived) != case.domains:
        doc["domains"] = list(case.domains)
    doc.update(body)
    if parts.links:
        links = []
        for link in parts.links:
            entry: dict[str, Any] = {"from": link.source, "to": link.target}
            if link.sign.value != "+":
                entry["sign"] = link.sign.value
            if link.label is not None:
                entry["label"] = link.label
            links.append(entry)
        doc["links"] = links
    if case.concerns:
        doc["concerns"] = [_concern_item(c) for c in case.concerns]
    if case.sessions:
        doc["sessions"] = sessions_to_data(case.sessions)
    return doc


def _element_item(e: Element) -> dict[str, Any]:
    item: dict[str, Any] = {"id": e.id}
    if e.partner is not None:
        item["partner"] = e.partner
    if e.domain != "everyday":
        item["domain"] = e.domain
    item["kind"] = e.kind.value
    if e.stance is not None:
        item["stance"] = e.stance.value
    if e.injury:
        item["injury"] = True
    item["label"] = e.label
    return item


def _concern_item(c: Concern) -> dict[str, Any]:
    item: dict[str, Any] = {"label": c.label, "kind": c.kind.value}
    if c.partner:
        item["partner"] = c.partner
    if c.domain:
        item["domain"] = c.domain
    if c.needs:
        item["needs"] = [need.value for need in c.needs]
    return item


def dumps(case: Case, format: str = "yaml") -> str:
    """The case as case-file text; ``loads(dumps(case, f), f) == case`` for every format.

    Raises `eftgraph.errors.OptionError` for a format that does not exist.

    Examples
    --------
    >>> from eftgraph import load, loads
    >>> case = load("examples/janine-mathijs.en.yaml")
    >>> loads(dumps(case, "toml"), "toml") == case
    True
    >>> print(dumps(case).splitlines()[0])
    eftgraph: 1
    >>> dumps(case, "yml")
    Traceback (most recent call last):
    ...
    eftgraph.errors.OptionError: unknown format 'yml' (allowed: yaml, json, toml); did you mean 'yaml'?
    """
    _check_format(format)
    doc = to_document(case)
    if format == "json":
        return json.dumps(doc, indent=2, ensure_ascii=False, default=_iso_date) + "\n"
    if format == "toml":
        import tomli_w

        return tomli_w.dumps(doc)
    import yaml

    class _Dumper(yaml.SafeDumper):
        pass

    def flow(dumper: yaml.SafeDumper, data: _Flow) -> yaml.Node:
        return dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=True)

    def text(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
        # PyYAML mis-writes line-break characters such as NEL (U+0085) in plain style
        style = '"' if not data.isprintable() or any(c in data for c in "\x85\u2028\u2029") else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)

    def flow_list(dumper: yaml.SafeDumper, data: _FlowList) -> yaml.Node:
        return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)

    _Dumper.add_representer(_Flow, flow)
    _Dumper.add_representer(_FlowList, flow_list)
    _Dumper.add_representer(str, text)
    for key in ("partners", "elements", "links", "concerns"):
        if key in doc:
            doc[key] = [_Flow(item) for item in doc[key]]
    if "sessions" in doc:
        doc["sessions"] = [_session_flow(item) for item in doc["sessions"]]
    return yaml.dump(doc, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=4096)


def _iso_date(value: object) -> str:
    """JSON has no dates: a session date is written as ISO text (read back the same)."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


class _Flow(dict[str, Any]):
    """A mapping written on one line in YAML, as people write list items."""


class _FlowList(list[Any]):
    """A list written on one line in YAML (``[1, 2]``)."""


def _session_flow(session: dict[str, Any]) -> dict[str, Any]:
    """A session as people write it: a block, its short lists and mappings on one line each."""
    flat: dict[str, Any] = {}
    for key, value in session.items():
        if key in ("steps", "present"):
            value = _FlowList(value)
        elif key == "cycle":
            value = _Flow(value)
        elif key in ("markers", "measures"):
            value = [
                _Flow({k: _FlowList(v) if isinstance(v, list) else v for k, v in item.items()})
                for item in value
            ]
        flat[key] = value
    return flat


def dump(case: Case, path: str | os.PathLike[str]) -> None:
    """Write *case* to *path*, the format from the suffix; written whole or not at all."""
    write_atomic(path, dumps(case, format_of(path)).encode("utf-8"))
