"""Erasure on PostgreSQL: the subject table rewritten once no snapshot can still see the rows.

A deleted row stays in its heap page, and its keys in the index pages, until a vacuum; a plain
``VACUUM`` frees the space but can leave the bytes in the page's free area, so
:class:`PostgresPurger` runs ``VACUUM FULL``, which writes the table and its indexes to new files
and unlinks the old ones. It cannot drop a row that a transaction begun before the erasure may
still read, so it first waits, for a bounded time, until none is left; then it says what remains
instead of claiming success. Backups, replicas and the WAL archive are beyond its reach.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

import psycopg

from certflow.engine import Text

__all__ = ["PostgresPurger"]

_OLDER = """
SELECT
  (SELECT count(*) FROM pg_stat_activity
    WHERE pid <> pg_backend_pid() AND (datname = current_database() OR datname IS NULL)
      AND backend_type <> 'autovacuum worker'
      AND (backend_xmin IS NOT NULL AND age(backend_xmin) >= age(%(mark)s::xid)
        OR backend_xid IS NOT NULL AND age(backend_xid) >= age(%(mark)s::xid)))
  + (SELECT count(*) FROM pg_prepared_xacts
    WHERE database = current_database() AND age(transaction) >= age(%(mark)s::xid))
  + (SELECT count(*) FROM pg_replication_slots
    WHERE xmin IS NOT NULL AND age(xmin) >= age(%(mark)s::xid)) AS holders,
  (SELECT count(*) FROM pg_stat_activity
    WHERE datname = current_database() AND query = '<insufficient privilege>') AS hidden
"""
"""Sessions whose snapshot or running transaction id (both hold back vacuum's horizon), prepared
transactions and replication slots, as old as ``mark`` or older."""


class PostgresPurger:
    """Waits out older snapshots, then ``VACUUM FULL`` of the subject table."""

    def __init__(self, datastore: Any, table: str, *, wait: float) -> None:
        self._datastore = datastore
        self._table = table
        self._wait = wait

    def __call__(self, needles: Sequence[bytes], thorough: bool) -> tuple[Text, ...]:
        """Rewrite the table once nothing can read the erased rows; else what remains."""
        deadline = time.monotonic() + self._wait
        with self._datastore.get_connection() as conn:
            autocommit = conn.autocommit
            conn.autocommit = True  # VACUUM cannot run inside a transaction
            try:
                return self._purge(conn, deadline)
            finally:
                conn.execute("RESET lock_timeout")
                conn.autocommit = autocommit

    def _purge(self, conn: Any, deadline: float) -> tuple[Text, ...]:
        mark = str(int(_first(conn.execute("SELECT txid_current()").fetchone())) % 2**32)
        while True:
            row = conn.execute(_OLDER, {"mark": mark}).fetchone()
            holders, hidden = _pair(row)
            if hidden:
                return (_HIDDEN,)
            if not holders:
                break
            if time.monotonic() >= deadline:
                return (_older(holders),)
            time.sleep(0.05)
        left = max(int((deadline - time.monotonic()) * 1000), 100)
        conn.execute(f"SET lock_timeout = '{left}ms'")
        try:
            conn.execute(f"VACUUM FULL {self._table}")
        except psycopg.errors.LockNotAvailable:
            return (_LOCKED,)
        return ()


def _first(row: Any) -> Any:
    return next(iter(row.values())) if isinstance(row, dict) else row[0]


def _pair(row: Any) -> tuple[int, int]:
    if isinstance(row, dict):
        return int(row["holders"]), int(row["hidden"])
    return int(row[0]), int(row[1])


def _older(count: int) -> Text:
    return Text(
        "subject table pages: {count} transaction(s) begun before the "
        "erasure can still read the erased rows",
        count=count,
    )


_HIDDEN = Text(
    "other roles' transactions are hidden from the store's role "
    "(grant it pg_read_all_stats); the subject table's pages were "
    "not rewritten",
)
_LOCKED = Text("subject table pages: another transaction holds a lock on the subject table")
