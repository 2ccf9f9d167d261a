"""The SQLite recorders: events with their hash chain, and the read models' tables."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import StoredEvent
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteDatastore, SQLiteTrackingRecorder

from certflow.adapters.sql.chain import CHAIN, CHECKPOINT, Chainer, ChainReads, RemembersTips
from certflow.adapters.sql.checkpoint_log import CheckpointLog, checkpoint_log_statements
from certflow.adapters.sql.views import TABLES, SqlViews
from certflow.adapters.sqlite.reads import LoneReads

__all__ = ["ChainedSQLiteApplicationRecorder", "SQLiteViewStore"]

BULK_EVENTS = 200
"""Events in one transaction from which SQLite's automatic checkpoint is postponed."""
BULK_CHECKPOINT = 10_000
"""Pages the log may hold during bulk writes before SQLite copies it into the file."""


class ChainedSQLiteApplicationRecorder(
    CheckpointLog, ChainReads, RemembersTips, LoneReads, SQLiteApplicationRecorder
):
    """eventsourcing's SQLite recorder, plus a chain row for every event, same transaction.

    A record's events are read in one statement without ``BEGIN``/``ROLLBACK`` around it
    (:class:`.LoneReads`), also several records' at once (``select_events_after``).
    """

    def __init__(self, datastore: Any, events_table_name: str = "stored_events") -> None:
        self.chainer = Chainer("?", CHAIN, CHECKPOINT, through=events_table_name)
        self.log_prefix, self.log_mark = "", "?"
        super().__init__(datastore, events_table_name)
        self.joined_from = (events_table_name, "rowid", "e.originator_id")
        self._postponed: dict[int, int] = {}
        """Connections (by id) whose automatic checkpoint a bulk write postponed: the
        interval they had before."""

    def construct_create_table_statements(self) -> list[str]:
        """The events table, then the chain tables."""
        return [
            *super().construct_create_table_statements(),
            *self.chainer.create_statements("BLOB", "INTEGER"),
            *checkpoint_log_statements("", "BLOB"),
        ]

    def _insert_events(self, c: Any, stored_events: Sequence[StoredEvent], **kwargs: Any) -> Any:
        self._pace_checkpoints(c, len(stored_events))
        ids = super()._insert_events(c, stored_events, **kwargs)
        if stored_events:
            assert ids is not None
            self.chainer.extend(c, stored_events, ids)
        return ids

    def _pace_checkpoints(self, c: Any, events: int) -> None:
        """Postpone SQLite's automatic checkpoint while bulk writes go on; restore it after.

        In WAL mode SQLite copies the log into the file once the log holds 1,000 pages (its
        default), at the commit that crosses that. A bulk intake's transaction writes several
        hundred pages, many of them the same index pages again, so the copy ran every batch
        or two and grew with the store. A transaction of :data:`BULK_EVENTS` events or more
        lets the log grow to :data:`BULK_CHECKPOINT` pages first; the next ordinary
        transaction on that connection puts its interval back (and its commit copies the log).
        Ordinary commands keep the default: with a long log they run slower
        (docs/performance.md, "Issue 18, 2 December, third pass"). Durability is unchanged:
        every commit still syncs the log.
        """
        sqlite = c.sqlite_cursor
        key = id(sqlite.connection)
        if events >= BULK_EVENTS:
            if key not in self._postponed:
                sqlite.execute("PRAGMA wal_autocheckpoint")
                self._postponed[key] = int(sqlite.fetchone()[0])
                sqlite.execute(f"PRAGMA wal_autocheckpoint = {BULK_CHECKPOINT}")
        elif key in self._postponed:
            before = self._postponed.pop(key)
            sqlite.execute(f"PRAGMA wal_autocheckpoint = {before}")


class SQLiteViewStore(SqlViews, SQLiteTrackingRecorder):
    """The views in the SQLite file of the event store, or in a private in-memory database."""

    def __init__(
        self, datastore: SQLiteDatastore, *, private: bool = False, events_table: str | None = None
    ) -> None:
        super().__init__(datastore)
        self._prefix = ""
        self._mark = "?"
        self._tracking = "tracking"
        if events_table is not None:  # the event log's head, read with the positions
            self._head = f"SELECT MAX(rowid) FROM {events_table}"
        self._private = private
        """The datastore is this store's own (closed with it)."""

    def construct_create_table_statements(self) -> list[str]:
        """Eventsourcing's tracking table, then the views' tables."""
        return [*super().construct_create_table_statements(), *(t.format(p="") for t in TABLES)]

    def close(self) -> None:
        """Close a private datastore; the event store's own is closed by the application."""
        if self._private:
            self.datastore.close()
