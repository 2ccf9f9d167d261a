"""The Certification aggregate: one candidate on one scheme, from application to expiry.

Public commands decide (stage, role, rules) and then record one event from
:mod:`certflow.domain.certification_events`, which only computes the next
:class:`~certflow.domain.certification_state.CertificationState` (``certification.state``).
Personal data never enters an event: the candidate is a ``subject_id``.

This module holds the aggregate's identity (its ``TOPIC``, its nested events, its snapshot
version), its plumbing, registration and definition migration. The commands of each phase are
in their own module, mixed into the class: :mod:`~certflow.domain.certification_assessment`
(admission to interview), :mod:`~certflow.domain.certification_decision` (recommendation to
appeal and re-assessment) and :mod:`~certflow.domain.certification_certificate` (the
certificate and its maintenance); the dates they compute are in
:mod:`~certflow.domain.certification_dates`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID, uuid5

from certflow.domain import certification_events as ev
from certflow.domain import preassessment_events as pre
from certflow.domain.certification_assessment import AssessmentCommands
from certflow.domain.certification_certificate import CertificateCommands
from certflow.domain.certification_dates import distribution_due_on, units_needing_reassessment
from certflow.domain.certification_decision import DecisionCommands
from certflow.domain.certification_preassessment import PreAssessmentCommands
from certflow.domain.certification_record import CertificationRecord
from certflow.domain.certification_snapshot import CertificationSnapshot
from certflow.domain.certification_state import STATE_FIELDS, CertificationState
from certflow.domain.certification_workflow import (
    CERTIFICATION_DEFINITIONS,
    CERTIFICATION_WORKFLOW,
)
from certflow.domain.rules import Context
from certflow.domain.scheme import Scheme
from certflow.domain.session import AssessmentSession
from certflow.domain.values import Purpose, Role, Stage
from certflow.engine import Actor, Decision, WorkflowAggregate, WorkflowEvent

__all__ = ["Certification", "certification_id"]

_NAMESPACE = UUID("5d8a1b3c-7e2f-4a6b-9c0d-1e2f3a4b5c6d")
_STAGES = {stage.value: stage for stage in Stage}


def certification_id(subject_id: UUID, scheme_id: UUID, session_id: UUID) -> UUID:
    """The deterministic id of one subject's certification on one scheme in one session."""
    return uuid5(_NAMESPACE, f"certification:{subject_id}:{scheme_id}:{session_id}")


class Certification(
    AssessmentCommands,
    PreAssessmentCommands,
    DecisionCommands,
    CertificateCommands,
    WorkflowAggregate[Stage],
):
    """One candidate (by pseudonymous subject id) certified on one scheme version."""

    TOPIC = "certflow/Certification"
    workflow = CERTIFICATION_WORKFLOW
    definitions = CERTIFICATION_DEFINITIONS

    Registered = ev.Registered
    DocumentsRequested = ev.DocumentsRequested
    Admitted = ev.Admitted
    ApplicationRejected = ev.ApplicationRejected
    PortfolioSubmitted = ev.PortfolioSubmitted
    AssessorAssigned = ev.AssessorAssigned
    AgreementSigned = ev.AgreementSigned
    PortfolioVerified = ev.PortfolioVerified
    EvidenceCorrected = ev.EvidenceCorrected
    AssessmentMissed = ev.AssessmentMissed
    InterviewRecorded = ev.InterviewRecorded
    FurtherEvidenceRequested = ev.FurtherEvidenceRequested
    FurtherEvidenceRecorded = ev.FurtherEvidenceRecorded
    RecommendationRecorded = ev.RecommendationRecorded
    ReferredBack = ev.ReferredBack
    Decided = ev.Decided
    Withdrawn = ev.Withdrawn
    AppealLodged = ev.AppealLodged
    AppealPanelFormed = ev.AppealPanelFormed
    AppealUpheld = ev.AppealUpheld
    AppealRejected = ev.AppealRejected
    AppealWindowClosed = ev.AppealWindowClosed
    ReassessmentRequested = ev.ReassessmentRequested
    CertificatePrinted = ev.CertificatePrinted
    CertificateDistributed = ev.CertificateDistributed
    SurveillanceRecorded = ev.SurveillanceRecorded
    SurveillanceOverdue = ev.SurveillanceOverdue
    Suspended = ev.Suspended
    SuspensionLifted = ev.SuspensionLifted
    Revoked = ev.Revoked
    Expired = ev.Expired
    Superseded = ev.Superseded
    DefinitionMigrated = ev.DefinitionMigrated
    RegistrationNumberRecorded = ev.RegistrationNumberRecorded
    CertificateReissued = ev.CertificateReissued
    SelfAssessmentReviewed = pre.SelfAssessmentReviewed
    AdjustmentRecorded = pre.AdjustmentRecorded
    AssessmentModeRecorded = pre.AssessmentModeRecorded
    ResultAcknowledged = pre.ResultAcknowledged
    ResultRejected = pre.ResultRejected

    class_version = 2
    """Version 2 holds its facts in one ``state`` (version 1 snapshots held them flat)."""
    Snapshot = CertificationSnapshot
    """Snapshots are stored as one typed document (:mod:`.certification_snapshot`)."""

    if TYPE_CHECKING:  # set by the events; declared here for type checkers and readers
        state: CertificationState
        """Every recorded fact of this certification (the stage is the aggregate's own)."""

    @staticmethod
    def upcast_v1_v2(snapshot: dict[str, Any]) -> None:
        """Gather a version 1 snapshot's flat facts into one :class:`CertificationState`."""
        facts = {name: snapshot.pop(name) for name in STATE_FIELDS if name in snapshot}
        snapshot["state"] = CertificationState.restore(facts)

    @property
    def stage(self) -> Stage:
        """The current stage."""
        found = _STAGES.get(self.stage_name)  # a dict look-up: an Enum call costs ~1 µs, and
        return Stage(self.stage_name) if found is None else found  # a view asks seven times

    def units_needing_reassessment(self, today: date) -> list[str]:
        """Units a re-assessment must cover: BK units, and K units past the carry-over period."""
        return units_needing_reassessment(self.state, today)

    # -- plumbing ------------------------------------------------------------------------

    def _decide(
        self,
        trigger: str,
        *,
        actor: Actor,
        at: datetime,
        inputs: Mapping[str, Any] | None = None,
        dest: Stage | None = None,
    ) -> Decision[Stage]:
        context = Context(trigger, self, actor, at.date(), **(inputs or {}))
        return self.decide_move(trigger, actor, context, dest=dest)

    def _record(
        self,
        event: type[WorkflowEvent],
        decision: Decision[Stage],
        *,
        actor: Actor,
        at: datetime,
        **data: Any,
    ) -> None:
        own = getattr(type(self), event.__name__)  # eventsourcing nests a subclass of each event
        assert issubclass(own, event)
        self.record_move(own, decision, actor=actor, at=at, **data)

    def _move(
        self,
        trigger: str,
        event: type[WorkflowEvent],
        *,
        actor: Actor,
        at: datetime,
        inputs: Mapping[str, Any] | None = None,
        dest: Stage | None = None,
        **data: Any,
    ) -> Decision[Stage]:
        decision = self._decide(trigger, actor=actor, at=at, inputs=inputs, dest=dest)
        self._record(event, decision, actor=actor, at=at, **data)
        return decision

    # -- registration ------------------------------------------------------------------

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
        previous: CertificationRecord | None = None,
        logbook: Sequence[str] = (),
    ) -> Certification:
        """Register a candidate for a scheme in a session (R1-R3, R47); the policy is recorded.

        A recertification names the ``previous`` certification and ``logbook``: references to
        the logbook or activity evidence of the holder's practice since (R47).
        """
        evidence = [e.strip() for e in logbook if e.strip()]
        context = Context(
            "register",
            None,
            actor,
            at.date(),
            scheme=scheme,
            session=session,
            subject_on_file=subject_on_file,
            purpose=purpose,
            previous=previous,
            logbook=evidence,
        )
        return cls.start_move(
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
            methods=list(scheme.methods),
            session_id=session.id,
            session_starts_on=session.starts_on,
            assessment_date=session.ends_on,
            purpose=purpose,
            policy=scheme.policy.model_dump(mode="json"),
            distribution_due_on=distribution_due_on(session.ends_on, scheme.policy),
            previous_certification_id=previous.id if previous else None,
            logbook_evidence=evidence,
            certificate_prefix=scheme.certificate_prefix,
            number_format=scheme.number_format,
        )

    # -- definition versions -------------------------------------------------------------------

    def migrate_definition(
        self, to_version: int, reason: str, *, actor: Actor, at: datetime
    ) -> None:
        """Move this certification to another workflow definition version, recorded.

        Refused when the version is unknown or the current stage does not exist in it. Only the
        certification manager or the head of the LSP may migrate.
        """
        roles = frozenset({Role.CERTIFICATION_MANAGER.value, Role.HEAD_OF_LSP.value})
        self.record_migration(
            self.DefinitionMigrated,
            to_version,
            roles=roles,
            actor=actor,
            at=at,
            from_version=self.workflow_version,
            to_version=to_version,
            reason=reason.strip(),
        )
