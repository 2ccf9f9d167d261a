"""The signed checkpoint log's SQL, shared by the SQLite and PostgreSQL recorders.

``certflow_checkpoints`` holds one row per signed checkpoint: the tree size, the notification
id of its last event, the Merkle frontier at that size (so the next checkpoint reads only the
events after it) and the signed note. ``certflow_store`` holds the store's id, made once.
"""

from __future__ import annotations

import uuid
from typing import Any

from certflow.adapters.sql.chain import Chainer
from certflow.adapters.sql.reading import OneStatementReads
from certflow.application.view_rows import LoggedCheckpoint

__all__ = ["CHECKPOINTS", "STORE", "CheckpointLog", "checkpoint_log_statements"]

CHECKPOINTS = "certflow_checkpoints"
STORE = "certflow_store"


def checkpoint_log_statements(prefix: str, blob: str) -> list[str]:
    """The DDL of the checkpoint log and store id tables (``prefix``: ``schema.`` or empty)."""
    return [
        f"CREATE TABLE IF NOT EXISTS {prefix}{CHECKPOINTS} (size BIGINT PRIMARY KEY, "
        f"last_notification_id BIGINT NOT NULL, frontier {blob} NOT NULL, note TEXT NOT NULL)",
        f"CREATE TABLE IF NOT EXISTS {prefix}{STORE} (id INTEGER PRIMARY KEY CHECK (id = 1), "
        "store_id TEXT NOT NULL)",
    ]


class CheckpointLog(OneStatementReads):
    """Mixed into a chained recorder: the store id and the signed checkpoint log."""

    chainer: Chainer
    log_prefix: str
    log_mark: str

    def keep_records(self) -> None:
        """Keep the record hashes this process commits, so checkpoints need not read them."""
        self.chainer.keeping = True

    def recent_records(self, after: int, last: int) -> list[tuple[int, bytes]] | None:
        """The kept (notification id, record hash) of every event in ``(after, last]``.

        ``None`` when this process did not write them all.
        """
        return self.chainer.recent_records(after, last)

    def forget_records(self, upto: int) -> None:
        """Drop the kept record hashes up to notification ``upto``."""
        self.chainer.forget(upto)

    def store_id(self) -> str:
        """The store's id: made (a random UUID) the first time it is asked for, then kept.

        Read once per process: the row is written once and never changed by certflow.
        """
        known: str | None = getattr(self, "_store_id", None)
        if known is not None:
            return known
        m, table = self.log_mark, f"{self.log_prefix}{STORE}"
        with self._reading() as cursor:  # read-only stores too
            cursor.execute(f"SELECT store_id FROM {table} WHERE id = 1")
            row = cursor.fetchone()
        if row is not None:
            self._store_id = str(row["store_id"])
            return self._store_id
        with self.datastore.transaction(commit=True) as cursor:
            cursor.execute(
                f"INSERT INTO {table} (id, store_id) VALUES (1, {m}) ON CONFLICT (id) DO NOTHING",
                (str(uuid.uuid4()),),
            )
            cursor.execute(f"SELECT store_id FROM {table} WHERE id = 1")
            self._store_id = str(cursor.fetchone()["store_id"])
        return self._store_id

    def append_checkpoint(self, entry: LoggedCheckpoint) -> bool:
        """Add a checkpoint; ``False`` when one of that size is already logged."""
        m = self.log_mark
        with self.datastore.transaction(commit=True) as cursor:
            cursor.execute(
                f"INSERT INTO {self.log_prefix}{CHECKPOINTS} (size, last_notification_id, "
                f"frontier, note) VALUES ({m}, {m}, {m}, {m}) ON CONFLICT (size) DO NOTHING "
                "RETURNING size",
                (entry.size, entry.last_notification_id, entry.frontier, entry.note),
            )
            return bool(cursor.fetchall())

    def logged_checkpoints(self) -> list[LoggedCheckpoint]:
        """Every logged checkpoint, smallest first."""
        with self._reading() as cursor:
            cursor.execute(
                "SELECT size, last_notification_id, frontier, note "
                f"FROM {self.log_prefix}{CHECKPOINTS} ORDER BY size"
            )
            return [_entry(row) for row in cursor.fetchall()]

    def last_checkpoint(self) -> LoggedCheckpoint | None:
        """The largest logged checkpoint, or ``None``."""
        with self._reading() as cursor:
            cursor.execute(
                "SELECT size, last_notification_id, frontier, note "
                f"FROM {self.log_prefix}{CHECKPOINTS} ORDER BY size DESC LIMIT 1"
            )
            row = cursor.fetchone()
        return None if row is None else _entry(row)


def _entry(row: Any) -> LoggedCheckpoint:
    return LoggedCheckpoint(
        int(row["size"]), int(row["last_notification_id"]), bytes(row["frontier"]), str(row["note"])
    )
