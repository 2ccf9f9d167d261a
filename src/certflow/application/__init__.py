"""Use cases: the :class:`CertificationBody` facade, its settings, views and ports.

The body is assembled by :func:`certflow.bootstrap.open` (also ``certflow.open``).
"""

from __future__ import annotations

from certflow.application.access import (
    DEFAULT_TOKEN_DAYS,
    ApiTokenView,
    Authenticated,
    IdentityLinkView,
    IssuedToken,
    subject_digest,
)
from certflow.application.acting import acting_roles, actor_for, candidate_subject
from certflow.application.audit import AuditFinding, AuditReport, AuditRule, ReplayReport
from certflow.application.audit_impartiality import ImpartialityFinding, ImpartialityReport
from certflow.application.body import CertificationBody
from certflow.application.certificates import (
    CertificateCheck,
    CertificateStatus,
    NameCheck,
    TokenClaims,
    certificate_url,
)
from certflow.application.chain import VerifyReport
from certflow.application.checkpointing import DEFAULT_CHECKPOINT_EVERY, DEFAULT_CHECKPOINT_SECONDS
from certflow.application.checkpoints import (
    CheckpointKey,
    PrefixFinding,
    PrefixReport,
    check_consistency,
    check_inclusion,
)
from certflow.application.complaints import ComplaintView
from certflow.application.credentials import (
    CredentialFacts,
    CredentialSigner,
    achievement_credential,
    identity_hash,
)
from certflow.application.data_protection import (
    BreachView,
    CorrectionView,
    RetentionItem,
    RetentionPolicy,
)
from certflow.application.disclosure import (
    BnspCandidate,
    BnspReport,
    DisclosureBasisView,
    SponsorCount,
    SponsorView,
    region_of,
)
from certflow.application.documents import CertificateProfile, Signatory
from certflow.application.erasure import ErasureReport, ErasureState
from certflow.application.event_catalog import (
    MAJOR_VERSIONS,
    SCHEMA_BASE,
    VERSIONING_ADVICE,
    WITHHELD,
    event_data,
    event_schema,
    incompatible_changes,
    public_event_classes,
    public_type,
    schema_conflicts,
    schema_documents,
)
from certflow.application.intake import ImportReport, IntakeFileError, IntakeLimits, RowProblem
from certflow.application.maintenance import SweepReport
from certflow.application.notes import ForgedNoteError, SignedCheckpoint
from certflow.application.ports import (
    OpenedToken,
    SigningKey,
    SubjectStore,
    TokenSigner,
    TokenState,
    TokenVerifier,
    VerifyingKey,
)
from certflow.application.profile import KeyPaths, LspProfile
from certflow.application.quarantine import QuarantineView
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
from certflow.application.settings import DEFAULT_STORE, StoreSettings, environment_language
from certflow.application.staff import StaffMember
from certflow.application.subjects import PersonalData, SubjectKind, SubjectRecord
from certflow.application.tuk import TukCheckInput, TukVerificationView, TukView
from certflow.application.validation_messages import problem as validation_problem
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
    "DEFAULT_CHECKPOINT_EVERY",
    "DEFAULT_CHECKPOINT_SECONDS",
    "DEFAULT_STORE",
    "DEFAULT_TOKEN_DAYS",
    "MAJOR_VERSIONS",
    "SCHEMA_BASE",
    "SYSTEM",
    "VERSIONING_ADVICE",
    "VIEW_NAMES",
    "WITHHELD",
    "ApiTokenView",
    "AssessorView",
    "AuditFinding",
    "AuditReport",
    "AuditRule",
    "Authenticated",
    "BnspCandidate",
    "BnspReport",
    "BreachView",
    "CertificateCheck",
    "CertificateProfile",
    "CertificateStatus",
    "CertificationBody",
    "CertificationSummary",
    "CertificationView",
    "CheckpointKey",
    "ComplaintView",
    "CorrectionView",
    "CredentialFacts",
    "CredentialSigner",
    "DeadlineBoard",
    "DeadlineEntry",
    "DeadlineView",
    "DisclosureBasisView",
    "ErasureReport",
    "ErasureState",
    "FieldChange",
    "ForgedNoteError",
    "HistoryEntry",
    "IdentityLinkView",
    "ImpartialityFinding",
    "ImpartialityReport",
    "ImportReport",
    "IntakeFileError",
    "IntakeLimits",
    "IssuedToken",
    "KeyPaths",
    "LspProfile",
    "NameCheck",
    "OpenedToken",
    "OverdueItem",
    "PersonalData",
    "PrefixFinding",
    "PrefixReport",
    "ProjectionStatus",
    "QuarantineView",
    "ReadModels",
    "RegisterEntry",
    "ReplayReport",
    "RetentionItem",
    "RetentionPolicy",
    "RowProblem",
    "SchemeView",
    "Services",
    "SessionView",
    "Signatory",
    "SignedCheckpoint",
    "SigningKey",
    "SponsorCount",
    "SponsorView",
    "StaffMember",
    "StageCount",
    "StoreSettings",
    "SubjectKind",
    "SubjectRecord",
    "SubjectStore",
    "SweepReport",
    "TokenClaims",
    "TokenSigner",
    "TokenState",
    "TokenVerifier",
    "TukCheckInput",
    "TukVerificationView",
    "TukView",
    "UnitResult",
    "VerifyReport",
    "VerifyingKey",
    "WorkloadEntry",
    "achievement_credential",
    "acting_roles",
    "actor_for",
    "candidate_subject",
    "certificate_url",
    "check_consistency",
    "check_inclusion",
    "check_offline",
    "describe_view",
    "event_data",
    "event_schema",
    "identity_hash",
    "incompatible_changes",
    "public_event_classes",
    "public_type",
    "region_of",
    "scenarios_by_rule",
    "schema_conflicts",
    "schema_documents",
    "subject_digest",
    "validation_problem",
]
