"""The audit's impartiality section: every act against the register as it stood then."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

import certflow
from certflow import Role, Verdict
from certflow.application import ImpartialityReport
from certflow.bootstrap import services_of
from certflow.domain import WIB, Certification
from certflow.engine import WorkflowAggregate
from certflow.testing import actors
from tests.support import COMMITTEE, World

GOLDEN = Path(__file__).parents[1] / "fixtures" / "golden-0.1.db"


def _section(world: World) -> ImpartialityReport:
    return world.lsp.audit(today=date(2025, 1, 31)).impartiality


def _forge(world: World, cert: UUID, event: type[Any], actor: str, role: str, **data: Any) -> None:
    """Append an event behind the gate's back, as a buggy or malicious writer would."""
    record = services_of(world.lsp).store.load(WorkflowAggregate, cert)
    record.trigger_event(
        event,
        trigger="decide",
        actor_id=actor,
        actor_role=role,
        at=datetime(2024, 11, 20, 10, tzinfo=WIB),
        stage="competent",
        workflow="certification",
        workflow_version=record.workflow_version,
        rules=[],
        **data,
    )
    services_of(world.lsp).store.save(record)


def test_a_store_whose_acts_all_passed_the_gate_has_no_finding(world: World) -> None:
    world.through("distributed", 0)
    world.failed(1)
    section = _section(world)
    assert section.status == "checked"
    every = world.lsp.list_certifications()
    assert section.acts == sum(len(world.lsp.history(c.id)) for c in every)
    assert section.before_register == 0
    assert section.findings == []
    assert section.found_later == []
    assert section.clean


def test_an_act_under_an_appointment_ended_afterwards_is_fine(world: World) -> None:
    cert = world.through("recommended", 0)
    member = certflow.Actor("komite-baru-09", Role.CERTIFICATION_COMMITTEE)
    appointment = world.appoint(member.id, Role.CERTIFICATION_COMMITTEE)
    world.at(date(2024, 11, 12))
    world.lsp.decide(cert, outcome=Verdict.COMPETENT, actor=member)
    world.at(date(2024, 12, 2))
    world.lsp.end_appointment(
        member.id, appointment_id=appointment, reason="masa jabatan selesai", actor=actors.HEAD
    )
    assert world.lsp.history(cert)[-1].actor_mandate == appointment
    section = _section(world)
    assert section.findings == []
    assert section.found_later == []


def test_a_declaration_recorded_after_the_act_is_listed_as_found_later(world: World) -> None:
    cert = world.through("competent", 0)
    decided = world.lsp.history(cert)[-1]
    subject = world.lsp.get(cert).subject_id
    world.at(date(2024, 12, 5))
    world.lsp.declare_interest(
        COMMITTEE.id,
        relation="relative",
        subject_id=subject,
        since=date(2020, 1, 1),
        note="ipar",
        actor=COMMITTEE,
    )
    world.lsp.declare_interest(  # a relation that began after the decision bars nothing
        COMMITTEE.id,
        relation="trainer",
        subject_id=subject,
        since=date(2024, 12, 1),
        actor=COMMITTEE,
    )
    section = _section(world)
    assert section.findings == []
    assert section.clean  # proper when made: a review, not a failure
    (later,) = section.found_later
    assert (later.rule_id, later.certification_id, later.version) == ("R12", cert, decided.version)
    assert (later.event, later.person, later.role) == (
        "Decided",
        COMMITTEE.id,
        "certification_committee",
    )
    assert later.mandate == decided.actor_mandate
    assert f"{COMMITTEE.id}!1" in later.detail.en


def test_a_declaration_recorded_before_the_act_would_have_barred_it(world: World) -> None:
    cert = world.through("recommended", 0)
    subject = world.lsp.get(cert).subject_id
    world.lsp.declare_interest(
        COMMITTEE.id,
        relation="trainer",
        subject_id=subject,
        since=date(2023, 1, 1),
        actor=COMMITTEE,
    )
    _forge(  # the gate refuses this decision (R13); written behind its back, the audit finds it
        world,
        cert,
        Certification.Decided,
        COMMITTEE.id,
        "certification_committee",
        outcome=Verdict.COMPETENT,
        recommendation=Verdict.COMPETENT,
        justification="",
        decided_on=date(2024, 11, 20),
        appeal_window_ends_on=None,
    )
    section = _section(world)
    assert [(f.rule_id, f.person, f.event) for f in section.findings] == [
        ("R13", COMMITTEE.id, "Decided")
    ]
    assert section.found_later == []
    assert not world.lsp.audit(today=date(2025, 1, 31)).clean


def test_acts_without_an_appointment_or_by_the_assessor_are_findings(world: World) -> None:
    unappointed = world.through("recommended", 0)
    assessor_decides = world.through("recommended", 1)
    decided = {
        "outcome": Verdict.COMPETENT,
        "recommendation": Verdict.COMPETENT,
        "justification": "",
        "decided_on": date(2024, 11, 20),
        "appeal_window_ends_on": None,
    }
    _forge(
        world,
        unappointed,
        Certification.Decided,
        "orang-asing",
        "certification_committee",
        **decided,
    )
    _forge(
        world,
        assessor_decides,
        Certification.Decided,
        str(world.assessor),
        "certification_committee",
        **decided,
    )
    found = {(f.certification_id, f.rule_id, f.person) for f in _section(world).findings}
    assert found == {
        (unappointed, "P1", "orang-asing"),
        (assessor_decides, "P1", str(world.assessor)),  # a licence is no committee appointment
        (assessor_decides, "R32", str(world.assessor)),  # and they assessed this candidate
    }


def test_an_older_store_without_a_register_is_reported_as_no_register(tmp_path: Path) -> None:
    copy = tmp_path / "golden.db"
    shutil.copy(GOLDEN, copy)
    lsp = certflow.open(f"sqlite:///{copy}")
    try:
        report = lsp.audit(today=date(2025, 1, 31))
        section = report.impartiality
        assert section.status == "no register"
        assert (section.acts, section.findings, section.found_later) == (0, [], [])
        assert section.clean
        assert report.certifications == 124
        assert all(e.actor_mandate is None for e in lsp.history(lsp.list_certifications()[0].id))
    finally:
        lsp.close()


def test_a_panel_named_with_an_unappointed_member_and_the_assessor_is_found(world: World) -> None:
    cert = world.failed(0)
    world.at(date(2024, 11, 18))
    subject = world.lsp.get(cert).subject_id
    world.lsp.lodge_appeal(cert, reason="tidak adil", actor=world.candidate_actor(subject))
    record = services_of(world.lsp).store.load(WorkflowAggregate, cert)
    record.trigger_event(  # behind the gate's back: the manager names whoever they like
        Certification.AppealPanelFormed,
        trigger="form_appeal_panel",
        actor_id=actors.MANAGER.id,
        actor_role="certification_manager",
        at=datetime(2024, 11, 19, 10, tzinfo=WIB),
        stage="under_appeal",
        workflow="certification",
        workflow_version=record.workflow_version,
        rules=[],
        actor_mandate=f"{actors.MANAGER.id}#1",
        members=[actors.APPEAL_POOL[0].id, "orang-asing", str(world.assessor)],
    )
    services_of(world.lsp).store.save(record)
    found = {(f.rule_id, f.person, f.role) for f in _section(world).findings}
    assert found == {
        ("P1", "orang-asing", "appeal_panel"),
        ("P1", str(world.assessor), "appeal_panel"),
        ("R51", str(world.assessor), "appeal_panel"),
    }


def test_an_older_store_that_founds_its_register_checks_only_what_follows(tmp_path: Path) -> None:
    copy = tmp_path / "golden.db"
    shutil.copy(GOLDEN, copy)
    lsp = certflow.open(f"sqlite:///{copy}")
    try:
        lsp.establish_register(head=actors.HEAD.id, basis="SK Ketua LSP 001/2025")
        section = lsp.audit(today=date(2025, 1, 31)).impartiality
        assert section.status == "checked"
        assert section.acts == 0
        assert section.before_register == sum(
            len(lsp.history(c.id)) for c in lsp.list_certifications()
        )
        assert section.findings == []
    finally:
        lsp.close()
