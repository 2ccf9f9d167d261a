"""Tamper with what lies beside the chained log: snapshots, read models, the holder's name.

Each edit is made behind certflow's back on a real SQLite file and a real PostgreSQL schema,
and is detected by the command docs/audit.md names for it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from typer.testing import CliRunner

import certflow
from certflow import WIB, FixedClock
from certflow.bootstrap import services_of
from certflow.cli import app
from tests.support import build_world

EVERY = 4


@dataclass
class Store:
    url: str
    execute: Callable[[str, tuple[Any, ...]], list[tuple[Any, ...]]]
    prefix: str
    """Table name prefix: ``stored_`` on SQLite, ``<schema>.certflow_`` on PostgreSQL."""
    certifications: list[UUID]

    def open(self) -> certflow.CertificationBody:
        clock = FixedClock(date(2024, 10, 14), tz=WIB)
        return certflow.open(self.url, clock=clock, snapshot_every=EVERY)


def _populate(url: str) -> list[UUID]:
    lsp = certflow.open(url, clock=FixedClock(date(2024, 10, 14), tz=WIB), snapshot_every=EVERY)
    world = build_world(lsp)
    certifications = [world.through("distributed", n) for n in range(2)]
    lsp.close()
    return certifications


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        path = tmp_path / "outside.db"
        url = f"sqlite:///{path}"
        certifications = _populate(url)

        def execute(sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
            with sqlite3.connect(path) as db:
                return db.execute(sql.replace("%s", "?"), params).fetchall()

        yield Store(url, execute, "stored_", certifications)
        return
    import psycopg

    url = request.getfixturevalue("pg_url")
    certifications = _populate(url)
    schema = url.rsplit("schema=", 1)[1]
    dbname = url.split("/")[-1].split("?")[0]

    def execute_pg(sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        with psycopg.connect(host="127.0.0.1", user="postgres", dbname=dbname) as db:
            cursor = db.execute(sql, params)
            return cursor.fetchall() if cursor.description else []

    yield Store(url, execute_pg, f"{schema}.certflow_", certifications)


def _verify(store: Store) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["verify", "--store", store.url, "--json"])
    return result.exit_code, result.stdout


# -- snapshots ---------------------------------------------------------------------------------


def test_an_edited_snapshot_is_ignored_on_load_and_reported_by_verify(store: Store) -> None:
    cert = store.certifications[0]
    lsp = store.open()
    truth = lsp.get(cert)
    lsp.close()
    assert truth.stage.value == "distributed"
    assert _verify(store)[0] == 0
    table = f"{store.prefix}snapshots"
    rows = store.execute(
        f"SELECT originator_version, state FROM {table} WHERE originator_id = %s "
        "ORDER BY originator_version DESC",
        (cert.hex if store.prefix == "stored_" else cert,),
    )
    assert rows
    assert rows[0][0] == truth.version
    version, state = rows[0][0], bytes(rows[0][1])
    forged = state.replace(b'"stage_name":"distributed"', b'"stage_name":"revoked"')
    assert truth.valid_until is not None
    forged = forged.replace(truth.valid_until.isoformat().encode(), b"2099-12-31")
    assert forged != state
    store.execute(
        f"UPDATE {table} SET state = %s WHERE originator_id = %s AND originator_version = %s",
        (forged, cert.hex if store.prefix == "stored_" else cert, version),
    )

    lsp = store.open()
    try:
        assert lsp.get(cert) == truth  # replayed from the chained events, not the snapshot
        used = {s.originator_version for s in services_of(lsp).store.snapshots(cert)}
        assert version not in used
        assert used
    finally:
        lsp.close()
    code, out = _verify(store)
    assert code == 1
    assert '"kind": "snapshot"' in out
    assert str(cert) in out


def test_a_forged_snapshot_without_a_seal_is_reported(store: Store) -> None:
    cert = store.certifications[1]
    table = f"{store.prefix}snapshots"
    key = cert.hex if store.prefix == "stored_" else cert
    (row,) = store.execute(
        f"SELECT topic, state FROM {table} WHERE originator_id = %s "
        "ORDER BY originator_version DESC LIMIT 1",
        (key,),
    )
    lsp = store.open()
    truth = lsp.get(cert)
    lsp.close()
    store.execute(
        f"INSERT INTO {table} (originator_id, originator_version, topic, state) "
        "VALUES (%s, %s, %s, %s)",
        (key, truth.version + 1, row[0], bytes(row[1]).replace(b"distributed", b"revoked")),
    )
    lsp = store.open()
    try:
        assert lsp.get(cert) == truth
    finally:
        lsp.close()
    code, out = _verify(store)
    assert code == 1
    assert "no seal" in out
