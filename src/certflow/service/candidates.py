"""Candidates over HTTP: put one on file, read one (never the NIK).

``POST /v1/candidates`` calls :meth:`~certflow.CertificationBody.register_candidate` as the
actor the register makes of the caller for a registration (the LSP admin; a candidate may not
put another person on file, P3). The personal data goes to the subject store, as the library
keeps it: no event holds it (R58), no log line either (a request is logged by its route
template, never its body or path values).

**Idempotency.** No event is recorded, so there is no request record to store with one.
Instead the subject id is derived from the request's id (the caller and their
``Idempotency-Key``, :func:`certflow.engine.request_id`): a retry finds the subject it made and
answers it again (``Idempotent-Replayed: true``) when the personal data sent is the same, and
``422 idempotency-key-reused`` when it is not; the first request makes exactly one subject.
The id still reveals nothing about the person.

``GET /v1/candidates/{subject_id}`` answers staff, and a candidate for their own record; any
other subject is ``404`` (:mod:`.access`). No answer holds the NIK: none of certflow's rules
lets a reader of the API see it or search by it (R42, R64 keep it off certificates and the
verification page), so the record says only whether one is on file.
"""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID, uuid5

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict

from certflow import CertificationBody
from certflow.application import PersonalData, actor_for
from certflow.engine import ConcurrencyConflictError, NotFoundError, Text, request_id
from certflow.service.access import CurrentReader, allow, readable_candidate
from certflow.service.commands_table import request_model
from certflow.service.context import ServiceState, service_of
from certflow.service.idempotency import (
    IDEMPOTENCY_KEY,
    KEY_PARAMETER,
    answer_response,
    idempotency_key,
)
from certflow.service.principals import CurrentPrincipal
from certflow.service.problems import ProblemError
from certflow.service.queries import LOOKUP_RESPONSES
from certflow.service.records import RECORD_RESPONSES, RecordAnswer

__all__ = ["CandidateView", "router"]

router = APIRouter(prefix="/v1", tags=["candidates"])
State = Annotated[ServiceState, Depends(service_of)]

_SUBJECTS = UUID("9d4f1c2a-7b3e-5a60-8c19-2e4d6f8a0b13")
_EXAMPLE = {
    "name": "Dr. Budi Santoso, S.I.K., M.H.",
    "nik": "3201010101010001",
    "nrp": "80010001",
    "rank": "AKBP",
    "unit": "Polda Jawa Barat",
    "position": "Kabid Humas",
}
CandidateRequest = request_model(
    "register_candidate", _EXAMPLE, skipped=frozenset({"self", "actor", "subject_id"})
)


class CandidateView(BaseModel):
    """A candidate's record as the API shows it: the personal data but the NIK."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    **{k: v for k, v in _EXAMPLE.items() if k != "nik"},
                    "subject_id": "5d1c9e0b-2a7f-4c3e-8b61-0f4a9d2e7c18",
                    "phone": "",
                    "email": "",
                    "nik_on_file": True,
                }
            ]
        }
    )

    subject_id: UUID
    name: str
    nrp: str | None
    rank: str
    unit: str
    position: str
    phone: str
    email: str
    nik_on_file: bool
    """Whether a NIK is on file (it is never shown)."""


def _subject_for(request: UUID) -> UUID:
    """The subject id a request files its candidate under (unique per caller and key)."""
    return uuid5(_SUBJECTS, str(request))


def _answer(subject: UUID) -> str:
    return RecordAnswer(id=str(subject), location=f"/v1/candidates/{subject}").model_dump_json()


@router.post(
    "/candidates",
    name="commands.register_candidate",
    operation_id="register_candidate",
    summary="Put a candidate on file (personal data to the subject store; answers the subject id)",
    status_code=201,
    response_model=RecordAnswer,
    responses={
        **{status: answer for status, answer in RECORD_RESPONSES.items() if status != 412},
        201: {
            "description": "The candidate on file",
            "headers": {
                "Location": {"description": "The record's address", "schema": {"type": "string"}},
                "Idempotent-Replayed": {
                    "description": "true when this is the answer of an earlier request",
                    "schema": {"type": "string", "enum": ["true"]},
                },
            },
        },
    },
    openapi_extra={"parameters": [KEY_PARAMETER]},
)
def register_candidate(
    request: Request,
    payload: CandidateRequest,  # type: ignore[valid-type]
    state: State,
    principal: CurrentPrincipal,
) -> JSONResponse:
    """Put a candidate's personal data on file; the subject id names them everywhere else."""
    key = idempotency_key(request.headers.get(IDEMPOTENCY_KEY))
    subject = _subject_for(request_id(principal.person, key))
    given: BaseModel = payload
    fields: dict[str, Any] = {name: getattr(given, name) for name in type(given).model_fields}
    with state.writing() as body:
        actor = actor_for(body, principal.person, "register")
        earlier = _earlier(body, subject, fields)
        if earlier is not None:
            return earlier
        try:
            body.register_candidate(**fields, subject_id=subject, actor=actor)
        except ConcurrencyConflictError:  # another process put it on file at the same time
            earlier = _earlier(body, subject, fields)
            if earlier is None:
                raise
            return earlier
    return answer_response(201, _answer(subject))


def _earlier(body: CertificationBody, subject: UUID, fields: dict[str, Any]) -> JSONResponse | None:
    """The answer of the request that made ``subject`` before, if one did.

    Raises:
        ProblemError: it was made with other personal data (the key was used for another
            request).
    """
    try:
        found = body.get_candidate(subject)
    except NotFoundError:
        return None
    try:
        same = found.data == PersonalData(**fields)
    except ValueError:  # invalid data is not the data on file
        same = False
    if not same:
        raise ProblemError(
            "idempotency-key-reused",
            Text(
                "this Idempotency-Key was used for a different request; nothing was "
                "recorded: use a new key for a new request"
            ),
        )
    return answer_response(201, _answer(subject), replayed=True)


@router.get(
    "/candidates/{subject_id}",
    name="candidates.get",
    summary="One candidate's record (staff; the candidate themself); never the NIK",
    response_model=CandidateView,
    responses=LOOKUP_RESPONSES,
)
def get_candidate(subject_id: UUID, state: State, reader: CurrentReader) -> CandidateView:
    """The candidate's personal data as kept in the subject store, without the NIK."""
    allow(reader, "candidates.get")
    record = readable_candidate(state.body, reader, subject_id)
    data = record.data
    return CandidateView(
        subject_id=record.subject_id,
        name=data.name,
        nrp=data.nrp,
        rank=data.rank,
        unit=data.unit,
        position=data.position,
        phone=data.phone,
        email=data.email,
        nik_on_file=data.nik is not None,
    )
