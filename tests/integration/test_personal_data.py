"""No personal data in the event log (UU PDP, R58): the demo store's events hold none of it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import certflow
from certflow.bootstrap import services_of
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
    # Every byte of the file outside the subject store: drop that table, vacuum, scan it all.
    stripped = tmp_path / "without-subjects.db"
    with sqlite3.connect(path) as db:
        db.execute("VACUUM INTO ?", (str(stripped),))
    with sqlite3.connect(stripped) as db:
        db.execute("DROP TABLE certflow_subjects")
    with sqlite3.connect(stripped) as db:
        db.execute("VACUUM")
    everything = stripped.read_bytes()
    assert len(everything) > 500_000
    assert not any(needle in everything for needle in _needles())
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


def _erase_one(url: str) -> tuple[certflow.CertificationBody, object, list[bytes]]:
    from certflow.demo.seed import candidates
    from certflow.testing import actors

    lsp = certflow.open(url)
    run_demo(lsp)
    person = candidates(2024)[20]  # a Kabidhumas
    subject = lsp.find_candidate(nik=person.nik)
    assert subject is not None
    certifications = [s for s in lsp.list_certifications() if s.subject_id == subject]
    assert len(certifications) == 2
    lsp.erase_personal_data(subject, reason="subject request", actor=actors.DPO)
    return (
        lsp,
        (subject, certifications),
        [person.nik.encode(), person.nrp.encode(), person.name.encode()],
    )


def _still_whole(lsp: certflow.CertificationBody, found: object) -> None:
    from certflow.application.chain import verify
    from certflow.domain import SubjectStatus

    subject, certifications = found  # type: ignore[misc]
    assert lsp.personal_data_status(subject) is SubjectStatus.ERASED
    assert lsp.holder_name(subject) in ("[personal data erased]", "[data pribadi dihapus]")
    for summary in certifications:
        view = lsp.get(summary.id)  # the history still replays
        assert view.version == summary.version
        if view.certificate_number:
            assert lsp.get_by_number(view.certificate_number).id == summary.id
    assert verify(services_of(lsp).store.recorder).intact
    assert len(lsp.history(subject)) == 2  # ErasureRequested, PersonalDataErased


def test_erasure_leaves_no_byte_of_the_person_in_a_sqlite_store(tmp_path: Path) -> None:
    path = tmp_path / "erase.db"
    lsp, found, needles = _erase_one(f"sqlite:///{path}")
    _still_whole(lsp, found)
    lsp.close()
    files = list(tmp_path.glob("erase.db*"))
    for file in files:
        data = file.read_bytes()
        assert not any(n in data for n in needles), file.name
    other = candidates(2024)[21]
    assert other.nik.encode() in path.read_bytes()  # the others are still on file


@pytest.mark.postgres
def test_erasure_leaves_nothing_of_the_person_in_a_postgres_store(pg_url: str) -> None:
    import psycopg

    lsp, found, needles = _erase_one(pg_url)
    _still_whole(lsp, found)
    schema = lsp.store.env["POSTGRES_SCHEMA"]
    lsp.close()
    dbname = pg_url.split("/")[-1].split("?")[0]
    with psycopg.connect(host="127.0.0.1", user="postgres", dbname=dbname) as db:
        tables = [
            r[0]
            for r in db.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = %s",
                (schema,),
            ).fetchall()
        ]
        assert set(tables) >= {"certflow_events", "certflow_subjects", "certflow_chain"}
        for table in tables:
            for row in db.execute(f"SELECT * FROM {schema}.{table}").fetchall():
                blob = repr(row).encode() + b"".join(
                    bytes(v) for v in row if isinstance(v, (bytes, memoryview))
                )
                assert not any(n in blob for n in needles), table
