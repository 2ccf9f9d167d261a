"""The composition root: a store URL and options in, an assembled certification body out.

This is the only module that builds certflow's parts and wires them together, and the only one
that knows every kind of store. It parses the store URL into
:class:`~certflow.application.StoreSettings`, picks the backend of that kind from
:mod:`certflow.adapters` (the one switch on the kind in the codebase), opens the event store
(:class:`~certflow.engine.WorkflowStore`, eventsourcing's own recorders) with certflow's
transcodings, puts the subject store and the read models beside it on the same backend, hands
the use cases one :class:`~certflow.application.Services` and wraps them in the facade.
Backends are imported only when chosen, so a PostgreSQL driver is loaded only for PostgreSQL.
"""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass
from datetime import tzinfo
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, unquote, urlsplit

from certflow.application.body import CertificationBody
from certflow.application.ports import StoreBackend
from certflow.application.readmodels import ReadModels
from certflow.application.services import Services
from certflow.application.settings import DEFAULT_STORE, RetentionPolicy, StoreSettings
from certflow.application.transcodings import register_all
from certflow.domain import Certification, business_zone
from certflow.engine import (
    Clock,
    InvalidInputError,
    StoreUnavailableError,
    SystemClock,
    Text,
    WorkflowStore,
)

if TYPE_CHECKING:
    from certflow.adapters.sql.webhooks import SqlWebhooks

__all__ = [
    "DEFAULT_STORE",
    "STORE_NAME",
    "Assembly",
    "assemble",
    "backend_for",
    "open",
    "parse_store_url",
    "services_of",
    "store_error",
    "webhook_store",
]

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
    register_lag: float = 1.0,
    timezone: str | tzinfo = "Asia/Jakarta",
    retention: RetentionPolicy | None = None,
    create: bool = True,
    readonly: bool = False,
) -> Assembly:
    """Build every part of a certification body on the store at ``url`` (see :func:`open`)."""
    from certflow.adapters.popo import private_view_store
    from certflow.adapters.spreadsheets import read_rows

    zone = _zone(timezone)
    settings = dataclasses.replace(
        parse_store_url(url), create=create and not readonly, readonly=readonly
    )
    backend = backend_for(settings)
    try:
        backend.probe()
        with backend.setup_lock():
            store = WorkflowStore(
                backend.settings.env,
                name=STORE_NAME,
                transcodings=register_all,
                snapshot_every=None if snapshot_every is None else {Certification: snapshot_every},
                cache_size=cache_size,
            )
            subjects = backend.subject_store(store.recorder)
            kept = backend.view_store(store.recorder)
            if settings.kind in ("sqlite", "postgres") and not settings.readonly:
                _webhook_store(backend.settings, store.recorder).create_table()
    except Exception as error:
        problem = store_error(error, settings.display)
        if problem is None:
            raise
        raise problem from None
    views = private_view_store() if kept is None else kept  # an older store, read-only
    services = Services(
        store=store,
        settings=backend.settings,
        clock=clock or SystemClock(zone),
        subjects=subjects,
        read_models=ReadModels(
            store,
            views,
            subscribes=backend.subscribes,
            scratch=private_view_store,
            catch_up_on_read=not readonly or kept is None,
        ),
        row_reader=read_rows,
        lsp_code=lsp_code,
        register_lag=register_lag,
        retention=retention,
    )
    return Assembly(CertificationBody(services), services)


def open(
    url: str = "memory://",
    *,
    clock: Clock | None = None,
    snapshot_every: int | None = None,
    lsp_code: str = "LSP",
    cache_size: int = 1000,
    register_lag: float = 1.0,
    timezone: str | tzinfo = "Asia/Jakarta",
    retention: RetentionPolicy | None = None,
    create: bool = True,
    readonly: bool = False,
) -> CertificationBody:
    """Open a certification body on a store.

    Args:
        url: ``memory://``, ``sqlite:///relative.db``, ``sqlite:////absolute/path.db`` or
            ``postgresql://user@host:5432/dbname`` (see :func:`parse_store_url`).
        clock: the business clock; the system clock in ``timezone`` when omitted.
        snapshot_every: take a snapshot of a certification every this many events (faster
            loads of long histories; replay and time travel give the same answers).
        lsp_code: the LSP's code, used by certificate number formats as ``{lsp}``.
        cache_size: how many records this process keeps decoded between commands (0: none).
            A cached record is still brought up to date from the store before every command,
            so several processes may write to one store.
        register_lag: seconds within which a personnel-register change made by another
            process (appointment ended, declaration recorded) binds this one's trust gate;
            changes made through this body bind at once. 0 reads the store's log before
            every check (strict, about 15 % slower on PostgreSQL); see docs/security.md.
        timezone: the LSP's business time zone when no ``clock`` is given: ``Asia/Jakarta``
            (WIB), ``Asia/Makassar`` (WITA) or ``Asia/Jayapura`` (WIT), or a ``tzinfo``. Business
            days (deadlines, validity) and naive times given to queries are read in it.
        retention: the LSP's retention schedule (R60; default 36 months after a BK,
            rejection or withdrawal, the certificate's validity otherwise): personal data is
            destroyed under it only, never under a policy a caller passes to a command.
        create: make the store when it does not exist (the default). ``False``: a store that
            does not exist, or a database without certflow's tables, is refused with
            :class:`~certflow.engine.StoreUnavailableError` and nothing is made (the command
            line opens every store so except in ``init``, ``demo`` and ``import``).
        readonly: open the store for reading only (implies ``create=False``): nothing is
            created or written (SQLite ``mode=ro``; PostgreSQL without ``CREATE TABLE``, so a
            replica serves), and queries of the read models read them as
            ``certflow projections run`` left them instead of catching them up; how far behind
            each view read was is in ``read_models.behind``.

    Raises:
        StoreUnavailableError: the store cannot be opened as asked; the message says why and
            what to do.
        InvalidInputError: the URL cannot be read (see :func:`parse_store_url`).
    """
    return assemble(
        url,
        clock=clock,
        snapshot_every=snapshot_every,
        lsp_code=lsp_code,
        cache_size=cache_size,
        register_lag=register_lag,
        timezone=timezone,
        retention=retention,
        create=create,
        readonly=readonly,
    ).body


def store_error(error: BaseException, store: str) -> StoreUnavailableError | None:
    """What a database driver's ``error`` means: the store cannot be used, and why.

    ``None`` when the error is not about the store's state (a bug, a conflict). For callers
    that meet a driver's error after opening (a store locked, or read-only, when written).
    """
    from certflow.adapters.store_errors import unavailable

    return unavailable(error, store)


def _zone(timezone: str | tzinfo) -> tzinfo:
    return business_zone(timezone) if isinstance(timezone, str) else timezone


def services_of(body: CertificationBody) -> Services:
    """The services behind a body, with the raw event store.

    For tools, tests and benchmarks that must reach the store itself (tamper tests, raw
    baselines); not part of the stable API.
    """
    return body._services


def webhook_store(body: CertificationBody) -> SqlWebhooks:
    """The webhook subscriptions of ``body``'s store, beside its events.

    Their tables are made when the store is opened for writing (:func:`assemble`, under the
    store's setup lock, so processes starting together never race to make them). A
    ``memory://`` store keeps them in a private in-memory database: call this once per body.
    """
    services = services_of(body)
    return _webhook_store(services.settings, services.store.recorder)


def _webhook_store(settings: StoreSettings, recorder: object) -> SqlWebhooks:
    from certflow.adapters.sqlite import SQLiteWebhookStore, private_webhook_store

    if settings.kind not in ("sqlite", "postgres"):
        return private_webhook_store(STORE_NAME)
    datastore = recorder.datastore  # type: ignore[attr-defined]
    if settings.kind == "postgres":
        from certflow.adapters.postgres import PostgresWebhookStore

        return PostgresWebhookStore(datastore, store_name=STORE_NAME)
    return SQLiteWebhookStore(datastore, store_name=STORE_NAME)


def backend_for(settings: StoreSettings) -> StoreBackend:
    """The adapters of the kind of store ``settings`` describe."""
    if settings.kind == "postgres":
        from certflow.adapters.postgres import PostgresBackend  # the 'postgres' extra

        return PostgresBackend(settings)
    if settings.kind == "sqlite":
        from certflow.adapters.sqlite import SQLiteBackend

        return SQLiteBackend(settings)
    from certflow.adapters.popo import MemoryBackend

    return MemoryBackend(settings)


def _query(url: str) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlsplit(url).query).items()}


def parse_store_url(url: str) -> StoreSettings:
    """Turn a store URL into settings.

    Accepted forms: ``memory://``; ``sqlite:///relative.db``, ``sqlite:////absolute/path.db``
    (SQLAlchemy's convention), ``sqlite://`` for an in-memory SQLite database;
    ``postgresql://user[:password]@host[:port]/dbname`` with optional query parameters
    ``schema``, ``pool_size`` (connections, at least 1), ``lock_timeout`` (whole seconds) and
    ``connect_timeout`` (whole seconds, at least 1); SQLite takes ``lock_timeout`` too.
    Both SQLite and PostgreSQL take ``erase_wait`` (seconds, default 5): how long an erasure
    waits for other connections to let go of old pages before it reports itself pending.
    Missing PostgreSQL parts fall back to ``PGHOST``, ``PGPORT``, ``PGUSER``, ``PGPASSWORD``
    and ``PGDATABASE``, then to ``127.0.0.1:5432`` and the user ``postgres``.
    """
    text = url.strip()
    scheme = text.split(":", 1)[0].lower() if ":" in text else ""
    if scheme == "memory":
        return StoreSettings("memory", {"PERSISTENCE_MODULE": "eventsourcing.popo"}, "memory://")
    if scheme == "sqlite":
        return _sqlite(text)
    if scheme in ("postgresql", "postgres", "postgresql+psycopg"):
        return _postgres(text)
    raise InvalidInputError(
        [
            Text(
                "unknown store URL {text!r}; use memory://, sqlite:///file.db or "
                "postgresql://user@host:5432/dbname",
                text=text,
            )
        ]
    )


def _seconds(value: str, name: str) -> str:
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds < float("inf"):
        raise InvalidInputError(
            [
                Text(
                    "{name} must be a number of seconds, not {value!r}",
                    name=name,
                    value=value,
                )
            ]
        )
    return value


def _whole(value: str, name: str, *, least: int = 0) -> str:
    """A whole number of at least ``least`` (seconds, connections), as eventsourcing wants."""
    text = value.strip()
    if not text.isdigit() or int(text) < least or int(text) > 1_000_000:
        shown = repr(value)
        raise InvalidInputError(
            [
                Text(
                    "{name} must be a whole number from {least} to 1000000, not {shown}",
                    name=name,
                    least=least,
                    shown=shown,
                )
            ]
        )
    return str(int(text))


def _sqlite(url: str) -> StoreSettings:
    rest = url.split("?", 1)[0][len("sqlite:") :]
    if rest in ("", "//", "///:memory:"):
        path = ":memory:"
    elif rest.startswith("///") and rest[3:]:
        path = unquote(rest[3:])
    else:
        raise InvalidInputError(
            [
                Text(
                    "SQLite URL {url!r} must look like sqlite:///relative.db or sqlite:////abs.db",
                    url=url,
                )
            ]
        )
    env = {
        "PERSISTENCE_MODULE": "certflow.adapters.sqlite.factory:SQLiteStoreFactory",
        "SQLITE_DBNAME": path,
        "APPLICATION_RECORDER_TOPIC": (
            "certflow.adapters.sqlite.recorders:ChainedSQLiteApplicationRecorder"
        ),
    }
    query = _query(url)
    if "lock_timeout" in query:
        env["SQLITE_LOCK_TIMEOUT"] = _whole(query["lock_timeout"], "lock_timeout")
    if "erase_wait" in query:
        env["CERTFLOW_ERASE_WAIT"] = _seconds(query["erase_wait"], "erase_wait")
    return StoreSettings("sqlite", env, f"sqlite:///{path}", path=path)


def _postgres(url: str) -> StoreSettings:
    parts = urlsplit(url)
    dbname = unquote(parts.path.lstrip("/")) or os.environ.get("PGDATABASE", "")
    if not dbname:
        raise InvalidInputError([Text("PostgreSQL URL {url!r} names no database", url=url)])
    try:
        port = parts.port
    except ValueError:
        raise InvalidInputError(
            [Text("PostgreSQL URL {url!r} has an invalid port", url=url)]
        ) from None
    env = {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "APPLICATION_RECORDER_TOPIC": (
            "certflow.adapters.postgres.recorders:ChainedPostgresApplicationRecorder"
        ),
        "POSTGRES_ENABLE_DB_FUNCTIONS": "n",
        "POSTGRES_DBNAME": dbname,
        "POSTGRES_HOST": parts.hostname or os.environ.get("PGHOST", "127.0.0.1"),
        "POSTGRES_PORT": str(port or os.environ.get("PGPORT", "5432")),
        "POSTGRES_USER": unquote(parts.username or "") or os.environ.get("PGUSER", "postgres"),
        "POSTGRES_PASSWORD": unquote(parts.password or "") or os.environ.get("PGPASSWORD", ""),
    }
    names = {
        "schema": "POSTGRES_SCHEMA",
        "pool_size": "POSTGRES_POOL_SIZE",
        "lock_timeout": "POSTGRES_LOCK_TIMEOUT",
        "connect_timeout": "POSTGRES_CONNECT_TIMEOUT",
        "erase_wait": "CERTFLOW_ERASE_WAIT",
    }
    for key, value in _query(url).items():
        if key not in names:
            raise InvalidInputError([Text("unknown PostgreSQL URL parameter {key!r}", key=key)])
        env[names[key]] = value
    if "CERTFLOW_ERASE_WAIT" in env:
        env["CERTFLOW_ERASE_WAIT"] = _seconds(env["CERTFLOW_ERASE_WAIT"], "erase_wait")
    for key, name, least in (
        ("POSTGRES_POOL_SIZE", "pool_size", 1),
        ("POSTGRES_LOCK_TIMEOUT", "lock_timeout", 0),
        ("POSTGRES_CONNECT_TIMEOUT", "connect_timeout", 1),
    ):
        if key in env:
            env[key] = _whole(env[key], name, least=least)
    schema = env.get("POSTGRES_SCHEMA", "")
    if schema and not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", schema):
        raise InvalidInputError(
            [
                Text(
                    "schema {schema!r} must be lower-case letters, digits and underscores",
                    schema=schema,
                )
            ]
        )
    shown = f"postgresql://{env['POSTGRES_USER']}@{env['POSTGRES_HOST']}:{env['POSTGRES_PORT']}"
    where = f"?schema={schema}" if schema else ""
    return StoreSettings("postgres", env, f"{shown}/{dbname}{where}")
