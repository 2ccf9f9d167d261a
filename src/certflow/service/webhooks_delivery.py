"""Delivering events to webhook subscribers: in order, at least once, resumable, bounded.

``certflow webhooks run`` runs a :class:`WebhookRunner` as its own process (like ``certflow
projections run``). For each subscriber it reads the events after the subscriber's checkpoint,
in store order, and ``POST``s each one (signed, :mod:`.webhooks`). A 2xx answer is a delivery;
anything else (another status, a timeout, a refused connection) is retried after an
exponentially growing delay with jitter, up to :attr:`RetryPolicy.attempts` attempts. After the
last one the event becomes a dead letter and the subscriber moves on to the next event (so one
bad event never stops a subscriber for good); ``certflow webhooks retry`` sends dead letters
again once the receiver is fixed.

The outcome and the checkpoint are written in one transaction (eventsourcing tracking records,
:mod:`certflow.adapters.sql.webhooks`). A runner killed mid-delivery starts again after the
checkpoint: the event in flight is delivered again with the same ``webhook-id`` (receivers drop
repeats by it), and no event is skipped. Run one runner per store. Subscribers are served one
after the other, so a subscriber that keeps failing delays the others by its retries.
"""

from __future__ import annotations

import json
import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx

from certflow import CertificationBody
from certflow.adapters.sql import Delivery, SqlWebhooks, Subscription
from certflow.engine import InvalidInputError, Text
from certflow.service.feed_events import read_events
from certflow.service.webhooks import signature_headers

__all__ = ["RetryPolicy", "WebhookRunner"]

log = logging.getLogger("certflow.service.webhooks")
_BATCH = 100


@dataclass(frozen=True)
class RetryPolicy:
    """How hard a delivery is tried before it becomes a dead letter."""

    attempts: int = 8
    """Attempts in all, the first included."""
    first_delay: float = 1.0
    """Seconds before the second attempt; each further wait doubles."""
    max_delay: float = 300.0
    """The longest wait between two attempts."""
    timeout: float = 10.0
    """Seconds an attempt may take (connecting, sending, answering)."""

    def __post_init__(self) -> None:
        if not (
            1 <= self.attempts <= 50
            and 0 <= self.first_delay <= self.max_delay <= 86_400
            and 0 < self.timeout <= 600
        ):
            raise InvalidInputError(
                [
                    Text(
                        "retry policy: 1 to 50 attempts, 0 <= first delay <= longest wait "
                        "<= 86400 seconds, a timeout of at most 600 seconds"
                    )
                ]
            )

    def delay(self, failed: int, rng: random.Random) -> float:
        """Seconds to wait after the ``failed``-th failed attempt (half fixed, half jitter)."""
        ceiling = min(self.max_delay, self.first_delay * 2.0 ** (failed - 1))
        return ceiling / 2 + rng.uniform(0, ceiling / 2)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class WebhookRunner:
    """Delivers a store's events to its webhook subscribers."""

    def __init__(
        self,
        body: CertificationBody,
        store: SqlWebhooks,
        *,
        source: str,
        policy: RetryPolicy | None = None,
        client: httpx.Client | None = None,
        stop: threading.Event | None = None,
        rng: random.Random | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.body = body
        self.store = store
        self.source = source
        self.policy = policy or RetryPolicy()
        self.stop = stop or threading.Event()
        """Set it to stop: an attempt under way finishes, no further one starts."""
        self._client = client or httpx.Client(follow_redirects=False)
        self._rng = rng or random.SystemRandom()
        self._clock = clock

    def close(self) -> None:
        """Release the HTTP connections."""
        self._client.close()

    def run_once(self) -> int:
        """Deliver what every subscriber is behind on; return how many events were handled."""
        return sum(self.deliver(s) for s in self.store.subscriptions() if not self.stop.is_set())

    def follow(self, poll: float = 1.0) -> None:
        """Keep delivering until :attr:`stop` is set, looking for new events every ``poll`` s."""
        while not self.stop.is_set():
            if not self.run_once():
                self.stop.wait(poll)

    def deliver(self, subscription: Subscription) -> int:
        """Deliver the events after the subscriber's checkpoint, in order; return how many."""
        position = self.store.checkpoint(subscription)
        types = frozenset(subscription.types) or None
        handled = 0
        while not self.stop.is_set():
            page = read_events(self.body, position, _BATCH, source=self.source, types=types)
            if page.next_after == position:
                return handled
            for event in page.events:
                outcome = self._attempts(subscription, event)
                if outcome is None:
                    return handled  # stopped between attempts: the checkpoint stays
                self.store.record(subscription.subscription_id, outcome.position, outcome)
                position = outcome.position
                handled += 1
                if self.stop.is_set():
                    return handled
            if page.next_after > position:  # events of other types: passed over
                self.store.record(subscription.subscription_id, page.next_after, None)
                position = page.next_after
        return handled

    def _attempts(self, subscription: Subscription, event: dict[str, Any]) -> Delivery | None:
        status: int | None = None
        error = ""
        for attempt in range(1, self.policy.attempts + 1):
            status, error = self._send(subscription, event)
            if not error:
                return self._delivery(subscription, event, "delivered", attempt, status, "")
            log.warning(
                "delivery failed",
                extra={
                    "fields": {
                        "subscription": subscription.subscription_id,
                        "position": event["position"],
                        "attempt": attempt,
                        "error": error,
                    }
                },
            )
            if attempt < self.policy.attempts and self.stop.wait(
                self.policy.delay(attempt, self._rng)
            ):
                return None
        return self._delivery(subscription, event, "dead", self.policy.attempts, status, error)

    def _send(self, subscription: Subscription, event: dict[str, Any]) -> tuple[int | None, str]:
        """One attempt: (the status, or ``None``; why it failed, or "" when delivered)."""
        content = json.dumps(event, ensure_ascii=False, separators=(",", ":")).encode()
        headers = signature_headers(subscription.secret, event["id"], content, self._clock())
        try:
            answer = self._client.post(
                subscription.url, content=content, headers=headers, timeout=self.policy.timeout
            )
        except httpx.TimeoutException:
            return None, "timeout"
        except (httpx.HTTPError, httpx.InvalidURL, ValueError) as failure:
            # a receiver's failure, never the runner's: the delivery is retried, then dead
            return None, type(failure).__name__
        if 200 <= answer.status_code < 300:
            return answer.status_code, ""
        return answer.status_code, f"HTTP {answer.status_code}"

    @staticmethod
    def _delivery(
        subscription: Subscription,
        event: dict[str, Any],
        outcome: str,
        attempts: int,
        status: int | None,
        error: str,
    ) -> Delivery:
        return Delivery(
            subscription_id=subscription.subscription_id,
            position=int(event["position"]),
            event_id=str(event["id"]),
            event_type=str(event["type"]),
            outcome=outcome,
            attempts=attempts,
            status=status,
            error=error,
            at=_now(),
        )

    def retry_dead(
        self, subscription_id: str | None = None, position: int | None = None
    ) -> list[Delivery]:
        """Send dead letters again, once each; return their new outcomes (in log order).

        A dead letter delivered now becomes ``delivered``; one that fails stays ``dead``.
        """
        outcomes = []
        for dead in self.store.deliveries(subscription_id, outcome="dead"):
            if position is not None and dead.position != position:
                continue
            subscription = self.store.get(dead.subscription_id)
            if subscription is None or subscription.removed_at is not None:
                continue
            page = read_events(self.body, dead.position - 1, 1, source=self.source)
            if not page.events or page.events[0]["position"] != dead.position:
                continue  # pragma: no cover - an event is never deleted from the store
            event = page.events[0]
            status, error = self._send(subscription, event)
            outcome = self._delivery(
                subscription,
                event,
                "dead" if error else "delivered",
                dead.attempts + 1,
                status,
                error,
            )
            self.store.redelivered(outcome)
            outcomes.append(outcome)
        return outcomes
