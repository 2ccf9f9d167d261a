"""eventsourcing's SQLite factory, with connections that keep their prepared statements.

eventsourcing opens its SQLite connections with ``cached_statements=True``, which ``sqlite3``
reads as a statement cache of one: every statement that differs from the one before it is
prepared again (parsed and planned by SQLite), and a command sends eight to ten different ones
(``BEGIN``, the select of a record's new events, the event insert, the chain row, the
checkpoint, ...). This factory's connections are opened exactly as eventsourcing opens them
(same URI, thread, autocommit, timeout, WAL and row settings) with a cache of
:data:`STATEMENT_CACHE` statements, so each distinct statement is prepared once per
connection. Nothing else changes: the pool, its locks and the statements themselves are
eventsourcing's.
"""

from __future__ import annotations

import sqlite3

from eventsourcing.persistence import InterfaceError
from eventsourcing.sqlite import (
    SQLITE3_DEFAULT_LOCK_TIMEOUT,
    SQLiteConnection,
    SQLiteConnectionPool,
    SQLiteFactory,
)
from eventsourcing.utils import Environment, EnvType

from certflow.adapters.sqlite.reads import LoneSQLiteAggregateRecorder

__all__ = ["STATEMENT_CACHE", "SQLiteStoreFactory", "StatementCachingPool"]

STATEMENT_CACHE = 128
"""Prepared statements a connection keeps (``sqlite3``'s own default)."""


class StatementCachingPool(SQLiteConnectionPool):
    """eventsourcing's SQLite pool, its connections keeping :data:`STATEMENT_CACHE` statements."""

    def _create_connection(self) -> SQLiteConnection:
        # eventsourcing.sqlite.SQLiteConnectionPool._create_connection, but for the cache size.
        try:
            c = sqlite3.connect(
                database=self.db_name,
                uri=True,
                check_same_thread=False,
                isolation_level=None,  # autocommit: eventsourcing sends BEGIN itself
                cached_statements=STATEMENT_CACHE,
                timeout=self.lock_timeout or SQLITE3_DEFAULT_LOCK_TIMEOUT,
            )
        except (sqlite3.Error, TypeError) as e:
            raise InterfaceError(e) from e
        if not self.is_sqlite_memory_mode and not self.is_journal_mode_wal:
            cursor = c.cursor()
            cursor.execute("PRAGMA journal_mode;")
            mode = cursor.fetchone()[0]
            if mode.lower() != "wal":
                cursor.execute("PRAGMA journal_mode=WAL;")
                self.journal_mode_was_changed_to_wal = True
            self.is_journal_mode_wal = True
        c.row_factory = sqlite3.Row
        return SQLiteConnection(sqlite_conn=c, max_age=self.max_age)


class SQLiteStoreFactory(SQLiteFactory):
    """eventsourcing's SQLite factory whose datastore pools :class:`StatementCachingPool`.

    Its aggregate recorders (the snapshots') read in one statement (:mod:`.reads`).
    """

    aggregate_recorder_class = LoneSQLiteAggregateRecorder

    def __init__(self, env: Environment | EnvType | None) -> None:
        super().__init__(env)
        old = self.datastore.pool
        # Made by SQLiteFactory.__init__ a moment ago: no connection has been opened yet.
        self.datastore.pool = StatementCachingPool(
            db_name=old.db_name,
            lock_timeout=old.lock_timeout,
            pool_size=old.pool_size,
            max_overflow=old.max_overflow,
            pool_timeout=old.pool_timeout,
            max_age=old.max_age,
            pre_ping=old.pre_ping,
        )
        old.close()
