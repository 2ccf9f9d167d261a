"""The benchmarks still run on stores with a personnel register, B7 included.

Tiny plans only, and no timed assertion: what is checked is that every side ran and was
measured, that B7's bypass is undone afterwards, and that PostgreSQL is skipped with a reason
when the server cannot be reached. The numbers themselves are docs/performance.md's business.
"""

from __future__ import annotations

import os
from dataclasses import replace
from typing import Any

import pytest
from benchmarks import suite
from benchmarks.suite import BENCHMARKS, Plan, gate_bypassed
from benchmarks.workload import calibrate

from certflow import Actor, Role
from certflow.application.trust import Gate


def _tiny(**lifecycles: int) -> Plan:
    return replace(Plan.make(quick=True, runs=5), runs=2, lifecycles=lifecycles)


def _no_postgres(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(suite, "postgres_problem", lambda: "no server (test)")


def test_b7_is_listed_and_runs_quick_on_memory_and_sqlite(monkeypatch: pytest.MonkeyPatch) -> None:
    assert list(BENCHMARKS) == ["B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8", "B9", "B10"]
    _no_postgres(monkeypatch)
    said: list[str] = []
    admit = Gate.admit
    rows = suite.b7(_tiny(memory=2, sqlite=1, postgres=1), calibrate(), said.append)
    assert Gate.admit is admit
    assert [r.case.split(",")[1].strip() for r in rows] == ["memory", "sqlite"]
    for row in rows:
        assert row.bench == "B7"
        assert row.at_most == 1.10
        assert len(row.first) == len(row.second) == 2
        assert all(t > 0 for t in row.first + row.second)
        assert row.met in (True, False)
        assert len(row.extra["run_ratios"]) == 2
        assert row.paired
        assert "ratio" in row.as_json()
    assert "B7 postgres skipped: no server (test)" in said


def test_b1_runs_on_a_store_with_a_founded_register(monkeypatch: pytest.MonkeyPatch) -> None:
    _no_postgres(monkeypatch)
    said: list[str] = []
    rows = suite.b1(_tiny(memory=1, postgres=1), calibrate(), said.append)
    assert [r.bench for r in rows] == ["B1"]
    assert len(rows[0].first) == len(rows[0].second) == 2
    assert "B1 postgres skipped: no server (test)" in said


def test_the_bypass_admits_anyone_and_is_undone() -> None:
    admit, check_assignee = Gate.admit, Gate.check_assignee
    gate = Gate.__new__(Gate)  # the bypass reads nothing, so no store is needed
    anyone = Actor("nobody-at-all", Role.CERTIFICATION_COMMITTEE)
    with gate_bypassed():
        assert gate.admit(anyone, "decide") is anyone
        assert gate.check_assignee("x", None) is None  # type: ignore[arg-type]
    assert (Gate.admit, Gate.check_assignee) == (admit, check_assignee)


def test_b8_runs_quick_on_sqlite(monkeypatch: pytest.MonkeyPatch) -> None:
    _no_postgres(monkeypatch)
    said: list[str] = []
    plan = replace(_tiny(memory=1, sqlite=1, postgres=1), read_events=300)
    rows = suite.b8(plan, calibrate(), said.append)
    assert [r.bench for r in rows] == ["B8", "B8"]
    assert rows[0].paired
    assert rows[0].at_most == 1.05
    assert rows[1].at_least == 0.5
    assert all(t > 0 for r in rows for t in r.first + r.second)
    assert "B8 postgres skipped: no server (test)" in said


def test_b4_runs_quick_on_sqlite_and_logs_why_postgres_is_skipped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _no_postgres(monkeypatch)
    said: list[str] = []
    plan = replace(_tiny(memory=1, sqlite=1, postgres=1), read_events=300)
    rows = suite.b4(plan, calibrate(), said.append)
    assert [r.case.split(",")[1].strip() for r in rows] == ["sqlite"] * 3
    assert [r.at_least for r in rows] == [0.5, None, 0.5]  # the decoders' row has no target
    assert all(t > 0 for r in rows for t in r.first + r.second)
    assert "B4 postgres skipped: no server (test)" in said


def test_b10_is_skipped_with_a_reason_without_postgres(monkeypatch: pytest.MonkeyPatch) -> None:
    from benchmarks import writers

    monkeypatch.setattr(writers, "postgres_problem", lambda: "no server (test)")
    said: list[str] = []
    assert suite.b10(_tiny(memory=1, sqlite=1, postgres=1), calibrate(), said.append) == []
    assert said == ["B10 skipped: no server (test)"]


def test_b10_rows_pair_each_run_with_its_one_writer() -> None:
    from benchmarks import writers

    def figures(per_second: float) -> dict[str, float]:
        return {
            "per_second": per_second,
            "conflicts": 1,
            "retries": 1,
            "lost": 0,
            "duplicates": 0,
            "save_ms": 1.0,
            "chain_ms": 0.1,
            "tip_reads": 1,
            "tip_waits": 0,
            "saves": 2,
        }

    results = {
        side: {n: [figures(10.0 * n), figures(20.0 * n)] for n in writers.WRITERS}
        for side in ("distinct", "contended", "raw")
    }
    rows = writers.rows({"results": results})
    assert [r.case for r in rows][:3] == [
        "2 writers, distinct",
        "4 writers, distinct",
        "8 writers, distinct",
    ]
    target = [r for r in rows if r.at_least is not None]
    assert [(r.case, r.ratio, r.met) for r in target] == [("4 writers, distinct", 4.0, True)]
    lines = writers.summary({"results": results})
    assert {line["lost"] for line in lines} == {0}
    assert "| distinct | 4 | 60 | 4.00× | 4.00× | 2 | 2 | 0 | 0 |" in writers.markdown(lines)


def test_b10_says_how_many_cores_the_machine_kept_busy() -> None:
    from benchmarks import writers

    cores = os.cpu_count() or 1
    assert writers._busy_cores((100, 1000), (250, 1200)) == pytest.approx(0.75 * cores)
    assert writers._busy_cores(None, (1, 2)) is None
    assert writers._busy_cores((5, 10), (5, 10)) is None  # no time passed: nothing to say
    sample = writers.machine_cpu()
    if sample is not None:  # Linux: ticks since boot, busy within total
        assert 0 <= sample[0] <= sample[1]

    def figures(per_second: float, busy: float | None) -> dict[str, Any]:
        return {
            "per_second": per_second,
            "conflicts": 0,
            "retries": 0,
            "lost": 0,
            "duplicates": 0,
            "save_ms": 1.0,
            "chain_ms": 0.1,
            "tip_reads": 0,
            "saves": 1,
            "machine_busy_cores": busy,
        }

    results = {
        side: {n: [figures(10.0 * n, 0.5 * n), figures(10.0 * n, None)] for n in writers.WRITERS}
        for side in ("distinct", "contended", "raw")
    }
    results["raw"] = {n: [figures(10.0 * n, None)] * 2 for n in writers.WRITERS}
    lines = writers.summary({"results": results})
    four = next(line for line in lines if line["variant"] == "distinct" and line["writers"] == 4)
    assert four["machine_busy_cores"] == 2.0  # the runs that could say, not the one that could not
    assert four["raw_machine_busy_cores"] is None
    assert "| 0.00 | 2.00 (—) |" in writers.markdown(lines)
