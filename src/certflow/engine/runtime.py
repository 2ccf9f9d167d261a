"""The workflow runtime: storing, loading and querying any workflow's records.

A :class:`WorkflowStore` owns one event store (eventsourcing's ``Application``, kept private, so
no caller can ``save`` around a workflow's rules) and is shared by every kind of record kept in
it. A :class:`WorkflowRuntime` is the typed handle for one kind of record on that store: load,
find, save, exists and scan with conflict translation and the repository cache; the history of a
record, its state at any past version or time, the difference between two versions; the deadline
sweep; and the replay audit. Nothing here knows the domain a workflow serves.

Where records are stored is eventsourcing's own environment (``PERSISTENCE_MODULE`` and the
settings of its SQLite or PostgreSQL module): the runtime depends on eventsourcing's application
layer only, never on a persistence backend.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any, Generic, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.domain import DomainEventProtocol
from eventsourcing.persistence import (
    ApplicationRecorder,
    Mapper,
    PersistenceError,
    RecordConflictError,
)

from certflow.engine.aggregate import WorkflowAggregate, WorkflowEvent, project
from certflow.engine.errors import ConcurrencyConflictError, InvalidInputError, NotFoundError
from certflow.engine.loading import find_together
from certflow.engine.replay import ReplayReport, replay_histories
from certflow.engine.requests import RequestAnswered, current_guard
from certflow.engine.results import FieldChange, SweepResult
from certflow.engine.snapshots import (
    SealedSnapshots,
    SnapshotFinding,
    check_snapshots,
)
from certflow.engine.starts import Starts
from certflow.engine.store_app import Transcodings, _EventStoreApplication
from certflow.engine.text import Text
from certflow.engine.workflow import Actor, Workflow

__all__ = ["FieldChange", "ReplayReport", "SweepResult", "WorkflowRuntime", "WorkflowStore"]

A = TypeVar("A", bound=WorkflowAggregate[Any])
B = TypeVar("B", bound=WorkflowAggregate[Any])


class WorkflowStore:
    """One event store shared by every kind of workflow record kept in it.

    Args:
        env: eventsourcing's environment: ``PERSISTENCE_MODULE`` (``eventsourcing.popo``,
            ``eventsourcing.sqlite``, ``eventsourcing.postgres``) and that module's settings.
        name: the store's name. eventsourcing derives table names from it, so a store must
            keep its name for as long as it holds records.
        transcodings: registers the transcodings of the value types the events hold.
        snapshot_every: per aggregate class, take a snapshot every this many events.
        cache_size: how many records this process keeps decoded between commands (0: none).
            A cached record is brought up to date from the store before it is handed out, so
            several processes may write to one store.
    """

    def __init__(
        self,
        env: Mapping[str, str],
        *,
        name: str = "workflows",
        transcodings: Transcodings | None = None,
        snapshot_every: Mapping[type[WorkflowAggregate[Any]], int] | None = None,
        cache_size: int = 1000,
    ) -> None:
        settings = dict(env)
        if cache_size < 0:
            raise InvalidInputError([Text("cache_size must be 0 (no cache) or more")])
        if cache_size:
            settings.setdefault("AGGREGATE_CACHE_MAXSIZE", str(cache_size))
        intervals = dict(snapshot_every or {})
        for kind, every in intervals.items():
            if every < 2:
                raise InvalidInputError(
                    [
                        Text(
                            "snapshot_every for {kind___name} must be 2 or more",
                            kind___name=kind.__name__,
                        )
                    ]
                )
        if intervals:
            settings["IS_SNAPSHOTTING_ENABLED"] = "y"
        self._app = _EventStoreApplication(name, settings, transcodings, intervals)
        self._saved: list[Callable[[Sequence[UUID]], None]] = []

    def on_save(self, listener: Callable[[Sequence[UUID]], None]) -> None:
        """Call ``listener`` with the ids of the records of every save through this store.

        For caches kept beside the store (e.g. of who may act) that must see this process's
        own writes at once (called once stored); other processes' writes are found by reading
        the store.
        """
        self._saved.append(listener)

    @property
    def name(self) -> str:
        """The store's name."""
        return self._app.name

    @property
    def recorder(self) -> ApplicationRecorder:
        """The underlying recorder, for adapters that share its connection (read it only)."""
        return self._app.recorder

    @property
    def mapper(self) -> Mapper[UUID]:
        """Turns stored notifications back into events."""
        return self._app.mapper

    @property
    def snapshotting(self) -> bool:
        """Whether this store takes snapshots."""
        return self._app.snapshots is not None

    def snapshots(self, record_id: UUID) -> list[DomainEventProtocol[UUID]]:
        """The snapshots stored for a record, oldest first (none when not snapshotting)."""
        return [] if self._app.snapshots is None else list(self._app.snapshots.get(record_id))

    def originators(self, topics: Sequence[str], *, batch: int = 2000) -> Iterator[UUID]:
        """The record id of every stored event with one of ``topics`` (nothing decoded)."""
        start = 1
        while True:
            found = self._app.recorder.select_notifications(start=start, limit=batch, topics=topics)
            if not found:
                return
            for notification in found:
                oid = notification.originator_id
                yield oid if isinstance(oid, UUID) else UUID(str(oid))
            start = found[-1].id + 1

    def check_snapshots(self, record_ids: Iterable[UUID]) -> list[SnapshotFinding]:
        """Every stored snapshot of ``record_ids`` that does not match its seal in the log.

        Such a snapshot is never used (the record is replayed from its events); this names it.
        Reads the snapshot table even when this store was opened without snapshotting.
        """
        snapshots = self._app.snapshots
        if not isinstance(snapshots, SealedSnapshots):
            recorder = self._app.factory.aggregate_recorder(purpose="snapshots")
            snapshots = SealedSnapshots(self._app.mapper, recorder, self._app.events)
        try:
            return check_snapshots(snapshots, list(record_ids))
        except PersistenceError as error:
            # A store that never kept snapshots, opened read-only (eventsourcing's CREATE_TABLE=
            # false) has no snapshot table (SQLite's stored_snapshots, PostgreSQL's <name>_...).
            if "_snapshots" in str(error):
                return []
            raise

    def runtime(self, kind: type[B]) -> WorkflowRuntime[B]:
        """The typed runtime for records of ``kind`` kept in this store."""
        return WorkflowRuntime(self, kind)

    def find(self, kind: type[B], record_id: UUID, version: int | None = None) -> B | None:
        """The record (at ``version``), or ``None`` when there is none of that kind."""
        try:
            found: object = self._app.repository.get(
                record_id, version=version, projector_func=project
            )
        except AggregateNotFoundError:
            return None
        return found if isinstance(found, kind) else None

    def find_many(self, *wanted: tuple[type[WorkflowAggregate[Any]], UUID]) -> list[Any]:
        """:meth:`find` of each (kind, id), in order; the cached ones read in one query.

        See :func:`certflow.engine.loading.find_together`.
        """
        return find_together(self._app, wanted, self.find)

    def load(self, kind: type[B], record_id: UUID, version: int | None = None) -> B:
        """The record (at ``version``); :class:`NotFoundError` when there is none."""
        found = self.find(kind, record_id, version)
        if found is None:
            raise NotFoundError(kind.__name__, record_id)
        return found

    def exists(self, record_id: UUID) -> bool:
        """Whether any event of the record is stored (reads one row, decodes nothing)."""
        return bool(self._app.recorder.select_events(record_id, limit=1))

    def save(self, *records: WorkflowAggregate[Any], starts: Sequence[Starts] = ()) -> None:
        """Store the new events of ``records`` atomically (and a guard's request: :mod:`.requests`).

        ``starts``: records started in bulk (:class:`.Starts`), stored in the same transaction.

        Raises:
            ConcurrencyConflictError: another writer stored an event of one of these records
                (or this request's answer) first, the record already exists, or (a
                ``VersionMismatchError``) it is not at the version guarded; nothing was stored.
        """
        guard = current_guard()
        answered = None if guard is None else guard.check(records)
        stored = [event for batch in starts for event in batch.stored(self._app.mapper)]
        try:
            self._app.save_records(records, () if answered is None else (answered,), stored)
        except RecordConflictError as error:
            raise ConcurrencyConflictError(str(error).splitlines()[0][:200]) from None
        if guard is not None and answered is not None:
            guard.stored = answered
        ids = [record.id for record in records] + [i for batch in starts for i in batch.ids]
        for listener in self._saved:
            listener(ids)

    def answered(self, request: UUID) -> RequestAnswered | None:
        """The stored answer of a request (:mod:`certflow.engine.requests`), if any."""
        for event in self._app.events.get(request, lte=1):
            if isinstance(event, RequestAnswered):
                return event
        return None

    def events(self, record_id: UUID) -> list[WorkflowEvent]:
        """Every workflow event of a record, in order; :class:`NotFoundError` when none."""
        found = [e for e in self._app.events.get(record_id) if isinstance(e, WorkflowEvent)]
        if not found:
            raise NotFoundError("record", record_id)
        return found

    def scan(
        self, topics: Sequence[str] = (), *, batch: int = 500
    ) -> Iterator[DomainEventProtocol[UUID]]:
        """Every stored event with one of ``topics`` (all when empty), in the order stored."""
        start = 1
        while True:
            found = self._app.recorder.select_notifications(start=start, limit=batch, topics=topics)
            if not found:
                return
            for notification in found:
                yield self._app.mapper.to_domain_event(notification)
            start = found[-1].id + 1

    def close(self) -> None:
        """Release the store's connections."""
        self._app.close()


class WorkflowRuntime(Generic[A]):
    """The typed runtime of one kind of workflow record on a :class:`WorkflowStore`."""

    def __init__(self, store: WorkflowStore, kind: type[A]) -> None:
        self.store = store
        """The store the records are kept in."""
        self.kind = kind
        """The aggregate class of the records."""

    # -- records -----------------------------------------------------------------------------

    def find(self, record_id: UUID, version: int | None = None) -> A | None:
        """The record (at ``version``), or ``None`` when there is none of this kind."""
        return self.store.find(self.kind, record_id, version)

    def load(self, record_id: UUID, version: int | None = None) -> A:
        """The record (at ``version``); :class:`NotFoundError` when there is none."""
        return self.store.load(self.kind, record_id, version)

    def exists(self, record_id: UUID) -> bool:
        """Whether any event of the record is stored."""
        return self.store.exists(record_id)

    def save(self, *records: WorkflowAggregate[Any]) -> None:
        """Store the new events of ``records`` atomically (see :meth:`WorkflowStore.save`)."""
        self.store.save(*records)

    def scan(self, topics: Sequence[str] = ()) -> Iterator[DomainEventProtocol[UUID]]:
        """Every stored event with one of ``topics``, in the order stored."""
        return self.store.scan(topics)

    def ids(self, created_topic: str) -> list[UUID]:
        """Ids of every record started by an event with ``created_topic``, oldest first."""
        return list(dict.fromkeys(e.originator_id for e in self.store.scan([created_topic])))

    # -- the past ----------------------------------------------------------------------------

    def history(
        self,
        record_id: UUID,
        *,
        events: Iterable[str] | None = None,
        actor: str | None = None,
        role: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> tuple[WorkflowEvent, ...]:
        """A record's recorded moves in order, optionally filtered.

        Args:
            record_id: the record's id.
            events: keep only these event class names (e.g. ``["Lent"]``).
            actor: keep only this actor id.
            role: keep only this role.
            since: keep only moves at or after this business time (timezone-aware).
            until: keep only moves at or before this business time (timezone-aware).
        """
        wanted = None if events is None else set(events)
        start = None if since is None else _aware(since, "since")
        end = None if until is None else _aware(until, "until")
        return tuple(
            e
            for e in self.store.events(record_id)
            if (wanted is None or type(e).__name__ in wanted)
            and (actor is None or e.actor_id == actor)
            and (role is None or e.actor_role == role)
            and (start is None or e.at >= start)
            and (end is None or e.at <= end)
        )

    def version_at(self, record_id: UUID, at: datetime) -> int:
        """The version a record had at business time ``at``.

        That is the number of events recorded before the first one dated after ``at``.
        """
        moment = _aware(at, "at")
        version = 0
        for event in self.store.events(record_id):
            if event.at > moment:
                break
            version = event.originator_version
        if version == 0:
            raise InvalidInputError(
                [Text("the record did not exist yet at {moment}", moment=moment.isoformat())]
            )
        return version

    def state_at(
        self, record_id: UUID, *, version: int | None = None, at: datetime | None = None
    ) -> A:
        """The record as it was after event ``version``, or at business time ``at``.

        Exactly one of ``version`` and ``at`` is given. Only the events up to that version
        are read (from the nearest snapshot, when snapshots are taken).
        """
        if (version is None) == (at is None):
            raise InvalidInputError([Text("give either version or at")])
        if at is not None:
            version = self.version_at(record_id, at)
        assert version is not None
        if version < 1:
            raise InvalidInputError(
                [
                    Text(
                        "version {version} does not exist; versions start at 1",
                        version=version,
                    )
                ]
            )
        past = self.load(record_id, version)
        if past.version != version:
            raise InvalidInputError(
                [
                    Text(
                        "the record has {past_version} events; version {version} does not exist",
                        past_version=past.version,
                        version=version,
                    )
                ]
            )
        return past

    def diff(
        self,
        record_id: UUID,
        from_version: int,
        to_version: int,
        *,
        fields: Callable[[A], Mapping[str, Any]],
    ) -> tuple[FieldChange, ...]:
        """What changed between two versions, field by field, as ``fields`` shows a record."""
        before = fields(self.state_at(record_id, version=from_version))
        after = fields(self.state_at(record_id, version=to_version))
        return tuple(
            FieldChange(key, before.get(key), value)
            for key, value in after.items()
            if before.get(key) != value
        )

    # -- time --------------------------------------------------------------------------------

    def sweep(self, record_ids: Iterable[UUID], *, actor: Actor, at: datetime) -> SweepResult:
        """Make every move that time has made due on these records, as of ``at``.

        Each record is loaded, swept (:meth:`WorkflowAggregate.sweep`) and saved when a move
        was made. Records running under a definition version this code does not know are
        skipped and listed. Idempotent: sweeping again at the same time makes no move.
        """
        moment = _aware(at, "at")
        result = SweepResult(at=moment)
        for record_id in record_ids:
            record = self.load(record_id)
            if record.workflow_version not in record.definitions:
                result.skipped.append(record_id)
                continue
            made = record.sweep(actor=actor, at=moment)
            if made:
                self.save(record)
                result.moves.extend((record.id, trigger) for trigger in made)
        return result

    # -- audit -------------------------------------------------------------------------------

    def replay_audit(
        self,
        record_ids: Iterable[UUID],
        *,
        current: Workflow[Any] | None = None,
        on_progress: Callable[[int], None] | None = None,
    ) -> ReplayReport:
        """Check every recorded move against the definition version it was recorded under.

        Reads the recorded events only (no rule runs): a move is illegal when its definition
        version is unknown, or when that version has no such move from the stage before it to
        the stage it recorded. An open record is stranded when the current definition cannot
        continue it. Pass a proposed definition as ``current`` to see which open records it
        would strand before rolling it out.
        """
        histories = ((rid, self.store.events(rid)) for rid in record_ids)
        definitions = dict(self.kind.definitions)
        target = current or self.kind.workflow
        definitions.setdefault(target.version, target)
        return replay_histories(target, definitions, histories, on_progress=on_progress)


def _aware(at: datetime, name: str) -> datetime:
    if at.tzinfo is None:
        raise InvalidInputError([Text("{name} must be a timezone-aware time", name=name)])
    return at
