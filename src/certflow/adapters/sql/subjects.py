"""The subject store's SQL: one table beside the event tables (SQLite file or PostgreSQL schema).

Names, NIK, NRP, rank, unit and contacts are kept here so that they can be corrected or erased
without rewriting history (UU PDP, R58); events name a person only by the subject id.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from typing import Any
from uuid import UUID

from eventsourcing.persistence import IntegrityError

from certflow.adapters.sql.reading import read_cursor
from certflow.application.erasure import ErasureReport, ErasureState, unique
from certflow.application.ports import SubjectStore
from certflow.application.subjects import PersonalData, SubjectKind, SubjectRecord
from certflow.engine import ConcurrencyConflictError, InvalidInputError, Text

__all__ = ["SUBJECTS", "Purger", "SqlSubjects"]

SUBJECTS = "certflow_subjects"
"""The subject table's name (in the event store's schema)."""

Purger = Callable[[Sequence[bytes], bool], tuple[Text, ...]]
"""Makes deleted rows' bytes unreadable in the backend's files or pages: called with byte
strings to look for (may be none) and whether to be thorough (nothing to look for, or erasures
pending); returns where bytes may remain (empty: physically gone)."""


def _row_to_record(row: Any) -> SubjectRecord:
    return SubjectRecord(
        subject_id=UUID(str(row["subject_id"])),
        kind=SubjectKind(row["kind"]),
        data=PersonalData.model_validate(json.loads(row["data"])),
    )


class SqlSubjects(SubjectStore):
    """The subject table in the event store's own database, through its datastore."""

    def __init__(
        self,
        datastore: Any,
        *,
        placeholder: str,
        table: str,
        secure_delete: bool = False,
        purger: Purger | None = None,
        create: bool = True,
        autocommit_reads: bool = False,
    ) -> None:
        self._datastore = datastore
        self._autocommit_reads = autocommit_reads
        """Reads outside a transaction (PostgreSQL's autocommit pool: :mod:`.reading`)."""
        self._p = placeholder
        self._table = table
        self._pending_table = f"{table}_pending"
        """Subjects whose erasure is pending (their pseudonymous ids only)."""
        self._secure_delete = secure_delete
        """Zero the bytes a delete frees (SQLite's ``secure_delete``)."""
        self._purger = purger
        if not create:  # a store opened read-only: its tables are there or it is refused
            return
        with datastore.transaction(commit=True) as cursor:
            cursor.execute(
                f"CREATE TABLE IF NOT EXISTS {table} ("
                "subject_id TEXT PRIMARY KEY, kind TEXT NOT NULL, nik TEXT UNIQUE, "
                "data TEXT NOT NULL)"
            )
            cursor.execute(
                f"CREATE TABLE IF NOT EXISTS {self._pending_table} (subject_id TEXT PRIMARY KEY)"
            )

    def _insert(self, record: SubjectRecord) -> None:
        self.put_many([record])

    def put_many(self, records: Iterable[SubjectRecord]) -> None:
        """Store new subjects in one transaction; a NIK put on file meanwhile conflicts."""
        rows = [
            (str(r.subject_id), r.kind.value, r.data.nik, r.data.model_dump_json()) for r in records
        ]
        if not rows:
            return
        p = self._p
        try:
            with self._datastore.transaction(commit=True) as cursor:
                cursor.executemany(
                    f"INSERT INTO {self._table} (subject_id, kind, nik, data) "
                    f"VALUES ({p}, {p}, {p}, {p})",
                    rows,
                )
        except IntegrityError:
            # Another writer put the same person on file first (the NIK is unique).
            raise ConcurrencyConflictError(
                "a person with one of these NIKs was put on file meanwhile"
            ) from None

    def correct(self, record: SubjectRecord) -> None:
        """Update the subject's row in place with corrected values (R61)."""
        if record.data.nik is not None:
            existing = self.find_by_nik(record.data.nik)
            if existing is not None and existing.subject_id != record.subject_id:
                raise InvalidInputError(
                    [Text("a person with this NIK is already on file")],
                    ("R61",),
                )
        p = self._p
        with self._datastore.transaction(commit=True) as cursor:
            cursor.execute(
                f"UPDATE {self._table} SET nik = {p}, data = {p} WHERE subject_id = {p}",
                (record.data.nik, record.data.model_dump_json(), str(record.subject_id)),
            )

    def erase(self, subject_id: UUID) -> bool:
        """Delete the subject's row for good; return whether there was one."""
        existed = self.get(subject_id) is not None
        with self._datastore.transaction(commit=True) as cursor:
            if self._secure_delete:  # overwrite the freed bytes, not just unlink them
                cursor.execute("PRAGMA secure_delete = ON")
            cursor.execute(
                f"DELETE FROM {self._table} WHERE subject_id = {self._p}", (str(subject_id),)
            )
        return existed

    def settle(self, erased: Sequence[UUID], needles: Sequence[bytes] = ()) -> ErasureReport:
        """Purge the freed bytes; on failure mark ``erased`` pending, on success clear marks."""
        with self._reading() as cursor:
            cursor.execute(f"SELECT subject_id FROM {self._pending_table}")
            before = [UUID(str(row["subject_id"])) for row in cursor.fetchall()]
        needles = [n for n in needles if not self._still_held(n)]  # e.g. a namesake's name
        thorough = bool(before) or not needles
        remains = () if self._purger is None else self._purger(needles, thorough)
        ids = unique([*before, *erased])
        p = self._p
        if remains:
            with self._datastore.transaction(commit=True) as cursor:
                cursor.executemany(
                    f"INSERT INTO {self._pending_table} (subject_id) VALUES ({p}) "
                    "ON CONFLICT DO NOTHING",
                    [(str(s),) for s in erased],
                )
            return ErasureReport(ids, ErasureState.PENDING, remains)
        if before:  # only those read: another process may have marked more meanwhile
            with self._datastore.transaction(commit=True) as cursor:
                cursor.executemany(
                    f"DELETE FROM {self._pending_table} WHERE subject_id = {p}",
                    [(str(s),) for s in before],
                )
        return ErasureReport(ids, ErasureState.PHYSICAL)

    def _reading(self) -> AbstractContextManager[Any]:
        return read_cursor(self._datastore, autocommit=self._autocommit_reads)

    def _still_held(self, needle: bytes) -> bool:
        """Whether a subject on file holds ``needle`` too: then it is no sign of the erased."""
        find = "instr(data, ?) > 0" if self._p == "?" else "strpos(data, %s) > 0"
        with self._reading() as cursor:
            cursor.execute(
                f"SELECT 1 FROM {self._table} WHERE {find} OR nik = {self._p} LIMIT 1",
                (needle.decode(), needle.decode()),
            )
            return cursor.fetchone() is not None

    def _one(self, column: str, value: str) -> SubjectRecord | None:
        with self._reading() as cursor:
            cursor.execute(
                f"SELECT subject_id, kind, data FROM {self._table} WHERE {column} = {self._p}",
                (value,),
            )
            row = cursor.fetchone()
        return None if row is None else _row_to_record(row)

    def get(self, subject_id: UUID) -> SubjectRecord | None:
        """Return the record, or ``None``."""
        return self._one("subject_id", str(subject_id))

    def has(self, subject_id: UUID) -> bool:
        """Whether a row of this subject exists (without reading it)."""
        with self._reading() as cursor:
            cursor.execute(
                f"SELECT 1 FROM {self._table} WHERE subject_id = {self._p}", (str(subject_id),)
            )
            return cursor.fetchone() is not None

    def find_by_nik(self, nik: str) -> SubjectRecord | None:
        """Return the record of the person with this NIK, or ``None``."""
        return self._one("nik", nik)

    def get_many(self, subject_ids: Iterable[UUID]) -> dict[UUID, SubjectRecord]:
        """Return the records found for ``subject_ids``, 500 ids a query."""
        rows = self._select_in("subject_id", {str(s) for s in subject_ids})
        return {r.subject_id: r for r in map(_row_to_record, rows)}

    def find_many_by_nik(self, niks: Iterable[str]) -> dict[str, SubjectRecord]:
        """Return the records on file for these NIKs, 500 NIKs a query."""
        records = map(_row_to_record, self._select_in("nik", set(niks)))
        return {r.data.nik: r for r in records if r.data.nik is not None}

    def _select_in(self, column: str, values: set[str]) -> list[Any]:
        wanted = sorted(values)
        rows: list[Any] = []
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ", ".join([self._p] * len(chunk))
            with self._reading() as cursor:
                cursor.execute(
                    f"SELECT subject_id, kind, data FROM {self._table} WHERE {column} IN ({marks})",
                    tuple(chunk),
                )
                rows.extend(cursor.fetchall())
        return rows
