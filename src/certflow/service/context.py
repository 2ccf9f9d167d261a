"""What one service process holds: the profile, the settings and the store, opened once.

Each uvicorn worker opens the certification body when it starts and closes it when it stops
(the app's lifespan). Handlers reach it through :func:`service_of`; commands run under the
process's write lock so that a command and the read models it catches up afterwards are one
step, and a query never sees a view half caught up.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from fastapi import Request

from certflow import CertificationBody, LspProfile, RetentionPolicy, load_profile
from certflow import open as open_store
from certflow.application import DEFAULT_STORE
from certflow.domain import business_zone
from certflow.service.settings import ServiceSettings, profile_path

__all__ = ["ServiceState", "open_state", "service_of"]

log = logging.getLogger("certflow.service")


@dataclass
class ServiceState:
    """The parts one service process shares between its requests."""

    settings: ServiceSettings
    profile: LspProfile | None
    body: CertificationBody
    profile_file: Path | None = None
    lock: threading.RLock = field(default_factory=threading.RLock)
    ready: bool = True

    @property
    def lsp_code(self) -> str:
        """The LSP's code (the profile's, else ``LSP``)."""
        return self.profile.code if self.profile is not None else "LSP"

    @property
    def key_dir(self) -> Path:
        """The folder of the LSP's token keys (``keys.json``), read against the profile."""
        return self.profile.keys.dir if self.profile is not None else Path("keys")

    @property
    def base_url(self) -> str:
        """The service's public address, without a trailing slash.

        The setting, else the profile's verification URL (path included: the service is
        mounted there), else the address it listens on.
        """
        if self.settings.base_url:
            return self.settings.base_url.rstrip("/")
        if self.profile is not None:
            return self.profile.verification_url.rstrip("/")
        return f"http://{self.settings.host}:{self.settings.port}"

    @contextmanager
    def writing(self) -> Iterator[CertificationBody]:
        """The body for one command, its process's commands one at a time.

        A command does not bring the read models up to date: the next query does, before it
        reads (the body's ``catch_up_on_read``), in one batch for every command since, and the
        projection runner (``certflow projections run``, its own process) keeps them warm. So a
        client still reads its own writes, and a command's answer waits for no view.
        """
        with self.lock:
            yield self.body

    def close(self) -> None:
        """Release the store."""
        self.body.close()


def open_state(settings: ServiceSettings, body: CertificationBody | None = None) -> ServiceState:
    """Open the store the settings, the environment and the profile name (or use ``body``)."""
    path = profile_path()
    profile = load_profile(path) if path is not None else None
    if body is None:
        url = (
            settings.store
            or os.environ.get("CERTFLOW_STORE")
            or (profile.store if profile is not None and profile.store else DEFAULT_STORE)
        )
        body = open_store(
            url,
            lsp_code=profile.code if profile is not None else "LSP",
            timezone=business_zone(profile.timezone if profile is not None else "Asia/Jakarta"),
            retention=RetentionPolicy(
                min_retention_months=profile.retention_months if profile is not None else 36
            ),
            create=False,
        )
    if profile is not None and settings.base_url:
        printed = profile.verification_url.rstrip("/")
        if settings.base_url.rstrip("/") != printed:
            log.warning(
                "base_url differs from the profile's verification_url: the QR codes printed "
                "point to %s/v/…, not to this service",
                printed,
            )
    return ServiceState(settings=settings, profile=profile, body=body, profile_file=path)


async def service_of(request: Request) -> ServiceState:
    """The process's service state (a FastAPI dependency).

    ``async``: it only reads an attribute, so FastAPI calls it on the event loop instead of
    handing it to a worker thread (each hop to the thread pool costs a request about 0.1 ms).
    """
    return cast(ServiceState, request.app.state.certflow)
