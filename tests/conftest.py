from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

import certflow
from certflow import WIB, CertificationBody, FixedClock
from certflow.testing.actors import appoint_standard_staff
from tests.support import World, build_world

PG_ADMIN = {"host": "127.0.0.1", "port": 5432, "user": "postgres", "dbname": "postgres"}


def _postgres_problem() -> str | None:
    try:
        import psycopg
    except ImportError:
        return "psycopg is not installed (pip install 'certflow-lsp[postgres]')"
    try:
        with psycopg.connect(**PG_ADMIN, connect_timeout=3):
            return None
    except Exception as error:  # any failure to connect means the server is unusable here
        return f"no PostgreSQL server on 127.0.0.1:5432 ({type(error).__name__}: {error})"


@pytest.fixture(autouse=True)
def _english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Unit tests read refusals in English; Indonesian (the default) has its own tests."""
    monkeypatch.setenv("CERTFLOW_LANG", "en")
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):  # a test without CERTFLOW_LANG: id
        monkeypatch.delenv(variable, raising=False)


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    """A throwaway PostgreSQL database for this test run (dropped at the end)."""
    problem = _postgres_problem()
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true needs PostgreSQL: {problem}")
        pytest.skip(problem)
    import psycopg

    name = f"certflow_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(**PG_ADMIN, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    yield name
    with psycopg.connect(**PG_ADMIN, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def pg_url(pg_database: str) -> str:
    """A fresh schema in the run's throwaway database, one per test."""
    return f"postgresql://postgres@127.0.0.1:5432/{pg_database}?schema=t_{uuid.uuid4().hex[:16]}"


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(date(2024, 10, 21), tz=WIB)


@pytest.fixture
def lsp(clock: FixedClock) -> Iterator[CertificationBody]:
    body = certflow.open("memory://", clock=clock)
    appoint_standard_staff(body)
    yield body
    body.close()


@pytest.fixture
def world(lsp: CertificationBody) -> World:
    return build_world(lsp)


def _store(kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if kind == "memory":
        return "memory://"
    if kind == "sqlite":
        return f"sqlite:///{tmp_path / 'certflow.db'}"
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture(params=["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty store on each backend."""
    return _store(request.param, request, tmp_path)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def durable_store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty store that several processes (or bodies) can share."""
    return _store(request.param, request, tmp_path)
