"""The PostgreSQL store: subjects and read models in the event store's schema."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import Any

import psycopg

from certflow.adapters.postgres.erasure import PostgresPurger
from certflow.adapters.postgres.recorders import PostgresViewStore
from certflow.adapters.sql.subjects import SUBJECTS, SqlSubjects
from certflow.adapters.store_errors import missing_store, not_certflow, unavailable
from certflow.application.ports import SubjectStore, ViewStore
from certflow.application.settings import StoreSettings

__all__ = ["PostgresBackend", "schema_lock"]

EVENTS_TABLE = "certflow_events"
"""eventsourcing's events table, named after the store (``bootstrap.STORE_NAME``): a schema
without it holds no certflow store."""


class PostgresBackend:
    """A PostgreSQL database (one schema per store), shared by many processes."""

    subscribes = True
    """eventsourcing's LISTEN/NOTIFY subscription wakes the read-model runner."""

    def __init__(self, settings: StoreSettings) -> None:
        self.settings = settings
        self._views_kept = True
        """Whether the schema has the read models' tables (an older one may not)."""

    def setup_lock(self) -> AbstractContextManager[None]:
        """The store's advisory setup lock (see :func:`schema_lock`); none when read-only."""
        if self.settings.readonly:  # nothing is created: a replica takes no lock
            return nullcontext()
        return schema_lock(self.settings)

    def probe(self) -> None:
        """Refuse a database or schema without a certflow store, unless it is to be made.

        Read-only, nothing is created on open (eventsourcing's ``CREATE_TABLE=false``), so a
        replica or a role with ``default_transaction_read_only`` can serve queries.
        """
        settings = self.settings
        if settings.create and not settings.readonly:
            return
        schema = settings.env.get("POSTGRES_SCHEMA", "") or "public"
        try:
            with _connect(settings.env) as connection:
                row = connection.execute(
                    "SELECT to_regclass(%s), to_regnamespace(%s), to_regclass(%s)",
                    (f"{schema}.{EVENTS_TABLE}", schema, f"{schema}.certflow_assessor_workload"),
                ).fetchone()
        except psycopg.Error as error:
            raise unavailable(error, settings.display) or error from None
        if row is None or row[1] is None:
            raise missing_store(settings.display)
        if row[0] is None:
            raise not_certflow(settings.display)
        self._views_kept = row[2] is not None
        if settings.readonly:
            env = {**settings.env, "CREATE_TABLE": "false"}
            self.settings = dataclasses.replace(settings, env=env)

    def subject_store(self, recorder: Any) -> SubjectStore:
        """The subject table in the event store's schema (erasures rewrite its pages)."""
        datastore = recorder.datastore
        table = f"{datastore.schema}.{SUBJECTS}"
        wait = float(self.settings.env.get("CERTFLOW_ERASE_WAIT", "5"))
        purger = PostgresPurger(datastore, table, wait=wait)
        return SqlSubjects(
            datastore,
            placeholder="%s",
            table=table,
            purger=purger,
            create=not self.settings.readonly,
            autocommit_reads=True,
        )

    def view_store(self, recorder: Any) -> ViewStore | None:
        """The views in the event store's schema; ``None`` for an older one opened read-only."""
        if self.settings.readonly and not self._views_kept:
            return None
        views = PostgresViewStore(recorder.datastore, events_table=recorder.events_table_name)
        if not self.settings.readonly:
            views.create_table()
        return views


def _connect(env: dict[str, str]) -> psycopg.Connection[Any]:
    """A connection of its own (autocommit) to the store's database."""
    return psycopg.connect(
        dbname=env["POSTGRES_DBNAME"],
        host=env["POSTGRES_HOST"],
        port=int(env["POSTGRES_PORT"]),
        user=env["POSTGRES_USER"],
        password=env["POSTGRES_PASSWORD"] or None,
        connect_timeout=int(env.get("POSTGRES_CONNECT_TIMEOUT", "10")),
        autocommit=True,
    )


@contextmanager
def schema_lock(settings: StoreSettings) -> Iterator[None]:
    """Hold the store's setup lock while its tables are created.

    Several processes opening one PostgreSQL store at once would otherwise run eventsourcing's
    ``CREATE ... IF NOT EXISTS`` statements side by side, which PostgreSQL can refuse with "tuple
    concurrently updated". A session-level advisory lock per schema makes them take turns; the
    schema named in the URL is created first, if missing.
    """
    env = settings.env
    schema = env.get("POSTGRES_SCHEMA", "")
    with _connect(env) as connection:
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
