"""Webhook subscriptions, their delivery log and checkpoints, shared by SQLite and PostgreSQL.

Mixed into eventsourcing's own ``SQLiteTrackingRecorder`` / ``PostgresTrackingRecorder``, as the
read models are: a subscriber's checkpoint is a tracking record (``<store>.webhook.<id>``: the
last position it is done with), and each outcome (delivered, or dead-lettered after the last
attempt) is written to the delivery log in the same transaction as the checkpoint moves past
it. After a crash the runner starts again after the checkpoint: an event delivered but not yet
recorded is delivered again (at-least-once, with the same ``webhook-id``), nothing is skipped.

A subscription's secret is kept here to sign its deliveries; it is never shown again, never
logged and never recorded in an event.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from eventsourcing.persistence import IntegrityError, Tracking

from certflow.engine import ConcurrencyConflictError

__all__ = ["WEBHOOK_TABLES", "Delivery", "SqlWebhooks", "Subscription", "WebhookRequest"]

WEBHOOK_TABLES = (
    "CREATE TABLE IF NOT EXISTS {p}certflow_webhooks ("
    "subscription_id TEXT PRIMARY KEY, url TEXT NOT NULL, secret TEXT NOT NULL, "
    "types TEXT NOT NULL, created_by TEXT NOT NULL, created_at TEXT NOT NULL, "
    "start_after BIGINT NOT NULL, removed_at TEXT)",
    "CREATE TABLE IF NOT EXISTS {p}certflow_webhook_deliveries ("
    "subscription_id TEXT NOT NULL, position BIGINT NOT NULL, event_id TEXT NOT NULL, "
    "event_type TEXT NOT NULL, outcome TEXT NOT NULL, attempts INTEGER NOT NULL, "
    "status INTEGER, error TEXT NOT NULL, at TEXT NOT NULL, "
    "PRIMARY KEY (subscription_id, position))",
    "CREATE TABLE IF NOT EXISTS {p}certflow_webhook_requests ("
    "request_id TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, status INTEGER NOT NULL, "
    "answer TEXT NOT NULL, subscription_id TEXT NOT NULL)",
)
"""The DDL, ``{p}`` standing for the schema prefix."""

_COLUMNS = "subscription_id, url, secret, types, created_by, created_at, start_after, removed_at"
_DELIVERY = "subscription_id, position, event_id, event_type, outcome, attempts, status, error, at"


@dataclass(frozen=True)
class Subscription:
    """A receiver of the LSP's events."""

    subscription_id: str
    url: str
    secret: str
    """The signing secret (never shown after ``add``)."""
    types: tuple[str, ...]
    """The public event types it receives; empty: every type."""
    created_by: str
    created_at: str
    start_after: int
    """The position it was created at: it receives the events after it."""
    removed_at: str | None = None


@dataclass(frozen=True)
class WebhookRequest:
    """The request that made a subscription (its idempotency key's record) and its answer."""

    request_id: str
    """The id of the request (a UUID5 of the caller and their ``Idempotency-Key``)."""
    fingerprint: str
    """A digest of the request: a key sent again with another request is refused."""
    status: int
    answer: str
    """The answer's body (JSON text, never the secret)."""


@dataclass(frozen=True)
class Delivery:
    """The outcome of delivering one event to one subscriber."""

    subscription_id: str
    position: int
    event_id: str
    event_type: str
    outcome: str
    """``delivered`` or ``dead`` (every attempt failed: a dead letter)."""
    attempts: int
    status: int | None
    """The receiver's last HTTP status (``None``: no answer)."""
    error: str
    """Why the last attempt failed (``HTTP 500``, ``timeout``...); empty when delivered."""
    at: str


class SqlWebhooks:
    """The subscriptions' SQL for both databases; the recorder provides the datastore."""

    _prefix: str
    _mark: str
    _store_name: str
    datastore: Any

    if TYPE_CHECKING:  # eventsourcing's tracking recorders provide them

        def _insert_tracking(self, cursor: Any, tracking: Tracking) -> None: ...

        def max_tracking_id(self, application_name: str) -> int | None:
            """The last notification id recorded under ``application_name``."""

        def close(self) -> None:
            """Release what the store holds privately."""

        def create_table(self) -> None:
            """Make the tracking and subscription tables if missing."""

    def _sql(self, text: str) -> str:
        return text.replace("{p}", self._prefix).replace("?", self._mark)

    @contextmanager
    def _cursor(self, *, commit: bool) -> Iterator[Any]:
        with self.datastore.transaction(commit=commit) as cursor:
            yield cursor

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        with self._cursor(commit=False) as cursor:
            cursor.execute(self._sql(sql), tuple(params))
            return list(cursor.fetchall())

    def tracking_key(self, subscription_id: str) -> str:
        """The subscriber's tracking record name."""
        return f"{self._store_name}.webhook.{subscription_id}"

    def add(self, subscription: Subscription, request: WebhookRequest | None = None) -> None:
        """Keep a new subscription, with the request that made it in the same transaction.

        Raises:
            ConcurrencyConflictError: ``request`` was recorded already (by a request made at
                the same time with the same key); nothing was kept.
        """
        try:
            self._add(subscription, request)
        except IntegrityError:
            raise ConcurrencyConflictError(
                "a subscription was made for this request already; read its answer"
            ) from None

    def answered(self, request_id: str) -> WebhookRequest | None:
        """The request recorded with a subscription under ``request_id``, or ``None``."""
        rows = self._rows(
            "SELECT request_id, fingerprint, status, answer FROM {p}certflow_webhook_requests "
            "WHERE request_id = ?",
            [request_id],
        )
        if not rows:
            return None
        row = rows[0]
        return WebhookRequest(
            str(row["request_id"]), str(row["fingerprint"]), int(row["status"]), str(row["answer"])
        )

    def _add(self, subscription: Subscription, request: WebhookRequest | None) -> None:
        s = subscription
        with self._cursor(commit=True) as cursor:
            if request is not None:
                cursor.execute(
                    self._sql(
                        "INSERT INTO {p}certflow_webhook_requests (request_id, fingerprint, "
                        "status, answer, subscription_id) VALUES (?,?,?,?,?)"
                    ),
                    (
                        request.request_id,
                        request.fingerprint,
                        request.status,
                        request.answer,
                        s.subscription_id,
                    ),
                )
            cursor.execute(
                self._sql(
                    f"INSERT INTO {{p}}certflow_webhooks ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?)"
                ),
                (
                    s.subscription_id,
                    s.url,
                    s.secret,
                    json.dumps(list(s.types)),
                    s.created_by,
                    s.created_at,
                    s.start_after,
                    s.removed_at,
                ),
            )

    def subscriptions(self, *, removed: bool = False) -> list[Subscription]:
        """The subscriptions, oldest first (with the removed ones when ``removed``)."""
        where = "" if removed else " WHERE removed_at IS NULL"
        rows = self._rows(
            f"SELECT {_COLUMNS} FROM {{p}}certflow_webhooks{where} ORDER BY created_at, "
            "subscription_id"
        )
        return [_subscription(row) for row in rows]

    def get(self, subscription_id: str) -> Subscription | None:
        """One subscription (removed or not), or ``None``."""
        rows = self._rows(
            f"SELECT {_COLUMNS} FROM {{p}}certflow_webhooks WHERE subscription_id = ?",
            [subscription_id],
        )
        return _subscription(rows[0]) if rows else None

    def remove(self, subscription_id: str, at: str) -> bool:
        """Stop a subscription (its log stays); whether it was active."""
        with self._cursor(commit=True) as cursor:
            cursor.execute(
                self._sql(
                    "SELECT subscription_id FROM {p}certflow_webhooks "
                    "WHERE subscription_id = ? AND removed_at IS NULL"
                ),
                (subscription_id,),
            )
            active = bool(cursor.fetchall())
            cursor.execute(
                self._sql(
                    "UPDATE {p}certflow_webhooks SET removed_at = ? "
                    "WHERE subscription_id = ? AND removed_at IS NULL"
                ),
                (at, subscription_id),
            )
            return active

    def checkpoint(self, subscription: Subscription) -> int:
        """The last position the subscriber is done with."""
        done = self.max_tracking_id(self.tracking_key(subscription.subscription_id))
        return max(done or 0, subscription.start_after)

    def record(self, subscription_id: str, position: int, delivery: Delivery | None) -> None:
        """Move the checkpoint to ``position`` and log ``delivery``, in one transaction.

        Raises:
            ConcurrencyConflictError: another runner moved this subscriber's checkpoint to
                ``position`` or past it first; nothing was written.
        """
        try:
            self._record(subscription_id, position, delivery)
        except IntegrityError:
            raise ConcurrencyConflictError(
                f"another webhooks runner delivered to {subscription_id} up to position "
                f"{position} first; run one runner per store"
            ) from None

    def _record(self, subscription_id: str, position: int, delivery: Delivery | None) -> None:
        with self._cursor(commit=True) as cursor:
            if delivery is not None:
                cursor.execute(
                    self._sql(
                        f"INSERT INTO {{p}}certflow_webhook_deliveries ({_DELIVERY}) "
                        "VALUES (?,?,?,?,?,?,?,?,?)"
                    ),
                    _delivery_params(delivery),
                )
            self._insert_tracking(cursor, Tracking(self.tracking_key(subscription_id), position))

    def redelivered(self, delivery: Delivery) -> None:
        """Replace a dead letter's log entry by its later outcome."""
        with self._cursor(commit=True) as cursor:
            cursor.execute(
                self._sql(
                    "DELETE FROM {p}certflow_webhook_deliveries "
                    "WHERE subscription_id = ? AND position = ?"
                ),
                (delivery.subscription_id, delivery.position),
            )
            cursor.execute(
                self._sql(
                    f"INSERT INTO {{p}}certflow_webhook_deliveries ({_DELIVERY}) "
                    "VALUES (?,?,?,?,?,?,?,?,?)"
                ),
                _delivery_params(delivery),
            )

    def deliveries(
        self,
        subscription_id: str | None = None,
        *,
        outcome: str | None = None,
        after: int = 0,
        limit: int | None = None,
    ) -> list[Delivery]:
        """The delivery log (of one subscriber, of one outcome, after a position), in order."""
        clauses: list[str] = ["position > ?"]
        params: list[Any] = [after]
        for column, value in (("subscription_id", subscription_id), ("outcome", outcome)):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value)
        bound = "" if limit is None else f" LIMIT {int(limit)}"
        rows = self._rows(
            f"SELECT {_DELIVERY} FROM {{p}}certflow_webhook_deliveries "
            f"WHERE {' AND '.join(clauses)} ORDER BY subscription_id, position{bound}",
            params,
        )
        return [
            Delivery(
                str(r["subscription_id"]),
                int(r["position"]),
                str(r["event_id"]),
                str(r["event_type"]),
                str(r["outcome"]),
                int(r["attempts"]),
                None if r["status"] is None else int(r["status"]),
                str(r["error"]),
                str(r["at"]),
            )
            for r in rows
        ]


def _delivery_params(d: Delivery) -> tuple[Any, ...]:
    return (
        d.subscription_id,
        d.position,
        d.event_id,
        d.event_type,
        d.outcome,
        d.attempts,
        d.status,
        d.error,
        d.at,
    )


def _subscription(row: Any) -> Subscription:
    return Subscription(
        subscription_id=str(row["subscription_id"]),
        url=str(row["url"]),
        secret=str(row["secret"]),
        types=tuple(json.loads(row["types"])),
        created_by=str(row["created_by"]),
        created_at=str(row["created_at"]),
        start_after=int(row["start_after"]),
        removed_at=None if row["removed_at"] is None else str(row["removed_at"]),
    )
