"""Input models for commands: pydantic validates once, at the boundary, with clear messages."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, TypeVar
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from certflow.application.validation_messages import problems
from certflow.domain import (
    AssessmentMethod,
    Channel,
    CompetencyUnit,
    Recipient,
    SchemePolicy,
    TukKind,
    Verdict,
)
from certflow.domain.scheme import DEFAULT_NUMBER_FORMAT, NUMBER_FIELDS, format_number
from certflow.domain.values import Text
from certflow.engine import InvalidInputError

__all__ = [
    "AssessorInput",
    "DistributionInput",
    "InterviewInput",
    "SchemeInput",
    "SessionInput",
    "parse",
]

M = TypeVar("M", bound=BaseModel)

_STRICT = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


def parse(model: type[M], data: M | Mapping[str, Any], rule_id: str | None = None) -> M:
    """Validate ``data`` into ``model``, or raise :class:`InvalidInputError` naming each problem."""
    if isinstance(data, model):
        return data
    try:
        return model.model_validate(data)
    except ValidationError as error:
        said = problems(error, model=model.__name__)
        raise InvalidInputError(said, (rule_id,) if rule_id else ()) from None


class SchemeInput(BaseModel):
    """A scheme version to add."""

    model_config = _STRICT

    code: Text
    """The scheme's number, e.g. ``SKM/BNSP/00010/1/2020/37A``."""
    title: Text
    version: int = Field(1, ge=1)
    units: tuple[CompetencyUnit, ...] = Field(min_length=1)
    methods: tuple[AssessmentMethod, ...] = (AssessmentMethod.PORTFOLIO, AssessmentMethod.INTERVIEW)
    policy: SchemePolicy = SchemePolicy()
    authority: Text = "BNSP"
    description: str = ""
    certificate_prefix: str = ""
    """Printed before the running number; the scheme code when empty."""
    number_format: str = DEFAULT_NUMBER_FORMAT
    """How certificate numbers look: ``{lsp}``, ``{prefix}``, ``{scheme}``, ``{year}`` and
    ``{seq}`` (e.g. ``{lsp}/{prefix}/{year}/{seq:05d}``); ``{seq}`` and ``{year}`` are required."""

    @model_validator(mode="after")
    def _number_format_works(self) -> SchemeInput:
        import string

        used = {name for _, name, _, _ in string.Formatter().parse(self.number_format) if name}
        unknown = used - set(NUMBER_FIELDS)
        if unknown or not {"seq", "year"} <= used:
            raise ValueError(
                f"number_format may use {', '.join(NUMBER_FIELDS)} and needs seq and year"
            )
        try:
            format_number(self.number_format, lsp="L", prefix="P", scheme="S", year=2024, seq=1)
        except (ValueError, IndexError, KeyError) as error:
            raise ValueError(f"number_format does not render: {error}") from None
        return self

    @model_validator(mode="after")
    def _units_unique(self) -> SchemeInput:
        codes = [u.code for u in self.units]
        if len(codes) != len(set(codes)):
            raise ValueError("unit codes must be unique within a scheme")
        return self


class AssessorInput(BaseModel):
    """An assessor to add to the register."""

    model_config = _STRICT

    met_number: Text
    """MET registration number, e.g. ``MET.000.000669 2013``."""
    name: Text
    """Kept in the subject store, never in an event."""
    scheme_codes: tuple[Text, ...] = Field(min_length=1)
    licence_valid_until: date


class SessionInput(BaseModel):
    """An assessment session to plan."""

    model_config = _STRICT

    code: Text
    title: Text
    venue: Text
    """The TUK, e.g. ``Aston Sentul Lake Resort``."""
    tuk_kind: TukKind = TukKind.AD_HOC
    starts_on: date
    ends_on: date
    scheme_ids: tuple[UUID, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _dates_in_order(self) -> SessionInput:
        if self.ends_on < self.starts_on:
            raise ValueError("ends_on must be on or after starts_on")
        return self


class InterviewInput(BaseModel):
    """An interview's results and recommendation."""

    model_config = _STRICT

    results: dict[Text, Verdict] = Field(min_length=1)
    recommendation: Verdict
    follow_up: str = ""


class DistributionInput(BaseModel):
    """How a certificate was handed over."""

    model_config = _STRICT

    recipient: Recipient = Recipient.HOLDER
    channel: Channel = Channel.IN_PERSON
    receipt: str = ""
    """The reference of the signed receipt (tanda terima), if any."""
