"""The certification's commands for the certificate and its maintenance, to expiry or renewal.

One of the three command groups :class:`~certflow.domain.Certification` is made of; why they
are mixins is said in :mod:`~certflow.domain.certification_assessment`. Each method's ``self``
is a :class:`~certflow.domain.certification_record.CertificationMoves`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta

from certflow.domain import certification_events as ev
from certflow.domain.certification_dates import (
    certificate_validity,
    surveillance_escalation_due_on,
    working_days_after,
)
from certflow.domain.certification_record import CertificationMoves, CertificationRecord
from certflow.domain.values import SURVEILLANCE_GROUNDS, Channel, Recipient, Stage
from certflow.engine import Actor

__all__ = ["CertificateCommands"]


class CertificateCommands:
    """Print, hand over, register and reissue the certificate; surveil, suspend, end it."""

    # -- the certificate --------------------------------------------------------------------

    def print_certificate(
        self: CertificationMoves,
        number: str,
        *,
        actor: Actor,
        at: datetime,
        holder_name_hash: str = "",
        holder_name_salt: str = "",
        signed_by: Mapping[str, str] | None = None,
    ) -> None:
        """Give the certificate its number and validity and record it printed (R36-R38, R40).

        Validity runs from the decision date for the scheme's ``validity_months``; the last
        valid day is the day before the same date that many months later. ``holder_name_hash``
        and ``holder_name_salt`` bind the name printed on it (a salted hash, never the name).
        ``signed_by`` names the two signatories by role (``certification_manager`` and
        ``head_of_lsp``), canonical person ids the application checked against the register.
        """
        signatories = dict(signed_by or {})
        inputs = {"number": number, "signatories": signatories}
        decision = self._decide("print_certificate", actor=actor, at=at, inputs=inputs)
        assert self.state.decided_on is not None  # the competent stage guarantees a decision
        valid_from, valid_until = certificate_validity(self.state.decided_on, self.state.policy)
        self._record(
            ev.CertificatePrinted,
            decision,
            actor=actor,
            at=at,
            certificate_number=number.strip(),
            valid_from=valid_from,
            valid_until=valid_until,
            holder_name_hash=holder_name_hash,
            holder_name_salt=holder_name_salt,
            signed_by=signatories,
        )

    def distribute_certificate(
        self: CertificationMoves,
        recipient: Recipient,
        channel: Channel,
        receipt_ref: str = "",
        *,
        actor: Actor,
        at: datetime,
    ) -> None:
        """Record the hand-over and whether it met the distribution deadline (R40, R41)."""
        today = at.date()
        self._move(
            "distribute_certificate",
            ev.CertificateDistributed,
            actor=actor,
            at=at,
            recipient=recipient,
            channel=channel,
            distributed_on=today,
            due_on=self.state.distribution_due_on,
            deadline_met=today <= self.state.distribution_due_on,
            days_after_assessment=(today - self.state.assessment_date).days,
            receipt_ref=receipt_ref.strip(),
        )

    def record_registration_number(
        self: CertificationMoves, number: str, *, actor: Actor, at: datetime
    ) -> None:
        """Record the BNSP registration number, once (R37)."""
        self._move(
            "record_registration_number",
            ev.RegistrationNumberRecorded,
            actor=actor,
            at=at,
            inputs={"number": number},
            registration_number=number.strip(),
        )

    def reissue_certificate(
        self: CertificationMoves, reason: str, *, actor: Actor, at: datetime
    ) -> None:
        """Print a duplicate with the same number and validity; earlier copies are void (R48)."""
        self._move(
            "reissue_certificate",
            ev.CertificateReissued,
            actor=actor,
            at=at,
            inputs={"reason": reason},
            copy=self.state.certificate_copy + 1,
            reason=reason.strip(),
        )

    # -- maintenance ------------------------------------------------------------------------

    def record_surveillance(
        self: CertificationMoves,
        summary: str,
        *,
        satisfactory: bool = True,
        actor: Actor,
        at: datetime,
    ) -> None:
        """Record a surveillance of the holder (R43)."""
        self._move(
            "record_surveillance",
            ev.SurveillanceRecorded,
            actor=actor,
            at=at,
            inputs={"reason": summary},
            summary=summary.strip(),
            satisfactory=satisfactory,
            recorded_on=at.date(),
        )

    def escalate_surveillance(self: CertificationMoves, *, actor: Actor, at: datetime) -> None:
        """Record the next step of an overdue surveillance (made by the sweep, R43).

        A reminder first, then a warning with a deadline in working days, then the sanction the
        scheme's policy names: a suspension until a resolve-by date (certflow's default; an
        unresolved one is revoked by R44) or a revocation. Each step is recorded with the date it
        gives, so replay never evaluates the policy again.
        """
        state, today = self.state, at.date()
        policy = state.policy
        step = {"": "reminder", "reminder": "warning"}.get(state.surveillance_escalation)
        sanction = Stage.REVOKED if policy.surveillance_sanction == "revoke" else Stage.SUSPENDED
        dest = Stage.DISTRIBUTED if step else sanction
        decision = self._decide("escalate_surveillance", actor=actor, at=at, dest=dest)
        due = surveillance_escalation_due_on(state)
        if step == "reminder":
            respond_by = today + timedelta(days=policy.surveillance_reminder_days)
        elif step == "warning":
            respond_by = working_days_after(today, policy.surveillance_warning_working_days)
        if step:
            self._record(
                ev.SurveillanceOverdue,
                decision,
                actor=actor,
                at=at,
                step=step,
                due_on=due,
                respond_by=respond_by,
            )
            return
        reason = f"surveillance warning unanswered by {due.isoformat()}"
        if sanction is Stage.REVOKED:
            self._record(
                ev.Revoked,
                decision,
                actor=actor,
                at=at,
                grounds=SURVEILLANCE_GROUNDS,
                reason=reason,
            )
            return
        self._record(
            ev.Suspended,
            decision,
            actor=actor,
            at=at,
            grounds=SURVEILLANCE_GROUNDS,
            reason=reason,
            resolve_by=today + timedelta(days=policy.surveillance_resolve_days),
        )

    def suspend(
        self: CertificationMoves,
        grounds: str,
        *,
        resolve_by: date,
        reason: str = "",
        actor: Actor,
        at: datetime,
    ) -> None:
        """Suspend the certificate on listed grounds until ``resolve_by`` (R44, R45)."""
        self._move(
            "suspend",
            ev.Suspended,
            actor=actor,
            at=at,
            inputs={"grounds": grounds, "resolve_by": resolve_by},
            grounds=grounds,
            reason=reason.strip(),
            resolve_by=resolve_by,
        )

    def lift_suspension(
        self: CertificationMoves, reason: str, *, actor: Actor, at: datetime
    ) -> None:
        """Lift the suspension (R44)."""
        self._move(
            "lift_suspension",
            ev.SuspensionLifted,
            actor=actor,
            at=at,
            inputs={"reason": reason},
            reason=reason.strip(),
        )

    def revoke(
        self: CertificationMoves, grounds: str, reason: str = "", *, actor: Actor, at: datetime
    ) -> None:
        """Revoke the certificate on listed grounds (R44, R45)."""
        self._move(
            "revoke",
            ev.Revoked,
            actor=actor,
            at=at,
            inputs={"grounds": grounds},
            grounds=grounds,
            reason=reason.strip(),
        )

    def expire(self: CertificationMoves, *, actor: Actor, at: datetime) -> None:
        """Record the end of validity (made by the sweep, R46)."""
        self._move("expire", ev.Expired, actor=actor, at=at, expired_on=at.date())

    def supersede(
        self: CertificationMoves, by: CertificationRecord, *, actor: Actor, at: datetime
    ) -> None:
        """Record that the recertification ``by`` replaced this certification (R47)."""
        self._move(
            "supersede",
            ev.Superseded,
            actor=actor,
            at=at,
            inputs={"superseded_by": by},
            superseded_by=by.id,
        )
