"""The events of a certification: facts recorded once, replayed by copying (never deciding).

Each class is nested into :class:`~certflow.domain.Certification` under the same name; its
explicit ``TOPIC`` is what is stored, so the Python name and module may change freely.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from certflow.domain.values import (
    AppealRemedy,
    AssessmentMethod,
    Channel,
    Purpose,
    Recipient,
    Verdict,
)
from certflow.engine import WorkflowEvent, WorkflowStarted

__all__ = [
    "Admitted",
    "AgreementSigned",
    "AppealLodged",
    "AppealRejected",
    "AppealUpheld",
    "AppealWindowClosed",
    "ApplicationRejected",
    "AssessmentMissed",
    "AssessorAssigned",
    "CertificateDistributed",
    "CertificatePrinted",
    "CertificateReissued",
    "Decided",
    "DefinitionMigrated",
    "DocumentsRequested",
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
    "Revoked",
    "Superseded",
    "SurveillanceRecorded",
    "Suspended",
    "SuspensionLifted",
    "Withdrawn",
]


def _reset_assessment(aggregate: Any, units: list[str]) -> None:
    """Start a new assessment round for ``units`` (results of the other units are kept)."""
    aggregate.units_to_assess = list(units)
    aggregate.rounds += 1
    aggregate.assessor_id = None
    aggregate.agreement_signed_by = []
    aggregate.agreed_methods = []
    aggregate.vatm = {}
    aggregate.portfolio_verified = False
    aggregate.no_shows = 0
    aggregate.interviewed_on = None
    aggregate.further_evidence_open = False
    aggregate.recommendation = None
    aggregate.follow_up = ""
    aggregate.unit_results = {
        u: v for u, v in aggregate.unit_results.items() if u not in aggregate.units_to_assess
    }
    aggregate.outcome = None
    aggregate.decided_on = None
    aggregate.justification = ""
    aggregate.appeal_window_ends_on = None
    aggregate.appeal_window_closed = False
    aggregate.appeal_decision_due_on = None


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
    distribution_due_on: date
    previous_certification_id: UUID | None

    def record(self, aggregate: Any) -> None:
        """Copy the application's facts and start every other fact empty."""
        a = aggregate
        a.subject_id, a.scheme_id, a.scheme_code = self.subject_id, self.scheme_id, self.scheme_code
        a.scheme_version, a.unit_codes = self.scheme_version, list(self.units)
        a.scheme_methods = list(self.methods)
        a.session_id, a.session_starts_on = self.session_id, self.session_starts_on
        a.assessment_date, a.purpose = self.assessment_date, self.purpose
        a.policy, a.distribution_due_on = dict(self.policy), self.distribution_due_on
        a.previous_certification_id = self.previous_certification_id
        a.registered_at = self.at
        a.documents_requested, a.admitted, a.rejection_reason = [], False, ""
        a.self_assessment, a.assessor_ids, a.excluded_assessors = [], [], []
        a.deciders, a.k_since, a.attempt, a.rounds = [], {}, 1, 0
        a.unit_results = {}
        _reset_assessment(a, list(self.units))
        a.withdrawal_reason, a.further_evidence = "", []
        a.appeal_lodged_on, a.appeal_reason = None, ""
        a.certificate_number, a.valid_from, a.valid_until = None, None, None
        a.printed_on, a.certificate_copy, a.registration_number = None, 0, None
        a.distributed_on, a.distribution_deadline_met = None, None
        a.last_surveillance_on, a.suspension_grounds, a.suspension_resolve_by = None, "", None
        a.revocation_grounds, a.expired_on, a.superseded_by = "", None, None


class DocumentsRequested(WorkflowEvent):
    """The LSP asked for missing documents; the application stays registered (R5)."""

    TOPIC = "certflow/Certification.DocumentsRequested"
    documents: list[str]

    def record(self, aggregate: Any) -> None:
        """Remember what was asked for."""
        aggregate.documents_requested = [*aggregate.documents_requested, *self.documents]


class Admitted(WorkflowEvent):
    """The application was admitted (diterima, R4)."""

    TOPIC = "certflow/Certification.Admitted"

    def record(self, aggregate: Any) -> None:
        """Mark admitted."""
        aggregate.admitted = True


class ApplicationRejected(WorkflowEvent):
    """The application was rejected with a reason (tidak diterima, R4)."""

    TOPIC = "certflow/Certification.ApplicationRejected"
    reason: str

    def record(self, aggregate: Any) -> None:
        """Keep the reason."""
        aggregate.rejection_reason = self.reason


class PortfolioSubmitted(WorkflowEvent):
    """The FR.APL.02 self-assessment and portfolio evidence were handed in."""

    TOPIC = "certflow/Certification.PortfolioSubmitted"
    entries: list[dict[str, Any]]

    def record(self, aggregate: Any) -> None:
        """Keep the entries."""
        aggregate.self_assessment = [dict(e) for e in self.entries]


class AssessorAssigned(WorkflowEvent):
    """An assessor was assigned after declaring conflicts of interest (R9-R12)."""

    TOPIC = "certflow/Certification.AssessorAssigned"
    assessor_id: UUID
    met_number: str
    licence_valid_until: date
    conflict_declared: bool
    conflict_details: str
    mitigation: str

    def record(self, aggregate: Any) -> None:
        """Set the current assessor; a new assessor signs the agreement afresh."""
        if aggregate.assessor_id != self.assessor_id:
            aggregate.agreement_signed_by, aggregate.agreed_methods = [], []
        aggregate.assessor_id = self.assessor_id
        if self.assessor_id not in aggregate.assessor_ids:
            aggregate.assessor_ids = [*aggregate.assessor_ids, self.assessor_id]


class AgreementSigned(WorkflowEvent):
    """One party signed the FR.AK.01 assessment and confidentiality agreement (R18-R20)."""

    TOPIC = "certflow/Certification.AgreementSigned"
    signer: str
    """``candidate`` or ``assessor``."""
    methods: list[AssessmentMethod]
    appeal_process_explained: bool

    def record(self, aggregate: Any) -> None:
        """Add the signature."""
        aggregate.agreement_signed_by = [*aggregate.agreement_signed_by, self.signer]
        aggregate.agreed_methods = list(self.methods)


class PortfolioVerified(WorkflowEvent):
    """The assessor checked the portfolio against VATM (FR.IA.08, R22)."""

    TOPIC = "certflow/Certification.PortfolioVerified"
    checks: list[dict[str, Any]]

    def record(self, aggregate: Any) -> None:
        """A unit meets VATM when every item checked for it does."""
        vatm: dict[str, bool] = {}
        for check in self.checks:
            ok = all(check[k] for k in ("valid", "authentic", "current", "sufficient"))
            vatm[check["unit"]] = vatm.get(check["unit"], True) and ok
        aggregate.vatm = vatm
        aggregate.portfolio_verified = True


class AssessmentMissed(WorkflowEvent):
    """The candidate did not attend; back to assignment, or withdrawn at the limit (R56)."""

    TOPIC = "certflow/Certification.AssessmentMissed"
    no_shows: int

    def record(self, aggregate: Any) -> None:
        """Count it and send the case back to assignment."""
        aggregate.no_shows = self.no_shows
        aggregate.assessor_id = None
        aggregate.agreement_signed_by, aggregate.agreed_methods = [], []


class InterviewRecorded(WorkflowEvent):
    """The FR.IA.09 interview was held."""

    TOPIC = "certflow/Certification.InterviewRecorded"
    assessor_id: UUID
    interviewed_on: date

    def record(self, aggregate: Any) -> None:
        """Keep the date."""
        aggregate.interviewed_on = self.interviewed_on


class FurtherEvidenceRequested(WorkflowEvent):
    """The assessor asked for further evidence (asesmen lanjut, R28)."""

    TOPIC = "certflow/Certification.FurtherEvidenceRequested"
    request: str

    def record(self, aggregate: Any) -> None:
        """Open the request."""
        aggregate.further_evidence_open = True


class FurtherEvidenceRecorded(WorkflowEvent):
    """The further evidence asked for was recorded."""

    TOPIC = "certflow/Certification.FurtherEvidenceRecorded"
    evidence: list[str]

    def record(self, aggregate: Any) -> None:
        """Close the request."""
        aggregate.further_evidence = [*aggregate.further_evidence, *self.evidence]
        aggregate.further_evidence_open = False


class RecommendationRecorded(WorkflowEvent):
    """The assessor's FR.AK.02 recommendation and FR.AK.05 report: K/BK per unit and overall."""

    TOPIC = "certflow/Certification.RecommendationRecorded"
    assessor_id: UUID
    unit_results: dict[str, Verdict]
    recommendation: Verdict
    follow_up: str

    def record(self, aggregate: Any) -> None:
        """Keep the results (carried-over units keep theirs)."""
        aggregate.unit_results = {**aggregate.unit_results, **self.unit_results}
        aggregate.recommendation = self.recommendation
        aggregate.follow_up = self.follow_up


class ReferredBack(WorkflowEvent):
    """The committee referred the case back to the assessor for further evidence (R34)."""

    TOPIC = "certflow/Certification.ReferredBack"
    reason: str

    def record(self, aggregate: Any) -> None:
        """Withdraw the recommendation and open a further-evidence request."""
        aggregate.recommendation = None
        aggregate.further_evidence_open = True


class Decided(WorkflowEvent):
    """The certification committee decided competent or not yet competent."""

    TOPIC = "certflow/Certification.Decided"
    outcome: Verdict
    recommendation: Verdict
    justification: str
    decided_on: date
    appeal_window_ends_on: date | None

    def record(self, aggregate: Any) -> None:
        """Keep the decision and when each competent unit became competent."""
        aggregate.outcome = self.outcome
        aggregate.justification = self.justification
        aggregate.decided_on = self.decided_on
        aggregate.deciders = [*aggregate.deciders, self.actor_id]
        aggregate.appeal_window_ends_on = self.appeal_window_ends_on
        for unit, verdict in aggregate.unit_results.items():
            if verdict is Verdict.COMPETENT and unit not in aggregate.k_since:
                aggregate.k_since = {**aggregate.k_since, unit: self.decided_on}


class Withdrawn(WorkflowEvent):
    """The candidate withdrew before the decision (R57)."""

    TOPIC = "certflow/Certification.Withdrawn"
    reason: str

    def record(self, aggregate: Any) -> None:
        """Keep the reason."""
        aggregate.withdrawal_reason = self.reason


class AppealLodged(WorkflowEvent):
    """The candidate appealed the BK decision (FR.AK.04, R49) and it was acknowledged (R50)."""

    TOPIC = "certflow/Certification.AppealLodged"
    reason: str
    lodged_on: date
    decision_due_on: date

    def record(self, aggregate: Any) -> None:
        """Keep the appeal and its decision due date."""
        aggregate.appeal_reason = self.reason
        aggregate.appeal_lodged_on = self.lodged_on
        aggregate.appeal_decision_due_on = self.decision_due_on


class AppealUpheld(WorkflowEvent):
    """An independent appeal panel upheld the appeal (R51, R52)."""

    TOPIC = "certflow/Certification.AppealUpheld"
    panel: list[str]
    remedy: AppealRemedy
    reason: str
    decided_on: date
    units_to_assess: list[str]

    def record(self, aggregate: Any) -> None:
        """Revise the decision, or start a re-assessment by a different assessor."""
        aggregate.appeal_decision_due_on = None
        if self.remedy is AppealRemedy.REVISED_DECISION:
            aggregate.outcome = Verdict.COMPETENT
            aggregate.decided_on = self.decided_on
            aggregate.justification = self.reason
            aggregate.appeal_window_ends_on = None
            for unit in aggregate.unit_codes:
                aggregate.unit_results = {**aggregate.unit_results, unit: Verdict.COMPETENT}
                if unit not in aggregate.k_since:
                    aggregate.k_since = {**aggregate.k_since, unit: self.decided_on}
            return
        aggregate.excluded_assessors = [
            *aggregate.excluded_assessors,
            *(a for a in aggregate.assessor_ids if a not in aggregate.excluded_assessors),
        ]
        _reset_assessment(aggregate, self.units_to_assess)


class AppealRejected(WorkflowEvent):
    """The appeal panel rejected the appeal; the BK decision stands (R52)."""

    TOPIC = "certflow/Certification.AppealRejected"
    panel: list[str]
    reason: str
    decided_on: date

    def record(self, aggregate: Any) -> None:
        """The window does not reopen."""
        aggregate.appeal_decision_due_on = None
        aggregate.appeal_window_closed = True


class AppealWindowClosed(WorkflowEvent):
    """Time closed the appeal window (R49)."""

    TOPIC = "certflow/Certification.AppealWindowClosed"

    def record(self, aggregate: Any) -> None:
        """Close it."""
        aggregate.appeal_window_closed = True


class ReassessmentRequested(WorkflowEvent):
    """A re-assessment (asesmen ulang) was requested with a new portfolio (R54)."""

    TOPIC = "certflow/Certification.ReassessmentRequested"
    entries: list[dict[str, Any]]
    units_to_assess: list[str]
    attempt: int

    def record(self, aggregate: Any) -> None:
        """Start the next attempt on the units to assess; K units outside them carry over."""
        aggregate.attempt = self.attempt
        for unit in self.units_to_assess:
            aggregate.k_since = {u: d for u, d in aggregate.k_since.items() if u != unit}
        _reset_assessment(aggregate, self.units_to_assess)
        entries = {e["unit"]: dict(e) for e in aggregate.self_assessment}
        entries.update({e["unit"]: dict(e) for e in self.entries})
        aggregate.self_assessment = [entries[u] for u in aggregate.unit_codes if u in entries]


class CertificatePrinted(WorkflowEvent):
    """A certificate number was given and the certificate printed (R36-R38)."""

    TOPIC = "certflow/Certification.CertificatePrinted"
    certificate_number: str
    valid_from: date
    valid_until: date

    def record(self, aggregate: Any) -> None:
        """Keep the number and validity; this is copy 1."""
        aggregate.certificate_number = self.certificate_number
        aggregate.valid_from = self.valid_from
        aggregate.valid_until = self.valid_until
        aggregate.printed_on = self.at.date()
        aggregate.certificate_copy = 1


class RegistrationNumberRecorded(WorkflowEvent):
    """The BNSP registration number of the certificate was recorded (R37)."""

    TOPIC = "certflow/Certification.RegistrationNumberRecorded"
    registration_number: str

    def record(self, aggregate: Any) -> None:
        """Keep it."""
        aggregate.registration_number = self.registration_number


class CertificateReissued(WorkflowEvent):
    """A duplicate was printed with the same number and validity; earlier copies are void (R48)."""

    TOPIC = "certflow/Certification.CertificateReissued"
    copy: int
    reason: str

    def record(self, aggregate: Any) -> None:
        """Count the copy."""
        aggregate.certificate_copy = self.copy


class CertificateDistributed(WorkflowEvent):
    """The certificate was handed over; whether the distribution deadline was met (R41).

    Version 2 added ``receipt_ref``, the reference of the signed receipt (tanda terima); events
    stored by version 1 are upcast with an empty reference.
    """

    TOPIC = "certflow/Certification.CertificateDistributed"
    class_version = 2
    recipient: Recipient
    channel: Channel
    distributed_on: date
    due_on: date
    deadline_met: bool
    days_after_assessment: int
    receipt_ref: str

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """Version 1 recorded no receipt reference."""
        state["receipt_ref"] = ""

    def record(self, aggregate: Any) -> None:
        """Keep the hand-over facts."""
        aggregate.distributed_on = self.distributed_on
        aggregate.distribution_deadline_met = self.deadline_met


class SurveillanceRecorded(WorkflowEvent):
    """A surveillance of the certificate holder was recorded (R43)."""

    TOPIC = "certflow/Certification.SurveillanceRecorded"
    summary: str
    satisfactory: bool
    recorded_on: date

    def record(self, aggregate: Any) -> None:
        """Restart the surveillance interval."""
        aggregate.last_surveillance_on = self.recorded_on


class Suspended(WorkflowEvent):
    """The certificate was suspended on listed grounds until a resolve-by date (R44, R45)."""

    TOPIC = "certflow/Certification.Suspended"
    grounds: str
    reason: str
    resolve_by: date

    def record(self, aggregate: Any) -> None:
        """Keep the grounds and the resolve-by date."""
        aggregate.suspension_grounds = self.grounds
        aggregate.suspension_resolve_by = self.resolve_by


class SuspensionLifted(WorkflowEvent):
    """The suspension was lifted (R44)."""

    TOPIC = "certflow/Certification.SuspensionLifted"
    reason: str

    def record(self, aggregate: Any) -> None:
        """Clear the suspension."""
        aggregate.suspension_grounds = ""
        aggregate.suspension_resolve_by = None


class Revoked(WorkflowEvent):
    """The certificate was revoked on listed grounds (R44, R45)."""

    TOPIC = "certflow/Certification.Revoked"
    grounds: str
    reason: str

    def record(self, aggregate: Any) -> None:
        """Keep the grounds."""
        aggregate.revocation_grounds = self.grounds


class Expired(WorkflowEvent):
    """The certificate's validity ended (R46)."""

    TOPIC = "certflow/Certification.Expired"
    expired_on: date

    def record(self, aggregate: Any) -> None:
        """Keep the day."""
        aggregate.expired_on = self.expired_on


class DefinitionMigrated(WorkflowEvent):
    """The certification was moved to another version of the workflow definition."""

    TOPIC = "certflow/Certification.DefinitionMigrated"
    from_version: int
    to_version: int
    reason: str


class Superseded(WorkflowEvent):
    """A recertification cycle's certificate replaced this one (R47)."""

    TOPIC = "certflow/Certification.Superseded"
    superseded_by: UUID

    def record(self, aggregate: Any) -> None:
        """Link to the new cycle."""
        aggregate.superseded_by = self.superseded_by
