"""The leave-request workflow as data: stages, roles, rules with ids and a deadline.

Rule ids (stable: they are stored in every recorded move):

- LV1: leave is approved only within the employee's remaining allowance.
- LV2: no one approves their own leave.
- LV3: only a manager decides a request.
- LV4: a manager decides within five days of the request; after that it lapses.
- LV5: only the employee who asked cancels a request.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from typing import TYPE_CHECKING

from certflow.engine import Actor, Deadline, Move, Workflow, rule

if TYPE_CHECKING:
    from leave.request import LeaveRequest

__all__ = ["DECISION_DAYS", "LEAVE", "Decision", "LeaveStage", "Role"]

DECISION_DAYS = 5
"""Days a manager has to decide a request (LV4)."""


class LeaveStage(Enum):
    """Where a leave request stands."""

    REQUESTED = "requested"
    APPROVED = "approved"
    REJECTED = "rejected"
    CANCELLED = "cancelled"
    LAPSED = "lapsed"


class Role(Enum):
    """The roles that act on leave requests."""

    EMPLOYEE = "employee"
    MANAGER = "manager"
    SYSTEM = "system"


@dataclass(frozen=True)
class Decision:
    """What the rules of a decision or a cancellation read."""

    request: LeaveRequest
    actor: Actor
    remaining_days: int = 0


@rule("LV1", "Leave is approved only within the employee's remaining allowance.")
def within_allowance(ctx: Decision) -> str | None:
    if ctx.request.days <= ctx.remaining_days:
        return None
    return (
        f"{ctx.request.days} days asked, {ctx.remaining_days} left this year; "
        "ask the employee to shorten the request"
    )


@rule("LV2", "No one approves their own leave.")
def not_own_request(ctx: Decision) -> str | None:
    if ctx.actor.id != ctx.request.employee_id:
        return None
    return "this is your own request; ask another manager to decide it"


@rule("LV5", "Only the employee who asked cancels a request.")
def own_request(ctx: Decision) -> str | None:
    if ctx.actor.id == ctx.request.employee_id:
        return None
    return "only the employee who asked may cancel this request"


def decision_due(request: LeaveRequest) -> date | None:
    """When a manager must have decided (LV4); only while the request waits."""
    if request.stage is not LeaveStage.REQUESTED:
        return None
    return request.requested_on + timedelta(days=DECISION_DAYS)


LEAVE: Workflow[LeaveStage] = Workflow(
    "leave-request",
    version=1,
    stages=LeaveStage,
    initial=LeaveStage.REQUESTED,
    final=[LeaveStage.REJECTED, LeaveStage.CANCELLED, LeaveStage.LAPSED],
    moves=[
        Move(
            "request",
            source=None,
            dest=LeaveStage.REQUESTED,
            roles=[Role.EMPLOYEE, Role.MANAGER],
            description="An employee asks for days of leave.",
        ),
        Move(
            "approve",
            source=LeaveStage.REQUESTED,
            dest=LeaveStage.APPROVED,
            roles=[Role.MANAGER],
            role_rule="LV3",
            rules=[not_own_request, within_allowance],
            description="A manager approves the request.",
        ),
        Move(
            "reject",
            source=LeaveStage.REQUESTED,
            dest=LeaveStage.REJECTED,
            roles=[Role.MANAGER],
            role_rule="LV3",
            rules=[not_own_request],
            description="A manager rejects the request, with a reason.",
        ),
        Move(
            "cancel",
            source=[LeaveStage.REQUESTED, LeaveStage.APPROVED],
            dest=LeaveStage.CANCELLED,
            roles=[Role.EMPLOYEE, Role.MANAGER],
            rules=[own_request],
            description="The employee withdraws the request, before or after approval.",
        ),
        Move(
            "lapse",
            source=LeaveStage.REQUESTED,
            dest=LeaveStage.LAPSED,
            roles=[Role.SYSTEM],
            applies=["LV4"],
            description="An undecided request lapses when its decision deadline has passed.",
        ),
    ],
    deadlines=[
        Deadline(
            "decision",
            rule_id="LV4",
            due=decision_due,
            on_due="lapse",
            description="A manager decides within five days of the request.",
        ),
    ],
)
