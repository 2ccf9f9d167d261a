"""The service on a test store: an app over the ``world`` fixture's body, and its client."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

pytest.importorskip("fastapi", reason="the service extra is not installed")

from fastapi import FastAPI
from fastapi.testclient import TestClient

from certflow.service import ServiceSettings, create_app
from tests.support import World


@pytest.fixture
def service_settings() -> ServiceSettings:
    return ServiceSettings(base_url="https://sertifikat.lsp.example")


@pytest.fixture
def app(world: World, service_settings: ServiceSettings) -> FastAPI:
    return create_app(service_settings, body=world.lsp)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as opened:
        yield opened
