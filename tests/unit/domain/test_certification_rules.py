"""Every rule of the main path: the allowed case, and each refusal leaving the version unchanged."""

from __future__ import annotations

from datetime import date
from uuid import UUID

import pytest

from certflow import (
    Actor,
    AlreadyExistsError,
    CertificationBody,
    InvalidInputError,
    NotAuthorizedError,
    NotFoundError,
    Role,
    RuleViolatedError,
    Stage,
    TransitionNotAllowedError,
    Verdict,
)
from certflow.domain import DeadlineStatus
from tests.support import ADMIN, COMMITTEE, MANAGER, UNITS, World, refused

# -- registration -------------------------------------------------------------------------


def test_registration_records_scheme_policy_and_the_distribution_deadline(world: World) -> None:
    cert = world.register()
    view = world.lsp.get(cert)
    assert view.stage is Stage.REGISTERED
    assert view.version == 1
    assert view.policy.validity_months == 36
    assert view.policy.distribution_deadline_days == 30
    assert view.assessment_date == date(2024, 11, 8)
    assert view.deadlines[0].due_on == date(2024, 12, 8)
    assert view.deadlines[0].status is DeadlineStatus.OPEN


def test_r1_a_retired_scheme_cannot_be_registered_for(world: World) -> None:
    world.lsp.retire_scheme(world.scheme, actor=ADMIN)
    with pytest.raises(RuleViolatedError) as caught:
        world.register()
    assert caught.value.rule_ids == ("R1",)
    assert "retired" in str(caught.value)
    assert world.lsp.list_certifications() == []


def test_r1_the_session_must_offer_the_scheme(world: World, lsp: CertificationBody) -> None:
    third = lsp.add_scheme(
        code="SKM/OTHER", title="Other", units=[{"code": "X", "title": "X"}], actor=ADMIN
    )
    with pytest.raises(RuleViolatedError, match="does not offer") as caught:
        lsp.register(
            subject_id=world.candidates[0],
            scheme_id=third,
            session_id=world.session,
            actor=ADMIN,
        )
    assert caught.value.rule_ids == ("R1",)
    assert lsp.list_certifications() == []


def test_r1_no_registration_after_the_session_ended(world: World) -> None:
    world.at(date(2024, 11, 9))
    with pytest.raises(RuleViolatedError, match="ended") as caught:
        world.lsp.register(
            subject_id=world.candidates[0],
            scheme_id=world.scheme,
            session_id=world.session,
            actor=ADMIN,
        )
    assert caught.value.rule_ids == ("R1",)


def test_r2_the_candidate_must_be_on_file(world: World) -> None:
    with pytest.raises(RuleViolatedError) as caught:
        world.lsp.register(
            subject_id=UUID(int=7),
            scheme_id=world.scheme,
            session_id=world.session,
            actor=ADMIN,
        )
    assert caught.value.rule_ids == ("R2",)


def test_r2_the_purpose_must_be_a_known_one(world: World) -> None:
    with pytest.raises(InvalidInputError) as caught:
        world.lsp.register(
            subject_id=world.candidates[0],
            scheme_id=world.scheme,
            session_id=world.session,
            purpose="holiday",
            actor=ADMIN,
        )
    assert caught.value.rule_ids == ("R2",)
    assert "sertifikasi" in str(caught.value)


def test_r3_the_same_registration_twice_is_refused(world: World) -> None:
    cert = world.register()
    with pytest.raises(AlreadyExistsError) as caught:
        world.register()
    assert caught.value.rule_ids == ("R3",)
    assert world.lsp.get(cert).version == 1


def test_only_lsp_admin_or_the_candidate_registers(world: World) -> None:
    with pytest.raises(NotAuthorizedError) as caught:
        world.lsp.register(
            subject_id=world.candidates[0],
            scheme_id=world.scheme,
            session_id=world.session,
            actor=Actor("a-1", Role.ASSESSOR),
        )
    assert "lsp_admin" in str(caught.value)


def test_registering_for_an_unknown_scheme_is_not_found(world: World) -> None:
    with pytest.raises(NotFoundError):
        world.lsp.register(
            subject_id=world.candidates[0],
            scheme_id=UUID(int=1),
            session_id=world.session,
            actor=ADMIN,
        )


# -- portfolio (R6) -----------------------------------------------------------------------


def test_r6_a_portfolio_covering_every_unit_is_accepted(world: World) -> None:
    cert = world.through("portfolio_submitted")
    view = world.lsp.get(cert)
    assert view.stage is Stage.PORTFOLIO_SUBMITTED
    assert [u.claim for u in view.units] == [Verdict.COMPETENT] * len(UNITS)
    assert view.self_assessment[0].evidence == ("doc-U.001",)


@pytest.mark.parametrize(
    ("entries", "says"),
    [
        ([{"unit": "U.001", "evidence": ["d"]}, {"unit": "U.002", "evidence": ["d"]}], "U.003"),
        (
            [{"unit": u, "evidence": ["d"]} for u in (*UNITS, "U.999")],
            "not in the scheme",
        ),
        (
            [{"unit": u, "evidence": ["d"]} for u in (*UNITS, "U.001")],
            "more than once",
        ),
    ],
    ids=["a unit is missing", "an unknown unit", "a unit twice"],
)
def test_r6_an_incomplete_portfolio_is_refused(
    world: World, entries: list[dict[str, object]], says: str
) -> None:
    cert = world.through("admitted")
    error = refused(
        world,
        cert,
        lambda: world.lsp.submit_portfolio(
            cert, entries=entries, actor=world.candidate_actor(world.candidates[0])
        ),
        RuleViolatedError,
        "R6",
    )
    assert says in str(error)


def test_r6_every_entry_needs_evidence(world: World) -> None:
    cert = world.through("admitted")
    entries = [{"unit": u, "evidence": []} for u in UNITS]
    refused(
        world,
        cert,
        lambda: world.lsp.submit_portfolio(cert, entries=entries, actor=ADMIN),
        InvalidInputError,
        "R6",
    )


# -- assessor assignment (R9-R12) ----------------------------------------------------------


def test_assigning_a_licensed_assessor_keeps_the_stage(world: World) -> None:
    cert = world.through("assigned")
    view = world.lsp.get(cert)
    assert view.stage is Stage.PORTFOLIO_SUBMITTED
    assert view.assessor_id == world.assessor
    history = world.lsp.history(cert)
    # the main path then has the assessor review FR.APL.02 (R7) and record the mode (R23)
    assert [h.event for h in history[-3:]] == [
        "AssessorAssigned",
        "SelfAssessmentReviewed",
        "AssessmentModeRecorded",
    ]
    assert history[-3].rules == ("R9", "R10", "R11", "R12", "R52")


def test_r9_an_assessor_whose_licence_expires_before_the_assessment_is_refused(
    world: World,
) -> None:
    cert = world.through("portfolio_submitted")
    error = refused(
        world,
        cert,
        lambda: world.lsp.assign_assessor(
            cert,
            assessor_id=world.expired_assessor,
            declaration={"has_conflict": False},
            actor=MANAGER,
        ),
        RuleViolatedError,
        "R9",
    )
    assert "2024-11-01" in str(error)


def test_r9_a_renewed_licence_allows_the_assignment(world: World) -> None:
    cert = world.through("portfolio_submitted")
    world.lsp.renew_assessor_licence(
        world.expired_assessor, valid_until=date(2027, 1, 1), actor=ADMIN
    )
    world.assign(cert, world.expired_assessor)
    assert world.lsp.get(cert).assessor_id == world.expired_assessor


def test_r10_the_assessor_must_be_registered_for_the_scheme(world: World) -> None:
    cert = world.lsp.register(
        subject_id=world.candidates[0],
        scheme_id=world.other_scheme,
        session_id=world.session,
        actor=ADMIN,
    )
    world.admit(cert)
    world.submit(cert)
    refused(
        world,
        cert,
        lambda: world.lsp.assign_assessor(
            cert,
            assessor_id=world.assessor,
            declaration={"has_conflict": False},
            actor=MANAGER,
        ),
        RuleViolatedError,
        "R10",
    )
    world.assign(cert, world.second_assessor)


def test_r11_no_declaration_no_assignment(world: World) -> None:
    cert = world.through("portfolio_submitted")
    refused(
        world,
        cert,
        lambda: world.lsp.assign_assessor(
            cert, assessor_id=world.assessor, declaration=None, actor=MANAGER
        ),
        RuleViolatedError,
        "R11",
    )


def test_r12_a_declared_conflict_blocks_unless_mitigated(world: World) -> None:
    cert = world.through("portfolio_submitted")
    conflict = {"has_conflict": True, "details": "direct superior"}
    error = refused(
        world,
        cert,
        lambda: world.lsp.assign_assessor(
            cert, assessor_id=world.assessor, declaration=conflict, actor=MANAGER
        ),
        RuleViolatedError,
        "R12",
    )
    assert "direct superior" in str(error)
    world.lsp.assign_assessor(
        cert,
        assessor_id=world.assessor,
        declaration={**conflict, "mitigation": "second assessor observes"},
        actor=MANAGER,
    )
    assert world.lsp.history(cert)[-1].data["mitigation"] == "second assessor observes"


def test_several_rules_are_reported_together(world: World) -> None:
    cert = world.lsp.register(
        subject_id=world.candidates[0],
        scheme_id=world.other_scheme,
        session_id=world.session,
        actor=ADMIN,
    )
    world.admit(cert)
    world.submit(cert)
    error = refused(
        world,
        cert,
        lambda: world.lsp.assign_assessor(
            cert, assessor_id=world.expired_assessor, declaration=None, actor=MANAGER
        ),
        RuleViolatedError,
        None,
    )
    assert error.rule_ids == ("R9", "R10", "R11")


def test_only_the_certification_manager_or_head_assigns(world: World) -> None:
    cert = world.through("portfolio_submitted")
    refused(
        world,
        cert,
        lambda: world.lsp.assign_assessor(
            cert, assessor_id=world.assessor, declaration={"has_conflict": False}, actor=ADMIN
        ),
        NotAuthorizedError,
        None,
    )


# -- interview and recommendation (R15, R24, R26, R27) --------------------------------------


def test_the_assigned_assessor_records_the_interview_and_recommendation(world: World) -> None:
    cert = world.through("interviewed")
    view = world.lsp.get(cert)
    assert view.stage is Stage.INTERVIEWED
    assert view.interviewed_on == date(2024, 11, 7)
    assert view.recommendation is None
    world.recommend(cert)
    assert world.lsp.get(cert).recommendation is Verdict.COMPETENT


def test_r15_another_assessor_may_not_record_the_interview(world: World) -> None:
    cert = world.through("verified")
    world.at(date(2024, 11, 7))
    refused(
        world,
        cert,
        lambda: world.lsp.record_interview(cert, actor=world.assessor_actor(world.second_assessor)),
        RuleViolatedError,
        "R15",
    )


def test_r15_no_interview_before_an_assessor_is_assigned(world: World) -> None:
    cert = world.through("portfolio_submitted")
    world.at(date(2024, 11, 7))
    error = refused(
        world,
        cert,
        lambda: world.lsp.record_interview(cert, actor=world.assessor_actor()),
        RuleViolatedError,
        "R15",
    )
    assert "assign an assessor" in str(error)


def test_r24_the_interview_is_dated_within_the_session(world: World) -> None:
    cert = world.through("verified")
    world.at(date(2024, 11, 12))
    refused(
        world,
        cert,
        lambda: world.lsp.record_interview(cert, actor=world.assessor_actor()),
        RuleViolatedError,
        "R24",
    )


def test_only_an_assessor_records_an_interview(world: World) -> None:
    cert = world.through("verified")
    world.at(date(2024, 11, 7))
    as_admin = Actor(str(world.assessor), Role.LSP_ADMIN)
    refused(
        world,
        cert,
        lambda: world.lsp.record_interview(cert, actor=as_admin),
        NotAuthorizedError,
        None,
    )


def _recommend(world: World, cert: UUID, actor: Actor | None = None, **overrides: object):
    args: dict[str, object] = {
        "results": dict.fromkeys(UNITS, "K"),
        "recommendation": "K",
        "follow_up": "",
        "actor": actor or world.assessor_actor(),
    }
    args.update(overrides)
    return lambda: world.lsp.recommend(cert, **args)  # type: ignore[arg-type]


def test_r15_another_assessor_may_not_recommend(world: World) -> None:
    cert = world.through("interviewed")
    refused(
        world,
        cert,
        _recommend(world, cert, world.assessor_actor(world.second_assessor)),
        RuleViolatedError,
        "R15",
    )


def test_r26_every_unit_needs_k_or_bk(world: World) -> None:
    cert = world.through("interviewed")
    refused(world, cert, _recommend(world, cert, results={"U.001": "K"}), RuleViolatedError, "R26")


def test_r26_overall_k_with_a_bk_unit_is_refused(world: World) -> None:
    cert = world.through("interviewed")
    results = {"U.001": "K", "U.002": "BK", "U.003": "K"}
    error = refused(world, cert, _recommend(world, cert, results=results), RuleViolatedError, "R26")
    assert "U.002" in str(error)


def test_r26_overall_bk_when_every_unit_is_k_is_refused(world: World) -> None:
    cert = world.through("interviewed")
    refused(
        world,
        cert,
        _recommend(world, cert, recommendation="BK", follow_up="why"),
        RuleViolatedError,
        "R26",
    )


def test_r26_a_verdict_other_than_k_or_bk_is_invalid_input(world: World) -> None:
    cert = world.through("interviewed")
    refused(
        world,
        cert,
        _recommend(world, cert, results=dict.fromkeys(UNITS, "AL")),
        InvalidInputError,
        "R26",
    )


def test_r27_a_bk_recommendation_needs_follow_up(world: World) -> None:
    cert = world.through("interviewed")
    results = {"U.001": "K", "U.002": "BK", "U.003": "K"}
    refused(
        world,
        cert,
        _recommend(world, cert, results=results, recommendation="BK"),
        RuleViolatedError,
        "R27",
    )
    world.recommend(cert, results)
    assert world.lsp.get(cert).recommendation is Verdict.NOT_YET_COMPETENT


# -- decision (R31, R32, R34, R35) ---------------------------------------------------------


def test_the_committee_decides_competent(world: World) -> None:
    cert = world.through("competent")
    view = world.lsp.get(cert)
    assert view.stage is Stage.COMPETENT
    assert view.outcome is Verdict.COMPETENT
    assert view.decided_on == date(2024, 11, 14)


def test_a_bk_recommendation_leads_to_not_yet_competent(world: World) -> None:
    cert = world.failed()
    view = world.lsp.get(cert)
    assert view.stage is Stage.NOT_YET_COMPETENT
    assert [d.name for d in view.deadlines] == ["appeal_window"]
    assert view.appeal_window_ends_on == date(2024, 12, 14)


def test_r31_only_the_certification_committee_decides(world: World) -> None:
    cert = world.through("recommended")
    world.at(date(2024, 11, 14))
    for role in (Role.ASSESSOR, Role.LSP_ADMIN, Role.HEAD_OF_LSP, Role.CANDIDATE):
        error = refused(
            world,
            cert,
            lambda role=role: world.lsp.decide(cert, outcome="K", actor=Actor("x", role)),
            NotAuthorizedError,
            "R31",
        )
        assert "certification_committee" in str(error)


def test_r32_the_assessor_of_the_candidate_may_not_decide(world: World) -> None:
    cert = world.through("recommended")
    world.at(date(2024, 11, 14))
    world.appoint(world.assessor, Role.CERTIFICATION_COMMITTEE)
    as_committee = Actor(str(world.assessor), Role.CERTIFICATION_COMMITTEE)
    refused(
        world,
        cert,
        lambda: world.lsp.decide(cert, outcome="K", actor=as_committee),
        RuleViolatedError,
        "R32",
    )


def test_r32_a_replaced_assessor_may_not_decide_either(world: World) -> None:
    cert = world.through("assigned")
    world.assign(cert, world.second_assessor)
    for step in (world.sign, world.verify, world.interview, world.recommend):
        step(cert)
    world.at(date(2024, 11, 14))
    world.appoint(world.assessor, Role.CERTIFICATION_COMMITTEE)
    first = Actor(str(world.assessor), Role.CERTIFICATION_COMMITTEE)
    refused(
        world,
        cert,
        lambda: world.lsp.decide(cert, outcome="K", actor=first),
        RuleViolatedError,
        "R32",
    )


def test_r34_departing_from_the_recommendation_needs_a_justification(world: World) -> None:
    cert = world.through("recommended")
    world.at(date(2024, 11, 14))
    refused(
        world,
        cert,
        lambda: world.lsp.decide(cert, outcome="BK", actor=COMMITTEE),
        RuleViolatedError,
        "R34",
    )
    units = {u: ("BK" if i == 0 else "K") for i, u in enumerate(world.lsp.get(cert).unit_codes)}
    world.lsp.decide(
        cert,
        outcome="BK",
        justification="evidence found not authentic",
        unit_outcomes=units,
        actor=COMMITTEE,
    )
    view = world.lsp.get(cert)
    assert view.stage is Stage.NOT_YET_COMPETENT
    assert view.justification == "evidence found not authentic"


def test_r35_no_decision_dated_before_the_interview(world: World) -> None:
    cert = world.through("recommended")
    world.at(date(2024, 11, 6))
    refused(
        world,
        cert,
        lambda: world.lsp.decide(cert, outcome="K", actor=COMMITTEE),
        RuleViolatedError,
        "R35",
    )


def test_deciding_before_the_interview_is_not_allowed(world: World) -> None:
    cert = world.through("assigned")
    error = refused(
        world,
        cert,
        lambda: world.lsp.decide(cert, outcome="K", actor=COMMITTEE),
        TransitionNotAllowedError,
        None,
    )
    assert "cannot decide when portfolio_submitted" in str(error)


# -- certificate (R36-R38, R40, R41) -------------------------------------------------------


def test_printing_gives_a_number_and_three_years_of_validity(world: World) -> None:
    cert = world.through("certificate_printed")
    view = world.lsp.get(cert)
    assert view.stage is Stage.CERTIFICATE_PRINTED
    assert view.certificate_number == "SKM/TEST/1/00001/2024"
    assert view.valid_from == date(2024, 11, 14)
    assert view.valid_until == date(2027, 11, 13)
    assert world.lsp.history(cert)[-1].rules == ("R36", "R37", "R40", "R38")


def test_r36_no_certificate_for_not_yet_competent(world: World) -> None:
    cert = world.failed()
    world.at(date(2024, 11, 25))
    refused(
        world,
        cert,
        lambda: world.lsp.print_certificate(cert, actor=MANAGER),
        TransitionNotAllowedError,
        "R36",
    )


def test_r37_certificate_numbers_are_unique_and_sequential(world: World) -> None:
    numbers = [world.print(world.through("competent", n)) for n in range(3)]
    assert numbers == [f"SKM/TEST/1/{i:05d}/2024" for i in (1, 2, 3)]
    assert world.lsp.get_by_number(numbers[1]).subject_id == world.candidates[1]


def test_a_refused_print_does_not_use_up_a_number(world: World) -> None:
    first = world.through("competent", 0)
    world.at(date(2024, 11, 25))
    with pytest.raises(NotAuthorizedError):
        world.lsp.print_certificate(first, actor=ADMIN)
    assert world.print(first) == "SKM/TEST/1/00001/2024"


def test_r40_no_distribution_before_printing(world: World) -> None:
    cert = world.through("competent")
    refused(
        world,
        cert,
        lambda: world.lsp.distribute_certificate(cert, actor=ADMIN),
        TransitionNotAllowedError,
        "R40",
    )


def test_r41_distribution_within_the_deadline_is_met(world: World) -> None:
    cert = world.through("distributed")
    view = world.lsp.get(cert)
    assert view.stage is Stage.DISTRIBUTED
    assert view.deadlines[0].status is DeadlineStatus.MET
    last = world.lsp.history(cert)[-1]
    assert last.data["deadline_met"] is True
    assert last.data["days_after_assessment"] == 24
    assert "R41" in last.rules


def test_r41_a_late_distribution_is_recorded_as_missed(world: World) -> None:
    cert = world.through("certificate_printed")
    world.distribute(cert, date(2024, 12, 9))
    view = world.lsp.get(cert)
    assert view.deadlines[0].status is DeadlineStatus.MISSED
    assert world.lsp.history(cert)[-1].data["deadline_met"] is False


def test_r41_an_undistributed_certificate_becomes_overdue(world: World) -> None:
    cert = world.through("certificate_printed")
    world.at(date(2024, 12, 8))
    assert world.lsp.get(cert).overdue == ()
    world.at(date(2024, 12, 9))
    view = world.lsp.get(cert)
    assert view.overdue == ("distribution",)
    assert view.deadlines[0].status is DeadlineStatus.MISSED


def test_the_distribution_deadline_is_scheme_policy(lsp: CertificationBody, world: World) -> None:
    short = lsp.add_scheme(
        code="SKM/SHORT",
        title="Short",
        units=[{"code": u, "title": u} for u in UNITS],
        policy={"distribution_deadline_days": 14, "validity_months": 24},
        actor=ADMIN,
    )
    world.at(date(2024, 10, 14))
    world.path.verify_tuk("v", [short], session_code="EUK-2")
    session = lsp.plan_session(
        code="EUK-2",
        title="t",
        venue="v",
        starts_on=date(2024, 11, 6),
        ends_on=date(2024, 11, 8),
        scheme_ids=[short],
        actor=ADMIN,
    )
    world.scheme, world.session = short, session
    lsp.add_assessor(
        met_number="MET.9",
        name="Asesor Sembilan",
        scheme_codes=["SKM/SHORT"],
        licence_valid_until=date(2030, 1, 1),
        actor=ADMIN,
    )
    world.assessor = lsp.list_assessors()[-1].id
    cert = world.through("certificate_printed")
    view = lsp.get(cert)
    assert view.deadlines[0].due_on == date(2024, 11, 22)
    assert view.valid_until == date(2026, 11, 13)


def test_the_number_format_is_scheme_data(lsp: CertificationBody, world: World) -> None:
    lsp.lsp_code = "LSP-HG"
    code = lsp.add_scheme(
        code="SKM/FMT",
        title="Format",
        units=[{"code": u, "title": u} for u in UNITS],
        certificate_prefix="MI",
        number_format="{lsp}/{prefix}/{year}/{seq:04d}",
        actor=ADMIN,
    )
    with pytest.raises(InvalidInputError, match="needs seq and year"):
        lsp.add_scheme(
            code="SKM/BAD",
            title="Bad",
            units=[{"code": "U", "title": "U"}],
            number_format="{prefix}-{seq}",
            actor=ADMIN,
        )
    with pytest.raises(InvalidInputError):
        lsp.add_scheme(
            code="SKM/BAD",
            title="Bad",
            units=[{"code": "U", "title": "U"}],
            number_format="{nik}/{seq}/{year}",
            actor=ADMIN,
        )
    world.at(date(2024, 10, 14))
    world.path.verify_tuk("v", [code], session_code="EUK-FMT")
    session = lsp.plan_session(
        code="EUK-FMT",
        title="t",
        venue="v",
        starts_on=date(2024, 11, 6),
        ends_on=date(2024, 11, 8),
        scheme_ids=[code],
        actor=ADMIN,
    )
    lsp.add_assessor(
        met_number="MET.FMT",
        name="Asesor Format",
        scheme_codes=["SKM/FMT"],
        licence_valid_until=date(2030, 1, 1),
        actor=ADMIN,
    )
    world.scheme, world.session = code, session
    world.assessor = lsp.list_assessors()[-1].id
    cert = world.through("certificate_printed")
    assert lsp.get(cert).certificate_number == "LSP-HG/MI/2024/0001"
