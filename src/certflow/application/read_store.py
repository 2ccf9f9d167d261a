"""Where the read models live: eventsourcing tracking recorders that also hold the view tables.

Each view's rows and its tracking record are written in one transaction, through eventsourcing's
own ``SQLiteTrackingRecorder`` / ``PostgresTrackingRecorder`` (their tracking table, their
monotonic single-row tracking upsert). A batch also checks, inside that transaction, that the
view's position is still the one the batch started from; a runner that lost a race rolls back and
starts again from the new position, so every event is applied to a view exactly once.

The SQL is plain enough to serve both databases; only the placeholder and the schema prefix
differ. Ids and dates are stored as ISO text, which sorts like the values themselves.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Protocol

from eventsourcing.persistence import Tracking
from eventsourcing.sqlite import SQLiteDatastore, SQLiteTrackingRecorder

__all__ = ["VIEWS", "ViewMoved", "ViewRecorder", "open_view_recorder"]

VIEWS: dict[str, tuple[str, ...]] = {
    "case_board": ("certflow_case_board",),
    "certificate_register": ("certflow_certificate_register",),
    "deadline_board": ("certflow_deadline_board",),
    "assessor_workload": ("certflow_assessor_workload",),
}
"""View name -> the tables it owns."""

_TABLES = (
    "CREATE TABLE IF NOT EXISTS {p}certflow_case_board ("
    "certification_id TEXT PRIMARY KEY, listed BIGINT NOT NULL, subject_id TEXT NOT NULL, "
    "scheme_code TEXT NOT NULL, session_id TEXT NOT NULL, stage TEXT NOT NULL, "
    "version BIGINT NOT NULL, certificate_number TEXT, updated_at TEXT NOT NULL, "
    "workflow_version BIGINT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS certflow_case_board_stage ON {p}certflow_case_board (stage)",
    "CREATE INDEX IF NOT EXISTS certflow_case_board_session ON {p}certflow_case_board (session_id)",
    "CREATE TABLE IF NOT EXISTS {p}certflow_certificate_register ("
    "certificate_number TEXT PRIMARY KEY, certification_id TEXT NOT NULL, "
    "subject_id TEXT NOT NULL, scheme_code TEXT NOT NULL, status TEXT NOT NULL, "
    "valid_from TEXT NOT NULL, valid_until TEXT NOT NULL, copy BIGINT NOT NULL, "
    "registration_number TEXT)",
    "CREATE TABLE IF NOT EXISTS {p}certflow_deadline_board ("
    "certification_id TEXT NOT NULL, deadline TEXT NOT NULL, rule_id TEXT NOT NULL, "
    "due_on TEXT NOT NULL, met_on TEXT, on_due TEXT, stage TEXT NOT NULL, "
    "scheme_code TEXT NOT NULL, PRIMARY KEY (certification_id, deadline))",
    "CREATE INDEX IF NOT EXISTS certflow_deadline_board_due "
    "ON {p}certflow_deadline_board (deadline, due_on)",
    "CREATE TABLE IF NOT EXISTS {p}certflow_assessor_workload ("
    "certification_id TEXT PRIMARY KEY, assessor_id TEXT NOT NULL, day TEXT NOT NULL, "
    "held INTEGER NOT NULL, stage TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS certflow_assessor_workload_day "
    "ON {p}certflow_assessor_workload (assessor_id, day)",
)


class ViewMoved(Exception):  # noqa: N818 - a signal between two private parts, not an error
    """Another runner moved a view on since this batch started; start again from its position."""


Statement = tuple[str, Sequence[Sequence[Any]]]
"""SQL with ``{p}`` (table prefix) and ``?`` placeholders, and its parameter rows."""


class ViewRecorder(Protocol):
    """What :mod:`.readmodels` needs from a view store, whichever the database."""

    def positions(self, keys: Sequence[str]) -> dict[str, int]: ...  # noqa: D102

    def write(self, statements: Sequence[Statement], moves: dict[str, tuple[int, int]]) -> None: ...  # noqa: D102

    def reset(self, views: Sequence[str], keys: Sequence[str]) -> None: ...  # noqa: D102

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Any]: ...  # noqa: D102

    def close(self) -> None: ...  # noqa: D102


class _ViewSql:
    """The view logic shared by both databases (mixed into eventsourcing's recorders)."""

    _prefix: str
    _mark: str
    _tracking: str
    datastore: Any

    def _sql(self, text: str) -> str:
        return text.replace("{p}", self._prefix).replace("?", self._mark)

    @contextmanager
    def _transaction(self, *, commit: bool) -> Iterator[Any]:
        with self.datastore.transaction(commit=commit) as cursor:
            yield cursor

    if TYPE_CHECKING:  # eventsourcing's tracking recorders provide it

        def _insert_tracking(self, cursor: Any, tracking: Tracking) -> None: ...

    def positions(self, keys: Sequence[str]) -> dict[str, int]:
        """Each tracking key's last applied notification id (0 when none)."""
        found = dict.fromkeys(keys, 0)
        marks = ", ".join([self._mark] * len(keys))
        with self._transaction(commit=False) as cursor:
            cursor.execute(
                f"SELECT application_name, notification_id FROM {self._tracking} "
                f"WHERE application_name IN ({marks})",
                tuple(keys),
            )
            for row in cursor.fetchall():
                found[row["application_name"]] = int(row["notification_id"])
        return found

    def write(self, statements: Sequence[Statement], moves: dict[str, tuple[int, int]]) -> None:
        """Apply ``statements`` and move each tracking key from ``old`` to ``new``, atomically.

        Raises :class:`ViewMoved`, having changed nothing, when a key is no longer at ``old``.
        """
        keys = tuple(moves)
        marks = ", ".join([self._mark] * len(keys))
        with self._transaction(commit=True) as cursor:
            # A write first: it takes the write lock (SQLite) or the rows' locks (PostgreSQL)
            # before the positions are read, so two runners cannot both pass the check.
            cursor.execute(
                f"UPDATE {self._tracking} SET notification_id = notification_id "
                f"WHERE application_name IN ({marks})",
                keys,
            )
            cursor.execute(
                f"SELECT application_name, notification_id FROM {self._tracking} "
                f"WHERE application_name IN ({marks})",
                keys,
            )
            now = {
                row["application_name"]: int(row["notification_id"]) for row in cursor.fetchall()
            }
            if any(now.get(key, 0) != old for key, (old, _) in moves.items()):
                raise ViewMoved
            for sql, rows in statements:
                if rows:
                    cursor.executemany(self._sql(sql), rows)
            for key, (old, new) in moves.items():
                if new > old:
                    self._insert_tracking(cursor, Tracking(key, new))

    def reset(self, views: Sequence[str], keys: Sequence[str]) -> None:
        """Empty the tables of ``views`` and set their tracking back to the start, atomically."""
        marks = ", ".join([self._mark] * len(keys))
        with self._transaction(commit=True) as cursor:
            for view in views:
                for table in VIEWS[view]:
                    cursor.execute(f"DELETE FROM {self._prefix}{table}")
            cursor.execute(
                f"DELETE FROM {self._tracking} WHERE application_name IN ({marks})", tuple(keys)
            )

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        """Rows of a read-only query (``{p}`` and ``?`` as in :data:`Statement`)."""
        with self._transaction(commit=False) as cursor:
            cursor.execute(self._sql(sql), tuple(params))
            return list(cursor.fetchall())


class SQLiteViewRecorder(_ViewSql, SQLiteTrackingRecorder):
    """The views in the SQLite file of the event store (or a private in-memory database)."""

    def close(self) -> None:
        """Close the datastore (only for a private one)."""
        self.datastore.close()

    def __init__(self, datastore: SQLiteDatastore, **kwargs: Any) -> None:
        super().__init__(datastore, **kwargs)
        self._prefix = ""
        self._mark = "?"
        self._tracking = "tracking"

    def construct_create_table_statements(self) -> list[str]:
        return [*super().construct_create_table_statements(), *(t.format(p="") for t in _TABLES)]


def _postgres_recorder(datastore: Any) -> _ViewSql:
    from eventsourcing.postgres import PostgresTrackingRecorder  # the 'postgres' extra
    from psycopg.sql import SQL

    class PostgresViewRecorder(_ViewSql, PostgresTrackingRecorder):
        """The views in the PostgreSQL schema of the event store."""

        def __init__(self, datastore: Any) -> None:
            super().__init__(datastore, tracking_table_name="certflow_view_tracking")
            self._prefix = f"{datastore.schema}."
            self._mark = "%s"
            self._tracking = f"{datastore.schema}.certflow_view_tracking"
            for table in _TABLES:
                self.sql_create_statements.append(SQL(table.format(p=self._prefix)))  # type: ignore[arg-type]

    return PostgresViewRecorder(datastore)


def open_view_recorder(kind: str, recorder: Any) -> ViewRecorder:
    """The view store beside ``recorder``'s tables; a private in-memory database for ``memory``."""
    if kind == "postgres":
        views: Any = _postgres_recorder(recorder.datastore)
    elif kind == "sqlite":
        views = SQLiteViewRecorder(recorder.datastore)
    else:
        from uuid import uuid4

        name = f"file:certflow-views-{uuid4().hex}?mode=memory&cache=shared"
        views = SQLiteViewRecorder(SQLiteDatastore(name))
    views.create_table()
    result: ViewRecorder = views
    return result
