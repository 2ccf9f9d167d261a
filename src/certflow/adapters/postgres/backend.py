"""The PostgreSQL store: subjects and read models in the event store's schema."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

import psycopg

from certflow.adapters.postgres.erasure import PostgresPurger
from certflow.adapters.postgres.recorders import PostgresViewStore
from certflow.adapters.sql.subjects import SUBJECTS, SqlSubjects
from certflow.application.ports import SubjectStore, ViewStore
from certflow.application.settings import StoreSettings

__all__ = ["PostgresBackend", "schema_lock"]


class PostgresBackend:
    """A PostgreSQL database (one schema per store), shared by many processes."""

    subscribes = True
    """eventsourcing's LISTEN/NOTIFY subscription wakes the read-model runner."""

    def __init__(self, settings: StoreSettings) -> None:
        self.settings = settings

    def setup_lock(self) -> AbstractContextManager[None]:
        """The store's advisory setup lock (see :func:`schema_lock`)."""
        return schema_lock(self.settings)

    def subject_store(self, recorder: Any) -> SubjectStore:
        """The subject table in the event store's schema (erasures rewrite its pages)."""
        datastore = recorder.datastore
        table = f"{datastore.schema}.{SUBJECTS}"
        wait = float(self.settings.env.get("CERTFLOW_ERASE_WAIT", "5"))
        purger = PostgresPurger(datastore, table, wait=wait)
        return SqlSubjects(datastore, placeholder="%s", table=table, purger=purger)

    def view_store(self, recorder: Any) -> ViewStore:
        """The views in the event store's schema."""
        views = PostgresViewStore(recorder.datastore)
        views.create_table()
        return views


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
