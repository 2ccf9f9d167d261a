"""Certificate issue: numbers and printing, hand-over, the BNSP registration number, duplicates."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from certflow.application.certificates import bind_name
from certflow.application.inputs import DistributionInput, parse
from certflow.application.quarantine import printing_refusal
from certflow.application.services import Services
from certflow.application.trust import Gate
from certflow.domain import (
    CertificateNumber,
    CertificateSeries,
    Channel,
    Recipient,
    Stage,
    number_id,
    series_id,
)
from certflow.domain.scheme import format_number
from certflow.engine import Actor, AlreadyExistsError, WorkflowAggregate

__all__ = ["CertificateIssue"]


class CertificateIssue:
    """Commands that put a certificate on paper and in the holder's hands."""

    def __init__(self, services: Services) -> None:
        self._s = services
        self._gate = Gate(services)

    def print_certificate(
        self, certification_id: UUID, *, actor: Actor, manager: str = "", head: str = ""
    ) -> str:
        """Allocate the next certificate number and record the certificate printed (R36-R40).

        The certificate records its two signatories (R40): ``manager``, the certification
        manager, and ``head``, the head of the LSP (on behalf of BNSP), by person id. Each must
        hold that appointment covering the scheme on the print date; left out, the printing
        actor signs for their own role and the head is the register's head.

        The holder's name as printed is bound to the certificate by a salted hash recorded in
        the event (never the name), so verification can tell an edited name from the real one.

        The number series, the claim on the number and the certification are saved in one
        transaction, so a concurrent printer gets
        :class:`~certflow.engine.ConcurrencyConflictError`, never a duplicate number.

        Returns:
            The certificate number.
        """
        certification = self._s.certification(certification_id)
        actor = self._gate.admit(actor, "print_certificate", state=certification.state)
        printing_refusal(self._s, certification)
        signed = self._gate.signatories(actor, certification.state, manager=manager, head=head)
        now = self._s.now()
        state = certification.state
        # The prefix and number format were recorded at registration; a certification
        # registered before they were (an upcast Registered) reads the scheme's current ones.
        prefix, number_format = state.certificate_prefix, state.number_format
        if not number_format:
            scheme = self._s.schemes.load(state.scheme_id)
            prefix, number_format = scheme.certificate_prefix, scheme.number_format
        year = now.year
        series = self._s.store.find(
            CertificateSeries, series_id(prefix, year)
        ) or CertificateSeries.open(prefix, year, actor=actor, at=now)
        # A refusal below raises before anything is saved, so the series is not advanced.
        number = series.allocate(
            lambda seq: format_number(
                number_format,
                lsp=self._s.lsp_code,
                prefix=prefix,
                scheme=state.scheme_code,
                year=year,
                seq=seq,
            ),
            actor=actor,
            at=now,
        )
        holder = self._s.subjects.get(certification.state.subject_id)
        name_hash, salt = bind_name(holder.data.name) if holder is not None else ("", "")
        certification.print_certificate(
            number,
            actor=actor,
            at=now,
            holder_name_hash=name_hash,
            holder_name_salt=salt,
            signed_by=signed,
        )
        claim = CertificateNumber.claim(number, certification.id, actor=actor, at=now)
        self._s.store.save(certification, series, claim)
        return number

    def distribute_certificate(
        self,
        certification_id: UUID,
        *,
        recipient: Recipient | str = Recipient.HOLDER,
        channel: Channel | str = Channel.IN_PERSON,
        receipt: str = "",
        actor: Actor,
    ) -> None:
        """Record the hand-over; whether it met the distribution deadline is recorded (R41).

        Args:
            certification_id: the certification.
            recipient: ``holder`` or ``representative``.
            channel: ``in_person``, ``courier``, ``post`` or ``unit_liaison``.
            receipt: the reference of the signed receipt (tanda terima).
            actor: who hands it over.
        """
        spec = parse(
            DistributionInput,
            {"recipient": recipient, "channel": channel, "receipt": receipt},
            "R41",
        )
        certification = self._s.certification(certification_id)
        actor = self._gate.admit(actor, "distribute_certificate", state=certification.state)
        now = self._s.now()
        certification.distribute_certificate(
            spec.recipient, spec.channel, spec.receipt, actor=actor, at=now
        )
        changed: list[WorkflowAggregate[Any]] = [certification]
        if certification.state.previous_certification_id is not None:
            previous = self._s.certification(certification.state.previous_certification_id)
            if previous.stage is not Stage.SUPERSEDED:
                previous.supersede(certification, actor=self._gate.sweeper(), at=now)
                changed.append(previous)
        self._s.store.save(*changed)

    def record_registration_number(
        self, certification_id: UUID, *, number: str, actor: Actor
    ) -> None:
        """Record the certificate's BNSP registration number; unique and never changed (R37)."""
        certification = self._s.certification(certification_id)
        actor = self._gate.admit(actor, "record_registration_number", state=certification.state)
        now = self._s.now()
        certification.record_registration_number(number, actor=actor, at=now)
        if self._s.store.exists(number_id(number, "registration")):
            raise AlreadyExistsError("registration number", number.strip(), "R37")
        claim = CertificateNumber.claim(
            number, certification.id, actor=actor, at=now, kind="registration"
        )
        self._s.store.save(certification, claim)

    def reissue_certificate(self, certification_id: UUID, *, reason: str, actor: Actor) -> None:
        """Record a duplicate: same number and validity, earlier copies void (R48)."""
        certification = self._s.certification(certification_id)
        actor = self._gate.admit(actor, "reissue_certificate", state=certification.state)
        certification.reissue_certificate(reason, actor=actor, at=self._s.now())
        self._s.store.save(certification)
