"""Complaints (keluhan, R53) as their own workflow: filed, acknowledged, investigated, resolved.

The complainant is named only by a pseudonymous reference (the subject id of someone on file)
or not at all; certflow keeps no contact details of theirs. The investigator is checked against
the subject of the complaint with the same involvement test the gate applies to a case
(:func:`~certflow.application.trust.involvement`), refused under R53. A substantiated complaint
about a certified person may suspend the certification through the existing suspension command
(R44), linked on both records in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from uuid import UUID, uuid4

from certflow.application.free_text import free_text
from certflow.application.services import Services, as_enum, as_uuid
from certflow.application.trust import Gate, involvement
from certflow.domain import (
    Certification,
    Complaint,
    ComplaintOutcome,
    ComplaintPolicy,
    ComplaintStage,
    ComplaintSubject,
    Person,
    Role,
)
from certflow.engine import (
    Actor,
    InvalidInputError,
    NotFoundError,
    RuleViolatedError,
    Text,
    Violation,
)

__all__ = ["ComplaintView", "Complaints", "investigator_conflicts"]

_INVESTIGATOR_ROLES = (
    Role.CERTIFICATION_MANAGER,
    Role.CERTIFICATION_COMMITTEE,
    Role.APPEAL_PANEL,
    Role.HEAD_OF_LSP,
    Role.LSP_ADMIN,
)


@dataclass(frozen=True)
class ComplaintView:
    """A complaint as it stands (no personal data: references only)."""

    complaint_id: UUID
    stage: ComplaintStage
    subject: ComplaintSubject
    assessor_id: UUID | None
    certification_id: UUID | None
    person_id: UUID | None
    anonymous: bool
    summary: str
    received_on: date
    acknowledge_by: date
    resolve_by: date
    acknowledged_on: date | None
    investigator: str | None
    outcome: ComplaintOutcome | None
    findings: str
    actions: tuple[str, ...]
    resolved_on: date | None
    escalated: tuple[str, ...]
    """The deadlines missed (``acknowledgement``, ``resolution``), escalated by the sweep."""
    suspended: tuple[UUID, ...]
    """Certifications suspended on this complaint."""


def _view(c: Complaint) -> ComplaintView:
    return ComplaintView(
        complaint_id=c.id,
        stage=c.stage,
        subject=c.subject,
        assessor_id=c.assessor_id,
        certification_id=c.certification_id,
        person_id=c.person_id,
        anonymous=c.complainant_ref is None,
        summary=c.summary,
        received_on=c.received_on,
        acknowledge_by=c.acknowledge_by,
        resolve_by=c.resolve_by,
        acknowledged_on=c.acknowledged_on,
        investigator=c.investigator,
        outcome=c.outcome,
        findings=c.findings,
        actions=tuple(c.actions),
        resolved_on=c.resolved_on,
        escalated=tuple(c.escalated),
        suspended=tuple(c.suspended),
    )


def investigator_conflicts(
    person: str,
    complaint: Complaint,
    certification: Certification | None,
    record: Person | None,
    today: date,
) -> list[Text]:
    """Why ``person`` may not investigate ``complaint`` (empty: they may), read from records.

    Not the assessor complained about, not the certified person, nobody who assessed or decided
    the certification concerned, nobody who declared a relation to its candidate.
    """
    found: list[Text] = []
    if complaint.assessor_id is not None and person == str(complaint.assessor_id):
        found.append(Text("{person} is the assessor complained about", person=person))
    if certification is not None:
        state = certification.state
        found.extend(i.text for i in involvement(person, "resolve_complaint", state, record, today))
        if person in state.deciders:
            found.append(
                Text("{person} decided on the certification complained about", person=person)
            )
    return found


class Complaints:
    """Commands and queries of complaints (R53)."""

    def __init__(self, services: Services) -> None:
        self._s = services
        self._gate = Gate(services)
        self.policy = ComplaintPolicy()
        """The acknowledgement and resolution deadlines new complaints get (settable)."""

    def _complaint(self, complaint_id: UUID | str) -> Complaint:
        return self._s.complaints.load(as_uuid(complaint_id))

    def _certification(self, complaint: Complaint) -> Certification | None:
        if complaint.certification_id is None:
            return None
        return self._s.certification(complaint.certification_id)

    def file_complaint(
        self,
        *,
        about: ComplaintSubject | str,
        summary: str,
        assessor_id: UUID | None = None,
        certification_id: UUID | None = None,
        complainant: UUID | None = None,
        actor: Actor,
    ) -> UUID:
        """Receive a complaint about the LSP, an assessor or a certified person (R53).

        ``complainant`` is the subject id of a complainant on file, or ``None`` for an
        anonymous complaint; their contact details are not kept here. The certified person is
        read from the certification named, never taken from the caller.

        Returns:
            The new complaint's id.
        """
        subject = as_enum(ComplaintSubject, about, "about", "R53")
        if assessor_id is not None:
            self._s.assessors.load(as_uuid(assessor_id))
        person_id = None
        if certification_id is not None:
            person_id = self._s.certification(certification_id).state.subject_id
        if complainant is not None and self._s.subjects.get(as_uuid(complainant)) is None:
            raise InvalidInputError(
                [
                    Text(
                        "complainant {complainant} is not a subject on file; file it anonymously",
                        complainant=complainant,
                    )
                ],
                ("R53",),
            )
        actor = self._gate.admit(actor, "file_complaint", subject_id=complainant)
        complaint = Complaint.file(
            id=uuid4(),
            subject=subject,
            summary=free_text(summary, "summary", rule_id="R53"),
            assessor_id=as_uuid(assessor_id) if assessor_id is not None else None,
            certification_id=as_uuid(certification_id) if certification_id is not None else None,
            person_id=person_id,
            complainant_ref=str(complainant) if complainant is not None else None,
            policy=self.policy,
            actor=actor,
            at=self._s.now(),
        )
        self._s.store.save(complaint)
        return complaint.id

    def acknowledge_complaint(self, complaint_id: UUID, *, actor: Actor) -> None:
        """Acknowledge a complaint to the complainant (R53)."""
        complaint = self._complaint(complaint_id)
        actor = self._gate.admit(actor, "acknowledge_complaint")
        complaint.acknowledge_complaint(actor=actor, at=self._s.now())
        self._s.store.save(complaint)

    def assign_investigator(self, complaint_id: UUID, *, investigator: str, actor: Actor) -> None:
        """Assign an appointed staff member not involved with the subject to investigate (R53)."""
        complaint = self._complaint(complaint_id)
        certification = self._certification(complaint)
        scheme = certification.state.scheme_code if certification is not None else None
        actor = self._gate.admit(actor, "assign_investigator", scheme_code=scheme)
        person = self._gate.resolve(investigator.strip())
        record = self._gate.person(person)
        today = self._s.now().date()
        appointed = record is not None and any(
            record.appointment_for(role, scheme, today) for role in _INVESTIGATOR_ROLES
        )
        if not appointed:
            raise RuleViolatedError(
                [
                    Violation(
                        "P2",
                        Text(
                            "{person} holds no LSP staff appointment on {today}",
                            person=person,
                            today=today,
                        ),
                    )
                ]
            )
        conflicts = investigator_conflicts(person, complaint, certification, record, today)
        complaint.assign_investigator(person, conflicts=conflicts, actor=actor, at=self._s.now())
        self._s.store.save(complaint)

    def resolve_complaint(
        self,
        complaint_id: UUID,
        *,
        outcome: ComplaintOutcome | str,
        findings: str,
        actions: Sequence[str] = (),
        actor: Actor,
    ) -> None:
        """The assigned investigator resolves the complaint: outcome, findings, actions (R53)."""
        chosen = as_enum(ComplaintOutcome, outcome, "outcome", "R53")
        complaint = self._complaint(complaint_id)
        certification = self._certification(complaint)
        scheme = certification.state.scheme_code if certification is not None else None
        actor = self._gate.admit(actor, "resolve_complaint", scheme_code=scheme)
        complaint.resolve_complaint(
            chosen,
            findings=free_text(findings, "findings", rule_id="R53"),
            actions=[free_text(a, "action", rule_id="R53") for a in actions],
            actor=actor,
            at=self._s.now(),
        )
        self._s.store.save(complaint)

    def withdraw_complaint(self, complaint_id: UUID, *, reason: str, actor: Actor) -> None:
        """Withdraw a complaint before it is resolved (by the complainant, or staff for them)."""
        complaint = self._complaint(complaint_id)
        own = UUID(complaint.complainant_ref) if complaint.complainant_ref else None
        actor = self._gate.admit(actor, "withdraw_complaint", subject_id=own)
        complaint.withdraw_complaint(
            free_text(reason, "reason", rule_id="R53"), actor=actor, at=self._s.now()
        )
        self._s.store.save(complaint)

    def suspend_on_complaint(
        self,
        complaint_id: UUID,
        *,
        grounds: str,
        resolve_by: date,
        actor: Actor,
    ) -> None:
        """Suspend the certification a substantiated complaint concerns (R44, R53).

        The certification's own ``suspend`` command decides (R44, R45, the committee and its
        impartiality); the complaint records the link. Both are saved in one transaction.
        """
        complaint = self._complaint(complaint_id)
        certification = self._certification(complaint)
        if complaint.outcome is not ComplaintOutcome.SUBSTANTIATED or certification is None:
            raise RuleViolatedError(
                [
                    Violation(
                        "R53",
                        Text(
                            "only a substantiated complaint about a certified person can "
                            "suspend their certificate",
                        ),
                    )
                ]
            )
        actor = self._gate.admit(actor, "suspend", state=certification.state)
        now = self._s.now()
        certification.suspend(
            grounds, resolve_by=resolve_by, reason=f"keluhan {complaint.id}", actor=actor, at=now
        )
        complaint.link_suspension(certification.id, actor=actor, at=now)
        self._s.store.save(certification, complaint)

    def get_complaint(self, complaint_id: UUID | str) -> ComplaintView:
        """One complaint; :class:`~certflow.engine.NotFoundError` when there is none."""
        return _view(self._complaint(complaint_id))

    def list_complaints(self, *, open_only: bool = False) -> list[ComplaintView]:
        """Every complaint, oldest first (only those still being handled with ``open_only``)."""
        found: list[ComplaintView] = []
        for complaint_id in self._s.complaints.ids(Complaint.Filed.TOPIC):
            try:
                complaint = self._s.complaints.load(complaint_id)
            except NotFoundError:  # pragma: no cover - ids come from stored events
                continue
            if not open_only or complaint.is_open:
                found.append(_view(complaint))
        return found
