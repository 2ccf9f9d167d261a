"""The public event types: their stable names, their JSON payloads and their JSON Schemas.

Other systems follow certflow's events (the service's event feed and webhooks) as CloudEvents.
This module says, for every event class stored under an explicit ``certflow/`` topic, what they
receive:

* a stable public type, derived from the topic, never the Python class:
  ``certflow/Certification.Decided`` is ``id.certflow.certification.decided.v1``. The major
  version is 1 unless :data:`MAJOR_VERSIONS` raises it (after an incompatible change);
* a payload (:func:`event_data`): the event's fields after upcasting, as JSON, without the
  storage envelope (the record id, version and time travel as CloudEvents attributes) and
  without any field of :data:`WITHHELD`: prose a person typed (reasons, findings, notes), in
  which a name cannot be told from other words, the salted hash of a holder's name, and the
  digests of API-token secrets and identity-provider subjects. Events hold no other personal
  data than pseudonymous ids (R58);
* a JSON Schema (:func:`event_schema`) of that payload, generated from the class's annotations,
  written to ``docs/schemas/`` by ``certflow docs`` (:func:`schema_documents`) and guarded by a
  contract test with :func:`incompatible_changes`.
"""

from __future__ import annotations

import dataclasses
import inspect
import json
import re
import types
import typing
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import Any
from uuid import UUID

import certflow.domain as domain
from certflow.engine import WorkflowEvent

__all__ = [
    "MAJOR_VERSIONS",
    "SCHEMA_BASE",
    "VERSIONING_ADVICE",
    "WITHHELD",
    "event_data",
    "event_schema",
    "incompatible_changes",
    "public_event_classes",
    "public_type",
    "schema_conflicts",
    "schema_documents",
]

SCHEMA_BASE = "urn:certflow:schema:"
"""The schemas' ``$id`` prefix (a URN: the same in every deployment); ``$id`` is the prefix and
the type. The files are ``docs/schemas/<type>.json``; a service answers ``/v1/schemas/<type>``."""

MAJOR_VERSIONS: dict[str, int] = {}
"""Topic -> major version of its public type, for a type changed incompatibly (default 1)."""

WITHHELD = frozenset(
    {
        "actions",
        "arrangement",
        "conflict_details",
        "description",
        "end_reason",
        "findings",
        "follow_up",
        "grounds",
        "holder_name_hash",
        "holder_name_salt",
        "justification",
        "mitigation",
        "nature",
        "note",
        "reason",
        "reasons",
        "request",
        "secret_digest",
        "subject_digest",
        "summary",
    }
)
"""Field names (at any depth) never delivered: prose a person typed, a name's salted hash,
the digests an API token's secret and an identity provider's subject are checked against."""

_ENVELOPE = frozenset({"originator_id", "originator_version", "timestamp", "originator_topic"})
"""eventsourcing's storage fields; the feed carries them as CloudEvents attributes."""
_SNAKE = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


@cache
def public_event_classes() -> dict[str, type[WorkflowEvent]]:
    """Every event class with an explicit ``certflow/`` topic, by topic, sorted."""
    found: dict[str, type[WorkflowEvent]] = {}
    for _, aggregate in inspect.getmembers(domain, inspect.isclass):
        for value in vars(aggregate).values():
            topic = str(getattr(value, "TOPIC", ""))
            if (
                inspect.isclass(value)
                and issubclass(value, WorkflowEvent)
                and topic.startswith("certflow/")
            ):
                found[topic] = value
    return dict(sorted(found.items()))


def public_type(topic: str) -> str:
    """The CloudEvents ``type`` of events stored under ``topic``."""
    aggregate, _, event = topic.removeprefix("certflow/").partition(".")
    parts = [_SNAKE.sub("_", name).lower() for name in (aggregate, event) if name]
    return f"id.certflow.{'.'.join(parts)}.v{MAJOR_VERSIONS.get(topic, 1)}"


def event_data(event: object) -> dict[str, Any]:
    """The payload other systems receive for ``event``: its fields as JSON, prose withheld."""
    fields = dataclasses.fields(event)  # type: ignore[arg-type]
    return {
        f.name: _json(getattr(event, f.name))
        for f in fields
        if f.name not in _ENVELOPE and f.name not in WITHHELD and not f.name.startswith("_")
    }


def _json(value: Any) -> Any:
    if isinstance(value, Enum):
        return _json(value.value)
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _json(v) for k, v in value.items() if str(k) not in WITHHELD}
    if isinstance(value, list | tuple | set | frozenset):
        return [_json(v) for v in value]
    if hasattr(value, "model_dump"):  # a pydantic value
        return _json(value.model_dump())
    return value


def event_schema(topic: str) -> dict[str, Any]:
    """The JSON Schema (2020-12) of the payload of events stored under ``topic``."""
    kind = public_event_classes()[topic]
    hints = typing.get_type_hints(kind)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for f in dataclasses.fields(kind):
        if f.name in _ENVELOPE or f.name in WITHHELD or f.name.startswith("_"):
            continue
        properties[f.name] = _schema(hints[f.name])
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            required.append(f.name)
    name = public_type(topic)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE}{name}",
        "title": name,
        "description": f"{_summary(kind)} (stored as {topic}; upcast to the current version).",
        "type": "object",
        "properties": dict(sorted(properties.items())),
        "required": sorted(required),
    }


def _summary(kind: type) -> str:
    """The first paragraph of the docstring written in certflow's source (not dataclass's)."""
    for cls in kind.__mro__:
        doc = vars(cls).get("__doc__")
        if doc and not doc.startswith(f"{cls.__name__}("):
            return " ".join(doc.strip().split("\n\n")[0].split()).rstrip(".")
    return "An event"  # pragma: no cover - every event class has a docstring


def _schema(hint: Any) -> dict[str, Any]:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        options = [_schema(a) for a in args]
        return options[0] if len(options) == 1 else {"anyOf": options}
    if hint is type(None):
        return {"type": "null"}
    if hint is Any:
        return {}
    if origin in (list, tuple, set, frozenset):
        item = args[0] if args and args[0] is not Ellipsis else Any
        return {"type": "array", "items": _schema(item)}
    if origin is dict:
        return {"type": "object", "additionalProperties": _schema(args[1] if args else Any)}
    if inspect.isclass(hint):
        return _class_schema(hint)
    return {}  # pragma: no cover - an annotation this mapper does not know: anything


def _class_schema(hint: type) -> dict[str, Any]:
    if issubclass(hint, Enum):
        return {"enum": [member.value for member in hint]}
    if issubclass(hint, bool):
        return {"type": "boolean"}
    if issubclass(hint, int):
        return {"type": "integer"}
    if issubclass(hint, float):
        return {"type": "number"}
    if issubclass(hint, datetime):
        return {"type": "string", "format": "date-time"}
    if issubclass(hint, date):
        return {"type": "string", "format": "date"}
    if issubclass(hint, UUID):
        return {"type": "string", "format": "uuid"}
    if issubclass(hint, str):
        return {"type": "string"}
    return {"type": "object"}


def schema_documents() -> dict[str, str]:
    """Every public type's schema file and the index, by file name, as JSON text."""
    files: dict[str, str] = {}
    index = []
    for topic in public_event_classes():
        name = public_type(topic)
        files[f"{name}.json"] = _dump(event_schema(topic))
        index.append({"type": name, "topic": topic, "schema": f"{name}.json"})
    files["index.json"] = _dump(
        {
            "description": "certflow's public event types: CloudEvents type -> payload schema",
            "types": sorted(index, key=lambda row: row["type"]),
        }
    )
    return files


def _dump(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def incompatible_changes(published: dict[str, Any], current: dict[str, Any]) -> list[str]:
    """What in ``current`` breaks a consumer of the ``published`` schema (empty: compatible).

    Compatible: a new optional property, a property made optional. Incompatible: a property
    removed or renamed, its type changed, a new required property.
    """
    found: list[str] = []
    before: dict[str, Any] = published.get("properties", {})
    after: dict[str, Any] = current.get("properties", {})
    for name, schema in before.items():
        if name not in after:
            found.append(f"property {name!r} removed or renamed")
        elif after[name] != schema:
            found.append(f"property {name!r} changed from {schema} to {after[name]}")
    newly = set(current.get("required", [])) - set(published.get("required", []))
    found.extend(f"property {name!r} is newly required" for name in sorted(newly))
    return found


VERSIONING_ADVICE = (
    "a published event schema may only grow by optional properties; to change a type "
    "incompatibly, keep the stored event readable by an upcaster and publish a new major "
    "version: add its topic to MAJOR_VERSIONS in certflow/application/event_catalog.py (the "
    "type becomes ...v2, a new schema file) and announce it in CHANGELOG.md"
)
"""What to do instead of changing a published schema incompatibly."""


def schema_conflicts(published: dict[str, dict[str, Any]]) -> list[str]:
    """Each incompatible change of the ``published`` schema files (by file name) in this code.

    A published type that no longer exists counts too. Empty: every change is compatible.
    """
    current = {
        f"{public_type(topic)}.json": event_schema(topic) for topic in public_event_classes()
    }
    found: list[str] = []
    for name, schema in sorted(published.items()):
        if name == "index.json":
            continue
        if name not in current:
            found.append(f"{name}: the published type is gone")
            continue
        found.extend(f"{name}: {change}" for change in incompatible_changes(schema, current[name]))
    return found
