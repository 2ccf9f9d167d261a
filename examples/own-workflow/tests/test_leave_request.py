"""The leave request's rules, one at a time, with certflow.engine.testing."""

from __future__ import annotations

from datetime import UTC, date, timedelta

import pytest
from certflow.engine import (
    Actor,
    InvalidInputError,
    NotAuthorizedError,
    RuleViolatedError,
    TransitionNotAllowedError,
)
from certflow.engine.testing import expect_refusal, fixed_clock, given_history, past

from leave import LEAVE, SWEEPER, LeaveOffice, LeaveRequest, LeaveStage

SARI = Actor("sari", "employee")
BUDI = Actor("budi", "manager")
RINA = Actor("rina", "manager")
CLOCK = fixed_clock("2024-11-04T09:00", tz=UTC)
NOW = CLOCK.now()


def _requested(days: int = 3, employee: Actor = SARI) -> LeaveRequest:
    return given_history(
        LeaveRequest,
        past(
            LeaveRequest.Requested,
            "request",
            actor=employee,
            employee_id=employee.id,
            days=days,
            first_day="2024-11-18",
        ),
        at=NOW,
    )


def test_a_manager_approves_within_the_allowance() -> None:
    request = _requested(days=3)
    request.approve(remaining_days=3, actor=BUDI, at=NOW)
    assert request.stage is LeaveStage.APPROVED
    assert request.decided_by == "budi"
    (event,) = request.collect_events()
    assert event.rules == ["LV3", "LV2", "LV1"]


def test_more_days_than_are_left_are_refused() -> None:
    request = _requested(days=4)
    with expect_refusal(request, RuleViolatedError, rules=["LV1"]) as refusal:
        request.approve(remaining_days=3, actor=BUDI, at=NOW)
    assert "4 days asked, 3 left" in str(refusal.error)


def test_no_one_approves_their_own_leave() -> None:
    request = _requested(employee=Actor("budi", "manager"))
    with expect_refusal(request, RuleViolatedError, rules=["LV2"]):
        request.approve(remaining_days=12, actor=BUDI, at=NOW)
    with expect_refusal(request, rules=["LV2"]):
        request.reject("no", actor=BUDI, at=NOW)
    request.approve(remaining_days=12, actor=RINA, at=NOW)


def test_only_a_manager_decides() -> None:
    request = _requested()
    with expect_refusal(request, NotAuthorizedError, rules=["LV3"]):
        request.approve(remaining_days=12, actor=Actor("dewi", "employee"), at=NOW)


def test_only_the_employee_who_asked_cancels() -> None:
    request = _requested()
    with expect_refusal(request, RuleViolatedError, rules=["LV5"]):
        request.cancel(actor=BUDI, at=NOW)
    request.cancel(actor=SARI, at=NOW)
    assert request.stage is LeaveStage.CANCELLED


def test_a_decided_request_is_not_decided_again() -> None:
    rejected = given_history(
        LeaveRequest,
        past(LeaveRequest.Requested, "request", employee_id="sari", days=2, first_day="2024-11-18"),
        past(LeaveRequest.Decided, "reject", actor=BUDI, reason="year-end closing"),
        at=NOW,
    )
    assert (rejected.stage, rejected.reason) == (LeaveStage.REJECTED, "year-end closing")
    with expect_refusal(rejected, TransitionNotAllowedError):
        rejected.approve(remaining_days=12, actor=RINA, at=NOW)
    with expect_refusal(rejected, TransitionNotAllowedError):
        rejected.cancel(actor=SARI, at=NOW)


def test_a_malformed_request_is_refused_before_any_rule() -> None:
    with expect_refusal(error=InvalidInputError):
        LeaveRequest.request(days=0, first_day=date(2024, 11, 18), actor=SARI, at=NOW)
    with expect_refusal(error=InvalidInputError):
        LeaveRequest.request(days=2, first_day=date(2024, 11, 1), actor=SARI, at=NOW)
    with pytest.raises(InvalidInputError):
        _requested().reject("  ", actor=BUDI, at=NOW)


def test_the_decision_deadline_lapses_an_undecided_request_once() -> None:
    request = _requested()
    (deadline,) = request.deadlines(NOW.date())
    assert (deadline.name, deadline.rule_id, deadline.due_on) == (
        "decision",
        "LV4",
        date(2024, 11, 9),
    )
    assert request.sweep(actor=SWEEPER, at=NOW + timedelta(days=5)) == []
    assert request.sweep(actor=SWEEPER, at=NOW + timedelta(days=6)) == ["lapse"]
    assert request.stage is LeaveStage.LAPSED
    assert request.sweep(actor=SWEEPER, at=NOW + timedelta(days=7)) == []
    assert request.deadlines(NOW.date() + timedelta(days=7)) == ()


def test_the_office_stores_and_replays_on_sqlite(tmp_path: object) -> None:
    env = {"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": f"{tmp_path}/leave.db"}
    clock = fixed_clock("2024-11-04", tz=UTC)
    office = LeaveOffice(clock=clock, env=env, allowances={"sari": 5})
    request_id = office.request(3, date(2024, 11, 18), actor=SARI)
    office.approve(request_id, actor=BUDI)
    office.close()
    reopened = LeaveOffice(clock=clock, env=env, allowances={"sari": 5})
    assert reopened.get(request_id).stage is LeaveStage.APPROVED
    assert reopened.remaining_days("sari") == 2
    assert reopened.requests.state_at(request_id, version=1).stage is LeaveStage.REQUESTED
    assert reopened.audit().clean
    reopened.close()


def test_the_workflow_draws_itself() -> None:
    diagram = LEAVE.to_mermaid()
    assert "requested --> approved: approve" in diagram
    assert "requested --> lapsed: lapse" in diagram
