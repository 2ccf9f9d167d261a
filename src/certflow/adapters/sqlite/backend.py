"""The SQLite store: subjects and read models in the event store's own file."""

from __future__ import annotations

import dataclasses
import os
import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager, closing, contextmanager, nullcontext
from pathlib import Path
from typing import Any
from urllib.parse import quote

from certflow.adapters.sql.subjects import SUBJECTS, SqlSubjects
from certflow.adapters.sql.views import VIEW_TABLES
from certflow.adapters.sqlite.erasure import SQLitePurger
from certflow.adapters.sqlite.recorders import SQLiteViewStore
from certflow.adapters.store_errors import (
    missing_store,
    not_certflow,
    read_only_store,
    unavailable,
)
from certflow.application.ports import SubjectStore, ViewStore
from certflow.application.settings import StoreSettings
from certflow.engine import StoreUnavailableError, Text

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

__all__ = ["SQLiteBackend"]

EVENTS_TABLE = "stored_events"
"""eventsourcing's events table: a file without it holds no certflow store."""
VIEW_KEPT = {"tracking", *(table for tables in VIEW_TABLES.values() for table in tables)}
"""The read models' tables (an older store has none until a command writes to it)."""


class SQLiteBackend:
    """A SQLite file (or ``sqlite://`` in memory): one database holds everything."""

    subscribes = False
    """SQLite cannot wake a waiting reader: the read-model runner polls."""

    def __init__(self, settings: StoreSettings) -> None:
        self.settings = settings
        self._views_kept = True
        """Whether the file has the read models' tables (an older one may not)."""

    def setup_lock(self) -> AbstractContextManager[None]:
        """An exclusive ``flock`` on the file while its tables are made (none read-only).

        Processes opening a fresh file at once would otherwise race in SQLite's switch to WAL
        ("database is locked", which waits for no busy timeout) and in eventsourcing's
        tracking-table migration ("Failed to record tracking for __migration__ 1"). The lock is
        on a file of its own beside the store (``certflow.db.lock``), never on the database file:
        closing any descriptor of that file would drop every POSIX lock SQLite holds on it in this
        process, and a process keeping the store open (a service worker) would then be taken for
        gone by the next writer, which resets the WAL under it (stale reads, then a malformed
        database). Where there is no ``fcntl`` (Windows) openers are not serialised.
        """
        path = self.settings.path
        if self.settings.readonly or not path or path == ":memory:" or fcntl is None:
            return nullcontext()
        return _flocked(Path(path))

    def probe(self) -> None:
        """Check the file is there as the settings ask, and say how to open it.

        A folder, a missing folder, a missing file (unless it is to be created) or a file that
        is not a certflow store is refused. A store that must exist is opened as a URI with
        SQLite's ``mode=rw`` (never created behind the check's back) or, read-only, ``mode=ro``; a
        read-only copy in a folder where SQLite cannot make its shared-memory file is opened
        ``immutable`` (nobody can be writing it).
        """
        settings = self.settings
        path = settings.path
        if not path or path == ":memory:":
            return
        file = Path(path)
        shown = settings.display
        if file.is_dir():
            raise StoreUnavailableError(
                shown,
                Text(
                    "that is a folder, not a store file; name the file, e.g. sqlite:///{value}",
                    value=file / "certflow.db",
                ),
            )
        if not file.parent.is_dir():
            raise StoreUnavailableError(
                shown,
                Text(
                    "the folder {file_parent} does not exist; create it first or check the path",
                    file_parent=file.parent,
                ),
            )
        exists = file.exists()
        if not exists and (settings.readonly or not settings.create):
            raise missing_store(shown)
        if not exists:
            return  # created by eventsourcing on open
        uri = f"file:{quote(str(file.resolve()), safe='/')}"
        mode = "?mode=ro" if settings.readonly else "?mode=rw"
        tables = _tables(uri + "?mode=ro", shown)
        if tables is None:  # no shared memory can be made beside it: a read-only copy
            tables = _tables(uri + "?mode=ro&immutable=1", shown)
            mode = "?mode=ro&immutable=1"
            if not settings.readonly and tables is not None:
                raise read_only_store(shown)
        if tables is None:
            raise missing_store(shown)
        if EVENTS_TABLE not in tables:
            if settings.create and not settings.readonly and not tables:
                return  # an empty database becomes a store
            raise not_certflow(shown)
        if not settings.readonly and not os.access(file, os.W_OK):
            raise read_only_store(shown)
        self._views_kept = tables >= VIEW_KEPT
        if settings.create:
            return  # opened by its path, as it always was
        env = {**settings.env, "SQLITE_DBNAME": uri + mode}
        if settings.readonly:
            env["CREATE_TABLE"] = "false"
        self.settings = dataclasses.replace(settings, env=env)

    def subject_store(self, recorder: Any) -> SubjectStore:
        """The subject table in the event store's file (erasures overwrite the freed pages)."""
        wait = float(self.settings.env.get("CERTFLOW_ERASE_WAIT", "5"))
        pool = recorder.datastore.pool
        purger = SQLitePurger(
            self.settings.path or pool.db_name, wait=wait, memory=pool.is_sqlite_memory_mode
        )
        return SqlSubjects(
            recorder.datastore,
            placeholder="?",
            table=SUBJECTS,
            secure_delete=True,
            purger=purger,
            create=not self.settings.readonly,
        )

    def view_store(self, recorder: Any) -> ViewStore | None:
        """The views in the event store's file; ``None`` for an older file opened read-only."""
        if self.settings.readonly and not self._views_kept:
            return None
        views = SQLiteViewStore(recorder.datastore, events_table=recorder.events_table_name)
        if not self.settings.readonly:
            views.create_table()
        return views


@contextmanager
def _flocked(path: Path) -> Iterator[None]:
    """Hold an exclusive ``flock`` on ``path``'s lock file, ``<path>.lock`` (made if missing)."""
    assert fcntl is not None
    with path.with_name(path.name + ".lock").open("ab") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _tables(uri: str, shown: str) -> set[str] | None:
    """The tables of the database at ``uri``; ``None`` when SQLite cannot open it so."""
    try:
        with closing(sqlite3.connect(uri, uri=True)) as db:
            rows = db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    except sqlite3.OperationalError as error:
        if "unable to open" in str(error):
            return None
        raise unavailable(error, shown) or error from None
    except sqlite3.DatabaseError as error:  # not a database at all
        raise unavailable(error, shown) or error from None
    return {str(name) for (name,) in rows}
