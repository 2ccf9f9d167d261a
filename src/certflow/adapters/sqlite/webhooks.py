"""Webhook subscriptions in the SQLite file of the event store (or a private memory database)."""

from __future__ import annotations

from uuid import uuid4

from eventsourcing.sqlite import SQLiteDatastore, SQLiteTrackingRecorder

from certflow.adapters.sql.webhooks import WEBHOOK_TABLES, SqlWebhooks

__all__ = ["SQLiteWebhookStore", "private_webhook_store"]


class SQLiteWebhookStore(SqlWebhooks, SQLiteTrackingRecorder):
    """Subscriptions, deliveries and checkpoints (eventsourcing's ``tracking`` table)."""

    def __init__(
        self, datastore: SQLiteDatastore, *, store_name: str, private: bool = False
    ) -> None:
        super().__init__(datastore)
        self._prefix = ""
        self._mark = "?"
        self._store_name = store_name
        self._private = private

    def construct_create_table_statements(self) -> list[str]:
        """The tracking table (eventsourcing's), then the subscriptions' tables."""
        return [
            *super().construct_create_table_statements(),
            *(t.format(p="") for t in WEBHOOK_TABLES),
        ]

    def close(self) -> None:
        """Close a private datastore; the event store's own is closed by the application."""
        if self._private:
            self.datastore.close()


def private_webhook_store(store_name: str) -> SQLiteWebhookStore:
    """Subscriptions in a private in-memory database (for a ``memory://`` store)."""
    name = f"file:certflow-webhooks-{uuid4().hex}?mode=memory&cache=shared"
    store = SQLiteWebhookStore(SQLiteDatastore(name), store_name=store_name, private=True)
    store.create_table()
    return store
