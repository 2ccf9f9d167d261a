"""``python -m benchmarks.profile_snapshots`` runs and names every step (no timed assertion)."""

from __future__ import annotations

import pytest
from benchmarks.profile_snapshots import main


def test_the_snapshot_profile_prints_a_row_per_step(capsys: pytest.CaptureFixture[str]) -> None:
    main(events=100, runs=1, calls=1)
    out = capsys.readouterr().out
    assert "certflow/Certification.Snapshot" in out
    rows = [line for line in out.splitlines() if line.startswith("| ")][2:]  # past the header
    assert len(rows) == 11
    assert rows[0].startswith("| raw eventsourcing")
