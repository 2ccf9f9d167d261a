"""The read models' SQL, shared by SQLite and PostgreSQL (mixed into their tracking recorders).

Each view's rows and its tracking record are written in one transaction, through eventsourcing's
own ``SQLiteTrackingRecorder`` / ``PostgresTrackingRecorder`` (their tracking table, their
monotonic single-row tracking upsert). A batch also checks, inside that transaction, that the
view's position is still the one the batch started from; a runner that lost a race rolls back and
starts again from the new position, so every event is applied to a view exactly once.

The SQL is plain enough to serve both databases; only the placeholder and the schema prefix
differ. Ids and dates are stored as ISO text, which sorts like the values themselves.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import TYPE_CHECKING, Any, TypeVar

from eventsourcing.persistence import Tracking

from certflow.application.ports import Heads, ViewMoved
from certflow.application.view_rows import (
    CaseRow,
    DeadlineQuery,
    DeadlineRow,
    RegisterRow,
    StageCountRow,
    ViewRows,
    WorkloadCount,
)

__all__ = ["TABLES", "VIEW_TABLES", "SqlViews"]

VIEW_TABLES: dict[str, tuple[str, ...]] = {
    "case_board": ("certflow_case_board",),
    "certificate_register": ("certflow_certificate_register",),
    "deadline_board": ("certflow_deadline_board",),
    "assessor_workload": ("certflow_assessor_workload",),
}
"""View name -> the tables it owns."""

TABLES = (
    "CREATE TABLE IF NOT EXISTS {p}certflow_case_board ("
    "certification_id TEXT PRIMARY KEY, listed BIGINT NOT NULL, subject_id TEXT NOT NULL, "
    "scheme_code TEXT NOT NULL, session_id TEXT NOT NULL, stage TEXT NOT NULL, "
    "version BIGINT NOT NULL, certificate_number TEXT, updated_at TEXT NOT NULL, "
    "workflow_version BIGINT NOT NULL)",
    # Keyset pages (issue 18): a page of one stage or one session is an index range scan.
    "DROP INDEX IF EXISTS {p}certflow_case_board_stage",
    "DROP INDEX IF EXISTS {p}certflow_case_board_session",
    "CREATE INDEX IF NOT EXISTS certflow_case_board_stage_listed "
    "ON {p}certflow_case_board (stage, listed)",
    "CREATE INDEX IF NOT EXISTS certflow_case_board_session_listed "
    "ON {p}certflow_case_board (session_id, listed)",
    "CREATE TABLE IF NOT EXISTS {p}certflow_certificate_register ("
    "certificate_number TEXT PRIMARY KEY, certification_id TEXT NOT NULL, "
    "subject_id TEXT NOT NULL, scheme_code TEXT NOT NULL, status TEXT NOT NULL, "
    "valid_from TEXT NOT NULL, valid_until TEXT NOT NULL, copy BIGINT NOT NULL, "
    "registration_number TEXT)",
    "CREATE INDEX IF NOT EXISTS certflow_certificate_register_subject "
    "ON {p}certflow_certificate_register (subject_id)",
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
"""The views' DDL, ``{p}`` standing for the schema prefix."""

_UPSERT_CASE = (
    "INSERT INTO {p}certflow_case_board (certification_id, listed, subject_id, scheme_code, "
    "session_id, stage, version, certificate_number, updated_at, workflow_version) "
    "VALUES {rows} ON CONFLICT (certification_id) DO UPDATE SET "
    "stage = excluded.stage, version = excluded.version, "
    "certificate_number = excluded.certificate_number, updated_at = excluded.updated_at, "
    "workflow_version = excluded.workflow_version"
)
_UPSERT_REGISTER = (
    "INSERT INTO {p}certflow_certificate_register (certificate_number, certification_id, "
    "subject_id, scheme_code, status, valid_from, valid_until, copy, registration_number) "
    "VALUES {rows} ON CONFLICT (certificate_number) DO UPDATE SET "
    "status = excluded.status, valid_from = excluded.valid_from, "
    "valid_until = excluded.valid_until, copy = excluded.copy, "
    "registration_number = excluded.registration_number"
)
_CLEAR_DEADLINES = "DELETE FROM {p}certflow_deadline_board WHERE certification_id IN {rows}"
_INSERT_DEADLINE = (
    "INSERT INTO {p}certflow_deadline_board (certification_id, deadline, rule_id, due_on, "
    "met_on, on_due, stage, scheme_code) VALUES {rows}"
)
_UPSERT_WORKLOAD = (
    "INSERT INTO {p}certflow_assessor_workload (certification_id, assessor_id, day, held, "
    "stage) VALUES {rows} ON CONFLICT (certification_id) DO UPDATE SET "
    "assessor_id = excluded.assessor_id, day = excluded.day, held = excluded.held, "
    "stage = excluded.stage"
)
COLUMN_TYPES: dict[str, tuple[str, ...]] = {
    _UPSERT_CASE: (
        "text",
        "bigint",
        "text",
        "text",
        "text",
        "text",
        "bigint",
        "text",
        "text",
        "bigint",
    ),
    _UPSERT_REGISTER: ("text",) * 7 + ("bigint", "text"),
    _INSERT_DEADLINE: ("text",) * 8,
    _UPSERT_WORKLOAD: ("text", "text", "text", "integer", "text"),
}
"""The column types of each ``VALUES {rows}`` statement's rows (a database that takes a batch
as one array per column, PostgreSQL's ``unnest``, names them)."""
_CHUNK = 500
"""Rows per statement (at most 10 parameters each: within SQLite's limit of 32,766)."""

R = TypeVar("R", bound=tuple[Any, ...])


def _where(clauses: Sequence[str]) -> str:
    return " WHERE " + " AND ".join(clauses) if clauses else ""


def _in(column: str, values: Sequence[Any]) -> str:
    return f"{column} IN ({', '.join('?' * len(values))})"


class SqlViews:
    """The view store's logic for both databases; the recorder provides the datastore."""

    _prefix: str
    _mark: str
    _tracking: str
    _head: str | None = None
    """The statement that reads the head of the event log (its highest notification id), when
    the log is in the views' database; ``None`` when it is elsewhere (a private database)."""
    datastore: Any

    def _sql(self, text: str) -> str:
        return text.replace("{p}", self._prefix).replace("?", self._mark)

    @contextmanager
    def _transaction(self, *, commit: bool) -> Iterator[Any]:
        with self.datastore.transaction(commit=commit) as cursor:
            yield cursor

    def _batched(self, cursor: Any) -> AbstractContextManager[Any]:
        """Send the statements made inside in one round trip where the database can."""
        return nullcontext()

    if TYPE_CHECKING:  # eventsourcing's tracking recorders provide it

        def _insert_tracking(self, cursor: Any, tracking: Tracking) -> None: ...

    def _selects(self, statements: Sequence[tuple[str, Sequence[Any]]]) -> list[list[Any]]:
        """The rows of each read-only statement (``sql`` ready for the database), in order."""
        with self._transaction(commit=False) as cursor:
            found = []
            for sql, params in statements:
                cursor.execute(sql, tuple(params))
                found.append(list(cursor.fetchall()))
            return found

    def _select(self, sql: str, params: Sequence[Any]) -> list[Any]:
        """The rows of one read-only statement; the heads asked by :meth:`reading` with it."""
        asked: Heads | None = getattr(self._asking, "heads", None)
        if asked is None or self._head is None:
            return self._selects([(sql, params)])[0]
        self._asking.heads = None
        heads, rows = self._selects([self._heads_statement(asked.keys), (sql, params)])
        asked.positions, asked.head = self._read_heads(asked.keys, heads)
        return rows

    @property
    def _asking(self) -> threading.local:
        """Per thread, the :class:`Heads` waiting for the next read (see :meth:`reading`)."""
        local: threading.local | None = self.__dict__.get("_asking_local")
        if local is None:
            local = self.__dict__.setdefault("_asking_local", threading.local())
        return local

    def positions(self, keys: Sequence[str]) -> dict[str, int]:
        """Each tracking key's last applied notification id (0 when none)."""
        found = dict.fromkeys(keys, 0)
        marks = ", ".join([self._mark] * len(keys))
        for row in self._select(
            f"SELECT application_name, notification_id FROM {self._tracking} "
            f"WHERE application_name IN ({marks})",
            keys,
        ):
            found[row["application_name"]] = int(row["notification_id"])
        return found

    def _heads_statement(self, keys: Sequence[str]) -> tuple[str, Sequence[Any]]:
        marks = ", ".join([self._mark] * len(keys))
        return (
            f"SELECT NULL AS application_name, ({self._head}) AS notification_id "
            f"UNION ALL SELECT application_name, notification_id FROM {self._tracking} "
            f"WHERE application_name IN ({marks})",
            keys,
        )

    @staticmethod
    def _read_heads(keys: Sequence[str], rows: Sequence[Any]) -> tuple[dict[str, int], int]:
        found = dict.fromkeys(keys, 0)
        head = 0
        for row in rows:
            position = int(row["notification_id"] or 0)
            if row["application_name"] is None:
                head = position
            else:
                found[row["application_name"]] = position
        return found, head

    def heads(self, keys: Sequence[str]) -> tuple[dict[str, int], int | None]:
        """Each key's position and the head of the event log, read by one statement.

        The head is ``None`` when the log is not in this database (ask its recorder then).
        What a query reads after this is at least as new as what this saw, so a view found
        at the head serves the caller's own writes without a catch-up.
        """
        if self._head is None:
            return self.positions(keys), None
        return self._read_heads(keys, self._selects([self._heads_statement(keys)])[0])

    @contextmanager
    def reading(self, keys: Sequence[str]) -> Iterator[Heads]:
        """Ask for ``keys``' positions and the log's head together with the next read inside.

        The two statements are sent together (one round trip on PostgreSQL), the heads first,
        so the rows read are at least as new as the heads say. On leaving, the yielded
        :class:`Heads` holds them (read on their own if nothing was read inside).
        """
        asked = Heads(tuple(keys))
        if self._head is None:  # positions first: the rows read inside are at least as new
            asked.positions = self.positions(keys)
            yield asked
            return
        self._asking.heads = asked
        try:
            yield asked
        finally:
            self._asking.heads = None
        if asked.positions is None:
            asked.positions, asked.head = self.heads(keys)

    def write(self, rows: ViewRows, moves: Mapping[str, tuple[int, int]]) -> None:
        """Write ``rows`` and move each tracking key from ``old`` to ``new``, atomically.

        Raises :class:`~certflow.application.ports.ViewMoved`, having changed nothing, when a
        key is no longer at ``old``.
        """
        keys = tuple(moves)
        marks = ", ".join([self._mark] * len(keys))
        # Each table's rows in as few statements as possible: one per 500 rows, not one per
        # row (a batch never holds a key twice: its rows are each certification's last state).
        statements = [
            statement
            for sql, params in (
                (_UPSERT_CASE, rows.case),
                (_UPSERT_REGISTER, rows.register),
                (_CLEAR_DEADLINES, [(cid,) for cid in rows.deadlines_replaced]),
                (_INSERT_DEADLINE, rows.deadlines),
                (_UPSERT_WORKLOAD, rows.workload),
            )
            for statement in self._chunks(sql, params)
        ]
        with self._transaction(commit=True) as cursor:
            self._unflushed(cursor)
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
            with self._batched(cursor):  # PostgreSQL: the writes in one round trip
                for sql, values in statements:
                    cursor.execute(sql, values)
            for key, (old, new) in moves.items():
                if new > old:
                    self._insert_tracking(cursor, Tracking(key, new))

    def _chunks(self, sql: str, params: Sequence[Sequence[Any]]) -> Iterator[tuple[str, list[Any]]]:
        """``sql`` with its ``{rows}`` made of up to 500 of ``params`` at a time.

        ``IN {rows}`` takes one value per row, ``VALUES {rows}`` one group per row.
        """
        listed = "IN {rows}" in sql
        for start in range(0, len(params), _CHUNK):
            chunk = params[start : start + _CHUNK]
            marks = [self._mark] * (len(chunk) if listed else len(chunk[0]))
            group = f"({', '.join(marks)})"
            rows = group if listed else ", ".join([group] * len(chunk))
            yield (
                sql.replace("{p}", self._prefix).replace("{rows}", rows),
                [value for row in chunk for value in row],
            )

    def _unflushed(self, cursor: Any) -> None:
        """Let this transaction's commit return before its WAL is flushed, where it can.

        Views are derived data written with their own position in one transaction: lost after
        a crash, they are lost together with it, and the next catch-up applies the same events
        again. (SQLite: every commit waits, as before.)
        """

    def _empty(self, cursor: Any, tables: Sequence[str]) -> None:
        """Delete every row of ``tables`` (SQLite truncates a table so emptied)."""
        for table in tables:
            cursor.execute(f"DELETE FROM {table}")

    def reset(self, views: Sequence[str], keys: Sequence[str]) -> None:
        """Empty the tables of ``views`` and set their tracking back to the start, atomically."""
        marks = ", ".join([self._mark] * len(keys))
        tables = [f"{self._prefix}{table}" for view in views for table in VIEW_TABLES[view]]
        with self._transaction(commit=True) as cursor:
            self._empty(cursor, tables)
            cursor.execute(
                f"DELETE FROM {self._tracking} WHERE application_name IN ({marks})", tuple(keys)
            )

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        return self._select(self._sql(sql), params)

    def _rows(self, kind: type[R], sql: str, params: Sequence[Any] = ()) -> list[R]:
        fields: tuple[str, ...] = getattr(kind, "_fields")  # noqa: B009 - a NamedTuple's
        return [kind(*(row[name] for name in fields)) for row in self._query(sql, params)]

    def case_board(
        self,
        *,
        stages: Sequence[str] | None,
        scheme_code: str | None,
        session_id: str | None,
        after: int | None = None,
        limit: int | None = None,
    ) -> list[CaseRow]:
        """Case board rows (any of ``stages`` when given), in registration order.

        ``after`` and ``limit`` read one keyset page: at most ``limit`` rows listed after
        ``after`` (an index range scan on (stage, listed) or (session_id, listed), so a page
        costs the same whatever the board's size).
        """
        clauses, params = _filters(stage=stages, scheme_code=scheme_code, session_id=session_id)
        if after is not None:
            clauses.append("listed > ?")
            params.append(after)
        tail = "" if limit is None else f" LIMIT {int(limit)}"
        return self._rows(
            CaseRow,
            f"SELECT {', '.join(CaseRow._fields)} FROM {{p}}certflow_case_board"
            f"{_where(clauses)} ORDER BY listed{tail}",
            params,
        )

    def stage_counts(
        self, *, scheme_code: str | None, session_id: str | None
    ) -> list[StageCountRow]:
        """Certifications per stage, scheme and session, by scheme, session and stage."""
        clauses, params = _filters(scheme_code=scheme_code, session_id=session_id)
        return self._rows(
            StageCountRow,
            "SELECT stage, scheme_code, session_id, COUNT(*) AS certifications "
            f"FROM {{p}}certflow_case_board{_where(clauses)} "
            "GROUP BY stage, scheme_code, session_id ORDER BY scheme_code, session_id, stage",
            params,
        )

    def register(
        self, *, today: str, number: str | None, status: str | None, holder: str | None = None
    ) -> list[RegisterRow]:
        """Register rows by number; a valid certificate past ``today``'s date reads expired.

        ``holder`` (a subject id) reads one holder's certificates (indexed).
        """
        clauses, params = _filters(certificate_number=number, status=status, subject_id=holder)
        return self._rows(
            RegisterRow,
            # A valid certificate past its last valid day reads expired before a sweep records it.
            "SELECT * FROM (SELECT certificate_number, certification_id, subject_id, scheme_code, "
            "CASE WHEN status = 'valid' AND valid_until < ? THEN 'expired' ELSE status END "
            "AS status, valid_from, valid_until, copy, registration_number "
            f"FROM {{p}}certflow_certificate_register) AS register{_where(clauses)} "
            "ORDER BY certificate_number",
            [today, *params],
        )

    def deadlines(self, query: DeadlineQuery) -> list[DeadlineRow]:
        """Deadline board rows matching ``query``, earliest due first."""
        clauses: list[str] = []
        params: list[Any] = []
        if query.deadline is not None:
            clauses.append("deadline = ?")
            params.append(query.deadline)
        if query.unmet:
            clauses.append("met_on IS NULL")
        for clause, value in (
            ("due_on < ?", query.due_before),
            ("due_on >= ?", query.due_from),
            ("due_on <= ?", query.due_until),
        ):
            if value is not None:
                clauses.append(clause)
                params.append(value)
        if query.stages_left_out:
            clauses.append(f"NOT {_in('stage', query.stages_left_out)}")
            params.extend(query.stages_left_out)
        return self._rows(
            DeadlineRow,
            f"SELECT * FROM {{p}}certflow_deadline_board{_where(clauses)} "
            "ORDER BY due_on, certification_id, deadline",
            params,
        )

    def due_for_sweep(self, *, today: str) -> list[str]:
        """Ids with an unmet deadline due before ``today`` that makes a move, listed order."""
        rows = self._query(
            "SELECT d.certification_id FROM {p}certflow_deadline_board d "
            "JOIN {p}certflow_case_board c ON c.certification_id = d.certification_id "
            "WHERE d.on_due IS NOT NULL AND d.met_on IS NULL AND d.due_on < ? "
            "GROUP BY d.certification_id ORDER BY MIN(c.listed)",
            [today],
        )
        return [str(r["certification_id"]) for r in rows]

    def unknown_versions(self, *, stages: Sequence[str], known: Sequence[int]) -> list[str]:
        """Ids at one of ``stages`` under a definition version not in ``known``."""
        rows = self._query(
            "SELECT certification_id FROM {p}certflow_case_board "
            f"WHERE {_in('stage', stages)} AND NOT {_in('workflow_version', known)} "
            "ORDER BY listed",
            [*stages, *known],
        )
        return [str(r["certification_id"]) for r in rows]

    def workload(
        self, *, left_out: Sequence[str], day: str | None, assessor_id: str | None
    ) -> list[WorkloadCount]:
        """Candidates per assessor per day, stages in ``left_out`` not counted."""
        clauses, params = _filters(day=day, assessor_id=assessor_id)
        if left_out:
            clauses.insert(0, f"NOT {_in('stage', left_out)}")
            params[:0] = left_out
        return self._rows(
            WorkloadCount,
            "SELECT assessor_id, day, COUNT(*) AS candidates, SUM(held) AS held "
            f"FROM {{p}}certflow_assessor_workload{_where(clauses)} "
            "GROUP BY assessor_id, day ORDER BY day, assessor_id",
            params,
        )

    def dump(self) -> dict[str, list[tuple[Any, ...]]]:
        """Every row of every view (unsorted), by view name."""
        found: dict[str, list[tuple[Any, ...]]] = {}
        for view, tables in VIEW_TABLES.items():
            rows: list[tuple[Any, ...]] = []
            for table in tables:
                rows.extend(
                    tuple(r.values()) if isinstance(r, dict) else tuple(r)  # PostgreSQL: dicts
                    for r in self._query(f"SELECT * FROM {{p}}{table}")
                )
            found[view] = rows
        return found


def _filters(**wanted: str | Sequence[str] | None) -> tuple[list[str], list[Any]]:
    """``column IN (...)`` for every given value (a string, or several of them)."""
    clauses: list[str] = []
    params: list[Any] = []
    for column, value in wanted.items():
        if value is None:
            continue
        values = [value] if isinstance(value, str) else list(value)
        clauses.append(_in(column, values) if values else "1 = 0")  # none of no values
        params.extend(values)
    return clauses, params
