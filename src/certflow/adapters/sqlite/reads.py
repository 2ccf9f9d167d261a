"""A record's events read from SQLite in one statement, without a transaction around it.

eventsourcing reads a record's events inside ``BEGIN`` ... ``ROLLBACK`` (three statements and
three context managers around one ``SELECT``). eventsourcing's connections are in autocommit
mode, where SQLite runs a lone ``SELECT`` in its own read transaction: every row comes from the
one snapshot of the database taken when the statement starts, which is what the explicit
transaction gave. The connection is still taken from eventsourcing's pool as a reader (its
locks, and an in-memory database's reader/writer exclusion, unchanged), errors are raised as
eventsourcing's, and the rows are the same ``StoredEvent``; the record's id is the one asked
for (the statement selects only its rows) instead of a UUID parsed again from each row.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from typing import Any
from uuid import UUID

from eventsourcing import persistence as es
from eventsourcing.persistence import StoredEvent
from eventsourcing.sqlite import SQLiteAggregateRecorder, SQLiteDatastore

__all__ = ["LoneReads", "LoneSQLiteAggregateRecorder", "translated"]

_ERRORS: tuple[tuple[type[sqlite3.Error], type[es.PersistenceError]], ...] = (
    (sqlite3.InterfaceError, es.InterfaceError),
    (sqlite3.DataError, es.DataError),
    (sqlite3.OperationalError, es.OperationalError),
    (sqlite3.IntegrityError, es.IntegrityError),
    (sqlite3.InternalError, es.InternalError),
    (sqlite3.ProgrammingError, es.ProgrammingError),
    (sqlite3.NotSupportedError, es.NotSupportedError),
    (sqlite3.DatabaseError, es.DatabaseError),
)


def translated(error: sqlite3.Error) -> es.PersistenceError:
    """``error`` as eventsourcing's SQLite transaction raises it."""
    for theirs, ours in _ERRORS:
        if isinstance(error, theirs):
            return ours(error)
    return es.PersistenceError(error)


class LoneReads:
    """Mixed into eventsourcing's SQLite application recorder: single-statement reads."""

    datastore: SQLiteDatastore
    events_table_name: str
    select_events_statement: str
    convert_originator_id: Callable[[str], UUID | str]

    def _rows(self, statement: str, params: Sequence[Any]) -> list[Any]:
        pool = self.datastore.pool
        conn = pool.get_connection(is_writer=False)
        try:
            cursor = conn.cursor().sqlite_cursor
            try:
                cursor.execute(statement, params)
                return cursor.fetchall()
            except sqlite3.Error as error:
                raise translated(error) from error
            finally:
                cursor.close()
        finally:
            pool.put_connection(conn)

    def select_events(
        self,
        originator_id: UUID | str,
        *,
        gt: int | None = None,
        lte: int | None = None,
        desc: bool = False,
        limit: int | None = None,
    ) -> Sequence[StoredEvent]:
        """Eventsourcing's ``select_events``: the same statement, sent on its own."""
        statement = self.select_events_statement
        uuid = isinstance(originator_id, UUID)
        params: list[Any] = [
            originator_id.hex if isinstance(originator_id, UUID) else originator_id
        ]
        if gt is not None:
            statement += "AND originator_version>? "
            params.append(gt)
        if lte is not None:
            statement += "AND originator_version<=? "
            params.append(lte)
        statement += "ORDER BY originator_version " + ("DESC " if desc else "ASC ")
        if limit is not None:
            statement += "LIMIT ? "
            params.append(limit)
        rows = self._rows(statement, params)
        if not uuid or self.datastore.originator_id_type != "uuid":
            convert = self.convert_originator_id
            return [StoredEvent(convert(row[0]), row[1], row[2], row[3]) for row in rows]
        return [StoredEvent(originator_id, row[1], row[2], row[3]) for row in rows]

    def select_events_after(self, after: Sequence[tuple[UUID, int]]) -> Sequence[StoredEvent]:
        """The events of several records after given versions, in one statement."""
        wanted = " OR ".join(["(originator_id=? AND originator_version>?)"] * len(after))
        statement = (
            f"SELECT originator_id, originator_version, topic, state FROM {self.events_table_name} "
            f"WHERE {wanted} ORDER BY originator_id, originator_version"
        )
        ids = {oid.hex: oid for oid, _ in after}
        params = [v for oid, version in after for v in (oid.hex, version)]
        return [
            StoredEvent(ids[row[0]], row[1], row[2], row[3])
            for row in self._rows(statement, params)
        ]


class LoneSQLiteAggregateRecorder(LoneReads, SQLiteAggregateRecorder):
    """eventsourcing's SQLite aggregate recorder (the snapshots' table), read the same way.

    A past state from a snapshot reads the snapshot in one statement, as a record's events are.
    """
