"""`certflow audit` prints the impartiality section; `certflow history` the mandate of each act."""

from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import date
from pathlib import Path
from uuid import UUID

import pytest
from typer.testing import CliRunner

import certflow
from certflow import WIB, FixedClock
from certflow.cli import app
from certflow.testing.actors import appoint_standard_staff
from tests.support import COMMITTEE, build_world

runner = CliRunner()
GOLDEN = Path(__file__).parents[1] / "fixtures" / "golden-0.1.db"


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CERTFLOW_LANG", "en")


@pytest.fixture
def store(tmp_path: Path) -> tuple[str, UUID]:
    """A SQLite store: one certification handed over, then its decider declares a relation."""
    url = f"sqlite:///{tmp_path / 'audit.db'}"
    lsp = certflow.open(url, clock=FixedClock(date(2024, 10, 14), tz=WIB))
    try:
        appoint_standard_staff(lsp)
        world = build_world(lsp, candidates=1)
        cert = world.through("distributed", 0)
        world.at(date(2024, 12, 5))
        lsp.declare_interest(
            COMMITTEE.id,
            relation="supervisor",
            subject_id=lsp.get(cert).subject_id,
            since=date(2022, 1, 1),
            actor=COMMITTEE,
        )
    finally:
        lsp.close()
    return url, cert


@pytest.mark.usefixtures("english")
def test_the_audit_lists_conflicts_found_later_apart_and_passes(store: tuple[str, UUID]) -> None:
    url, cert = store
    table = runner.invoke(app, ["audit", "--store", url, "--today", "2024-12-06"])
    assert table.exit_code == 0, table.output
    assert "Impartiality and appointments" in table.output
    assert "0 violations" in table.output
    assert "Conflicts found later: 1" in table.output
    assert f"R12  {cert}" in table.output
    result = runner.invoke(app, ["audit", "--store", url, "--today", "2024-12-06", "--json"])
    assert result.exit_code == 0, result.output
    section = json.loads(result.stdout)["impartiality"]
    assert section["status"] == "checked"
    assert section["acts"] == 15  # the main path: its 15 events, each an act checked
    assert (section["violations"], section["findings"]) == (0, [])
    (later,) = section["found_later"]
    assert later["rule_id"] == "R12"
    assert later["certification_id"] == str(cert)
    assert (later["event"], later["person"], later["role"]) == (
        "Decided",
        COMMITTEE.id,
        "certification_committee",
    )
    assert later["mandate"] == f"{COMMITTEE.id}#1"
    history = json.loads(
        runner.invoke(app, ["history", str(cert), "--store", url, "--json"]).stdout
    )
    decided = next(e for e in history if e["event"] == "Decided")
    assert (later["version"], later["on"]) == (decided["version"], decided["at"][:10])


@pytest.mark.usefixtures("english")
def test_an_older_store_reports_no_register(tmp_path: Path) -> None:
    copy = tmp_path / "golden.db"
    shutil.copy(GOLDEN, copy)
    url = f"sqlite:///{copy}"
    table = runner.invoke(app, ["audit", "--store", url, "--today", "2025-01-31"])
    assert "no register" in table.output
    result = runner.invoke(app, ["audit", "--store", url, "--today", "2025-01-31", "--json"])
    data = json.loads(result.stdout)
    assert data["impartiality"]["status"] == "no register"
    assert data["rules"]["R41"]["violations"] == 1  # the rest of the audit reads as before


@pytest.mark.usefixtures("english")
def test_history_shows_the_mandate_of_every_act(store: tuple[str, UUID]) -> None:
    url, cert = store
    entries = json.loads(
        runner.invoke(app, ["history", str(cert), "--store", url, "--json"]).stdout
    )
    mandates = {e["event"]: e["actor_mandate"] for e in entries}
    assert mandates["Registered"] == "lsp-admin-01#1"
    assert mandates["Decided"] == f"{COMMITTEE.id}#1"
    assert mandates["InterviewRecorded"].startswith("licence:MET.")
    assert all(e["actor_mandate"] for e in entries)
    assert all("actor_mandate" not in e["data"] for e in entries)
    table = runner.invoke(app, ["history", str(cert), "--store", url])
    assert table.exit_code == 0, table.output
    assert f"mandate {COMMITTEE.id}#1" in table.output
    assert "mandate own-case" in table.output
    rows = list(
        csv.DictReader(
            io.StringIO(runner.invoke(app, ["history", str(cert), "--store", url, "--csv"]).stdout)
        )
    )
    assert [r["actor_mandate"] for r in rows] == [e["actor_mandate"] for e in entries]
