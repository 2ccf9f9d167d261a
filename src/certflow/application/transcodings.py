"""Transcodings for every value type stored in events and snapshots, so they reload unchanged."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Any

from eventsourcing.persistence import JSONTranscoder, Transcoding

from certflow.domain import (
    AdjustmentKind,
    AppealRemedy,
    AssessmentMethod,
    AssessmentMode,
    CertificationState,
    Channel,
    ComplaintOutcome,
    ComplaintSubject,
    MisconductKind,
    Purpose,
    Recipient,
    ReviewOutcome,
    TukKind,
    Verdict,
)

__all__ = ["STORED_ENUMS", "CertificationStateAsDict", "DateAsISO", "EnumAsValue", "register_all"]

STORED_ENUMS: tuple[type[Enum], ...] = (
    AppealRemedy,
    AssessmentMethod,
    Channel,
    ComplaintOutcome,
    ComplaintSubject,
    MisconductKind,
    Purpose,
    Recipient,
    ReviewOutcome,
    TukKind,
    Verdict,
    AssessmentMode,
    AdjustmentKind,
)
"""Every Enum that appears in an event. Their names below are stored: never change them."""


class DateAsISO(Transcoding):
    """A calendar date as ``YYYY-MM-DD``."""

    type = date
    name = "certflow.date"
    direct_decode = staticmethod(date.fromisoformat)
    """What :meth:`decode` does, called directly by certflow's decoder."""

    def encode(self, obj: date) -> str:
        """Encode."""
        return obj.isoformat()

    def decode(self, data: str) -> date:
        """Decode."""
        return date.fromisoformat(data)


class EnumAsValue(Transcoding):
    """A plain Enum member as its string value."""

    def __init__(self, enum_type: type[Enum]) -> None:
        self.type = enum_type
        self.name = f"certflow.{enum_type.__name__}"
        members = enum_type._value2member_map_
        slow = self.decode

        def direct_decode(data: str) -> Enum:
            member = members.get(data)
            return slow(data) if member is None else member

        self.direct_decode = direct_decode
        """What :meth:`decode` does (the member of that value), called directly by certflow's
        decoder: a look-up in the Enum's own value map instead of calling the Enum."""

    def encode(self, obj: Enum) -> str:
        """Encode."""
        value = obj.value
        assert isinstance(value, str)
        return value

    def decode(self, data: str) -> Enum:
        """Decode."""
        member: Enum = self.type(data)
        return member


class CertificationStateAsDict(Transcoding):
    """A certification's state (held by its snapshots) as a dict of its fields.

    The values inside are transcoded in turn (ids, dates, Enums); decoding validates them back
    into a :class:`~certflow.domain.CertificationState` (lists become tuples again).
    """

    type = CertificationState
    name = "certflow.CertificationState"

    def encode(self, obj: CertificationState) -> dict[str, Any]:
        """Encode."""
        return obj.model_dump()

    def decode(self, data: dict[str, Any]) -> CertificationState:
        """Decode."""
        return CertificationState.restore(data)


def register_all(transcoder: JSONTranscoder) -> None:
    """Register certflow's transcodings (dates, stored Enums, the certification state)."""
    transcoder.register(DateAsISO())
    transcoder.register(CertificationStateAsDict())
    for enum_type in STORED_ENUMS:
        transcoder.register(EnumAsValue(enum_type))
