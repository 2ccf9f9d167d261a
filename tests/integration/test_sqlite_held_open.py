"""A SQLite store held open by one process stays whole while other processes write to it.

This is how the service runs: each uvicorn worker keeps the store open for its lifetime, while
``certflow`` commands, the projection runner and the webhook runner write from their own
processes. Opening a store once closed a second descriptor of the database file in the same
process (the ``flock`` that serialises table creation), which silently dropped SQLite's own POSIX
locks: the next writer believed itself alone, reset the WAL, and the holder then read a stale
store (a token issued by ``certflow tokens create`` was unknown to the service) and finally a
"database disk image is malformed".
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import certflow

COUNT = 60
"""Candidates each writer adds: enough pages for its WAL to be checkpointed."""

WRITER = """
import sys, certflow
body = certflow.open(sys.argv[1], create=False)
for n in range(int(sys.argv[3])):
    body.add_candidate(name=f"Peserta {n}", nik=f"3201010101{int(sys.argv[2]):02d}{n:04d}")
body.close()
"""


def _whole(path: Path) -> str:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        return str(db.execute("PRAGMA quick_check").fetchone()[0])


def test_a_store_held_open_survives_writers_in_other_processes(tmp_path: Path) -> None:
    path = tmp_path / "certflow.db"
    url = f"sqlite:///{path}"
    certflow.open(url).close()
    held = certflow.open(url, create=False)
    try:
        for run in range(3):
            done = subprocess.run(
                [sys.executable, "-c", WRITER, url, str(run), str(COUNT)],
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert done.returncode == 0, done.stderr[-2000:]
            assert _whole(path) == "ok", f"corrupt after writer {run}"
        found = [
            held.find_candidate(nik=f"3201010101{run:02d}{n:04d}")
            for run in range(3)
            for n in range(COUNT)
        ]
    finally:
        held.close()
    assert None not in found  # the holder reads what the others wrote
    assert _whole(path) == "ok"
