"""What the next save of a context must also do: answer a request once, expect a version.

A caller that must not repeat a command (an HTTP request retried with the same idempotency
key) or must not overwrite a change it has not seen (``If-Match``) opens a :class:`SaveGuard`
around the command with :func:`guarded`. The :class:`~certflow.engine.WorkflowStore` then,
in the very save that records the command's events:

* refuses the save when the guarded record's first new event does not follow the version
  the caller expected (:class:`~certflow.engine.VersionMismatchError`); a writer that saves
  the record between that check and this save makes the save itself conflict;
* stores a :class:`RequestAnswered` record (id :func:`request_id`, version 1) holding the
  request's fingerprint and the answer, in the same transaction as the events. A second save
  for the same request conflicts, so a request is recorded at most once, and the answer can
  be read back (:meth:`~certflow.engine.WorkflowStore.answered`) by any process.

Nothing here knows what the records are or what a request is about; the answer is text the
caller composes (no personal data: it is kept in the event log).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import DomainEvent
from eventsourcing.utils import register_topic

from certflow.engine.aggregate import WorkflowAggregate
from certflow.engine.errors import VersionMismatchError

__all__ = ["REQUEST_TOPIC", "RequestAnswered", "SaveGuard", "guarded", "request_id"]

REQUEST_TOPIC = "certflow/RequestAnswered"
_REQUESTS = UUID("3f0c2a57-8d1e-5b6a-9c47-1e2d3c4b5a69")


@dataclass(frozen=True)
class RequestAnswered(DomainEvent):
    """A request was carried out: its fingerprint and the answer given (one event per id)."""

    TOPIC = REQUEST_TOPIC
    fingerprint: str
    """A digest of the request (what the caller considers the same request)."""
    status: int
    """The answer's status code."""
    answer: str
    """The answer's body, as the caller wrote it (JSON text)."""


register_topic(REQUEST_TOPIC, RequestAnswered)


def request_id(scope: str, key: str) -> UUID:
    """The id of the request record of ``key`` within ``scope`` (e.g. the caller)."""
    return uuid5(_REQUESTS, f"{len(scope)}:{scope}:{key}")


Answer = Callable[[Sequence[WorkflowAggregate[Any]]], tuple[int, str]]
"""Composes the answer (status, JSON text) from the records about to be saved."""


@dataclass
class SaveGuard:
    """What the next save in this context must also do (see the module's description)."""

    request: UUID | None = None
    """The request record to store with the events (``None``: none)."""
    fingerprint: str = ""
    answer: Answer | None = None
    record_id: UUID | None = None
    """The record whose version is expected (``None``: no expectation)."""
    expected_version: int | None = None
    stored: RequestAnswered | None = None
    """The request record the save stored (set once stored)."""

    def check(self, records: Sequence[WorkflowAggregate[Any]]) -> RequestAnswered | None:
        """The request record to store with ``records``, after checking the expected version.

        Raises:
            VersionMismatchError: the record was at another version when the command ran.
        """
        for record in records:
            pending = record.pending_events
            if record.id == self.record_id and pending and self.expected_version is not None:
                found = pending[0].originator_version - 1
                if found != self.expected_version:
                    raise VersionMismatchError(self.expected_version, found)
        return self.request_event(records)

    def request_event(self, records: Sequence[WorkflowAggregate[Any]]) -> RequestAnswered | None:
        """The request record to store with ``records`` (once per guard), if any."""
        if self.request is None or self.answer is None or self.stored is not None:
            return None
        status, answer = self.answer(records)
        return RequestAnswered(
            originator_id=self.request,
            originator_version=1,
            timestamp=RequestAnswered.create_timestamp(),
            fingerprint=self.fingerprint,
            status=status,
            answer=answer,
        )


_GUARD: ContextVar[SaveGuard | None] = ContextVar("save_guard", default=None)


@contextmanager
def guarded(guard: SaveGuard) -> Iterator[SaveGuard]:
    """Apply ``guard`` to the saves made in this context (this thread or task)."""
    token = _GUARD.set(guard)
    try:
        yield guard
    finally:
        _GUARD.reset(token)


def current_guard() -> SaveGuard | None:
    """The guard of this context, if any."""
    return _GUARD.get()
