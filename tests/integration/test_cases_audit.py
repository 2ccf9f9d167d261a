"""Complaints and quarantines through the facade: the gate, the sweep, the audit's R53/R55 rows."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import certflow
from certflow import (
    WIB,
    Actor,
    ComplaintStage,
    FixedClock,
    NotAuthorizedError,
    QuarantineStage,
    Role,
    RuleViolatedError,
)
from certflow.testing import actors
from tests.support import ADMIN, MANAGER, World, build_world


@pytest.fixture
def world() -> World:
    lsp = certflow.open("memory://", clock=FixedClock(date(2024, 10, 14), tz=WIB))
    return build_world(lsp, candidates=2)


def test_a_late_complaint_is_escalated_by_the_sweep_and_found_by_the_audit(world: World) -> None:
    lsp = world.lsp
    world.at(date(2025, 1, 6))
    complaint = lsp.file_complaint(about="lsp", summary="antrian panjang", actor=ADMIN)
    early = {r.rule_id: r for r in lsp.audit(today=date(2025, 1, 10)).rules}
    assert early["R53"].findings == []
    report = lsp.sweep(at=world.clock.now().replace(day=20))
    assert (complaint, "escalate_complaint") in report.moves
    view = lsp.get_complaint(complaint)
    assert view.escalated == ("acknowledgement",)
    assert view.anonymous
    r53 = {r.rule_id: r for r in lsp.audit(today=date(2025, 1, 20)).rules}["R53"]
    assert r53.checked == 1
    assert [f.certification_id for f in r53.findings] == [complaint]
    assert "acknowledgement" in r53.findings[0].detail.en
    assert [c.complaint_id for c in lsp.list_complaints(open_only=True)] == [complaint]


def test_the_gate_refuses_an_unknown_person_or_a_sweep_role(world: World) -> None:
    lsp = world.lsp
    with pytest.raises(NotAuthorizedError) as unknown:
        lsp.file_complaint(about="lsp", summary="x", actor=Actor("nobody", Role.LSP_ADMIN))
    assert unknown.value.rule_ids == ("P1",)
    with pytest.raises(NotAuthorizedError) as system:
        lsp.file_complaint(about="lsp", summary="x", actor=Actor("certflow-sweep", Role.SYSTEM))
    assert system.value.rule_ids == ("R53",)
    assert lsp.list_complaints() == []


def test_a_candidate_files_a_complaint_only_as_themself(world: World) -> None:
    lsp = world.lsp
    mine = world.candidates[0]
    filed = lsp.file_complaint(
        about="lsp", summary="jadwal berubah", complainant=mine, actor=world.candidate_actor(mine)
    )
    assert not lsp.get_complaint(filed).anonymous
    with pytest.raises(NotAuthorizedError) as other:
        lsp.file_complaint(
            about="lsp",
            summary="jadwal berubah",
            complainant=world.candidates[1],
            actor=world.candidate_actor(mine),
        )
    assert other.value.rule_ids == ("P3",)


def test_a_flag_quarantines_the_assessors_records_until_reviewed(world: World) -> None:
    lsp = world.lsp
    cert = world.through("competent", 0)
    failed = world.failed(1)
    world.at(date(2024, 11, 20))
    case = lsp.flag_misconduct(
        assessor_id=world.assessor, kind="gratification", grounds="hadiah", actor=actors.HEAD
    )
    view = lsp.get_misconduct_case(world.assessor)
    assert (view.case_id, view.stage) == (case, QuarantineStage.QUARANTINED)
    assert set(view.affected) == {cert, failed}
    r55 = {r.rule_id: r for r in lsp.audit(today=date(2024, 11, 20)).rules}["R55"]
    assert (r55.checked, len(r55.findings)) == (2, 2)
    with pytest.raises(RuleViolatedError) as held:
        lsp.print_certificate(cert, actor=MANAGER)
    assert held.value.rule_ids == ("R55",)
    with pytest.raises(RuleViolatedError) as flagged:
        lsp.flag_misconduct(
            assessor_id=world.assessor, kind="misconduct", grounds="lagi", actor=actors.HEAD
        )
    assert flagged.value.rule_ids == ("R55",)
    reviewer = actors.COMMITTEE_MEMBERS[2]
    lsp.review_quarantined(cert, outcome="confirmed", reason="bukti sah", actor=reviewer)
    lsp.review_quarantined(failed, outcome="set_aside", reason="tidak sah", actor=reviewer)
    assert lsp.get_misconduct_case(world.assessor).stage is QuarantineStage.CLOSED
    assert lsp.list_quarantines(open_only=True) == []
    assert lsp.print_certificate(cert, actor=MANAGER)
    assert lsp.is_quarantined(failed)
    r55 = {r.rule_id: r for r in lsp.audit(today=date(2024, 11, 25)).rules}["R55"]
    assert r55.findings == []


def test_a_substantiated_complaint_suspends_through_the_suspension_command(world: World) -> None:
    lsp = world.lsp
    cert = world.through("distributed", 0)
    world.at(date(2025, 2, 3))
    complaint = lsp.file_complaint(
        about="certified_person", summary="klaim palsu", certification_id=cert, actor=ADMIN
    )
    assert lsp.get_complaint(complaint).person_id == lsp.get(cert).subject_id
    lsp.acknowledge_complaint(complaint, actor=ADMIN)
    with pytest.raises(RuleViolatedError) as decider:
        lsp.assign_investigator(complaint, investigator=actors.COMMITTEE.id, actor=MANAGER)
    assert decider.value.rule_ids == ("R53",)
    lsp.assign_investigator(complaint, investigator=MANAGER.id, actor=MANAGER)
    lsp.resolve_complaint(
        complaint, outcome="substantiated", findings="terbukti", actions=["bekukan"], actor=MANAGER
    )
    lsp.suspend_on_complaint(
        complaint, grounds="certificate_misuse", resolve_by=date(2025, 4, 1), actor=actors.COMMITTEE
    )
    view = lsp.get_complaint(complaint)
    assert (view.stage, view.suspended) == (ComplaintStage.RESOLVED, (cert,))
    assert lsp.get(cert).stage.value == "suspended"
    history = lsp.history(cert)
    assert history[-1].event == "Suspended"


def test_a_flag_by_another_process_binds_its_prints_at_once_with_no_lag(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'two.db'}"
    here = certflow.open(url, clock=FixedClock(date(2024, 10, 14), tz=WIB), register_lag=0)
    world = build_world(here, candidates=1)
    cert = world.through("competent", 0)  # assigning read the (absent) case into the cache
    there = certflow.open(url, clock=FixedClock(date(2024, 11, 20), tz=WIB), register_lag=0)
    there.flag_misconduct(
        assessor_id=world.assessor, kind="misconduct", grounds="laporan", actor=actors.HEAD
    )
    world.at(date(2024, 11, 21))
    with pytest.raises(RuleViolatedError) as held:
        here.print_certificate(cert, actor=MANAGER)
    assert held.value.rule_ids == ("R55",)
    there.close()
    here.close()
