"""The Certification aggregate: one candidate on one scheme in one assessment session.

Public commands decide (stage, role, rules) and then record one event; each event's ``record``
only copies facts. Personal data never enters an event: the candidate is a ``subject_id``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from uuid import UUID, uuid5

from certflow.domain.assessor import Assessor
from certflow.domain.certification_workflow import CERTIFICATION_WORKFLOW
from certflow.domain.rules import (
    AssignContext,
    DecideContext,
    InterviewContext,
    PortfolioContext,
    PrintContext,
    RegisterContext,
)
from certflow.domain.scheme import Scheme
from certflow.domain.session import AssessmentSession
from certflow.domain.values import (
    Channel,
    ConflictDeclaration,
    Purpose,
    Recipient,
    SelfAssessment,
    Stage,
    Verdict,
    add_months,
)
from certflow.engine import Actor, WorkflowAggregate, WorkflowEvent, WorkflowStarted

__all__ = ["Certification", "certification_id"]

_NAMESPACE = UUID("5d8a1b3c-7e2f-4a6b-9c0d-1e2f3a4b5c6d")


def certification_id(subject_id: UUID, scheme_id: UUID, session_id: UUID) -> UUID:
    """The deterministic id of one subject's certification on one scheme in one session."""
    return uuid5(_NAMESPACE, f"certification:{subject_id}:{scheme_id}:{session_id}")


class Certification(WorkflowAggregate):
    """One candidate (by pseudonymous subject id) certified on one scheme version."""

    TOPIC = "certflow/Certification"
    workflow = CERTIFICATION_WORKFLOW

    class Registered(WorkflowStarted):
        """The candidate applied (FR.APL.01); the scheme's policy was recorded with it."""

        TOPIC = "certflow/Certification.Registered"
        subject_id: UUID
        scheme_id: UUID
        scheme_code: str
        scheme_version: int
        units: list[str]
        session_id: UUID
        session_starts_on: date
        assessment_date: date
        purpose: Purpose
        policy: dict[str, int]
        distribution_due_on: date

        def record(self, aggregate: Any) -> None:
            """Copy the application's facts."""
            aggregate.subject_id = self.subject_id
            aggregate.scheme_id = self.scheme_id
            aggregate.scheme_code = self.scheme_code
            aggregate.scheme_version = self.scheme_version
            aggregate.unit_codes = list(self.units)
            aggregate.session_id = self.session_id
            aggregate.session_starts_on = self.session_starts_on
            aggregate.assessment_date = self.assessment_date
            aggregate.purpose = self.purpose
            aggregate.policy = dict(self.policy)
            aggregate.distribution_due_on = self.distribution_due_on
            aggregate.registered_at = self.at
            aggregate.self_assessment = []
            aggregate.assessor_id = None
            aggregate.assessor_ids = []
            aggregate.unit_results = {}
            aggregate.recommendation = None
            aggregate.follow_up = ""
            aggregate.interviewed_on = None
            aggregate.outcome = None
            aggregate.decided_on = None
            aggregate.justification = ""
            aggregate.certificate_number = None
            aggregate.valid_from = None
            aggregate.valid_until = None
            aggregate.distributed_on = None
            aggregate.distribution_deadline_met = None

    class PortfolioSubmitted(WorkflowEvent):
        """The FR.APL.02 self-assessment and portfolio evidence were handed in."""

        TOPIC = "certflow/Certification.PortfolioSubmitted"
        entries: list[dict[str, Any]]

        def record(self, aggregate: Any) -> None:
            """Keep the entries."""
            aggregate.self_assessment = [dict(e) for e in self.entries]

    class AssessorAssigned(WorkflowEvent):
        """An assessor was assigned after declaring conflicts of interest."""

        TOPIC = "certflow/Certification.AssessorAssigned"
        assessor_id: UUID
        met_number: str
        licence_valid_until: date
        conflict_declared: bool
        conflict_details: str
        mitigation: str

        def record(self, aggregate: Any) -> None:
            """Set the current assessor and remember everyone ever assigned."""
            aggregate.assessor_id = self.assessor_id
            if self.assessor_id not in aggregate.assessor_ids:
                aggregate.assessor_ids = [*aggregate.assessor_ids, self.assessor_id]

    class InterviewRecorded(WorkflowEvent):
        """The interview was held and the assessor's recommendation recorded (FR.AK.02)."""

        TOPIC = "certflow/Certification.InterviewRecorded"
        assessor_id: UUID
        unit_results: dict[str, Verdict]
        recommendation: Verdict
        follow_up: str
        interviewed_on: date

        def record(self, aggregate: Any) -> None:
            """Keep the per-unit results and the recommendation."""
            aggregate.unit_results = dict(self.unit_results)
            aggregate.recommendation = self.recommendation
            aggregate.follow_up = self.follow_up
            aggregate.interviewed_on = self.interviewed_on

    class Decided(WorkflowEvent):
        """The certification committee decided competent or not yet competent."""

        TOPIC = "certflow/Certification.Decided"
        outcome: Verdict
        recommendation: Verdict
        justification: str
        decided_on: date

        def record(self, aggregate: Any) -> None:
            """Keep the decision."""
            aggregate.outcome = self.outcome
            aggregate.justification = self.justification
            aggregate.decided_on = self.decided_on

    class CertificatePrinted(WorkflowEvent):
        """A certificate number was given and the certificate printed."""

        TOPIC = "certflow/Certification.CertificatePrinted"
        certificate_number: str
        valid_from: date
        valid_until: date

        def record(self, aggregate: Any) -> None:
            """Keep the number and validity."""
            aggregate.certificate_number = self.certificate_number
            aggregate.valid_from = self.valid_from
            aggregate.valid_until = self.valid_until

    class CertificateDistributed(WorkflowEvent):
        """The certificate was handed over; whether the distribution deadline was met."""

        TOPIC = "certflow/Certification.CertificateDistributed"
        recipient: Recipient
        channel: Channel
        distributed_on: date
        due_on: date
        deadline_met: bool
        days_after_assessment: int

        def record(self, aggregate: Any) -> None:
            """Keep the hand-over facts."""
            aggregate.distributed_on = self.distributed_on
            aggregate.distribution_deadline_met = self.deadline_met

    if TYPE_CHECKING:  # set by the events; declared here for type checkers and readers
        subject_id: UUID
        scheme_id: UUID
        scheme_code: str
        scheme_version: int
        unit_codes: list[str]
        session_id: UUID
        session_starts_on: date
        assessment_date: date
        purpose: Purpose
        policy: dict[str, int]
        distribution_due_on: date
        registered_at: datetime
        self_assessment: list[dict[str, Any]]
        assessor_id: UUID | None
        assessor_ids: list[UUID]
        unit_results: dict[str, Verdict]
        recommendation: Verdict | None
        follow_up: str
        interviewed_on: date | None
        outcome: Verdict | None
        decided_on: date | None
        justification: str
        certificate_number: str | None
        valid_from: date | None
        valid_until: date | None
        distributed_on: date | None
        distribution_deadline_met: bool | None

    # -- commands ------------------------------------------------------------------------------

    @classmethod
    def register(
        cls,
        *,
        subject_id: UUID,
        scheme: Scheme,
        session: AssessmentSession,
        purpose: Purpose,
        subject_on_file: bool,
        actor: Actor,
        at: datetime,
    ) -> Certification:
        """Register a candidate for a scheme in a session (R1, R2); the policy is recorded."""
        context = RegisterContext(scheme, session, subject_on_file, today=at.date())
        deadline_days = scheme.policy["distribution_deadline_days"]
        return cls._start(
            cls.Registered,
            "register",
            id=certification_id(subject_id, scheme.id, session.id),
            actor=actor,
            at=at,
            context=context,
            subject_id=subject_id,
            scheme_id=scheme.id,
            scheme_code=scheme.code,
            scheme_version=scheme.version,
            units=scheme.unit_codes,
            session_id=session.id,
            session_starts_on=session.starts_on,
            assessment_date=session.ends_on,
            purpose=purpose,
            policy=dict(scheme.policy),
            distribution_due_on=session.ends_on + timedelta(days=deadline_days),
        )

    def submit_portfolio(
        self, entries: Sequence[SelfAssessment], *, actor: Actor, at: datetime
    ) -> None:
        """Hand in the FR.APL.02 self-assessment with evidence for every unit (R6)."""
        decision = self._decide("submit_portfolio", actor, PortfolioContext(self, entries))
        self._record(
            self.PortfolioSubmitted,
            decision,
            actor=actor,
            at=at,
            entries=[
                {"unit": e.unit, "claim": e.claim, "evidence": list(e.evidence)} for e in entries
            ],
        )

    def assign_assessor(
        self,
        assessor: Assessor,
        declaration: ConflictDeclaration | None,
        *,
        actor: Actor,
        at: datetime,
    ) -> None:
        """Assign a licensed assessor for the scheme, with their COI declaration (R9-R12)."""
        context = AssignContext(self, assessor, declaration)
        decision = self._decide("assign_assessor", actor, context)
        assert declaration is not None  # R11 refused a missing declaration
        self._record(
            self.AssessorAssigned,
            decision,
            actor=actor,
            at=at,
            assessor_id=assessor.id,
            met_number=assessor.met_number,
            licence_valid_until=assessor.licence_valid_until,
            conflict_declared=declaration.has_conflict,
            conflict_details=declaration.details.strip(),
            mitigation=declaration.mitigation.strip(),
        )

    def record_interview(
        self,
        results: Mapping[str, Verdict],
        recommendation: Verdict,
        follow_up: str = "",
        *,
        actor: Actor,
        at: datetime,
    ) -> None:
        """Record the interview and the assessor's recommendation (R15, R24, R26, R27)."""
        context = InterviewContext(self, actor, results, recommendation, follow_up, today=at.date())
        decision = self._decide("record_interview", actor, context)
        assert self.assessor_id is not None  # R15 refused a missing assessor
        self._record(
            self.InterviewRecorded,
            decision,
            actor=actor,
            at=at,
            assessor_id=self.assessor_id,
            unit_results={u: results[u] for u in self.unit_codes},
            recommendation=recommendation,
            follow_up=follow_up.strip(),
            interviewed_on=at.date(),
        )

    def decide(
        self, outcome: Verdict, justification: str = "", *, actor: Actor, at: datetime
    ) -> None:
        """Record the committee's decision (R31, R32, R34, R35)."""
        context = DecideContext(self, actor, outcome, justification, today=at.date())
        dest = Stage.COMPETENT if outcome is Verdict.COMPETENT else Stage.NOT_YET_COMPETENT
        decision = self._decide("decide", actor, context, dest=dest)
        assert self.recommendation is not None  # the interview stage guarantees one
        self._record(
            self.Decided,
            decision,
            actor=actor,
            at=at,
            outcome=outcome,
            recommendation=self.recommendation,
            justification=justification.strip(),
            decided_on=at.date(),
        )

    def print_certificate(self, number: str, *, actor: Actor, at: datetime) -> None:
        """Give the certificate its number and validity and record it printed (R36-R38).

        Validity runs from the decision date for the scheme's ``validity_months``; the last
        valid day is the day before the same date that many months later.
        """
        decision = self._decide("print_certificate", actor, PrintContext(self, number))
        assert self.decided_on is not None  # the competent stage guarantees a decision
        valid_from = self.decided_on
        valid_until = add_months(valid_from, self.policy["validity_months"]) - timedelta(days=1)
        self._record(
            self.CertificatePrinted,
            decision,
            actor=actor,
            at=at,
            certificate_number=number.strip(),
            valid_from=valid_from,
            valid_until=valid_until,
        )

    def distribute_certificate(
        self, recipient: Recipient, channel: Channel, *, actor: Actor, at: datetime
    ) -> None:
        """Record the hand-over and whether it met the distribution deadline (R40, R41)."""
        decision = self._decide("distribute_certificate", actor)
        today = at.date()
        self._record(
            self.CertificateDistributed,
            decision,
            actor=actor,
            at=at,
            recipient=recipient,
            channel=channel,
            distributed_on=today,
            due_on=self.distribution_due_on,
            deadline_met=today <= self.distribution_due_on,
            days_after_assessment=(today - self.assessment_date).days,
        )
