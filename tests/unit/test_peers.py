"""B9's peers take the main path to distribution and refuse what certflow refuses (no timing).

The CRUD app and the SpiffWorkflow process run one lifecycle each on a fresh SQLite file with
the durability settings read from a certflow store; their state machine is certflow's own for
the fifteen moves; a move out of order, a role the move does not allow, an assessor other than
the one assigned and a candidate acting on someone else's case are refused with nothing saved.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from benchmarks.peer_apps import MOVES, TRIGGER, Command, CrudApp, Refused, lifecycle
from benchmarks.peer_spiff import SpiffApp
from benchmarks.peers import _open, b9, durability
from benchmarks.suite import Plan
from benchmarks.workload import calibrate

from certflow.domain import CERTIFICATION_WORKFLOW
from certflow.testing.route import STEPS

pytest.importorskip("SpiffWorkflow")


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    lsp = _open(str(tmp_path_factory.mktemp("probe") / "certflow.db"))
    try:
        return durability(lsp)
    finally:
        lsp.close()


def test_the_peers_state_machine_is_certflows() -> None:
    assert set(TRIGGER) == set(STEPS)
    for trigger, move in MOVES.items():
        theirs = CERTIFICATION_WORKFLOW.move(trigger)
        assert set(move.sources) == {s.value for s in theirs.sources} or (
            trigger == "register" and move.sources == ("",) and not theirs.sources
        )
        assert move.roles == {str(r) for r in theirs.roles}, trigger
        dests = {s.value for s in theirs.destinations}
        assert (move.dest is None) == theirs.stays or move.dest in dests, trigger


@pytest.mark.parametrize("kind", [CrudApp, SpiffApp])
def test_a_peer_takes_a_lifecycle_to_distribution(
    kind: type[CrudApp | SpiffApp], tmp_path: Path, settings: dict[str, str]
) -> None:
    assert settings["journal_mode"] == "wal"
    app = kind(str(tmp_path / "peer.db"), settings, 1)
    try:
        commands = lifecycle(0)
        for command in app.commands(commands):
            command()
        assert app.commits == len(STEPS)
        case = commands[0].case
        if isinstance(app, CrudApp):
            assert app.stage(case) == "distributed"
            (audit,) = app.db.execute(
                "SELECT count(*) FROM audit_log WHERE certification_id = ?", (case,)
            ).fetchone()
            assert audit == len(STEPS)
        else:
            assert app.completed(case)
        with pytest.raises(Refused):  # nothing is left to do
            app.run(commands[-1])
    finally:
        app.close()


def _wrong(command: Command, **changes: str) -> Command:
    return replace(command, **changes)


@pytest.mark.parametrize("kind", [CrudApp, SpiffApp])
def test_a_peer_refuses_a_wrong_move_or_role(
    kind: type[CrudApp | SpiffApp], tmp_path: Path, settings: dict[str, str]
) -> None:
    app = kind(str(tmp_path / "peer.db"), settings, 9)
    try:
        path = lifecycle(0)
        step = {c.step: c for c in path}
        app.run(path[0])
        with pytest.raises(Refused, match="not allowed"):  # a move out of order
            app.run(step["decide"])
        with pytest.raises(Refused, match="may not"):  # the candidate may not admit
            app.run(_wrong(step["admit"], actor=step["submit_portfolio"].actor, role="candidate"))
        with pytest.raises(Refused, match="appointment"):  # nobody appointed as admin
            app.run(_wrong(step["admit"], actor="somebody-else"))
        for command in path[1:4]:  # admitted, portfolio in, assessor assigned
            app.run(command)
        other = lifecycle(8)[4].actor  # a licensed assessor, not the one assigned
        with pytest.raises(Refused, match="assigned"):
            app.run(_wrong(step["review_self_assessment"], actor=other))
        stranger = lifecycle(1)[2].actor  # another candidate
        app.run(path[4])
        app.run(path[5])
        with pytest.raises(Refused, match="own case"):
            app.run(_wrong(step["candidate_signs"], actor=stranger))
        for command in path[6:]:  # the refusals left nothing behind: the path goes on
            app.run(command)
        assert app.commits == len(STEPS)
    finally:
        app.close()


def test_b9_reports_every_row_without_timing(monkeypatch: pytest.MonkeyPatch) -> None:
    plan = replace(Plan.make(quick=True, runs=5), runs=2, lifecycles={"sqlite": 1})
    said: list[str] = []
    rows = b9(plan, calibrate(), said.append)
    assert [r.at_most for r in rows] == [1.5, 1.0, None, None, None, None, None, None, None]
    for row in rows:
        assert row.bench == "B9"
        assert len(row.first) == len(row.second) == 2
        assert all(t > 0 for t in row.first + row.second)
        assert row.extra.get("durability", {"journal_mode": "wal"})["journal_mode"] == "wal"
    commits = rows[0].extra["commits_per_command"]
    assert commits["crud"] == 1.0  # one transaction per command
    assert commits["certflow"] >= 1.0
    floor = rows[2]  # certflow's command before any storage, beside CRUD's whole command
    assert floor.first_label == "certflow in memory"
    assert floor.second_label == "CRUD"
    assert floor.extra["commits_per_command"]["memory"] == 0.0  # no file, no commit
    bare = rows[3]  # eventsourcing's recorder alone: one read and the command's events
    assert bare.first_label == "storage alone"
    assert bare.extra["commits_per_command"]["storage"] == 1.0  # a transaction a command
    both = rows[4]  # the two added up, run by run, against the same run's CRUD app
    assert both.first == pytest.approx(
        [m + s for m, s in zip(floor.first, bare.first, strict=True)]
    )
    assert both.second == floor.second


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["--lifecycles", "x"], "whole number"),
        (["--lifecycles", "0"], "whole number"),
        (["--lifecycles"], "whole number"),
        (["--bogus"], "not '--bogus'"),
        (["--side", "nobody"], "no side 'nobody'"),
    ],
)
def test_peers_refuses_bad_arguments_in_one_line(argv: list[str], said: str) -> None:
    from benchmarks.peers import main

    with pytest.raises(SystemExit, match=said):
        main(argv)
