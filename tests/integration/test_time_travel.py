"""Audit replay: history filters, the state at any version or business time, field diffs."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

import certflow
from certflow import FixedClock, InvalidInputError, Stage
from certflow.bootstrap import services_of
from certflow.cli import app
from certflow.demo import run_demo
from certflow.domain import WIB
from tests.support import build_world, every_event_history


@pytest.fixture(scope="module")
def demo() -> certflow.CertificationBody:
    lsp = certflow.open("memory://")
    run_demo(lsp)
    return lsp


def test_state_at_every_event_time_of_every_demo_candidate_is_the_view_then(
    demo: certflow.CertificationBody,
) -> None:
    certifications = demo.list_certifications()
    assert len(certifications) == 124
    for summary in certifications:
        for entry in demo.history(summary.id):
            then = demo.state_at(summary.id, at=entry.at)
            assert then.version == entry.version
            assert then.stage.value == entry.stage
            assert then == demo.state_at(summary.id, version=entry.version)


def test_state_at_a_time_between_events_is_the_earlier_state(
    demo: certflow.CertificationBody,
) -> None:
    late = next(s for s in demo.list_certifications() if s.stage is Stage.DISTRIBUTED)
    view = demo.state_at(late.id, at=datetime(2024, 11, 20, 12, tzinfo=WIB))
    assert view.stage is Stage.COMPETENT
    assert view.certificate_number is None
    assert demo.state_at(late.id, at=datetime(2024, 11, 20, 12)).version == view.version
    with pytest.raises(InvalidInputError, match="did not exist yet"):
        demo.state_at(late.id, at=datetime(2024, 1, 1, tzinfo=WIB))
    with pytest.raises(InvalidInputError):
        demo.state_at(late.id, version=1, at=datetime(2024, 11, 20, tzinfo=WIB))
    with pytest.raises(InvalidInputError):
        demo.state_at(late.id, version=99)


def test_history_filters(demo: certflow.CertificationBody) -> None:
    cert = demo.list_certifications(stage="distributed")[0].id
    everything = demo.history(cert)
    assert [h.event for h in demo.history(cert, events=["Decided"])] == ["Decided"]
    committee = everything[12].actor_id
    assert {h.actor_id for h in demo.history(cert, actor=committee)} == {committee}
    assert {h.actor_role for h in demo.history(cert, role="assessor")} == {"assessor"}
    window = demo.history(cert, since=datetime(2024, 11, 6), until=datetime(2024, 11, 8, 23, 59))
    assert window
    assert all(date(2024, 11, 6) <= h.at.date() <= date(2024, 11, 8) for h in window)


def test_diff_names_each_changed_field(demo: certflow.CertificationBody) -> None:
    cert = demo.list_certifications(stage="distributed")[0].id
    changes = {c.field: c for c in demo.diff(cert, 13, 14)}
    assert changes["stage"].before == "competent"
    assert changes["stage"].after == "certificate_printed"
    assert changes["certificate_number"].before is None
    assert changes["certificate_number"].after.startswith("HG-")
    assert "subject_id" not in changes
    assert demo.diff(cert, 5, 5) == ()


def test_snapshots_change_nothing_in_what_time_travel_answers(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'snap.db'}"
    snapped = certflow.open(url, clock=FixedClock(date(2024, 10, 14), tz=WIB), snapshot_every=3)
    ids = every_event_history(snapped, migrate=False)
    certifications = ids[9:17]
    assert services_of(snapped).store.snapshotting
    assert services_of(snapped).store.snapshots(certifications[0])  # snapshots were taken
    plain = certflow.open(url)  # the same store, read from events alone
    assert not services_of(plain).store.snapshotting
    for cert in certifications:
        assert snapped.get(cert) == plain.get(cert)
        for entry in plain.history(cert):
            assert snapped.state_at(cert, version=entry.version) == plain.state_at(
                cert, version=entry.version
            )
            assert snapped.state_at(cert, at=entry.at) == plain.state_at(cert, at=entry.at)
    plain.close()
    snapped.close()


def test_time_travel_on_every_backend(store_url: str) -> None:
    lsp = certflow.open(store_url, clock=FixedClock(date(2024, 10, 14), tz=WIB))
    world = build_world(lsp)
    cert = world.through("distributed")
    printed_at = lsp.history(cert, events=["CertificatePrinted"])[0].at
    assert lsp.state_at(cert, at=printed_at).stage is Stage.CERTIFICATE_PRINTED
    changed = {c.field for c in lsp.diff(cert, 14, 15)}
    assert changed == {
        "version",
        "stage",
        "updated_at",
        "distributed_on",
        "distribution_deadline_met",
        "deadlines",
    }
    lsp.close()


def test_the_cli_shows_history_at_a_time_as_csv_and_diffs(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    lsp = certflow.open(url, clock=FixedClock(date(2024, 10, 14), tz=WIB))
    cert = str(build_world(lsp).through("distributed"))
    lsp.close()
    runner = CliRunner()
    result = runner.invoke(
        app, ["history", cert, "--store", url, "--at", "2024-11-07T23:00", "--csv"]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[-1]["event"] == "ResultAcknowledged"
    assert all(r["at"] <= "2024-11-07T23:00" for r in rows)
    only = runner.invoke(app, ["history", cert, "--store", url, "--event", "Decided", "--json"])
    assert '"Decided"' in only.stdout
    assert "Registered" not in only.stdout
    shown = runner.invoke(app, ["show", cert, "--store", url, "--at", "2024-11-20T10:00", "--json"])
    assert '"stage": "competent"' in shown.stdout
    changed = runner.invoke(app, ["diff", cert, "13", "14", "--store", url, "--json"])
    assert '"certificate_number"' in changed.stdout
    bad = runner.invoke(app, ["history", cert, "--store", url, "--at", "yesterday"])
    assert bad.exit_code == 3


def test_every_view_built_without_validation_is_what_validating_it_gives(
    demo: certflow.CertificationBody,
) -> None:
    """Views, their units and deadlines are built from typed values without validating them."""
    from certflow.application.views import CertificationView

    for summary in demo.list_certifications():
        for entry in demo.history(summary.id):
            view = demo.state_at(summary.id, version=entry.version)
            checked = CertificationView.model_validate(view.model_dump())
            assert checked == view
            assert checked.model_dump(mode="json") == view.model_dump(mode="json")
            assert view.model_fields_set == set(CertificationView.model_fields)
            assert all(type(d.due_on) is date for d in view.deadlines)
