"""The PostgreSQL recorders: events with their hash chain, and the read models' tables."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any, cast
from uuid import UUID

from eventsourcing.persistence import StoredEvent
from eventsourcing.postgres import (
    PostgresAggregateRecorder,
    PostgresApplicationRecorder,
    PostgresTrackingRecorder,
)
from psycopg.rows import tuple_row
from psycopg.sql import SQL, Identifier

from certflow.adapters.sql.chain import CHAIN, CHECKPOINT, Chainer, ChainReads, RemembersTips
from certflow.adapters.sql.checkpoint_log import CheckpointLog, checkpoint_log_statements
from certflow.adapters.sql.views import COLUMN_TYPES, TABLES, SqlViews

__all__ = ["ChainedPostgresApplicationRecorder", "PostgresViewStore"]


class ChainedPostgresApplicationRecorder(
    CheckpointLog, ChainReads, RemembersTips, PostgresApplicationRecorder
):
    """eventsourcing's PostgreSQL recorder, plus a chain row for every event, same transaction.

    Inserts already hold an EXCLUSIVE lock on the events table, so chains extend in commit order.
    The chain's tips are needed under that lock. A lone writer knows them (this process wrote the
    last transaction); with other writers about, the read is sent in the insert's pipeline right
    after the lock and before the insert (:meth:`Chainer.ask`), so it costs no round trip of its
    own while the lock is held, and a failed insert is still the first error (the conflict a
    writer retries; a read sent *behind* the insert was tried once and surfaced as an aborted
    pipeline instead).
    """

    autocommit_reads = True
    """The pool's connections autocommit: one-statement reads need no transaction."""

    def __init__(self, datastore: Any, *, events_table_name: str = "stored_events") -> None:
        super().__init__(datastore, events_table_name=events_table_name)
        schema = datastore.schema
        self.chainer = Chainer("%s", f"{schema}.{CHAIN}", f"{schema}.{CHECKPOINT}", one_write=True)
        self.log_prefix, self.log_mark = f"{schema}.", "%s"
        self.joined_from = (
            f"{schema}.{events_table_name}",
            "notification_id",
            "e.originator_id::text",
        )
        statements = self.chainer.create_statements("BYTEA")
        for statement in [*statements, *checkpoint_log_statements(self.log_prefix, "BYTEA")]:
            self.sql_create_statements.append(SQL(statement))  # type: ignore[arg-type]

    def _tuples(self, cursor: Any) -> None:
        cursor.row_factory = tuple_row

    def select_events_after(self, after: Sequence[tuple[UUID, int]]) -> Sequence[StoredEvent]:
        """The events of several records after given versions, in one query (one round trip)."""
        table = SQL("{0}.{1}").format(
            Identifier(self.datastore.schema), Identifier(self.events_table_name)
        )
        wanted = SQL(" OR ").join(
            [SQL("(originator_id = %s AND originator_version > %s)")] * len(after)
        )
        statement = SQL(
            "SELECT originator_id, originator_version, topic, state FROM {0} WHERE {1} "
            "ORDER BY originator_id, originator_version"
        ).format(table, wanted)
        with self.datastore.get_connection() as conn, conn.cursor() as curs:
            curs.execute(statement, [v for pair in after for v in pair], prepare=True)
            return [
                StoredEvent(
                    originator_id=row["originator_id"],
                    originator_version=row["originator_version"],
                    topic=row["topic"],
                    state=bytes(row["state"]),
                )
                for row in curs.fetchall()
            ]

    def _insert_stored_events(
        self, curs: Any, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> None:
        """Lock, notify and insert as eventsourcing does, asking for the chain's tips in between.

        The same three steps as eventsourcing's ``PostgresApplicationRecorder`` (a test checks
        the statements' order as sent: lock, notify, tips, insert).
        """
        self._lock_table(curs)
        self._notify_channel(curs)
        self.chainer.ask(curs.connection, stored_events)
        PostgresAggregateRecorder._insert_stored_events(self, curs, stored_events, **kwargs)

    def _fetch_ids_after_insert_events(
        self, curs: Any, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        ids = super()._fetch_ids_after_insert_events(curs, stored_events, **kwargs)
        if stored_events:
            assert ids is not None
            self.chainer.extend(curs, stored_events, ids)
        return ids


class PostgresViewStore(SqlViews, PostgresTrackingRecorder):
    """The views in the PostgreSQL schema of the event store."""

    def __init__(self, datastore: Any, *, events_table: str | None = None) -> None:
        super().__init__(datastore, tracking_table_name="certflow_view_tracking")
        self._prefix = f"{datastore.schema}."
        self._mark = "%s"
        self._tracking = f"{datastore.schema}.certflow_view_tracking"
        if events_table is not None:  # the event log's head, read with the positions
            self._head = f"SELECT MAX(notification_id) FROM {datastore.schema}.{events_table}"
        for table in TABLES:
            self.sql_create_statements.append(SQL(table.format(p=self._prefix)))  # type: ignore[arg-type]

    def _selects(self, statements: Sequence[tuple[str, Sequence[Any]]]) -> list[list[Any]]:
        """The statements sent together, in one pipeline: one round trip for them all.

        The pool's connections are in autocommit, so reads need no BEGIN and ROLLBACK around
        them; each statement is prepared on the connection for the next time.
        """
        with self.datastore.get_connection() as conn:
            if len(statements) == 1:
                sql, params = statements[0]
                with conn.cursor() as cursor:
                    cursor.execute(sql, tuple(params), prepare=True)
                    return [cursor.fetchall()]
            cursors = []
            with conn.pipeline():
                for sql, params in statements:
                    cursor = conn.cursor()
                    cursor.execute(sql, tuple(params), prepare=True)
                    cursors.append(cursor)
            return [cursor.fetchall() for cursor in cursors]

    def _unflushed(self, cursor: Any) -> None:
        """``synchronous_commit = off`` for this transaction (views only, never events).

        A batch of view rows and its tracking position commit together; a crash before the
        WAL writer flushes them (within about three ``wal_writer_delay``, 0.6 s by default)
        loses both, and the next catch-up redoes them from the log. A rebuild commits once per
        batch: on the national 100k store, under load, its writes took 26 s against 43 s.
        """
        cursor.execute("SET LOCAL synchronous_commit = off")

    def _empty(self, cursor: Any, tables: Sequence[str]) -> None:
        """``TRUNCATE`` the tables: a ``DELETE`` leaves every row behind, dead, for a vacuum.

        A rebuild that deleted the rows wrote its new ones beside the dead (tables and indexes
        growing at every rebuild, every upsert's conflict check stepping over dead index
        entries, more pages written to the WAL in full): rebuilding the national 100k store
        again wrote 660 bytes of WAL an event, 374-401 with ``TRUNCATE``. ``TRUNCATE`` is
        transactional here, like the ``DELETE`` it replaces; it waits for transactions using
        the tables to end, and needs the tables' owner (the role that created them) or the
        ``TRUNCATE`` privilege.
        """
        cursor.execute(f"TRUNCATE {', '.join(tables)}")

    def _batched(self, cursor: Any) -> AbstractContextManager[Any]:
        """The view writes of a batch sent in one pipeline."""
        return cast("AbstractContextManager[Any]", cursor.connection.pipeline())

    def _chunks(self, sql: str, params: Sequence[Sequence[Any]]) -> Iterator[tuple[str, list[Any]]]:
        """``sql`` for all of ``params`` at once, each column one array parameter.

        One statement of fixed text per table and batch (``unnest`` of the columns, ``= ANY``
        of the ids), so psycopg parses and the server plans it once, where rows of placeholders
        made a new text of up to 5,000 parameters per batch, parsed in Python every time. The
        arrays are sent in binary (``%b``): psycopg writes a text array by checking every
        element for characters to quote, about seven times the work.
        """
        if not params:
            return
        text = sql.replace("{p}", self._prefix)
        if "IN {rows}" in sql:
            yield text.replace("IN {rows}", "= ANY(%b::text[])"), [[row[0] for row in params]]
            return
        arrays = ", ".join(f"%b::{kind}[]" for kind in COLUMN_TYPES[sql])
        columns = [list(column) for column in zip(*params, strict=True)]
        yield text.replace("VALUES {rows}", f"SELECT * FROM unnest({arrays})"), columns

    def close(self) -> None:
        """Nothing to release: the pool is the event store's, closed by the application."""
