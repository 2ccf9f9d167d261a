"""Who may act, proven from the record: every attempt of issue 12 is refused and records nothing."""

from __future__ import annotations

from datetime import date

import pytest

import certflow
from certflow import (
    WIB,
    Actor,
    AlreadyExistsError,
    CertificationBody,
    FixedClock,
    InvalidInputError,
    NotAuthorizedError,
    Role,
    RuleViolatedError,
    Stage,
)
from certflow.bootstrap import services_of
from certflow.testing import actors
from tests.support import ADMIN, COMMITTEE, MANAGER, World, refused

PANEL = actors.APPEAL_POOL[0]


def _count(lsp: CertificationBody) -> int:
    return services_of(lsp).store.recorder.max_notification_id() or 0


# -- the register itself --------------------------------------------------------------------------


def test_a_store_without_a_register_refuses_every_command_and_records_nothing() -> None:
    lsp = certflow.open("memory://", clock=FixedClock(date(2024, 10, 21), tz=WIB))
    with pytest.raises(NotAuthorizedError) as caught:
        lsp.add_scheme(code="S", title="t", units=[{"code": "U", "title": "u"}], actor=ADMIN)
    assert caught.value.rule_ids == ("P1",)
    assert "certflow staff init" in str(caught.value)
    assert _count(lsp) == 0
    assert not lsp.register_established()


def test_the_register_is_founded_once_with_its_head_and_the_sweeper() -> None:
    lsp = certflow.open("memory://", clock=FixedClock(date(2024, 10, 21), tz=WIB))
    made = lsp.establish_register(head="ketua-lsp", basis="SK 001")
    assert made == "ketua-lsp#1"
    assert lsp.register_head() == "ketua-lsp"
    head = lsp.get_person("ketua-lsp")
    assert [a.role for a in head.in_force] == [Role.HEAD_OF_LSP]
    assert [a.role for a in lsp.get_person("certflow-sweep").in_force] == [Role.SYSTEM]
    before = _count(lsp)
    with pytest.raises(AlreadyExistsError):
        lsp.establish_register(head="someone-else", basis="SK 002")
    with pytest.raises(InvalidInputError) as caught:
        certflow.open("memory://", clock=lsp.clock).establish_register(head="Ketua", basis="x")
    assert caught.value.rule_ids == ("P1",)
    assert _count(lsp) == before


def test_only_the_head_appoints_and_nobody_appoints_themself(world: World) -> None:
    lsp = world.lsp
    before = _count(lsp)
    with pytest.raises(NotAuthorizedError):
        lsp.appoint("orang-baru", role=Role.CERTIFICATION_COMMITTEE, basis="SK", actor=MANAGER)
    with pytest.raises(InvalidInputError) as caught:
        lsp.appoint(
            actors.HEAD.id, role=Role.CERTIFICATION_COMMITTEE, basis="SK", actor=actors.HEAD
        )
    assert caught.value.rule_ids == ("P2",)
    with pytest.raises(InvalidInputError):  # assessors act under their licence, not appointed
        lsp.appoint("orang-baru", role=Role.ASSESSOR, basis="SK", actor=actors.HEAD)
    with pytest.raises(InvalidInputError):  # no decree named
        lsp.appoint("orang-baru", role=Role.LSP_ADMIN, basis=" ", actor=actors.HEAD)
    assert _count(lsp) == before


# -- identities -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "spelling",
    ["KOMITE-TEKNIS-01", "komite-teknis-01\u200b", "komite‐teknis‐01", " komite teknis 01", ""],
    ids=["upper case", "zero-width space", "unicode hyphen", "spaces", "empty"],
)
def test_an_id_in_another_spelling_is_refused_never_compared(world: World, spelling: str) -> None:
    cert = world.through("recommended")
    world.at(date(2024, 11, 14))
    if not spelling.strip():
        with pytest.raises(ValueError, match="non-empty id"):
            Actor(spelling, Role.CERTIFICATION_COMMITTEE)
        return
    refused(
        world,
        cert,
        lambda: world.lsp.decide(
            cert, outcome="K", actor=Actor(spelling, Role.CERTIFICATION_COMMITTEE)
        ),
        NotAuthorizedError,
        "P1",
    )


def test_a_met_number_resolves_to_the_assessor_so_r32_holds(world: World) -> None:
    cert = world.through("recommended")
    world.at(date(2024, 11, 14))
    world.appoint(world.assessor, Role.CERTIFICATION_COMMITTEE)
    met = world.lsp.get_assessor(world.assessor).met_number
    for spelling in (met, met.lower(), f"  {met}  ".strip()):
        refused(
            world,
            cert,
            lambda s=spelling: world.lsp.decide(
                cert, outcome="K", actor=Actor(s, Role.CERTIFICATION_COMMITTEE)
            ),
            RuleViolatedError,
            "R32",
        )


def test_the_event_records_the_canonical_id_and_the_mandate(world: World) -> None:
    cert = world.through("competent")
    history = services_of(world.lsp).store.events(cert)
    decided = next(e for e in history if type(e).__name__ == "Decided")
    assert (decided.actor_id, decided.actor_role) == (COMMITTEE.id, "certification_committee")
    assert decided.actor_mandate == f"{COMMITTEE.id}#1"
    registered = history[0]
    assert registered.actor_mandate == f"{ADMIN.id}#1"
    submitted = next(e for e in history if type(e).__name__ == "PortfolioSubmitted")
    assert submitted.actor_mandate == "own-case"
    interviewed = next(e for e in history if type(e).__name__ == "InterviewRecorded")
    assert str(interviewed.actor_mandate).startswith("licence:MET.")


# -- the candidate ----------------------------------------------------------------------------


def test_a_candidate_acting_as_committee_on_their_own_case_is_not_in_the_register(
    world: World,
) -> None:
    cert = world.through("recommended")
    world.at(date(2024, 11, 14))
    subject = str(world.candidates[0])
    for role in (Role.CERTIFICATION_COMMITTEE, Role.CERTIFICATION_MANAGER, Role.APPEAL_PANEL):
        with pytest.raises(NotAuthorizedError):
            world.lsp.decide(cert, outcome="K", actor=Actor(subject, role))
    assert world.lsp.get(cert).stage is Stage.INTERVIEWED


def test_a_staff_member_who_is_the_candidate_cannot_act_on_their_case(world: World) -> None:
    cert = world.through("recommended")
    world.lsp.declare_interest(
        COMMITTEE.id, relation="self", subject_id=world.candidates[0], actor=COMMITTEE
    )
    world.at(date(2024, 11, 14))
    refused(
        world,
        cert,
        lambda: world.lsp.decide(cert, outcome="K", actor=COMMITTEE),
        RuleViolatedError,
        "P5",
    )


@pytest.mark.parametrize(
    "command",
    ["register", "submit_portfolio", "withdraw", "request_reassessment", "sign_agreement"],
)
def test_a_candidate_acts_only_on_their_own_case(world: World, command: str) -> None:
    other = world.candidate_actor(world.candidates[1])
    if command == "register":
        with pytest.raises(NotAuthorizedError) as caught:
            world.lsp.register(
                subject_id=world.candidates[0],
                scheme_id=world.scheme,
                session_id=world.session,
                actor=other,
            )
        assert caught.value.rule_ids == ("P3",)
        return
    stage = {
        "submit_portfolio": "admitted",
        "withdraw": "registered",
        "request_reassessment": "decided",
        "sign_agreement": "assigned",
    }[command]
    cert = world.failed() if command == "request_reassessment" else world.through(stage)
    entries = [{"unit": "U.001", "evidence": ["x"]}]
    calls = {
        "submit_portfolio": lambda: world.lsp.submit_portfolio(cert, entries=entries, actor=other),
        "withdraw": lambda: world.lsp.withdraw(cert, actor=other),
        "request_reassessment": lambda: world.lsp.request_reassessment(
            cert, entries=entries, actor=other
        ),
        "sign_agreement": lambda: world.lsp.sign_agreement(cert, actor=other),
    }
    refused(world, cert, calls[command], NotAuthorizedError, "P3")


def test_the_candidate_prints_nothing_of_their_own(world: World) -> None:
    cert = world.through("competent")
    me = str(world.candidates[0])
    for role in (Role.CERTIFICATION_MANAGER, Role.HEAD_OF_LSP):
        refused(
            world,
            cert,
            lambda r=role: world.lsp.print_certificate(cert, actor=Actor(me, r)),
            NotAuthorizedError,
            "P1",
        )


# -- appointments -----------------------------------------------------------------------------


def test_an_ended_appointment_no_longer_covers(world: World) -> None:
    cert = world.through("recommended")
    made = world.appoint("komite-teknis-07", Role.CERTIFICATION_COMMITTEE)
    world.at(date(2024, 11, 12))
    world.lsp.end_appointment(
        "komite-teknis-07", appointment_id=made, reason="mutasi", actor=actors.HEAD
    )
    world.at(date(2024, 11, 14))
    error = refused(
        world,
        cert,
        lambda: world.lsp.decide(
            cert, outcome="K", actor=Actor("komite-teknis-07", Role.CERTIFICATION_COMMITTEE)
        ),
        NotAuthorizedError,
        "P2",
    )
    assert "komite-teknis-07" in str(error)
    assert "certification_committee" in str(error)
    member = world.lsp.get_person("komite-teknis-07")
    assert member.in_force == ()
    assert member.appointments[0].end_reason == "mutasi"


def test_an_appointment_for_another_scheme_does_not_cover(world: World) -> None:
    cert = world.through("recommended")
    world.appoint("komite-pk", Role.CERTIFICATION_COMMITTEE, "SKM/TEST/2")
    world.at(date(2024, 11, 14))
    refused(
        world,
        cert,
        lambda: world.lsp.decide(
            cert, outcome="K", actor=Actor("komite-pk", Role.CERTIFICATION_COMMITTEE)
        ),
        NotAuthorizedError,
        "P2",
    )


def test_system_is_reserved_to_the_sweep(world: World) -> None:
    cert = world.through("distributed")
    for who in ("certflow-sweep", "made-up"):
        refused(
            world,
            cert,
            lambda w=who: world.lsp.revoke(
                cert, grounds="ethics_breach", actor=Actor(w, Role.SYSTEM)
            ),
            NotAuthorizedError,
            None,
        )


def test_the_sweep_acts_under_its_recorded_appointment(world: World) -> None:
    cert = world.failed()
    world.at(date(2025, 2, 1))
    world.lsp.sweep()
    closed = services_of(world.lsp).store.events(cert)[-1]
    assert type(closed).__name__ == "AppealWindowClosed"
    assert (closed.actor_id, closed.actor_mandate) == ("certflow-sweep", "certflow-sweep#1")


# -- impartiality -----------------------------------------------------------------------------


def test_a_declared_trainer_neither_assesses_nor_decides(world: World) -> None:
    cert = world.through("recommended")
    world.lsp.declare_interest(
        COMMITTEE.id, relation="trainer", subject_id=world.candidates[0], actor=COMMITTEE
    )
    world.at(date(2024, 11, 14))
    refused(
        world,
        cert,
        lambda: world.lsp.decide(cert, outcome="K", actor=COMMITTEE),
        RuleViolatedError,
        "R13",
    )
    other = world.through("assigned", 1)
    world.lsp.declare_interest(
        str(world.assessor),
        relation="relative",
        subject_id=world.candidates[1],
        actor=MANAGER,
    )
    refused(
        world,
        other,
        lambda: world.lsp.sign_agreement(other, actor=world.assessor_actor()),
        RuleViolatedError,
        "R12",
    )


def test_an_organisation_declaration_matches_the_candidates_unit(world: World) -> None:
    cert = world.through("recommended")
    unit = world.lsp.get_candidate(world.candidates[0]).data.unit
    assert unit
    world.lsp.declare_interest(
        COMMITTEE.id, relation="employer", organisation=f"  {unit.upper()} ", actor=COMMITTEE
    )
    world.at(date(2024, 11, 14))
    refused(
        world,
        cert,
        lambda: world.lsp.decide(cert, outcome="K", actor=COMMITTEE),
        RuleViolatedError,
        "R12",
    )


def test_an_involved_person_neither_prints_nor_hands_over(world: World) -> None:
    cert = world.through("competent")
    world.appoint(world.assessor, Role.CERTIFICATION_MANAGER)
    world.at(date(2024, 11, 25))
    refused(
        world,
        cert,
        lambda: world.lsp.print_certificate(
            cert, actor=Actor(str(world.assessor), Role.CERTIFICATION_MANAGER)
        ),
        RuleViolatedError,
        "P5",
    )


def test_an_assessor_not_assigned_records_no_no_show(world: World) -> None:
    cert = world.through("assigned")
    world.at(date(2024, 11, 6))
    for _ in range(2):
        refused(
            world,
            cert,
            lambda: world.lsp.record_no_show(
                cert, actor=world.assessor_actor(world.second_assessor)
            ),
            RuleViolatedError,
            "R15",
        )


def test_the_manager_forms_the_panel_and_only_its_members_decide(world: World) -> None:
    cert = world.failed()
    world.at(date(2024, 11, 20))
    world.lsp.lodge_appeal(cert, reason="unfair", actor=world.candidate_actor(world.candidates[0]))
    me = world.candidate_actor(world.candidates[0])
    refused(  # the candidate as the sole panel member
        world,
        cert,
        lambda: world.lsp.form_appeal_panel(cert, members=[me.id], actor=MANAGER),
        NotAuthorizedError,
        "P1",
    )
    world.lsp.form_appeal_panel(cert, members=[PANEL.id], actor=MANAGER)
    refused(
        world,
        cert,
        lambda: world.lsp.uphold_appeal(
            cert,
            remedy="revised_decision",
            reason="x",
            actor=Actor(actors.APPEAL_POOL[1].id, Role.APPEAL_PANEL),
        ),
        RuleViolatedError,
        "R51",
    )
    world.lsp.reject_appeal(cert, reason="evidence read", actor=PANEL)
    assert world.lsp.get(cert).stage is Stage.NOT_YET_COMPETENT


# -- the rulebook fixes -----------------------------------------------------------------------


def test_r9_holds_at_every_assessment_act(world: World) -> None:
    cert = world.through("assigned")
    world.lsp.renew_assessor_licence(world.assessor, valid_until=date(2024, 11, 6), actor=ADMIN)
    world.at(date(2024, 11, 7))
    refused(
        world,
        cert,
        lambda: world.lsp.sign_agreement(cert, actor=world.assessor_actor()),
        NotAuthorizedError,
        "R9",
    )


def test_replacing_the_assessor_voids_the_verification(world: World) -> None:
    cert = world.through("verified")
    assert world.lsp.get(cert).portfolio_verified
    world.assign(cert, world.second_assessor)
    view = world.lsp.get(cert)
    assert not view.portfolio_verified
    world.at(date(2024, 11, 7))
    refused(
        world,
        cert,
        lambda: world.lsp.record_interview(cert, actor=world.assessor_actor(world.second_assessor)),
        RuleViolatedError,
        "R18",
    )


def test_r41_counts_from_the_reassessment(world: World) -> None:
    cert = world.failed()
    first_due = world.lsp.get(cert).distribution_due_on
    world.at(date(2025, 1, 10))
    world.lsp.request_reassessment(
        cert,
        entries=[{"unit": "U.001", "evidence": ["new"]}],
        actor=world.candidate_actor(world.candidates[0]),
    )
    world.assign(cert, world.second_assessor)
    world.sign(cert)
    world.verify(cert)
    world.at(date(2025, 1, 20))
    world.lsp.record_interview(cert, actor=world.assessor_actor(world.second_assessor))
    due = world.lsp.get(cert).distribution_due_on
    assert first_due is not None
    assert due is not None
    assert due > first_due
    assert (due - date(2025, 1, 20)).days == 30


def test_r3_one_open_certification_per_scheme_across_sessions(world: World) -> None:
    world.through("registered")
    later = world.path.plan_session(
        "EUK-LATER", [world.scheme], days=(date(2025, 3, 3), date(2025, 3, 4)), title="t", venue="v"
    )
    with pytest.raises(RuleViolatedError) as caught:
        world.lsp.register(
            subject_id=world.candidates[0], scheme_id=world.scheme, session_id=later, actor=ADMIN
        )
    assert caught.value.rule_ids == ("R3",)
    # Once the first is withdrawn, the candidate may register again.
    first = world.lsp.list_certifications()[0].id
    world.lsp.withdraw(first, actor=ADMIN)
    world.lsp.register(
        subject_id=world.candidates[0], scheme_id=world.scheme, session_id=later, actor=ADMIN
    )


def test_an_assessor_who_trained_the_candidate_is_not_assigned(world: World) -> None:
    cert = world.through("portfolio_submitted")
    world.lsp.declare_interest(
        str(world.assessor),
        relation="trainer",
        subject_id=world.candidates[0],
        since=date(2024, 3, 1),
        actor=world.assessor_actor(),
    )
    refused(world, cert, lambda: world.assign(cert), RuleViolatedError, "R13")
    world.assign(cert, world.second_assessor)
    assert world.lsp.get(cert).assessor_id == world.second_assessor


def test_a_declaration_from_a_later_date_does_not_block_today(world: World) -> None:
    cert = world.through("recommended")
    world.lsp.declare_interest(
        COMMITTEE.id,
        relation="relative",
        subject_id=world.candidates[0],
        since=date(2025, 1, 1),
        actor=COMMITTEE,
    )
    world.at(date(2024, 11, 14))
    world.lsp.decide(cert, outcome="K", actor=COMMITTEE)
    assert world.lsp.get(cert).stage is Stage.COMPETENT


def test_a_person_declares_only_for_themself_unless_the_office_records_it(world: World) -> None:
    before = _count(world.lsp)
    with pytest.raises(certflow.RejectedError) as caught:
        world.lsp.declare_interest(
            "komite-teknis-02", relation="other", organisation="Polda Papua", actor=COMMITTEE
        )
    assert caught.value.rule_ids == ("R11",)
    assert _count(world.lsp) == before
