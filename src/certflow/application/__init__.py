"""Use cases: the :class:`CertificationBody` facade, its settings, views and ports.

The body is assembled by :func:`certflow.bootstrap.open` (also ``certflow.open``).
"""

from __future__ import annotations

from certflow.application.body import CertificationBody
from certflow.application.certificates import CertificateCheck, CertificateStatus
from certflow.application.documents import CertificateProfile, Signatory
from certflow.application.intake import ImportReport, RowProblem
from certflow.application.readmodels import (
    DeadlineBoard,
    DeadlineEntry,
    OverdueItem,
    ProjectionStatus,
    ReadModels,
    RegisterEntry,
    StageCount,
    WorkloadEntry,
)
from certflow.application.settings import DEFAULT_STORE, StoreSettings
from certflow.application.subjects import PersonalData, SubjectKind, SubjectRecord
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
    "AssessorView",
    "CertificateCheck",
    "CertificateProfile",
    "CertificateStatus",
    "CertificationBody",
    "CertificationSummary",
    "CertificationView",
    "DeadlineBoard",
    "DeadlineEntry",
    "DeadlineView",
    "HistoryEntry",
    "ImportReport",
    "OverdueItem",
    "PersonalData",
    "ProjectionStatus",
    "ReadModels",
    "RegisterEntry",
    "RowProblem",
    "SchemeView",
    "SessionView",
    "Signatory",
    "StageCount",
    "StoreSettings",
    "SubjectKind",
    "SubjectRecord",
    "UnitResult",
    "WorkloadEntry",
]
