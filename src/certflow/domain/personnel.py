"""The personnel register: who acts for the LSP, under which appointment, with which interests.

ISO/IEC 17024 §5.2 (impartiality), §6 (personnel) and §9.4 (the decision). Every person who
acts for the LSP has one record here under one canonical person id (a pseudonymous id such as
``lsp-admin-01`` or an assessor's register id, never a name). The record holds their
**appointments** (role, optional scheme scope, valid from/until, who appointed them and who ended
the appointment and why) and their **declarations** (whom they are related to, trained or
supervise, from when). Assessors' licences (MET number, schemes, validity) are in the assessor
register (:mod:`certflow.domain.assessor`); the MET number is an alias of the assessor's person
id.

The register is founded by one recorded act, :class:`PersonnelRegister` ``Established``: the
first head of the LSP, the root of trust. Every later appointment is made by an appointed head.
Names and other personal data never enter these events.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING, Any
from uuid import UUID, uuid5

from certflow.domain.personnel_values import Appointment, Declaration, Relation
from certflow.domain.values import Role
from certflow.engine import (
    Actor,
    InvalidInputError,
    Move,
    Text,
    Workflow,
    WorkflowAggregate,
    WorkflowEvent,
    WorkflowStarted,
)

__all__ = [
    "PERSONNEL_WORKFLOW",
    "REGISTER_ID",
    "STAFF_ROLES",
    "Appointment",
    "Declaration",
    "Person",
    "PersonStatus",
    "PersonnelRegister",
    "Relation",
    "canonical_person_id",
    "is_canonical_person_id",
    "person_record_id",
]

_NAMESPACE = UUID("7b0e4c1d-52a8-4f3e-9d61-0c8a2f5e9b13")
REGISTER_ID = uuid5(_NAMESPACE, "personnel-register")
"""The id of the one :class:`PersonnelRegister` record of a store."""

_PERSON_ID = re.compile(r"^[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?$")

STAFF_ROLES: tuple[Role, ...] = (
    Role.HEAD_OF_LSP,
    Role.LSP_ADMIN,
    Role.CERTIFICATION_MANAGER,
    Role.CERTIFICATION_COMMITTEE,
    Role.APPEAL_PANEL,
    Role.TUK_ADMIN,
    Role.DATA_PROTECTION_OFFICER,
    Role.SYSTEM,
)
"""Roles held by appointment. An assessor acts under a licence in the assessor register, a
candidate under their own subject id; neither is appointed here."""


def is_canonical_person_id(value: object) -> bool:
    """Whether ``value`` is a person id in its one canonical spelling.

    Canonical: 1 to 64 characters of lower-case ASCII letters, digits, ``.``, ``_`` and ``-``,
    starting and ending with a letter or digit. No upper case, spaces, look-alike letters or
    invisible characters, so two spellings can never name one person.
    """
    return isinstance(value, str) and _PERSON_ID.match(value) is not None and value.isascii()


def canonical_person_id(value: object, *, rule_id: str = "P1") -> str:
    """``value`` if it is a canonical person id, else a refusal saying what a valid one is."""
    if is_canonical_person_id(value):
        assert isinstance(value, str)
        return value
    raise InvalidInputError(
        [
            Text(
                "{value!r} is not a person id: use the id recorded in the "
                "personnel register, 1-64 lower-case letters, digits, '.', '_' "
                "or '-' (no capitals, spaces or invisible characters)",
                value=value,
            )
        ],
        (rule_id,),
    )


def person_record_id(person_id: str) -> UUID:
    """The record id of the register entry of ``person_id`` (a canonical person id)."""
    return uuid5(_NAMESPACE, f"person:{person_id}")


# -- the register's foundation ------------------------------------------------------------------


class _Founded(Enum):
    ESTABLISHED = "established"


REGISTER_WORKFLOW: Workflow[_Founded] = Workflow(
    "personnel_register",
    version=1,
    stages=_Founded,
    initial=_Founded.ESTABLISHED,
    moves=[
        Move(
            "establish_register",
            source=None,
            dest=_Founded.ESTABLISHED,
            roles=(Role.HEAD_OF_LSP,),
            description="The first head of the LSP founds the register (the root of trust).",
        )
    ],
)


class PersonnelRegister(WorkflowAggregate[_Founded]):
    """The foundation of a store's personnel register: its first head of the LSP."""

    TOPIC = "certflow/PersonnelRegister"
    workflow = REGISTER_WORKFLOW

    class Established(WorkflowStarted):
        """The register was founded by its first head of the LSP."""

        TOPIC = "certflow/PersonnelRegister.Established"
        head: str
        basis: str

        def record(self, aggregate: Any) -> None:
            """Keep the root of trust."""
            aggregate.head = self.head
            aggregate.basis = self.basis
            aggregate.established_on = self.at.date()

    if TYPE_CHECKING:
        head: str
        basis: str
        established_on: date

    @classmethod
    def establish(cls, head: str, basis: str, *, at: datetime) -> PersonnelRegister:
        """Found the register; ``head`` acts as head of the LSP from ``at``."""
        actor = Actor(head, Role.HEAD_OF_LSP, mandate="root")
        return cls.start_move(
            cls.Established,
            "establish_register",
            id=REGISTER_ID,
            actor=actor,
            at=at,
            head=head,
            basis=basis,
        )


# -- one person -------------------------------------------------------------------------------


class PersonStatus(Enum):
    """A person in the register (appointments and declarations say what they may do)."""

    REGISTERED = "registered"


_APPOINTING = (Role.HEAD_OF_LSP,)
_DECLARING = tuple(r for r in Role if r not in (Role.CANDIDATE, Role.SYSTEM))
"""Anyone who acts for the LSP records their own declarations (and enters themself, for an
assessor who holds a licence but was never appointed to anything)."""

PERSONNEL_WORKFLOW: Workflow[PersonStatus] = Workflow(
    "person",
    version=1,
    stages=PersonStatus,
    initial=PersonStatus.REGISTERED,
    moves=[
        Move(
            "register_person",
            source=None,
            dest=PersonStatus.REGISTERED,
            roles=_DECLARING,
            description="A person who will act for the LSP is entered under one canonical id.",
        ),
        Move(
            "appoint",
            source=PersonStatus.REGISTERED,
            roles=_APPOINTING,
            description="The head of the LSP appoints the person to a role (with an SK).",
        ),
        Move(
            "end_appointment",
            source=PersonStatus.REGISTERED,
            roles=_APPOINTING,
            description="The head of the LSP ends an appointment, with a reason.",
        ),
        Move(
            "declare_interest",
            source=PersonStatus.REGISTERED,
            roles=_DECLARING,
            description="The person (or the office for them) declares a relation or interest.",
        ),
    ],
)


class Person(WorkflowAggregate[PersonStatus]):
    """One person who acts for the LSP: appointments and declarations, no personal data."""

    TOPIC = "certflow/Person"
    workflow = PERSONNEL_WORKFLOW

    class Registered(WorkflowStarted):
        """A person was entered in the register."""

        TOPIC = "certflow/Person.Registered"
        person_id: str

        def record(self, aggregate: Any) -> None:
            """Start with no appointment and no declaration."""
            aggregate.person_id = self.person_id
            aggregate.appointments = ()
            aggregate.declarations = ()

    class Appointed(WorkflowEvent):
        """The person was appointed to a role."""

        TOPIC = "certflow/Person.Appointed"
        appointment: dict[str, Any]

        def record(self, aggregate: Any) -> None:
            """Add the appointment."""
            made = Appointment.model_validate(self.appointment)
            aggregate.appointments = (*aggregate.appointments, made)

    class AppointmentEnded(WorkflowEvent):
        """An appointment of the person was ended."""

        TOPIC = "certflow/Person.AppointmentEnded"
        appointment_id: str
        ended_on: date
        reason: str

        def record(self, aggregate: Any) -> None:
            """Mark it ended."""
            aggregate.appointments = tuple(
                a.model_copy(
                    update={
                        "ended_on": self.ended_on,
                        "ended_by": self.actor_id,
                        "end_reason": self.reason,
                    }
                )
                if a.appointment_id == self.appointment_id
                else a
                for a in aggregate.appointments
            )

    class InterestDeclared(WorkflowEvent):
        """The person declared a relation to a candidate or an organisation."""

        TOPIC = "certflow/Person.InterestDeclared"
        declaration: dict[str, Any]

        def record(self, aggregate: Any) -> None:
            """Add the declaration."""
            made = Declaration.model_validate(self.declaration)
            aggregate.declarations = (*aggregate.declarations, made)

    if TYPE_CHECKING:
        person_id: str
        appointments: tuple[Appointment, ...]
        declarations: tuple[Declaration, ...]

    @classmethod
    def register(cls, person_id: str, *, actor: Actor, at: datetime) -> Person:
        """Enter ``person_id`` (canonical) in the register."""
        canonical_person_id(person_id)
        return cls.start_move(
            cls.Registered,
            "register_person",
            id=person_record_id(person_id),
            actor=actor,
            at=at,
            person_id=person_id,
        )

    def appoint(
        self,
        role: Role,
        *,
        scheme_codes: Sequence[str] = (),
        valid_from: date,
        valid_until: date | None,
        basis: str,
        actor: Actor,
        at: datetime,
    ) -> Appointment:
        """Appoint this person to ``role`` (refused for roles not held by appointment)."""
        problems = []
        if role not in STAFF_ROLES:
            problems.append(
                f"{role.value} is not a role held by appointment (an assessor acts under the "
                "licence in the assessor register, a candidate under their subject id)"
            )
        if valid_until is not None and valid_until < valid_from:
            problems.append("valid_until is before valid_from")
        if not basis.strip():
            problems.append("name the decree or letter (SK) the appointment rests on")
        if actor.id == self.person_id and actor.mandate != "root":
            problems.append("nobody appoints themself; another head of the LSP appoints")
        if problems:
            raise InvalidInputError(problems, ("P2",))
        decision = self.decide_move("appoint", actor)
        made = Appointment(
            appointment_id=f"{self.person_id}#{len(self.appointments) + 1}",
            role=role,
            scheme_codes=tuple(dict.fromkeys(c.strip() for c in scheme_codes if c.strip())),
            valid_from=valid_from,
            valid_until=valid_until,
            basis=basis.strip(),
            appointed_by=actor.id,
            appointed_at=at,
        )
        self.record_move(
            self.Appointed, decision, actor=actor, at=at, appointment=made.model_dump(mode="json")
        )
        return made

    def end_appointment(
        self, appointment_id: str, *, ended_on: date, reason: str, actor: Actor, at: datetime
    ) -> None:
        """End an appointment from ``ended_on`` (the first day it no longer covers)."""
        found = self.appointment(appointment_id)
        problems = []
        if found is None:
            held = ", ".join(a.appointment_id for a in self.appointments) or "-"
            problems.append(f"{self.person_id} has no appointment {appointment_id} (has: {held})")
        elif found.ended_on is not None:
            problems.append(f"appointment {appointment_id} ended on {found.ended_on} already")
        if not reason.strip():
            problems.append("give the reason the appointment ends")
        if problems:
            raise InvalidInputError(problems, ("P2",))
        decision = self.decide_move("end_appointment", actor)
        self.record_move(
            self.AppointmentEnded,
            decision,
            actor=actor,
            at=at,
            appointment_id=appointment_id,
            ended_on=ended_on,
            reason=reason.strip(),
        )

    def declare(
        self,
        relation: Relation,
        *,
        subject_id: UUID | None,
        organisation: str,
        since: date,
        note: str,
        actor: Actor,
        at: datetime,
    ) -> Declaration:
        """Record a declared relation to a candidate or an organisation (R11-R13)."""
        organisation = " ".join(organisation.split())
        if (subject_id is None) == (not organisation):
            raise InvalidInputError(
                [
                    Text(
                        "a declaration names either one candidate (subject id) or one organisation",
                    )
                ],
                ("R11",),
            )
        decision = self.decide_move("declare_interest", actor)
        made = Declaration(
            declaration_id=f"{self.person_id}!{len(self.declarations) + 1}",
            relation=relation,
            subject_id=subject_id,
            organisation=organisation,
            since=since,
            note=note.strip(),
            declared_at=at,
        )
        self.record_move(
            self.InterestDeclared,
            decision,
            actor=actor,
            at=at,
            declaration=made.model_dump(mode="json"),
        )
        return made

    def appointment(self, appointment_id: str) -> Appointment | None:
        """The appointment with this id, if the person has it."""
        return next((a for a in self.appointments if a.appointment_id == appointment_id), None)

    def appointment_for(
        self, role: Role | str, scheme_code: str | None, day: date
    ) -> Appointment | None:
        """The appointment that lets this person act in ``role`` on ``scheme_code`` on ``day``."""
        return next((a for a in self.appointments if a.covers(role, scheme_code, day)), None)

    def interests_in(self, subject_id: UUID, unit: str = "") -> list[Declaration]:
        """What this person declared about the candidate ``subject_id`` (or their unit)."""
        return [d for d in self.declarations if d.concerns(subject_id, unit)]
