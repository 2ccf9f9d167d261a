"""A writer killed with SIGKILL in the middle of a bulk intake leaves no partial command.

The import writes batches of 40 registrations, each one transaction. The test kills the process
while batches are being written, then checks that only whole batches were stored, that the hash
chain holds, and that running the same import again completes it with nobody twice.
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
from certflow import Actor, FixedClock, Role
from certflow.application.chain import verify
from tests.integration.test_intake import SESSION, _reference_data

ROWS = 4000
BATCH = 40
ADMIN = Actor("admin-01", Role.LSP_ADMIN)

_WRITER = """
import sys
from datetime import date
import certflow
from certflow import Actor, Role
lsp = certflow.open(sys.argv[1], clock=certflow.FixedClock(date(2024, 10, 21)))
lsp.import_candidates(sys.argv[2], session=sys.argv[3], actor=Actor("admin-01", Role.LSP_ADMIN),
                      batch_size=int(sys.argv[4]))
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
    lsp = certflow.open(url, clock=FixedClock(date(2024, 10, 14)))
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
    lsp = certflow.open(url, clock=FixedClock(date(2024, 10, 21)))
    try:
        assert verify(lsp.recorder).intact
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
        assert verify(lsp.recorder).intact
    finally:
        lsp.close()


def test_a_killed_import_on_sqlite_leaves_whole_batches(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'crash.db'}"
    _check_and_finish(url, tmp_path, _kill_mid_import(url, tmp_path))


@pytest.mark.postgres
def test_a_killed_import_on_postgres_leaves_whole_batches(pg_url: str, tmp_path: Path) -> None:
    _check_and_finish(pg_url, tmp_path, _kill_mid_import(pg_url, tmp_path))
