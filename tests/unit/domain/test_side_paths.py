"""The real lifecycle around the main path: admission, agreement, further evidence, appeal,
re-assessment, withdrawal, surveillance, suspension, revocation, expiry, recertification."""

from __future__ import annotations

from datetime import date

import pytest

from certflow import (
    Actor,
    CertificationBody,
    NotAuthorizedError,
    Role,
    RuleViolatedError,
    Stage,
    TransitionNotAllowedError,
    Verdict,
)
from certflow.bootstrap import services_of
from certflow.domain import DeadlineStatus
from certflow.engine import WorkflowAggregate
from tests.support import ADMIN, COMMITTEE, MANAGER, UNITS, World, build_world, refused

PANEL = ["panel-banding-01", "panel-banding-02"]
PANEL_ACTOR = Actor("panel-banding-01", Role.APPEAL_PANEL)


# -- admission (R4, R5) ---------------------------------------------------------------------


def test_r5_missing_documents_are_requested_and_the_stage_stays(world: World) -> None:
    cert = world.register()
    world.lsp.request_documents(cert, documents=["surat tugas", "pas foto"], actor=ADMIN)
    view = world.lsp.get(cert)
    assert view.stage is Stage.REGISTERED
    assert view.documents_requested == ("surat tugas", "pas foto")
    refused(
        world,
        cert,
        lambda: world.lsp.request_documents(cert, documents=[" "], actor=ADMIN),
        RuleViolatedError,
        "R5",
    )


def test_r4_admission_then_the_portfolio(world: World) -> None:
    cert = world.register()
    refused(world, cert, lambda: world.submit(cert), RuleViolatedError, "R4")
    refused(
        world,
        cert,
        lambda: world.lsp.admit(cert, actor=world.candidate_actor(world.candidates[0])),
        NotAuthorizedError,
        "R4",
    )
    world.admit(cert)
    assert world.lsp.get(cert).admitted
    refused(world, cert, lambda: world.lsp.admit(cert, actor=ADMIN), RuleViolatedError, "R4")
    refused(
        world,
        cert,
        lambda: world.lsp.request_documents(cert, documents=["x"], actor=ADMIN),
        RuleViolatedError,
        "R5",
    )
    world.submit(cert)
    assert world.lsp.get(cert).stage is Stage.PORTFOLIO_SUBMITTED


def test_r4_a_rejection_needs_a_reason_and_ends_the_application(world: World) -> None:
    cert = world.register()
    refused(
        world,
        cert,
        lambda: world.lsp.reject_application(cert, reason=" ", actor=ADMIN),
        RuleViolatedError,
        "R4",
    )
    world.lsp.reject_application(cert, reason="not a PR officer", actor=ADMIN)
    view = world.lsp.get(cert)
    assert view.stage is Stage.REJECTED
    assert view.rejection_reason == "not a PR officer"
    refused(
        world, cert, lambda: world.lsp.admit(cert, actor=ADMIN), TransitionNotAllowedError, None
    )


# -- agreement and portfolio verification (R18-R22) -----------------------------------------


def test_r18_no_evidence_before_both_parties_sign(world: World) -> None:
    cert = world.through("assigned")
    world.at(date(2024, 11, 7), 9)
    checks = [
        {
            "unit": u,
            "evidence": "d",
            "valid": True,
            "authentic": True,
            "current": True,
            "sufficient": True,
        }
        for u in UNITS
    ]

    def verify() -> None:
        world.lsp.verify_portfolio(cert, checks=checks, actor=world.assessor_actor())

    refused(world, cert, verify, RuleViolatedError, "R18")
    world.lsp.sign_agreement(
        cert,
        methods=["portfolio", "interview"],
        appeal_process_explained=True,
        actor=world.candidate_actor(world.candidates[0]),
    )
    refused(world, cert, verify, RuleViolatedError, "R18")
    refused(
        world,
        cert,
        lambda: world.lsp.sign_agreement(
            cert,
            methods=["portfolio", "interview"],
            appeal_process_explained=True,
            actor=world.candidate_actor(world.candidates[0]),
        ),
        RuleViolatedError,
        "R18",
    )
    world.lsp.sign_agreement(cert, methods=["portfolio", "interview"], actor=world.assessor_actor())
    verify()
    assert world.lsp.get(cert).portfolio_verified


def test_r20_the_candidate_signs_only_after_the_appeal_process_is_explained(world: World) -> None:
    cert = world.through("assigned")
    refused(
        world,
        cert,
        lambda: world.lsp.sign_agreement(
            cert,
            methods=["portfolio", "interview"],
            actor=world.candidate_actor(world.candidates[0]),
        ),
        RuleViolatedError,
        "R20",
    )


def test_r18_only_the_candidate_signs_for_themself(world: World) -> None:
    cert = world.through("assigned")
    refused(
        world,
        cert,
        lambda: world.lsp.sign_agreement(
            cert,
            methods=["portfolio"],
            appeal_process_explained=True,
            actor=world.candidate_actor(world.candidates[1]),
        ),
        NotAuthorizedError,
        "P3",
    )


def test_r19_methods_are_the_schemes_and_the_same_for_both(world: World) -> None:
    cert = world.through("assigned")
    candidate = world.candidate_actor(world.candidates[0])
    refused(
        world,
        cert,
        lambda: world.lsp.sign_agreement(
            cert, methods=["observation"], appeal_process_explained=True, actor=candidate
        ),
        RuleViolatedError,
        "R19",
    )
    world.lsp.sign_agreement(
        cert, methods=["portfolio"], appeal_process_explained=True, actor=candidate
    )
    refused(
        world,
        cert,
        lambda: world.lsp.sign_agreement(
            cert, methods=["portfolio", "interview"], actor=world.assessor_actor()
        ),
        RuleViolatedError,
        "R19",
    )
    world.lsp.sign_agreement(cert, methods=["portfolio"], actor=world.assessor_actor())
    world.verify(cert)
    world.at(date(2024, 11, 7))
    refused(
        world,
        cert,
        lambda: world.lsp.record_interview(cert, actor=world.assessor_actor()),
        RuleViolatedError,
        "R19",
    )


def test_r21_the_portfolio_is_verified_before_the_interview(world: World) -> None:
    cert = world.through("agreed")
    world.at(date(2024, 11, 7))
    refused(
        world,
        cert,
        lambda: world.lsp.record_interview(cert, actor=world.assessor_actor()),
        RuleViolatedError,
        "R21",
    )


def test_r22_every_unit_gets_a_vatm_check_and_failing_evidence_blocks_k(world: World) -> None:
    cert = world.through("agreed")
    partial = [
        {
            "unit": "U.001",
            "evidence": "d",
            "valid": True,
            "authentic": True,
            "current": True,
            "sufficient": True,
        }
    ]
    refused(
        world,
        cert,
        lambda: world.lsp.verify_portfolio(cert, checks=partial, actor=world.assessor_actor()),
        RuleViolatedError,
        "R22",
    )
    world.verify(cert, failing=("U.002",))
    world.interview(cert)
    refused(
        world,
        cert,
        lambda: world.lsp.recommend(
            cert,
            results=dict.fromkeys(UNITS, "K"),
            recommendation="K",
            actor=world.assessor_actor(),
        ),
        RuleViolatedError,
        "R22",
    )
    world.recommend(cert, {"U.001": "K", "U.002": "BK", "U.003": "K"})


def test_r14_an_assessor_interviews_at_most_ten_candidates_a_day(
    lsp: CertificationBody,
) -> None:
    world = build_world(lsp, candidates=11)
    certs = [world.through("verified", n) for n in range(11)]
    for cert in certs[:10]:
        world.interview(cert)
    error = refused(world, certs[10], lambda: world.interview(certs[10]), RuleViolatedError, "R14")
    assert "limit 10" in str(error)
    world.at(date(2024, 11, 8))
    world.lsp.record_interview(certs[10], actor=world.assessor_actor())


# -- no-show and withdrawal (R56, R57) ------------------------------------------------------


def test_r56_a_no_show_goes_back_to_assignment_and_the_second_withdraws(world: World) -> None:
    cert = world.through("portfolio_submitted")
    refused(
        world, cert, lambda: world.lsp.record_no_show(cert, actor=ADMIN), RuleViolatedError, "R56"
    )
    world.assign(cert)
    refused(  # not before the session's first day
        world, cert, lambda: world.lsp.record_no_show(cert, actor=ADMIN), RuleViolatedError, "R56"
    )
    refused(  # an assessor records no-shows only of their own candidate (R15)
        world,
        cert,
        lambda: world.lsp.record_no_show(cert, actor=world.assessor_actor(world.second_assessor)),
        RuleViolatedError,
        "R15",
    )
    world.at(date(2024, 11, 6))
    world.lsp.record_no_show(cert, actor=ADMIN)
    view = world.lsp.get(cert)
    assert (view.stage, view.assessor_id, view.no_shows) == (Stage.PORTFOLIO_SUBMITTED, None, 1)
    world.assign(cert)
    world.at(date(2024, 11, 6))
    world.lsp.record_no_show(cert, actor=ADMIN)
    assert world.lsp.get(cert).stage is Stage.WITHDRAWN


@pytest.mark.parametrize("stage", ["registered", "portfolio_submitted", "interviewed"])
def test_r57_a_candidate_withdraws_before_the_decision(world: World, stage: str) -> None:
    cert = world.through(stage)
    world.lsp.withdraw(
        cert, reason="posted abroad", actor=world.candidate_actor(world.candidates[0])
    )
    view = world.lsp.get(cert)
    assert view.stage is Stage.WITHDRAWN
    assert view.withdrawal_reason == "posted abroad"


def test_r57_no_withdrawal_after_the_decision(world: World) -> None:
    cert = world.through("competent")
    refused(
        world, cert, lambda: world.lsp.withdraw(cert, actor=ADMIN), TransitionNotAllowedError, "R57"
    )


# -- further evidence and referral (R28, R30, R34) ------------------------------------------


def test_r28_further_evidence_comes_before_the_recommendation(world: World) -> None:
    cert = world.through("interviewed")
    assessor = world.assessor_actor()
    refused(
        world,
        cert,
        lambda: world.lsp.record_further_evidence(cert, evidence=["x"], actor=assessor),
        RuleViolatedError,
        "R28",
    )
    world.lsp.request_further_evidence(cert, request="press release samples", actor=assessor)
    refused(world, cert, lambda: world.recommend(cert), RuleViolatedError, "R28")
    world.lsp.record_further_evidence(cert, evidence=["PR-2024-117"], actor=assessor)
    world.recommend(cert)
    refused(
        world,
        cert,
        lambda: world.lsp.request_further_evidence(cert, request="more", actor=assessor),
        RuleViolatedError,
        "R28",
    )


def test_r30_no_decision_before_the_recommendation(world: World) -> None:
    cert = world.through("interviewed")
    world.at(date(2024, 11, 14))
    refused(
        world,
        cert,
        lambda: world.lsp.decide(cert, outcome="K", actor=COMMITTEE),
        RuleViolatedError,
        "R30",
    )


def test_r34_the_committee_refers_back_with_a_reason(world: World) -> None:
    cert = world.through("recommended")
    refused(
        world,
        cert,
        lambda: world.lsp.refer_back(cert, reason="", actor=COMMITTEE),
        RuleViolatedError,
        "R34",
    )
    world.lsp.refer_back(cert, reason="crisis handling evidence thin", actor=COMMITTEE)
    view = world.lsp.get(cert)
    assert (view.recommendation, view.further_evidence_open) == (None, True)
    world.lsp.record_further_evidence(cert, evidence=["crisis-log"], actor=world.assessor_actor())
    world.recommend(cert)
    world.decide(cert)
    assert world.lsp.get(cert).stage is Stage.COMPETENT


# -- appeal (R49-R52) -------------------------------------------------------------------------


def test_r49_an_appeal_within_the_window_is_acknowledged_with_a_due_date(world: World) -> None:
    cert = world.failed()
    candidate = world.candidate_actor(world.candidates[0])
    world.at(date(2024, 11, 20))
    refused(
        world,
        cert,
        lambda: world.lsp.lodge_appeal(cert, reason=" ", actor=candidate),
        RuleViolatedError,
        "R49",
    )
    refused(
        world,
        cert,
        lambda: world.lsp.lodge_appeal(
            cert, reason="unfair", actor=world.candidate_actor(world.candidates[1])
        ),
        NotAuthorizedError,
        "P3",
    )
    world.lsp.lodge_appeal(cert, reason="my media-relations log was not read", actor=candidate)
    view = world.lsp.get(cert)
    assert view.stage is Stage.UNDER_APPEAL
    (deadline,) = view.deadlines
    assert (deadline.name, deadline.rule_id, deadline.due_on) == (
        "appeal_decision",
        "R50",
        date(2024, 12, 20),
    )
    assert "R50" in world.lsp.history(cert)[-1].rules


def test_r49_no_appeal_after_the_window(world: World) -> None:
    cert = world.failed()
    world.at(date(2024, 12, 15))
    refused(
        world,
        cert,
        lambda: world.lsp.lodge_appeal(
            cert, reason="late", actor=world.candidate_actor(world.candidates[0])
        ),
        RuleViolatedError,
        "R49",
    )


def test_r49_only_a_bk_decision_can_be_appealed(world: World) -> None:
    cert = world.through("competent")
    refused(
        world,
        cert,
        lambda: world.lsp.lodge_appeal(
            cert, reason="x", actor=world.candidate_actor(world.candidates[0])
        ),
        TransitionNotAllowedError,
        "R49",
    )


def _appealed(world: World, *, panel: list[str] | None = None) -> object:
    cert = world.failed()
    world.at(date(2024, 11, 20))
    world.lsp.lodge_appeal(cert, reason="unfair", actor=world.candidate_actor(world.candidates[0]))
    world.at(date(2024, 12, 1))
    if panel:
        world.lsp.form_appeal_panel(cert, members=panel, actor=MANAGER)
    return cert


@pytest.mark.parametrize(
    ("panel", "error", "rule_id"),
    [
        (["panel-banding-01", COMMITTEE.id], RuleViolatedError, "R51"),
        (["panel-banding-01", "ASSESSOR"], RuleViolatedError, "R51"),
        (["panel-banding-01", "komite-teknis-02"], RuleViolatedError, "P2"),
        ([], RuleViolatedError, "R51"),
    ],
    ids=["a decider on the panel", "the assessor on the panel", "not appointed", "no members"],
)
def test_r51_the_manager_forms_an_independent_panel(
    world: World, panel: list[str], error: type[RuleViolatedError], rule_id: str
) -> None:
    cert = _appealed(world)
    members = [str(world.assessor) if p == "ASSESSOR" else p for p in panel]
    if "ASSESSOR" in panel:
        world.appoint(world.assessor, Role.APPEAL_PANEL)
    if COMMITTEE.id in panel:
        world.appoint(COMMITTEE.id, Role.APPEAL_PANEL)
    refused(
        world,
        cert,  # type: ignore[arg-type]
        lambda: world.lsp.form_appeal_panel(cert, members=members, actor=MANAGER),  # type: ignore[arg-type]
        error,
        rule_id,
    )


def test_r51_only_a_member_of_the_formed_panel_decides_the_appeal(world: World) -> None:
    cert = _appealed(world)
    refused(  # no panel formed yet
        world,
        cert,  # type: ignore[arg-type]
        lambda: world.lsp.reject_appeal(cert, reason="no", actor=PANEL_ACTOR),  # type: ignore[arg-type]
        RuleViolatedError,
        "R51",
    )
    refused(  # a member may not form their own panel
        world,
        cert,  # type: ignore[arg-type]
        lambda: world.lsp.form_appeal_panel(cert, members=PANEL, actor=PANEL_ACTOR),  # type: ignore[arg-type]
        NotAuthorizedError,
        None,
    )
    world.lsp.form_appeal_panel(cert, members=["panel-banding-02"], actor=MANAGER)  # type: ignore[arg-type]
    refused(
        world,
        cert,  # type: ignore[arg-type]
        lambda: world.lsp.reject_appeal(cert, reason="no", actor=PANEL_ACTOR),  # type: ignore[arg-type]
        RuleViolatedError,
        "R51",
    )


def test_r52_a_rejected_appeal_leaves_bk_and_closes_the_window(world: World) -> None:
    cert = _appealed(world, panel=PANEL)
    world.lsp.reject_appeal(
        cert,
        reason="evidence was read",
        actor=PANEL_ACTOR,
    )
    view = world.lsp.get(cert)  # type: ignore[arg-type]
    assert view.stage is Stage.NOT_YET_COMPETENT
    assert view.deadlines == ()
    refused(
        world,
        cert,
        lambda: world.lsp.lodge_appeal(  # type: ignore[arg-type]
            cert, reason="again", actor=world.candidate_actor(world.candidates[0])
        ),  # type: ignore[arg-type]
        RuleViolatedError,
        "R49",
    )


def test_r52_an_upheld_appeal_can_revise_the_decision(world: World) -> None:
    cert = _appealed(world, panel=PANEL)
    world.lsp.uphold_appeal(
        cert,
        remedy="revised_decision",
        reason="log proves competence",  # type: ignore[arg-type]
        actor=PANEL_ACTOR,
    )
    view = world.lsp.get(cert)  # type: ignore[arg-type]
    assert view.stage is Stage.COMPETENT
    assert view.outcome is Verdict.COMPETENT
    assert world.print(cert).endswith("/00001/2024")  # type: ignore[arg-type]


def test_r52_an_upheld_appeal_can_order_reassessment_by_another_assessor(world: World) -> None:
    cert = _appealed(world, panel=PANEL)
    world.lsp.uphold_appeal(
        cert,
        remedy="reassessment",
        reason="interview too short",  # type: ignore[arg-type]
        actor=PANEL_ACTOR,
    )
    view = world.lsp.get(cert)  # type: ignore[arg-type]
    assert view.stage is Stage.PORTFOLIO_SUBMITTED
    assert view.units_to_assess == ("U.001",)
    refused(
        world,
        cert,
        lambda: world.assign(cert),  # type: ignore[arg-type]
        RuleViolatedError,
        "R52",
    )
    world.assign(cert, world.second_assessor)  # type: ignore[arg-type]
    world.sign(cert)  # type: ignore[arg-type]
    world.verify(cert)  # type: ignore[arg-type]
    world.at(date(2024, 12, 5))
    world.lsp.record_interview(cert, actor=world.assessor_actor(world.second_assessor))  # type: ignore[arg-type]
    world.recommend(cert, {"U.001": "K"})  # type: ignore[arg-type]
    world.at(date(2024, 12, 6))
    world.lsp.decide(cert, outcome="K", actor=COMMITTEE)  # type: ignore[arg-type]
    view = world.lsp.get(cert)  # type: ignore[arg-type]
    assert view.stage is Stage.COMPETENT
    assert [u.verdict for u in view.units] == [Verdict.COMPETENT] * 3


# -- re-assessment (R54) --------------------------------------------------------------------


def test_r54_a_reassessment_covers_the_bk_units_and_carries_k_over(world: World) -> None:
    cert = world.failed(bk="U.002")
    candidate = world.candidate_actor(world.candidates[0])
    world.at(date(2025, 1, 10))
    refused(
        world,
        cert,
        lambda: world.lsp.request_reassessment(
            cert, entries=[{"unit": "U.001", "evidence": ["x"]}], actor=candidate
        ),
        RuleViolatedError,
        "R54",
    )
    world.lsp.request_reassessment(
        cert, entries=[{"unit": "U.002", "evidence": ["new"]}], actor=candidate
    )
    view = world.lsp.get(cert)
    assert (view.stage, view.attempt, view.units_to_assess) == (
        Stage.PORTFOLIO_SUBMITTED,
        2,
        ("U.002",),
    )
    assert [u.verdict for u in view.units] == [Verdict.COMPETENT, None, Verdict.COMPETENT]
    world.assign(cert)
    world.sign(cert)
    world.verify(cert)
    world.at(date(2025, 1, 20))
    world.lsp.record_interview(cert, actor=world.assessor_actor())  # no session date (R24)
    world.recommend(cert, {"U.002": "BK"})
    world.at(date(2025, 1, 21))
    world.lsp.decide(cert, outcome="BK", actor=COMMITTEE)
    world.at(date(2025, 2, 1))
    refused(
        world,
        cert,
        lambda: world.lsp.request_reassessment(
            cert, entries=[{"unit": "U.002", "evidence": ["x"]}], actor=candidate
        ),
        RuleViolatedError,
        "R54",
    )


def test_r54_k_units_past_the_carry_over_period_are_assessed_again(world: World) -> None:
    cert = world.failed(bk="U.002")
    world.at(date(2025, 12, 1))
    refused(
        world,
        cert,
        lambda: world.lsp.request_reassessment(
            cert,
            entries=[{"unit": "U.002", "evidence": ["x"]}],
            actor=world.candidate_actor(world.candidates[0]),
        ),
        RuleViolatedError,
        "R54",
    )


# -- after the certificate (R43-R47) --------------------------------------------------------


def test_r43_surveillance_restarts_the_interval(world: World) -> None:
    cert = world.through("distributed")
    view = world.lsp.get(cert)
    surveillance = next(d for d in view.deadlines if d.name == "surveillance")
    assert surveillance.due_on == date(2025, 11, 13)
    refused(
        world,
        cert,
        lambda: world.lsp.record_surveillance(cert, summary=" ", actor=MANAGER),
        RuleViolatedError,
        "R43",
    )
    world.at(date(2025, 10, 1))
    world.lsp.record_surveillance(cert, summary="logbook 2025 reviewed", actor=MANAGER)
    view = world.lsp.get(cert)
    surveillance = next(d for d in view.deadlines if d.name == "surveillance")
    assert surveillance.due_on == date(2026, 9, 30)
    world.at(date(2026, 10, 2))
    assert "surveillance" in world.lsp.get(cert).overdue


def test_r44_r45_suspension_with_listed_grounds_and_a_resolve_by_date(world: World) -> None:
    cert = world.through("distributed")
    world.at(date(2025, 3, 1))
    refused(
        world,
        cert,
        lambda: world.lsp.suspend(
            cert, grounds="rumour", resolve_by=date(2025, 4, 1), actor=COMMITTEE
        ),
        RuleViolatedError,
        "R45",
    )
    refused(
        world,
        cert,
        lambda: world.lsp.suspend(
            cert, grounds="criminal_suspect", resolve_by=date(2025, 2, 1), actor=COMMITTEE
        ),
        RuleViolatedError,
        "R44",
    )
    world.lsp.suspend(
        cert, grounds="criminal_suspect", resolve_by=date(2025, 6, 1), actor=COMMITTEE
    )
    assert world.lsp.get(cert).stage is Stage.SUSPENDED
    refused(
        world,
        cert,
        lambda: world.lsp.lift_suspension(cert, reason="", actor=COMMITTEE),
        RuleViolatedError,
        "R44",
    )
    world.lsp.lift_suspension(cert, reason="case dropped (SP3)", actor=COMMITTEE)
    assert world.lsp.get(cert).stage is Stage.DISTRIBUTED


def test_r45_revocation_cites_listed_grounds(world: World) -> None:
    cert = world.through("distributed")
    refused(
        world,
        cert,
        lambda: world.lsp.revoke(cert, grounds="dislike", actor=COMMITTEE),
        RuleViolatedError,
        "R45",
    )
    refused(
        world,
        cert,
        lambda: world.lsp.revoke(cert, grounds="ethics_breach", actor=ADMIN),
        NotAuthorizedError,
        None,
    )
    world.lsp.revoke(cert, grounds="ethics_breach", reason="plagiarised content", actor=COMMITTEE)
    assert world.lsp.get(cert).stage is Stage.REVOKED


def test_r46_only_time_expires_a_certificate(world: World) -> None:
    cert = world.through("distributed")
    from certflow.application import SYSTEM

    def expire_now() -> None:
        record = services_of(world.lsp).store.load(WorkflowAggregate, cert)
        record.expire(actor=SYSTEM, at=world.clock.now())

    refused(world, cert, expire_now, RuleViolatedError, "R46")
    assert world.lsp.sweep().moves == []


def test_the_sweep_closes_appeal_windows_revokes_and_expires_idempotently(world: World) -> None:
    failed = world.failed(0)
    held = world.through("distributed", 1)
    suspended = world.through("distributed", 2)
    world.at(date(2025, 1, 5))
    world.lsp.suspend(
        suspended, grounds="certificate_misuse", resolve_by=date(2025, 2, 1), actor=COMMITTEE
    )
    world.at(date(2025, 3, 1))
    report = world.lsp.sweep()
    assert sorted(t for _, t in report.moves) == ["close_appeal_window", "revoke"]
    assert world.lsp.get(failed).deadlines == ()
    revoked = world.lsp.get(suspended)
    assert (revoked.stage, revoked.revocation_grounds) == (Stage.REVOKED, "suspension_unresolved")
    assert world.lsp.history(suspended)[-1].actor_role == "system"
    assert world.lsp.sweep().moves == []
    world.at(date(2027, 11, 14))
    assert [t for _, t in world.lsp.sweep().moves] == ["expire"]
    assert world.lsp.get(held).stage is Stage.EXPIRED
    assert world.lsp.sweep().moves == []


def test_overdue_lists_every_deadline_past_due(world: World) -> None:
    printed = world.through("certificate_printed", 0)
    world.at(date(2024, 12, 10))
    (item,) = world.lsp.overdue()
    assert (item.certification_id, item.deadline, item.rule_id, item.days_late) == (
        printed,
        "distribution",
        "R41",
        2,
    )
    assert world.lsp.get(printed).deadlines[0].status is DeadlineStatus.MISSED


def test_r47_recertification_supersedes_the_old_cycle(world: World) -> None:
    old = world.through("distributed")
    lsp = world.lsp
    world.at(date(2027, 9, 1))
    lsp.renew_assessor_licence(world.assessor, valid_until=date(2030, 12, 31), actor=ADMIN)
    world.path.verify_tuk(
        "Polda Metro Jaya",
        [world.scheme, world.other_scheme],
        session_code="EUK-2027",
    )
    session = lsp.plan_session(
        code="EUK-2027",
        title="Recert",
        venue="Polda Metro Jaya",
        starts_on=date(2027, 10, 6),
        ends_on=date(2027, 10, 7),
        scheme_ids=[world.scheme, world.other_scheme],
        actor=ADMIN,
    )
    subject = world.candidates[0]
    with pytest.raises(RuleViolatedError) as missing:
        lsp.register(
            subject_id=subject,
            scheme_id=world.scheme,
            session_id=session,
            purpose="sertifikasi_ulang",
            actor=ADMIN,
        )
    assert missing.value.rule_ids == ("R47",)
    with pytest.raises(RuleViolatedError) as other_scheme:
        lsp.register(
            subject_id=subject,
            scheme_id=world.other_scheme,
            session_id=session,
            purpose="sertifikasi_ulang",
            previous_certification_id=old,
            actor=ADMIN,
        )
    assert other_scheme.value.rule_ids == ("R47",)
    recert = {
        "subject_id": subject,
        "scheme_id": world.scheme,
        "session_id": session,
        "purpose": "sertifikasi_ulang",
        "previous_certification_id": old,
        "actor": ADMIN,
    }
    with pytest.raises(RuleViolatedError) as unsurveilled:
        lsp.register(**recert, logbook=["LOGBOOK-2027-001"])
    assert unsurveilled.value.rule_ids == ("R47",)
    assert "new applicant" in str(unsurveilled.value)
    lsp.record_surveillance(old, summary="logbook 2025-2027 reviewed", actor=ADMIN)
    with pytest.raises(RuleViolatedError) as no_logbook:
        lsp.register(**recert)
    assert no_logbook.value.rule_ids == ("R47",)
    assert "logbook" in str(no_logbook.value)
    new = lsp.register(**recert, logbook=["LOGBOOK-2027-001"])
    assert lsp.get(new).previous_certification_id == old
    assert lsp.get(new).logbook_evidence == ("LOGBOOK-2027-001",)
    world.admit(new)
    world.submit(new)
    world.assign(new)
    world.sign(new)
    world.verify(new)
    world.at(date(2027, 10, 6))
    lsp.record_interview(new, actor=world.assessor_actor())
    world.recommend(new)
    world.at(date(2027, 10, 10))
    lsp.decide(new, outcome="K", actor=COMMITTEE)
    world.print(new, date(2027, 10, 20))
    world.distribute(new, date(2027, 10, 25))
    replaced = lsp.get(old)
    assert (replaced.stage, replaced.superseded_by) == (Stage.SUPERSEDED, new)


def test_r47_a_revoked_certificate_cannot_be_renewed(world: World) -> None:
    old = world.through("distributed")
    world.lsp.revoke(old, grounds="fraudulent_evidence", actor=COMMITTEE)
    world.path.verify_tuk("v", [world.scheme], session_code="EUK-2025")
    session = world.lsp.plan_session(
        code="EUK-2025",
        title="t",
        venue="v",
        starts_on=date(2025, 6, 2),
        ends_on=date(2025, 6, 3),
        scheme_ids=[world.scheme],
        actor=ADMIN,
    )
    with pytest.raises(RuleViolatedError) as caught:
        world.lsp.register(
            subject_id=world.candidates[0],
            scheme_id=world.scheme,
            session_id=session,
            purpose="sertifikasi_ulang",
            previous_certification_id=old,
            actor=ADMIN,
        )
    assert caught.value.rule_ids == ("R47",)
