"""PostgreSQL: the shared store (the ``postgres`` extra), hash-chained, one schema per store."""

from __future__ import annotations

from certflow.adapters.extras import require

require("postgres", "psycopg", "psycopg_pool")

from certflow.adapters.postgres.backend import PostgresBackend, schema_lock  # noqa: E402
from certflow.adapters.postgres.recorders import (  # noqa: E402
    ChainedPostgresApplicationRecorder,
    PostgresViewStore,
)
from certflow.adapters.postgres.webhooks import PostgresWebhookStore  # noqa: E402

__all__ = [
    "ChainedPostgresApplicationRecorder",
    "PostgresBackend",
    "PostgresViewStore",
    "PostgresWebhookStore",
    "schema_lock",
]
