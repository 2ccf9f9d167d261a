"""Tamper evidence: every stored event bound into a hash chain, and a verifier that streams.

Each stored record gets a row in ``certflow_chain``, written in the same transaction as the
event by a subclass of eventsourcing's own application recorder (SQLite or PostgreSQL, in
:mod:`certflow.adapters`; this module holds the hashing they use and the verifier):

- ``record = SHA-256(originator id, version, topic, state bytes as stored)``;
- ``aggregate_hash = SHA-256(previous aggregate_hash of that record, record)``: a chain per
  aggregate, so an altered, removed or reordered event breaks it;
- ``chain_hash = SHA-256(previous chain_hash, notification id, aggregate_hash)``: one chain over
  the whole store in notification order, so removed rows (even a whole aggregate with its chain
  rows) break it;
- ``certflow_checkpoint`` keeps the count, the last notification id and the head hash, so a
  truncated tail is caught too.

What this does not protect against: someone able to rewrite every table, chain and checkpoint
included, can forge a consistent store. Anchor the head hash outside the store (print it in the
batch report, send it to BNSP or the inspectorate, or pass it back as ``verify --expect``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from uuid import UUID

from eventsourcing.persistence import Notification

from certflow.application.bulk import cyclic_gc_paused
from certflow.application.ports import ChainedRecorder
from certflow.application.view_rows import ChainRow

__all__ = ["ZERO", "Finding", "VerifyReport", "link", "nid_bytes", "record_hash", "verify"]

ZERO = bytes(32)
"""The link before the first: the start of every chain."""


def record_hash(originator_id: UUID | str, version: int, topic: str, state: bytes) -> bytes:
    """The hash of one stored record: position, type and payload bytes as stored.

    Each part is fed with its length (8 bytes, big-endian) before it.
    """
    oid, ver, kind = str(originator_id).encode(), str(version).encode(), topic.encode()
    return hashlib.sha256(
        b"".join(
            (
                len(oid).to_bytes(8, "big"),
                oid,
                len(ver).to_bytes(8, "big"),
                ver,
                len(kind).to_bytes(8, "big"),
                kind,
                len(state).to_bytes(8, "big"),
                state,
            )
        )
    ).digest()


def link(previous: bytes, *parts: bytes) -> bytes:
    """The next link of a chain."""
    digest = hashlib.sha256(previous)
    for part in parts:
        digest.update(part)
    return digest.digest()


def nid_bytes(notification_id: int) -> bytes:
    """A notification id as it is fed into the store-wide chain."""
    return notification_id.to_bytes(8, "big")


@dataclass(frozen=True)
class Finding:
    """One problem found by :func:`verify`."""

    kind: str
    """``altered``, ``deleted``, ``inserted``, ``reordered``, ``broken_chain`` or ``truncated``."""
    originator_id: UUID | None
    version: int | None
    notification_id: int | None
    detail: str


@dataclass
class VerifyReport:
    """What a verification found."""

    records: int = 0
    chained: int = 0
    head: str = ""
    """The recomputed head hash (hex): anchor it outside the store."""
    findings: list[Finding] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        """Whether nothing was found."""
        return not self.findings


def _events(recorder: ChainedRecorder, page: int) -> Iterator[Notification]:
    start = 1
    while True:
        batch = recorder.select_notifications(start=start, limit=page)
        if not batch:
            return
        yield from batch
        start = batch[-1].id + 1


def _uuid(value: str | UUID) -> UUID | None:
    try:
        return value if isinstance(value, UUID) else UUID(str(value))
    except ValueError:
        return None


def verify(
    recorder: object,
    *,
    page: int = 2000,
    on_progress: Callable[[int, int], None] | None = None,
) -> VerifyReport:
    """Re-read every stored event and chain row, in pages, and report what does not match.

    Memory holds one page of each plus the last hash of every aggregate.
    """
    if not isinstance(recorder, ChainedRecorder):
        raise TypeError("only SQLite and PostgreSQL stores opened by certflow are chained")
    with cyclic_gc_paused():
        return _verify(recorder, page, on_progress)


def _verify(
    recorder: ChainedRecorder,
    page: int,
    on_progress: Callable[[int, int], None] | None,
) -> VerifyReport:
    report = VerifyReport()
    total = recorder.max_notification_id() or 0
    last: dict[str, tuple[int, bytes]] = {}
    head = ZERO
    found = report.findings

    def add(
        kind: str, oid: str | UUID | None, version: int | None, nid: int | None, detail: str
    ) -> None:
        found.append(Finding(kind, _uuid(oid) if oid is not None else None, version, nid, detail))

    def follow(row: ChainRow) -> None:
        nonlocal head
        expected = link(head, nid_bytes(row.notification_id), row.aggregate_hash)
        if expected != row.chain_hash:
            add(
                "broken_chain",
                row.originator_id,
                row.version,
                row.notification_id,
                "the store-wide chain breaks here: records before it were removed or inserted",
            )
        head = row.chain_hash
        last[row.originator_id] = (row.version, row.aggregate_hash)
        report.chained += 1

    events, rows = _events(recorder, page), recorder.chain_rows(page)
    event, row = next(events, None), next(rows, None)
    while event is not None or row is not None:
        if row is None or (event is not None and event.id < row.notification_id):
            assert event is not None
            add(
                "inserted",
                event.originator_id,
                event.originator_version,
                event.id,
                "a stored event with no chain row: it was added behind certflow's back",
            )
            report.records += 1
            event = next(events, None)
        elif event is None or row.notification_id < event.id:
            add(
                "deleted",
                row.originator_id,
                row.version,
                row.notification_id,
                "a chained event is missing from the events table",
            )
            follow(row)
            row = next(rows, None)
        else:
            oid = str(event.originator_id)
            report.records += 1
            if (oid, event.originator_version) != (row.originator_id, row.version):
                add(
                    "reordered",
                    event.originator_id,
                    event.originator_version,
                    event.id,
                    f"the chain expects {row.originator_id} v{row.version} at this position",
                )
            else:
                version, previous = last.get(oid, (0, ZERO))
                if event.originator_version != version + 1:
                    add(
                        "deleted",
                        oid,
                        version + 1,
                        None,
                        f"versions {version + 1} to {event.originator_version - 1} are missing",
                    )
                record = record_hash(oid, event.originator_version, event.topic, event.state)
                if link(previous, record) != row.aggregate_hash:
                    add(
                        "altered",
                        oid,
                        event.originator_version,
                        event.id,
                        "the stored bytes, type or position of this event changed",
                    )
            follow(row)
            if on_progress is not None and report.records % page == 0:
                on_progress(event.id, total)
            event, row = next(events, None), next(rows, None)
    mark = recorder.checkpoint()
    if mark is not None and (mark.events != report.chained or mark.head != head):
        add(
            "truncated",
            None,
            None,
            mark.last_notification_id,
            f"the checkpoint records {mark.events} events up to notification "
            f"{mark.last_notification_id}; {report.chained} chained events remain",
        )
    elif mark is None and report.chained:
        add("truncated", None, None, None, "the checkpoint is missing")
    if on_progress is not None:
        on_progress(total, total)
    report.head = head.hex()
    return report
