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
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import DomainEvent, DomainEventProtocol
from eventsourcing.persistence import (
    AggregateRecorder,
    EventStore,
    IntegrityError,
    Mapper,
    RecordConflictError,
    StoredEvent,
)
from eventsourcing.utils import register_topic

__all__ = [
    "SEAL_TOPIC",
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
        self._seals: OrderedDict[tuple[UUID, int], str] = OrderedDict()
        """Digests of seals read or written by this process (seals never change once stored;
        the snapshot's bytes are hashed again on every load)."""

    def put(self, domain_events: Sequence[DomainEventProtocol[UUID]], **kwargs: Any) -> Any:
        """Seal each snapshot in the event log, then store it."""
        for snapshot in domain_events:
            stored = self.mapper.to_stored_event(snapshot)
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
            if self.problem(stored) is None:
                yield self.mapper.to_domain_event(stored)
            else:
                self.rejected += 1

    def problem(self, stored: StoredEvent) -> str | None:
        """Why a stored snapshot must not be used, or ``None`` when it matches its seal."""
        oid = UUID(str(stored.originator_id))
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
