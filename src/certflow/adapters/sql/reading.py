"""One-statement reads, outside a transaction where the database allows it.

eventsourcing's PostgreSQL pool hands out connections in autocommit, so a single ``SELECT``
needs no transaction. Inside one (``datastore.transaction(commit=False)``) it costs a ``BEGIN``
and a ``ROLLBACK`` more, and at a ``ROLLBACK`` psycopg forgets every statement it has prepared
on that connection: each command that next uses the connection prepares its statements again,
one more round trip apiece, and a ``DEALLOCATE ALL`` is sent first. Two such reads a
certification (the subject's row at registration and at printing) made about 190 extra prepares
in 405 commands (docs/performance.md, "Command path, second pass").

SQLite has no such cost and eventsourcing's SQLite datastore has no cursor outside a
transaction, so reads there stay in a transaction rolled back.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any

__all__ = ["OneStatementReads", "read_cursor"]


def read_cursor(datastore: Any, *, autocommit: bool) -> AbstractContextManager[Any]:
    """A cursor for a read of one statement.

    ``autocommit``: the datastore's connections autocommit (PostgreSQL): read outside any
    transaction; else read in a transaction rolled back.
    """
    if autocommit:
        return datastore.cursor()  # type: ignore[no-any-return]
    return datastore.transaction(commit=False)  # type: ignore[no-any-return]


class OneStatementReads:
    """Mixed into a recorder: :meth:`_reading` gives the cursor for its one-statement reads."""

    datastore: Any
    autocommit_reads: bool = False
    """The datastore's connections autocommit (PostgreSQL's pool): read outside a transaction."""

    def _reading(self) -> AbstractContextManager[Any]:
        """A cursor for a one-statement read (outside a transaction where reads autocommit)."""
        return read_cursor(self.datastore, autocommit=self.autocommit_reads)
