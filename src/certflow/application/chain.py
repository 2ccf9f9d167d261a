"""Tamper evidence: every stored event bound into a hash chain, and a verifier that streams.

Each stored record gets a row in ``certflow_chain``, written in the same transaction as the
event by a subclass of eventsourcing's own application recorder (SQLite or PostgreSQL):

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
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple
from uuid import UUID

from eventsourcing.persistence import Notification, StoredEvent
from eventsourcing.sqlite import SQLiteApplicationRecorder

from certflow.application.bulk import cyclic_gc_paused

__all__ = [
    "ChainedSQLiteApplicationRecorder",
    "Chainer",
    "Finding",
    "RemembersTips",
    "VerifyReport",
    "verify",
]

ZERO = bytes(32)
CHAIN = "certflow_chain"
CHECKPOINT = "certflow_checkpoint"
_CHUNK = 500
_CACHED_HASHES = 10_000
"""Rows per chain statement (5 parameters each, well within SQLite's limit of 32,766)."""


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


def _nid(notification_id: int) -> bytes:
    return notification_id.to_bytes(8, "big")


class Chainer:
    """Appends chain rows for freshly inserted events, inside the inserting transaction."""

    def __init__(self, mark: str, chain: str, checkpoint: str, *, one_write: bool = False) -> None:
        self.mark, self.chain, self.checkpoint = mark, chain, checkpoint
        self.one_write = one_write
        """Write chain rows and checkpoint in one statement (PostgreSQL: a data-modifying CTE),
        to save a round trip per transaction."""
        # What this process last committed: (last notification id, head, count), and recent
        # aggregate hashes by (originator id, version). Chain rows never change once written,
        # and when the new ids follow the cached last id directly, no other writer committed
        # in between, so the read of the tips can be skipped. Only committed values are kept.
        self._lock = threading.Lock()
        self._tip: tuple[int, bytes, int] | None = None
        self._hashes: OrderedDict[tuple[str, int], bytes] = OrderedDict()
        self._pending = threading.local()
        self.reads = 0
        """Transactions that had to read the tips (the rest used what this process committed)."""

    def committed(self) -> None:
        """The inserting transaction committed: remember its tips for the next one."""
        pending = getattr(self._pending, "value", None)
        self._pending.value = None
        if pending is None:
            return
        tip, hashes = pending
        with self._lock:
            if self._tip is None or tip[0] > self._tip[0]:
                self._tip = tip
            self._hashes.update(hashes)
            while len(self._hashes) > _CACHED_HASHES:
                self._hashes.popitem(last=False)

    def discarded(self) -> None:
        """The inserting transaction failed: forget what it computed."""
        self._pending.value = None

    def _cached(
        self, first_id: int, wanted: list[tuple[str, int]]
    ) -> tuple[bytes, int, dict[str, bytes]] | None:
        with self._lock:
            tip = self._tip
            if tip is None or tip[0] + 1 != first_id:
                return None
            try:
                previous = {oid: self._hashes[(oid, version)] for oid, version in wanted}
            except KeyError:
                return None
            return tip[1], tip[2], previous

    def _tips(
        self, cursor: Any, wanted: list[tuple[str, int]]
    ) -> tuple[bytes, int, dict[str, bytes]]:
        """The checkpoint's head and count, and the aggregate hash of each wanted record.

        One read per 500 wanted (originator id, version) pairs.
        """
        m = self.mark
        self.reads += 1
        head, count, previous = ZERO, 0, {}
        for start in range(0, max(len(wanted), 1), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            sql = (
                f"SELECT 'checkpoint' AS kind, '' AS oid, head AS hash, count AS n "
                f"FROM {self.checkpoint} WHERE id = 1"
            )
            if chunk:
                pairs = ", ".join([f"({m}, {m})"] * len(chunk))
                sql += (
                    " UNION ALL SELECT 'aggregate', originator_id, aggregate_hash, "
                    f"originator_version FROM {self.chain} "
                    f"WHERE (originator_id, originator_version) IN ({pairs})"
                )
            cursor.execute(sql, [value for pair in chunk for value in pair])
            for row in cursor.fetchall():
                if row["kind"] == "checkpoint":
                    head, count = bytes(row["hash"]), int(row["n"])
                else:
                    previous[str(row["oid"])] = bytes(row["hash"])
        return head, count, previous

    def extend(self, cursor: Any, events: Sequence[StoredEvent], ids: Sequence[int]) -> None:
        """Add the chain rows of ``events`` (stored under ``ids``) and move the checkpoint."""
        m = self.mark
        first: dict[str, int] = {}
        for event in events:
            first.setdefault(str(event.originator_id), event.originator_version)
        wanted = [(oid, version - 1) for oid, version in first.items() if version > 1]
        head, count, batch = self._cached(ids[0], wanted) or self._tips(cursor, wanted)
        rows: list[tuple[Any, ...]] = []
        for event, nid in zip(events, ids, strict=True):
            oid = str(event.originator_id)
            record = record_hash(oid, event.originator_version, event.topic, event.state)
            aggregate = link(batch.get(oid, ZERO), record)
            head = link(head, _nid(nid), aggregate)
            batch[oid] = aggregate
            count += 1
            rows.append((nid, oid, event.originator_version, aggregate, head))
        upsert = (
            f"INSERT INTO {self.checkpoint} (id, last_notification_id, head, count) "
            f"VALUES (1, {m}, {m}, {m}) ON CONFLICT (id) DO UPDATE SET "
            "last_notification_id = excluded.last_notification_id, head = excluded.head, "
            "count = excluded.count"
        )
        moved = (ids[-1], head, count)
        self._pending.value = (moved, {(r[1], r[2]): r[3] for r in rows})
        chunks = [rows[start : start + _CHUNK] for start in range(0, len(rows), _CHUNK)]
        inserts = [(self._insert(len(chunk)), [v for r in chunk for v in r]) for chunk in chunks]
        if self.one_write and len(inserts) == 1:
            sql, params = inserts[0]
            cursor.execute(f"WITH moved AS ({upsert} RETURNING id) {sql}", (*moved, *params))
            return
        for sql, params in inserts:
            cursor.execute(sql, params)
        cursor.execute(upsert, moved)

    def _insert(self, rows: int) -> str:
        m = self.mark
        values = ", ".join([f"({m}, {m}, {m}, {m}, {m})"] * rows)
        return (
            f"INSERT INTO {self.chain} (notification_id, originator_id, originator_version, "
            f"aggregate_hash, chain_hash) VALUES {values}"
        )

    def create_statements(self, blob: str) -> list[str]:
        """The DDL of the chain and checkpoint tables (``blob``: the binary column type)."""
        return [
            f"CREATE TABLE IF NOT EXISTS {self.chain} (notification_id BIGINT PRIMARY KEY, "
            f"originator_id TEXT NOT NULL, originator_version BIGINT NOT NULL, "
            f"aggregate_hash {blob} NOT NULL, chain_hash {blob} NOT NULL, "
            "UNIQUE (originator_id, originator_version))",
            f"CREATE TABLE IF NOT EXISTS {self.checkpoint} (id INTEGER PRIMARY KEY "
            f"CHECK (id = 1), last_notification_id BIGINT NOT NULL, head {blob} NOT NULL, "
            "count BIGINT NOT NULL)",
        ]


class RemembersTips:
    """Mixed into a chained recorder: tell the chainer whether each insert committed."""

    chainer: Chainer

    def insert_events(self, stored_events: Sequence[StoredEvent], **kwargs: Any) -> Any:
        """Insert, then (only once committed) let the chainer remember the new tips."""
        try:
            ids = super().insert_events(stored_events, **kwargs)  # type: ignore[misc]
        except BaseException:
            self.chainer.discarded()
            raise
        self.chainer.committed()
        return ids


class ChainedSQLiteApplicationRecorder(RemembersTips, SQLiteApplicationRecorder):
    """eventsourcing's SQLite recorder, plus a chain row for every event, same transaction."""

    def __init__(self, datastore: Any, events_table_name: str = "stored_events") -> None:
        self.chainer = Chainer("?", CHAIN, CHECKPOINT)
        super().__init__(datastore, events_table_name)

    def construct_create_table_statements(self) -> list[str]:
        """The events table, then the chain tables."""
        return [
            *super().construct_create_table_statements(),
            *self.chainer.create_statements("BLOB"),
        ]

    def _insert_events(self, c: Any, stored_events: Sequence[StoredEvent], **kwargs: Any) -> Any:
        ids = super()._insert_events(c, stored_events, **kwargs)
        if stored_events:
            assert ids is not None
            self.chainer.extend(c, stored_events, ids)
        return ids


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


class _ChainRow(NamedTuple):
    notification_id: int
    originator_id: str
    version: int
    aggregate_hash: bytes
    chain_hash: bytes


def _chain_rows(recorder: Any, table: str, mark: str, page: int) -> Iterator[_ChainRow]:
    start = -1
    datastore = recorder.datastore
    while True:
        with datastore.transaction(commit=False) as cursor:
            cursor.execute(
                f"SELECT notification_id, originator_id, originator_version, aggregate_hash, "
                f"chain_hash FROM {table} WHERE notification_id > {mark} "
                f"ORDER BY notification_id LIMIT {mark}",
                (start, page),
            )
            rows = cursor.fetchall()
        if not rows:
            return
        for r in rows:
            yield _ChainRow(
                int(r["notification_id"]),
                str(r["originator_id"]),
                int(r["originator_version"]),
                bytes(r["aggregate_hash"]),
                bytes(r["chain_hash"]),
            )
        start = int(rows[-1]["notification_id"])


def _events(recorder: Any, page: int) -> Iterator[Notification]:
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
    recorder: Any,
    *,
    page: int = 2000,
    on_progress: Callable[[int, int], None] | None = None,
) -> VerifyReport:
    """Re-read every stored event and chain row, in pages, and report what does not match.

    Memory holds one page of each plus the last hash of every aggregate.
    """
    chainer = getattr(recorder, "chainer", None)
    if not isinstance(chainer, Chainer):
        raise TypeError("only SQLite and PostgreSQL stores opened by certflow are chained")
    with cyclic_gc_paused():
        return _verify(recorder, chainer, page, on_progress)


def _verify(
    recorder: Any,
    chainer: Chainer,
    page: int,
    on_progress: Callable[[int, int], None] | None,
) -> VerifyReport:
    mark, chain, checkpoint = chainer.mark, chainer.chain, chainer.checkpoint
    report = VerifyReport()
    total = recorder.max_notification_id() or 0
    last: dict[str, tuple[int, bytes]] = {}
    head = ZERO
    found = report.findings

    def add(
        kind: str, oid: str | UUID | None, version: int | None, nid: int | None, detail: str
    ) -> None:
        found.append(Finding(kind, _uuid(oid) if oid is not None else None, version, nid, detail))

    def follow(row: _ChainRow) -> None:
        nonlocal head
        expected = link(head, _nid(row.notification_id), row.aggregate_hash)
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

    events, rows = _events(recorder, page), _chain_rows(recorder, chain, mark, page)
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
    with recorder.datastore.transaction(commit=False) as cursor:
        cursor.execute(f"SELECT last_notification_id, head, count FROM {checkpoint} WHERE id = 1")
        mark_row = cursor.fetchone()
    if mark_row is not None and (
        int(mark_row["count"]) != report.chained or bytes(mark_row["head"]) != head
    ):
        add(
            "truncated",
            None,
            None,
            int(mark_row["last_notification_id"]),
            f"the checkpoint records {mark_row['count']} events up to notification "
            f"{mark_row['last_notification_id']}; {report.chained} chained events remain",
        )
    elif mark_row is None and report.chained:
        add("truncated", None, None, None, "the checkpoint is missing")
    if on_progress is not None:
        on_progress(total, total)
    report.head = head.hex()
    return report
