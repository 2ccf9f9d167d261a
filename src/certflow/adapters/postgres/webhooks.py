"""Webhook subscriptions in the PostgreSQL schema of the event store."""

from __future__ import annotations

from typing import Any

from eventsourcing.postgres import PostgresTrackingRecorder
from psycopg.sql import SQL

from certflow.adapters.sql.webhooks import WEBHOOK_TABLES, SqlWebhooks

__all__ = ["PostgresWebhookStore"]


class PostgresWebhookStore(SqlWebhooks, PostgresTrackingRecorder):
    """Subscriptions, deliveries and checkpoints (tracking table ``certflow_webhook_tracking``)."""

    def __init__(self, datastore: Any, *, store_name: str) -> None:
        super().__init__(datastore, tracking_table_name="certflow_webhook_tracking")
        self._prefix = f"{datastore.schema}."
        self._mark = "%s"
        self._store_name = store_name
        for table in WEBHOOK_TABLES:
            self.sql_create_statements.append(SQL(table.format(p=self._prefix)))  # type: ignore[arg-type]

    def close(self) -> None:
        """Nothing to release: the pool is the event store's, closed by the application."""
