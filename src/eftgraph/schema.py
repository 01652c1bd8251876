"""The JSON Schema of case-file format version 1, built from the model's own tables.

Editors (VS Code with the YAML extension, JetBrains, …) use it to complete and check
case files. It is generated from the same key lists and enums the loader uses, and a
test validates every example against it.

Examples
--------
>>> schema = json_schema()
>>> schema["required"]
['eftgraph', 'id', 'partners']
>>> schema["$defs"]["sheet"]["properties"]["position"]["enum"]
['pursuer', 'withdrawer']

eftgraph has no public address, so the schema's ``$id`` is a URN (a valid URI that
names the format without pointing anywhere; nothing is ever fetched):

>>> schema["$id"]
'urn:eftgraph:case-file:1'
"""

from __future__ import annotations

from typing import Any

from eftgraph._model import (
    DOMAIN_PATTERN,
    ID_PATTERN,
    PARTNER_ID_PATTERN,
    PRONOUNS,
    Advice,
    ConcernKind,
    ElementKind,
    Language,
    Sign,
    Stance,
)
from eftgraph._sessions_files import SESSIONS_SCHEMA
from eftgraph._sheets import SLOTS
from eftgraph._structure_keys import FORMAT_VERSION, KEYS, POSITIONS, REQUIRED, words

__all__ = ["SCHEMA_ID", "json_schema"]

SCHEMA_ID = f"urn:eftgraph:case-file:{FORMAT_VERSION}"
"""The ``$id`` of the schema: a URN, since the format has no public URL."""


def _pattern(regex: str) -> str:
    return "^" + regex.removesuffix(r"\Z") + "$"


def _object(part: str, properties: dict[str, Any], description: str) -> dict[str, Any]:
    assert set(properties) == set(KEYS[part]), part  # the schema says what the loader says
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": list(REQUIRED[part]),
        "additionalProperties": False,
    }


_REF = {name: {"$ref": f"#/$defs/{name}"} for name in ("text", "element_id", "partner_id", "domain")}


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of case-file format version 1."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"eftgraph case file, format version {FORMAT_VERSION}",
        "description": "An EFT case formulation: partners, cycle sheets per domain, elements, links, concerns.",
        "type": "object",
        "properties": _top_properties(),
        "required": list(REQUIRED[""]),
        "additionalProperties": False,
        "$defs": _definitions(),
    }


def _by_domain_and_partner(description: str, value: dict[str, Any]) -> dict[str, Any]:
    """A mapping domain -> partner -> *value*."""
    return {
        "type": "object",
        "description": description,
        "propertyNames": _REF["domain"],
        "additionalProperties": {
            "type": "object",
            "propertyNames": _REF["partner_id"],
            "additionalProperties": value,
        },
    }


def _top_properties() -> dict[str, Any]:
    return {
        "eftgraph": {"const": FORMAT_VERSION, "description": "the format version"},
        "id": _REF["element_id"],
        "title": _REF["text"],
        "language": {"enum": list(words(Language)), "default": "en"},
        "partners": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/partner"}},
        "domains": {"type": "array", "items": _REF["domain"], "uniqueItems": True},
        "cycles": _by_domain_and_partner(
            "One cycle sheet per domain: domain → partner → sheet.", {"$ref": "#/$defs/sheet"}
        ),
        "positions": _by_domain_and_partner(
            "Declared positions that no sheet carries: domain → partner → position.",
            {"enum": list(POSITIONS)},
        ),
        "elements": {"type": "array", "items": {"$ref": "#/$defs/element"}},
        "links": {"type": "array", "items": {"$ref": "#/$defs/link"}},
        "concerns": {"type": "array", "items": {"$ref": "#/$defs/concern"}},
        "sessions": SESSIONS_SCHEMA,
    }


def _definitions() -> dict[str, Any]:
    ref = _REF
    return {
        "text": {"type": "string", "pattern": r"\S"},
        "element_id": {"type": "string", "pattern": _pattern(ID_PATTERN.pattern)},
        "partner_id": {"type": "string", "pattern": _pattern(PARTNER_ID_PATTERN.pattern)},
        "domain": {"type": "string", "pattern": _pattern(DOMAIN_PATTERN.pattern)},
        "partner": _object(
            "partner",
            {"id": ref["partner_id"], "name": ref["text"], "pronoun": {"enum": list(PRONOUNS)}},
            "A partner (or family member).",
        ),
        "sheet": _object(
            "sheet",
            {
                "position": {"enum": list(POSITIONS), "description": "the partner's position in this domain"},
                "stance": {"enum": list(words(Stance)), "description": "the stance of the behaviour"},
                **{
                    slot: {**ref["text"], "description": f"the {kind.value.replace('_', ' ')}"}
                    for slot, kind in SLOTS.items()
                },
            },
            "One partner's column of a cycle sheet.",
        ),
        "element": _object(
            "element",
            {
                "id": ref["element_id"],
                "partner": ref["partner_id"],
                "domain": {**ref["domain"], "default": "everyday"},
                "kind": {"enum": list(words(ElementKind))},
                "stance": {"enum": list(words(Stance))},
                "injury": {
                    "type": "boolean",
                    "default": False,
                    "description": "an event that is an attachment injury (the partner is the one hurt)",
                },
                "label": ref["text"],
            },
            "An element in the general form.",
        ),
        "link": _object(
            "link",
            {
                "from": ref["element_id"],
                "to": ref["element_id"],
                "sign": {"enum": list(words(Sign)), "default": "+"},
                "label": ref["text"],
            },
            "A link; one between the same two elements as a standard link replaces it.",
        ),
        "concern": _object(
            "concern",
            {
                "label": ref["text"],
                "kind": {"enum": list(words(ConcernKind))},
                "partner": ref["partner_id"],
                "domain": {**ref["domain"], "description": "the cycle the concern belongs to"},
                "needs": {
                    "type": "array",
                    "items": {"enum": list(words(Advice))},
                    "description": "the kinds of help it needs, most urgent first (default: what its kind calls for)",
                },
            },
            "A problem outside the cycle that calls for referral.",
        ),
    }
