"""What the read models answer: the results of the board, register, deadline and workload queries.

Frozen pydantic models, built by :class:`~certflow.application.readmodels.queries.ReadModels` from
the rows of a :class:`~certflow.application.ports.ViewStore`; a caller never sees a view row.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from pydantic import BaseModel, ConfigDict

from certflow.application.views import CertificationSummary
from certflow.domain import Stage

__all__ = [
    "CasePage",
    "DeadlineBoard",
    "DeadlineEntry",
    "OverdueItem",
    "ProjectionStatus",
    "RegisterEntry",
    "StageCount",
    "WorkloadEntry",
]

_FROZEN = ConfigDict(frozen=True)


class ProjectionStatus(BaseModel):
    """Where one read model stands against the head of the notification log."""

    model_config = _FROZEN

    view: str
    position: int
    """The last notification id applied to the view (0: none yet)."""
    head: int
    """The last notification id in the store."""

    @property
    def behind(self) -> int:
        """Notification ids not yet applied (0: up to date)."""
        return max(self.head - self.position, 0)


class StageCount(BaseModel):
    """How many certifications of one scheme and session are at one stage."""

    model_config = _FROZEN

    stage: Stage
    scheme_code: str
    session_id: UUID
    count: int


class RegisterEntry(BaseModel):
    """One certificate in the register: no NIK, no name, no assessment details."""

    model_config = _FROZEN

    certificate_number: str
    certification_id: UUID
    subject_id: UUID
    """The holder's pseudonymous id."""
    scheme_code: str
    status: str
    """valid, suspended, revoked, expired or superseded, as of the query's day: a valid
    certificate past its last valid day reads expired even before a sweep records it."""
    valid_from: date
    valid_until: date
    copy_number: int
    registration_number: str | None


class DeadlineEntry(BaseModel):
    """A deadline of one certification, as recorded (due date, and when it was met)."""

    model_config = _FROZEN

    certification_id: UUID
    deadline: str
    rule_id: str
    due_on: date
    met_on: date | None
    on_due: str | None
    stage: Stage
    scheme_code: str


class OverdueItem(BaseModel):
    """A deadline not met and past its due date."""

    model_config = _FROZEN

    certification_id: UUID
    deadline: str
    rule_id: str
    due_on: date
    days_late: int
    stage: Stage


class DeadlineBoard(BaseModel):
    """What needs attention as of ``today``."""

    model_config = _FROZEN

    today: date
    distributions_overdue: tuple[DeadlineEntry, ...]
    """Certificates not handed over within the scheme's deadline (R41)."""
    certificates_expiring: tuple[DeadlineEntry, ...]
    """Certificates whose last valid day falls within the window (R46)."""
    appeals_awaiting_decision: tuple[DeadlineEntry, ...]
    """Appeals lodged and not yet decided, earliest due first (R50)."""


class WorkloadEntry(BaseModel):
    """Candidates one assessor has on one day (interviews held, or planned for the session)."""

    model_config = _FROZEN

    assessor_id: UUID
    day: date
    candidates: int
    held: int
    """Of those, interviews already recorded."""


class CasePage(BaseModel):
    """One keyset page of the case board (:meth:`ReadModels.certification_page`)."""

    model_config = _FROZEN

    items: tuple[CertificationSummary, ...]
    after: int | None
    """The key to pass for the next page; ``None`` on the last page."""
