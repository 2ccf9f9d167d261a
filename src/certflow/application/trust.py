"""Who may act, proven from the record: every command passes this gate before it is decided.

The caller says who is acting and in which role (an :class:`~certflow.engine.Actor`); nothing
else it says about that person is believed. The gate looks the person up in the personnel
register and returns the actor the command is recorded under: the canonical person id and the
mandate it acts on (an appointment's id, an assessor's licence, or the candidate's own case).
It refuses, with a rule id and nothing recorded, when:

- the role is ``system``, which only certflow's sweep uses (P4);
- the store has no register, or the id is not a person in it in its canonical spelling (P1);
- the person holds no appointment for the role covering the scheme on the business date (P2;
  an assessor's licence must be valid that day and cover the scheme, R9 and R10);
- a candidate acts on someone else's case (P3);
- the person is involved in the case: the candidate themself, an assessor or decider of it, or
  someone who declared a relation to the candidate (R12, R13, R32, R51, P5).

The checks read only what is recorded, at the command's business date; the outcome is recorded
on the event (``actor_id``, ``actor_role``, ``actor_mandate``), never re-checked on replay.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from certflow.application.services import SYSTEM, Services
from certflow.application.trust_cache import register_cache
from certflow.application.trust_signatures import SignatoryChecks
from certflow.domain import (
    API_TOKEN_WORKFLOW,
    CERTIFICATION_WORKFLOW,
    COMPLAINT_WORKFLOW,
    IDENTITY_LINK_WORKFLOW,
    MISCONDUCT_WORKFLOW,
    PERSONNEL_WORKFLOW,
    REGISTER_ID,
    SUBJECT_WORKFLOW,
    Assessor,
    CertificationState,
    Person,
    Role,
    assessor_id,
    is_canonical_person_id,
    person_record_id,
)
from certflow.domain.assessor import ASSESSOR_WORKFLOW
from certflow.domain.personnel_values import refusal_text
from certflow.domain.scheme import SCHEME_WORKFLOW
from certflow.domain.session import SESSION_WORKFLOW
from certflow.domain.tuk import TUK_WORKFLOW
from certflow.engine import Actor, Move, NotAuthorizedError, RuleViolatedError, Text, Violation

__all__ = [
    "APPEAL_ACTS",
    "ASSESSING_ACTS",
    "CERTIFICATE_ACTS",
    "DECIDING_ACTS",
    "GATE_RULE_IDS",
    "Gate",
    "Involvement",
    "involvement",
]

ASSESSING_ACTS = frozenset(
    {
        "sign_agreement",
        "verify_portfolio",
        "correct_portfolio_verification",
        "record_no_show",
        "record_interview",
        "request_further_evidence",
        "record_further_evidence",
        "recommend",
        "review_self_assessment",
        "record_adjustment",
        "record_assessment_mode",
        "acknowledge_result",
        "reject_result",
    }
)
"""Acts of the assessment: the assigned assessor, impartial to the candidate, makes them."""
DECIDING_ACTS = frozenset({"decide", "refer_back", "suspend", "lift_suspension", "revoke"})
"""Acts of the certification decision (R32)."""
APPEAL_ACTS = frozenset({"form_appeal_panel", "uphold_appeal", "reject_appeal"})
"""Acts of the appeal (R51)."""
CERTIFICATE_ACTS = frozenset({"print_certificate", "distribute_certificate", "reissue_certificate"})
"""Acts on the candidate's own certificate (P5)."""
IMPARTIAL_ACTS = ASSESSING_ACTS | DECIDING_ACTS | APPEAL_ACTS | CERTIFICATE_ACTS

GATE_RULE_IDS = (
    *("P1", "P2", "P3", "P4", "P5"),  # the register
    *("R9", "R10", "R12", "R13", "R32", "R33", "R40", "R51"),  # licences, impartiality, signers
)
"""Every rule id the gate refuses under (the rulebook lists each)."""

_MET_PREFIX = "MET"
_MOVES: dict[str, Move[Any]] = {
    m.trigger: m
    for workflow in (
        CERTIFICATION_WORKFLOW,
        PERSONNEL_WORKFLOW,
        SCHEME_WORKFLOW,
        ASSESSOR_WORKFLOW,
        SESSION_WORKFLOW,
        SUBJECT_WORKFLOW,
        TUK_WORKFLOW,
        COMPLAINT_WORKFLOW,
        MISCONDUCT_WORKFLOW,
        API_TOKEN_WORKFLOW,
        IDENTITY_LINK_WORKFLOW,
    )
    for m in workflow.moves
}
"""Every move by trigger, so a role the move does not allow is named before the register is
read (the same refusal the workflow gives)."""


@dataclass(frozen=True)
class Involvement:
    """Why a person may not act on a case: the rule and the sentence."""

    rule_id: str
    text: Text


def involvement(
    person: str,
    trigger: str,
    state: CertificationState,
    record: Person | None,
    today: date,
    unit: str = "",
) -> list[Involvement]:
    """How ``person`` is involved in the case ``state`` for the act ``trigger`` (empty: not).

    Read by the gate before a command and by the audit afterwards, so both apply one rule.
    """
    found: list[Involvement] = []
    if person == str(state.subject_id):
        found.append(
            Involvement(
                "P5",
                Text(
                    "{person} is the candidate of this case and may not act on it",
                    person=person,
                ),
            )
        )
    if record is not None:
        for d in record.interests_in(state.subject_id, unit):
            if d.since > today:
                continue
            found.append(
                Involvement(
                    d.relation.rule_id,
                    Text(
                        "{person} declared a '{relation_value}' relation to this "
                        "candidate since {d_since} ({d_declaration_id}); someone else "
                        "must act",
                        person=person,
                        relation_value=d.relation.value,
                        d_since=d.since.isoformat(),
                        d_declaration_id=d.declaration_id,
                    ),
                )
            )
    assessors = {str(a) for a in state.assessor_ids}
    if trigger in ASSESSING_ACTS:
        if person in state.deciders:
            found.append(_took_part("P5", person, Text("decided on")))
    elif person in assessors:
        rule_id = "R32" if trigger in DECIDING_ACTS else "R51" if trigger in APPEAL_ACTS else "P5"
        found.append(_took_part(rule_id, person, Text("assessed")))
    elif trigger in APPEAL_ACTS and person in state.deciders:
        found.append(_took_part("R51", person, Text("decided on")))
    return found


def _took_part(rule_id: str, person: str, verb: Text) -> Involvement:
    return Involvement(
        rule_id,
        Text(
            "{person} {verb} this candidate in this cycle; someone not involved must act",
            person=person,
            verb=verb,
        ),
    )


class Gate(SignatoryChecks):
    """Checks who is acting against the personnel register, before a command is decided."""

    def __init__(self, services: Services) -> None:
        self._s = services
        self._established = False
        self._cache = register_cache(services)
        """The register entries and licences checks read, kept fresh from the event log."""

    # -- the register --------------------------------------------------------------------------

    def established(self) -> bool:
        """Whether this store has a personnel register (founded once, never undone)."""
        if not self._established:
            self._established = self._s.store.exists(REGISTER_ID)
        return self._established

    def person(self, person_id: str) -> Person | None:
        """The register entry of a canonical person id, if there is one."""
        return self._s.people.find(person_record_id(person_id))

    def licence(self, person_id: str) -> Assessor | None:
        """The assessor licence held under a person id (an assessor's register id)."""
        try:
            key = UUID(person_id)
        except ValueError:
            return None
        if str(key) != person_id:
            return None
        return self._s.assessors.find(key)

    def resolve(self, identifier: str) -> str:
        """The canonical person id ``identifier`` names: itself, or the holder of a MET number.

        Refused (P1) when it is neither a canonical id of someone in the register nor a MET
        number of an assessor in it; ids are never compared in any other spelling.
        """
        self._cache.refresh()
        return self._resolve(identifier)

    def _resolve(self, identifier: str) -> str:
        """:meth:`resolve` on the register as of the cache's last refresh."""
        cache = self._cache
        if is_canonical_person_id(identifier):
            if cache.person(identifier) is not None or cache.licence(identifier) is not None:
                return identifier
        elif identifier.isascii() and identifier.upper().startswith(_MET_PREFIX):
            holder = str(assessor_id(identifier))
            if cache.licence(holder) is not None:
                return holder
        raise NotAuthorizedError(
            "act",
            identifier,
            (),
            rule_id="P1",
            message=Text(
                "{identifier!r} is not a person in the personnel register (in "
                "its canonical spelling); use the id recorded there (`certflow "
                "staff list`)",
                identifier=identifier,
            ),
        )

    def sweeper(self) -> Actor:
        """The actor of moves time makes due: certflow's sweep, under its recorded appointment.

        The mandate is ``None`` in a store whose register does not appoint the sweep.
        """
        self._cache.refresh()
        record = self._cache.person(SYSTEM.id)
        appointment = (
            record.appointment_for(Role.SYSTEM, None, self._s.now().date())
            if record is not None
            else None
        )
        return Actor(
            SYSTEM.id, Role.SYSTEM, mandate=appointment.appointment_id if appointment else None
        )

    # -- the check -----------------------------------------------------------------------------

    def admit(
        self,
        actor: Actor,
        trigger: str,
        *,
        state: CertificationState | None = None,
        subject_id: UUID | None = None,
        scheme_code: str | None = None,
    ) -> Actor:
        """The actor to record ``trigger`` under, after checking them against the register.

        Args:
            actor: who the caller says is acting, and in which role.
            trigger: the command.
            state: the case acted on, if any (its candidate, scheme and people).
            subject_id: the candidate a new case is for (registration).
            scheme_code: the scheme acted on, when there is no case yet.

        Raises:
            NotAuthorizedError: the person or the appointment is missing (P1, P2, P4) or a
                candidate acts on another's case (P3).
            RuleViolatedError: the person is involved in the case (R12, R13, R32, R51, P5).
        """
        role = actor.role
        move = _MOVES.get(trigger)
        if move is not None and role not in move.roles:
            raise NotAuthorizedError(trigger, role, move.roles, rule_id=move.role_rule)
        if role == Role.SYSTEM.value:
            raise _refused(
                trigger,
                actor,
                "P4",
                Text(
                    "the system role is reserved to certflow's own sweep; act as an "
                    "appointed person",
                ),
            )
        if not self.established():
            raise _refused(
                trigger,
                actor,
                "P1",
                Text(
                    "this store has no personnel register yet; the head of the LSP "
                    "founds it with `certflow staff init`",
                ),
            )
        today = self._s.now().date()
        scheme = state.scheme_code if state is not None else scheme_code
        if role == Role.CANDIDATE.value:
            own = state.subject_id if state is not None else subject_id
            if own is None or actor.id != str(own):
                raise _refused(
                    trigger,
                    actor,
                    "P3",
                    Text("a candidate acts only on their own case, under their own subject id"),
                )
            return Actor(actor.id, role, mandate="own-case")
        cache = self._cache
        cache.refresh()
        with cache.lock:
            key = (actor.id, role, scheme, today)
            known = cache.mandates.get(key)
            if known is None:
                person_id = self._resolve(actor.id)
                record = cache.person(person_id)
                mandate = self._mandate(person_id, record, role, scheme, today, actor, trigger)
                known = (record, Actor(person_id, role, mandate=mandate))
                cache.remember(key, known)
        record, admitted = known
        person_id = admitted.id
        if state is not None and trigger in IMPARTIAL_ACTS:
            unit = self._unit(state.subject_id) if record and record.declarations else ""
            found = involvement(person_id, trigger, state, record, today, unit)
            if found:
                raise RuleViolatedError(tuple(Violation(i.rule_id, i.text) for i in found))
        return admitted

    def check_assignee(self, assessor: str, state: CertificationState) -> None:
        """Refuse to assign ``assessor`` to a case they are involved in (R12, R13, P5).

        Their declarations in the register count as well as the one given with the assignment.
        """
        self._cache.refresh()
        record = self._cache.person(assessor)
        unit = self._unit(state.subject_id) if record and record.declarations else ""
        today = self._s.now().date()
        found = involvement(assessor, "verify_portfolio", state, record, today, unit)
        if found:
            raise RuleViolatedError(tuple(Violation(i.rule_id, i.text) for i in found))

    def check_members(
        self, members: Iterable[str], trigger: str, state: CertificationState
    ) -> list[str]:
        """Canonical ids of appeal-panel ``members``, each appointed and impartial (P2, R51)."""
        today = self._s.now().date()
        chosen: list[str] = []
        violations: list[Violation] = []
        self._cache.refresh()
        for named in members:
            person_id = self._resolve(named.strip())
            record = self._cache.person(person_id)
            appointment = (
                record.appointment_for(Role.APPEAL_PANEL, state.scheme_code, today)
                if record is not None
                else None
            )
            if appointment is None:
                violations.append(
                    Violation(
                        "P2",
                        refusal_text(person_id, Role.APPEAL_PANEL.value, state.scheme_code, today),
                    )
                )
            unit = self._unit(state.subject_id) if record and record.declarations else ""
            violations.extend(
                Violation(i.rule_id, i.text)
                for i in involvement(person_id, trigger, state, record, today, unit)
            )
            if person_id not in chosen:
                chosen.append(person_id)
        if violations:
            raise RuleViolatedError(tuple(violations))
        return chosen

    def check_deciders(
        self, deciders: Iterable[str], actor: Actor, state: CertificationState
    ) -> list[str]:
        """Canonical ids of a decision's named deciders, the admitted ``actor`` first (R33).

        Each must hold a certification-committee appointment covering the scheme today (P2)
        and be uninvolved in the case (R32, P5): named, not merely asserted.
        """
        today = self._s.now().date()
        chosen = [actor.id]
        violations: list[Violation] = []
        self._cache.refresh()
        role = Role.CERTIFICATION_COMMITTEE
        for named in deciders:
            if not named.strip():
                continue
            person_id = self._resolve(named.strip())
            if person_id in chosen:
                continue
            chosen.append(person_id)
            record = self._cache.person(person_id)
            if record is None or record.appointment_for(role, state.scheme_code, today) is None:
                text = refusal_text(person_id, role.value, state.scheme_code, today)
                violations.append(Violation("R33", text))
            unit = self._unit(state.subject_id) if record and record.declarations else ""
            violations.extend(
                Violation(i.rule_id, i.text)
                for i in involvement(person_id, "decide", state, record, today, unit)
            )
        if violations:
            raise RuleViolatedError(tuple(violations))
        return chosen

    def _mandate(
        self,
        person_id: str,
        record: Person | None,
        role: str,
        scheme: str | None,
        today: date,
        actor: Actor,
        trigger: str,
    ) -> str:
        if role == Role.ASSESSOR.value:
            licence = self._cache.licence(person_id)
            if licence is None:
                raise _refused(
                    trigger,
                    actor,
                    "R9",
                    Text(
                        "{person_id} is not in the assessor register (no MET number)",
                        person_id=person_id,
                    ),
                )
            if not licence.licensed_on(today):
                raise _refused(
                    trigger,
                    actor,
                    "R9",
                    Text(
                        "assessor licence {licence_met_number} ended on "
                        "{licence_licence_valid_until}; record its renewal or assign "
                        "another assessor",
                        licence_met_number=licence.met_number,
                        licence_licence_valid_until=licence.licence_valid_until.isoformat(),
                    ),
                )
            if scheme is not None and not licence.covers(scheme):
                raise _refused(
                    trigger,
                    actor,
                    "R10",
                    Text(
                        "assessor {licence_met_number} is not registered for scheme {scheme}",
                        licence_met_number=licence.met_number,
                        scheme=scheme,
                    ),
                )
            return f"licence:{licence.met_number}"
        appointment = record.appointment_for(role, scheme, today) if record is not None else None
        if appointment is None:
            raise _refused(trigger, actor, "P2", refusal_text(person_id, role, scheme, today))
        return appointment.appointment_id

    def _unit(self, subject_id: UUID) -> str:
        found = self._s.subjects.get(subject_id)
        return found.data.unit if found is not None else ""


def _refused(trigger: str, actor: Actor, rule_id: str, text: Text) -> NotAuthorizedError:
    return NotAuthorizedError(trigger, actor.role, (), rule_id=rule_id, message=text)
