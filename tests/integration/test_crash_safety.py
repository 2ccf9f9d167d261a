"""A writer and a projection runner killed with SIGKILL mid-batch leave no partial change.

The import writes batches of 40 registrations, each one transaction. The test kills the process
while batches are being written, then checks that only whole batches were stored, that the hash
chain holds, and that running the same import again completes it with nobody twice.

Then a projection runner rebuilding the read models in batches of 25 events is killed the same
way; restarted, the views converge to exactly what a clean rebuild gives.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

import certflow
from certflow import WIB, FixedClock
from certflow.application.chain import verify
from certflow.bootstrap import services_of
from certflow.testing import actors
from tests.integration.test_intake import SESSION, _reference_data

ROWS = 4000
BATCH = 40
ADMIN = actors.ADMIN

_WRITER = """
import sys, time
from datetime import date
import certflow
from certflow import Actor, Role
from certflow.bootstrap import services_of
lsp = certflow.open(sys.argv[1], clock=certflow.FixedClock(date(2024, 10, 21), tz=certflow.WIB))
# Paced, so that the import (about a second since intake got faster) outlasts the test's
# polling: each batch waits a little inside its open transaction (a kill may land there) and
# a little more after its commit (short inside: a poller's catch-up waits for that lock).
recorder = services_of(lsp).store.recorder
inside, whole = recorder._insert_events, recorder.insert_events
def slowed_inside(*args, **kwargs):
    ids = inside(*args, **kwargs)
    time.sleep(0.01)
    return ids
def slowed(*args, **kwargs):
    ids = whole(*args, **kwargs)
    time.sleep(0.05)
    return ids
recorder._insert_events, recorder.insert_events = slowed_inside, slowed
lsp.import_candidates(sys.argv[2], session=sys.argv[3], actor=Actor("lsp-admin-01", Role.LSP_ADMIN),
                      batch_size=int(sys.argv[4]))
"""

_RUNNER = """
import sys, time
import certflow
lsp = certflow.open(sys.argv[1])
lsp.read_models.rebuild(batch_size=25, on_progress=lambda done, total: time.sleep(0.02))
"""


def _cohort(path: Path) -> Path:
    lines = ["name,nik,scheme"]
    lines += [f"Peserta {n},32{n:014d},SKM/LSP-HG/MI/2024" for n in range(ROWS)]
    path.write_text("\n".join(lines) + "\n")
    return path


def _registered(url: str) -> int:
    lsp = certflow.open(url)
    try:
        return len(lsp.list_certifications())
    finally:
        lsp.close()


def _kill_mid_import(url: str, tmp_path: Path) -> int:
    lsp = certflow.open(url, clock=FixedClock(date(2024, 10, 14), tz=WIB))
    try:
        _reference_data(lsp)
    finally:
        lsp.close()
    cohort = _cohort(tmp_path / "cohort.csv")
    writer = subprocess.Popen(
        [sys.executable, "-c", _WRITER, url, str(cohort), SESSION.code, str(BATCH)],
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    deadline = time.monotonic() + 120
    while _registered(url) < 5 * BATCH:
        assert writer.poll() is None, "the import finished before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    assert writer.returncode == -signal.SIGKILL
    return _registered(url)


def _check_and_finish(url: str, tmp_path: Path, stored: int) -> None:
    assert 0 < stored < ROWS
    assert stored % BATCH == 0  # whole batches only: no partial transaction
    lsp = certflow.open(url, clock=FixedClock(date(2024, 10, 21), tz=WIB))
    try:
        assert verify(services_of(lsp).store.recorder).intact
        assert lsp.audit_replay().clean
        report = lsp.import_candidates(
            tmp_path / "cohort.csv", session=SESSION.code, actor=ADMIN, batch_size=BATCH
        )
        assert (report.existing, report.created) == (stored, ROWS - stored)
        # People of the killed batch may have been on file already: found again, not doubled.
        assert report.created_subjects <= ROWS - stored
        rows = lsp.list_certifications()
        assert len(rows) == ROWS
        assert len({row.subject_id for row in rows}) == ROWS  # nobody registered twice
        found = {lsp.find_candidate(nik=f"32{n:014d}") for n in range(ROWS)}
        assert found == {row.subject_id for row in rows}  # one subject per person, all on file
        assert verify(services_of(lsp).store.recorder).intact
    finally:
        lsp.close()


def _positions(url: str) -> list[int]:
    lsp = certflow.open(url)
    try:
        return [s.position for s in lsp.read_models.status()]
    finally:
        lsp.close()


def _kill_mid_rebuild_then_converge(url: str) -> None:
    lsp = certflow.open(url)
    try:
        lsp.read_models.catch_up()
        head = lsp.read_models.status()[0].head
    finally:
        lsp.close()
    runner = subprocess.Popen(
        [sys.executable, "-c", _RUNNER, url],
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    deadline = time.monotonic() + 120
    while not 0 < min(_positions(url)) < head // 3:
        assert runner.poll() is None, "the rebuild finished before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    os.kill(runner.pid, signal.SIGKILL)
    runner.wait()
    assert runner.returncode == -signal.SIGKILL
    killed_at = _positions(url)
    assert all(0 < p < head for p in killed_at)
    lsp = certflow.open(url)
    try:
        lsp.read_models.catch_up()  # the restarted runner
        assert [s.position for s in lsp.read_models.status()] == [head] * 4
        restarted = lsp.read_models.dump()
        assert len(restarted["case_board"]) == ROWS
        lsp.read_models.rebuild()
        assert lsp.read_models.dump() == restarted
    finally:
        lsp.close()


def test_a_killed_writer_and_runner_on_sqlite_leave_no_partial_change(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'crash.db'}"
    _check_and_finish(url, tmp_path, _kill_mid_import(url, tmp_path))
    _kill_mid_rebuild_then_converge(url)


@pytest.mark.postgres
def test_a_killed_writer_and_runner_on_postgres_leave_no_partial_change(
    pg_url: str, tmp_path: Path
) -> None:
    _check_and_finish(pg_url, tmp_path, _kill_mid_import(pg_url, tmp_path))
    _kill_mid_rebuild_then_converge(pg_url)
