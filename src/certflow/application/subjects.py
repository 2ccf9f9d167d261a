"""The subject store: the only place personal data lives, outside the event log (UU PDP, R58).

Events name a person only by a random, pseudonymous ``subject_id``. Names, NIK, NRP, rank, unit
and contacts are kept in one table next to the event tables (same SQLite file or PostgreSQL
database), so they can be corrected or erased without rewriting history.
"""

from __future__ import annotations

import json
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable
from enum import Enum
from typing import Any
from uuid import UUID

from eventsourcing.persistence import IntegrityError
from pydantic import BaseModel, ConfigDict, field_validator

from certflow.engine import ConcurrencyConflictError, InvalidInputError

__all__ = ["PersonalData", "SubjectKind", "SubjectRecord", "SubjectStore", "open_subject_store"]

_TABLE = "certflow_subjects"


class SubjectKind(Enum):
    """Whose personal data a record holds."""

    CANDIDATE = "candidate"
    ASSESSOR = "assessor"
    STAFF = "staff"


class PersonalData(BaseModel):
    """A person's identifying data. Never put any of it in an event."""

    model_config = ConfigDict(frozen=True, str_strip_whitespace=True)

    name: str
    """Full name as it is to be printed (with academic titles)."""
    nik: str | None = None
    """Nomor Induk Kependudukan: 16 digits."""
    nrp: str | None = None
    """Nomor Registrasi Pokok (Polri personnel number): 8 digits."""
    rank: str = ""
    """Pangkat, e.g. ``Kombes Pol``."""
    unit: str = ""
    """Satuan kerja, e.g. ``Polda Aceh``."""
    position: str = ""
    """Jabatan, e.g. ``Kabidhumas``."""
    phone: str = ""
    email: str = ""

    @field_validator("name")
    @classmethod
    def _name_given(cls, value: str) -> str:
        if not value:
            raise ValueError("a name is required")
        return value

    @field_validator("nik")
    @classmethod
    def _nik_format(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"\d{16}", value):
            raise ValueError("a NIK has exactly 16 digits")
        return value

    @field_validator("nrp")
    @classmethod
    def _nrp_format(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"\d{8}", value):
            raise ValueError("an NRP has exactly 8 digits")
        return value


class SubjectRecord(BaseModel):
    """A subject id with the personal data kept for it."""

    model_config = ConfigDict(frozen=True)

    subject_id: UUID
    kind: SubjectKind
    data: PersonalData


class SubjectStore(ABC):
    """Keeps personal data by subject id; one implementation per backend."""

    def put(self, record: SubjectRecord) -> None:
        """Store a new subject; a NIK already on file is refused (one person, one subject)."""
        if record.data.nik is not None:
            existing = self.find_by_nik(record.data.nik)
            if existing is not None and existing.subject_id != record.subject_id:
                raise InvalidInputError(
                    ["a person with this NIK is already on file; use their subject id"]
                )
        self._insert(record)

    def put_many(self, records: Iterable[SubjectRecord]) -> None:
        """Store new subjects in one transaction (bulk intake); the caller checked their NIKs."""
        for record in records:
            self.put(record)

    @abstractmethod
    def _insert(self, record: SubjectRecord) -> None: ...

    @abstractmethod
    def erase(self, subject_id: UUID) -> bool:
        """Delete the subject's personal data for good; return whether there was any."""

    @abstractmethod
    def get(self, subject_id: UUID) -> SubjectRecord | None:
        """Return the record, or ``None``."""

    def has(self, subject_id: UUID) -> bool:
        """Whether personal data of this subject is on file (without reading it)."""
        return self.get(subject_id) is not None

    @abstractmethod
    def find_by_nik(self, nik: str) -> SubjectRecord | None:
        """Return the record of the person with this NIK, or ``None``."""

    def find_many_by_nik(self, niks: Iterable[str]) -> dict[str, SubjectRecord]:
        """Return the records on file for these NIKs, by NIK."""
        found = {}
        for nik in niks:
            record = self.find_by_nik(nik)
            if record is not None:
                found[nik] = record
        return found

    def get_many(self, subject_ids: Iterable[UUID]) -> dict[UUID, SubjectRecord]:
        """Return the records found for ``subject_ids``."""
        found = {}
        for subject_id in subject_ids:
            record = self.get(subject_id)
            if record is not None:
                found[subject_id] = record
        return found


class _MemorySubjects(SubjectStore):
    def __init__(self) -> None:
        self._records: dict[UUID, SubjectRecord] = {}

    def _insert(self, record: SubjectRecord) -> None:
        if record.subject_id in self._records:
            raise InvalidInputError([f"subject {record.subject_id} is already on file"])
        self._records[record.subject_id] = record

    def erase(self, subject_id: UUID) -> bool:
        return self._records.pop(subject_id, None) is not None

    def get(self, subject_id: UUID) -> SubjectRecord | None:
        return self._records.get(subject_id)

    def find_by_nik(self, nik: str) -> SubjectRecord | None:
        return next((r for r in self._records.values() if r.data.nik == nik), None)


def _row_to_record(row: Any) -> SubjectRecord:
    return SubjectRecord(
        subject_id=UUID(str(row["subject_id"])),
        kind=SubjectKind(row["kind"]),
        data=PersonalData.model_validate(json.loads(row["data"])),
    )


class _SqlSubjects(SubjectStore):
    """The subject table in the event store's own database, through its datastore."""

    def __init__(self, datastore: Any, *, placeholder: str, table: str) -> None:
        self._datastore = datastore
        self._p = placeholder
        self._table = table
        with datastore.transaction(commit=True) as cursor:
            cursor.execute(
                f"CREATE TABLE IF NOT EXISTS {table} ("
                "subject_id TEXT PRIMARY KEY, kind TEXT NOT NULL, nik TEXT UNIQUE, "
                "data TEXT NOT NULL)"
            )

    def _insert(self, record: SubjectRecord) -> None:
        self.put_many([record])

    def put_many(self, records: Iterable[SubjectRecord]) -> None:
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

    def erase(self, subject_id: UUID) -> bool:
        existed = self.get(subject_id) is not None
        with self._datastore.transaction(commit=True) as cursor:
            if self._p == "?":  # SQLite: overwrite the freed bytes, not just unlink them
                cursor.execute("PRAGMA secure_delete = ON")
            cursor.execute(
                f"DELETE FROM {self._table} WHERE subject_id = {self._p}", (str(subject_id),)
            )
        if self._p == "?":
            with self._datastore.transaction(commit=False) as cursor:
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # drop old pages from the WAL
        return existed

    def _one(self, column: str, value: str) -> SubjectRecord | None:
        with self._datastore.transaction(commit=False) as cursor:
            cursor.execute(
                f"SELECT subject_id, kind, data FROM {self._table} WHERE {column} = {self._p}",
                (value,),
            )
            row = cursor.fetchone()
        return None if row is None else _row_to_record(row)

    def get(self, subject_id: UUID) -> SubjectRecord | None:
        return self._one("subject_id", str(subject_id))

    def has(self, subject_id: UUID) -> bool:
        with self._datastore.transaction(commit=False) as cursor:
            cursor.execute(
                f"SELECT 1 FROM {self._table} WHERE subject_id = {self._p}", (str(subject_id),)
            )
            return cursor.fetchone() is not None

    def find_by_nik(self, nik: str) -> SubjectRecord | None:
        return self._one("nik", nik)

    def get_many(self, subject_ids: Iterable[UUID]) -> dict[UUID, SubjectRecord]:
        rows = self._select_in("subject_id", {str(s) for s in subject_ids})
        return {r.subject_id: r for r in map(_row_to_record, rows)}

    def find_many_by_nik(self, niks: Iterable[str]) -> dict[str, SubjectRecord]:
        records = map(_row_to_record, self._select_in("nik", set(niks)))
        return {r.data.nik: r for r in records if r.data.nik is not None}

    def _select_in(self, column: str, values: set[str]) -> list[Any]:
        wanted = sorted(values)
        rows: list[Any] = []
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ", ".join([self._p] * len(chunk))
            with self._datastore.transaction(commit=False) as cursor:
                cursor.execute(
                    f"SELECT subject_id, kind, data FROM {self._table} WHERE {column} IN ({marks})",
                    tuple(chunk),
                )
                rows.extend(cursor.fetchall())
        return rows


def open_subject_store(kind: str, recorder: Any) -> SubjectStore:
    """The subject store that lives beside ``recorder``'s tables."""
    if kind == "sqlite":
        return _SqlSubjects(recorder.datastore, placeholder="?", table=_TABLE)
    if kind == "postgres":
        datastore = recorder.datastore
        return _SqlSubjects(datastore, placeholder="%s", table=f"{datastore.schema}.{_TABLE}")
    return _MemorySubjects()
