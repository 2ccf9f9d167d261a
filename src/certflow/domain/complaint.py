"""Complaints (keluhan, R53): their own workflow, beside the certifications they may concern.

Anyone may complain about the LSP, one of its assessors or a certified person: named (a
pseudonymous reference, e.g. the subject id of someone on file) or anonymous. The event log
keeps no personal data of the complainant (R58): no name, no contact details. LSP staff
acknowledge the complaint, the certification manager assigns an investigator who is not
involved with its subject, and the investigator resolves it (substantiated or not, with the
findings and the actions taken). Two deadlines, acknowledgement and resolution, are swept like
the appeal's: an overdue complaint is escalated (recorded once per deadline).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from uuid import UUID

from certflow.domain.complaint_values import (
    COMPLAINT_RULES,
    ComplaintContext,
    ComplaintOutcome,
    ComplaintPolicy,
    ComplaintStage,
    ComplaintSubject,
    complaint_named,
    investigator_independent,
    resolved_by_investigator,
)
from certflow.domain.values import Role
from certflow.engine import (
    Actor,
    Deadline,
    Move,
    Text,
    Workflow,
    WorkflowAggregate,
    WorkflowEvent,
    WorkflowStarted,
)

__all__ = [
    "COMPLAINT_RULES",
    "COMPLAINT_WORKFLOW",
    "Complaint",
    "ComplaintContext",
    "ComplaintOutcome",
    "ComplaintPolicy",
    "ComplaintStage",
    "ComplaintSubject",
]

_STAFF = (Role.LSP_ADMIN, Role.CERTIFICATION_MANAGER, Role.HEAD_OF_LSP)
_INVESTIGATORS = (
    Role.CERTIFICATION_MANAGER,
    Role.CERTIFICATION_COMMITTEE,
    Role.APPEAL_PANEL,
    Role.HEAD_OF_LSP,
    Role.LSP_ADMIN,
)
_OPEN = (ComplaintStage.FILED, ComplaintStage.ACKNOWLEDGED, ComplaintStage.UNDER_INVESTIGATION)


def _acknowledge_due(c: Complaint) -> date | None:
    open_ = c.stage in _OPEN
    return c.acknowledge_by if open_ and "acknowledgement" not in c.escalated else None


def _resolve_due(c: Complaint) -> date | None:
    open_ = c.stage in _OPEN
    return c.resolve_by if open_ and "resolution" not in c.escalated else None


COMPLAINT_WORKFLOW: Workflow[ComplaintStage] = Workflow(
    "complaint",
    version=1,
    stages=ComplaintStage,
    initial=ComplaintStage.FILED,
    final=(ComplaintStage.WITHDRAWN,),
    moves=[
        Move(
            "file_complaint",
            source=None,
            dest=ComplaintStage.FILED,
            roles=(*_STAFF, Role.CANDIDATE),
            role_rule="R53",
            rules=[complaint_named],
            description="A complaint is received (named by a reference, or anonymous).",
        ),
        Move(
            "acknowledge_complaint",
            source=ComplaintStage.FILED,
            dest=ComplaintStage.ACKNOWLEDGED,
            roles=_STAFF,
            role_rule="R53",
            source_rule="R53",
            description="LSP staff acknowledge the complaint to the complainant.",
        ),
        Move(
            "assign_investigator",
            source=(ComplaintStage.ACKNOWLEDGED, ComplaintStage.UNDER_INVESTIGATION),
            dest=ComplaintStage.UNDER_INVESTIGATION,
            roles=(Role.CERTIFICATION_MANAGER, Role.HEAD_OF_LSP),
            role_rule="R53",
            source_rule="R53",
            rules=[investigator_independent],
            description="The certification manager assigns an investigator not involved.",
        ),
        Move(
            "resolve_complaint",
            source=ComplaintStage.UNDER_INVESTIGATION,
            dest=ComplaintStage.RESOLVED,
            roles=_INVESTIGATORS,
            role_rule="R53",
            source_rule="R53",
            rules=[resolved_by_investigator],
            description="The investigator resolves: substantiated or not, findings, actions.",
        ),
        Move(
            "withdraw_complaint",
            source=_OPEN,
            dest=ComplaintStage.WITHDRAWN,
            roles=(*_STAFF, Role.CANDIDATE),
            source_rule="R53",
            description="The complainant withdraws the complaint before it is resolved.",
        ),
        Move(
            "escalate_complaint",
            source=_OPEN,
            roles=(Role.SYSTEM,),
            description="Time escalates a complaint past a deadline (made by the sweep).",
        ),
        Move(
            "link_suspension",
            source=ComplaintStage.RESOLVED,
            roles=(Role.CERTIFICATION_COMMITTEE, Role.HEAD_OF_LSP),
            source_rule="R53",
            description="A substantiated complaint's certification is suspended (R44, R53).",
        ),
    ],
    deadlines=[
        Deadline(
            "acknowledgement",
            rule_id="R53",
            due=_acknowledge_due,
            met=lambda c: c.acknowledged_on,
            on_due="escalate_complaint",
            on_due_args={"deadline": "acknowledgement"},
            description=Text("the complaint is acknowledged"),
        ),
        Deadline(
            "resolution",
            rule_id="R53",
            due=_resolve_due,
            met=lambda c: c.resolved_on,
            on_due="escalate_complaint",
            on_due_args={"deadline": "resolution"},
            description=Text("the complaint is resolved"),
        ),
    ],
)


class Complaint(WorkflowAggregate[ComplaintStage]):
    """One complaint and how it was handled. No personal data: references only (R58)."""

    TOPIC = "certflow/Complaint"
    workflow = COMPLAINT_WORKFLOW

    class Filed(WorkflowStarted):
        """A complaint was received."""

        TOPIC = "certflow/Complaint.Filed"
        subject: ComplaintSubject
        assessor_id: UUID | None
        certification_id: UUID | None
        person_id: UUID | None
        """The certified person's subject id (from the certification, never from the caller)."""
        complainant_ref: str | None
        """A pseudonymous reference to the complainant; ``None``: anonymous."""
        summary: str
        received_on: date
        acknowledge_by: date
        resolve_by: date

        def record(self, aggregate: Any) -> None:
            """Open the complaint."""
            for name in ("subject", "assessor_id", "certification_id", "person_id"):
                setattr(aggregate, name, getattr(self, name))
            aggregate.complainant_ref = self.complainant_ref
            aggregate.summary = self.summary
            aggregate.received_on = self.received_on
            aggregate.acknowledge_by = self.acknowledge_by
            aggregate.resolve_by = self.resolve_by
            aggregate.acknowledged_on = None
            aggregate.investigator = None
            aggregate.outcome = None
            aggregate.findings = ""
            aggregate.actions = []
            aggregate.resolved_on = None
            aggregate.escalated = []
            aggregate.suspended = []

    class Acknowledged(WorkflowEvent):
        """The complaint was acknowledged."""

        TOPIC = "certflow/Complaint.Acknowledged"
        acknowledged_on: date

        def record(self, aggregate: Any) -> None:
            """Note the day."""
            aggregate.acknowledged_on = self.acknowledged_on

    class InvestigatorAssigned(WorkflowEvent):
        """An investigator not involved with the subject was assigned."""

        TOPIC = "certflow/Complaint.InvestigatorAssigned"
        investigator: str

        def record(self, aggregate: Any) -> None:
            """Note who investigates."""
            aggregate.investigator = self.investigator

    class Resolved(WorkflowEvent):
        """The investigation ended with an outcome, findings and actions."""

        TOPIC = "certflow/Complaint.Resolved"
        outcome: ComplaintOutcome
        findings: str
        actions: list[str]
        resolved_on: date

        def record(self, aggregate: Any) -> None:
            """Note the outcome."""
            aggregate.outcome = self.outcome
            aggregate.findings = self.findings
            aggregate.actions = list(self.actions)
            aggregate.resolved_on = self.resolved_on

    class Withdrawn(WorkflowEvent):
        """The complainant withdrew the complaint."""

        TOPIC = "certflow/Complaint.Withdrawn"
        reason: str

        def record(self, aggregate: Any) -> None:
            """Nothing more to note than the stage."""

    class Escalated(WorkflowEvent):
        """A complaint deadline passed unmet; the complaint is escalated to the head of LSP."""

        TOPIC = "certflow/Complaint.Escalated"
        deadline: str

        def record(self, aggregate: Any) -> None:
            """Note which deadline was missed."""
            aggregate.escalated = [*aggregate.escalated, self.deadline]

    class SuspensionLinked(WorkflowEvent):
        """The certification concerned was suspended on this complaint (R44, R53)."""

        TOPIC = "certflow/Complaint.SuspensionLinked"
        certification_id: UUID

        def record(self, aggregate: Any) -> None:
            """Note the suspension."""
            aggregate.suspended = [*aggregate.suspended, self.certification_id]

    if TYPE_CHECKING:  # set by the events; declared here for type checkers and readers
        subject: ComplaintSubject
        assessor_id: UUID | None
        certification_id: UUID | None
        person_id: UUID | None
        complainant_ref: str | None
        summary: str
        received_on: date
        acknowledge_by: date
        resolve_by: date
        acknowledged_on: date | None
        investigator: str | None
        outcome: ComplaintOutcome | None
        findings: str
        actions: list[str]
        resolved_on: date | None
        escalated: list[str]
        suspended: list[UUID]

    @property
    def is_open(self) -> bool:
        """Whether the complaint is still being handled."""
        return self.stage in _OPEN

    @classmethod
    def file(
        cls,
        *,
        id: UUID,
        subject: ComplaintSubject,
        summary: str,
        assessor_id: UUID | None = None,
        certification_id: UUID | None = None,
        person_id: UUID | None = None,
        complainant_ref: str | None = None,
        policy: ComplaintPolicy,
        actor: Actor,
        at: datetime,
    ) -> Complaint:
        """Receive a complaint; its deadlines are set from ``policy`` (R53)."""
        context = ComplaintContext(
            actor=actor,
            subject=subject,
            assessor_id=assessor_id,
            certification_id=certification_id,
            summary=summary,
        )
        today = at.date()
        return cls.start_move(
            cls.Filed,
            "file_complaint",
            id=id,
            actor=actor,
            at=at,
            context=context,
            subject=subject,
            assessor_id=assessor_id,
            certification_id=certification_id,
            person_id=person_id,
            complainant_ref=complainant_ref,
            summary=summary.strip(),
            received_on=today,
            acknowledge_by=today + timedelta(days=policy.acknowledge_within_days),
            resolve_by=today + timedelta(days=policy.resolve_within_days),
        )

    def acknowledge_complaint(self, *, actor: Actor, at: datetime) -> None:
        """Acknowledge receipt (R53)."""
        decision = self.decide_move("acknowledge_complaint", actor)
        self.record_move(self.Acknowledged, decision, actor=actor, at=at, acknowledged_on=at.date())

    def assign_investigator(
        self, investigator: str, *, conflicts: Sequence[Text], actor: Actor, at: datetime
    ) -> None:
        """Assign the investigator; ``conflicts`` are their involvements found (R53)."""
        context = ComplaintContext(actor=actor, complaint=self, conflicts=tuple(conflicts))
        decision = self.decide_move("assign_investigator", actor, context)
        self.record_move(
            self.InvestigatorAssigned, decision, actor=actor, at=at, investigator=investigator
        )

    def resolve_complaint(
        self,
        outcome: ComplaintOutcome,
        *,
        findings: str,
        actions: Sequence[str],
        actor: Actor,
        at: datetime,
    ) -> None:
        """Resolve with the outcome, the findings and the actions taken (R53)."""
        context = ComplaintContext(
            actor=actor, complaint=self, outcome=outcome, findings=findings, actions=actions
        )
        decision = self.decide_move("resolve_complaint", actor, context)
        self.record_move(
            self.Resolved,
            decision,
            actor=actor,
            at=at,
            outcome=outcome,
            findings=findings.strip(),
            actions=[a.strip() for a in actions if a.strip()],
            resolved_on=at.date(),
        )

    def withdraw_complaint(self, reason: str, *, actor: Actor, at: datetime) -> None:
        """The complainant withdraws (R53)."""
        decision = self.decide_move("withdraw_complaint", actor)
        self.record_move(self.Withdrawn, decision, actor=actor, at=at, reason=reason.strip())

    def escalate_complaint(self, *, deadline: str, actor: Actor, at: datetime) -> None:
        """Escalate past a deadline (made by the sweep)."""
        decision = self.decide_move("escalate_complaint", actor)
        self.record_move(self.Escalated, decision, actor=actor, at=at, deadline=deadline)

    def link_suspension(self, certification_id: UUID, *, actor: Actor, at: datetime) -> None:
        """Record that the certification concerned was suspended on this complaint."""
        decision = self.decide_move("link_suspension", actor)
        self.record_move(
            self.SuspensionLinked, decision, actor=actor, at=at, certification_id=certification_id
        )
