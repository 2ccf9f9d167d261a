"""A data subject's rights under UU PDP: erasure requested, carried out, or deferred by law.

The personal data itself never enters an event; these events record only that a request was
made and what became of it (R59), so the history replays whether or not the data still exists.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING, Any
from uuid import UUID

from certflow.domain.values import Role
from certflow.engine import (
    Actor,
    Move,
    Text,
    Workflow,
    WorkflowAggregate,
    WorkflowEvent,
    WorkflowStarted,
    rule,
)

__all__ = ["SUBJECT_WORKFLOW", "Subject", "SubjectStatus"]

_DPO = (Role.DATA_PROTECTION_OFFICER, Role.LSP_ADMIN, Role.HEAD_OF_LSP)
"""Who handles data-subject requests for the LSP (its data protection officer's roles)."""


class SubjectStatus(Enum):
    """Where a data subject's erasure request stands."""

    ERASURE_REQUESTED = "erasure_requested"
    ERASURE_DEFERRED = "erasure_deferred"
    ERASED = "erased"


@rule(
    "R59",
    Text(
        "An erasure request is carried out, or deferred with a legal "
        "basis and a retain-until date.",
    ),
)
def erasure_answered(ctx: dict[str, Any]) -> Text | None:
    """R59."""
    if ctx.get("trigger") == "defer_erasure":
        if not str(ctx.get("legal_basis", "")).strip():
            return Text("a deferral needs its legal basis")
        until = ctx.get("retain_until")
        if not isinstance(until, date) or until <= ctx["today"]:
            return Text("the retain-until date must be after today")
        return None
    subject = ctx.get("subject")
    deferred_until = getattr(subject, "retain_until", None)
    if deferred_until is not None and ctx["today"] < deferred_until:
        basis = getattr(subject, "legal_basis", "")
        return Text(
            "erasure is deferred until {deferred_until} under {basis}; erase after that date",
            deferred_until=deferred_until.isoformat(),
            basis=basis,
        )
    return None


SUBJECT_WORKFLOW: Workflow[SubjectStatus] = Workflow(
    "data_subject",
    version=1,
    stages=SubjectStatus,
    initial=SubjectStatus.ERASURE_REQUESTED,
    final=[SubjectStatus.ERASED],
    moves=[
        Move("request_erasure", source=None, dest=SubjectStatus.ERASURE_REQUESTED, roles=_DPO),
        Move(
            "defer_erasure",
            source=SubjectStatus.ERASURE_REQUESTED,
            dest=SubjectStatus.ERASURE_DEFERRED,
            roles=_DPO,
            rules=[erasure_answered],
        ),
        Move(
            "erase_personal_data",
            source=[SubjectStatus.ERASURE_REQUESTED, SubjectStatus.ERASURE_DEFERRED],
            dest=SubjectStatus.ERASED,
            roles=_DPO,
            rules=[erasure_answered],
        ),
    ],
)


class Subject(WorkflowAggregate[SubjectStatus]):
    """The rights requests of one data subject (its id is the subject id)."""

    TOPIC = "certflow/Subject"
    workflow = SUBJECT_WORKFLOW

    class ErasureRequested(WorkflowStarted):
        """The subject asked for their personal data to be erased (UU PDP Pasal 8)."""

        TOPIC = "certflow/Subject.ErasureRequested"
        reason: str

        def record(self, aggregate: Any) -> None:
            """Keep the request."""
            aggregate.reason = self.reason
            aggregate.legal_basis = ""
            aggregate.retain_until = None
            aggregate.erased_on = None

    class ErasureDeferred(WorkflowEvent):
        """Erasure was deferred on a legal basis until a date (UU PDP Pasal 15, R59)."""

        TOPIC = "certflow/Subject.ErasureDeferred"
        legal_basis: str
        retain_until: date

        def record(self, aggregate: Any) -> None:
            """Keep the basis and the date."""
            aggregate.legal_basis = self.legal_basis
            aggregate.retain_until = self.retain_until

    class PersonalDataErased(WorkflowEvent):
        """The subject's personal data was erased from the subject store (R59)."""

        TOPIC = "certflow/Subject.PersonalDataErased"
        erased_on: date

        def record(self, aggregate: Any) -> None:
            """Keep the day."""
            aggregate.erased_on = self.erased_on

    if TYPE_CHECKING:  # set by the events; declared here for type checkers and readers
        reason: str
        legal_basis: str
        retain_until: date | None
        erased_on: date | None

    @property
    def status(self) -> SubjectStatus:
        """Where the request stands."""
        return SubjectStatus(self.stage_name)

    @classmethod
    def request_erasure(
        cls, subject_id: UUID, reason: str, *, actor: Actor, at: datetime
    ) -> Subject:
        """Record an erasure request."""
        return cls.start_move(
            cls.ErasureRequested,
            "request_erasure",
            id=subject_id,
            actor=actor,
            at=at,
            reason=reason.strip(),
        )

    def defer(self, legal_basis: str, retain_until: date, *, actor: Actor, at: datetime) -> None:
        """Defer the erasure on a legal basis until ``retain_until`` (R59)."""
        context = {
            "trigger": "defer_erasure",
            "legal_basis": legal_basis,
            "retain_until": retain_until,
            "today": at.date(),
        }
        decision = self.decide_move("defer_erasure", actor, context)
        self.record_move(
            self.ErasureDeferred,
            decision,
            actor=actor,
            at=at,
            legal_basis=legal_basis.strip(),
            retain_until=retain_until,
        )

    def erase(self, *, actor: Actor, at: datetime) -> None:
        """Record that the personal data is erased (R59; not before a deferral ends)."""
        context = {"trigger": "erase_personal_data", "subject": self, "today": at.date()}
        decision = self.decide_move("erase_personal_data", actor, context)
        self.record_move(self.PersonalDataErased, decision, actor=actor, at=at, erased_on=at.date())
