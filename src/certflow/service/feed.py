"""The event feed: the store's events, in store order, as CloudEvents, for other systems.

``GET /v1/events?after=POSITION&limit=N`` answers a page of events after a position
(:mod:`.feed_events`); with ``wait=SECONDS`` (at most 30) it holds the request until an event is
saved or the time is up (long-poll). ``GET /v1/events/stream`` sends the same events as
server-sent events, each with its position as the SSE ``id``, so a client that reconnects with
``Last-Event-ID`` resumes exactly after the last event it received.

Only a person who holds an appointment in force in one of :data:`FEED_ROLES` reads the feed:
it shows the moves of every record of the LSP (never personal data).
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from certflow import CertificationBody
from certflow.domain import Role
from certflow.engine import NotFoundError, Text
from certflow.service.context import ServiceState, service_of
from certflow.service.feed_events import FeedPage, read_events, source_of
from certflow.service.openapi_docs import STORE_UNAVAILABLE, media_answer, problem_responses
from certflow.service.principals import CurrentPrincipal, Principal, authenticate
from certflow.service.problems import ProblemError

__all__ = ["FEED_ROLES", "feed_reader", "may_read_feed", "router"]

FEED_ROLES = frozenset({Role.HEAD_OF_LSP, Role.LSP_ADMIN, Role.CERTIFICATION_MANAGER})
"""Roles whose holders may read the event feed and manage webhook subscriptions."""
MAX_WAIT = 30.0
"""The longest a long-poll waits, in seconds."""
POLL_SECONDS = 0.1
"""How often a waiting request looks for new events."""
KEEPALIVE_SECONDS = 15.0
"""How often a quiet stream sends a comment line, so proxies keep it open."""
RECHECK_SECONDS = 15.0
"""How often an open stream checks its caller's credential and appointment again."""

router = APIRouter(prefix="/v1/events", tags=["events"])

_EVENT_EXAMPLE: dict[str, Any] = {
    "specversion": "1.0",
    "id": "9c1f0e2d-3b4a-4c5d-8e6f-7a8b9c0d1e2f",
    "source": "urn:certflow:LSP-HUMAS",
    "type": "id.certflow.certification.admitted.v1",
    "subject": "0b7e4c1a-6f4e-4e2b-9a51-3c8d2f1e7a90",
    "time": "2024-10-22T03:00:01+00:00",
    "datacontenttype": "application/json",
    "dataschema": "urn:certflow:schema:id.certflow.certification.admitted.v1",
    "position": 42,
    "recordversion": 2,
    "data": {"actor_role": "lsp_admin", "rules": ["R4"]},
}
_STREAM_EXAMPLE = (
    "retry: 1000\n\n"
    f"id: 42\nevent: {_EVENT_EXAMPLE['type']}\n"
    f"data: {json.dumps(_EVENT_EXAMPLE, separators=(',', ':'))}\n\n"
    ": keep-alive\n\n"
)
_SSE_EVENT: dict[str, Any] = {
    "type": "object",
    "description": "One server-sent event: its position (id), type (event) and CloudEvent (data)",
    "required": ["data"],
    "properties": {
        "id": {"type": "string", "pattern": "^[0-9]+$"},
        "event": {"type": "string"},
        "data": {
            "type": "string",
            "contentMediaType": "application/json",
            "contentSchema": {"$ref": "#/components/schemas/CloudEvent"},
        },
        "retry": {"type": "integer", "minimum": 0},
    },
}
FEED_PROBLEMS = {
    401: "Not signed in",
    403: "The caller holds no appointment in force in a feed role",
    503: STORE_UNAVAILABLE,
}
"""The problems every route of the feed (and of the webhooks) may answer."""


def may_read_feed(body: CertificationBody, person: str) -> bool:
    """Whether ``person`` holds an appointment in force in one of :data:`FEED_ROLES`."""
    try:
        member = body.get_person(person)
    except NotFoundError:
        return False
    return any(Role(a.role) in FEED_ROLES for a in member.in_force)


def feed_reader(
    principal: CurrentPrincipal, state: Annotated[ServiceState, Depends(service_of)]
) -> Principal:
    """The caller, if they may read the feed; else a 403 problem."""
    allowed = may_read_feed(state.body, principal.person)
    if not allowed:
        raise ProblemError(
            "not-authorized",
            Text(
                "reading the event feed needs an appointment in force as {roles}",
                roles=", ".join(sorted(r.value for r in FEED_ROLES)),
            ),
        )
    return principal


class CloudEvent(BaseModel):
    """One event, CloudEvents 1.0 structured mode (``data``: the type's schema)."""

    specversion: str = "1.0"
    id: str
    source: str
    type: str
    subject: str
    time: str
    datacontenttype: str = "application/json"
    dataschema: str
    position: int
    """Extension attribute: the event's position in the store (ask ``after`` it)."""
    recordversion: int
    """Extension attribute: the record's version after this event."""
    data: dict[str, Any]


class EventPage(BaseModel):
    """A page of the feed."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"events": [_EVENT_EXAMPLE], "next_after": 42, "head": 57}]}
    )

    events: list[CloudEvent]
    next_after: int = Field(description="ask after this position for the next page")
    head: int = Field(description="the store's last position when the page was read")


def _types(given: str | None) -> frozenset[str] | None:
    if not given:
        return None
    names = frozenset(t.strip() for t in given.split(",")[:100] if t.strip())
    if any(len(n) > 120 for n in names):
        raise ProblemError("invalid-input", Text("an event type name is too long"))
    return names or None


@router.get(
    "",
    dependencies=[Depends(feed_reader)],
    response_model=EventPage,
    summary="Events after a position (long-poll)",
    responses=problem_responses({400: "Invalid position, limit, wait or types", **FEED_PROBLEMS}),
)
async def events(
    state: Annotated[ServiceState, Depends(service_of)],
    after: Annotated[int, Query(ge=0, le=2**62, description="the last position handled")] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    wait: Annotated[float, Query(ge=0, le=MAX_WAIT, description="seconds to hold")] = 0,
    types: Annotated[str | None, Query(max_length=4000, description="comma-separated")] = None,
) -> EventPage:
    """The events after ``after`` in store order; with ``wait``, held until one is saved."""
    wanted = _types(types)
    source = source_of(state.lsp_code)
    deadline = time.monotonic() + wait
    while True:
        page: FeedPage = await run_in_threadpool(
            read_events, state.body, after, limit, source=source, types=wanted
        )
        if page.events or time.monotonic() >= deadline:
            return EventPage.model_validate(page, from_attributes=True)
        after = page.next_after
        await asyncio.sleep(min(POLL_SECONDS, max(0.0, deadline - time.monotonic())))


@router.get(
    "/stream",
    dependencies=[Depends(feed_reader)],
    summary="Events after a position as server-sent events",
    response_class=StreamingResponse,
    responses={
        **media_answer(
            "text/event-stream",
            _STREAM_EXAMPLE,
            description="Server-sent events: each event's position (id), type and CloudEvent",
            schema=_SSE_EVENT,
        ),
        **problem_responses(
            {400: "Invalid position, Last-Event-ID, seconds or types", **FEED_PROBLEMS}
        ),
    },
)
async def stream(
    request: Request,
    state: Annotated[ServiceState, Depends(service_of)],
    after: Annotated[int, Query(ge=0, le=2**62)] = 0,
    last_event_id: Annotated[str | None, Header(max_length=20)] = None,
    seconds: Annotated[float, Query(gt=0, le=3600, description="close after")] = 300,
    types: Annotated[str | None, Query(max_length=4000)] = None,
) -> StreamingResponse:
    """Every event after ``after`` (or ``Last-Event-ID``), then each new one as it is saved.

    Each message's ``id`` is the event's position, ``event`` its type and ``data`` the
    CloudEvent. The stream closes after ``seconds``; reconnect with ``Last-Event-ID``.
    """
    if last_event_id is not None:
        if not last_event_id.strip().isdigit() or int(last_event_id) > 2**62:
            raise ProblemError("invalid-input", Text("Last-Event-ID must be a position"))
        after = int(last_event_id)
    wanted = _types(types)
    source = source_of(state.lsp_code)

    def still_allowed() -> bool:
        """The credential still valid and the appointment still in force (else: close)."""
        try:
            return may_read_feed(state.body, authenticate(request, state).person)
        except ProblemError:
            return False

    async def messages() -> AsyncIterator[str]:
        position = after
        closes = time.monotonic() + seconds
        quiet_since = checked = time.monotonic()
        yield "retry: 1000\n\n"
        while time.monotonic() < closes and not await request.is_disconnected():
            if time.monotonic() - checked >= RECHECK_SECONDS:
                # a token revoked or an appointment ended while the stream is open ends it
                if not await run_in_threadpool(still_allowed):
                    return
                checked = time.monotonic()
            page = await run_in_threadpool(
                read_events, state.body, position, 200, source=source, types=wanted
            )
            for event in page.events:
                text = json.dumps(event, ensure_ascii=False, separators=(",", ":"))
                yield f"id: {event['position']}\nevent: {event['type']}\ndata: {text}\n\n"
            if page.next_after > position:
                position = page.next_after
                quiet_since = time.monotonic()
                continue
            if time.monotonic() - quiet_since >= KEEPALIVE_SECONDS:
                quiet_since = time.monotonic()
                yield ": keep-alive\n\n"
            await asyncio.sleep(POLL_SECONDS * 2)

    return StreamingResponse(
        messages(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )
