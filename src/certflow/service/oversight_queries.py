"""Queries over the oversight records: the personnel register, complaints and misconduct cases.

Staff only (:data:`.access.READ_POLICY`): who is appointed to what and who declared which
interest, the complaints (references only: no complainant's contact details are kept) and the
misconduct cases with the decisions they quarantine. Lists are paged (:mod:`.queries_paging`);
one record is sent with ``ETag: "<version>"`` where it is a record of its own (a person who only
holds an assessor's licence has no register entry to version).
"""

from __future__ import annotations

import contextlib
from datetime import date
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from certflow.application import ComplaintView, QuarantineView, StaffMember
from certflow.domain import misconduct_case_id, person_record_id
from certflow.engine import NotFoundError
from certflow.service.access import CurrentReader, allow
from certflow.service.context import ServiceState, service_of
from certflow.service.queries_paging import DEFAULT_LIMIT, Cursor, Limit, Page, paginate
from certflow.service.registers_queries import one_example, page_example, versioned

__all__ = ["router"]

router = APIRouter(prefix="/v1")
State = Annotated[ServiceState, Depends(service_of)]
On = Annotated[date | None, Query(description="The day to read as of (default: today).")]
PersonId = Annotated[str, Path(max_length=200, description="A person id or MET number.")]
OpenOnly = Annotated[bool, Query(description="Only those still being handled.")]

_ID = "0b7e4c1a-6f4e-4e2b-9a51-3c8d2f1e7a90"
_APPOINTMENT: dict[str, Any] = {
    "appointment_id": "lsp-admin-01#1",
    "person_id": "lsp-admin-01",
    "role": "lsp_admin",
    "scheme_codes": [],
    "valid_from": "2024-01-02",
    "valid_until": None,
    "basis": "SK Ketua LSP No. 12/2024",
    "appointed_by": "ketua-lsp-01",
    "appointed_at": "2024-01-02T09:00:00+07:00",
    "ended_on": None,
    "ended_by": None,
    "end_reason": "",
}
_MEMBER = {
    "person_id": "lsp-admin-01",
    "appointments": [_APPOINTMENT],
    "in_force": [_APPOINTMENT],
    "declarations": [],
    "met_number": None,
}
_COMPLAINT: dict[str, Any] = {
    "complaint_id": _ID,
    "stage": "acknowledged",
    "subject": "assessor",
    "assessor_id": "5e1f0a2b-3c4d-5e6f-8a9b-0c1d2e3f4a5b",
    "certification_id": None,
    "person_id": None,
    "anonymous": True,
    "summary": "asesor datang terlambat 2 jam",
    "received_on": "2024-11-08",
    "acknowledge_by": "2024-11-15",
    "resolve_by": "2024-12-08",
    "acknowledged_on": "2024-11-09",
    "investigator": None,
    "outcome": None,
    "findings": "",
    "actions": [],
    "resolved_on": None,
    "escalated": [],
    "suspended": [],
}
_CASE: dict[str, Any] = {
    "case_id": _ID,
    "assessor_id": "5e1f0a2b-3c4d-5e6f-8a9b-0c1d2e3f4a5b",
    "stage": "quarantined",
    "kind": "gratification",
    "grounds": "menerima hadiah dari asesi",
    "flagged_on": "2024-11-20",
    "complaint_id": None,
    "affected": ["7a2b3c4d-5e6f-4a1b-9c8d-7e6f5a4b3c2d"],
    "reviews": {},
    "pending": ["7a2b3c4d-5e6f-4a1b-9c8d-7e6f5a4b3c2d"],
}


@router.get(
    "/staff",
    name="staff.list",
    tags=["staff"],
    summary="Everyone in the personnel register with their appointments, by person id",
    response_model=Page[StaffMember],
    responses=page_example(_MEMBER),
)
def list_staff(
    request: Request,
    state: State,
    reader: CurrentReader,
    on: On = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> Page[StaffMember]:
    """The register as of a day (assessors with a licence included)."""
    allow(reader, "staff.list")
    found = state.body.list_staff(on=on)
    return paginate(found, lambda m: (m.person_id,), request=request, cursor=cursor, limit=limit)


@router.get(
    "/staff/{person_id}",
    name="staff.get",
    tags=["staff"],
    summary="One person's appointments and declarations (ETag: their record's version)",
    response_model=StaffMember,
    responses=one_example(_MEMBER),
)
def get_person(
    person_id: PersonId, response: Response, state: State, reader: CurrentReader, on: On = None
) -> StaffMember:
    """The person's appointments (``in_force`` as of the day) and declarations."""
    allow(reader, "staff.get")
    member = state.body.get_person(person_id, on=on)
    # a licence holder with no register entry of their own yet has no version
    with contextlib.suppress(NotFoundError):
        versioned(state, response, person_record_id(member.person_id))
    return member


@router.get(
    "/complaints",
    name="complaints.list",
    tags=["complaints"],
    summary="Every complaint, oldest first",
    response_model=Page[ComplaintView],
    responses=page_example(_COMPLAINT),
)
def list_complaints(
    request: Request,
    state: State,
    reader: CurrentReader,
    open_only: OpenOnly = False,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> Page[ComplaintView]:
    """The complaints (R53): subject, deadlines, investigator and outcome."""
    allow(reader, "complaints.list")
    found = state.body.list_complaints(open_only=open_only)
    order = {c.complaint_id: n for n, c in enumerate(state.body.list_complaints())}
    return paginate(
        found,
        lambda c: (order.get(c.complaint_id, -1),),
        request=request,
        cursor=cursor,
        limit=limit,
    )


@router.get(
    "/complaints/{complaint_id}",
    name="complaints.get",
    tags=["complaints"],
    summary="One complaint (ETag: its version)",
    response_model=ComplaintView,
    responses=one_example(_COMPLAINT),
)
def get_complaint(
    complaint_id: UUID, response: Response, state: State, reader: CurrentReader
) -> ComplaintView:
    """The complaint."""
    allow(reader, "complaints.get")
    found = state.body.get_complaint(complaint_id)
    versioned(state, response, complaint_id)
    return found


def _by_flag(case: QuarantineView) -> tuple[Any, ...]:
    return (case.flagged_on.isoformat(), str(case.assessor_id))


@router.get(
    "/misconduct",
    name="misconduct.list",
    tags=["misconduct"],
    summary="Every misconduct case, by the day flagged",
    response_model=Page[QuarantineView],
    responses=page_example(_CASE),
)
def list_misconduct(
    request: Request,
    state: State,
    reader: CurrentReader,
    open_only: OpenOnly = False,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> Page[QuarantineView]:
    """The misconduct cases (R55): the decisions quarantined and their reviews."""
    allow(reader, "misconduct.list")
    found = state.body.list_quarantines(open_only=open_only)
    return paginate(found, _by_flag, request=request, cursor=cursor, limit=limit)


@router.get(
    "/misconduct/{assessor_id}",
    name="misconduct.get",
    tags=["misconduct"],
    summary="An assessor's misconduct case (ETag: its version)",
    response_model=QuarantineView,
    responses=one_example(_CASE),
)
def get_misconduct(
    assessor_id: UUID, response: Response, state: State, reader: CurrentReader
) -> QuarantineView:
    """The case: the certifications it quarantines and the reviews so far."""
    allow(reader, "misconduct.get")
    found = state.body.get_misconduct_case(assessor_id)
    versioned(state, response, misconduct_case_id(assessor_id))
    return found
