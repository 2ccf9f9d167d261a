"""certflow: an event-sourced workflow engine for professional competency certification.

Open a certification body on a store, add schemes, assessors, sessions and candidates, move each
certification along its path, and read any record's audited history::

    import certflow
    lsp = certflow.open("sqlite:///certflow.db")

``certflow.open`` is the one public name not in ``__all__``, so that ``from certflow import *``
leaves the builtin ``open`` alone.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError as _PackageNotFoundError
from importlib.metadata import version as _version

from certflow.adapters.extras import MissingExtraError
from certflow.adapters.keys import checkpoint_key, create_keys, load_private_key, load_public_key
from certflow.adapters.pdf import render_certificates
from certflow.application import (
    AssessorView,
    AuditReport,
    CertificateCheck,
    CertificateProfile,
    CertificateStatus,
    CertificationBody,
    CertificationSummary,
    CertificationView,
    CheckpointKey,
    ErasureReport,
    ErasureState,
    FieldChange,
    ForgedNoteError,
    HistoryEntry,
    ImportReport,
    NameCheck,
    OverdueItem,
    PersonalData,
    PrefixFinding,
    PrefixReport,
    ReadModels,
    ReplayReport,
    SchemeView,
    SessionView,
    Signatory,
    SignedCheckpoint,
    SigningKey,
    StaffMember,
    StoreSettings,
    SubjectRecord,
    SubjectStore,
    SweepReport,
    VerifyingKey,
    VerifyReport,
)
from certflow.bootstrap import open as open  # public as certflow.open, never exported under *
from certflow.domain import (
    WIB,
    WIT,
    WITA,
    AppealRemedy,
    Appointment,
    AssessmentMethod,
    Channel,
    CompetencyUnit,
    ConflictDeclaration,
    Declaration,
    EvidenceCheck,
    Purpose,
    Recipient,
    Relation,
    Role,
    SchemePolicy,
    SelfAssessment,
    Stage,
    SubjectStatus,
    TukKind,
    Verdict,
)
from certflow.engine import (
    Actor,
    AlreadyExistsError,
    CertflowError,
    Clock,
    ConcurrencyConflictError,
    DefinitionError,
    FixedClock,
    InvalidInputError,
    NotAuthorizedError,
    NotFoundError,
    RejectedError,
    RuleViolatedError,
    SystemClock,
    TransitionNotAllowedError,
    Violation,
)

try:
    __version__ = _version("certflow")
except _PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

__all__ = [
    "WIB",
    "WIT",
    "WITA",
    "Actor",
    "AlreadyExistsError",
    "AppealRemedy",
    "Appointment",
    "AssessmentMethod",
    "AssessorView",
    "AuditReport",
    "CertflowError",
    "CertificateCheck",
    "CertificateProfile",
    "CertificateStatus",
    "CertificationBody",
    "CertificationSummary",
    "CertificationView",
    "Channel",
    "CheckpointKey",
    "Clock",
    "CompetencyUnit",
    "ConcurrencyConflictError",
    "ConflictDeclaration",
    "Declaration",
    "DefinitionError",
    "ErasureReport",
    "ErasureState",
    "EvidenceCheck",
    "FieldChange",
    "FixedClock",
    "ForgedNoteError",
    "HistoryEntry",
    "ImportReport",
    "InvalidInputError",
    "MissingExtraError",
    "NameCheck",
    "NotAuthorizedError",
    "NotFoundError",
    "OverdueItem",
    "PersonalData",
    "PrefixFinding",
    "PrefixReport",
    "Purpose",
    "ReadModels",
    "Recipient",
    "RejectedError",
    "Relation",
    "ReplayReport",
    "Role",
    "RuleViolatedError",
    "SchemePolicy",
    "SchemeView",
    "SelfAssessment",
    "SessionView",
    "Signatory",
    "SignedCheckpoint",
    "SigningKey",
    "StaffMember",
    "Stage",
    "StoreSettings",
    "SubjectRecord",
    "SubjectStatus",
    "SubjectStore",
    "SweepReport",
    "SystemClock",
    "TransitionNotAllowedError",
    "TukKind",
    "Verdict",
    "VerifyReport",
    "VerifyingKey",
    "Violation",
    "__version__",
    "checkpoint_key",
    "create_keys",
    "load_private_key",
    "load_public_key",
    "render_certificates",
]
# `open` is public as `certflow.open` but left out of __all__: `from certflow import *` must not
# shadow the builtin open().
