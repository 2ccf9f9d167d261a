"""`python -m benchmarks.instructions` counts a command's instructions (no count asserted).

Valgrind runs a program about fifty times slower, so the suite runs each side's child without
it (what is counted must run and store what it should) and checks the arithmetic and the
messages; `python -m benchmarks.instructions` itself is run by hand (docs/performance.md).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from benchmarks import instructions

import certflow


def test_an_item_is_the_difference_of_two_runs_over_the_extra_items() -> None:
    few, many = 1_000_000, 1_000_000 + 150 * 2_000
    assert instructions.SIDES["certflow"].per_item(few, many) == 2_000  # 10 lifecycles of 15
    assert instructions.SIDES["intake"].per_item(few, few + 2_000 * 700) == 700
    with pytest.raises(ValueError, match="more work"):
        instructions.Work("row", 3, 3, 1).per_item(few, many)


def test_the_count_is_read_from_callgrinds_summary() -> None:
    stderr = (
        "==1== Callgrind, a call-graph generating cache profiler\n==1== Collected : 4192986083\n"
    )
    assert instructions.collected(stderr + "==1== I   refs:      4,192,986,083\n") == 4192986083
    with pytest.raises(RuntimeError, match="no count"):
        instructions.collected("valgrind: command not found")


def test_the_report_gives_each_side_and_certflows_ratios() -> None:
    found = {
        "certflow": instructions.Count(
            "certflow", "command", (1_400_000.0, 1_386_000.0, 1_393_000.0)
        ),
        "crud": instructions.Count("crud", "command", (350_000.0,)),
        "intake": instructions.Count("intake", "row", (740_000.0,)),
    }
    lines = instructions.report(found)
    assert lines[0].startswith("certflow      1393.0 thousand instructions a command")
    assert "spread 1.0% over 3" in lines[0]
    assert lines[2].startswith("intake         740.0 thousand instructions a row")
    assert lines[3:] == ["certflow / crud: 3.98×"]  # no intake-raw counted: no intake ratio


@pytest.mark.parametrize("side", instructions.SIDES)
def test_each_side_runs_its_main_paths(side: str, tmp_path: Path) -> None:
    instructions.child(side, 1, str(tmp_path))
    if side == "certflow":
        lsp = certflow.open(f"sqlite:///{tmp_path}/c.db")
        try:
            assert len(lsp.list_certifications()) == 1
            (only,) = lsp.list_certifications()
            assert only.stage.value == "distributed"
        finally:
            lsp.close()
    elif side == "raw":
        with sqlite3.connect(tmp_path / "r.db") as db:
            (events,) = db.execute("SELECT COUNT(*) FROM stored_events").fetchone()
        assert events >= instructions.COMMANDS  # at least an event a command, as certflow's
    elif side == "crud":
        with sqlite3.connect(tmp_path / "crud.db") as db:
            (stage,) = db.execute("SELECT stage FROM certification").fetchone()
            (audited,) = db.execute("SELECT COUNT(*) FROM audit_log").fetchone()
        assert (stage, audited) == ("distributed", instructions.COMMANDS)
    elif side == "intake":
        lsp = certflow.open(f"sqlite:///{tmp_path}/in.db")
        try:
            (only,) = lsp.list_certifications()
            assert only.stage.value == "registered"
        finally:
            lsp.close()
    else:
        with sqlite3.connect(tmp_path / "r.db") as db:
            (events,) = db.execute("SELECT COUNT(*) FROM stored_events").fetchone()
        assert events == 1  # a row, an event


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (
            ["crud,nobody"],
            "instructions: no side 'nobody': use one of certflow, raw, crud, intake, intake-raw",
        ),
        (["--runs", "x"], "instructions: --runs takes a whole number of at least 1"),
        (["--runs"], "instructions: --runs takes a whole number of at least 1"),
        (["crud", "--runs", "0"], "instructions: --runs takes a whole number of at least 1"),
    ],
)
def test_bad_arguments_are_said_in_one_line(argv: list[str], said: str) -> None:
    with pytest.raises(SystemExit) as stop:
        instructions.main(argv)
    assert stop.value.code == said
