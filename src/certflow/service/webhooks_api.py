"""The webhook subscriptions over HTTP: make, list, read, remove, and read the delivery log.

The same subscriptions as ``certflow webhooks``, for the same people: an appointment in force in
one of the feed's roles (:data:`~certflow.service.feed.FEED_ROLES`). A secret is accepted when
a subscription is made and never answered back. Deliveries are made by ``certflow webhooks
run``, never by the web process; dead letters are sent again with ``certflow webhooks retry``.

Making a subscription takes an ``Idempotency-Key``, as a command does (:mod:`.idempotency`):
the subscriptions are kept in their own table, not in the event store, so the request's record
(its id, a UUID5 of the caller and the key; its fingerprint; its answer) is kept in that table,
in the same transaction as the subscription. The same key and request again get the first
answer with ``Idempotent-Replayed: true`` and make nothing; the same key with another request
(or a key the caller used for a command) is ``422 idempotency-key-reused``; no key is ``428``.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from certflow.adapters.sql import SqlWebhooks, Subscription, WebhookRequest
from certflow.bootstrap import webhook_store
from certflow.engine import ConcurrencyConflictError, NotFoundError, request_id
from certflow.service.context import ServiceState, service_of
from certflow.service.feed import FEED_PROBLEMS, feed_reader
from certflow.service.idempotency import (
    IDEMPOTENCY_KEY,
    KEY_PARAMETER,
    fingerprint,
    idempotency_key,
    reused,
)
from certflow.service.openapi_docs import example_answer, problem_responses
from certflow.service.principals import Principal
from certflow.service.webhooks import new_subscription

__all__ = ["router"]

router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"], dependencies=[Depends(feed_reader)])
SubscriptionId = Annotated[str, Path(max_length=40, pattern=r"^whk-[0-9a-f]{1,32}$")]


class NewSubscription(BaseModel):
    """A receiver to subscribe."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "url": "https://siap.polri.example/hooks/certflow",
                    "secret": "whsec_c2VjcmV0LWZvci10aGUtd2ViaG9vay10ZXN0cw==",
                    "types": ["id.certflow.certification.decided.v1"],
                }
            ]
        },
    )

    url: str = Field(max_length=500, description="where the events are POSTed (http or https)")
    secret: str = Field(
        min_length=24, max_length=512, description="signing secret; not shown again"
    )
    types: list[str] = Field(default_factory=list, max_length=100, description="empty: every type")
    after: int | None = Field(default=None, ge=0, description="deliver after this position")


_SUBSCRIPTION: dict[str, Any] = {
    "subscription_id": "whk-5f0c2a578d1e4b6a",
    "url": "https://siap.polri.example/hooks/certflow",
    "types": ["id.certflow.certification.decided.v1"],
    "created_by": "lsp-admin-01",
    "created_at": "2024-10-22T03:00:01+00:00",
    "start_after": 57,
    "checkpoint": 61,
    "removed_at": None,
}
_DELIVERY: dict[str, Any] = {
    "position": 61,
    "event_id": "9c1f0e2d-3b4a-4c5d-8e6f-7a8b9c0d1e2f",
    "event_type": "id.certflow.certification.decided.v1",
    "outcome": "dead",
    "attempts": 6,
    "status": 503,
    "error": "HTTP 503",
    "at": "2024-10-22T05:12:40+00:00",
}
_LOOKUP = {404: "No such webhook subscription"}


class SubscriptionView(BaseModel):
    """A subscription as it is shown (never its secret)."""

    model_config = ConfigDict(json_schema_extra={"examples": [_SUBSCRIPTION]})

    subscription_id: str
    url: str
    types: list[str]
    created_by: str
    created_at: str
    start_after: int
    checkpoint: int = Field(description="the last position delivered or dead-lettered")
    removed_at: str | None = None


class DeliveryView(BaseModel):
    """The outcome of delivering one event to one subscriber."""

    model_config = ConfigDict(json_schema_extra={"examples": [_DELIVERY]})

    position: int
    event_id: str
    event_type: str
    outcome: Literal["delivered", "dead"]
    attempts: int
    status: int | None
    error: str
    at: str


def _hooks(request: Request, state: Annotated[ServiceState, Depends(service_of)]) -> SqlWebhooks:
    """The subscriptions of the served store, opened once per process."""
    with state.lock:
        kept: SqlWebhooks | None = getattr(request.app.state, "webhooks", None)
        if kept is None:
            kept = webhook_store(state.body)
            request.app.state.webhooks = kept
        return kept


Hooks = Annotated[SqlWebhooks, Depends(_hooks)]


def _view(hooks: SqlWebhooks, s: Subscription) -> SubscriptionView:
    return SubscriptionView(
        subscription_id=s.subscription_id,
        url=s.url,
        types=list(s.types),
        created_by=s.created_by,
        created_at=s.created_at,
        start_after=s.start_after,
        checkpoint=hooks.checkpoint(s),
        removed_at=s.removed_at,
    )


def _found(hooks: SqlWebhooks, subscription_id: str) -> Subscription:
    found = hooks.get(subscription_id)
    if found is None:
        raise NotFoundError("webhook subscription", subscription_id)
    return found


@router.post(
    "",
    status_code=201,
    response_model=SubscriptionView,
    summary="Subscribe a URL",
    responses={
        201: {
            "description": "The subscription made (or, replayed, the one made by the first "
            "request with this key)",
            "headers": {
                "Location": {"description": "Its address", "schema": {"type": "string"}},
                "Idempotent-Replayed": {
                    "description": "true when this is the answer of an earlier request",
                    "schema": {"type": "string", "enum": ["true"]},
                },
            },
        },
        **problem_responses(
            {
                400: "Invalid URL, secret, event type or position",
                **FEED_PROBLEMS,
                422: "The Idempotency-Key was used for another request",
                428: "Idempotency-Key missing",
            }
        ),
    },
    openapi_extra={"parameters": [KEY_PARAMETER]},
)
def subscribe(
    given: NewSubscription,
    request: Request,
    state: Annotated[ServiceState, Depends(service_of)],
    principal: Annotated[Principal, Depends(feed_reader)],
    hooks: Hooks,
) -> JSONResponse:
    """Subscribe a receiver to the events saved from now on (or after ``after``).

    Send an ``Idempotency-Key``: a retry with it gets the first answer and subscribes nothing
    twice.
    """
    key = idempotency_key(request.headers.get(IDEMPOTENCY_KEY))
    digest = fingerprint(request.method, request.url.path, given.model_dump(mode="json"), principal)
    rid = request_id(principal.person, key)
    stored = hooks.answered(str(rid))
    if stored is not None:
        return _replayed(stored, digest)
    if state.body.answer_of(rid) is not None:  # the caller's key of a command
        raise reused()
    with state.lock:
        made = new_subscription(
            state.body,
            url=given.url,
            secret=given.secret,
            types=given.types,
            person=principal.person,
            after=given.after,
        )
    answer = _view(hooks, made).model_dump_json()
    try:
        hooks.add(made, WebhookRequest(str(rid), digest, 201, answer))
    except ConcurrencyConflictError:  # the same request, made at the same time, was first
        stored = hooks.answered(str(rid))
        if stored is None:
            raise
        return _replayed(stored, digest)
    return _answer(201, answer)


def _answer(status: int, answer: str, *, replayed: bool = False) -> JSONResponse:
    body = json.loads(answer)
    headers = {"Location": f"/v1/webhooks/{body['subscription_id']}"}
    if replayed:
        headers["Idempotent-Replayed"] = "true"
    return JSONResponse(body, status_code=status, headers=headers)


def _replayed(stored: WebhookRequest, digest: str) -> JSONResponse:
    if stored.fingerprint != digest:
        raise reused()
    return _answer(stored.status, stored.answer, replayed=True)


@router.get(
    "",
    response_model=list[SubscriptionView],
    summary="The subscriptions",
    responses={
        **example_answer([_SUBSCRIPTION]),
        **problem_responses({400: "Invalid removed flag", **FEED_PROBLEMS}),
    },
)
def subscriptions(
    hooks: Hooks, removed: Annotated[bool, Query(description="removed ones too")] = False
) -> list[SubscriptionView]:
    """Every subscription, oldest first, with how far it has been delivered."""
    return [_view(hooks, s) for s in hooks.subscriptions(removed=removed)]


@router.get(
    "/{subscription_id}",
    response_model=SubscriptionView,
    summary="One subscription",
    responses=problem_responses({400: "Not a subscription id", **FEED_PROBLEMS, **_LOOKUP}),
)
def subscription(subscription_id: SubscriptionId, hooks: Hooks) -> SubscriptionView:
    """One subscription (removed or not)."""
    return _view(hooks, _found(hooks, subscription_id))


@router.delete(
    "/{subscription_id}",
    status_code=204,
    summary="Stop a subscription",
    response_class=Response,
    responses={
        204: {"description": "Stopped (no body)"},
        **problem_responses(
            {400: "Not a subscription id", **FEED_PROBLEMS, 404: "No active subscription"}
        ),
    },
)
def unsubscribe(subscription_id: SubscriptionId, hooks: Hooks) -> Response:
    """Stop delivering to a subscription; its delivery log is kept."""
    if not hooks.remove(subscription_id, datetime.now(UTC).isoformat(timespec="seconds")):
        raise NotFoundError("webhook subscription", subscription_id)
    return Response(status_code=204)


@router.get(
    "/{subscription_id}/deliveries",
    response_model=list[DeliveryView],
    summary="A subscriber's delivery log (dead letters with outcome=dead)",
    responses={
        **example_answer([_DELIVERY]),
        **problem_responses(
            {400: "Not a subscription id, or invalid parameters", **FEED_PROBLEMS, **_LOOKUP}
        ),
    },
)
def deliveries(
    subscription_id: SubscriptionId,
    hooks: Hooks,
    outcome: Literal["delivered", "dead"] | None = None,
    after: Annotated[int, Query(ge=0, le=2**62)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[DeliveryView]:
    """The outcomes after position ``after``, in order; page on with the last position."""
    _found(hooks, subscription_id)
    found = hooks.deliveries(subscription_id, outcome=outcome, after=after, limit=limit)
    return [DeliveryView.model_validate(d, from_attributes=True) for d in found]
