"""Tamper with what lies beside the chained log: snapshots, read models, the holder's name.

Each edit is made behind certflow's back on a real SQLite file and a real PostgreSQL schema,
and is detected by the command docs/audit.md names for it.
"""

from __future__ import annotations

import json
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
from certflow.adapters.keys import create_keys
from certflow.adapters.tokens import token_signer
from certflow.bootstrap import services_of
from certflow.cli import app
from certflow.testing import actors
from tests.support import build_world

EVERY = 5  # the main path is 15 events: its last one is snapshotted


@dataclass
class Store:
    url: str
    execute: Callable[[str, tuple[Any, ...]], list[tuple[Any, ...]]]
    prefix: str
    """Table name prefix: ``stored_`` on SQLite, ``<schema>.certflow_`` on PostgreSQL."""
    schema: str
    """The views' schema prefix: empty on SQLite, ``<schema>.`` on PostgreSQL."""
    certifications: list[UUID]

    def open(self) -> certflow.CertificationBody:
        clock = FixedClock(date(2024, 10, 14), tz=WIB)
        return certflow.open(self.url, clock=clock, snapshot_every=EVERY)


def _populate(url: str) -> list[UUID]:
    lsp = certflow.open(url, clock=FixedClock(date(2024, 10, 14), tz=WIB), snapshot_every=EVERY)
    world = build_world(lsp)
    certifications = [world.through("distributed", n) for n in range(2)]
    lsp.read_models.catch_up()
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

        yield Store(url, execute, "stored_", "", certifications)
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

    yield Store(url, execute_pg, f"{schema}.certflow_", f"{schema}.", certifications)


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


# -- read models -------------------------------------------------------------------------------


def _check(store: Store, *args: str) -> tuple[int, dict[str, Any]]:
    result = CliRunner().invoke(
        app, ["projections", "check", *args, "--store", store.url, "--json"]
    )
    return result.exit_code, json.loads(result.stdout)


def test_an_untouched_store_has_no_drift(store: Store) -> None:
    code, found = _check(store)
    assert code == 0, found
    assert found["clean"]
    assert found["rows"] > 0
    lsp = store.open()
    try:
        assert lsp.read_models.check().clean
    finally:
        lsp.close()


def test_an_edited_register_row_is_reported_as_drift(store: Store) -> None:
    table = f"{store.schema}certflow_certificate_register"
    ((number, status),) = store.execute(
        f"SELECT certificate_number, status FROM {table} WHERE certification_id = %s",
        (str(store.certifications[0]),),
    )
    assert status == "valid"
    store.execute(f"UPDATE {table} SET status = 'revoked' WHERE certificate_number = %s", (number,))
    code, found = _check(store)
    assert code == 1
    assert not found["clean"]
    (drift,) = found["drift"]
    assert drift["view"] == "certificate_register"
    assert drift["key"] == [number]
    assert drift["kind"] == "different"
    assert drift["columns"] == ["status"]
    assert drift["stored"][4] == "revoked"
    assert drift["rebuilt"][4] == "valid"
    assert _check(store, "case_board")[0] == 0  # the other views are clean


def test_deleted_and_added_view_rows_are_reported(store: Store) -> None:
    board = f"{store.schema}certflow_deadline_board"
    rows = store.execute(f"SELECT certification_id, deadline FROM {board}", ())
    assert rows
    store.execute(
        f"DELETE FROM {board} WHERE certification_id = %s AND deadline = %s", tuple(rows[0])
    )
    store.execute(
        f"INSERT INTO {store.schema}certflow_assessor_workload "
        "(certification_id, assessor_id, day, held, stage) VALUES (%s, %s, %s, %s, %s)",
        ("00000000-0000-0000-0000-000000000001", "x", "2024-11-08", 1, "assessed"),
    )
    code, found = _check(store)
    assert code == 1
    kinds = {(d["view"], d["kind"], tuple(d["key"])) for d in found["drift"]}
    assert kinds == {
        ("deadline_board", "missing", (str(rows[0][0]), str(rows[0][1]))),
        ("assessor_workload", "extra", ("00000000-0000-0000-0000-000000000001",)),
    }


# -- the holder's name -------------------------------------------------------------------------


def _token(store: Store, cert: UUID, tmp_path: Path) -> tuple[str, Path]:
    private, public = create_keys(tmp_path / "keys")
    lsp = store.open()
    try:
        return lsp.certificate_token(cert, key=token_signer(private)), public
    finally:
        lsp.close()


def _verify_certificate(store: Store, token: str, public: Path) -> tuple[int, dict[str, Any]]:
    result = CliRunner().invoke(
        app,
        ["verify-certificate", token, "--store", store.url, "--public-key", str(public), "--json"],
    )
    return result.exit_code, json.loads(result.stdout)


def test_the_printed_name_is_bound_by_a_salted_hash_not_stored_in_the_event(store: Store) -> None:
    lsp = store.open()
    try:
        view = lsp.get(store.certifications[0])
        other = lsp.get(store.certifications[1])
        (printed,) = [e for e in lsp.history(view.id) if e.event == "CertificatePrinted"]
    finally:
        lsp.close()
    assert len(view.holder_name_hash) == 64
    assert len(view.holder_name_salt) == 32
    assert view.holder_name_salt != other.holder_name_salt  # one salt per certificate
    assert "Kandidat" not in json.dumps(printed.data, default=str)


def test_an_edited_holder_name_reads_as_altered(store: Store, tmp_path: Path) -> None:
    cert = store.certifications[0]
    token, public = _token(store, cert, tmp_path)
    code, answer = _verify_certificate(store, token, public)
    assert code == 0, answer
    assert answer["status"] == "valid"
    assert answer["holder"] == "Kandidat 0"
    assert answer["name_check"] == "matches"
    lsp = store.open()
    subject = lsp.get(cert).subject_id
    lsp.close()
    table = f"{store.schema}certflow_subjects"
    store.execute(
        f"UPDATE {table} SET data = REPLACE(data, 'Kandidat 0', 'Orang Lain') "
        "WHERE subject_id = %s",
        (str(subject),),
    )
    code, answer = _verify_certificate(store, token, public)
    assert code == 1
    assert answer["name_check"] == "altered"
    assert "Orang Lain" not in json.dumps(answer)
    assert "altered" in answer["holder"] or "diubah" in answer["holder"]
    by_number = CliRunner().invoke(
        app, ["verify-certificate", answer["number"], "--store", store.url]
    )
    assert by_number.exit_code == 1
    assert "ALTERED" in by_number.stdout
    assert "Orang Lain" not in by_number.stdout


def test_an_erased_holder_reads_as_erased(store: Store, tmp_path: Path) -> None:
    cert = store.certifications[1]
    token, public = _token(store, cert, tmp_path)
    lsp = store.open()
    try:
        lsp.erase_personal_data(lsp.get(cert).subject_id, reason="request", actor=actors.DPO)
    finally:
        lsp.close()
    code, answer = _verify_certificate(store, token, public)
    assert code == 0, answer  # the certificate stands; only the name is gone
    assert answer["name_check"] == "erased"
    assert answer["holder"] == "[personal data erased]"
