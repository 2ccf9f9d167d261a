"""Who may read what: the service's read policy, in one table.

Commands need no table here: the register decides them (the role a person acts in comes from
their appointments, :func:`certflow.application.actor_for`, and the trust gate checks it: P1,
P2, a candidate only on their own case P3), except that a command on a certification the caller
may not read is ``404`` as below, before any of that. Reads are decided here, by what kind of
reader a principal is on the business day:

* ``staff``: a person with an appointment in force in the personnel register reads everything;
* ``assessor``: a person holding an assessor's licence (and no appointment) reads the
  certifications they were ever assigned to;
* ``candidate``: a candidate's subject id reads their own certifications only.

The registers follow the same table: schemes and sessions (no personal data) every reader,
TUKs staff and assessors, assessors' names, the personnel register, complaints and misconduct
cases staff only; a candidate's personal data (never the NIK) staff and the candidate themself
(:func:`readable_candidate`).

A record the reader may not read is answered ``404 not-found``, exactly as a record that does
not exist, so ids cannot be probed. A list is filtered to what the reader may read. A query that
is not about one record (the read models) is ``403 not-authorized`` for a reader it is not for.

:data:`READ_POLICY` (endpoint name → readers) is what the routes consult and what an
authorisation test can enumerate; :data:`SCOPE` says which readers see only their own records.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Annotated
from uuid import UUID

from fastapi import Depends

from certflow import CertificationBody
from certflow.application import (
    CertificationView,
    SubjectKind,
    SubjectRecord,
    candidate_subject,
)
from certflow.engine import NotAuthorizedError, NotFoundError, Text
from certflow.service.context import ServiceState, service_of
from certflow.service.principals import CurrentPrincipal, Principal

__all__ = [
    "READ_POLICY",
    "SCOPE",
    "CurrentReader",
    "Reader",
    "ReaderKind",
    "allow",
    "current_reader",
    "readable",
    "readable_candidate",
    "reader_of",
]


class ReaderKind(Enum):
    """What kind of reader a principal is, from the register."""

    STAFF = "staff"
    ASSESSOR = "assessor"
    CANDIDATE = "candidate"
    NOBODY = "nobody"
    """Known to no register (or no appointment, licence or case in force): reads nothing."""


_EVERYONE = frozenset({ReaderKind.STAFF, ReaderKind.ASSESSOR, ReaderKind.CANDIDATE})
_STAFF = frozenset({ReaderKind.STAFF})
_STAFF_AND_ASSESSORS = frozenset({ReaderKind.STAFF, ReaderKind.ASSESSOR})
_STAFF_AND_CANDIDATES = frozenset({ReaderKind.STAFF, ReaderKind.CANDIDATE})

READ_POLICY: dict[str, frozenset[ReaderKind]] = {
    "certifications.list": _EVERYONE,
    "certifications.get": _EVERYONE,
    "certifications.history": _EVERYONE,
    "certifications.state": _EVERYONE,
    "certifications.diff": _EVERYONE,
    "views.case_board": _STAFF,
    "views.certificate_register": _STAFF,
    "views.deadline_board": _STAFF,
    "views.overdue": _STAFF,
    "views.workload": _STAFF,
    "rules.list": _EVERYONE,
    # the registers: reference data anyone signed in reads; people's names only staff
    "schemes.list": _EVERYONE,
    "schemes.get": _EVERYONE,
    "sessions.list": _EVERYONE,
    "sessions.get": _EVERYONE,
    "tuks.list": _STAFF_AND_ASSESSORS,
    "tuks.get": _STAFF_AND_ASSESSORS,
    "assessors.list": _STAFF,
    "assessors.get": _STAFF,
    "candidates.get": _STAFF_AND_CANDIDATES,
    # the oversight records
    "staff.list": _STAFF,
    "staff.get": _STAFF,
    "complaints.list": _STAFF,
    "complaints.get": _STAFF,
    "misconduct.list": _STAFF,
    "misconduct.get": _STAFF,
}
"""Which readers each query is for (the route's name → kinds of reader)."""

SCOPE: dict[ReaderKind, str] = {
    ReaderKind.STAFF: "every certification",
    ReaderKind.ASSESSOR: "the certifications they were ever assigned to",
    ReaderKind.CANDIDATE: "their own certifications",
    ReaderKind.NOBODY: "nothing",
}
"""Which certifications each kind of reader sees (in lists, and one at a time)."""


@dataclass(frozen=True)
class Reader:
    """A principal as a reader: their kind and the id their own records carry."""

    kind: ReaderKind
    person: str
    subject: UUID | None = None
    """A candidate's subject id; an assessor's register id."""

    def may_read(self, view: CertificationView) -> bool:
        """Whether this reader may read the certification ``view``."""
        if self.kind is ReaderKind.STAFF:
            return True
        if self.kind is ReaderKind.CANDIDATE:
            return view.subject_id == self.subject
        if self.kind is ReaderKind.ASSESSOR:
            return self.subject is not None and self.subject in view.assessor_ids
        return False


def reader_of(body: CertificationBody, principal: Principal) -> Reader:
    """What kind of reader ``principal`` is on the business day (from the registers)."""
    subject = candidate_subject(body, principal.person)
    if subject is not None:
        return Reader(ReaderKind.CANDIDATE, principal.person, subject)
    try:
        member = body.get_person(principal.person, on=body.clock.now().date())
    except (NotAuthorizedError, NotFoundError):
        return Reader(ReaderKind.NOBODY, principal.person)
    if member.in_force:
        return Reader(ReaderKind.STAFF, member.person_id)
    if member.met_number is not None:
        try:
            return Reader(ReaderKind.ASSESSOR, member.person_id, UUID(member.person_id))
        except ValueError:
            found = [a.id for a in body.list_assessors() if a.met_number == member.met_number]
            return Reader(ReaderKind.ASSESSOR, member.person_id, found[0] if found else None)
    return Reader(ReaderKind.NOBODY, member.person_id)


def current_reader(
    principal: CurrentPrincipal, state: Annotated[ServiceState, Depends(service_of)]
) -> Reader:
    """The authenticated caller as a reader (a FastAPI dependency)."""
    return reader_of(state.body, principal)


CurrentReader = Annotated[Reader, Depends(current_reader)]
"""A handler parameter: the caller as a reader."""


def allow(reader: Reader, query: str) -> None:
    """Refuse ``reader`` a query of :data:`READ_POLICY` that is not for them (403).

    Raises:
        NotAuthorizedError: the query is not for this kind of reader.
    """
    allowed = READ_POLICY[query]
    if reader.kind not in allowed:
        raise NotAuthorizedError(
            query,
            reader.kind.value,
            [k.value for k in allowed],
            message=Text(
                "{person} may not read {query}: it is for {allowed}",
                person=reader.person,
                query=query,
                allowed=", ".join(sorted(k.value for k in allowed)),
            ),
        )


def readable(body: CertificationBody, reader: Reader, certification_id: UUID) -> CertificationView:
    """The certification, if ``reader`` may read it; else not found (never forbidden).

    Raises:
        NotFoundError: there is no such certification, or the reader may not read it.
    """
    try:
        view = body.get(certification_id)
    except NotFoundError:
        raise NotFoundError("certification", certification_id) from None
    if not reader.may_read(view):
        raise NotFoundError("certification", certification_id)
    return view


def readable_candidate(body: CertificationBody, reader: Reader, subject_id: UUID) -> SubjectRecord:
    """The candidate's record, if ``reader`` may read it (staff; the candidate themself).

    Raises:
        NotFoundError: no such candidate, or not one the reader may read.
    """
    if reader.kind is not ReaderKind.STAFF and reader.subject != subject_id:
        raise NotFoundError("subject", subject_id)
    try:
        record = body.get_candidate(subject_id)
    except NotFoundError:
        raise NotFoundError("subject", subject_id) from None
    if record.kind is not SubjectKind.CANDIDATE:
        raise NotFoundError("subject", subject_id)
    return record
