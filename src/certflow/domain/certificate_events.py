"""The events of an issued certificate: printing, hand-over, surveillance, suspension, the end.

Part of the certification's events (:mod:`certflow.domain.certification_events` lists them
all); each evolves the :class:`CertificationState` like the others.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from certflow.domain.certification_state import CertificationEvent, CertificationState
from certflow.domain.values import Channel, Recipient
from certflow.engine import WorkflowEvent

__all__ = [
    "CertificateDistributed",
    "CertificatePrinted",
    "CertificateReissued",
    "DefinitionMigrated",
    "Expired",
    "RegistrationNumberRecorded",
    "Revoked",
    "Superseded",
    "SurveillanceOverdue",
    "SurveillanceRecorded",
    "Suspended",
    "SuspensionLifted",
]


class CertificatePrinted(CertificationEvent):
    """A certificate number was given and the certificate printed (R36-R38).

    Version 2 binds the holder's name as printed: ``holder_name_hash`` is the SHA-256 (hex) of
    a random per-certificate salt (``holder_name_salt``, hex) and the name, never the name
    itself. Events stored by version 1 are upcast with both empty (the name is not bound).
    """

    TOPIC = "certflow/Certification.CertificatePrinted"
    class_version = 3
    certificate_number: str
    valid_from: date
    valid_until: date
    holder_name_hash: str = ""
    holder_name_salt: str = ""
    signed_by: dict[str, str] | None = None
    """Version 3: the signatories, role to person id (``certification_manager`` and
    ``head_of_lsp``, R40); events stored before are upcast with ``{}``: not recorded."""

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """Version 1 bound no name."""
        state["holder_name_hash"] = ""
        state["holder_name_salt"] = ""

    @staticmethod
    def upcast_v2_v3(state: dict[str, Any]) -> None:
        """Version 2 recorded no signatories: an empty mapping, meaning not recorded."""
        state["signed_by"] = {}

    def evolve(self, state: CertificationState) -> CertificationState:
        """Keep the number, validity and name binding; this is copy 1."""
        return state.evolve(
            certificate_number=self.certificate_number,
            valid_from=self.valid_from,
            valid_until=self.valid_until,
            printed_on=self.at.date(),
            certificate_copy=1,
            holder_name_hash=self.holder_name_hash,
            holder_name_salt=self.holder_name_salt,
            signed_by=dict(self.signed_by or {}),
        )


class RegistrationNumberRecorded(CertificationEvent):
    """The BNSP registration number of the certificate was recorded (R37)."""

    TOPIC = "certflow/Certification.RegistrationNumberRecorded"
    registration_number: str

    def evolve(self, state: CertificationState) -> CertificationState:
        """Keep it."""
        return state.evolve(registration_number=self.registration_number)


class CertificateReissued(CertificationEvent):
    """A duplicate was printed with the same number and validity; earlier copies are void (R48)."""

    TOPIC = "certflow/Certification.CertificateReissued"
    copy: int
    reason: str

    def evolve(self, state: CertificationState) -> CertificationState:
        """Count the copy."""
        return state.evolve(certificate_copy=self.copy)


class CertificateDistributed(CertificationEvent):
    """The certificate was handed over; whether the distribution deadline was met (R41).

    Version 2 added ``receipt_ref``, the reference of the signed receipt (tanda terima); events
    stored by version 1 are upcast with an empty reference.
    """

    TOPIC = "certflow/Certification.CertificateDistributed"
    class_version = 2
    recipient: Recipient
    channel: Channel
    distributed_on: date
    due_on: date
    deadline_met: bool
    days_after_assessment: int
    receipt_ref: str

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """Version 1 recorded no receipt reference."""
        state["receipt_ref"] = ""

    def evolve(self, state: CertificationState) -> CertificationState:
        """Keep the hand-over facts."""
        return state.evolve(
            distributed_on=self.distributed_on, distribution_deadline_met=self.deadline_met
        )


class SurveillanceRecorded(CertificationEvent):
    """A surveillance of the certificate holder was recorded (R43)."""

    TOPIC = "certflow/Certification.SurveillanceRecorded"
    summary: str
    satisfactory: bool
    recorded_on: date

    def evolve(self, state: CertificationState) -> CertificationState:
        """Restart the surveillance interval; an open escalation is closed."""
        return state.evolve(
            last_surveillance_on=self.recorded_on,
            surveillance_escalation="",
            surveillance_respond_by=None,
        )


class SurveillanceOverdue(CertificationEvent):
    """The sweep recorded an overdue surveillance: a reminder, or a warning with a deadline (R43).

    ``due_on`` is the surveillance due date that was missed; ``respond_by`` the day the holder
    is given to report by before the next step (the warning's deadline, or the sanction).
    """

    TOPIC = "certflow/Certification.SurveillanceOverdue"
    step: str
    """``reminder`` or ``warning``."""
    due_on: date
    respond_by: date

    def evolve(self, state: CertificationState) -> CertificationState:
        """Keep the step and its deadline."""
        return state.evolve(
            surveillance_escalation=self.step, surveillance_respond_by=self.respond_by
        )


class Suspended(CertificationEvent):
    """The certificate was suspended on listed grounds until a resolve-by date (R44, R45)."""

    TOPIC = "certflow/Certification.Suspended"
    grounds: str
    reason: str
    resolve_by: date

    def evolve(self, state: CertificationState) -> CertificationState:
        """Keep the grounds and the resolve-by date."""
        return state.evolve(suspension_grounds=self.grounds, suspension_resolve_by=self.resolve_by)


class SuspensionLifted(CertificationEvent):
    """The suspension was lifted (R44)."""

    TOPIC = "certflow/Certification.SuspensionLifted"
    reason: str

    def evolve(self, state: CertificationState) -> CertificationState:
        """Clear the suspension (and any surveillance escalation: it starts over, R43)."""
        return state.evolve(
            suspension_grounds="",
            suspension_resolve_by=None,
            surveillance_escalation="",
            surveillance_respond_by=None,
        )


class Revoked(CertificationEvent):
    """The certificate was revoked on listed grounds (R44, R45)."""

    TOPIC = "certflow/Certification.Revoked"
    grounds: str
    reason: str

    def evolve(self, state: CertificationState) -> CertificationState:
        """Keep the grounds."""
        return state.evolve(revocation_grounds=self.grounds)


class Expired(CertificationEvent):
    """The certificate's validity ended (R46)."""

    TOPIC = "certflow/Certification.Expired"
    expired_on: date

    def evolve(self, state: CertificationState) -> CertificationState:
        """Keep the day."""
        return state.evolve(expired_on=self.expired_on)


class DefinitionMigrated(WorkflowEvent):
    """The certification was moved to another version of the workflow definition.

    Only the envelope changes (the workflow version); the state stays the same object.
    """

    TOPIC = "certflow/Certification.DefinitionMigrated"
    from_version: int
    to_version: int
    reason: str


class Superseded(CertificationEvent):
    """A recertification cycle's certificate replaced this one (R47)."""

    TOPIC = "certflow/Certification.Superseded"
    superseded_by: UUID

    def evolve(self, state: CertificationState) -> CertificationState:
        """Link to the new cycle."""
        return state.evolve(superseded_by=self.superseded_by)
