"""certflow's SQLite store: prepared statements kept, a record's events read in one statement.

Issue 18 (CPU per command): the connections keep their prepared statements, and a record's
events are read without ``BEGIN``/``ROLLBACK`` around the one ``SELECT``. The rows, their
order, the filters and the errors must be exactly eventsourcing's.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import pytest
from eventsourcing.persistence import OperationalError, PersistenceError, StoredEvent
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteDatastore

from certflow import WIB, FixedClock
from certflow.adapters.sqlite.factory import STATEMENT_CACHE, SQLiteStoreFactory
from certflow.adapters.sqlite.reads import translated
from certflow.adapters.sqlite.recorders import (
    BULK_CHECKPOINT,
    BULK_EVENTS,
    ChainedSQLiteApplicationRecorder,
)
from certflow.application.chain import verify
from certflow.bootstrap import services_of
from tests.support import build_world


def _factory(path: Path) -> SQLiteStoreFactory:
    return SQLiteStoreFactory({"SQLITE_DBNAME": str(path)})


def _events(oid: UUID, versions: range) -> list[StoredEvent]:
    return [StoredEvent(oid, v, "t:Event", f'{{"v":{v}}}'.encode()) for v in versions]


def test_the_store_opens_connections_as_eventsourcing_does_keeping_statements(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[dict[str, Any]] = []
    connect = sqlite3.connect

    def recorded(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        opened.append(kwargs)
        return connect(*args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", recorded)
    ours = _factory(tmp_path / "s.db").datastore
    theirs = SQLiteDatastore(str(tmp_path / "s.db"))
    for datastore in (ours, theirs):
        with datastore.transaction(commit=False) as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
            assert cursor.sqlite_cursor.connection.row_factory is sqlite3.Row
            assert cursor.sqlite_cursor.connection.isolation_level is None
        datastore.close()
    mine, eventsourcings = opened
    assert mine["cached_statements"] == STATEMENT_CACHE > 10  # a command sends about ten
    assert eventsourcings["cached_statements"] is True  # sqlite3 reads it as a cache of one
    assert {**mine, "cached_statements": True} == eventsourcings


def test_a_certflow_sqlite_store_uses_it(tmp_path: Path) -> None:
    import certflow

    lsp = certflow.open(f"sqlite:///{tmp_path / 'c.db'}")
    try:
        recorder = services_of(lsp).store.recorder
        assert isinstance(recorder, ChainedSQLiteApplicationRecorder)
        assert type(recorder.datastore.pool).__name__ == "StatementCachingPool"
    finally:
        lsp.close()


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"gt": 2},
        {"lte": 3},
        {"gt": 1, "lte": 4},
        {"desc": True},
        {"desc": True, "limit": 2},
        {"limit": 1},
        {"gt": 9},
    ],
)
def test_lone_reads_return_what_eventsourcing_returns(tmp_path: Path, query: Any) -> None:
    path = tmp_path / "r.db"
    ours = ChainedSQLiteApplicationRecorder(SQLiteDatastore(str(path)))
    ours.create_table()
    oid, other = uuid4(), uuid4()
    ours.insert_events(_events(oid, range(1, 6)))
    ours.insert_events(_events(other, range(1, 3)))
    theirs = SQLiteApplicationRecorder(SQLiteDatastore(str(path)))
    for wanted in (oid, other, uuid4()):
        assert ours.select_events(wanted, **query) == theirs.select_events(wanted, **query)
        # asked by text, the ids are parsed from the rows as eventsourcing does
        assert ours.select_events(wanted.hex, **query) == theirs.select_events(wanted.hex, **query)
    after = ours.select_events_after([(oid, 3), (other, 0)])
    assert after == [
        *theirs.select_events(oid, gt=3),
        *theirs.select_events(other, gt=0),
    ] or after == [*theirs.select_events(other, gt=0), *theirs.select_events(oid, gt=3)]
    assert [type(e.originator_id) for e in after] == [UUID] * len(after)


def test_lone_reads_raise_eventsourcings_errors(tmp_path: Path) -> None:
    recorder = ChainedSQLiteApplicationRecorder(SQLiteDatastore(str(tmp_path / "e.db")))
    # no table created: SQLite's "no such table", as eventsourcing raises it
    with pytest.raises(OperationalError, match="no such table"):
        recorder.select_events(uuid4())
    with pytest.raises(OperationalError, match="no such table"):
        recorder.select_events_after([(uuid4(), 0)])
    assert isinstance(translated(sqlite3.IntegrityError("x")), PersistenceError)
    assert type(translated(sqlite3.Error("x"))) is PersistenceError


def test_the_main_path_on_the_store_replays_and_verifies(tmp_path: Path) -> None:
    import certflow

    lsp = certflow.open(
        f"sqlite:///{tmp_path / 'm.db'}", clock=FixedClock(date(2024, 10, 14), tz=WIB)
    )
    try:
        world = build_world(lsp, candidates=2)
        certs = [world.through("competent", n) for n in range(2)]
        assert verify(services_of(lsp).store.recorder).findings == []
        for cert in certs:
            assert services_of(lsp).certification(cert).version > 1
    finally:
        lsp.close()


def _chain_layout(path: Path) -> tuple[str, list[str]]:
    db = sqlite3.connect(path)
    try:
        (sql,) = db.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'certflow_chain'"
        ).fetchone()
        indexes = [row[1] for row in db.execute("PRAGMA index_list(certflow_chain)")]
    finally:
        db.close()
    return str(sql), indexes


def test_the_chain_is_keyed_by_its_row_id_and_the_old_layout_still_chains(tmp_path: Path) -> None:
    """A new store's chain rows live under their notification id as SQLite's row id.

    Declared ``INTEGER PRIMARY KEY`` the id is the table's own key, and a chain row is found by
    its event's key (the events table's primary key gives the row id): two B-trees fewer to
    write for each event than the layout of stores made before (``BIGINT PRIMARY KEY``, a row
    id plus a unique index, and a unique (originator id, version) index). Those keep their
    layout (``CREATE TABLE IF NOT EXISTS``), go on chaining and verify the same.
    """
    import certflow

    clock = FixedClock(date(2024, 10, 14), tz=WIB)
    new, old = tmp_path / "new.db", tmp_path / "old.db"
    certflow.open(f"sqlite:///{old}", clock=clock).close()
    db = sqlite3.connect(old)
    with db:  # the chain table as stores made before had it, rows and all
        db.execute(
            "CREATE TABLE older (notification_id BIGINT PRIMARY KEY, "
            "originator_id TEXT NOT NULL, originator_version BIGINT NOT NULL, "
            "aggregate_hash BLOB NOT NULL, chain_hash BLOB NOT NULL, "
            "UNIQUE (originator_id, originator_version))"
        )
        db.execute("INSERT INTO older SELECT * FROM certflow_chain")
        db.execute("DROP TABLE certflow_chain")
        db.execute("ALTER TABLE older RENAME TO certflow_chain")
    db.close()
    counts = []
    for path in (new, old):
        lsp = certflow.open(f"sqlite:///{path}", clock=clock)
        try:
            world = build_world(lsp, candidates=2)
            world.through("competent", 0)
            recorder = services_of(lsp).store.recorder
            report = verify(recorder)
            assert report.findings == []
            assert report.records == report.chained == recorder.max_notification_id() > 30
            checkpoint = recorder.checkpoint()
            assert checkpoint is not None
            assert checkpoint.events == report.chained
            assert checkpoint.head.hex() == report.head
            counts.append(checkpoint.events)
        finally:
            lsp.close()
    assert counts[0] == counts[1]
    sql, indexes = _chain_layout(new)
    assert "notification_id INTEGER PRIMARY KEY" in sql
    assert indexes == []  # found through the events table's key
    sql, indexes = _chain_layout(old)
    assert "notification_id BIGINT PRIMARY KEY" in sql
    assert len(indexes) == 2


def test_bulk_writes_postpone_the_automatic_checkpoint_and_ordinary_ones_restore_it(
    tmp_path: Path,
) -> None:
    # one connection, so each read below sees the interval the writes left on it
    datastore = SQLiteDatastore(str(tmp_path / "b.db"), pool_size=1, max_overflow=0)
    recorder = ChainedSQLiteApplicationRecorder(datastore)
    recorder.create_table()

    def interval() -> int:
        with datastore.transaction(commit=False) as cursor:
            cursor.execute("PRAGMA wal_autocheckpoint")
            return int(cursor.fetchone()[0])

    default = interval()
    bulk = [uuid4() for _ in range(BULK_EVENTS // 2)]
    recorder.insert_events([e for oid in bulk for e in _events(oid, range(1, 3))])
    assert interval() == BULK_CHECKPOINT != default
    recorder.insert_events([e for oid in bulk for e in _events(oid, range(3, 5))])
    assert interval() == BULK_CHECKPOINT  # bulk again: left as it is
    one = uuid4()
    recorder.insert_events(_events(one, range(1, 3)))  # an ordinary transaction
    assert interval() == default
    recorder.insert_events(_events(one, range(3, 4)))
    assert interval() == default
    assert verify(recorder).findings == []
    assert recorder.max_notification_id() == 2 * BULK_EVENTS + 3


@pytest.mark.parametrize("pairs", [1, 2, 500])
def test_the_chain_tips_are_searched_by_key_never_scanned(tmp_path: Path, pairs: int) -> None:
    """The tips a writer reads after another writer's commit: a key search per record.

    A row-value ``IN`` list of two or more pairs makes SQLite scan the whole table (a
    transaction extending several records read every chain row, in the layout before); each
    pair is its own equality, which SQLite looks up in the events' key.
    """
    recorder = ChainedSQLiteApplicationRecorder(SQLiteDatastore(str(tmp_path / "t.db")))
    recorder.create_table()
    oids = [uuid4() for _ in range(pairs)]
    ids = recorder.insert_events([e for oid in oids for e in _events(oid, range(1, 4))])
    assert ids is not None
    sql, params = recorder.chainer._tips_sql([(str(oid), 2) for oid in oids])
    db = sqlite3.connect(tmp_path / "t.db")
    try:
        plan = [row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}", params)]
        rows = db.execute(sql, params).fetchall()
        before, asked = recorder._before_sql(str(oids[0]), ids[-1])  # verify's forgotten tip
        plan += [row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {before}", asked)]
    finally:
        db.close()
    scans = [step for step in plan if step.startswith("SCAN") and "CONSTANT" not in step]
    assert scans == []
    found = {row[1]: row[3] for row in rows if row[0] == "aggregate"}
    assert found == {str(oid): 2 for oid in oids}
    # verify's read of a tip it forgot: the record's last chain row before a position
    hashes = {(r.originator_id, r.version): r.aggregate_hash for r in recorder.chain_rows(50)}
    assert recorder.chain_before(str(oids[0]), ids[2]) == (2, hashes[(str(oids[0]), 2)])
    assert recorder.chain_before(str(oids[0]), ids[0]) is None


@pytest.mark.parametrize(
    "query",
    [{}, {"lte": 3}, {"gt": 1, "lte": 4}, {"desc": True, "limit": 1}, {"desc": True, "lte": 2}],
)
def test_snapshots_are_read_in_one_statement_with_eventsourcings_rows(
    tmp_path: Path, query: Any
) -> None:
    from eventsourcing.sqlite import SQLiteAggregateRecorder

    from certflow.adapters.sqlite.reads import LoneSQLiteAggregateRecorder

    path = str(tmp_path / "s.db")
    ours = _factory(tmp_path / "s.db").aggregate_recorder(purpose="snapshots")
    assert isinstance(ours, LoneSQLiteAggregateRecorder)
    oid, other = uuid4(), uuid4()
    ours.insert_events(_events(oid, range(1, 6)))
    ours.insert_events(_events(other, range(1, 3)))
    theirs = SQLiteAggregateRecorder(SQLiteDatastore(path), "stored_snapshots")
    for wanted in (oid, other, uuid4()):
        assert ours.select_events(wanted, **query) == theirs.select_events(wanted, **query)
        assert ours.select_events(wanted.hex, **query) == theirs.select_events(wanted.hex, **query)


def test_a_past_state_from_a_snapshot_reads_it_without_a_transaction(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import certflow

    statements: list[str] = []
    connect = sqlite3.connect

    def traced(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        db = connect(*args, **kwargs)
        db.set_trace_callback(statements.append)
        return db

    monkeypatch.setattr(sqlite3, "connect", traced)
    lsp = certflow.open(
        f"sqlite:///{tmp_path / 'p.db'}",
        clock=FixedClock(date(2024, 10, 14), tz=WIB),
        snapshot_every=5,
    )
    try:
        world = build_world(lsp, candidates=1)
        cert = world.through("competent", 0)
        taken = services_of(lsp).store.snapshots(cert)
        assert taken
        version = taken[-1].originator_version
        statements.clear()
        past = lsp.state_at(cert, version=version)
        assert past.version == version
        reads = [s for s in statements if "stored_snapshots" in s]
        assert len(reads) == 1, statements
        assert not any(s in ("BEGIN", "ROLLBACK") for s in statements), statements
    finally:
        lsp.close()
