"""SQLite: the embedded default store (eventsourcing's SQLite recorders, hash-chained)."""

from __future__ import annotations

from certflow.adapters.sqlite.backend import SQLiteBackend
from certflow.adapters.sqlite.recorders import ChainedSQLiteApplicationRecorder, SQLiteViewStore
from certflow.adapters.sqlite.webhooks import SQLiteWebhookStore, private_webhook_store

__all__ = [
    "ChainedSQLiteApplicationRecorder",
    "SQLiteBackend",
    "SQLiteViewStore",
    "SQLiteWebhookStore",
    "private_webhook_store",
]
