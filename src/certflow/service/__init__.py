"""certflow as a service: the HTTP API, the event feed and the public verification page.

Needs the ``service`` extra (FastAPI, uvicorn). :func:`create_app` builds the ASGI app;
``certflow serve`` runs it.
"""

from __future__ import annotations

from certflow.service.app import app_from_environment, create_app, openapi_document
from certflow.service.feed import FEED_ROLES, may_read_feed
from certflow.service.feed_events import source_of
from certflow.service.openapi import openapi_json, openapi_markdown
from certflow.service.principals import Principal
from certflow.service.settings import OidcSettings, ServiceSettings, load_settings
from certflow.service.webhooks import (
    new_subscription,
    require_manager,
    sign,
    signature_headers,
    verify_signature,
)
from certflow.service.webhooks_delivery import RetryPolicy, WebhookRunner

__all__ = [
    "FEED_ROLES",
    "OidcSettings",
    "Principal",
    "RetryPolicy",
    "ServiceSettings",
    "WebhookRunner",
    "app_from_environment",
    "create_app",
    "load_settings",
    "may_read_feed",
    "new_subscription",
    "openapi_document",
    "openapi_json",
    "openapi_markdown",
    "require_manager",
    "sign",
    "signature_headers",
    "source_of",
    "verify_signature",
]
