"""Tamper with a real store behind certflow's back: every kind of change is reported."""

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
from certflow.application.chain import Finding, verify
from certflow.bootstrap import services_of
from certflow.cli import app
from certflow.testing import actors
from tests.support import build_world


@dataclass
class Store:
    url: str
    execute: Callable[[str, tuple[Any, ...]], list[tuple[Any, ...]]]
    events: str
    chain: str
    nid: str
    """The notification-id column of the events table."""
    certifications: list[UUID]

    def rows(self) -> list[tuple[Any, ...]]:
        return self.execute(
            f"SELECT {self.nid}, originator_id, originator_version, state FROM {self.events} "
            f"ORDER BY {self.nid}",
            (),
        )

    def findings(self) -> list[Finding]:
        lsp = certflow.open(self.url)
        try:
            return verify(services_of(lsp).store.recorder, page=7).findings
        finally:
            lsp.close()


def _populate(url: str) -> list[UUID]:
    lsp = certflow.open(url, clock=FixedClock(date(2024, 10, 14), tz=WIB))
    world = build_world(lsp)
    certifications = [world.through("distributed", n) for n in range(3)]
    lsp.close()
    return certifications


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        path = tmp_path / "tamper.db"
        url = f"sqlite:///{path}"
        certifications = _populate(url)

        def execute(sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
            with sqlite3.connect(path) as db:
                return db.execute(sql.replace("%s", "?"), params).fetchall()

        yield Store(url, execute, "stored_events", "certflow_chain", "rowid", certifications)
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

    yield Store(
        url,
        execute_pg,
        f"{schema}.certflow_events",
        f"{schema}.certflow_chain",
        "notification_id",
        certifications,
    )


def _key(row: tuple[Any, ...]) -> tuple[str, int]:
    return str(UUID(str(row[1]))), int(row[2])


def _found(findings: list[Finding]) -> set[tuple[str, str | None, int | None]]:
    return {
        (f.kind, str(f.originator_id) if f.originator_id else None, f.version) for f in findings
    }


def test_an_untouched_store_verifies_clean(store: Store) -> None:
    assert store.findings() == []


def test_changed_payload_bytes_are_reported(store: Store) -> None:
    nid, oid, version, state = store.rows()[20]
    changed = bytes(state)[:-1] + bytes([bytes(state)[-1] ^ 1])
    store.execute(f"UPDATE {store.events} SET state = %s WHERE {store.nid} = %s", (changed, nid))
    assert _found(store.findings()) == {("altered", *_key((nid, oid, version)))}


def test_a_deleted_row_is_reported(store: Store) -> None:
    nid, oid, version, _ = store.rows()[30]
    store.execute(f"DELETE FROM {store.events} WHERE {store.nid} = %s", (nid,))
    assert ("deleted", *_key((nid, oid, version))) in _found(store.findings())


def test_an_inserted_row_is_reported(store: Store) -> None:
    _, oid, version, state = store.rows()[-1]
    forged_version = int(version) + 1
    store.execute(
        f"INSERT INTO {store.events} (originator_id, originator_version, topic, state) "
        "VALUES (%s, %s, %s, %s)",
        (oid, forged_version, "certflow/Certification.Revoked", state),
    )
    assert ("inserted", _key((0, oid, 0))[0], forged_version) in _found(store.findings())


def test_two_swapped_payloads_are_both_reported(store: Store) -> None:
    rows = store.rows()
    a, b = rows[40], rows[41]
    for (nid, *_), (_, _, _, state) in ((a, b), (b, a)):
        store.execute(f"UPDATE {store.events} SET state = %s WHERE {store.nid} = %s", (state, nid))
    assert _found(store.findings()) == {("altered", *_key(a)), ("altered", *_key(b))}


def test_reordered_rows_are_reported(store: Store) -> None:
    rows = store.rows()
    (a, *_), (b, *_) = rows[50], rows[51]
    for old, new in ((a, -1), (b, a), (-1, b)):
        store.execute(
            f"UPDATE {store.events} SET {store.nid} = %s WHERE {store.nid} = %s", (new, old)
        )
    kinds = {f.kind for f in store.findings()}
    assert "reordered" in kinds


def test_a_truncated_tail_is_reported_even_with_its_chain_rows(store: Store) -> None:
    last = store.rows()[-5][0]
    store.execute(f"DELETE FROM {store.events} WHERE {store.nid} >= %s", (last,))
    store.execute(f"DELETE FROM {store.chain} WHERE notification_id >= %s", (last,))
    findings = store.findings()
    assert [f.kind for f in findings] == ["truncated"]


def test_a_deleted_aggregate_is_reported(store: Store) -> None:
    victim = store.certifications[0]
    rows = [r for r in store.rows() if UUID(str(r[1])) == victim]
    store.execute(f"DELETE FROM {store.events} WHERE originator_id = %s", (rows[0][1],))
    found = _found(store.findings())
    assert {("deleted", str(victim), int(r[2])) for r in rows} <= found


def test_a_deleted_aggregate_with_its_chain_rows_breaks_the_store_chain(store: Store) -> None:
    victim = store.certifications[0]
    oid = next(r[1] for r in store.rows() if UUID(str(r[1])) == victim)
    store.execute(f"DELETE FROM {store.events} WHERE originator_id = %s", (oid,))
    store.execute(f"DELETE FROM {store.chain} WHERE originator_id = %s", (str(UUID(str(oid))),))
    kinds = {f.kind for f in store.findings()}
    assert "broken_chain" in kinds


def test_a_verify_keeping_few_aggregates_in_memory_finds_the_same(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import certflow.application.chain as chain

    monkeypatch.setattr(chain, "_TIPS", 2)  # the rest read back from the chain table
    assert store.findings() == []
    nid, oid, version, _ = store.rows()[30]
    store.execute(f"DELETE FROM {store.events} WHERE {store.nid} = %s", (nid,))
    few = _found(store.findings())
    monkeypatch.setattr(chain, "_TIPS", 20_000)
    assert few == _found(store.findings())
    assert ("deleted", *_key((nid, oid, version))) in few


def test_certflow_verify_exits_1_on_tampering_and_0_when_intact(store: Store) -> None:
    runner = CliRunner()
    clean = runner.invoke(app, ["verify", "--store", store.url, "--json"])
    assert clean.exit_code == 0, clean.output
    head = clean.stdout.split('"head": "')[1].split('"')[0]
    assert runner.invoke(app, ["verify", "--store", store.url, "--expect", head]).exit_code == 0
    wrong = runner.invoke(app, ["verify", "--store", store.url, "--expect", "00" * 32])
    assert wrong.exit_code == 1
    nid = store.rows()[3][0]
    store.execute(f"DELETE FROM {store.events} WHERE {store.nid} = %s", (nid,))
    broken = runner.invoke(app, ["verify", "--store", store.url])
    assert broken.exit_code == 1
    assert "deleted" in broken.output


def test_the_chain_stays_whole_when_writers_interleave_and_fail(durable_store_url: str) -> None:
    """Each writer skips reading the chain's tips only right after its own committed write."""
    first = certflow.open(durable_store_url, clock=FixedClock(date(2024, 10, 14), tz=WIB))
    second = certflow.open(durable_store_url, clock=FixedClock(date(2024, 10, 14), tz=WIB))
    try:
        world = build_world(first, candidates=4)
        certs = [world.register(n) for n in range(4)]
        alone = services_of(first).store.recorder.chainer.reads  # type: ignore[attr-defined]
        for cert in certs:
            first.request_documents(cert, documents=["KTP"], actor=world_admin())
        # One writer alone: every transaction continued from its own committed tips.
        assert services_of(first).store.recorder.chainer.reads == alone  # type: ignore[attr-defined]
        # Two writers taking turns, and a failed save in between: each reads the tips again.
        for n, cert in enumerate(certs):
            lsp = (first, second)[n % 2]
            stale = services_of(lsp).certification(cert)
            lsp.request_documents(cert, documents=[f"doc-{n}"], actor=world_admin())
            stale.request_documents([f"late-{n}"], actor=world_admin(), at=first.clock.now())
            with pytest.raises(certflow.ConcurrencyConflictError):
                services_of(lsp).store.save(
                    stale
                )  # rolled back: its computed tips must not be remembered
        assert services_of(first).store.recorder.chainer.reads > alone  # type: ignore[attr-defined]
        for cert in certs:
            world.admit(cert)
        for cert in certs:
            world.submit(cert)
        report = verify(services_of(first).store.recorder)
        assert report.intact, report.findings[:3]
        stored = services_of(first).store.recorder.select_notifications(start=1, limit=10_000)
        assert report.chained == report.records == len(stored)  # PostgreSQL ids may have gaps
    finally:
        second.close()
        first.close()


def world_admin() -> certflow.Actor:
    return actors.ADMIN
