"""Use cases: the :class:`CertificationBody` facade, its settings, views and subject store."""

from __future__ import annotations

from certflow.application.body import CertificationBody, open
from certflow.application.certificates import (
    CertificateCheck,
    CertificateStatus,
    create_keys,
    load_private_key,
    load_public_key,
)
from certflow.application.intake import ImportReport, RowProblem
from certflow.application.pdf import CertificateProfile, Signatory, render_certificates
from certflow.application.settings import DEFAULT_STORE, StoreSettings, parse_store_url
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
    "DeadlineView",
    "HistoryEntry",
    "ImportReport",
    "PersonalData",
    "RowProblem",
    "SchemeView",
    "SessionView",
    "Signatory",
    "StoreSettings",
    "SubjectKind",
    "SubjectRecord",
    "UnitResult",
    "create_keys",
    "load_private_key",
    "load_public_key",
    "open",
    "parse_store_url",
    "render_certificates",
]
