"""The certification domain: schemes, assessors, sessions and the Certification aggregate."""

from __future__ import annotations

from certflow.domain.assessor import (
    Assessor,
    AssessorDay,
    AssessorStatus,
    assessor_day_id,
    assessor_id,
)
from certflow.domain.candidacy import Candidacy, candidacy_id
from certflow.domain.certification import Certification, certification_id
from certflow.domain.certification_state import CertificationState
from certflow.domain.certification_workflow import (
    CERTIFICATION_DEFINITIONS,
    CERTIFICATION_WORKFLOW,
)
from certflow.domain.numbering import CertificateNumber, CertificateSeries, number_id, series_id
from certflow.domain.personnel import (
    PERSONNEL_WORKFLOW,
    REGISTER_ID,
    STAFF_ROLES,
    Person,
    PersonnelRegister,
    PersonStatus,
    canonical_person_id,
    is_canonical_person_id,
    person_record_id,
)
from certflow.domain.personnel_values import Appointment, Declaration, Relation
from certflow.domain.preassessment_values import Adjustment, AdjustmentKind, AssessmentMode
from certflow.domain.rulebook import (
    RULEBOOK,
    RuleEntry,
    roles_by_move,
    roles_markdown,
    rules_markdown,
    workflow_markdown,
)
from certflow.domain.rules import ALL_RULES
from certflow.domain.scheme import Scheme, SchemeStatus, scheme_id
from certflow.domain.session import AssessmentSession, SessionStatus, session_id
from certflow.domain.subject import SUBJECT_WORKFLOW, Subject, SubjectStatus
from certflow.domain.timezones import WIB, WIT, WITA, ZONES, business_zone
from certflow.domain.values import (
    AppealRemedy,
    AssessmentMethod,
    Channel,
    CompetencyUnit,
    ConflictDeclaration,
    EvidenceCheck,
    Purpose,
    Recipient,
    Role,
    SchemePolicy,
    SelfAssessment,
    Stage,
    TukKind,
    Verdict,
    add_months,
)
from certflow.engine import DeadlineStatus

__all__ = [
    "ALL_RULES",
    "CERTIFICATION_DEFINITIONS",
    "CERTIFICATION_WORKFLOW",
    "PERSONNEL_WORKFLOW",
    "REGISTER_ID",
    "RULEBOOK",
    "STAFF_ROLES",
    "SUBJECT_WORKFLOW",
    "WIB",
    "WIT",
    "WITA",
    "ZONES",
    "Adjustment",
    "AdjustmentKind",
    "AppealRemedy",
    "Appointment",
    "AssessmentMethod",
    "AssessmentMode",
    "AssessmentSession",
    "Assessor",
    "AssessorDay",
    "AssessorStatus",
    "Candidacy",
    "CertificateNumber",
    "CertificateSeries",
    "Certification",
    "CertificationState",
    "Channel",
    "CompetencyUnit",
    "ConflictDeclaration",
    "DeadlineStatus",
    "Declaration",
    "EvidenceCheck",
    "Person",
    "PersonStatus",
    "PersonnelRegister",
    "Purpose",
    "Recipient",
    "Relation",
    "Role",
    "RuleEntry",
    "Scheme",
    "SchemePolicy",
    "SchemeStatus",
    "SelfAssessment",
    "SessionStatus",
    "Stage",
    "Subject",
    "SubjectStatus",
    "TukKind",
    "Verdict",
    "add_months",
    "assessor_day_id",
    "assessor_id",
    "business_zone",
    "candidacy_id",
    "canonical_person_id",
    "certification_id",
    "is_canonical_person_id",
    "number_id",
    "person_record_id",
    "roles_by_move",
    "roles_markdown",
    "rules_markdown",
    "scheme_id",
    "series_id",
    "session_id",
    "workflow_markdown",
]
