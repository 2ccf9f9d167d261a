"""Value types of the certification domain: stages, verdicts, roles, policy and command inputs.

Every Enum here is a plain ``Enum`` with stable string values (stored in events; never rename a
value). The Indonesian/BNSP term each one stands for is in ``docs/glossary.md``.
"""

from __future__ import annotations

import calendar
from datetime import date
from enum import Enum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

__all__ = [
    "SURVEILLANCE_GROUNDS",
    "AppealRemedy",
    "AssessmentMethod",
    "Channel",
    "CompetencyUnit",
    "ConflictDeclaration",
    "EvidenceCheck",
    "Purpose",
    "Recipient",
    "Role",
    "SchemePolicy",
    "SelfAssessment",
    "Stage",
    "TukKind",
    "Verdict",
    "add_months",
]

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
"""A non-empty string, trimmed."""


class Stage(Enum):
    """Stages of one candidate's certification on one scheme."""

    REGISTERED = "registered"
    """FR.APL.01 received (permohonan diajukan); documents and admission happen here."""
    PORTFOLIO_SUBMITTED = "portfolio_submitted"
    """FR.APL.02 handed in; assessor assignment, FR.AK.01 agreement and FR.IA.08 happen here."""
    INTERVIEWED = "interviewed"
    """FR.IA.09 interview held; further evidence and the FR.AK.02 recommendation happen here."""
    COMPETENT = "competent"
    """The LSP decided kompeten."""
    NOT_YET_COMPETENT = "not_yet_competent"
    """The LSP decided belum kompeten; appeal or re-assessment may follow."""
    CERTIFICATE_PRINTED = "certificate_printed"
    """Certificate number assigned, certificate printed."""
    DISTRIBUTED = "distributed"
    """Certificate handed over (serah terima); the holder is certified; surveillance here."""
    REJECTED = "rejected"
    """The application was not admitted (tidak diterima)."""
    WITHDRAWN = "withdrawn"
    """The candidate withdrew, or missed the assessment too often."""
    UNDER_APPEAL = "under_appeal"
    """A banding (FR.AK.04) against the decision is being decided."""
    SUSPENDED = "suspended"
    """The certificate is frozen (dibekukan)."""
    REVOKED = "revoked"
    """The certificate is withdrawn (dicabut)."""
    EXPIRED = "expired"
    """The certificate's validity ended (kedaluwarsa)."""
    SUPERSEDED = "superseded"
    """A recertification cycle's certificate replaced this one."""
    ASSESSMENT_DEFERRED = "assessment_deferred"
    """The assessor's FR.APL.02 review said the assessment cannot proceed yet (R7)."""


class Verdict(Enum):
    """Kompeten / Belum Kompeten, per unit and overall."""

    COMPETENT = "K"
    NOT_YET_COMPETENT = "BK"


class Purpose(Enum):
    """Tujuan asesmen on FR.APL.01 (R2)."""

    CERTIFICATION = "sertifikasi"
    RECERTIFICATION = "sertifikasi_ulang"
    CURRENT_COMPETENCY = "pkt"
    """Pengakuan kompetensi terkini."""
    PRIOR_LEARNING = "rpl"
    """Rekognisi pembelajaran lampau."""
    OTHER = "lainnya"


class Role(Enum):
    """Roles an actor can act in."""

    CANDIDATE = "candidate"
    LSP_ADMIN = "lsp_admin"
    TUK_ADMIN = "tuk_admin"
    ASSESSOR = "assessor"
    CERTIFICATION_MANAGER = "certification_manager"
    CERTIFICATION_COMMITTEE = "certification_committee"
    APPEAL_PANEL = "appeal_panel"
    HEAD_OF_LSP = "head_of_lsp"
    DATA_PROTECTION_OFFICER = "data_protection_officer"
    """Handles data subjects' requests under UU PDP (pejabat pelindungan data pribadi)."""
    SYSTEM = "system"
    """Reserved to the moves time makes due, made by certflow's own sweep."""


class AssessmentMethod(Enum):
    """Assessment methods a scheme allows (the FR.IA instruments behind them)."""

    PORTFOLIO = "portfolio"
    """FR.IA.08 portfolio verification."""
    INTERVIEW = "interview"
    """FR.IA.09 interview."""
    OBSERVATION = "observation"
    WRITTEN_TEST = "written_test"
    ORAL_QUESTIONS = "oral_questions"
    THIRD_PARTY = "third_party"
    """FR.IA.10 third-party evidence."""


class TukKind(Enum):
    """Kinds of assessment venue (TUK)."""

    AD_HOC = "sewaktu"
    WORKPLACE = "tempat_kerja"
    INDEPENDENT = "mandiri"


class Channel(Enum):
    """How a printed certificate was handed over."""

    IN_PERSON = "in_person"
    COURIER = "courier"
    POST = "post"
    UNIT_LIAISON = "unit_liaison"
    """Through the holder's unit (e.g. the Bidhumas of a Polda)."""


class Recipient(Enum):
    """Who received the certificate."""

    HOLDER = "holder"
    REPRESENTATIVE = "representative"
    """Someone authorised by the holder or their unit."""


class CompetencyUnit(BaseModel):
    """One unit of competency of a scheme (unit kompetensi), code kept verbatim."""

    model_config = ConfigDict(frozen=True)

    code: Text
    """E.g. ``M.70HMS00.031.3``."""
    title: Text
    """E.g. ``Melaksanakan Media Relations``."""


SURVEILLANCE_GROUNDS = "surveillance_not_met"
"""The grounds the sweep cites when it sanctions an overdue surveillance (R43, R45)."""


class SchemePolicy(BaseModel):
    """Scheme policy recorded with each certification at registration (never Python constants).

    Defaults follow domain.md §3.5 and §9; the distribution deadline is the Humas Polri
    programme's 30 days.
    """

    model_config = ConfigDict(frozen=True)

    validity_months: int = Field(36, ge=1, le=120)
    """Certificate validity (masa berlaku), R38."""
    distribution_deadline_days: int = Field(30, ge=1, le=365)
    """Print and hand over within this many days of the assessment, R41."""
    appeal_window_days: int = Field(30, ge=1, le=365)
    """R49."""
    max_attempts: int = Field(2, ge=1, le=10)
    """R54."""
    carry_over_months: int = Field(12, ge=0, le=60)
    """R54."""
    max_no_shows: int = Field(2, ge=1, le=10)
    """R56."""
    surveillance_interval_months: int = Field(12, ge=1, le=60)
    """R43."""
    appeal_decision_days: int = Field(30, ge=1, le=365)
    """An appeal is decided within this many days of being lodged, R50."""
    max_candidates_per_assessor_day: int = Field(10, ge=1, le=100)
    """R14."""
    suspension_grounds: tuple[str, ...] = (
        "criminal_suspect",
        "certificate_misuse",
        "surveillance_not_met",
        "complaint_substantiated",
    )
    """Grounds a suspension may cite, R45."""
    revocation_grounds: tuple[str, ...] = (
        "final_criminal_conviction",
        "ethics_breach",
        "fraudulent_evidence",
        "suspension_unresolved",
    )
    """Grounds a revocation may cite, R45; ``suspension_unresolved`` is used by the sweep."""
    remote_assessment_allowed: bool = False
    """Whether the scheme allows remote assessment (AJJ, asesmen jarak jauh), R23; not unless
    the scheme says so."""
    surveillance_reminder_days: int = Field(14, ge=1, le=365)
    """R43: an overdue surveillance is reminded; the warning follows this many days later."""
    surveillance_warning_working_days: int = Field(14, ge=1, le=120)
    """R43: the warning's deadline, in working days (Monday to Friday; TIFA uses 14)."""
    surveillance_sanction: Literal["suspend", "revoke"] = "suspend"
    """R43: what an unanswered warning leads to; certflow suspends (revocation then via R44),
    a scheme like TIFA's revokes directly. Either cites :data:`SURVEILLANCE_GROUNDS`, the
    grounds R43 itself names (in the default suspension list)."""
    surveillance_resolve_days: int = Field(30, ge=1, le=365)
    """R43, R44: a suspension for overdue surveillance is resolved within this many days."""


class SelfAssessment(BaseModel):
    """One FR.APL.02 entry: the candidate's claim for a unit and the evidence they hold (R6)."""

    model_config = ConfigDict(frozen=True)

    unit: Text
    """The unit code."""
    claim: Verdict = Verdict.COMPETENT
    """The candidate's own claim (K or BK)."""
    evidence: tuple[Text, ...] = Field(min_length=1)
    """References to portfolio documents (document ids or numbers, never personal data)."""


class EvidenceCheck(BaseModel):
    """One FR.IA.08 portfolio item checked against VATM (valid, asli, terkini, memadai), R22."""

    model_config = ConfigDict(frozen=True)

    unit: Text
    evidence: Text
    """The portfolio document reference that was checked."""
    valid: bool
    authentic: bool
    current: bool
    sufficient: bool

    @property
    def meets_vatm(self) -> bool:
        """Whether the item meets all four VATM criteria."""
        return self.valid and self.authentic and self.current and self.sufficient


class AppealRemedy(Enum):
    """What an upheld appeal leads to (R52)."""

    REVISED_DECISION = "revised_decision"
    """The decision is revised to competent."""
    REASSESSMENT = "reassessment"
    """A different assessor assesses again."""


class ConflictDeclaration(BaseModel):
    """An assessor's conflict-of-interest declaration for one candidate (R11, R12)."""

    model_config = ConfigDict(frozen=True)

    has_conflict: bool
    """Whether the assessor declares a relationship with the candidate or their unit."""
    details: str = ""
    """What the relationship is (kinship, trainer, chain of command, ...)."""
    mitigation: str = ""
    """How an LSP officer mitigated it; without one a declared conflict blocks assignment."""


def add_months(day: date, months: int) -> date:
    """Return ``day`` moved by ``months`` calendar months, clamped to the month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
