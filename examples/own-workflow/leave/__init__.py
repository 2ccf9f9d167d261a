"""Staff leave requests: a small workflow of its own, built on certflow's engine alone."""

from __future__ import annotations

from leave.office import SWEEPER, LeaveOffice
from leave.request import LeaveRequest
from leave.workflow import DECISION_DAYS, LEAVE, LeaveStage, Role

__all__ = ["DECISION_DAYS", "LEAVE", "SWEEPER", "LeaveOffice", "LeaveRequest", "LeaveStage", "Role"]
