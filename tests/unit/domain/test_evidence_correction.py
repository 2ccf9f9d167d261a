"""R25: instrument evidence is immutable; a correction is a new event naming the original.

A correction of the FR.IA.08 verification records ``EvidenceCorrected`` with the version it
corrects; the verification stays in the history as it was, the latest correction gives the
VATM outcome, and replay reproduces it without deciding again. Every refusal names its rule
and records nothing.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from certflow import NotAuthorizedError, RuleViolatedError, Stage
from certflow.domain.instrument_events import VATM, vatm_of
from certflow.engine import InvalidInputError, TransitionNotAllowedError
from tests.support import COMMITTEE, UNITS, World, refused


def _checks(weak: str = "", units: tuple[str, ...] = UNITS) -> list[dict[str, Any]]:
    return [
        {"unit": u, "evidence": f"{u}-doc", **dict.fromkeys(VATM, True), "sufficient": u != weak}
        for u in units
    ]


def _verified(world: World, stage: str = "verified") -> tuple[UUID, int]:
    cert = world.through(stage)
    (verified,) = world.lsp.history(cert, events=["PortfolioVerified"])
    return cert, verified.version


def _correct(world: World, cert: UUID, corrects: int, **given: Any) -> None:
    world.lsp.correct_portfolio_verification(
        cert,
        corrects=corrects,
        checks=given.get("checks", _checks("U.002")),
        reason=given.get("reason", "U.002 certificate expired"),
        actor=given.get("actor", world.assessor_actor()),
    )


def test_vatm_of_a_unit_holds_when_every_item_checked_for_it_does() -> None:
    checks = [*_checks(), {**_checks()[1], "evidence": "more", "current": False}]
    assert vatm_of(checks) == {"U.001": True, "U.002": False, "U.003": True}


def test_a_correction_is_a_new_event_and_the_verification_stays_as_it_was(world: World) -> None:
    cert, verified = _verified(world)
    before = world.lsp.history(cert, events=["PortfolioVerified"])
    _correct(world, cert, verified)
    view = world.lsp.get(cert)
    assert dict(view.vatm) == {"U.001": True, "U.002": False, "U.003": True}
    assert view.instrument_versions == (verified, view.version)
    assert world.lsp.history(cert, events=["PortfolioVerified"]) == before
    last = world.lsp.history(cert)[-1]
    assert (last.event, last.actor_role) == ("EvidenceCorrected", "assessor")
    assert set(last.rules) == {"R15", "R25"}
    assert last.data["corrects"] == verified
    assert last.data["reason"] == "U.002 certificate expired"
    # replay reproduces the corrected outcome; the state before it had the original's
    assert dict(world.lsp.state_at(cert, version=verified).vatm) == dict.fromkeys(UNITS, True)
    assert world.lsp.state_at(cert, version=view.version).vatm == view.vatm


def test_a_correction_may_correct_an_earlier_correction_and_the_latest_wins(
    world: World,
) -> None:
    cert, verified = _verified(world, "interviewed")
    _correct(world, cert, verified)
    first = world.lsp.get(cert).version
    _correct(world, cert, first, checks=_checks(), reason="the certificate is still valid")
    view = world.lsp.get(cert)
    assert dict(view.vatm) == dict.fromkeys(UNITS, True)
    assert view.stage is Stage.INTERVIEWED
    assert [h.data["corrects"] for h in world.lsp.history(cert, events=["EvidenceCorrected"])] == [
        verified,
        first,
    ]


def test_a_version_that_is_no_instrument_event_of_this_record_is_refused(world: World) -> None:
    cert, verified = _verified(world)
    for version in (1, verified - 1, verified + 1, 0, -3):
        error = refused(
            world, cert, lambda v=version: _correct(world, cert, v), RuleViolatedError, "R25"
        )
        assert f"version {version} is not a portfolio verification" in str(error)
    other, _ = _verified_of(world, 1)
    # the version of another record's verification is not this record's
    refused(world, other, lambda: _correct(world, other, 99), RuleViolatedError, "R25")


def _verified_of(world: World, n: int) -> tuple[UUID, int]:
    cert = world.through("verified", n)
    (verified,) = world.lsp.history(cert, events=["PortfolioVerified"])
    return cert, verified.version


def test_a_correction_without_a_reason_or_missing_a_unit_is_refused(world: World) -> None:
    cert, verified = _verified(world)
    refused(
        world, cert, lambda: _correct(world, cert, verified, reason="  "), RuleViolatedError, "R25"
    )
    short = _checks(units=("U.001", "U.002"))
    error = refused(
        world, cert, lambda: _correct(world, cert, verified, checks=short), RuleViolatedError, "R25"
    )
    assert "U.003" in str(error)
    outside = [*_checks(), {**_checks()[0], "unit": "X.9"}]
    refused(
        world,
        cert,
        lambda: _correct(world, cert, verified, checks=outside),
        RuleViolatedError,
        "R25",
    )
    malformed = [{"unit": "U.001", "evidence": "d"}]
    refused(
        world,
        cert,
        lambda: _correct(world, cert, verified, checks=malformed),
        InvalidInputError,
        "R25",
    )


def test_after_the_recommendation_the_case_is_referred_back_first(world: World) -> None:
    cert, verified = _verified(world, "interviewed")
    world.recommend(cert)
    error = refused(world, cert, lambda: _correct(world, cert, verified), RuleViolatedError, "R25")
    assert "refers the case back" in str(error)
    world.lsp.refer_back(cert, reason="U.002 evidence doubtful", actor=COMMITTEE)
    _correct(world, cert, verified)
    assert world.lsp.get(cert).vatm["U.002"] is False


def test_after_the_decision_no_correction_is_recorded(world: World) -> None:
    cert, verified = _verified(world, "competent")
    refused(world, cert, lambda: _correct(world, cert, verified), TransitionNotAllowedError, "R25")


def test_only_the_assigned_assessor_corrects(world: World) -> None:
    cert, verified = _verified(world)
    other = world.assessor_actor(world.second_assessor)
    refused(
        world, cert, lambda: _correct(world, cert, verified, actor=other), RuleViolatedError, "R15"
    )
    candidate = world.candidate_actor(world.candidates[0])
    refused(
        world,
        cert,
        lambda: _correct(world, cert, verified, actor=candidate),
        NotAuthorizedError,
        None,
    )


def test_a_new_assessor_cannot_correct_the_verification_their_assignment_voided(
    world: World,
) -> None:
    cert, verified = _verified(world)
    world.assign(cert, world.second_assessor)
    assert world.lsp.get(cert).instrument_versions == ()
    refused(
        world,
        cert,
        lambda: _correct(world, cert, verified, actor=world.assessor_actor(world.second_assessor)),
        RuleViolatedError,
        "R25",
    )
