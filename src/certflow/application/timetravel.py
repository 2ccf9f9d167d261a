"""Audit replay: a record's history, filtered, and its state at any past version or time."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from pydantic import BaseModel, ConfigDict

from certflow.application.views import CertificationView, HistoryEntry
from certflow.domain import WIB, Certification
from certflow.engine import (
    InvalidInputError,
    NotFoundError,
    WorkflowAggregate,
    WorkflowEvent,
)

if TYPE_CHECKING:
    from eventsourcing.persistence import EventStore

A = TypeVar("A", bound=WorkflowAggregate[Any])

__all__ = ["FieldChange", "TimeTravel"]


class FieldChange(BaseModel):
    """One field of a certification that differs between two versions."""

    model_config = ConfigDict(frozen=True)

    field: str
    before: Any
    after: Any


def as_uuid(value: UUID | str) -> UUID:
    """``value`` as a record id, or a clear refusal."""
    if isinstance(value, UUID):
        return value
    try:
        return UUID(str(value).strip())
    except ValueError:
        raise InvalidInputError([f"{value!r} is not a record id (a UUID)"]) from None


def _aware(at: datetime) -> datetime:
    return at if at.tzinfo is not None else at.replace(tzinfo=WIB)


class TimeTravel:
    """Queries over a record's past; mixed into :class:`~certflow.CertificationBody`."""

    if TYPE_CHECKING:  # provided by CertificationBody
        events: EventStore[UUID]

        def _load(self, kind: type[A], record_id: UUID, version: int | None = None) -> A: ...

    def _events(self, record_id: UUID | str) -> list[WorkflowEvent]:
        rid = as_uuid(record_id)
        events = [e for e in self.events.get(rid) if isinstance(e, WorkflowEvent)]
        if not events:
            raise NotFoundError("record", rid)
        return events

    def history(
        self,
        record_id: UUID | str,
        *,
        events: Iterable[str] | None = None,
        actor: str | None = None,
        role: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> tuple[HistoryEntry, ...]:
        """A record's recorded events in order: who did what, when, under which rules.

        Args:
            record_id: a certification's (or any record's) id.
            events: keep only these event names (e.g. ``["Decided", "AppealUpheld"]``).
            actor: keep only this actor id.
            role: keep only this role.
            since: keep only moves at or after this business time (naive times are WIB).
            until: keep only moves at or before this business time.
        """
        wanted = None if events is None else set(events)
        start = None if since is None else _aware(since)
        end = None if until is None else _aware(until)
        entries = (HistoryEntry.of(e) for e in self._events(record_id))
        return tuple(
            h
            for h in entries
            if (wanted is None or h.event in wanted)
            and (actor is None or h.actor_id == actor)
            and (role is None or h.actor_role == role)
            and (start is None or h.at >= start)
            and (end is None or h.at <= end)
        )

    def version_at(self, record_id: UUID | str, at: datetime) -> int:
        """The version a record had at business time ``at``.

        That is every event recorded before the first one dated after ``at``.
        """
        moment = _aware(at)
        version = 0
        for event in self._events(record_id):
            if event.at > moment:
                break
            version = event.originator_version
        if version == 0:
            raise InvalidInputError([f"the record did not exist yet at {moment.isoformat()}"])
        return version

    def state_at(
        self,
        certification_id: UUID | str,
        *,
        version: int | None = None,
        at: datetime | None = None,
    ) -> CertificationView:
        """The certification as it was after event ``version``, or at business time ``at``.

        The view's deadlines are evaluated as of that moment, so it shows what an auditor would
        have seen then. Exactly one of ``version`` and ``at`` is given.
        """
        if (version is None) == (at is None):
            raise InvalidInputError(["give either version or at"])
        if at is not None:
            version = self.version_at(certification_id, at)
        assert version is not None
        if version < 1:
            raise InvalidInputError([f"version {version} does not exist; versions start at 1"])
        # Loaded at that version only (from the nearest snapshot, when snapshots are taken).
        past = self._load(Certification, as_uuid(certification_id), version)
        if past.version != version:
            raise InvalidInputError(
                [f"the certification has {past.version} events; version {version} does not exist"]
            )
        moment = _aware(at) if at is not None else past.updated_at
        return CertificationView.of(past, moment.date())

    def diff(
        self,
        certification_id: UUID | str,
        from_version: int,
        to_version: int,
    ) -> tuple[FieldChange, ...]:
        """What changed, field by field, between two versions of a certification."""
        before = self.state_at(certification_id, version=from_version).model_dump(mode="json")
        after = self.state_at(certification_id, version=to_version).model_dump(mode="json")
        return tuple(
            FieldChange(field=key, before=before[key], after=after[key])
            for key in after
            if before[key] != after[key]
        )
