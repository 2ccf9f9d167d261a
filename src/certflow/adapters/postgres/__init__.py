"""PostgreSQL: the shared store (the ``postgres`` extra), hash-chained, one schema per store."""

from __future__ import annotations

from certflow.adapters.postgres.backend import PostgresBackend, schema_lock
from certflow.adapters.postgres.recorders import (
    ChainedPostgresApplicationRecorder,
    PostgresViewStore,
)

__all__ = [
    "ChainedPostgresApplicationRecorder",
    "PostgresBackend",
    "PostgresViewStore",
    "schema_lock",
]
