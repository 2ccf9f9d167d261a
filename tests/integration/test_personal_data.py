"""No personal data in the event log (UU PDP, R58): the demo store's events hold none of it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import certflow
from certflow.demo import run_demo
from certflow.demo.seed import ASSESSORS, candidates


def _needles() -> list[bytes]:
    people = candidates(2024)
    needles = [p.nik.encode() for p in people] + [p.nrp.encode() for p in people]
    needles += [p.name.encode() for p in people] + [n.encode() for _, n, _ in ASSESSORS]
    return needles


def _assert_clean(blobs: list[bytes], subject_rows: int) -> None:
    assert len(blobs) > 800  # the demo's events, not an empty table
    assert subject_rows == 62 + len(ASSESSORS)
    for needle in _needles():
        assert not any(needle in blob for blob in blobs), f"{needle!r} found in an event"


def test_no_name_nik_or_nrp_in_a_sqlite_demo_store(tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    lsp = certflow.open(f"sqlite:///{path}")
    run_demo(lsp)
    lsp.close()
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT topic, state FROM stored_events").fetchall()
        blobs = [bytes(topic, "utf8") + bytes(state) for topic, state in rows]
        subjects = db.execute("SELECT data FROM certflow_subjects").fetchall()
    _assert_clean(blobs, len(subjects))
    # The subject store does hold them: that is where they belong.
    assert any(b"Kabidhumas" in row[0].encode() for row in subjects)


@pytest.mark.postgres
def test_no_name_nik_or_nrp_in_a_postgres_demo_store(pg_url: str) -> None:
    import psycopg

    lsp = certflow.open(pg_url)
    run_demo(lsp)
    schema = lsp.store.env["POSTGRES_SCHEMA"]
    lsp.close()
    dbname = pg_url.split("/")[-1].split("?")[0]
    with psycopg.connect(host="127.0.0.1", user="postgres", dbname=dbname) as db:
        rows = db.execute(f"SELECT topic, state FROM {schema}.certflow_events").fetchall()
        subjects = db.execute(f"SELECT data FROM {schema}.certflow_subjects").fetchall()
    blobs = [topic.encode() + bytes(state) for topic, state in rows]
    _assert_clean(blobs, len(subjects))
