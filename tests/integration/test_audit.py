"""The compliance audit and the replay check, over real histories and forged ones."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

import pytest
from typer.testing import CliRunner

import certflow
from certflow import FixedClock, RejectedError, Stage, TransitionNotAllowedError
from certflow.application import audit as audit_module
from certflow.bootstrap import services_of
from certflow.cli import app
from certflow.demo import run_demo
from certflow.domain import CERTIFICATION_DEFINITIONS, WIB, Certification, Verdict
from certflow.engine import WorkflowAggregate
from tests.support import ADMIN, MANAGER, build_world, derived_definition


def _forge(
    lsp: certflow.CertificationBody,
    cert: UUID,
    event: type[Any],
    stage: str,
    actor: str,
    role: str,
    **data: Any,
) -> None:
    """Append an event behind the rules' back, as a buggy or malicious writer would."""
    record = services_of(lsp).store.load(WorkflowAggregate, cert)
    record.trigger_event(
        event,
        trigger="forged",
        actor_id=actor,
        actor_role=role,
        at=datetime(2024, 11, 20, tzinfo=WIB),
        stage=stage,
        workflow="certification",
        workflow_version=record.workflow_version,
        rules=[],
        **data,
    )
    services_of(lsp).store.save(record)


def test_the_demo_audits_clean_but_for_its_late_distribution() -> None:
    lsp = certflow.open("memory://")
    run_demo(lsp)
    report = lsp.audit(today=date(2025, 1, 31))
    assert report.certifications == 124
    by_rule = {r.rule_id: r for r in report.rules}
    (late,) = by_rule["R41"].findings
    assert "8 days late" in late.detail.en
    assert "8 hari terlambat" in late.detail.id
    assert by_rule["R41"].checked == 110
    assert all(not r.findings for r in report.rules if r.rule_id != "R41")
    assert by_rule["R32"].checked == 124
    assert lsp.audit_replay().clean


def test_forged_histories_are_caught_rule_by_rule() -> None:
    lsp = certflow.open("memory://", clock=FixedClock(date(2024, 10, 14), tz=WIB))
    world = build_world(lsp)
    assessor_decides = world.through("recommended", 0)
    _forge(
        lsp,
        assessor_decides,
        Certification.Decided,
        "competent",
        str(world.assessor),
        "certification_committee",
        outcome=Verdict.COMPETENT,
        recommendation=Verdict.COMPETENT,
        justification="",
        decided_on=date(2024, 11, 20),
        appeal_window_ends_on=None,
        unit_outcomes={},
        deciders=[],
        recommendation_version=None,
        report_version=None,
    )
    no_recommendation = world.through("interviewed", 1)
    _forge(
        lsp,
        no_recommendation,
        Certification.Decided,
        "competent",
        "committee-1",
        "certification_committee",
        outcome=Verdict.COMPETENT,
        recommendation=Verdict.COMPETENT,
        justification="",
        decided_on=date(2024, 11, 20),
        appeal_window_ends_on=None,
        unit_outcomes={},
        deciders=[],
        recommendation_version=None,
        report_version=None,
    )
    failed = world.failed(2)
    _forge(
        lsp,
        failed,
        Certification.CertificatePrinted,
        "certificate_printed",
        "manager-1",
        "certification_manager",
        certificate_number="X/1",
        valid_from=date(2024, 11, 14),
        valid_until=date(2027, 11, 13),
    )
    report = {r.rule_id: r for r in lsp.audit(today=date(2025, 1, 1)).rules}
    assert [f.certification_id for f in report["R32"].findings] == [assessor_decides]
    assert [f.certification_id for f in report["R30"].findings] == [no_recommendation]
    assert [f.certification_id for f in report["R36"].findings] == [failed]
    undelivered = {f.certification_id for f in report["R41"].findings}
    assert undelivered == {assessor_decides, no_recommendation, failed}  # none handed over
    replay = lsp.audit_replay()
    illegal = {(f.certification_id, f.version) for f in replay.illegal}
    assert (failed, lsp.get(failed).version) in illegal  # no such move from not_yet_competent


def test_an_appeal_panel_with_the_assessor_is_an_audit_finding() -> None:
    lsp = certflow.open("memory://", clock=FixedClock(date(2024, 10, 14), tz=WIB))
    world = build_world(lsp)
    cert = world.failed()
    world.at(date(2024, 11, 20))
    lsp.lodge_appeal(cert, reason="unfair", actor=world.candidate_actor(world.candidates[0]))
    _forge(
        lsp,
        cert,
        Certification.AppealRejected,
        "not_yet_competent",
        str(world.assessor),
        "appeal_panel",
        panel=[str(world.assessor)],
        reason="no",
        decided_on=date(2024, 11, 21),
    )
    (finding,) = {r.rule_id: r for r in lsp.audit().rules}["R51"].findings
    assert finding.certification_id == cert


def test_the_audit_cli_prints_counts_per_rule_and_json(tmp_path: Any) -> None:
    url = f"sqlite:///{tmp_path / 'audit.db'}"
    runner = CliRunner()
    assert runner.invoke(app, ["demo", "--store", url, "-q"]).exit_code == 0
    table = runner.invoke(app, ["audit", "--store", url, "--today", "2025-01-31"])
    assert table.exit_code == 1, table.output
    assert "R41" in table.output
    result = runner.invoke(app, ["audit", "--store", url, "--today", "2025-01-31", "--json"])
    import json

    data = json.loads(result.stdout)
    assert data["rules"]["R41"]["violations"] == 1
    assert data["rules"]["R32"]["violations"] == 0
    replay = runner.invoke(app, ["audit", "--store", url, "--replay"])
    assert replay.exit_code == 0, replay.output


# -- definition versions --------------------------------------------------------------------


@pytest.fixture
def v3(monkeypatch: pytest.MonkeyPatch) -> Any:
    definition = derived_definition(3, drop="under_appeal")
    monkeypatch.setitem(CERTIFICATION_DEFINITIONS, 3, definition)
    return definition


def test_a_certification_moves_to_a_new_definition_only_by_a_recorded_command(v3: Any) -> None:
    lsp = certflow.open("memory://", clock=FixedClock(date(2024, 10, 14), tz=WIB))
    world = build_world(lsp)
    cert = world.failed()
    with pytest.raises(certflow.NotAuthorizedError):
        lsp.migrate_definition(cert, to_version=3, reason="rollout", actor=ADMIN)
    with pytest.raises(RejectedError, match="not known"):
        lsp.migrate_definition(cert, to_version=9, reason="rollout", actor=MANAGER)
    lsp.migrate_definition(cert, to_version=3, reason="rollout", actor=MANAGER)
    last = lsp.history(cert)[-1]
    assert (last.event, last.workflow_version, last.stage) == (
        "DefinitionMigrated",
        3,
        "not_yet_competent",
    )
    assert lsp.get(cert).workflow_version == 3
    world.at(date(2024, 11, 20))
    with pytest.raises(TransitionNotAllowedError, match="not a move of certification version 3"):
        lsp.lodge_appeal(cert, reason="x", actor=world.candidate_actor(world.candidates[0]))
    world.at(date(2025, 1, 10))
    lsp.request_reassessment(
        cert,
        entries=[{"unit": "U.001", "evidence": ["new"]}],
        actor=world.candidate_actor(world.candidates[0]),
    )
    assert lsp.history(cert)[-1].workflow_version == 3
    assert lsp.audit_replay().illegal == []


def test_migration_is_refused_when_the_stage_does_not_exist_in_the_new_version(v3: Any) -> None:
    lsp = certflow.open("memory://", clock=FixedClock(date(2024, 10, 14), tz=WIB))
    world = build_world(lsp)
    cert = world.failed()
    world.at(date(2024, 11, 20))
    lsp.lodge_appeal(cert, reason="x", actor=world.candidate_actor(world.candidates[0]))
    before = lsp.get(cert).version
    with pytest.raises(RejectedError, match="under_appeal does not exist in version 3"):
        lsp.migrate_definition(cert, to_version=3, reason="rollout", actor=MANAGER)
    assert lsp.get(cert).version == before


def test_replay_lists_open_certifications_the_current_definition_cannot_continue(
    v3: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    lsp = certflow.open("memory://", clock=FixedClock(date(2024, 10, 14), tz=WIB))
    world = build_world(lsp)
    appealing = world.failed(0)
    world.at(date(2024, 11, 20))
    lsp.lodge_appeal(appealing, reason="x", actor=world.candidate_actor(world.candidates[0]))
    running = world.through("interviewed", 1)
    done = world.through("distributed", 2)
    monkeypatch.setattr(audit_module, "CERTIFICATION_WORKFLOW", v3)
    report = lsp.audit_replay()
    stranded = {f.certification_id: f.detail.en for f in report.stranded}
    assert "under_appeal does not exist" in stranded[appealing]
    assert "runs under version 2" in stranded[running]
    assert "runs under version 2" in stranded[done]
    assert report.illegal == []
    assert lsp.get(done).stage is Stage.DISTRIBUTED
