"""The personnel register's use cases: found it, enter people, appoint, end, declare, list.

Every act here passes the same gate as the certification commands (the head of the LSP appoints
and ends appointments; anyone appointed records a declaration for themself, the office for
others), except founding the register, which is the recorded root of trust and can happen once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from certflow.application.services import SYSTEM, Services, as_enum
from certflow.application.trust import Gate
from certflow.domain import (
    REGISTER_ID,
    Appointment,
    Assessor,
    Declaration,
    Person,
    PersonnelRegister,
    Relation,
    Role,
    canonical_person_id,
    person_record_id,
)
from certflow.engine import (
    Actor,
    AlreadyExistsError,
    NotFoundError,
    RejectedError,
    RuleViolatedError,
    Text,
    Violation,
    WorkflowAggregate,
)

__all__ = ["SWEEPER", "Staff", "StaffMember"]

SWEEPER = SYSTEM.id
"""The person id of certflow's sweep, appointed to the ``system`` role when the register is
founded, so every move time makes due is recorded under a recorded appointment."""

_PERSON = Person.Registered.TOPIC
_LICENCE = Assessor.Added.TOPIC
_OFFICE = frozenset({Role.HEAD_OF_LSP.value, Role.CERTIFICATION_MANAGER.value})


@dataclass(frozen=True)
class StaffMember:
    """One person in the register as of a day: appointments (all, and in force), declarations."""

    person_id: str
    appointments: tuple[Appointment, ...]
    in_force: tuple[Appointment, ...]
    declarations: tuple[Declaration, ...]
    met_number: str | None = None
    """The MET number, when the person holds an assessor licence."""


class Staff:
    """Commands and queries of the personnel register."""

    def __init__(self, services: Services) -> None:
        self._s = services
        self._gate = Gate(services)

    # -- commands ----------------------------------------------------------------------------

    def establish_register(self, *, head: str, basis: str) -> str:
        """Found the personnel register: ``head`` becomes its first head of the LSP.

        This is the root of trust and is recorded once per store; the sweep's own identity is
        appointed to the ``system`` role at the same time. Returns the head's appointment id.

        Raises:
            AlreadyExistsError: the register is founded already.
            InvalidInputError: ``head`` is not a canonical person id, or no basis is given (P1).
        """
        head = canonical_person_id(head.strip() if isinstance(head, str) else head)
        if self._gate.established():
            raise AlreadyExistsError("personnel register", "founded", "P1")
        now = self._s.now()
        register = PersonnelRegister.establish(head, basis.strip(), at=now)
        root = Actor(head, Role.HEAD_OF_LSP, mandate="root")
        person = self._s.people.find(person_record_id(head)) or Person.register(
            head, actor=root, at=now
        )
        made = person.appoint(
            Role.HEAD_OF_LSP,
            valid_from=now.date(),
            valid_until=None,
            basis=basis,
            actor=root,
            at=now,
        )
        acting = Actor(head, Role.HEAD_OF_LSP, mandate=made.appointment_id)
        records: list[WorkflowAggregate[Any]] = [register, person]
        if head != SWEEPER:
            sweeper = self._s.people.find(person_record_id(SWEEPER)) or Person.register(
                SWEEPER, actor=acting, at=now
            )
            sweeper.appoint(
                Role.SYSTEM,
                valid_from=now.date(),
                valid_until=None,
                basis=basis,
                actor=acting,
                at=now,
            )
            records.append(sweeper)
        self._s.store.save(*records)
        return made.appointment_id

    def appoint(
        self,
        person_id: str,
        *,
        role: Role | str,
        basis: str,
        scheme_codes: Sequence[str] = (),
        valid_from: date | None = None,
        valid_until: date | None = None,
        actor: Actor,
    ) -> str:
        """Appoint ``person_id`` to ``role``, entering them in the register if new.

        The head of the LSP appoints. Returns the appointment id (``<person id>#<n>``).
        """
        chosen = as_enum(Role, role, "role", "P2")
        person_id = canonical_person_id(person_id)
        actor = self._gate.admit(actor, "appoint")
        now = self._s.now()
        person = self._s.people.find(person_record_id(person_id)) or Person.register(
            person_id, actor=actor, at=now
        )
        made = person.appoint(
            chosen,
            scheme_codes=list(scheme_codes),
            valid_from=valid_from or now.date(),
            valid_until=valid_until,
            basis=basis,
            actor=actor,
            at=now,
        )
        self._s.store.save(person)
        return made.appointment_id

    def end_appointment(
        self,
        person_id: str,
        *,
        appointment_id: str,
        reason: str,
        ended_on: date | None = None,
        actor: Actor,
    ) -> None:
        """End an appointment from ``ended_on`` (default today: it no longer covers today).

        Raises:
            RuleViolatedError: no other head-of-LSP appointment is in force on ``ended_on``
                and lasts at least as long as this one: the register would be left (then or
                later) with no root of trust (P2); appoint another head of the LSP first.
        """
        person = self._person(person_id)
        actor = self._gate.admit(actor, "end_appointment")
        now = self._s.now()
        day = ended_on or now.date()
        ending = person.appointment(appointment_id.strip())
        if ending is not None and ending.ended_on is None and ending.role is Role.HEAD_OF_LSP:
            self._keep_a_head(ending, day)
        person.end_appointment(
            appointment_id.strip(),
            ended_on=day,
            reason=reason,
            actor=actor,
            at=now,
        )
        self._s.store.save(person)

    def declare_interest(
        self,
        person_id: str,
        *,
        relation: Relation | str,
        subject_id: UUID | None = None,
        organisation: str = "",
        since: date | None = None,
        note: str = "",
        actor: Actor,
    ) -> str:
        """Record that ``person_id`` is related to a candidate or an organisation (R11-R13).

        The person records it themself, in any role they are appointed to (an assessor under
        their licence), or the certification manager or head of the LSP records it for them.
        Returns the declaration id (``<person id>!<n>``).
        """
        chosen = as_enum(Relation, relation, "relation", "R11")
        person_id = canonical_person_id(person_id)
        actor = self._gate.admit(actor, "declare_interest")
        if actor.id != person_id and actor.role not in _OFFICE:
            raise RejectedError(
                Text(
                    "R11: {actor_id} may record declarations only for themself; the "
                    "certification manager or head of the LSP records them for others",
                    actor_id=actor.id,
                ),
                ("R11",),
            )
        now = self._s.now()
        person = self._s.people.find(person_record_id(person_id))
        if person is None:
            if self._gate.licence(person_id) is None:
                raise NotFoundError("person", person_id)
            person = Person.register(person_id, actor=actor, at=now)
        made = person.declare(
            chosen,
            subject_id=subject_id,
            organisation=organisation,
            since=since or now.date(),
            note=note,
            actor=actor,
            at=now,
        )
        self._s.store.save(person)
        return made.declaration_id

    # -- queries -----------------------------------------------------------------------------

    def register_established(self) -> bool:
        """Whether this store's personnel register is founded."""
        return self._gate.established()

    def register_head(self) -> str | None:
        """The person who founded the register (the root of trust), if it is founded."""
        found = self._s.store.find(PersonnelRegister, REGISTER_ID)
        return None if found is None else found.head

    def get_person(self, person_id: str, *, on: date | None = None) -> StaffMember:
        """One person's appointments and declarations (``in_force`` as of ``on``; default today)."""
        canonical = self._gate.resolve(person_id)
        return self._member(canonical, on or self._s.now().date())

    def list_staff(self, *, on: date | None = None) -> list[StaffMember]:
        """Everyone in the register, by person id (assessors with a licence included)."""
        day = on or self._s.now().date()
        ids = {p.person_id for p in map(self._s.people.load, self._s.people.ids(_PERSON))}
        ids |= {str(a) for a in self._s.assessors.ids(_LICENCE)}
        return [self._member(i, day) for i in sorted(ids)]

    def _member(self, person_id: str, day: date) -> StaffMember:
        person = self._s.people.find(person_record_id(person_id))
        licence = self._gate.licence(person_id)
        if person is None and licence is None:
            raise NotFoundError("person", person_id)
        appointments = person.appointments if person is not None else ()
        return StaffMember(
            person_id=person_id,
            appointments=appointments,
            in_force=tuple(a for a in appointments if a.covers(a.role, None, day)),
            declarations=person.declarations if person is not None else (),
            met_number=licence.met_number if licence is not None else None,
        )

    def _keep_a_head(self, ending: Appointment, day: date) -> None:
        """Refuse to end ``ending`` unless another head outlasts it.

        The other head-of-LSP appointment must cover ``day`` and last at least as long as
        ``ending`` would have (open-ended if it was): a head whose term runs out later would
        leave the register without a root of trust, and nobody could appoint a head again.
        """
        for person in map(self._s.people.load, self._s.people.ids(_PERSON)):
            for held in person.appointments:
                if (
                    held.appointment_id != ending.appointment_id
                    and held.covers(Role.HEAD_OF_LSP, None, day)
                    and held.ended_on is None
                    and (
                        held.valid_until is None
                        or (
                            ending.valid_until is not None
                            and held.valid_until >= ending.valid_until
                        )
                    )
                ):
                    return
        raise RuleViolatedError(
            (
                Violation(
                    "P2",
                    Text(
                        "{ending_appointment_id} is the last head-of-LSP appointment in "
                        "force on {day} and after; the personnel register would have no "
                        "root of trust left. Appoint another head of the LSP first "
                        "(`certflow staff appoint ... --role head_of_lsp`), then end "
                        "this one",
                        ending_appointment_id=ending.appointment_id,
                        day=day.isoformat(),
                    ),
                ),
            )
        )

    def _person(self, person_id: str) -> Person:
        person = self._s.people.find(person_record_id(canonical_person_id(person_id)))
        if person is None:
            raise NotFoundError("person", person_id)
        return person
