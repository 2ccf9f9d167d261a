"""The JSON Schemas of the public event types, as the service publishes them.

``GET /v1/schemas`` lists every public event type with its stored topic; ``GET
/v1/schemas/{type}`` answers one type's schema (the payload the event feed and the webhooks
deliver as ``data``). They are the documents ``certflow docs`` writes to ``docs/schemas/``,
generated from the event classes; each ``$id`` is ``urn:certflow:schema:<type>``, which is also
the ``dataschema`` of every CloudEvent. Public: a schema holds no record and no personal data.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from fastapi import APIRouter, Path
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict

from certflow.application import event_schema, public_event_classes, public_type
from certflow.engine import Text
from certflow.service.openapi_docs import problem_responses
from certflow.service.problems import ProblemError

__all__ = ["SchemaIndex", "router"]

router = APIRouter(prefix="/v1/schemas", tags=["events"])

_TYPE = "id.certflow.certification.decided.v1"


class SchemaEntry(BaseModel):
    """One public event type."""

    type: str
    topic: str
    schema_id: str


class SchemaIndex(BaseModel):
    """Every public event type, sorted by type."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "types": [
                        {
                            "type": _TYPE,
                            "topic": "certflow/Certification.Decided",
                            "schema_id": f"urn:certflow:schema:{_TYPE}",
                        }
                    ]
                }
            ]
        }
    )

    types: list[SchemaEntry]


@cache
def _by_type() -> dict[str, str]:
    return {public_type(topic): topic for topic in public_event_classes()}


@router.get(
    "",
    response_model=SchemaIndex,
    summary="The public event types and their schemas",
    description="Every type the event feed and the webhooks deliver, with its stored topic "
    "and the ``$id`` of its payload's JSON Schema. Public.",
    responses=problem_responses({}),
)
def schema_index() -> SchemaIndex:
    """Every public event type."""
    return SchemaIndex(
        types=[
            SchemaEntry(type=kind, topic=topic, schema_id=f"urn:certflow:schema:{kind}")
            for kind, topic in sorted(_by_type().items())
        ]
    )


_EXAMPLE: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": f"urn:certflow:schema:{_TYPE}",
    "title": _TYPE,
    "type": "object",
    "properties": {"actor_role": {"type": "string"}},
    "required": ["actor_role"],
}


@router.get(
    "/{event_type}",
    summary="One event type's payload schema (JSON Schema 2020-12)",
    description="The schema of the ``data`` of a CloudEvent of this type, after upcasting: "
    "what a consumer may rely on. Public.",
    responses={
        200: {
            "description": "The schema",
            "content": {
                "application/schema+json": {"schema": {"type": "object"}, "example": _EXAMPLE}
            },
        },
        **problem_responses({404: "No public event type of this name"}, json_too=False),
    },
    response_class=JSONResponse,
)
def schema_of(
    event_type: str = Path(max_length=120, examples=[_TYPE]),
) -> JSONResponse:
    """The payload schema of ``event_type``; 404 when it is no public type."""
    topic = _by_type().get(event_type)
    if topic is None:
        raise ProblemError(
            "not-found",
            Text(
                "no public event type {event_type}; GET /v1/schemas lists them",
                event_type=event_type[:120],
            ),
        )
    return JSONResponse(event_schema(topic), media_type="application/schema+json")
