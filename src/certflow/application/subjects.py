"""Personal data: the only data kept outside the event log (UU PDP, R58).

Events name a person only by a random, pseudonymous ``subject_id``. Names, NIK, NRP, rank, unit
and contacts are kept by a :class:`~certflow.application.ports.SubjectStore` next to the event
tables (same SQLite file or PostgreSQL database), so they can be corrected or erased without
rewriting history.
"""

from __future__ import annotations

from enum import Enum
from uuid import UUID

from pydantic import BaseModel, ConfigDict, field_validator

from certflow.domain.identifiers import is_nik, is_nrp

__all__ = ["PersonalData", "SubjectKind", "SubjectRecord"]


class SubjectKind(Enum):
    """Whose personal data a record holds."""

    CANDIDATE = "candidate"
    ASSESSOR = "assessor"
    STAFF = "staff"


class PersonalData(BaseModel):
    """A person's identifying data. Never put any of it in an event."""

    model_config = ConfigDict(frozen=True, str_strip_whitespace=True)

    name: str
    """Full name as it is to be printed (with academic titles)."""
    nik: str | None = None
    """Nomor Induk Kependudukan: 16 ASCII digits (:func:`~certflow.domain.identifiers.is_nik`)."""
    nrp: str | None = None
    """Nomor Registrasi Pokok (Polri personnel number): 8 ASCII digits."""
    rank: str = ""
    """Pangkat, e.g. ``Kombes Pol``."""
    unit: str = ""
    """Satuan kerja, e.g. ``Polda Aceh``."""
    position: str = ""
    """Jabatan, e.g. ``Kabidhumas``."""
    phone: str = ""
    email: str = ""

    @field_validator("name")
    @classmethod
    def _name_given(cls, value: str) -> str:
        if not value:
            raise ValueError("a name is required")
        return value

    @field_validator("nik")
    @classmethod
    def _nik_format(cls, value: str | None) -> str | None:
        if value is not None and not is_nik(value):
            raise ValueError("a NIK has exactly 16 digits")
        return value

    @field_validator("nrp")
    @classmethod
    def _nrp_format(cls, value: str | None) -> str | None:
        if value is not None and not is_nrp(value):
            raise ValueError("an NRP has exactly 8 digits")
        return value


class SubjectRecord(BaseModel):
    """A subject id with the personal data kept for it."""

    model_config = ConfigDict(frozen=True)

    subject_id: UUID
    kind: SubjectKind
    data: PersonalData
