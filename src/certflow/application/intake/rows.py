"""The rows of an intake file, parsed and validated, and the report of what an import did.

A row is a pydantic model built from the dict a
:class:`~certflow.application.ports.RowReader` gives; what is wrong with a row is told in words
its author can act on (a NIK has exactly 16 digits, enter it as text, not as a number), in the
language of the import (the reasons certflow words itself; pydantic's own stay in English).

Every text cell is checked as printed text (:func:`~certflow.application.documents.printable`:
NFC, trimmed, no control, zero-width or bidirectional-override character), names also as a
person's name (:func:`~certflow.application.documents.person_name`: inner whitespace made one
space, no look-alike alphabets mixed), and NIK and NRP by their one definition
(:mod:`certflow.domain.identifiers`: ASCII digits only).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator

from certflow.application.bulk import trusted
from certflow.application.documents import person_name, printable
from certflow.application.subjects import PersonalData
from certflow.application.validation_messages import problem
from certflow.domain.identifiers import is_nik, is_nrp
from certflow.engine import text

__all__ = [
    "AssessorRow",
    "CandidateRow",
    "ImportReport",
    "NumberCell",
    "RowProblem",
    "parse_row",
]

_ROW = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


def _digits(kind: str, count: int, valid: bool, value: str) -> str:
    if valid:
        return value
    if value.isdigit() and not value.isascii():  # full-width, Arabic-Indic, superscript...
        raise ValueError(
            str(text("type the {kind} with the digits 0-9 (it has other digits)", kind=kind))
        )
    raise ValueError(str(text("the {kind} has exactly {count} digits", kind=kind, count=count)))


def _nik(value: str) -> str:
    return _digits("NIK", 16, is_nik(value), value)


def _nrp(value: str) -> str:
    return _digits("NRP", 8, is_nrp(value), value)


Cell = Annotated[str, AfterValidator(printable)]
"""A text cell: printable (no control, zero-width or bidi character), NFC, trimmed."""
Name = Annotated[str, Field(min_length=1), AfterValidator(person_name)]
"""A person's name (see :func:`~certflow.application.documents.person_name`)."""


class CandidateRow(BaseModel):
    """One candidate on one scheme. ``nik`` is required: it is how a person is found again."""

    model_config = _ROW

    name: Name
    nik: Annotated[str, AfterValidator(_nik)]
    nrp: Annotated[str, AfterValidator(_nrp)] | None = None
    rank: Cell = ""
    unit: Cell = ""
    position: Cell = ""
    phone: Cell = ""
    email: Cell = ""
    scheme: Cell = ""
    """The scheme's code; may be left out when the import names one scheme for every row."""

    @field_validator("nrp", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return None if value == "" else value

    def personal_data(self) -> PersonalData:
        """The personal data for the subject store.

        Not validated again: this row's checks are :class:`PersonalData`'s and more (a name,
        NIK and NRP by their one definition, every text printable and trimmed).
        """
        return trusted(
            PersonalData,
            {
                "name": self.name,
                "nik": self.nik,
                "nrp": self.nrp,
                "rank": self.rank,
                "unit": self.unit,
                "position": self.position,
                "phone": self.phone,
                "email": self.email,
            },
        )


class AssessorRow(BaseModel):
    """One assessor: MET number, name, schemes (separated by ``;``) and licence end."""

    model_config = _ROW

    met_number: Annotated[Cell, Field(min_length=1)]
    name: Name
    scheme_codes: tuple[Cell, ...] = Field(min_length=1)
    licence_valid_until: date

    @field_validator("scheme_codes", mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(";") if part.strip())
        return value

    @field_validator("licence_valid_until", mode="before")
    @classmethod
    def _spreadsheet_date(cls, value: object) -> object:
        return value.date() if isinstance(value, datetime) else value


@dataclass(frozen=True)
class RowProblem:
    """A bad row: its number in the file (the header is row 1) and what is wrong."""

    row: int
    reasons: tuple[str, ...]


@dataclass
class ImportReport:
    """What an import read, refused and wrote."""

    kind: Literal["candidates", "assessors"]
    rows: int = 0
    bad: list[RowProblem] = field(default_factory=list)
    created_subjects: int = 0
    """People new to the subject store."""
    created: int = 0
    """Certifications registered (candidates) or assessors added."""
    existing: int = 0
    """Rows already in the store, left as they were."""
    imported: bool = False
    """Whether anything was written (``False`` when bad rows stopped the import)."""

    @property
    def ok(self) -> bool:
        """No bad row."""
        return not self.bad


class NumberCell:
    """An identifier a spreadsheet typed as a number, refused with a reason the author can act on.

    A spreadsheet number keeps 15 digits and drops leading zeros.
    """

    def __init__(self, value: object) -> None:
        self.value = value


def _problems(error: ValidationError) -> tuple[str, ...]:
    reasons = []
    for item in error.errors():
        where = ".".join(str(p) for p in item["loc"])
        message = text("unknown column") if item["type"] == "extra_forbidden" else problem(item)
        reasons.append(f"{where}: {message}" if where else str(message))
    return tuple(reasons)


def parse_row(model: type[BaseModel], raw: dict[str, Any]) -> tuple[Any, tuple[str, ...]]:
    """Parse one row of the file as ``model``: the row, or ``None`` and the reasons it is bad."""
    if "_extra" in raw:
        return None, (str(text("more values than columns")),)
    if "_short" in raw:
        given, columns = raw["_short"]
        short = text(
            "{given} values for {columns} columns (a value or a separator is missing)",
            given=given,
            columns=columns,
        )
        return None, (str(short),)
    numbers = [k for k, v in raw.items() if isinstance(v, NumberCell)]
    if numbers:
        return None, tuple(
            str(
                text(
                    "{k}: enter it as text, not as a number (a number cell loses "
                    "digits and leading zeros)",
                    k=k,
                )
            )
            for k in numbers
        )
    try:
        return model.model_validate(raw), ()
    except ValidationError as error:
        return None, _problems(error)
