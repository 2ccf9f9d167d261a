"""Use cases: the :class:`CertificationBody` facade, its settings, views and subject store."""

from __future__ import annotations

from certflow.application.audit import AuditFinding, AuditReport, AuditRule, ReplayReport
from certflow.application.body import CertificationBody
from certflow.application.certificates import (
    CertificateCheck,
    CertificateStatus,
    create_keys,
    load_private_key,
    load_public_key,
)
from certflow.application.chain import VerifyReport
from certflow.application.intake import ImportReport, RowProblem
from certflow.application.maintenance import SweepReport
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
from certflow.application.records import FieldChange
from certflow.application.rulebook import scenarios_by_rule
from certflow.application.services import SYSTEM, Services
from certflow.application.settings import (
    DEFAULT_STORE,
    StoreSettings,
    environment_language,
    parse_store_url,
)
from certflow.application.subjects import PersonalData, SubjectKind, SubjectRecord, SubjectStore
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
from certflow.engine import set_default_language

# The one place the language of messages is chosen for a certflow process: CERTFLOW_LANG.
set_default_language(environment_language)

__all__ = [
    "DEFAULT_STORE",
    "SYSTEM",
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
    "Services",
    "SessionView",
    "Signatory",
    "StageCount",
    "StoreSettings",
    "SubjectKind",
    "SubjectRecord",
    "SubjectStore",
    "SweepReport",
    "UnitResult",
    "VerifyReport",
    "WorkloadEntry",
    "check_offline",
    "create_keys",
    "describe_view",
    "load_private_key",
    "load_public_key",
    "parse_store_url",
    "render_certificates",
    "scenarios_by_rule",
]
