"""The leave office: the use cases, on the engine's runtime and an injected clock."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from uuid import UUID

from certflow.engine import Actor, Clock, WorkflowEvent
from certflow.engine.runtime import ReplayReport, SweepResult, WorkflowRuntime, WorkflowStore

from leave.request import LeaveRequest
from leave.workflow import Role

__all__ = ["SWEEPER", "LeaveOffice"]

SWEEPER = Actor("leave-sweeper", Role.SYSTEM)
"""Who makes the moves time has made due."""

IN_MEMORY = {"PERSISTENCE_MODULE": "eventsourcing.popo"}


class LeaveOffice:
    """Requests, decisions, cancellations, the allowance and the deadline sweep.

    Args:
        clock: where every command reads the business time from.
        allowances: days of leave a year, per employee id.
        env: eventsourcing's environment for the store (default: in memory); e.g.
            ``{"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": "leave.db"}``.
        default_allowance: days for an employee not in ``allowances``.
    """

    def __init__(
        self,
        *,
        clock: Clock,
        allowances: Mapping[str, int] | None = None,
        env: Mapping[str, str] | None = None,
        default_allowance: int = 12,
    ) -> None:
        self.clock = clock
        self.allowances = dict(allowances or {})
        self.default_allowance = default_allowance
        self._store = WorkflowStore(env or IN_MEMORY, name="leave")
        self.requests: WorkflowRuntime[LeaveRequest] = self._store.runtime(LeaveRequest)

    # -- commands ------------------------------------------------------------------------

    def request(self, days: int, first_day: date, *, actor: Actor) -> UUID:
        """Record a request; return its id."""
        request = LeaveRequest.request(
            days=days, first_day=first_day, actor=actor, at=self.clock.now()
        )
        self.requests.save(request)
        return request.id

    def approve(self, request_id: UUID, *, actor: Actor) -> None:
        """Approve a request within what its employee has left."""
        request = self.requests.load(request_id)
        remaining = self.remaining_days(request.employee_id)
        request.approve(remaining_days=remaining, actor=actor, at=self.clock.now())
        self.requests.save(request)

    def reject(self, request_id: UUID, reason: str, *, actor: Actor) -> None:
        """Reject a request, saying why."""
        request = self.requests.load(request_id)
        request.reject(reason, actor=actor, at=self.clock.now())
        self.requests.save(request)

    def cancel(self, request_id: UUID, *, actor: Actor) -> None:
        """Withdraw a request (the employee who asked)."""
        request = self.requests.load(request_id)
        request.cancel(actor=actor, at=self.clock.now())
        self.requests.save(request)

    def sweep(self) -> SweepResult:
        """Lapse every request whose decision deadline has passed (idempotent)."""
        return self.requests.sweep(self._ids(), actor=SWEEPER, at=self.clock.now())

    # -- queries -------------------------------------------------------------------------

    def get(self, request_id: UUID) -> LeaveRequest:
        """The request as it stands."""
        return self.requests.load(request_id)

    def remaining_days(self, employee_id: str) -> int:
        """Days the employee has left: the allowance less every approved request."""
        allowance = self.allowances.get(employee_id, self.default_allowance)
        taken = sum(
            r.days
            for r in (self.requests.load(i) for i in self._ids())
            if r.employee_id == employee_id and r.counts_against_allowance
        )
        return allowance - taken

    def history(self, request_id: UUID) -> tuple[WorkflowEvent, ...]:
        """Every recorded move of a request, in order."""
        return self.requests.history(request_id)

    def audit(self) -> ReplayReport:
        """Check every recorded move against the definition it was recorded under."""
        return self.requests.replay_audit(self._ids())

    def close(self) -> None:
        """Release the store's connections."""
        self._store.close()

    def _ids(self) -> list[UUID]:
        return self.requests.ids(LeaveRequest.Requested.TOPIC)
