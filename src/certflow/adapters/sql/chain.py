"""The hash chain's SQL, shared by the SQLite and PostgreSQL recorders.

:class:`Chainer` appends the chain rows of freshly inserted events inside the inserting
transaction; :class:`ChainReads` reads them back for :func:`certflow.application.chain.verify`.
The hashing itself is the application's (:mod:`certflow.application.chain`).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import suppress
from typing import Any

from eventsourcing.persistence import StoredEvent

from certflow.adapters.sql.reading import OneStatementReads
from certflow.application.chain import ZERO, link, nid_bytes, record_hash
from certflow.application.view_rows import ChainRow, Checkpoint

__all__ = ["ASK_AHEAD_FOR", "CHAIN", "CHECKPOINT", "ChainReads", "Chainer", "RemembersTips"]

CHAIN = "certflow_chain"
CHECKPOINT = "certflow_checkpoint"
_CHUNK = 500
"""Rows per chain statement (5 parameters each, well within SQLite's limit of 32,766)."""
ASK_AHEAD_FOR = 16
"""After a transaction that had to read the chain's tips, how many more send that read ahead."""
_CACHED_HASHES = 10_000
_CACHED_LEAVES = 50_000
"""Record hashes kept for the next signed checkpoint (about 80 bytes each)."""


class Chainer:
    """Appends chain rows for freshly inserted events, inside the inserting transaction."""

    def __init__(
        self,
        mark: str,
        chain: str,
        checkpoint: str,
        *,
        one_write: bool = False,
        through: str | None = None,
    ) -> None:
        self.mark, self.chain, self.checkpoint = mark, chain, checkpoint
        self.one_write = one_write
        """Write chain rows and checkpoint in one statement (PostgreSQL: a data-modifying CTE),
        to save a round trip per transaction."""
        self.through = through
        """The events table whose row id is the notification id (SQLite), when the chain has
        no index of its own on (originator id, version): a chain row is then found by its
        event's key (the events' primary key) and the row id. ``None``: by the chain's own
        unique index (PostgreSQL)."""
        # What this process last committed: (last notification id, head, count), and recent
        # aggregate hashes by (originator id, version). Chain rows never change once written,
        # and when the new ids follow the cached last id directly, no other writer committed
        # in between, so the read of the tips can be skipped. Only committed values are kept.
        self._lock = threading.Lock()
        self._tip: tuple[int, bytes, int] | None = None
        self._hashes: OrderedDict[tuple[str, int], bytes] = OrderedDict()
        self._pending = threading.local()
        self.keeping = False
        """Keep the record hashes of committed events for the next signed checkpoint."""
        self._leaves: list[tuple[int, bytes]] = []
        self._leaves_after = 0
        """``_leaves`` holds the record hash of every stored event with a notification id above
        ``_leaves_after``, up to its last entry, in order (only this process's commits)."""
        self.reads = 0
        """Transactions that had to read the tips (the rest used what this process committed)."""
        self.sent_ahead = 0
        """Of :attr:`reads`, those answered with the insert (:meth:`ask`): no round trip of
        their own under the store's write lock."""
        self._asked = threading.local()
        self._asking = 0
        """Transactions still to ask ahead (:meth:`ask`): set to :data:`ASK_AHEAD_FOR` when one
        had to read the tips (another writer committed in between, so more probably will),
        counted down by those that had not."""
        m = mark
        self._upsert = (
            f"INSERT INTO {checkpoint} (id, last_notification_id, head, count) "
            f"VALUES (1, {m}, {m}, {m}) ON CONFLICT (id) DO UPDATE SET "
            "last_notification_id = excluded.last_notification_id, head = excluded.head, "
            "count = excluded.count"
        )
        """The checkpoint's move (written once: every transaction sends it)."""
        self._inserts: dict[int, str] = {}
        """The chain's insert statement by its number of rows."""

    def committed(self) -> None:
        """The inserting transaction committed: remember its tips for the next one."""
        pending = getattr(self._pending, "value", None)
        self._pending.value = None
        if pending is None:
            return
        tip, hashes, records = pending
        with self._lock:
            if self._tip is None or tip[0] > self._tip[0]:
                self._tip = tip
            self._hashes.update(hashes)
            while len(self._hashes) > _CACHED_HASHES:
                self._hashes.popitem(last=False)
            if not self.keeping:
                return
            # Ids are handed out under the store's write lock, so a transaction's events are
            # the only ones in (its first id - 1, its last id]: adjacent ids leave no gap.
            first, leaves = records[0][0], self._leaves
            end = leaves[-1][0] if leaves else self._leaves_after
            if end + 1 != first or len(leaves) >= _CACHED_LEAVES:
                self._leaves, self._leaves_after = [], first - 1
            self._leaves.extend(records)

    def forget(self, upto: int) -> None:
        """Drop the kept record hashes up to notification ``upto`` (a checkpoint covers them)."""
        with self._lock:
            if upto > self._leaves_after:
                self._leaves = [leaf for leaf in self._leaves if leaf[0] > upto]
                self._leaves_after = upto

    def recent_records(self, after: int, last: int) -> list[tuple[int, bytes]] | None:
        """(notification id, record hash) of every event in ``(after, last]``.

        ``None`` when this process did not write all of them (read them from the store then).
        """
        with self._lock:
            leaves = self._leaves
            if not leaves or after < self._leaves_after or leaves[-1][0] != last:
                return None
            return [leaf for leaf in leaves if leaf[0] > after]

    def discarded(self) -> None:
        """The inserting transaction failed: forget what it computed (and what it asked)."""
        self._pending.value = None
        with suppress(Exception):  # the transaction's own error is the one to raise
            self.discard_answer()

    def ask(self, connection: Any, events: Sequence[StoredEvent]) -> None:
        """Send the read of the tips ahead, in the insert's pipeline (PostgreSQL).

        Called under the store's write lock and before the insert, on a cursor of its own:
        the tips come back with the insert's answer, and an insert that fails (a lost race)
        is still the transaction's first error, the conflict a writer retries. Only while
        transactions have had to read them lately (another writer is active); a lone writer
        knows its tips and sends nothing more.
        """
        self._asked.value = None
        if not self._asking or not events:
            return
        wanted = self._wanted([str(event.originator_id) for event in events], events)
        if len(wanted) > _CHUNK:
            return  # a bulk write reads its tips in chunks, after the insert
        cursor = connection.cursor()
        cursor.execute(*self._tips_sql(wanted))
        self._asked.value = (cursor, wanted)

    def _answer(self, wanted: list[tuple[str, int]]) -> tuple[bytes, int, dict[str, bytes]] | None:
        """The tips :meth:`ask` sent for, if it sent for these."""
        asked = self._take_asked()
        if asked is None:
            return None
        cursor, sent = asked
        try:
            if sent != wanted:
                return None
            previous: dict[str, bytes] = {}
            head, count = self._read_tips(cursor.fetchall(), ZERO, 0, previous)
        finally:
            cursor.close()
        self.reads += 1
        self.sent_ahead += 1
        return head, count, previous

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

    def _wanted(self, oids: Sequence[str], events: Sequence[StoredEvent]) -> list[tuple[str, int]]:
        """(originator id, previous version) of each aggregate ``events`` extend.

        ``oids``: each event's originator id as text.
        """
        first: dict[str, int] = {}
        for oid, event in zip(oids, events, strict=True):
            first.setdefault(oid, event.originator_version)
        return [(oid, version - 1) for oid, version in first.items() if version > 1]

    def _tips_sql(self, chunk: list[tuple[str, int]]) -> tuple[str, list[Any]]:
        m = self.mark
        sql = (
            f"SELECT 'checkpoint' AS kind, '' AS oid, head AS hash, count AS n "
            f"FROM {self.checkpoint} WHERE id = 1"
        )
        if not chunk:
            return sql, []
        if self.through is None:
            pairs = ", ".join([f"({m}, {m})"] * len(chunk))
            sql += (
                " UNION ALL SELECT 'aggregate', originator_id, aggregate_hash, "
                f"originator_version FROM {self.chain} "
                f"WHERE (originator_id, originator_version) IN ({pairs})"
            )
            return sql, [value for pair in chunk for value in pair]
        # SQLite: the events' key (the id as 32 hex digits) gives the row id, the chain's key.
        # Each pair is its own equality: SQLite searches the key once per pair ("MULTI-INDEX
        # OR"), where a row-value IN list of two or more pairs scans the whole table.
        wanted = " OR ".join(
            [f"(e.originator_id = {m} AND e.originator_version = {m})"] * len(chunk)
        )
        sql += (
            " UNION ALL SELECT 'aggregate', c.originator_id, c.aggregate_hash, "
            f"c.originator_version FROM {self.through} e JOIN {self.chain} c "
            f"ON c.notification_id = e.rowid WHERE {wanted}"
        )
        return sql, [value for oid, version in chunk for value in (_hex(oid), version)]

    @staticmethod
    def _read_tips(
        rows: Sequence[Any], head: bytes, count: int, previous: dict[str, bytes]
    ) -> tuple[bytes, int]:
        for row in rows:
            if row["kind"] == "checkpoint":
                head, count = bytes(row["hash"]), int(row["n"])
            else:
                previous[str(row["oid"])] = bytes(row["hash"])
        return head, count

    def _tips(
        self, cursor: Any, wanted: list[tuple[str, int]]
    ) -> tuple[bytes, int, dict[str, bytes]]:
        """The checkpoint's head and count, and the aggregate hash of each wanted record.

        One read per 500 wanted (originator id, version) pairs.
        """
        self.reads += 1
        head, count, previous = ZERO, 0, dict[str, bytes]()
        for start in range(0, max(len(wanted), 1), _CHUNK):
            cursor.execute(*self._tips_sql(wanted[start : start + _CHUNK]))
            head, count = self._read_tips(cursor.fetchall(), head, count, previous)
        return head, count, previous

    def extend(
        self,
        cursor: Any,
        events: Sequence[StoredEvent],
        ids: Sequence[int],
    ) -> None:
        """Add the chain rows of ``events`` (stored under ``ids``) and move the checkpoint."""
        oids = [str(event.originator_id) for event in events]
        wanted = self._wanted(oids, events)
        cached = self._cached(ids[0], wanted)
        self._asking = ASK_AHEAD_FOR if cached is None else max(self._asking - 1, 0)
        if cached is not None:
            self.discard_answer()
            head, count, batch = cached
        else:
            head, count, batch = self._answer(wanted) or self._tips(cursor, wanted)
        rows: list[tuple[Any, ...]] = []
        records: list[tuple[int, bytes]] = []
        for oid, event, nid in zip(oids, events, ids, strict=True):
            record = record_hash(oid, event.originator_version, event.topic, event.state)
            records.append((nid, record))
            aggregate = link(batch.get(oid, ZERO), record)
            head = link(head, nid_bytes(nid), aggregate)
            batch[oid] = aggregate
            count += 1
            rows.append((nid, oid, event.originator_version, aggregate, head))
        upsert = self._upsert
        moved = (ids[-1], head, count)
        hashes = {(r[1], r[2]): r[3] for r in rows}
        self._pending.value = (moved, hashes, records)
        chunks = [rows[start : start + _CHUNK] for start in range(0, len(rows), _CHUNK)]
        inserts = [(self._insert(len(chunk)), [v for r in chunk for v in r]) for chunk in chunks]
        if self.one_write and len(inserts) == 1:
            sql, params = inserts[0]
            cursor.execute(f"WITH moved AS ({upsert} RETURNING id) {sql}", (*moved, *params))
            return
        for sql, params in inserts:
            cursor.execute(sql, params)
        cursor.execute(upsert, moved)

    def discard_answer(self) -> None:
        """Drop what :meth:`ask` sent for, unread (this process's own tips were enough)."""
        asked = self._take_asked()
        if asked is not None:
            asked[0].close()

    def _take_asked(self) -> tuple[Any, list[tuple[str, int]]] | None:
        """What this thread's :meth:`ask` sent for (a cursor and the pairs), no longer kept."""
        asked: tuple[Any, list[tuple[str, int]]] | None = getattr(self._asked, "value", None)
        self._asked.value = None
        return asked

    def _insert(self, rows: int) -> str:
        known = self._inserts.get(rows)
        if known is None:
            m = self.mark
            values = ", ".join([f"({m}, {m}, {m}, {m}, {m})"] * rows)
            known = self._inserts[rows] = (
                f"INSERT INTO {self.chain} (notification_id, originator_id, originator_version, "
                f"aggregate_hash, chain_hash) VALUES {values}"
            )
        return known

    def create_statements(self, blob: str, key: str = "BIGINT") -> list[str]:
        """The DDL of the chain and checkpoint tables.

        ``blob``: the binary column type; ``key``: the notification id's type (SQLite's
        ``INTEGER``, whose primary key is the table's own row id: one B-tree fewer to write
        for each event, and the events' row id joins it directly). A chain read
        :attr:`through` the events table has no (originator id, version) index of its own:
        the events' primary key finds the same rows, and each event spares an insert at a
        random place in a second index of the whole store.
        """
        unique = "" if self.through else ", UNIQUE (originator_id, originator_version)"
        return [
            f"CREATE TABLE IF NOT EXISTS {self.chain} (notification_id {key} PRIMARY KEY, "
            f"originator_id TEXT NOT NULL, originator_version BIGINT NOT NULL, "
            f"aggregate_hash {blob} NOT NULL, chain_hash {blob} NOT NULL{unique})",
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


def _hex(oid: str) -> str:
    """A chain's originator id (``str(UUID)``) as eventsourcing's SQLite events hold it."""
    return oid.replace("-", "")


_NO_END = 9_223_372_036_854_775_807
"""The largest BIGINT: no upper bound."""


class ChainReads(OneStatementReads):
    """Mixed into a chained recorder: the chain rows and checkpoint, for verification."""

    chainer: Chainer
    joined_from: tuple[str, str, str]
    """The events table, its notification-id column and an SQL expression giving each
    originator id as text the way the chain holds it (set by the recorder)."""

    def _tuples(self, cursor: Any) -> None:
        """Make ``cursor`` return rows indexable by position (SQLite's already are)."""

    def chained_events(self, page: int) -> Iterator[Sequence[Sequence[Any]]]:
        """Every stored event joined with its chain row, in notification order, in pages.

        One query per page joins the two tables: each row is ``(notification id, originator
        id, version, topic, state, chain's originator id, chain's version, aggregate hash, chain
        hash)``; an event with no chain row has ``None`` in the last four. A count of the
        page's chain rows shows whether a chain row lost its event; only then are those read
        (``None`` in the four after the notification id).
        """
        events, nid, oid = self.joined_from
        mark, chain = self.chainer.mark, self.chainer.chain
        joined = (
            f"SELECT e.{nid}, {oid}, e.originator_version, e.topic, e.state, c.originator_id, "
            "c.originator_version, c.aggregate_hash, c.chain_hash "
            f"FROM {events} e LEFT JOIN {chain} c ON c.notification_id = e.{nid} "
            f"AND c.notification_id > {mark} "
            f"WHERE e.{nid} > {mark} ORDER BY e.{nid} LIMIT {mark}"
        )
        # The chain's bound in the join too: without it PostgreSQL's merge join scans the chain
        # index from its first row on every page (quadratic in the store's size).
        within = f"notification_id > {mark} AND notification_id <= {mark}"
        count = f"SELECT COUNT(*) FROM {chain} WHERE {within}"
        lost = (
            "SELECT notification_id, NULL, NULL, NULL, NULL, originator_id, originator_version, "
            f"aggregate_hash, chain_hash FROM {chain} c WHERE {within} AND NOT EXISTS "
            f"(SELECT 1 FROM {events} e WHERE e.{nid} = c.notification_id) "
            f"ORDER BY notification_id LIMIT {mark}"
        )
        start = 0
        while True:
            with self.datastore.transaction(commit=False) as cursor:
                self._tuples(cursor)
                cursor.execute(joined, (start, start, page))
                rows = cursor.fetchall()
                end = int(rows[-1][0]) if len(rows) == page else _NO_END
                cursor.execute(count, (start, end))
                chained = int(cursor.fetchone()[0])
                if chained != sum(1 for row in rows if row[5] is not None):
                    cursor.execute(lost, (start, end, page))
                    orphans = cursor.fetchall()
                    if len(orphans) == page:
                        end = int(orphans[-1][0])
                        rows = [row for row in rows if row[0] <= end]
                    rows = sorted([*rows, *orphans], key=lambda row: int(row[0]))
            if not rows:
                return
            yield rows
            start = int(rows[-1][0])

    def chain_before(self, originator_id: str, notification_id: int) -> tuple[int, bytes] | None:
        """``originator_id``'s last chain row before ``notification_id``: (version, hash).

        Through the events table (SQLite): the chain row of its last event stored before
        ``notification_id``; a chain row whose event is gone is then not found here (verify
        reports the missing event where the chain row stands).
        """
        with self._reading() as cursor:
            self._tuples(cursor)
            cursor.execute(*self._before_sql(originator_id, notification_id))
            row = cursor.fetchone()
        return None if row is None else (int(row[0]), bytes(row[1]))

    def _before_sql(self, originator_id: str, notification_id: int) -> tuple[str, tuple[Any, ...]]:
        """The statement and parameters of :meth:`chain_before`."""
        mark, chain, through = self.chainer.mark, self.chainer.chain, self.chainer.through
        if through is None:
            return (
                f"SELECT originator_version, aggregate_hash FROM {chain} "
                f"WHERE originator_id = {mark} AND notification_id < {mark} "
                "ORDER BY notification_id DESC LIMIT 1"
            ), (originator_id, notification_id)
        return (
            f"SELECT c.originator_version, c.aggregate_hash FROM {through} e "
            f"JOIN {chain} c ON c.notification_id = e.rowid "
            f"WHERE e.originator_id = {mark} AND e.rowid < {mark} "
            "ORDER BY e.originator_version DESC LIMIT 1"
        ), (_hex(originator_id), notification_id)

    def chain_rows(self, page: int) -> Iterator[ChainRow]:
        """Every chain row in notification order, read ``page`` rows at a time."""
        mark, start = self.chainer.mark, -1
        while True:
            with self._reading() as cursor:
                cursor.execute(
                    f"SELECT notification_id, originator_id, originator_version, aggregate_hash, "
                    f"chain_hash FROM {self.chainer.chain} WHERE notification_id > {mark} "
                    f"ORDER BY notification_id LIMIT {mark}",
                    (start, page),
                )
                rows = cursor.fetchall()
            if not rows:
                return
            for r in rows:
                yield ChainRow(
                    int(r["notification_id"]),
                    str(r["originator_id"]),
                    int(r["originator_version"]),
                    bytes(r["aggregate_hash"]),
                    bytes(r["chain_hash"]),
                )
            start = int(rows[-1]["notification_id"])

    def checkpoint(self) -> Checkpoint | None:
        """The recorded head of the chain, or ``None`` when none was recorded."""
        with self._reading() as cursor:
            cursor.execute(
                "SELECT last_notification_id, head, count "
                f"FROM {self.chainer.checkpoint} WHERE id = 1"
            )
            row = cursor.fetchone()
        if row is None:
            return None
        return Checkpoint(int(row["last_notification_id"]), bytes(row["head"]), int(row["count"]))
