"""What a database driver's error means to the person running certflow.

SQLite (``sqlite3``), PostgreSQL (``psycopg``, ``psycopg_pool``) and eventsourcing's own
wrappers of both raise errors that name a symptom ("unable to open database file", "connection
refused", "attempt to write a readonly database"). :func:`unavailable` turns the ones that say
the store cannot be used into a :class:`~certflow.engine.StoreUnavailableError` whose sentence
says what is wrong and what to do; anything else (a bug, a conflict) is left alone.
"""

from __future__ import annotations

import re
import sqlite3
import sys

from eventsourcing.persistence import (
    DatabaseError,
    IntegrityError,
    InterfaceError,
    InternalError,
    OperationalError,
    PersistenceError,
    ProgrammingError,
)

from certflow.engine import StoreUnavailableError, Text

__all__ = ["missing_store", "not_certflow", "read_only_store", "unavailable"]

CREATE_HINT = Text(
    "create one with certflow init or certflow demo, or check --store / CERTFLOW_STORE",
)
"""What to do about a store that is not there."""


def missing_store(store: str) -> StoreUnavailableError:
    """The store does not exist (and was not to be created)."""
    return StoreUnavailableError(store, Text("there is no store here; ") + CREATE_HINT)


def not_certflow(store: str) -> StoreUnavailableError:
    """The database exists but holds no certflow store."""
    return StoreUnavailableError(
        store,
        Text("this is not a certflow store (it has no event table); ") + CREATE_HINT,
    )


def read_only_store(store: str) -> StoreUnavailableError:
    """The store can only be read, and the command writes."""
    return StoreUnavailableError(store, _SIGNS[0][1])


_SIGNS: tuple[tuple[str, Text], ...] = (
    (
        r"read-?only|read only",
        Text(
            "the store is read-only and this command writes; run it on the "
            "writable store (reading commands work on a read-only copy)",
        ),
    ),
    (
        r"locked|lock.timeout",
        Text(
            "the store is locked by another process; try again when it has "
            "finished, or raise lock_timeout in the store URL",
        ),
    ),
    (
        r"password|role \"|authentication|pg_hba\.conf|permission denied for",
        Text(
            "PostgreSQL refused this user; check the user name and password "
            "in the URL (or PGUSER / PGPASSWORD) and its privileges",
        ),
    ),
    (
        r"database \".*\" does not exist",
        Text(
            "that database does not exist on the server; create it first "
            "(createdb NAME) or check the database name in the URL",
        ),
    ),
    (
        r"connection refused|could not connect|connection failed|timeout expired|couldn't get a "
        r"connection|could not translate host|no route|server closed the connection|unreachable",
        Text(
            "the PostgreSQL server does not answer; check that it is "
            "running, and the host and port in the URL",
        ),
    ),
    (
        r"unable to open|cannot open|disk i/o|not a database|malformed",
        Text(
            "the SQLite file cannot be opened as a store; check its path and "
            "permissions, and that it is a certflow store file",
        ),
    ),
    (
        r"no such table|relation \".*\" does not exist|undefinedtable",
        Text(
            "certflow's tables are missing: this is not a certflow store, or "
            "an older version made it; open it once with a command that "
            "writes",
        ),
    ),
)
"""A pattern of a driver's (lower-cased) message, most telling first, and what it means."""


def _driver_errors() -> tuple[type[BaseException], ...]:
    found: list[type[BaseException]] = [sqlite3.Error]
    psycopg = sys.modules.get("psycopg")
    if psycopg is not None:  # loaded only for a PostgreSQL store
        found.append(psycopg.Error)
    pool = sys.modules.get("psycopg_pool")
    if pool is not None:
        found.append(pool.PoolTimeout)
    return tuple(found)


def unavailable(error: BaseException, store: str) -> StoreUnavailableError | None:
    """The store-unavailable error ``error`` stands for, or ``None`` when it is something else.

    Conflicts (``IntegrityError``) and programming errors that do not name a missing table are
    not the store's state and are left to the caller.
    """
    if isinstance(error, StoreUnavailableError):
        return error
    if isinstance(error, IntegrityError) or type(error).__name__ == "UniqueViolation":
        return None
    wrapped = (InterfaceError, OperationalError, InternalError, DatabaseError, PersistenceError)
    if not isinstance(error, (*wrapped, *_driver_errors())):
        return None
    detail = " ".join(str(error).split()) or type(error).__name__
    lowered = f"{type(error).__name__} {detail}".lower()
    if isinstance(error, ProgrammingError) and not any(
        sign in lowered for sign in ("no such table", "relation", "read-only", "readonly")
    ):
        return None
    for signs, meaning in _SIGNS:
        if re.search(signs, lowered):
            return StoreUnavailableError(store, meaning + Text(" ({detail})", detail=detail))
    return StoreUnavailableError(
        store,
        Text("the store cannot be used: {detail}", detail=detail),
    )
