"""Read models: what they hold, that a rebuild gives the same rows, runners racing, following."""

from __future__ import annotations

import json
import re
import threading
import time
from datetime import date, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

import certflow
from certflow import FixedClock, InvalidInputError, Stage
from certflow.application.ports import ViewMoved
from certflow.application.view_rows import ViewRows
from certflow.bootstrap import services_of
from certflow.cli import app
from certflow.demo import run_demo
from certflow.domain import WIB
from certflow.engine import WorkflowAggregate
from certflow.testing import actors
from tests.support import build_world, every_event_history

ADMIN = actors.ADMIN


def test_views_hold_every_kind_of_record_as_the_records_say(store_url: str) -> None:
    lsp = certflow.open(store_url, clock=FixedClock(date(2024, 10, 14), tz=WIB))
    try:
        ids = every_event_history(lsp, migrate=False)
        today = lsp.clock.now().date()
        board = {s.id: s for s in lsp.list_certifications()}
        certifications = [i for i in ids if i in board]
        assert len(certifications) >= 8
        for cid in certifications:
            view = lsp.get(cid)
            assert (board[cid].stage, board[cid].version) == (view.stage, view.version)
        counts = lsp.read_models.stage_counts()
        assert sum(c.count for c in counts) == len(board)
        assert {c.stage for c in counts} == {s.stage for s in board.values()}

        register = lsp.read_models.certificate_register(today=today)
        by_stage = {lsp.get(e.certification_id).stage: e.status for e in register}
        assert by_stage[Stage.REVOKED] == "revoked"
        assert by_stage[Stage.SUPERSEDED] == "superseded"
        assert by_stage[Stage.DISTRIBUTED] == "valid"
        reissued = next(e for e in register if e.registration_number == "REG-73300-2024-0007")
        assert reissued.copy_number == 2
        assert not {"nik", "name", "units", "outcome"} & set(reissued.model_dump())

        overdue = lsp.overdue(today=today)
        expected = {
            (cid, d.name)
            for cid in certifications
            for d in lsp.get(cid).deadlines
            if d.overdue and lsp.get(cid).stage not in _ENDED
        }
        assert {(i.certification_id, i.deadline) for i in overdue} == expected
    finally:
        lsp.close()


_ENDED = {Stage.REJECTED, Stage.WITHDRAWN, Stage.REVOKED, Stage.EXPIRED, Stage.SUPERSEDED}


def test_a_rebuild_gives_exactly_the_rows_kept_up_incrementally(durable_store_url: str) -> None:
    lsp = certflow.open(durable_store_url, clock=FixedClock(date(2024, 10, 14), tz=WIB))
    try:
        world = build_world(lsp, candidates=6)
        certs = [world.register(n) for n in range(5)]
        lsp.read_models.catch_up()
        steps = [world.admit, world.submit, world.assign, world.sign, world.verify]
        steps += [world.interview, world.recommend, world.decide, world.print, world.distribute]
        for n, cert in enumerate(certs):
            for step in steps[: 10 - n]:
                step(cert)
    finally:
        lsp.close()
    # A fresh body: nothing cached, so the catch-up loads the states it starts from.
    lsp = certflow.open(durable_store_url)
    try:
        assert all(s.behind > 0 for s in lsp.read_models.status())
        kept = lsp.read_models.dump()
        assert all(s.behind == 0 for s in lsp.read_models.status())
        assert len(kept["certificate_register"]) == 2
        assert lsp.read_models.rebuild() > 0
        assert lsp.read_models.dump() == kept
        assert lsp.read_models.rebuild("deadline_board") > 0
        assert lsp.read_models.dump() == kept
        # A runner keeping one certification at a time loads the others back: the same rows.
        lsp.read_models._cache_size = 1
        assert lsp.read_models.rebuild() > 0
        assert lsp.read_models.dump() == kept
    finally:
        lsp.close()


@pytest.mark.postgres
def test_a_postgres_rebuild_leaves_no_dead_rows_behind(pg_url: str) -> None:
    """A rebuild truncates its tables: rebuilt again and again, they stay the same size.

    Deleting the rows left them dead beside the new ones until a vacuum: every rebuild made
    the tables and their indexes larger, and slower to write.
    """
    import psycopg

    schema = pg_url.split("schema=")[1]
    lsp = certflow.open(pg_url, clock=FixedClock(date(2024, 10, 14), tz=WIB))
    try:
        world = build_world(lsp, candidates=40)
        for n in range(40):
            world.register(n)
        lsp.read_models.rebuild()
        kept = lsp.read_models.dump()
        sizes = []
        dbname = pg_url.split("/")[-1].split("?")[0]
        with psycopg.connect(host="127.0.0.1", user="postgres", dbname=dbname) as db:
            for _ in range(3):
                lsp.read_models.rebuild()
                row = db.execute(
                    "SELECT pg_total_relation_size(%s::regclass)",
                    (f"{schema}.certflow_case_board",),
                ).fetchone()
                assert row is not None
                sizes.append(row[0])
        assert lsp.read_models.dump() == kept
        assert sizes[0] == sizes[1] == sizes[2], sizes
    finally:
        lsp.close()


@pytest.mark.postgres
def test_postgres_view_writes_do_not_wait_for_the_flush_and_events_still_do(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the views' transactions commit without waiting for the WAL flush.

    ``SET LOCAL`` ends with the transaction: a pooled connection that wrote views and then
    stores events must commit those durably, as every connection of the pool does after.
    """
    from certflow.adapters.postgres.recorders import PostgresViewStore

    inside: list[str] = []
    original = PostgresViewStore._unflushed

    def unflushed(self: PostgresViewStore, cursor: object) -> None:
        original(self, cursor)
        cursor.execute("SHOW synchronous_commit")  # type: ignore[attr-defined]
        inside.append(cursor.fetchone()["synchronous_commit"])  # type: ignore[attr-defined]

    monkeypatch.setattr(PostgresViewStore, "_unflushed", unflushed)
    lsp = certflow.open(pg_url, clock=FixedClock(date(2024, 10, 14), tz=WIB))
    try:
        world = build_world(lsp, candidates=3)
        for n in range(3):
            world.register(n)
            lsp.read_models.catch_up()
        assert inside
        assert set(inside) == {"off"}
        datastore = services_of(lsp).store.recorder.datastore  # type: ignore[attr-defined]
        held = [datastore.pool.getconn() for _ in range(datastore.pool.max_size)]
        try:
            settings = {
                c.execute("SHOW synchronous_commit").fetchone()["synchronous_commit"] for c in held
            }
        finally:
            for connection in held:
                datastore.pool.putconn(connection)
        assert settings == {"on"}
    finally:
        lsp.close()


def test_a_runner_that_lost_the_race_changes_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'race.db'}"
    first = certflow.open(url, clock=FixedClock(date(2024, 10, 14), tz=WIB))
    second = certflow.open(url)
    try:
        world = build_world(first, candidates=2)
        world.through("interviewed", 0)
        key = f"{services_of(first).store.name}.case_board"
        stale = second.read_models._store.positions([key])[key]
        first.read_models.catch_up()
        before = first.read_models.dump()
        board = second.read_models._store.case_board(stages=None, scheme_code=None, session_id=None)
        bogus = ViewRows(case=[row._replace(stage="bogus") for row in board])
        with pytest.raises(ViewMoved):
            second.read_models._store.write(bogus, {key: (stale, stale + 1)})
        assert first.read_models.dump() == before
        # Two runners catching up at once: each event is applied once, whoever wins a batch.
        world.through("distributed", 1)
        runners = [threading.Thread(target=b.read_models.catch_up) for b in (first, second)]
        for runner in runners:
            runner.start()
        for runner in runners:
            runner.join()
        kept = first.read_models.dump()
        first.read_models.rebuild()
        assert first.read_models.dump() == kept
    finally:
        second.close()
        first.close()


def test_unknown_views_are_refused() -> None:
    lsp = certflow.open("memory://")
    try:
        with pytest.raises(InvalidInputError, match="case_board"):
            lsp.read_models.rebuild("cases")
    finally:
        lsp.close()


def test_a_runner_follows_the_log_until_stopped(durable_store_url: str) -> None:
    writer = certflow.open(durable_store_url, clock=FixedClock(date(2024, 10, 14), tz=WIB))
    runner = certflow.open(durable_store_url)
    stop = threading.Event()
    thread = threading.Thread(
        target=runner.read_models.follow, args=(stop,), kwargs={"poll_interval": 0.05}
    )
    try:
        thread.start()
        world = build_world(writer, candidates=2)
        world.through("distributed", 0)
        head = services_of(writer).store.recorder.max_notification_id()
        deadline = time.monotonic() + 20
        while min(s.position for s in runner.read_models.status()) < head:
            assert time.monotonic() < deadline, "the runner did not catch up"
            time.sleep(0.05)
        # The rows are there without any query catching up on the writer's side.
        rows = runner.read_models._store.case_board(stages=None, scheme_code=None, session_id=None)
        assert [r.stage for r in rows] == ["distributed"]
    finally:
        stop.set()
        thread.join(timeout=20)
        assert not thread.is_alive()
        runner.close()
        writer.close()


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('views') / 'demo.db'}"
    lsp = certflow.open(url)
    try:
        run_demo(lsp)
    finally:
        lsp.close()
    return url


def _cli(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_the_projection_commands(demo_store: str) -> None:
    status = json.loads(_cli("projections", "status", "--store", demo_store, "--json"))
    assert [s["view"] for s in status] == [
        "case_board",
        "certificate_register",
        "deadline_board",
        "assessor_workload",
    ]
    out = _cli("projections", "rebuild", "certificate_register", "--store", demo_store, "-q")
    assert "certificate_register" in out
    status = json.loads(_cli("projections", "status", "--store", demo_store, "--json"))
    register = next(s for s in status if s["view"] == "certificate_register")
    assert register["position"] == register["head"]
    assert register["behind"] == 0
    ran = _cli("projections", "run", "--once", "--store", demo_store)
    assert re.fullmatch(r"\d+ events applied\.\n", ran), ran
    with pytest.raises(AssertionError, match="unknown view"):
        _cli("projections", "rebuild", "nope", "--store", demo_store)


def test_the_board_register_deadlines_and_workload_commands(demo_store: str) -> None:
    board = json.loads(_cli("board", "--store", demo_store, "--json"))
    assert sum(row["count"] for row in board) == 124
    register = json.loads(
        _cli("register", "--store", demo_store, "--json", "--today", "2025-01-01")
    )
    assert len(register) == 110
    assert {e["status"] for e in register} == {"valid"}
    assert all("nik" not in e for e in register)  # the view holds ids; the name is read now
    assert all(e["name"] and e["session_code"] == "EUK/HUMAS-POLRI/2024-11" for e in register)
    number = register[0]["certificate_number"]
    (one,) = json.loads(_cli("register", number, "--store", demo_store, "--json"))
    assert one["certificate_number"] == number
    expired = json.loads(
        _cli(
            "register",
            "--store",
            demo_store,
            "--json",
            "--today",
            "2028-01-01",
            "--status",
            "expired",
        )
    )
    assert len(expired) == 110
    deadlines = json.loads(
        _cli("deadlines", "--store", demo_store, "--json", "--today", "2027-10-01")
    )
    assert len(deadlines["certificates_expiring"]) == 110
    assert deadlines["distributions_overdue"] == []
    workload = json.loads(_cli("workload", "--store", demo_store, "--json"))
    assert sum(w["candidates"] for w in workload) == 124
    assert max(w["candidates"] for w in workload) <= 4
    table = _cli("workload", "--store", demo_store)
    assert table.count("2024-11-") >= len(workload) // 2  # one line per assessor and day


def test_a_sweep_loads_only_what_the_deadline_board_shows_due(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lsp = certflow.open("memory://", clock=FixedClock(date(2024, 10, 14), tz=WIB))
    try:
        ids = every_event_history(lsp, migrate=True)  # one record left under an unknown v3
        orphan = [
            i
            for i in ids
            if getattr(services_of(lsp).store.load(WorkflowAggregate, i), "workflow_version", 0)
            == 3
        ]
        loaded: list[object] = []
        runtime = services_of(lsp).certifications
        load = runtime.load
        monkeypatch.setattr(
            runtime, "load", lambda cid, version=None: loaded.append(cid) or load(cid, version)
        )
        early = lsp.sweep(at=at_day(date(2028, 3, 1)))  # a certificate held, nothing due
        assert (early.moves, loaded) == ([], [])
        assert early.skipped == orphan
        report = lsp.sweep(at=at_day(date(2031, 1, 1)))
        assert report.moves  # expiries and the like came due by 2031
        assert set(loaded) == {cid for cid, _ in report.moves}  # nothing else was loaded
        assert report.skipped == orphan
        assert len(orphan) == 1
        loaded.clear()
        again = lsp.sweep(at=at_day(date(2031, 1, 1)))
        assert (again.moves, loaded) == ([], [])
    finally:
        lsp.close()


def at_day(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, tzinfo=WIB)
