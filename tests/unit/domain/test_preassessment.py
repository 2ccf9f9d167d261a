"""R7, R8, R23 and R29: the FR.APL.02 review, adjustments, the mode and the answer to the result.

Each refusal names its rule and records nothing; each accepted command records one event whose
outcome replay reproduces without deciding again.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from certflow import Actor, NotAuthorizedError, RuleViolatedError, Stage, Verdict
from certflow.bootstrap import services_of
from certflow.domain import (
    Adjustment,
    AdjustmentKind,
    AssessmentMethod,
    AssessmentMode,
    SchemePolicy,
)
from certflow.engine import TransitionNotAllowedError, WorkflowAggregate
from tests.support import ADMIN, CALENDAR, COMMITTEE, UNITS, World, refused


def _assigned(world: World, n: int = 0) -> tuple[UUID, Actor]:
    """A certification with its assessor assigned and nothing of the pre-assessment done."""
    cert = world.through("portfolio_submitted", n)
    world.path.assign_assessor(
        cert, assessor_id=world.assessor, at=CALENDAR.assign_assessor, prepare=False
    )
    return cert, world.assessor_actor()


# -- R7 ------------------------------------------------------------------------------------------


def test_r7_the_agreement_waits_for_a_proceed_review_by_the_assigned_assessor(
    world: World,
) -> None:
    cert, assessor = _assigned(world)
    lsp = world.lsp
    lsp.record_assessment_mode(cert, mode="on_site", actor=assessor)
    candidate = world.candidate_actor(world.candidates[0])
    error = refused(
        world,
        cert,
        lambda: lsp.sign_agreement(cert, appeal_process_explained=True, actor=candidate),
        RuleViolatedError,
        "R7",
    )
    assert "FR.APL.02" in str(error)
    lsp.review_self_assessment(cert, proceed=True, actor=assessor)
    view = lsp.get(cert)
    assert (view.apl02_proceed, view.apl02_reviewed_by) == (True, world.assessor)
    lsp.sign_agreement(cert, appeal_process_explained=True, actor=candidate)
    assert lsp.get(cert).agreement_signed_by == ("candidate",)
    mode, review, signed = lsp.history(cert)[-3:]
    assert (mode.event, mode.actor_role, mode.rules) == (
        "AssessmentModeRecorded",
        "assessor",
        ("R15", "R23"),
    )
    assert (review.event, review.rules, review.data["proceed"]) == (
        "SelfAssessmentReviewed",
        ("R15", "R7"),
        True,
    )
    assert signed.event == "AgreementSigned"
    assert {"R7", "R23"} <= set(signed.rules)


def test_r7_not_yet_defers_with_reasons_and_a_later_proceed_brings_it_back(world: World) -> None:
    cert, assessor = _assigned(world)
    lsp = world.lsp
    refused(
        world,
        cert,
        lambda: lsp.review_self_assessment(cert, proceed=False, reasons=" ", actor=assessor),
        RuleViolatedError,
        "R7",
    )
    lsp.review_self_assessment(cert, proceed=False, reasons="MI.2 evidence missing", actor=assessor)
    view = lsp.get(cert)
    assert view.stage is Stage.ASSESSMENT_DEFERRED
    assert (view.apl02_proceed, view.apl02_reasons) == (False, "MI.2 evidence missing")
    refused(
        world,
        cert,
        lambda: lsp.record_assessment_mode(cert, mode="on_site", actor=assessor),
        TransitionNotAllowedError,
        None,
    )
    lsp.review_self_assessment(cert, proceed=True, actor=assessor)
    assert lsp.get(cert).stage is Stage.PORTFOLIO_SUBMITTED
    replayed = services_of(lsp).store.load(WorkflowAggregate, cert)  # replay decides nothing
    assert replayed.stage_name == "portfolio_submitted"
    assert (replayed.state.apl02_proceed, replayed.state.apl02_reasons) == (True, "")


def test_r7_a_deferred_candidate_may_withdraw(world: World) -> None:
    cert, assessor = _assigned(world)
    world.lsp.review_self_assessment(cert, proceed=False, reasons="no evidence", actor=assessor)
    world.lsp.withdraw(cert, reason="not ready", actor=ADMIN)
    assert world.lsp.get(cert).stage is Stage.WITHDRAWN


def test_r7_a_replaced_assessor_reviews_afresh(world: World) -> None:
    cert, assessor = _assigned(world)
    world.lsp.review_self_assessment(cert, proceed=True, actor=assessor)
    world.lsp.record_assessment_mode(cert, mode="on_site", actor=assessor)
    other = world.second_assessor
    world.path.assign_assessor(cert, assessor_id=other, prepare=False)
    refused(
        world,
        cert,
        lambda: world.lsp.sign_agreement(cert, actor=world.assessor_actor(other)),
        RuleViolatedError,
        "R7",
    )


# -- R8 ------------------------------------------------------------------------------------------


def test_r8_adjustments_stay_within_the_units_and_the_schemes_methods(world: World) -> None:
    cert, assessor = _assigned(world)
    lsp = world.lsp
    lsp.record_adjustment(
        cert,
        adjustment={"kind": "extra_time", "arrangement": "30 menit", "units": [UNITS[0]]},
        actor=assessor,
    )
    lsp.record_adjustment(
        cert,
        adjustment=Adjustment(
            kind=AdjustmentKind.METHOD, arrangement="lisan", method=AssessmentMethod.INTERVIEW
        ),
        actor=assessor,
    )
    assert [a.kind for a in lsp.get(cert).adjustments] == [
        AdjustmentKind.EXTRA_TIME,
        AdjustmentKind.METHOD,
    ]
    for wrong, words in (
        ({"kind": "format", "arrangement": "cetak besar", "units": ["X.999"]}, "X.999"),
        ({"kind": "method", "arrangement": "observasi", "method": "observation"}, "observation"),
        ({"kind": "method", "arrangement": "tanpa metode"}, "-"),
        ({"kind": "format", "arrangement": "cetak", "method": "interview"}, "method"),
    ):
        error = refused(
            world,
            cert,
            lambda w=wrong: lsp.record_adjustment(cert, adjustment=w, actor=assessor),
            RuleViolatedError,
            "R8",
        )
        assert words in str(error)


def test_r8_no_adjustment_after_the_agreement_is_signed(world: World) -> None:
    cert = world.through("assigned")
    candidate = world.candidate_actor(world.candidates[0])
    world.lsp.sign_agreement(cert, appeal_process_explained=True, actor=candidate)
    refused(
        world,
        cert,
        lambda: world.lsp.record_adjustment(
            cert,
            adjustment={"kind": "extra_time", "arrangement": "30 menit"},
            actor=world.assessor_actor(),
        ),
        RuleViolatedError,
        "R8",
    )


def test_r8_only_the_assessor_records_an_adjustment(world: World) -> None:
    cert, _ = _assigned(world)
    refused(
        world,
        cert,
        lambda: world.lsp.record_adjustment(
            cert, adjustment={"kind": "extra_time", "arrangement": "30 menit"}, actor=ADMIN
        ),
        NotAuthorizedError,
        None,
    )


# -- R23 -----------------------------------------------------------------------------------------


def test_r23_remote_only_where_the_scheme_allows_it(world: World) -> None:
    assert SchemePolicy().remote_assessment_allowed is False  # not unless the scheme says so
    cert, assessor = _assigned(world)
    lsp = world.lsp
    error = refused(
        world,
        cert,
        lambda: lsp.record_assessment_mode(cert, mode=AssessmentMode.REMOTE, actor=assessor),
        RuleViolatedError,
        "R23",
    )
    assert "AJJ" in str(error)
    lsp.record_assessment_mode(cert, mode="on_site", actor=ADMIN)
    assert lsp.get(cert).assessment_mode is AssessmentMode.ON_SITE


def test_r23_the_agreement_waits_for_the_mode(world: World) -> None:
    cert, assessor = _assigned(world)
    world.lsp.review_self_assessment(cert, proceed=True, actor=assessor)
    refused(
        world,
        cert,
        lambda: world.lsp.sign_agreement(cert, actor=assessor),
        RuleViolatedError,
        "R23",
    )


# -- R29 -----------------------------------------------------------------------------------------


def test_r29_the_candidate_acknowledges_once_and_a_new_recommendation_asks_again(
    world: World,
) -> None:
    cert = world.through("interviewed")
    lsp = world.lsp
    candidate = world.candidate_actor(world.candidates[0])
    refused(
        world, cert, lambda: lsp.acknowledge_result(cert, actor=candidate), RuleViolatedError, "R29"
    )
    world.recommend(cert)
    lsp.acknowledge_result(cert, actor=candidate)
    assert lsp.get(cert).result_acknowledged is True
    refused(
        world,
        cert,
        lambda: lsp.reject_result(cert, reason="no", actor=candidate),
        RuleViolatedError,
        "R29",
    )
    world.at(date(2024, 11, 14))
    lsp.refer_back(cert, reason="crisis log thin", actor=COMMITTEE)
    lsp.record_further_evidence(cert, evidence=["log"], actor=world.assessor_actor())
    world.recommend(cert)
    assert lsp.get(cert).result_acknowledged is None  # the new result waits for an answer
    lsp.acknowledge_result(cert, actor=world.assessor_actor())  # from the signed FR.AK.02
    assert lsp.history(cert)[-1].actor_role == "assessor"


def test_r29_a_rejection_with_its_reason_then_an_appeal_the_same_day(world: World) -> None:
    cert = world.through("interviewed")
    lsp = world.lsp
    candidate = world.candidate_actor(world.candidates[0])
    world.recommend(cert, {u: "BK" if u == UNITS[0] else "K" for u in UNITS})
    refused(
        world,
        cert,
        lambda: lsp.reject_result(cert, reason=" ", actor=candidate),
        RuleViolatedError,
        "R29",
    )
    lsp.reject_result(cert, reason="interview too short", actor=candidate)
    view = lsp.get(cert)
    assert (view.result_acknowledged, view.result_rejection_reason) == (
        False,
        "interview too short",
    )
    entry = lsp.history(cert)[-1]
    assert (entry.event, entry.actor_role, entry.rules) == (
        "ResultRejected",
        "candidate",
        ("R15", "R29"),
    )
    assert entry.data["reason"] == "interview too short"
    world.decide(cert)
    assert lsp.get(cert).stage is Stage.NOT_YET_COMPETENT
    lsp.lodge_appeal(cert, reason="interview too short", actor=candidate)
    assert lsp.get(cert).stage is Stage.UNDER_APPEAL


def test_r29_another_candidate_cannot_answer(world: World) -> None:
    cert = world.through("interviewed")
    world.recommend(cert)
    other = world.candidate_actor(world.candidates[1])
    refused(
        world,
        cert,
        lambda: world.lsp.acknowledge_result(cert, actor=other),
        NotAuthorizedError,
        "P3",
    )
    assert world.lsp.get(cert).recommendation is Verdict.COMPETENT
