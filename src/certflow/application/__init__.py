"""Use cases: the :class:`CertificationBody` facade, its settings, views and subject store."""

from __future__ import annotations

from certflow.application.body import CertificationBody, open
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
    "CertificationBody",
    "CertificationSummary",
    "CertificationView",
    "DeadlineView",
    "HistoryEntry",
    "PersonalData",
    "SchemeView",
    "SessionView",
    "StoreSettings",
    "SubjectKind",
    "SubjectRecord",
    "UnitResult",
    "open",
    "parse_store_url",
]
