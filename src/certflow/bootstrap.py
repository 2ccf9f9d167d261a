"""The composition root: a store URL and settings in, an assembled certification body out.

This is the one place that builds certflow's parts and wires them together: the settings from
the store URL, the event store (:class:`~certflow.engine.WorkflowStore`) with certflow's
transcodings, the subject store and the read models on the same backend, the use cases'
:class:`~certflow.application.services.Services`, and the facade.
"""

from __future__ import annotations

from dataclasses import dataclass

from certflow.application.body import CertificationBody
from certflow.application.read_store import open_view_recorder
from certflow.application.readmodels import ReadModels
from certflow.application.services import Services
from certflow.application.settings import StoreSettings, parse_store_url, schema_lock
from certflow.application.subjects import open_subject_store
from certflow.application.transcodings import register_all
from certflow.domain import WIB, Certification
from certflow.engine import Clock, SystemClock, WorkflowStore

__all__ = ["STORE_NAME", "Assembly", "assemble", "open", "services_of"]

STORE_NAME = "certflow"
"""The event store's name; eventsourcing derives table names from it, so it never changes."""


@dataclass(frozen=True)
class Assembly:
    """An assembled certification body and the services behind it (for tools and tests)."""

    body: CertificationBody
    services: Services


def assemble(
    url: str = "memory://",
    *,
    clock: Clock | None = None,
    snapshot_every: int | None = None,
    lsp_code: str = "LSP",
    cache_size: int = 1000,
) -> Assembly:
    """Build every part of a certification body on the store at ``url`` (see :func:`open`)."""
    settings: StoreSettings = parse_store_url(url)
    with schema_lock(settings):
        store = WorkflowStore(
            settings.env,
            name=STORE_NAME,
            transcodings=register_all,
            snapshot_every=None if snapshot_every is None else {Certification: snapshot_every},
            cache_size=cache_size,
        )
        subjects = open_subject_store(settings.kind, store.recorder)
        views = open_view_recorder(settings.kind, store.recorder)
    services = Services(
        store=store,
        settings=settings,
        clock=clock or SystemClock(WIB),
        subjects=subjects,
        read_models=ReadModels(store, views, kind=settings.kind),
        lsp_code=lsp_code,
    )
    return Assembly(CertificationBody(services), services)


def open(
    url: str = "memory://",
    *,
    clock: Clock | None = None,
    snapshot_every: int | None = None,
    lsp_code: str = "LSP",
    cache_size: int = 1000,
) -> CertificationBody:
    """Open a certification body on a store.

    Args:
        url: ``memory://``, ``sqlite:///relative.db``, ``sqlite:////absolute/path.db`` or
            ``postgresql://user@host:5432/dbname`` (see
            :func:`~certflow.application.settings.parse_store_url`).
        clock: the business clock; the system clock in WIB when omitted.
        snapshot_every: take a snapshot of a certification every this many events (faster
            loads of long histories; replay and time travel give the same answers).
        lsp_code: the LSP's code, used by certificate number formats as ``{lsp}``.
        cache_size: how many records this process keeps decoded between commands (0: none).
            A cached record is still brought up to date from the store before every command,
            so several processes may write to one store.
    """
    return assemble(
        url, clock=clock, snapshot_every=snapshot_every, lsp_code=lsp_code, cache_size=cache_size
    ).body


def services_of(body: CertificationBody) -> Services:
    """The services behind a body, with the raw event store.

    For tools, tests and benchmarks that must reach the store itself (tamper tests, raw
    baselines); not part of the stable API. Storing through it bypasses no rule only as long as
    every saved record was moved by its own commands.
    """
    return body._services
