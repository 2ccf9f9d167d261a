"""The in-memory store (``memory://``): eventsourcing's POPO recorders, for tests and trials.

Events live in eventsourcing's plain-Python recorder and personal data in a dict. The read
models keep their tables in a private in-memory SQLite database (SQLite ships with Python), so
they answer exactly as they do on a file.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from typing import Any
from uuid import UUID, uuid4

from eventsourcing.sqlite import SQLiteDatastore

from certflow.adapters.sqlite.recorders import SQLiteViewStore
from certflow.application.ports import SubjectStore, ViewStore
from certflow.application.settings import StoreSettings
from certflow.application.subjects import SubjectRecord
from certflow.engine import InvalidInputError, Text

__all__ = ["MemoryBackend", "MemorySubjects", "private_view_store"]


class MemorySubjects(SubjectStore):
    """Personal data in a dict: gone when the process ends."""

    def __init__(self) -> None:
        self._records: dict[UUID, SubjectRecord] = {}

    def _insert(self, record: SubjectRecord) -> None:
        if record.subject_id in self._records:
            raise InvalidInputError(
                [
                    Text(
                        "subject {record_subject_id} is already on file",
                        record_subject_id=record.subject_id,
                    )
                ]
            )
        self._records[record.subject_id] = record

    def erase(self, subject_id: UUID) -> bool:
        """Delete the subject's personal data; return whether there was any."""
        return self._records.pop(subject_id, None) is not None

    def get(self, subject_id: UUID) -> SubjectRecord | None:
        """Return the record, or ``None``."""
        return self._records.get(subject_id)

    def find_by_nik(self, nik: str) -> SubjectRecord | None:
        """Return the record of the person with this NIK, or ``None``."""
        return next((r for r in self._records.values() if r.data.nik == nik), None)


class MemoryBackend:
    """Everything in this process's memory: nothing survives :meth:`close`."""

    subscribes = False
    """The read-model runner polls."""

    def __init__(self, settings: StoreSettings) -> None:
        self.settings = settings

    def setup_lock(self) -> AbstractContextManager[None]:
        """Nothing to hold: no other process sees this store."""
        return nullcontext()

    def probe(self) -> None:
        """Nothing to check: a memory store is made on open, and always there."""

    def subject_store(self, recorder: Any) -> SubjectStore:
        """A dict of personal data."""
        return MemorySubjects()

    def view_store(self, recorder: Any) -> ViewStore:
        """A private in-memory SQLite database for the views, closed with the store."""
        return private_view_store()


def private_view_store() -> ViewStore:
    """Empty views in a private in-memory SQLite database, closed with the store.

    Also the scratch space of ``projections check`` on every backend.
    """
    name = f"file:certflow-views-{uuid4().hex}?mode=memory&cache=shared"
    views = SQLiteViewStore(SQLiteDatastore(name), private=True)
    views.create_table()
    return views
