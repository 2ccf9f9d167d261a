"""Erasure on SQLite: the WAL checkpointed and truncated, the file scanned for what was erased.

A deleted row (with ``secure_delete`` on, its cells and freed pages are zeroed) is first written
to the write-ahead log; the main file keeps the old page until a checkpoint copies the new one
over it, and the log keeps old frames until it is truncated. Neither can happen while another
connection's read transaction still uses those pages. :class:`SQLitePurger` retries for a
bounded time, then says what remains instead of claiming success.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path

from certflow.engine import Text

__all__ = ["SQLitePurger", "files_holding"]

_CHUNK = 1 << 20


def files_holding(paths: Sequence[Path], needles: Sequence[bytes]) -> list[str]:
    """The names of the files among ``paths`` in which any of ``needles`` occurs."""
    if not needles:
        return []
    overlap = max(len(n) for n in needles) - 1
    found = []
    for path in paths:
        if not path.exists():
            continue
        with path.open("rb") as file:
            tail = b""
            while chunk := file.read(_CHUNK):
                window = tail + chunk
                if any(n in window for n in needles):
                    found.append(path.name)
                    break
                tail = window[-overlap:] if overlap else b""
    return found


class SQLitePurger:
    """Checkpoints and truncates the WAL (vacuuming when needed); returns what may remain."""

    def __init__(self, db_name: str, *, wait: float, memory: bool = False) -> None:
        self._db_name = db_name
        self._memory = memory
        """An in-memory database: nothing on disk to purge."""
        self._wait = wait
        """Seconds to keep retrying while another connection holds old pages."""

    def _files(self) -> list[Path]:
        main = Path(self._db_name)
        return [main, Path(f"{main}-wal"), Path(f"{main}-shm")]

    def __call__(self, needles: Sequence[bytes], thorough: bool) -> tuple[Text, ...]:
        """Make freed bytes unreadable; ``thorough`` (nothing to scan for) vacuums the file."""
        if self._memory:
            return ()  # nothing on disk
        deadline = time.monotonic() + self._wait
        db = sqlite3.connect(self._db_name, timeout=min(self._wait, 1.0), isolation_level=None)
        with closing(db):
            db.execute("PRAGMA secure_delete = ON")
            vacuumed = False
            while True:
                busy, log, copied = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
                if busy == 0 and log == copied:  # (0, 0, 0): the log is empty again
                    free = db.execute("PRAGMA freelist_count").fetchone()[0]
                    found = files_holding(self._files(), needles)
                    if not (found or ((thorough or free) and not vacuumed)):
                        return ()
                    if vacuumed:
                        return (_found_after_vacuum(found),)
                    problem = _vacuum(db)
                    if problem is not None:
                        return (problem,)
                    vacuumed = True
                    continue
                if time.monotonic() >= deadline:
                    return (_held(max(log, 0), max(copied, 0)),)
                time.sleep(0.05)


def _vacuum(db: sqlite3.Connection) -> Text | None:
    try:
        db.execute("VACUUM")  # rebuilds the file: no stale copy survives in free space
    except sqlite3.OperationalError as error:
        return Text(
            "VACUUM could not run ({error}); old copies may remain in the main file",
            error=error,
        )
    return None


def _held(log: int, copied: int) -> Text:
    return Text(
        "main file and WAL: {copied} of {log} WAL frames copied to the "
        "main file; another connection still holds a read transaction on "
        "old pages",
        copied=copied,
        log=log,
    )


def _found_after_vacuum(found: list[str]) -> Text:
    names = ", ".join(found)
    return Text("the erased data is still readable in {names} after VACUUM", names=names)
