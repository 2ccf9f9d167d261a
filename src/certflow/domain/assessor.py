"""The assessor register (asesor kompetensi): MET registration, schemes and licence validity."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING, Any
from uuid import UUID, uuid5

from certflow.domain.values import Role
from certflow.engine import Actor, Move, Workflow, WorkflowAggregate, WorkflowEvent, WorkflowStarted

__all__ = [
    "ASSESSOR_WORKFLOW",
    "Assessor",
    "AssessorDay",
    "AssessorStatus",
    "assessor_day_id",
    "assessor_id",
]

_NAMESPACE = UUID("0c6c1f0e-93a4-4b8e-8f55-3d1f7a0b6e21")

_DATA_ROLES = (Role.LSP_ADMIN, Role.CERTIFICATION_MANAGER, Role.HEAD_OF_LSP)


def assessor_id(met_number: str) -> UUID:
    """The deterministic id of the assessor holding a MET registration number."""
    return uuid5(_NAMESPACE, f"assessor:{' '.join(met_number.split()).upper()}")


class AssessorStatus(Enum):
    """An assessor in the register."""

    REGISTERED = "registered"


ASSESSOR_WORKFLOW: Workflow[AssessorStatus] = Workflow(
    "assessor",
    version=1,
    stages=AssessorStatus,
    initial=AssessorStatus.REGISTERED,
    moves=[
        Move("add_assessor", source=None, dest=AssessorStatus.REGISTERED, roles=_DATA_ROLES),
        Move("renew_licence", source=AssessorStatus.REGISTERED, roles=_DATA_ROLES),
    ],
)


class Assessor(WorkflowAggregate[AssessorStatus]):
    """A licensed competency assessor. The person's name lives in the subject store only."""

    TOPIC = "certflow/Assessor"
    workflow = ASSESSOR_WORKFLOW

    class Added(WorkflowStarted):
        """An assessor was added to the LSP's register."""

        TOPIC = "certflow/Assessor.Added"
        met_number: str
        scheme_codes: list[str]
        licence_valid_until: date

        def record(self, aggregate: Any) -> None:
            """Copy the registration."""
            aggregate.met_number = self.met_number
            aggregate.scheme_codes = list(self.scheme_codes)
            aggregate.licence_valid_until = self.licence_valid_until

    class LicenceRenewed(WorkflowEvent):
        """The assessor's licence was renewed (e.g. after RCC)."""

        TOPIC = "certflow/Assessor.LicenceRenewed"
        licence_valid_until: date

        def record(self, aggregate: Any) -> None:
            """Set the new expiry."""
            aggregate.licence_valid_until = self.licence_valid_until

    if TYPE_CHECKING:  # set by the events; declared here for type checkers and readers
        met_number: str
        scheme_codes: list[str]
        licence_valid_until: date

    @classmethod
    def add(
        cls,
        *,
        met_number: str,
        scheme_codes: list[str],
        licence_valid_until: date,
        actor: Actor,
        at: datetime,
    ) -> Assessor:
        """Add an assessor to the register."""
        return cls.start_move(
            cls.Added,
            "add_assessor",
            id=assessor_id(met_number),
            actor=actor,
            at=at,
            met_number=" ".join(met_number.split()),
            scheme_codes=list(dict.fromkeys(scheme_codes)),
            licence_valid_until=licence_valid_until,
        )

    def renew_licence(self, valid_until: date, *, actor: Actor, at: datetime) -> None:
        """Record a renewed licence."""
        decision = self.decide_move("renew_licence", actor)
        self.record_move(
            self.LicenceRenewed, decision, actor=actor, at=at, licence_valid_until=valid_until
        )

    def licensed_on(self, day: date) -> bool:
        """Whether the licence is valid on ``day``."""
        return day <= self.licence_valid_until

    def covers(self, scheme_code: str) -> bool:
        """Whether the assessor is registered for the scheme (any version)."""
        return scheme_code in self.scheme_codes


class _Day(Enum):
    OPEN = "open"


DAY_WORKFLOW: Workflow[_Day] = Workflow(
    "assessor_day",
    version=1,
    stages=_Day,
    initial=_Day.OPEN,
    moves=[
        Move("open_day", source=None, dest=_Day.OPEN, roles=(Role.ASSESSOR,)),
        Move("count_interview", source=_Day.OPEN, roles=(Role.ASSESSOR,)),
    ],
)


def assessor_day_id(assessor: UUID, day: date) -> UUID:
    """The id of one assessor's working day."""
    return uuid5(_NAMESPACE, f"assessor-day:{assessor}:{day.isoformat()}")


class AssessorDay(WorkflowAggregate[_Day]):
    """The interviews one assessor held on one day, counted in the store (R14).

    It is saved in the same transaction as each interview, so two interviews recorded at the
    same time cannot both slip under the daily limit.
    """

    TOPIC = "certflow/AssessorDay"
    workflow = DAY_WORKFLOW

    class Opened(WorkflowStarted):
        """An assessor's working day was opened."""

        TOPIC = "certflow/AssessorDay.Opened"
        assessor_id: UUID
        day: date

        def record(self, aggregate: Any) -> None:
            """Start counting."""
            aggregate.assessor_id = self.assessor_id
            aggregate.day = self.day
            aggregate.certifications = []

    class InterviewCounted(WorkflowEvent):
        """An interview of that day was counted."""

        TOPIC = "certflow/AssessorDay.InterviewCounted"
        certification_id: UUID

        def record(self, aggregate: Any) -> None:
            """Count it."""
            aggregate.certifications = [*aggregate.certifications, self.certification_id]

    if TYPE_CHECKING:  # set by the events; declared here for type checkers and readers
        assessor_id: UUID
        day: date
        certifications: list[UUID]

    @classmethod
    def open(cls, assessor: UUID, day: date, *, actor: Actor, at: datetime) -> AssessorDay:
        """Open the day's count."""
        return cls.start_move(
            cls.Opened,
            "open_day",
            id=assessor_day_id(assessor, day),
            actor=actor,
            at=at,
            assessor_id=assessor,
            day=day,
        )

    def count(self, certification_id: UUID, *, actor: Actor, at: datetime) -> None:
        """Count one interview."""
        decision = self.decide_move("count_interview", actor)
        self.record_move(
            self.InterviewCounted, decision, actor=actor, at=at, certification_id=certification_id
        )
