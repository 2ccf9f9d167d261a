"""SQL shared by the SQLite and PostgreSQL adapters: only the placeholder and schema differ."""

from __future__ import annotations

from certflow.adapters.sql.webhooks import Delivery, SqlWebhooks, Subscription, WebhookRequest

__all__ = ["Delivery", "SqlWebhooks", "Subscription", "WebhookRequest"]
