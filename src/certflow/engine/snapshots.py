"""Snapshots sealed into the event log, and checked against their seal whenever they are loaded.

eventsourcing keeps snapshots in a table of their own (``stored_snapshots``), outside the
event log and so outside any chain over it: an edited snapshot would change what a load
returns. Here every snapshot is sealed before it is stored: a :class:`SnapshotSealed` event,
stored in the event log itself (so chained and covered by every check of the log), records
the SHA-256 of the snapshot's type and bytes as stored. A snapshot is used only when its
bytes match its seal; any other snapshot (edited, forged, or from a store older than seals)
is skipped and the record is replayed from its events, which gives the same state.

A process keeps the digests of the seals it wrote or read (seals never change once stored, and
a check of the whole log covers them), so after its first use a snapshot costs no extra read;
its bytes are hashed again on every load. Each seal is the only event of its own record
(``seal_id(record id, version)``), so sealing reads nothing first and two processes sealing
the same snapshot conflict harmlessly.

A snapshot class may store itself in a compact form of its own (:class:`CompactSnapshot`: one
typed document, decoded in one call) instead of eventsourcing's transcoded JSON, which decodes
every value through a Python hook. Snapshots stored by eventsourcing's ``Snapshot`` still load
(and are still checked against their seals) the way they always did.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any, Self
from uuid import UUID, uuid5

from eventsourcing.application import AggregateNotFoundError, Repository
from eventsourcing.domain import DomainEvent, DomainEventProtocol, Snapshot
from eventsourcing.persistence import (
    AggregateRecorder,
    EventStore,
    IntegrityError,
    Mapper,
    MapperDeserialisationError,
    RecordConflictError,
    StoredEvent,
)
from eventsourcing.utils import get_topic, register_topic, resolve_topic

__all__ = [
    "SEAL_TOPIC",
    "CompactSnapshot",
    "PastRepository",
    "SealedSnapshots",
    "SnapshotFinding",
    "SnapshotSealed",
    "check_snapshots",
    "seal_id",
    "snapshot_digest",
]

SEAL_TOPIC = "certflow/SnapshotSealed"
_CACHED_SEALS = 10_000
_SEALS = UUID("6b1f4f0e-93c2-5c4b-9d55-2d6f3a1e7c10")


@dataclass(frozen=True)
class SnapshotSealed(DomainEvent):
    """A snapshot of ``record_id`` at ``version`` was taken; ``digest`` is its stored form's."""

    TOPIC = SEAL_TOPIC
    record_id: str
    version: int
    digest: str


register_topic(SEAL_TOPIC, SnapshotSealed)


def seal_id(record_id: UUID, version: int) -> UUID:
    """The id of the one-event record that seals the snapshot of ``record_id`` at ``version``."""
    return uuid5(_SEALS, f"{record_id}@{version}")


def snapshot_digest(stored: StoredEvent) -> str:
    """SHA-256 (hex) of a stored snapshot: record, version, type and bytes, length-prefixed."""
    digest = hashlib.sha256()
    parts = (
        str(stored.originator_id).encode(),
        str(stored.originator_version).encode(),
        stored.topic.encode(),
        stored.state,
    )
    for part in parts:
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


@dataclass(frozen=True)
class CompactSnapshot(Snapshot):
    """A snapshot that stores its aggregate's state in a form of its own.

    eventsourcing stores a snapshot as its attributes in transcoded JSON: every value of a
    type JSON lacks (ids, dates, Enums, a typed state) becomes a tagged object decoded by a
    Python hook, one call per value. A subclass (with an explicit ``TOPIC``) says instead how
    its ``state`` (the aggregate's attributes, as :meth:`Snapshot.take` gathers them, with
    ``class_version``) and ``timestamp`` become bytes and back, e.g. as one typed document that
    a compiled validator reads in one call. ``mutate`` is eventsourcing's (upcasters included).
    A stored form this code no longer reads (written under another version of the aggregate)
    reads as ``None``: the record is then replayed from its events.
    """

    def stored_state(self) -> bytes:
        """The stored form of ``timestamp`` and ``state``."""
        raise NotImplementedError(f"{type(self).__qualname__} does not say how it is stored")

    @classmethod
    def from_stored_state(
        cls, originator_id: UUID, originator_version: int, data: bytes
    ) -> Self | None:
        """The snapshot stored as ``data`` (``None``: a form this code no longer reads)."""
        raise NotImplementedError(f"{cls.__qualname__} does not say how it is read")


@dataclass(frozen=True)
class SnapshotFinding:
    """A stored snapshot that does not match its seal (it is never used)."""

    record_id: UUID
    version: int
    detail: str


class SealedSnapshots(EventStore[UUID]):
    """The snapshot store: seals each snapshot in the event log, uses only sealed snapshots."""

    def __init__(
        self, mapper: Mapper[UUID], recorder: AggregateRecorder, events: EventStore[UUID]
    ) -> None:
        super().__init__(mapper, recorder)
        self.events = events
        self.rejected = 0
        """Snapshots skipped on load because they did not match their seal."""
        self.stale = 0
        """Sealed snapshots skipped on load because this code no longer reads their form."""
        self._seals: OrderedDict[tuple[UUID, int], str] = OrderedDict()
        """Digests of seals read or written by this process (seals never change once stored;
        the snapshot's bytes are hashed again on every load)."""

    def put(self, domain_events: Sequence[DomainEventProtocol[UUID]], **kwargs: Any) -> Any:
        """Seal each snapshot in the event log, then store it."""
        for snapshot in domain_events:
            stored = self.to_stored(snapshot)
            oid = UUID(str(stored.originator_id))
            seal = SnapshotSealed(
                originator_id=seal_id(oid, stored.originator_version),
                originator_version=1,
                timestamp=SnapshotSealed.create_timestamp(),
                record_id=str(oid),
                version=stored.originator_version,
                digest=snapshot_digest(stored),
            )
            try:
                self.events.put([seal])
                self.recorder.insert_events([stored])
            except (RecordConflictError, IntegrityError):
                continue  # another process sealed and stored this snapshot first
            self._remember((oid, stored.originator_version), seal.digest)
        return []

    def to_stored(self, snapshot: DomainEventProtocol[UUID]) -> StoredEvent:
        """The stored form of ``snapshot`` (its own when compact, else eventsourcing's)."""
        if not isinstance(snapshot, CompactSnapshot):
            return self.mapper.to_stored_event(snapshot)
        data = snapshot.stored_state()
        if self.mapper.compressor:
            data = self.mapper.compressor.compress(data)
        if self.mapper.cipher:
            data = self.mapper.cipher.encrypt(data)
        return StoredEvent(
            originator_id=snapshot.originator_id,
            originator_version=snapshot.originator_version,
            topic=get_topic(type(snapshot)),
            state=data,
        )

    def to_snapshot(self, stored: StoredEvent) -> DomainEventProtocol[UUID] | None:
        """The snapshot stored as ``stored`` (``None``: a compact form this code does not read)."""
        kind = resolve_topic(stored.topic)
        if not (isinstance(kind, type) and issubclass(kind, CompactSnapshot)):
            return self.mapper.to_domain_event(stored)
        data = stored.state
        if self.mapper.cipher:
            data = self.mapper.cipher.decrypt(data)
        if self.mapper.compressor:
            data = self.mapper.compressor.decompress(data)
        oid = stored.originator_id
        try:
            return kind.from_stored_state(
                oid if isinstance(oid, UUID) else UUID(str(oid)), stored.originator_version, data
            )
        except Exception as error:  # as eventsourcing's mapper reports a state it cannot decode
            raise MapperDeserialisationError(
                f"Failed to deserialise snapshot with topic '{stored.topic}', originator_id "
                f"'{oid}' and originator_version {stored.originator_version}: {error}"
            ) from error

    def _remember(self, key: tuple[UUID, int], digest: str) -> None:
        self._seals[key] = digest
        while len(self._seals) > _CACHED_SEALS:
            self._seals.popitem(last=False)

    def get(
        self,
        originator_id: UUID,
        *,
        gt: int | None = None,
        lte: int | None = None,
        desc: bool = False,
        limit: int | None = None,
    ) -> Iterator[DomainEventProtocol[UUID]]:
        """The stored snapshots that match their seals (others are skipped)."""
        for stored in self.recorder.select_events(
            originator_id, gt=gt, lte=lte, desc=desc, limit=limit
        ):
            if self.problem(stored) is not None:
                self.rejected += 1
                continue
            snapshot = self.to_snapshot(stored)
            if snapshot is None:
                self.stale += 1
            else:
                yield snapshot

    def problem(self, stored: StoredEvent) -> str | None:
        """Why a stored snapshot must not be used, or ``None`` when it matches its seal."""
        oid = stored.originator_id
        oid = oid if isinstance(oid, UUID) else UUID(str(oid))
        key = (oid, stored.originator_version)
        sealed = self._seals.get(key)
        if sealed is None:
            found = self.events.recorder.select_events(seal_id(*key), limit=1)
            if not found:
                return "no seal in the event log: forged, or taken before snapshots were sealed"
            seal = self.mapper.to_domain_event(found[0])
            if (
                not isinstance(seal, SnapshotSealed)
                or seal.record_id != str(oid)
                or seal.version != stored.originator_version
            ):
                return "its seal in the event log is for another snapshot"
            sealed = seal.digest
            self._remember(key, sealed)
        if sealed != snapshot_digest(stored):
            return "its stored bytes differ from the ones sealed in the event log"
        return None


class PastRepository(Repository[UUID]):
    """eventsourcing's repository, reading no events after a snapshot of the version asked for.

    eventsourcing reads a past version as its nearest snapshot plus the events after it up to
    that version, with one query each, even when the snapshot is of that very version and the
    second query cannot find anything. Here that query is not made; anything else is
    eventsourcing's own (the latest version, its cache, a record without snapshots).
    """

    @classmethod
    def like(cls, repository: Repository[UUID]) -> PastRepository:
        """A repository with ``repository``'s stores, cache and settings (shared, not copied)."""
        past = object.__new__(cls)
        past.__dict__.update(vars(repository))
        return past

    def _reconstruct_aggregate(
        self, aggregate_id: UUID, version: int | None, projector_func: Any
    ) -> Any:
        if version is None or self.snapshot_store is None:
            return super()._reconstruct_aggregate(aggregate_id, version, projector_func)
        found = self.snapshot_store.get(aggregate_id, desc=True, limit=1, lte=version)
        snapshots: list[Any] = list(found)
        after = snapshots[0].originator_version if snapshots else None
        events: Iterable[Any] = (
            () if after == version else self.event_store.get(aggregate_id, gt=after, lte=version)
        )
        aggregate = projector_func(None, chain(snapshots, events))
        if aggregate is None:
            raise AggregateNotFoundError(
                f"Aggregate {aggregate_id!r} version {version!r} not found."
            )
        return aggregate


def check_snapshots(
    snapshots: SealedSnapshots, record_ids: Iterator[UUID] | Sequence[UUID]
) -> list[SnapshotFinding]:
    """Every stored snapshot of ``record_ids`` that does not match its seal."""
    found: list[SnapshotFinding] = []
    for record_id in record_ids:
        for stored in snapshots.recorder.select_events(record_id):
            problem = snapshots.problem(stored)
            if problem is not None:
                found.append(SnapshotFinding(record_id, stored.originator_version, problem))
    return found
