"""Who acts, for a caller that knows only the person: the role comes from the register.

The command line's ``--as`` and the service's authenticated principal name a person, never a
role. :func:`actor_for` picks, among the roles that person's appointments in force give them on
the business day (an assessor's licence, a candidate's own case), one of :func:`acting_roles`
for the move; the trust gate (:mod:`certflow.application.trust`) then checks that appointment
like any other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from certflow.application.subjects import SubjectKind
from certflow.domain import (
    API_TOKEN_WORKFLOW,
    BREACH_WORKFLOW,
    CERTIFICATION_WORKFLOW,
    COMPLAINT_WORKFLOW,
    CORRECTION_WORKFLOW,
    DISCLOSURE_WORKFLOW,
    IDENTITY_LINK_WORKFLOW,
    MISCONDUCT_WORKFLOW,
    PERSONNEL_WORKFLOW,
    RETENTION_WORKFLOW,
    SUBJECT_WORKFLOW,
    TUK_WORKFLOW,
    Role,
)
from certflow.domain.assessor import ASSESSOR_WORKFLOW
from certflow.domain.scheme import SCHEME_WORKFLOW
from certflow.domain.session import SESSION_WORKFLOW
from certflow.engine import Actor, NotAuthorizedError, NotFoundError, Text

if TYPE_CHECKING:
    from certflow.application.body import CertificationBody

__all__ = ["acting_roles", "actor_for", "candidate_subject"]

_ROLES: dict[str, frozenset[str]] = {
    move.trigger: frozenset(move.roles)
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
        CORRECTION_WORKFLOW,
        DISCLOSURE_WORKFLOW,
        BREACH_WORKFLOW,
        RETENTION_WORKFLOW,
        API_TOKEN_WORKFLOW,
        IDENTITY_LINK_WORKFLOW,
    )
    for move in workflow.moves
}


def acting_roles(trigger: str) -> frozenset[str]:
    """The roles the move ``trigger`` may be made in (empty for an unknown trigger)."""
    return _ROLES.get(trigger, frozenset())


def candidate_subject(body: CertificationBody, person: str) -> UUID | None:
    """The subject id ``person`` is when it is a candidate on file, else ``None``."""
    try:
        subject = UUID(person.strip())
    except ValueError:
        return None
    try:
        record = body.get_candidate(subject)
    except NotFoundError:
        return None
    return subject if record.kind is SubjectKind.CANDIDATE else None


def actor_for(
    body: CertificationBody, person: str, trigger: str, *, scheme: str | None = None
) -> Actor:
    """The actor ``person`` is for the move ``trigger``: their role from the register.

    Args:
        body: the certification body.
        person: who acts: a person id in the personnel register, an assessor's MET number or
            register id, or a candidate's subject id.
        trigger: the move (the facade method's name).
        scheme: the scheme code acted on, when appointments may be limited to schemes.

    Raises:
        NotAuthorizedError: nobody in the register, the assessors or the candidates is
            ``person`` (P1), or the person holds no role the move allows on the day (P2).
    """
    allowed = acting_roles(trigger)
    subject = candidate_subject(body, person)
    if subject is not None:
        if Role.CANDIDATE.value not in allowed:
            raise NotAuthorizedError(trigger, Role.CANDIDATE.value, allowed, rule_id="P2")
        return Actor(str(subject), Role.CANDIDATE)
    day = body.clock.now().date()
    try:
        member = body.get_person(person.strip(), on=day)
    except (NotAuthorizedError, NotFoundError):
        raise NotAuthorizedError(
            trigger,
            "-",
            allowed,
            rule_id="P1",
            message=Text(
                "{person!r} is not a person in the personnel register, an assessor or a "
                "candidate on file",
                person=person[:80],
            ),
        ) from None
    held = [a.role.value for a in member.in_force if a.covers(a.role, scheme, day)]
    if member.met_number is not None:
        held.append(Role.ASSESSOR.value)
    for role in held:
        if role in allowed:
            return Actor(member.person_id, role)
    needed = " / ".join(sorted(allowed))
    has = ", ".join(held) or "-"
    raise NotAuthorizedError(
        trigger,
        has,
        allowed,
        rule_id="P2",
        message=Text(
            "{person} holds no appointment in force on {day} for {trigger} "
            "(their roles: {has}); it needs {needed}: the head of the LSP "
            "appoints one with `certflow staff appoint`",
            person=member.person_id,
            day=day,
            trigger=trigger,
            has=has,
            needed=needed,
        ),
    )
