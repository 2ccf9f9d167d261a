"""The audit's impartiality section: every recorded act, re-checked against the register.

One pass over the whole store in the order it was stored rebuilds the personnel register, the
assessor licences and every certification exactly as they stood when each act was recorded, and
asks of each act what the trust gate asks before a command (:mod:`certflow.application.trust`):

- the person was in the register (P1) and held an appointment for the role covering the scheme
  on the act's business date (P2); an assessor held a licence valid that day (R9) for the scheme
  (R10); a candidate acted on their own case (P3); only certflow's sweep acted as ``system`` (P4);
- the person was not involved in the case: the same :func:`~certflow.application.trust.involvement`
  the gate applies (R12, R13, R32, R51, P5), for the actor of an impartial act, for an assessor
  named in an assignment and for every member named on an appeal panel.

A declaration recorded after an act, whose relation already held on the act's date, would have
barred it: those are listed apart, as **conflicts found later**; the act was proper when made, so
they do not make the audit fail but need a review. Acts recorded before the register was founded
are counted and not checked; a store with no register is reported as ``no register``.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID

from certflow.application.services import SYSTEM, Services
from certflow.application.trust import IMPARTIAL_ACTS, involvement
from certflow.domain import (
    REGISTER_ID,
    Assessor,
    Certification,
    CertificationState,
    Person,
    PersonnelRegister,
    Role,
    person_record_id,
)
from certflow.domain.personnel_values import refusal_text
from certflow.engine import Text, WorkflowEvent

__all__ = [
    "CHECKED",
    "NO_REGISTER",
    "ImpartialityFinding",
    "ImpartialityReport",
    "impartiality_audit",
]

CHECKED = "checked"
"""The store has a personnel register; every act recorded since it was founded was checked."""
NO_REGISTER = "no register"
"""The store has no personnel register (written before it existed): nothing to check against."""

_PERSON_EVENTS = (
    Person.Registered,
    Person.Appointed,
    Person.AppointmentEnded,
    Person.InterestDeclared,
)
_LICENCE_EVENTS = (Assessor.Added, Assessor.LicenceRenewed)
_ASSIGNEE_ACT = "verify_portfolio"
"""What an assigned assessor will do: the gate checks an assignee as for this act."""
_PANEL_ACT = "form_appeal_panel"


@dataclass(frozen=True)
class ImpartialityFinding:
    """One act that the register, as it stood then, did not allow (or later shows conflicted)."""

    rule_id: str
    certification_id: UUID
    version: int
    event: str
    """The event's name, e.g. ``"Decided"``."""
    trigger: str
    person: str
    """The person checked: the actor, an assigned assessor, or a panel member."""
    role: str
    """The role they acted (or were named) in."""
    mandate: str | None
    """The mandate recorded on the event (the actor's appointment or licence), if any."""
    on: date
    """The act's business date."""
    detail: Text


@dataclass
class ImpartialityReport:
    """What the impartiality section found."""

    status: str = CHECKED
    """:data:`CHECKED` or :data:`NO_REGISTER`."""
    acts: int = 0
    """Acts re-checked (certification events recorded since the register was founded)."""
    before_register: int = 0
    """Acts recorded before the register was founded, read as before and not checked."""
    findings: list[ImpartialityFinding] = field(default_factory=list)
    """Acts the register and declarations recorded at the time did not allow."""
    found_later: list[ImpartialityFinding] = field(default_factory=list)
    """Acts a declaration recorded afterwards shows to be conflicted (a review, not a failure)."""

    @property
    def clean(self) -> bool:
        """Whether every checked act was allowed when it was made.

        Conflicts found later and a missing register do not count against it.
        """
        return not self.findings


def impartiality_audit(services: Services) -> ImpartialityReport:
    """Re-check every recorded act of every certification against the register of its time."""
    if not services.store.exists(REGISTER_ID):
        return ImpartialityReport(status=NO_REGISTER)
    final = _project(services.store.scan(_topics(_PERSON_EVENTS)))
    checker = _Checker(services, final)
    for event in services.store.scan():
        checker.see(event)
    return checker.report


def _topics(kinds: Iterable[type[Any]]) -> list[str]:
    return [kind.TOPIC for kind in kinds]


def _project(events: Iterable[Any]) -> dict[UUID, Any]:
    records: dict[UUID, Any] = {}
    for event in events:
        _step(records, event)
    return records


def _step(records: dict[UUID, Any], event: Any) -> Any:
    """Apply ``event`` to its record in ``records``; return the record as it was before."""
    before = records.get(event.originator_id)
    records[event.originator_id] = event.mutate(before)
    return before


class _Checker:
    def __init__(self, services: Services, final: dict[UUID, Person]) -> None:
        self._s = services
        self._final = final
        self._people: dict[UUID, Person] = {}
        self._licences: dict[UUID, Assessor] = {}
        self._cases: dict[UUID, Certification] = {}
        self._units: dict[UUID, str] = {}
        self._established = False
        self.report = ImpartialityReport()

    def see(self, event: Any) -> None:
        """Take one stored event, in the order stored."""
        if isinstance(event, PersonnelRegister.Established):
            self._established = True
        elif isinstance(event, _PERSON_EVENTS):
            _step(self._people, event)
        elif isinstance(event, _LICENCE_EVENTS):
            _step(self._licences, event)
        elif isinstance(event, WorkflowEvent) and event.workflow == Certification.workflow.name:
            before: Certification | None = _step(self._cases, event)
            if self._established:
                self.report.acts += 1
                self._act(event, before.state if before is not None else None)
            else:
                self.report.before_register += 1

    # -- one act -------------------------------------------------------------------------------

    def _act(self, event: WorkflowEvent, state: CertificationState | None) -> None:
        scheme = state.scheme_code if state is not None else getattr(event, "scheme_code", None)
        subject = state.subject_id if state is not None else getattr(event, "subject_id", None)
        person, role = event.actor_id, event.actor_role
        if role == Role.CANDIDATE.value:
            if subject is None or person != str(subject):
                self._find(
                    event,
                    "P3",
                    person,
                    role,
                    Text("{person} acted as candidate on someone else's case", person=person),
                )
            return
        if role == Role.SYSTEM.value and person != SYSTEM.id:
            self._find(
                event,
                "P4",
                person,
                role,
                Text(
                    "the system role was used by {person}, not by certflow's sweep",
                    person=person,
                ),
            )
        self._mandate(event, person, role, scheme)
        if state is None:
            return
        if event.trigger in IMPARTIAL_ACTS and role != Role.SYSTEM.value:
            self._impartial(event, person, role, event.trigger, state)
        if isinstance(event, Certification.AssessorAssigned):
            self._impartial(
                event, str(event.assessor_id), Role.ASSESSOR.value, _ASSIGNEE_ACT, state
            )
        elif isinstance(event, Certification.AppealPanelFormed):
            for member in event.members:
                self._mandate(event, member, Role.APPEAL_PANEL.value, scheme)
                self._impartial(event, member, Role.APPEAL_PANEL.value, _PANEL_ACT, state)

    def _mandate(self, event: WorkflowEvent, person: str, role: str, scheme: str | None) -> None:
        """P1, P2 (an appointment) or R9, R10 (an assessor's licence), as recorded then."""
        day = event.at.date()
        if role == Role.ASSESSOR.value:
            licence = self._licence(person)
            problem: tuple[str, Text] | None = None
            if licence is None:
                problem = (
                    "R9",
                    Text("{person} was not in the assessor register", person=person),
                )
            elif not licence.licensed_on(day):
                until = licence.licence_valid_until.isoformat()
                problem = (
                    "R9",
                    Text(
                        "assessor licence {licence_met_number} ended on {until}",
                        licence_met_number=licence.met_number,
                        until=until,
                    ),
                )
            elif scheme is not None and not licence.covers(scheme):
                problem = (
                    "R10",
                    Text(
                        "assessor {licence_met_number} was not registered for scheme {scheme}",
                        licence_met_number=licence.met_number,
                        scheme=scheme,
                    ),
                )
            if problem is not None:
                self._find(event, problem[0], person, role, problem[1])
            return
        record = self._people.get(person_record_id(person))
        if record is None:
            self._find(
                event,
                "P1",
                person,
                role,
                Text("{person} was not a person in the personnel register", person=person),
            )
        elif record.appointment_for(role, scheme, day) is None:
            self._find(event, "P2", person, role, refusal_text(person, role, scheme, day))

    def _impartial(
        self, event: WorkflowEvent, person: str, role: str, trigger: str, state: CertificationState
    ) -> None:
        """R12, R13, R32, R51, P5 with the register of the time; then what was declared later."""
        day = event.at.date()
        record = self._people.get(person_record_id(person))
        unit = self._unit(state.subject_id) if record is not None and record.declarations else ""
        for found in involvement(person, trigger, state, record, day, unit):
            self._find(event, found.rule_id, person, role, found.text)
        final = self._final.get(person_record_id(person))
        known = len(record.declarations) if record is not None else 0
        if final is None or len(final.declarations) <= known:
            return
        later = copy.copy(final)
        later.declarations = final.declarations[known:]
        without = {(i.rule_id, i.text.en) for i in involvement(person, trigger, state, None, day)}
        for found in involvement(person, trigger, state, later, day, self._unit(state.subject_id)):
            if (found.rule_id, found.text.en) not in without:
                self._find(event, found.rule_id, person, role, found.text, later=True)

    # -- lookups -------------------------------------------------------------------------------

    def _licence(self, person: str) -> Assessor | None:
        try:
            key = UUID(person)
        except ValueError:
            return None
        return self._licences.get(key) if str(key) == person else None

    def _unit(self, subject_id: UUID) -> str:
        if subject_id not in self._units:
            found = self._s.subjects.get(subject_id)
            self._units[subject_id] = found.data.unit if found is not None else ""
        return self._units[subject_id]

    def _find(
        self,
        event: WorkflowEvent,
        rule_id: str,
        person: str,
        role: str,
        detail: Text,
        *,
        later: bool = False,
    ) -> None:
        finding = ImpartialityFinding(
            rule_id=rule_id,
            certification_id=event.originator_id,
            version=event.originator_version,
            event=type(event).__name__,
            trigger=event.trigger,
            person=person,
            role=role,
            mandate=event.actor_mandate,
            on=event.at.date(),
            detail=detail,
        )
        (self.report.found_later if later else self.report.findings).append(finding)
