"""The composition root's settings: a store URL turned into eventsourcing's environment."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import parse_qs, unquote, urlsplit

from certflow.engine import InvalidInputError

__all__ = [
    "DEFAULT_STORE",
    "LANGUAGE_VARIABLE",
    "StoreSettings",
    "environment_language",
    "parse_store_url",
    "schema_lock",
]

DEFAULT_STORE = "sqlite:///certflow.db"
"""The embedded default: a SQLite file in the working directory."""

LANGUAGE_VARIABLE = "CERTFLOW_LANG"
"""The environment variable that chooses the language of messages: ``en`` for English."""

Kind = Literal["memory", "sqlite", "postgres"]


def environment_language() -> str:
    """The language ``CERTFLOW_LANG`` asks for: ``"en"`` when it says ``en``, else ``"id"``.

    ``certflow.application`` installs this as the engine's process-wide default language when
    it is imported, so a process started with ``CERTFLOW_LANG=en`` renders English; it is read
    at every rendering, so a change to the variable takes effect at once.
    """
    return "en" if os.environ.get(LANGUAGE_VARIABLE, "").strip().lower() == "en" else "id"


@dataclass(frozen=True)
class StoreSettings:
    """Where events are stored, as eventsourcing environment variables."""

    kind: Kind
    env: dict[str, str] = field(default_factory=dict, repr=False)
    display: str = ""
    """The URL with any password masked, for messages."""


def _query(url: str) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlsplit(url).query).items()}


def parse_store_url(url: str) -> StoreSettings:
    """Turn a store URL into settings.

    Accepted forms: ``memory://``; ``sqlite:///relative.db``, ``sqlite:////absolute/path.db``
    (SQLAlchemy's convention), ``sqlite://`` for an in-memory SQLite database;
    ``postgresql://user[:password]@host[:port]/dbname`` with optional query parameters
    ``schema``, ``pool_size``, ``lock_timeout`` (seconds) and ``connect_timeout`` (seconds).
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
            f"unknown store URL {text!r}; use memory://, sqlite:///file.db or "
            "postgresql://user@host:5432/dbname"
        ]
    )


def _sqlite(url: str) -> StoreSettings:
    rest = url.split("?", 1)[0][len("sqlite:") :]
    if rest in ("", "//", "///:memory:"):
        path = ":memory:"
    elif rest.startswith("///"):
        path = unquote(rest[3:])
    else:
        raise InvalidInputError(
            [f"SQLite URL {url!r} must look like sqlite:///relative.db or sqlite:////abs.db"]
        )
    env = {
        "PERSISTENCE_MODULE": "eventsourcing.sqlite",
        "SQLITE_DBNAME": path,
        "APPLICATION_RECORDER_TOPIC": "certflow.application.chain:ChainedSQLiteApplicationRecorder",
    }
    query = _query(url)
    if "lock_timeout" in query:
        env["SQLITE_LOCK_TIMEOUT"] = query["lock_timeout"]
    return StoreSettings("sqlite", env, f"sqlite:///{path}")


def _postgres(url: str) -> StoreSettings:
    parts = urlsplit(url)
    dbname = unquote(parts.path.lstrip("/")) or os.environ.get("PGDATABASE", "")
    if not dbname:
        raise InvalidInputError([f"PostgreSQL URL {url!r} names no database"])
    try:
        port = parts.port
    except ValueError:
        raise InvalidInputError([f"PostgreSQL URL {url!r} has an invalid port"]) from None
    env = {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "APPLICATION_RECORDER_TOPIC": (
            "certflow.application.chain_postgres:ChainedPostgresApplicationRecorder"
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
    }
    for key, value in _query(url).items():
        if key not in names:
            raise InvalidInputError([f"unknown PostgreSQL URL parameter {key!r}"])
        env[names[key]] = value
    schema = env.get("POSTGRES_SCHEMA", "")
    if schema and not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", schema):
        raise InvalidInputError(
            [f"schema {schema!r} must be lower-case letters, digits and underscores"]
        )
    shown = f"postgresql://{env['POSTGRES_USER']}@{env['POSTGRES_HOST']}:{env['POSTGRES_PORT']}"
    return StoreSettings("postgres", env, f"{shown}/{dbname}")


@contextmanager
def schema_lock(settings: StoreSettings) -> Iterator[None]:
    """Hold the store's setup lock while its tables are created (PostgreSQL only).

    Several processes opening one PostgreSQL store at once would otherwise run eventsourcing's
    ``CREATE ... IF NOT EXISTS`` statements side by side, which PostgreSQL can refuse with "tuple
    concurrently updated". A session-level advisory lock per schema makes them take turns; the
    schema named in the URL is created first, if missing.
    """
    if settings.kind != "postgres":
        yield
        return
    import psycopg  # the 'postgres' extra

    env = settings.env
    schema = env.get("POSTGRES_SCHEMA", "")
    with psycopg.connect(
        dbname=env["POSTGRES_DBNAME"],
        host=env["POSTGRES_HOST"],
        port=int(env["POSTGRES_PORT"]),
        user=env["POSTGRES_USER"],
        password=env["POSTGRES_PASSWORD"] or None,
        connect_timeout=int(env.get("POSTGRES_CONNECT_TIMEOUT", "10")),
        autocommit=True,
    ) as connection:
        key = f"certflow-setup:{schema or 'public'}"
        timeout = env.get("POSTGRES_LOCK_TIMEOUT", "")
        if timeout:  # wait for the setup lock no longer than for any other lock
            connection.execute(f"SET lock_timeout = '{int(float(timeout) * 1000)}ms'")
        connection.execute("SELECT pg_advisory_lock(hashtext(%s))", (key,))
        try:
            if schema:
                connection.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
            yield
        finally:
            connection.execute("SELECT pg_advisory_unlock(hashtext(%s))", (key,))
