"""The Certification aggregate: one candidate on one scheme, from application to expiry.

Public commands decide (stage, role, rules) and then record one event from
:mod:`certflow.domain.certification_events`, which only computes the next
:class:`~certflow.domain.certification_state.CertificationState` (``certification.state``).
Personal data never enters an event: the candidate is a ``subject_id``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from uuid import UUID, uuid5

from certflow.domain import certification_events as ev
from certflow.domain.assessor import Assessor
from certflow.domain.certification_state import STATE_FIELDS, CertificationState
from certflow.domain.certification_workflow import (
    CERTIFICATION_DEFINITIONS,
    CERTIFICATION_WORKFLOW,
)
from certflow.domain.rules import Context
from certflow.domain.scheme import Scheme
from certflow.domain.session import AssessmentSession
from certflow.domain.values import (
    AppealRemedy,
    AssessmentMethod,
    Channel,
    ConflictDeclaration,
    EvidenceCheck,
    Purpose,
    Recipient,
    Role,
    SelfAssessment,
    Stage,
    Verdict,
    add_months,
)
from certflow.engine import Actor, Decision, WorkflowAggregate, WorkflowEvent

__all__ = ["Certification", "certification_id"]

_NAMESPACE = UUID("5d8a1b3c-7e2f-4a6b-9c0d-1e2f3a4b5c6d")


def certification_id(subject_id: UUID, scheme_id: UUID, session_id: UUID) -> UUID:
    """The deterministic id of one subject's certification on one scheme in one session."""
    return uuid5(_NAMESPACE, f"certification:{subject_id}:{scheme_id}:{session_id}")


def _entries(entries: Sequence[SelfAssessment]) -> list[dict[str, Any]]:
    return [{"unit": e.unit, "claim": e.claim, "evidence": list(e.evidence)} for e in entries]


class Certification(WorkflowAggregate[Stage]):
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
    AssessmentMissed = ev.AssessmentMissed
    InterviewRecorded = ev.InterviewRecorded
    FurtherEvidenceRequested = ev.FurtherEvidenceRequested
    FurtherEvidenceRecorded = ev.FurtherEvidenceRecorded
    RecommendationRecorded = ev.RecommendationRecorded
    ReferredBack = ev.ReferredBack
    Decided = ev.Decided
    Withdrawn = ev.Withdrawn
    AppealLodged = ev.AppealLodged
    AppealUpheld = ev.AppealUpheld
    AppealRejected = ev.AppealRejected
    AppealWindowClosed = ev.AppealWindowClosed
    ReassessmentRequested = ev.ReassessmentRequested
    CertificatePrinted = ev.CertificatePrinted
    CertificateDistributed = ev.CertificateDistributed
    SurveillanceRecorded = ev.SurveillanceRecorded
    Suspended = ev.Suspended
    SuspensionLifted = ev.SuspensionLifted
    Revoked = ev.Revoked
    Expired = ev.Expired
    Superseded = ev.Superseded
    DefinitionMigrated = ev.DefinitionMigrated
    RegistrationNumberRecorded = ev.RegistrationNumberRecorded
    CertificateReissued = ev.CertificateReissued

    class_version = 2
    """Version 2 holds its facts in one ``state`` (version 1 snapshots held them flat)."""

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
        return Stage(self.stage_name)

    def units_needing_reassessment(self, today: date) -> list[str]:
        """Units a re-assessment must cover: BK units, and K units past the carry-over period."""
        months = self.state.policy.carry_over_months
        needed = []
        for unit in self.state.unit_codes:
            since = self.state.k_since.get(unit)
            if since is None or today > add_months(since, months):
                needed.append(unit)
        return needed

    # -- plumbing ------------------------------------------------------------------------

    def _ctx(self, trigger: str, actor: Actor, at: datetime, **inputs: Any) -> Context:
        return Context(trigger, self, actor, at.date(), **inputs)

    def _move(
        self,
        trigger: str,
        event_class: type[WorkflowEvent],
        *,
        actor: Actor,
        at: datetime,
        inputs: Mapping[str, Any] | None = None,
        dest: Stage | None = None,
        **data: Any,
    ) -> Decision[Stage]:
        decision = self.decide_move(
            trigger, actor, self._ctx(trigger, actor, at, **(inputs or {})), dest=dest
        )
        self.record_move(event_class, decision, actor=actor, at=at, **data)
        return decision

    # -- application and admission -------------------------------------------------------

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
        previous: Certification | None = None,
    ) -> Certification:
        """Register a candidate for a scheme in a session (R1-R3, R47); the policy is recorded."""
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
        )
        deadline_days = scheme.policy.distribution_deadline_days
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
            distribution_due_on=session.ends_on + timedelta(days=deadline_days),
            previous_certification_id=previous.id if previous else None,
        )

    def request_documents(self, documents: Sequence[str], *, actor: Actor, at: datetime) -> None:
        """Ask for missing documents; the application stays registered (R5)."""
        docs = [d.strip() for d in documents if d.strip()]
        self._move(
            "request_documents",
            self.DocumentsRequested,
            actor=actor,
            at=at,
            inputs={"documents": docs},
            documents=docs,
        )

    def admit(self, *, actor: Actor, at: datetime) -> None:
        """Admit the application (R4)."""
        self._move("admit", self.Admitted, actor=actor, at=at)

    def reject_application(self, reason: str, *, actor: Actor, at: datetime) -> None:
        """Reject the application with a reason; this ends it (R4)."""
        self._move(
            "reject_application",
            self.ApplicationRejected,
            actor=actor,
            at=at,
            inputs={"reason": reason},
            reason=reason.strip(),
        )

    def withdraw(self, reason: str = "", *, actor: Actor, at: datetime) -> None:
        """Withdraw before the decision (R57)."""
        self._move("withdraw", self.Withdrawn, actor=actor, at=at, reason=reason.strip())

    # -- portfolio, assignment, agreement, verification -------------------------------------

    def submit_portfolio(
        self, entries: Sequence[SelfAssessment], *, actor: Actor, at: datetime
    ) -> None:
        """Hand in the FR.APL.02 self-assessment with evidence for every unit (R4, R6)."""
        self._move(
            "submit_portfolio",
            self.PortfolioSubmitted,
            actor=actor,
            at=at,
            inputs={"entries": entries},
            entries=_entries(entries),
        )

    def assign_assessor(
        self,
        assessor: Assessor,
        declaration: ConflictDeclaration | None,
        *,
        actor: Actor,
        at: datetime,
    ) -> None:
        """Assign a licensed assessor for the scheme, with their COI declaration (R9-R12, R52)."""
        inputs = {"assessor": assessor, "declaration": declaration}
        decision = self.decide_move(
            "assign_assessor", actor, self._ctx("assign_assessor", actor, at, **inputs)
        )
        assert declaration is not None  # R11 refused a missing declaration
        self.record_move(
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

    def sign_agreement(
        self,
        methods: Sequence[AssessmentMethod],
        *,
        appeal_process_explained: bool = False,
        actor: Actor,
        at: datetime,
    ) -> None:
        """Sign FR.AK.01 as the candidate or as the assigned assessor (R18-R20)."""
        inputs = {"methods": list(methods), "appeal_explained": appeal_process_explained}
        self._move(
            "sign_agreement",
            self.AgreementSigned,
            actor=actor,
            at=at,
            inputs=inputs,
            signer="candidate" if actor.role == "candidate" else "assessor",
            methods=list(methods),
            appeal_process_explained=appeal_process_explained,
        )

    def verify_portfolio(
        self, checks: Sequence[EvidenceCheck], *, actor: Actor, at: datetime
    ) -> None:
        """Record the FR.IA.08 portfolio verification with VATM flags per item (R18-R22)."""
        self._move(
            "verify_portfolio",
            self.PortfolioVerified,
            actor=actor,
            at=at,
            inputs={"checks": checks},
            checks=[c.model_dump() for c in checks],
        )

    def record_no_show(self, *, actor: Actor, at: datetime) -> None:
        """Record that the candidate missed the assessment (R56)."""
        count = self.state.no_shows + 1
        limit = self.state.policy.max_no_shows
        dest = Stage.WITHDRAWN if count >= limit else Stage.PORTFOLIO_SUBMITTED
        self._move(
            "record_no_show", self.AssessmentMissed, actor=actor, at=at, dest=dest, no_shows=count
        )

    def record_interview(self, *, interviews_that_day: int = 0, actor: Actor, at: datetime) -> None:
        """Record the FR.IA.09 interview (R14, R15, R18, R19, R21, R24).

        ``interviews_that_day`` is how many interviews this assessor already recorded that day
        (the facade counts them in the store).
        """
        self._move(
            "record_interview",
            self.InterviewRecorded,
            actor=actor,
            at=at,
            inputs={"interviews_that_day": interviews_that_day},
            assessor_id=self.state.assessor_id or UUID(int=0),
            interviewed_on=at.date(),
        )

    # -- recommendation and decision ---------------------------------------------------------

    def request_further_evidence(self, request: str, *, actor: Actor, at: datetime) -> None:
        """Ask for further evidence before the recommendation (asesmen lanjut, R28)."""
        self._move(
            "request_further_evidence",
            self.FurtherEvidenceRequested,
            actor=actor,
            at=at,
            inputs={"reason": request},
            request=request.strip(),
        )

    def record_further_evidence(
        self, evidence: Sequence[str], *, actor: Actor, at: datetime
    ) -> None:
        """Record the further evidence asked for (R28)."""
        self._move(
            "record_further_evidence",
            self.FurtherEvidenceRecorded,
            actor=actor,
            at=at,
            evidence=[e.strip() for e in evidence if e.strip()],
        )

    def recommend(
        self,
        results: Mapping[str, Verdict],
        recommendation: Verdict,
        follow_up: str = "",
        *,
        actor: Actor,
        at: datetime,
    ) -> None:
        """Record the FR.AK.02 recommendation and FR.AK.05 report (R15, R22, R26-R28)."""
        inputs = {
            "results": dict(results),
            "recommendation": recommendation,
            "follow_up": follow_up,
        }
        self._move(
            "recommend",
            self.RecommendationRecorded,
            actor=actor,
            at=at,
            inputs=inputs,
            assessor_id=self.state.assessor_id or UUID(int=0),
            unit_results={u: results[u] for u in self.state.units_to_assess if u in results},
            recommendation=recommendation,
            follow_up=follow_up.strip(),
        )

    def refer_back(self, reason: str, *, actor: Actor, at: datetime) -> None:
        """Refer the case back to the assessor for further evidence (R31, R34)."""
        self._move(
            "refer_back",
            self.ReferredBack,
            actor=actor,
            at=at,
            inputs={"reason": reason},
            reason=reason.strip(),
        )

    def decide(
        self, outcome: Verdict, justification: str = "", *, actor: Actor, at: datetime
    ) -> None:
        """Record the committee's decision (R30-R32, R34, R35)."""
        dest = Stage.COMPETENT if outcome is Verdict.COMPETENT else Stage.NOT_YET_COMPETENT
        window = self.state.policy.appeal_window_days
        ends = at.date() + timedelta(days=window) if dest is Stage.NOT_YET_COMPETENT else None
        inputs = {"outcome": outcome, "justification": justification}
        self._move(
            "decide",
            self.Decided,
            actor=actor,
            at=at,
            inputs=inputs,
            dest=dest,
            outcome=outcome,
            recommendation=self.state.recommendation or outcome,
            justification=justification.strip(),
            decided_on=at.date(),
            appeal_window_ends_on=ends,
        )

    # -- appeal and re-assessment -------------------------------------------------------------

    def lodge_appeal(self, reason: str, *, actor: Actor, at: datetime) -> None:
        """Appeal the BK decision within the appeal window (FR.AK.04, R49, R50)."""
        due = at.date() + timedelta(days=self.state.policy.appeal_decision_days)
        self._move(
            "lodge_appeal",
            self.AppealLodged,
            actor=actor,
            at=at,
            inputs={"reason": reason},
            reason=reason.strip(),
            lodged_on=at.date(),
            decision_due_on=due,
        )

    def uphold_appeal(
        self,
        remedy: AppealRemedy,
        reason: str,
        *,
        panel: Sequence[str],
        actor: Actor,
        at: datetime,
    ) -> None:
        """Uphold the appeal: revised decision, or re-assessment by another assessor (R51, R52)."""
        dest = (
            Stage.COMPETENT
            if remedy is AppealRemedy.REVISED_DECISION
            else Stage.PORTFOLIO_SUBMITTED
        )
        self._move(
            "uphold_appeal",
            self.AppealUpheld,
            actor=actor,
            at=at,
            dest=dest,
            inputs={"panel": list(panel), "remedy": remedy, "reason": reason},
            panel=[p.strip() for p in panel],
            remedy=remedy,
            reason=reason.strip(),
            decided_on=at.date(),
            units_to_assess=self.units_needing_reassessment(at.date()),
        )

    def reject_appeal(
        self, reason: str, *, panel: Sequence[str], actor: Actor, at: datetime
    ) -> None:
        """Reject the appeal; the BK decision stands (R51, R52)."""
        self._move(
            "reject_appeal",
            self.AppealRejected,
            actor=actor,
            at=at,
            inputs={"panel": list(panel)},
            panel=[p.strip() for p in panel],
            reason=reason.strip(),
            decided_on=at.date(),
        )

    def close_appeal_window(self, *, actor: Actor, at: datetime) -> None:
        """Close the appeal window once it has passed (made by the sweep, R49)."""
        self._move("close_appeal_window", self.AppealWindowClosed, actor=actor, at=at)

    def request_reassessment(
        self, entries: Sequence[SelfAssessment], *, actor: Actor, at: datetime
    ) -> None:
        """Request a re-assessment with a new portfolio for the units to assess again (R54)."""
        needed = self.units_needing_reassessment(at.date())
        given = [e for e in entries if e.unit in self.state.unit_codes]
        units = [u for u in self.state.unit_codes if u in needed or u in {e.unit for e in given}]
        self._move(
            "request_reassessment",
            self.ReassessmentRequested,
            actor=actor,
            at=at,
            inputs={"entries": entries},
            entries=_entries(given),
            units_to_assess=units,
            attempt=self.state.attempt + 1,
        )

    # -- the certificate --------------------------------------------------------------------

    def print_certificate(self, number: str, *, actor: Actor, at: datetime) -> None:
        """Give the certificate its number and validity and record it printed (R36-R38).

        Validity runs from the decision date for the scheme's ``validity_months``; the last
        valid day is the day before the same date that many months later.
        """
        decision = self.decide_move(
            "print_certificate", actor, self._ctx("print_certificate", actor, at, number=number)
        )
        assert self.state.decided_on is not None  # the competent stage guarantees a decision
        valid_from = self.state.decided_on
        months = self.state.policy.validity_months
        self.record_move(
            self.CertificatePrinted,
            decision,
            actor=actor,
            at=at,
            certificate_number=number.strip(),
            valid_from=valid_from,
            valid_until=add_months(valid_from, months) - timedelta(days=1),
        )

    def distribute_certificate(
        self,
        recipient: Recipient,
        channel: Channel,
        receipt_ref: str = "",
        *,
        actor: Actor,
        at: datetime,
    ) -> None:
        """Record the hand-over and whether it met the distribution deadline (R40, R41)."""
        today = at.date()
        self._move(
            "distribute_certificate",
            self.CertificateDistributed,
            actor=actor,
            at=at,
            recipient=recipient,
            channel=channel,
            distributed_on=today,
            due_on=self.state.distribution_due_on,
            deadline_met=today <= self.state.distribution_due_on,
            days_after_assessment=(today - self.state.assessment_date).days,
            receipt_ref=receipt_ref.strip(),
        )

    def record_registration_number(self, number: str, *, actor: Actor, at: datetime) -> None:
        """Record the BNSP registration number, once (R37)."""
        self._move(
            "record_registration_number",
            self.RegistrationNumberRecorded,
            actor=actor,
            at=at,
            inputs={"number": number},
            registration_number=number.strip(),
        )

    def reissue_certificate(self, reason: str, *, actor: Actor, at: datetime) -> None:
        """Print a duplicate with the same number and validity; earlier copies are void (R48)."""
        self._move(
            "reissue_certificate",
            self.CertificateReissued,
            actor=actor,
            at=at,
            inputs={"reason": reason},
            copy=self.state.certificate_copy + 1,
            reason=reason.strip(),
        )

    # -- maintenance ------------------------------------------------------------------------

    def record_surveillance(
        self, summary: str, *, satisfactory: bool = True, actor: Actor, at: datetime
    ) -> None:
        """Record a surveillance of the holder (R43)."""
        self._move(
            "record_surveillance",
            self.SurveillanceRecorded,
            actor=actor,
            at=at,
            inputs={"reason": summary},
            summary=summary.strip(),
            satisfactory=satisfactory,
            recorded_on=at.date(),
        )

    def suspend(
        self, grounds: str, *, resolve_by: date, reason: str = "", actor: Actor, at: datetime
    ) -> None:
        """Suspend the certificate on listed grounds until ``resolve_by`` (R44, R45)."""
        self._move(
            "suspend",
            self.Suspended,
            actor=actor,
            at=at,
            inputs={"grounds": grounds, "resolve_by": resolve_by},
            grounds=grounds,
            reason=reason.strip(),
            resolve_by=resolve_by,
        )

    def lift_suspension(self, reason: str, *, actor: Actor, at: datetime) -> None:
        """Lift the suspension (R44)."""
        self._move(
            "lift_suspension",
            self.SuspensionLifted,
            actor=actor,
            at=at,
            inputs={"reason": reason},
            reason=reason.strip(),
        )

    def revoke(self, grounds: str, reason: str = "", *, actor: Actor, at: datetime) -> None:
        """Revoke the certificate on listed grounds (R44, R45)."""
        self._move(
            "revoke",
            self.Revoked,
            actor=actor,
            at=at,
            inputs={"grounds": grounds},
            grounds=grounds,
            reason=reason.strip(),
        )

    def expire(self, *, actor: Actor, at: datetime) -> None:
        """Record the end of validity (made by the sweep, R46)."""
        self._move("expire", self.Expired, actor=actor, at=at, expired_on=at.date())

    def supersede(self, by: Certification, *, actor: Actor, at: datetime) -> None:
        """Record that the recertification ``by`` replaced this certification (R47)."""
        self._move(
            "supersede",
            self.Superseded,
            actor=actor,
            at=at,
            inputs={"superseded_by": by},
            superseded_by=by.id,
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
