"""Value types of the personnel register: relations, appointments and declarations."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from uuid import UUID

from pydantic import BaseModel, ConfigDict

from certflow.domain.values import Role
from certflow.engine import Text

__all__ = ["Appointment", "Declaration", "Relation", "refusal_text"]


class Relation(Enum):
    """What a declaration says the person is to a candidate or an organisation (R12, R13)."""

    SELF = "self"
    """The person is this candidate (a member of staff who is certified too)."""
    RELATIVE = "relative"
    """Family, by blood or marriage (R12)."""
    TRAINER = "trainer"
    """Trained or taught the candidate for the scheme (R13)."""
    SUPERVISOR = "supervisor"
    """The candidate's direct superior (R12)."""
    SUBORDINATE = "subordinate"
    """The candidate's direct subordinate (R12)."""
    COLLEAGUE = "colleague"
    """Works in the same unit as the candidate (R12)."""
    EMPLOYER = "employer"
    """Works for, or for the same organisation as, the candidate (an organisation declaration)."""
    OTHER = "other"
    """Any other interest the person declares (R12)."""

    @property
    def rule_id(self) -> str:
        """The rule a declared relation of this kind engages."""
        return {Relation.TRAINER: "R13", Relation.SELF: "P5"}.get(self, "R12")


class Appointment(BaseModel):
    """One appointment of a person to a role (surat keputusan), as recorded."""

    model_config = ConfigDict(frozen=True)

    appointment_id: str
    """``<person id>#<n>``, the n-th appointment of that person."""
    role: Role
    scheme_codes: tuple[str, ...] = ()
    """The schemes it covers; empty covers every scheme."""
    valid_from: date
    valid_until: date | None = None
    basis: str
    """The decree or letter it rests on (e.g. an SK number)."""
    appointed_by: str
    appointed_at: datetime
    ended_on: date | None = None
    """The first day it no longer covers."""
    ended_by: str | None = None
    end_reason: str = ""

    def covers(self, role: Role | str, scheme_code: str | None, day: date) -> bool:
        """Whether it lets its holder act in ``role`` on ``scheme_code`` on ``day``."""
        wanted = role.value if isinstance(role, Role) else role
        if self.role.value != wanted or day < self.valid_from:
            return False
        if self.valid_until is not None and day > self.valid_until:
            return False
        if self.ended_on is not None and day >= self.ended_on:
            return False
        return not self.scheme_codes or scheme_code is None or scheme_code in self.scheme_codes

    def describe(self) -> str:
        """One line: role, scope and validity."""
        scope = ", ".join(self.scheme_codes) if self.scheme_codes else "*"
        until = self.valid_until.isoformat() if self.valid_until else "…"
        ended = f", ended {self.ended_on.isoformat()}" if self.ended_on else ""
        return f"{self.role.value} [{scope}] {self.valid_from.isoformat()}–{until}{ended}"


class Declaration(BaseModel):
    """An interest a person declared: a relation to a candidate or an organisation, since when."""

    model_config = ConfigDict(frozen=True)

    declaration_id: str
    """``<person id>!<n>``, the n-th declaration of that person."""
    relation: Relation
    subject_id: UUID | None = None
    """The candidate (by subject id) the relation is with."""
    organisation: str = ""
    """Or the organisation (e.g. ``Polda Papua``) it is with; matched against the candidate's
    unit, ignoring case and spacing."""
    since: date
    note: str = ""
    declared_at: datetime
    """When it was recorded (business time), so the audit can tell a conflict found later."""

    def concerns(self, subject_id: UUID, unit: str) -> bool:
        """Whether this declaration is about the candidate ``subject_id`` (or their ``unit``)."""
        if self.subject_id is not None:
            return self.subject_id == subject_id
        mine, theirs = _organisation(self.organisation), _organisation(unit)
        return bool(mine) and mine == theirs


def _organisation(name: str) -> str:
    return " ".join(name.casefold().split())


def refusal_text(person_id: str, role: str, scheme_code: str | None, day: date) -> Text:
    """The sentence of a missing appointment, naming it and saying who can make it."""
    scope: Text | str = (
        Text(" for scheme {scheme_code}", scheme_code=scheme_code) if scheme_code else ""
    )
    return Text(
        "{person_id} holds no appointment as {role}{scope} valid on "
        "{day}; the head of the LSP appoints with `certflow staff "
        "appoint`",
        person_id=person_id,
        role=role,
        scope=scope,
        day=day.isoformat(),
    )
