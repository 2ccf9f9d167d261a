"""The leave request: an event-sourced record whose commands decide, then record."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID, uuid4

from certflow.engine import (
    Actor,
    InvalidInputError,
    WorkflowAggregate,
    WorkflowEvent,
    WorkflowStarted,
)

from leave.workflow import LEAVE, Decision, LeaveStage

__all__ = ["LeaveRequest"]


class LeaveRequest(WorkflowAggregate[LeaveStage]):
    """One employee's request for days of leave."""

    TOPIC = "leave/LeaveRequest"
    workflow = LEAVE

    if TYPE_CHECKING:  # set by the events' record(); kept out of the runtime class
        employee_id: str
        days: int
        first_day: date
        requested_on: date
        decided_by: str | None
        reason: str

    class Requested(WorkflowStarted):
        """An employee asked for leave."""

        TOPIC = "leave/LeaveRequest.Requested"
        employee_id: str
        days: int
        first_day: str
        """ISO date: events hold plain values, which every store encodes as they are."""

        def record(self, aggregate: Any) -> None:
            """The request's facts; the day it was made is the decision deadline's start."""
            aggregate.employee_id = self.employee_id
            aggregate.days = self.days
            aggregate.first_day = date.fromisoformat(self.first_day)
            aggregate.requested_on = self.at.date()
            aggregate.decided_by = None
            aggregate.reason = ""

    class Decided(WorkflowEvent):
        """A manager approved or rejected the request."""

        TOPIC = "leave/LeaveRequest.Decided"
        reason: str

        def record(self, aggregate: Any) -> None:
            """Who decided, and why (a rejection's reason; empty for an approval)."""
            aggregate.decided_by = self.actor_id
            aggregate.reason = self.reason

    class Closed(WorkflowEvent):
        """The request was cancelled, or lapsed undecided."""

        TOPIC = "leave/LeaveRequest.Closed"

    @classmethod
    def request(
        cls, *, days: int, first_day: date, actor: Actor, at: datetime, id: UUID | None = None
    ) -> LeaveRequest:
        """``actor`` asks for ``days`` days of leave from ``first_day``."""
        problems = []
        if days < 1:
            problems.append("days must be 1 or more")
        if first_day < at.date():
            problems.append(f"the first day {first_day} has passed")
        if problems:
            raise InvalidInputError(problems)
        return cls.start_move(
            cls.Requested,
            "request",
            id=id or uuid4(),
            actor=actor,
            at=at,
            employee_id=actor.id,
            days=days,
            first_day=first_day.isoformat(),
        )

    def approve(self, *, remaining_days: int, actor: Actor, at: datetime) -> None:
        """A manager approves, when the days fit in what is left (LV1, LV2, LV3)."""
        decision = self.decide_move("approve", actor, Decision(self, actor, remaining_days))
        self.record_move(self.Decided, decision, actor=actor, at=at, reason="")

    def reject(self, reason: str, *, actor: Actor, at: datetime) -> None:
        """A manager rejects, saying why (LV2, LV3)."""
        if not reason.strip():
            raise InvalidInputError(["a rejection needs a reason"])
        decision = self.decide_move("reject", actor, Decision(self, actor))
        self.record_move(self.Decided, decision, actor=actor, at=at, reason=reason.strip())

    def cancel(self, *, actor: Actor, at: datetime) -> None:
        """The employee who asked withdraws the request (LV5)."""
        decision = self.decide_move("cancel", actor, Decision(self, actor))
        self.record_move(self.Closed, decision, actor=actor, at=at)

    def lapse(self, *, actor: Actor, at: datetime) -> None:
        """The request lapses undecided (LV4); made by a deadline sweep."""
        self.record_move(self.Closed, self.decide_move("lapse", actor), actor=actor, at=at)

    @property
    def counts_against_allowance(self) -> bool:
        """Whether its days are taken from the employee's allowance."""
        return self.stage is LeaveStage.APPROVED
