"""certflow as a service: the HTTP API, the event feed and the public verification page.

Needs the ``service`` extra (FastAPI, uvicorn). :func:`create_app` builds the ASGI app;
``certflow serve`` runs it.
"""

from __future__ import annotations

from certflow.service.app import app_from_environment, create_app, openapi_document
from certflow.service.context import open_state
from certflow.service.openapi import openapi_json, openapi_markdown
from certflow.service.principals import Principal
from certflow.service.settings import OidcSettings, ServiceSettings, load_settings

__all__ = [
    "OidcSettings",
    "Principal",
    "ServiceSettings",
    "app_from_environment",
    "create_app",
    "load_settings",
    "open_state",
    "openapi_document",
    "openapi_json",
    "openapi_markdown",
]
