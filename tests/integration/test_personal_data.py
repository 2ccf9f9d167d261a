"""No personal data in the event log (UU PDP, R58): the demo store's events hold none of it."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
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


def _erase_one(
    url: str, *, reader: Callable[[], object] | None = None
) -> tuple[certflow.CertificationBody, object, list[bytes], certflow.ErasureReport]:
    """Erase one Kabidhumas of the demo; ``reader`` starts a concurrent read first."""
    from certflow.demo.seed import candidates
    from certflow.testing import actors

    lsp = certflow.open(url)
    run_demo(lsp)
    person = candidates(2024)[20]  # a Kabidhumas
    subject = lsp.find_candidate(nik=person.nik)
    assert subject is not None
    certifications = [s for s in lsp.list_certifications() if s.subject_id == subject]
    assert len(certifications) == 2
    if reader is not None:
        reader()
    report = lsp.erase_personal_data(subject, reason="subject request", actor=actors.DPO)
    return (
        lsp,
        (subject, certifications),
        [person.nik.encode(), person.nrp.encode(), person.name.encode()],
        report,
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


def _files_holding(tmp_path: Path, needles: list[bytes]) -> list[str]:
    """The byte scan: every file of the store (main, -wal, -shm) read raw."""
    files = sorted(tmp_path.glob("erase.db*"))
    assert files
    return [f.name for f in files if any(n in f.read_bytes() for n in needles)]


def test_erasure_leaves_no_byte_of_the_person_in_a_sqlite_store(tmp_path: Path) -> None:
    path = tmp_path / "erase.db"
    lsp, found, needles, report = _erase_one(f"sqlite:///{path}")
    assert report.physical
    assert report.state is certflow.ErasureState.PHYSICAL
    _still_whole(lsp, found)
    lsp.close()
    assert _files_holding(tmp_path, needles) == []
    other = candidates(2024)[21]
    assert other.nik.encode() in path.read_bytes()  # the others are still on file


def test_a_sqlite_erasure_under_a_concurrent_reader_is_pending_until_finished(
    tmp_path: Path,
) -> None:
    path = tmp_path / "erase.db"
    reader = sqlite3.connect(path, isolation_level=None)

    def read() -> None:  # another process's report, in the middle of its read transaction
        reader.execute("BEGIN")
        assert reader.execute("SELECT count(*) FROM certflow_subjects").fetchone()[0] > 60

    lsp, found, needles, report = _erase_one(f"sqlite:///{path}?erase_wait=0.3", reader=read)
    subject = found[0]  # type: ignore[index]
    assert report.state is certflow.ErasureState.PENDING
    assert report.subject_ids == (subject,)
    assert report.remains
    assert "read transaction" in report.remains[0].en
    assert "certflow erase --finish" in report.advice().en
    assert lsp.holder_name(subject) in ("[personal data erased]", "[data pribadi dihapus]")
    assert _files_holding(tmp_path, needles)  # pending was the truth: the bytes are there
    again = lsp.finish_erasures()  # the reader still reads: still pending, same subject
    assert again.state is certflow.ErasureState.PENDING
    assert again.subject_ids == (subject,)
    reader.execute("COMMIT")
    reader.close()
    done = lsp.finish_erasures()
    assert done.physical
    assert done.subject_ids == (subject,)
    assert _files_holding(tmp_path, needles) == []
    assert lsp.finish_erasures() == certflow.ErasureReport((), certflow.ErasureState.PHYSICAL)
    _still_whole(lsp, found)
    lsp.close()
    assert _files_holding(tmp_path, needles) == []
    other = candidates(2024)[21]
    assert other.nik.encode() in path.read_bytes()


@pytest.mark.postgres
def test_erasure_leaves_nothing_of_the_person_in_a_postgres_store(pg_url: str) -> None:
    import psycopg

    lsp, found, needles, report = _erase_one(pg_url)
    assert report.physical
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


_RELATIONS = """
SELECT c.oid::regclass::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = %(schema)s AND c.relkind IN ('r', 'i', 'm')
UNION
SELECT t.oid::regclass::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_class t ON t.oid = c.reltoastrelid
 WHERE n.nspname = %(schema)s
UNION
SELECT i.indexrelid::regclass::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_index i ON i.indrelid = c.reltoastrelid
 WHERE n.nspname = %(schema)s
"""
"""Every table and index of the store's schema, with their TOAST tables and TOAST indexes."""


def _pages_holding(db: object, schema: str, needles: list[bytes]) -> dict[str, int]:
    """The raw page scan: each relation's every block read with pageinspect's get_raw_page."""
    relations = [r[0] for r in db.execute(_RELATIONS, {"schema": schema}).fetchall()]  # type: ignore[attr-defined]
    assert any(r.endswith("certflow_subjects") for r in relations)
    assert any(r.endswith("certflow_subjects_nik_key") for r in relations)
    holding = {}
    for relation in relations:
        pages = db.execute(  # type: ignore[attr-defined]
            "SELECT get_raw_page(%(r)s::text, b::int) FROM generate_series(0, "
            "pg_relation_size(%(r)s::regclass) / current_setting('block_size')::int - 1) b",
            {"r": relation},
        ).fetchall()
        hits = sum(1 for (page,) in pages if any(n in bytes(page) for n in needles))
        if hits:
            holding[relation] = hits
    return holding


@pytest.mark.postgres
@pytest.mark.parametrize("holds", ["snapshot", "xid"])
def test_a_postgres_erasure_leaves_no_byte_in_any_page_after_a_concurrent_reader(
    pg_url: str, holds: str
) -> None:
    """``snapshot``: a repeatable-read report; ``xid``: a transaction with an id, between
    statements (no snapshot of its own, yet it holds vacuum's horizon back all the same)."""
    import psycopg

    dbname = pg_url.split("/")[-1].split("?")[0]
    schema = pg_url.split("schema=")[1]
    admin = psycopg.connect(host="127.0.0.1", user="postgres", dbname=dbname, autocommit=True)
    admin.execute("CREATE EXTENSION IF NOT EXISTS pageinspect")  # superuser, throwaway database
    reader = psycopg.connect(host="127.0.0.1", user="postgres", dbname=dbname)

    def read() -> None:  # another session, inside its transaction
        if holds == "xid":
            reader.execute("SELECT txid_current()")  # psycopg began a transaction: it has an id
            return
        reader.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
        count = reader.execute(f"SELECT count(*) FROM {schema}.certflow_subjects").fetchone()
        assert count is not None
        assert count[0] > 60

    try:
        lsp, found, needles, report = _erase_one(f"{pg_url}&erase_wait=0.5", reader=read)
        subject = found[0]  # type: ignore[index]
        assert report.state is certflow.ErasureState.PENDING
        assert report.subject_ids == (subject,)
        assert "begun before the erasure" in report.remains[0].en
        assert _pages_holding(admin, schema, needles)  # the heap and index pages still hold it
        reader.rollback()
        done = lsp.finish_erasures()
        assert done.physical
        assert done.subject_ids == (subject,)
        assert _pages_holding(admin, schema, needles) == {}
        other = candidates(2024)[21]
        assert _pages_holding(admin, schema, [other.nik.encode()])  # others still on file
        _still_whole(lsp, found)
        lsp.close()
    finally:
        reader.close()
        admin.close()


@pytest.mark.postgres
def test_a_postgres_erasure_with_no_other_reader_is_physical_at_once(pg_url: str) -> None:
    import psycopg

    dbname = pg_url.split("/")[-1].split("?")[0]
    schema = pg_url.split("schema=")[1]
    lsp, _found, needles, report = _erase_one(pg_url)
    assert report.physical
    lsp.close()
    with psycopg.connect(
        host="127.0.0.1", user="postgres", dbname=dbname, autocommit=True
    ) as admin:
        admin.execute("CREATE EXTENSION IF NOT EXISTS pageinspect")
        assert _pages_holding(admin, schema, needles) == {}


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_a_namesake_on_file_does_not_keep_an_erasure_pending(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    from uuid import uuid4

    from certflow.application import PersonalData, SubjectKind, SubjectRecord
    from certflow.application.erasure import erasure_needles

    path = tmp_path / "erase.db"
    url = f"sqlite:///{path}" if kind == "sqlite" else request.getfixturevalue("pg_url")
    lsp = certflow.open(url)
    subjects = services_of(lsp).subjects
    erased = SubjectRecord(
        subject_id=uuid4(),
        kind=SubjectKind.CANDIDATE,
        data=PersonalData(name="Muhammad Rizki", nik="3171000000000001", nrp="81010001"),
    )
    namesake = SubjectRecord(
        subject_id=uuid4(),
        kind=SubjectKind.CANDIDATE,
        data=PersonalData(name="Muhammad Rizki", nik="3171000000000002", nrp="81010002"),
    )
    subjects.put_many([erased, namesake])
    assert subjects.erase(erased.subject_id)
    report = subjects.settle([erased.subject_id], erasure_needles(erased.data))
    assert report.physical, report.remains
    assert subjects.get(namesake.subject_id) == namesake
    lsp.close()
    if kind == "sqlite":
        assert _files_holding(tmp_path, [b"3171000000000001", b"81010001"]) == []
        assert b"3171000000000002" in path.read_bytes()
