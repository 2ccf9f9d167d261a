"""The SQLite store: subjects and read models in the event store's own file."""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from typing import Any

from certflow.adapters.sql.subjects import SUBJECTS, SqlSubjects
from certflow.adapters.sqlite.erasure import SQLitePurger
from certflow.adapters.sqlite.recorders import SQLiteViewStore
from certflow.application.ports import SubjectStore, ViewStore
from certflow.application.settings import StoreSettings

__all__ = ["SQLiteBackend"]


class SQLiteBackend:
    """A SQLite file (or ``sqlite://`` in memory): one database holds everything."""

    subscribes = False
    """SQLite cannot wake a waiting reader: the read-model runner polls."""

    def __init__(self, settings: StoreSettings) -> None:
        self.settings = settings

    def setup_lock(self) -> AbstractContextManager[None]:
        """Nothing to hold: SQLite's own write lock serialises table creation."""
        return nullcontext()

    def subject_store(self, recorder: Any) -> SubjectStore:
        """The subject table in the event store's file (erasures overwrite the freed pages)."""
        wait = float(self.settings.env.get("CERTFLOW_ERASE_WAIT", "5"))
        pool = recorder.datastore.pool
        purger = SQLitePurger(pool.db_name, wait=wait, memory=pool.is_sqlite_memory_mode)
        return SqlSubjects(
            recorder.datastore, placeholder="?", table=SUBJECTS, secure_delete=True, purger=purger
        )

    def view_store(self, recorder: Any) -> ViewStore:
        """The views in the event store's file."""
        views = SQLiteViewStore(recorder.datastore)
        views.create_table()
        return views
