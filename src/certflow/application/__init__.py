"""Use cases: the :class:`CertificationBody` facade, its settings, views and subject store."""

from __future__ import annotations

from certflow.application.audit import AuditFinding, AuditReport, AuditRule, ReplayReport
from certflow.application.body import CertificationBody, SweepReport, open
from certflow.application.certificates import (
    CertificateCheck,
    CertificateStatus,
    create_keys,
    load_private_key,
    load_public_key,
)
from certflow.application.chain import VerifyReport
from certflow.application.chain import verify as verify_chain
from certflow.application.intake import ImportReport, RowProblem
from certflow.application.pdf import CertificateProfile, Signatory, render_certificates
from certflow.application.readmodels import (
    VIEW_NAMES,
    DeadlineBoard,
    DeadlineEntry,
    OverdueItem,
    ProjectionStatus,
    ReadModels,
    RegisterEntry,
    StageCount,
    WorkloadEntry,
)
from certflow.application.readmodels import describe as describe_view
from certflow.application.rulebook import scenarios_by_rule
from certflow.application.settings import DEFAULT_STORE, StoreSettings, parse_store_url
from certflow.application.subjects import PersonalData, SubjectKind, SubjectRecord
from certflow.application.timetravel import FieldChange
from certflow.application.verification import check_offline
from certflow.application.views import (
    AssessorView,
    CertificationSummary,
    CertificationView,
    DeadlineView,
    HistoryEntry,
    SchemeView,
    SessionView,
    UnitResult,
)

__all__ = [
    "DEFAULT_STORE",
    "VIEW_NAMES",
    "AssessorView",
    "AuditFinding",
    "AuditReport",
    "AuditRule",
    "CertificateCheck",
    "CertificateProfile",
    "CertificateStatus",
    "CertificationBody",
    "CertificationSummary",
    "CertificationView",
    "DeadlineBoard",
    "DeadlineEntry",
    "DeadlineView",
    "FieldChange",
    "HistoryEntry",
    "ImportReport",
    "OverdueItem",
    "PersonalData",
    "ProjectionStatus",
    "ReadModels",
    "RegisterEntry",
    "ReplayReport",
    "RowProblem",
    "SchemeView",
    "SessionView",
    "Signatory",
    "StageCount",
    "StoreSettings",
    "SubjectKind",
    "SubjectRecord",
    "SweepReport",
    "UnitResult",
    "VerifyReport",
    "WorkloadEntry",
    "check_offline",
    "create_keys",
    "describe_view",
    "load_private_key",
    "load_public_key",
    "open",
    "parse_store_url",
    "render_certificates",
    "scenarios_by_rule",
    "verify_chain",
]
