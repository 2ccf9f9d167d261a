"""The webhook subscriptions over HTTP: make, list, read, remove, and read the delivery log.

The same subscriptions as ``certflow webhooks``, for the same people: an appointment in force in
one of the feed's roles (:data:`~certflow.service.feed.FEED_ROLES`). A secret is accepted when
a subscription is made and never answered back. Deliveries are made by ``certflow webhooks
run``, never by the web process; dead letters are sent again with ``certflow webhooks retry``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from certflow.adapters.sql import SqlWebhooks, Subscription
from certflow.bootstrap import webhook_store
from certflow.engine import NotFoundError
from certflow.service.context import ServiceState, service_of
from certflow.service.feed import feed_reader
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


class SubscriptionView(BaseModel):
    """A subscription as it is shown (never its secret)."""

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


@router.post("", status_code=201, response_model=SubscriptionView, summary="Subscribe a URL")
def subscribe(
    given: NewSubscription,
    state: Annotated[ServiceState, Depends(service_of)],
    principal: Annotated[Principal, Depends(feed_reader)],
    hooks: Hooks,
) -> SubscriptionView:
    """Subscribe a receiver to the events saved from now on (or after ``after``)."""
    with state.lock:
        made = new_subscription(
            state.body,
            url=given.url,
            secret=given.secret,
            types=given.types,
            person=principal.person,
            after=given.after,
        )
    hooks.add(made)
    return _view(hooks, made)


@router.get("", response_model=list[SubscriptionView], summary="The subscriptions")
def subscriptions(
    hooks: Hooks, removed: Annotated[bool, Query(description="removed ones too")] = False
) -> list[SubscriptionView]:
    """Every subscription, oldest first, with how far it has been delivered."""
    return [_view(hooks, s) for s in hooks.subscriptions(removed=removed)]


@router.get("/{subscription_id}", response_model=SubscriptionView, summary="One subscription")
def subscription(subscription_id: SubscriptionId, hooks: Hooks) -> SubscriptionView:
    """One subscription (removed or not)."""
    return _view(hooks, _found(hooks, subscription_id))


@router.delete("/{subscription_id}", status_code=204, summary="Stop a subscription")
def unsubscribe(subscription_id: SubscriptionId, hooks: Hooks) -> Response:
    """Stop delivering to a subscription; its delivery log is kept."""
    if not hooks.remove(subscription_id, datetime.now(UTC).isoformat(timespec="seconds")):
        raise NotFoundError("webhook subscription", subscription_id)
    return Response(status_code=204)


@router.get(
    "/{subscription_id}/deliveries",
    response_model=list[DeliveryView],
    summary="A subscriber's delivery log (dead letters with outcome=dead)",
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
