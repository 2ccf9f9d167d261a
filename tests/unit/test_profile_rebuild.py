"""``python -m benchmarks.profile_rebuild`` names every part of a rebuild (no timed assertion)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from benchmarks.profile_rebuild import main

import certflow
from certflow import WIB, FixedClock
from certflow.application.readmodels import projection
from tests.support import build_world


def test_the_rebuild_profile_prints_each_part(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    lsp = certflow.open(url, clock=FixedClock(date(2024, 10, 14), tz=WIB))
    try:
        world = build_world(lsp, candidates=3)
        for n in range(3):
            world.register(n)
        kept = lsp.read_models.dump()
    finally:
        lsp.close()
    add = projection.ViewBatch.add
    main(url, 2)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    for line in lines:
        assert re.match(r"^3 events in [0-9.]+ s \(", line), line
        for part in ("select", "decode", "write", "apply", "add", "other"):
            assert f"{part} " in line
    assert projection.ViewBatch.add is add  # a wrapped class method is restored
    again = certflow.open(url)
    try:
        assert again.read_models.dump() == kept  # the rebuild wrote the same rows
    finally:
        again.close()
