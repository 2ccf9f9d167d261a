"""The events of a certification: facts recorded once, replayed by evolving the state.

Replaying an event computes the next :class:`CertificationState` from the last one (never
deciding, never changing the last state in place).

Each class is nested into :class:`~certflow.domain.Certification` under the same name; its
explicit ``TOPIC`` is what is stored, so the Python name and module may change freely.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from certflow.domain.appeal_events import (
    AppealLodged,
    AppealPanelFormed,
    AppealRejected,
    AppealUpheld,
    AppealWindowClosed,
    ReassessmentRequested,
    competent_since,
    self_assessments,
)
from certflow.domain.certificate_events import (
    CertificateDistributed,
    CertificatePrinted,
    CertificateReissued,
    DefinitionMigrated,
    Expired,
    RegistrationNumberRecorded,
    Revoked,
    Superseded,
    SurveillanceOverdue,
    SurveillanceRecorded,
    Suspended,
    SuspensionLifted,
)
from certflow.domain.certification_state import CertificationEvent, CertificationState
from certflow.domain.instrument_events import EvidenceCorrected, checked
from certflow.domain.preassessment_events import (
    AdjustmentRecorded,
    AssessmentModeRecorded,
    ResultAcknowledged,
    ResultRejected,
    SelfAssessmentReviewed,
)
from certflow.domain.values import (
    AssessmentMethod,
    Purpose,
    SchemePolicy,
    Verdict,
)
from certflow.engine import WorkflowStarted

__all__ = [
    "AdjustmentRecorded",
    "Admitted",
    "AgreementSigned",
    "AppealLodged",
    "AppealPanelFormed",
    "AppealRejected",
    "AppealUpheld",
    "AppealWindowClosed",
    "ApplicationRejected",
    "AssessmentMissed",
    "AssessmentModeRecorded",
    "AssessorAssigned",
    "CertificateDistributed",
    "CertificatePrinted",
    "CertificateReissued",
    "Decided",
    "DefinitionMigrated",
    "DocumentsRequested",
    "EvidenceCorrected",
    "Expired",
    "FurtherEvidenceRecorded",
    "FurtherEvidenceRequested",
    "InterviewRecorded",
    "PortfolioSubmitted",
    "PortfolioVerified",
    "ReassessmentRequested",
    "RecommendationRecorded",
    "ReferredBack",
    "Registered",
    "RegistrationNumberRecorded",
    "ResultAcknowledged",
    "ResultRejected",
    "Revoked",
    "SelfAssessmentReviewed",
    "Superseded",
    "SurveillanceOverdue",
    "SurveillanceRecorded",
    "Suspended",
    "SuspensionLifted",
    "Withdrawn",
]


class Registered(WorkflowStarted):
    """The candidate applied (FR.APL.01); the scheme's units, methods and policy were recorded."""

    TOPIC = "certflow/Certification.Registered"
    subject_id: UUID
    scheme_id: UUID
    scheme_code: str
    scheme_version: int
    units: list[str]
    methods: list[AssessmentMethod]
    session_id: UUID
    session_starts_on: date
    assessment_date: date
    purpose: Purpose
    policy: dict[str, Any]
    """The scheme's :class:`SchemePolicy` as stored (a dict; parsed when the event is applied)."""
    distribution_due_on: date
    previous_certification_id: UUID | None
    logbook_evidence: list[str]
    """A recertification's logbook or activity evidence, as document references (R47)."""
    certificate_prefix: str = ""
    number_format: str = ""
    """The scheme's certificate prefix and number format at registration: what printing needs
    (R37), so printing does not read the scheme again. Empty: not recorded (before version 3)."""
    class_version = 3

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """Version 1 recorded no logbook evidence: an empty list, meaning not recorded."""
        state["logbook_evidence"] = []

    @staticmethod
    def upcast_v2_v3(state: dict[str, Any]) -> None:
        """Version 2 recorded no number format: empty, so printing reads the scheme's."""
        state["certificate_prefix"] = ""
        state["number_format"] = ""

    def record(self, aggregate: Any) -> None:
        """Start the aggregate's state."""
        aggregate.state = self.start()

    def start(self) -> CertificationState:
        """The first state: the application's facts; every other fact at its default."""
        return CertificationState.first(
            subject_id=self.subject_id,
            scheme_id=self.scheme_id,
            scheme_code=self.scheme_code,
            scheme_version=self.scheme_version,
            unit_codes=tuple(self.units),
            scheme_methods=tuple(self.methods),
            session_id=self.session_id,
            session_starts_on=self.session_starts_on,
            assessment_date=self.assessment_date,
            purpose=self.purpose,
            policy=SchemePolicy.model_validate(self.policy),
            distribution_due_on=self.distribution_due_on,
            previous_certification_id=self.previous_certification_id,
            logbook_evidence=tuple(self.logbook_evidence),
            certificate_prefix=self.certificate_prefix,
            number_format=self.number_format,
            registered_at=self.at,
            units_to_assess=tuple(self.units),
        )


class DocumentsRequested(CertificationEvent):
    """The LSP asked for missing documents; the application stays registered (R5)."""

    TOPIC = "certflow/Certification.DocumentsRequested"
    documents: list[str]

    def evolve(self, state: CertificationState) -> CertificationState:
        """Remember what was asked for."""
        return state.evolve(documents_requested=(*state.documents_requested, *self.documents))


class Admitted(CertificationEvent):
    """The application was admitted (diterima, R4)."""

    TOPIC = "certflow/Certification.Admitted"

    def evolve(self, state: CertificationState) -> CertificationState:
        """Mark admitted."""
        return state.evolve(admitted=True)


class ApplicationRejected(CertificationEvent):
    """The application was rejected with a reason (tidak diterima, R4)."""

    TOPIC = "certflow/Certification.ApplicationRejected"
    reason: str

    def evolve(self, state: CertificationState) -> CertificationState:
        """Keep the reason."""
        return state.evolve(rejection_reason=self.reason)


class PortfolioSubmitted(CertificationEvent):
    """The FR.APL.02 self-assessment and portfolio evidence were handed in."""

    TOPIC = "certflow/Certification.PortfolioSubmitted"
    entries: list[dict[str, Any]]

    def evolve(self, state: CertificationState) -> CertificationState:
        """Keep the entries."""
        return state.evolve(self_assessment=self_assessments(self.entries))


class AssessorAssigned(CertificationEvent):
    """An assessor was assigned after declaring conflicts of interest (R9-R12)."""

    TOPIC = "certflow/Certification.AssessorAssigned"
    assessor_id: UUID
    met_number: str
    licence_valid_until: date
    conflict_declared: bool
    conflict_details: str
    mitigation: str
    voided: tuple[str, ...] = ()
    """What the previous assessor did that this assignment voids (``FR.IA.08``: their
    portfolio verification), decided when assigning (R12, R15); empty in older events."""

    def evolve(self, state: CertificationState) -> CertificationState:
        """Set the current assessor; a new assessor signs the agreement and verifies afresh."""
        same = state.assessor_id == self.assessor_id
        known = self.assessor_id in state.assessor_ids
        changes: dict[str, Any] = {}
        if "FR.IA.08" in self.voided:
            changes = {"portfolio_verified": False, "vatm": {}, "instrument_versions": ()}
        return state.evolve(
            assessor_id=self.assessor_id,
            assessor_ids=state.assessor_ids if known else (*state.assessor_ids, self.assessor_id),
            agreement_signed_by=state.agreement_signed_by if same else (),
            agreed_methods=state.agreed_methods if same else (),
            **changes,
        )


class AgreementSigned(CertificationEvent):
    """One party signed the FR.AK.01 assessment and confidentiality agreement (R18-R20)."""

    TOPIC = "certflow/Certification.AgreementSigned"
    signer: str
    """``candidate`` or ``assessor``."""
    methods: list[AssessmentMethod]
    appeal_process_explained: bool

    def evolve(self, state: CertificationState) -> CertificationState:
        """Add the signature."""
        return state.evolve(
            agreement_signed_by=(*state.agreement_signed_by, self.signer),
            agreed_methods=tuple(self.methods),
        )


class PortfolioVerified(CertificationEvent):
    """The assessor checked the portfolio against VATM (FR.IA.08, R22)."""

    TOPIC = "certflow/Certification.PortfolioVerified"
    checks: list[dict[str, Any]]

    def evolve(self, state: CertificationState) -> CertificationState:
        """A unit meets VATM when every item checked for it does; corrections may follow (R25)."""
        return checked(state, self.checks, self.originator_version)


class AssessmentMissed(CertificationEvent):
    """The candidate did not attend; back to assignment, or withdrawn at the limit (R56)."""

    TOPIC = "certflow/Certification.AssessmentMissed"
    no_shows: int

    def evolve(self, state: CertificationState) -> CertificationState:
        """Count it and send the case back to assignment."""
        return state.evolve(
            no_shows=self.no_shows, assessor_id=None, agreement_signed_by=(), agreed_methods=()
        )


class InterviewRecorded(CertificationEvent):
    """The FR.IA.09 interview was held."""

    TOPIC = "certflow/Certification.InterviewRecorded"
    assessor_id: UUID
    interviewed_on: date
    distribution_due_on: date | None = None
    """A re-assessment's new distribution deadline, counted from its interview (R41); ``None``
    for a first assessment, whose deadline counts from the session."""
    tuk_id: UUID | None = None
    """The TUK the interview was held at (R24); ``None`` in interviews recorded before TUKs
    were verified."""

    def evolve(self, state: CertificationState) -> CertificationState:
        """Keep the date (and a re-assessment's new distribution deadline)."""
        if self.distribution_due_on is None:
            return state.evolve(interviewed_on=self.interviewed_on)
        return state.evolve(
            interviewed_on=self.interviewed_on, distribution_due_on=self.distribution_due_on
        )


class FurtherEvidenceRequested(CertificationEvent):
    """The assessor asked for further evidence (asesmen lanjut, R28)."""

    TOPIC = "certflow/Certification.FurtherEvidenceRequested"
    request: str

    def evolve(self, state: CertificationState) -> CertificationState:
        """Open the request."""
        return state.evolve(further_evidence_open=True)


class FurtherEvidenceRecorded(CertificationEvent):
    """The further evidence asked for was recorded."""

    TOPIC = "certflow/Certification.FurtherEvidenceRecorded"
    evidence: list[str]

    def evolve(self, state: CertificationState) -> CertificationState:
        """Close the request."""
        return state.evolve(
            further_evidence=(*state.further_evidence, *self.evidence), further_evidence_open=False
        )


class RecommendationRecorded(CertificationEvent):
    """The assessor's FR.AK.02 recommendation and FR.AK.05 report: K/BK per unit and overall."""

    TOPIC = "certflow/Certification.RecommendationRecorded"
    assessor_id: UUID
    unit_results: dict[str, Verdict]
    recommendation: Verdict
    follow_up: str

    def evolve(self, state: CertificationState) -> CertificationState:
        """Keep the results (carried-over units keep theirs)."""
        return state.evolve(
            unit_results={**state.unit_results, **self.unit_results},
            recommendation=self.recommendation,
            recommendation_version=self.originator_version,
            follow_up=self.follow_up,
            result_acknowledged=None,  # a new result waits for the candidate's answer (R29)
            result_rejection_reason="",
        )


class ReferredBack(CertificationEvent):
    """The committee referred the case back to the assessor for further evidence (R34)."""

    TOPIC = "certflow/Certification.ReferredBack"
    reason: str

    def evolve(self, state: CertificationState) -> CertificationState:
        """Withdraw the recommendation and open a further-evidence request."""
        return state.evolve(recommendation=None, further_evidence_open=True)


class Decided(CertificationEvent):
    """The certification committee decided competent or not yet competent.

    Version 2 records the decision's content (R33): the outcome of every unit, the position in
    this record of the recommendation and of the report it relied on, and the deciders' person
    ids. Events stored by version 1 are upcast with ``unit_outcomes`` and ``deciders`` empty and
    both references ``None``: not recorded (the recording actor stays in the envelope).
    """

    TOPIC = "certflow/Certification.Decided"
    class_version = 2
    outcome: Verdict
    recommendation: Verdict
    justification: str
    decided_on: date
    appeal_window_ends_on: date | None
    unit_outcomes: dict[str, Verdict] | None = None
    """K/BK per unit of the scheme version; empty (or ``None``): not recorded."""
    deciders: list[str] | None = None
    """The deciders' canonical person ids; empty (or ``None``): not recorded."""
    recommendation_version: int | None = None
    """The position in this record of the recommendation relied on; ``None``: not recorded."""
    report_version: int | None = None
    """The position in this record of the report relied on; ``None``: not recorded."""

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """Version 1 recorded no decision content: empty and ``None`` mean not recorded."""
        state["unit_outcomes"] = {}
        state["deciders"] = []
        state["recommendation_version"] = None
        state["report_version"] = None

    def evolve(self, state: CertificationState) -> CertificationState:
        """Keep the decision and when each competent unit became competent."""
        results = {**state.unit_results, **(self.unit_outcomes or {})}
        competent = [u for u, v in results.items() if v is Verdict.COMPETENT]
        named = [d for d in self.deciders or () if d not in state.deciders] or [self.actor_id]
        return state.evolve(
            outcome=self.outcome,
            justification=self.justification,
            decided_on=self.decided_on,
            deciders=(*state.deciders, *named),
            appeal_window_ends_on=self.appeal_window_ends_on,
            k_since=competent_since(state, competent, self.decided_on),
        )


class Withdrawn(CertificationEvent):
    """The candidate withdrew before the decision (R57)."""

    TOPIC = "certflow/Certification.Withdrawn"
    reason: str

    def evolve(self, state: CertificationState) -> CertificationState:
        """Keep the reason."""
        return state.evolve(withdrawal_reason=self.reason)
