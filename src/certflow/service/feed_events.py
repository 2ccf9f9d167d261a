"""The store's events as CloudEvents 1.0 (structured mode), read by position.

The position of an event is its notification id in the store's application sequence
(eventsourcing's ``select_notifications``): it only grows, and every event has one. A consumer
remembers the last position it handled and asks for what came after. Each event becomes::

    {"specversion": "1.0", "id": "<record id>/<record version>", "source": "urn:certflow:<LSP>",
     "type": "id.certflow.certification.decided.v1", "subject": "<record id>",
     "time": "<business time of the move>", "datacontenttype": "application/json",
     "dataschema": "urn:certflow:schema:<type>", "position": 42,
     "recordversion": 7, "data": {...}}

``data`` is :func:`certflow.application.event_data` (prose and name hashes withheld), after
upcasting: the current version of the type, which its schema in ``docs/schemas/`` describes.
The ``id`` is the same for the same event however and however often it is delivered, so a
receiver can drop repeats.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from certflow import CertificationBody
from certflow.application import SCHEMA_BASE, event_data, public_event_classes, public_type
from certflow.bootstrap import services_of

__all__ = ["FeedPage", "cloud_event", "head_position", "read_events", "source_of"]

MAX_PAGE = 1000
"""The most events one read returns."""


@dataclass(frozen=True)
class FeedPage:
    """Events after a position, and where to go on from."""

    events: list[dict[str, Any]] = field(default_factory=list)
    next_after: int = 0
    """The position to ask after next (the last one read, even when it was not public)."""
    head: int = 0
    """The store's last position when this page was read."""


def source_of(lsp_code: str) -> str:
    """The CloudEvents ``source`` of an LSP's events."""
    return f"urn:certflow:{lsp_code}"


def cloud_event(position: int, event: Any, *, source: str) -> dict[str, Any]:
    """One stored event, at ``position``, as a structured-mode CloudEvent."""
    kind = public_type(type(event).TOPIC)
    moment = getattr(event, "at", None)
    when = moment if isinstance(moment, datetime) else event.timestamp
    record = str(event.originator_id)
    return {
        "specversion": "1.0",
        "id": f"{record}/{event.originator_version}",
        "source": source,
        "type": kind,
        "subject": record,
        "time": when.isoformat(),
        "datacontenttype": "application/json",
        "dataschema": f"{SCHEMA_BASE}{kind}",
        "position": position,
        "recordversion": event.originator_version,
        "data": event_data(event),
    }


def head_position(body: CertificationBody) -> int:
    """The store's last position (0 when it holds no event)."""
    return int(services_of(body).store.recorder.max_notification_id() or 0)


def read_events(
    body: CertificationBody,
    after: int,
    limit: int,
    *,
    source: str,
    types: frozenset[str] | None = None,
) -> FeedPage:
    """Up to ``limit`` public events after position ``after`` (of ``types``, when given)."""
    store = services_of(body).store
    head = int(store.recorder.max_notification_id() or 0)
    public = public_event_classes()
    found = store.recorder.select_notifications(start=after + 1, limit=min(limit, MAX_PAGE))
    events = []
    for notification in found:
        if notification.topic not in public:
            continue  # a stored object that is no public event (none today)
        if types is not None and public_type(notification.topic) not in types:
            continue
        event = store.mapper.to_domain_event(notification)
        events.append(cloud_event(notification.id, event, source=source))
    last = found[-1].id if found else after
    return FeedPage(events=events, next_after=last, head=max(head, last))
