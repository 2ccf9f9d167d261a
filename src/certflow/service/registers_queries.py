"""Queries over the registers: schemes, sessions, TUKs and assessors, each a list and one record.

Each reads through the facade's queries and answers the readers :data:`.access.READ_POLICY`
names: schemes and sessions (reference data, no personal data) every signed-in reader, TUKs
staff and assessors (who verify them), assessors (their names) staff only. Lists are paged
(:mod:`.queries_paging`) in a stable order; one record is sent with ``ETag: "<version>"``, the
value a command's ``If-Match`` names.
"""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, Request, Response

from certflow.application import AssessorView, SchemeView, SessionView, TukView
from certflow.service.access import CurrentReader, allow
from certflow.service.context import ServiceState, service_of
from certflow.service.queries import LOOKUP_RESPONSES, QUERY_RESPONSES
from certflow.service.queries_paging import DEFAULT_LIMIT, Cursor, Limit, Page, paginate
from certflow.service.records import record_version

__all__ = ["one_example", "page_example", "router", "versioned"]

router = APIRouter(prefix="/v1")
State = Annotated[ServiceState, Depends(service_of)]


def versioned(state: ServiceState, response: Response, record: UUID) -> None:
    """Send the record's version as its ``ETag``."""
    response.headers["ETag"] = f'"{record_version(state.body, record)}"'


def one_example(example: dict[str, Any]) -> dict[int | str, dict[str, Any]]:
    """The answers of a one-record query: ``example`` with its ETag, and the problems."""
    etag = {"description": 'The version, "<version>" (a command\'s If-Match)'}
    return {
        200: {
            "content": {"application/json": {"example": example}},
            "headers": {"ETag": {**etag, "schema": {"type": "string"}}},
        },
        **LOOKUP_RESPONSES,
    }


def page_example(example: dict[str, Any]) -> dict[int | str, dict[str, Any]]:
    """The answers of a list query: a page of ``example``, and the problems."""
    page = {"items": [example], "next": "/v1/…?limit=1&cursor=eyJxIjoi…", "cursor": "eyJxIjoi…"}
    return {200: {"content": {"application/json": {"example": page}}}, **QUERY_RESPONSES}


_SCHEME_ID = "8492ad45-ee65-530d-bf0e-08ef2bc7b121"
_SCHEME = {
    "id": _SCHEME_ID,
    "code": "SKM/LSP-POLRI/01",
    "title": "Manajemen Isu dan Krisis",
    "version": 1,
    "status": "active",
    "units": [{"code": "SKM.01.001.01", "title": "Memetakan isu"}],
    "methods": ["portfolio", "interview"],
    "authority": "BNSP",
    "description": "",
    "certificate_prefix": "SKM/LSP-POLRI/01",
    "number_format": "{prefix}/{seq:05d}/{year}",
    "policy": {
        "validity_months": 36,
        "distribution_deadline_days": 30,
        "appeal_window_days": 30,
        "max_attempts": 2,
        "carry_over_months": 12,
        "max_no_shows": 2,
        "surveillance_interval_months": 12,
        "appeal_decision_days": 30,
        "max_candidates_per_assessor_day": 10,
        "suspension_grounds": ["criminal_suspect", "certificate_misuse"],
        "revocation_grounds": ["final_criminal_conviction", "ethics_breach"],
        "remote_assessment_allowed": False,
        "surveillance_reminder_days": 14,
        "surveillance_warning_working_days": 14,
        "surveillance_sanction": "suspend",
        "surveillance_resolve_days": 30,
    },
}
_SESSION = {
    "id": "7a2b3c4d-5e6f-4a1b-9c8d-7e6f5a4b3c2d",
    "code": "EUK/HUMAS-POLRI/2024-11",
    "title": "Uji kompetensi Humas Polri",
    "venue": "Aston Sentul Lake Resort",
    "tuk_kind": "sewaktu",
    "starts_on": "2024-11-06",
    "ends_on": "2024-11-08",
    "scheme_ids": [_SCHEME_ID],
}
_TUK = {
    "id": "e1103046-60f1-5213-92c1-bd29b8ac6456",
    "name": "Aston Sentul Lake Resort",
    "kind": "sewaktu",
    "address_ref": "Jl. Pahlawan, Sentul",
    "status": "verified",
    "verifiers": ["5e1f0a2b-3c4d-5e6f-8a9b-0c1d2e3f4a5b"],
    "verifications": [],
}
_ASSESSOR = {
    "id": "5e1f0a2b-3c4d-5e6f-8a9b-0c1d2e3f4a5b",
    "met_number": "MET.000.001234 2021",
    "scheme_codes": ["SKM/LSP-POLRI/01"],
    "licence_valid_until": "2027-12-31",
    "name": "Asesor Contoh",
}


@router.get(
    "/schemes",
    name="schemes.list",
    tags=["schemes"],
    summary="Every scheme version on file, by code and version",
    response_model=Page[SchemeView],
    responses=page_example(_SCHEME),
)
def list_schemes(
    request: Request,
    state: State,
    reader: CurrentReader,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> Page[SchemeView]:
    """The schemes with their units, methods and policy."""
    allow(reader, "schemes.list")
    found = state.body.list_schemes()
    return paginate(
        found, lambda s: (s.code, s.version), request=request, cursor=cursor, limit=limit
    )


@router.get(
    "/schemes/{scheme_id}",
    name="schemes.get",
    tags=["schemes"],
    summary="One scheme version (ETag: its record's version)",
    response_model=SchemeView,
    responses=one_example(_SCHEME),
)
def get_scheme(
    scheme_id: UUID, response: Response, state: State, reader: CurrentReader
) -> SchemeView:
    """The scheme version."""
    allow(reader, "schemes.get")
    found = state.body.get_scheme(scheme_id)
    versioned(state, response, scheme_id)
    return found


@router.get(
    "/sessions",
    name="sessions.list",
    tags=["sessions"],
    summary="Every assessment session on file, by code",
    response_model=Page[SessionView],
    responses=page_example(_SESSION),
)
def list_sessions(
    request: Request,
    state: State,
    reader: CurrentReader,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> Page[SessionView]:
    """The sessions: venue, days, schemes."""
    allow(reader, "sessions.list")
    found = state.body.list_sessions()
    return paginate(found, lambda s: (s.code,), request=request, cursor=cursor, limit=limit)


@router.get(
    "/sessions/{session_id}",
    name="sessions.get",
    tags=["sessions"],
    summary="One assessment session (ETag: its record's version)",
    response_model=SessionView,
    responses=one_example(_SESSION),
)
def get_session(
    session_id: UUID, response: Response, state: State, reader: CurrentReader
) -> SessionView:
    """The session."""
    allow(reader, "sessions.get")
    found = state.body.get_session(session_id)
    versioned(state, response, session_id)
    return found


@router.get(
    "/tuks",
    name="tuks.list",
    tags=["TUKs"],
    summary="Every TUK with its verifiers and verifications, by name",
    response_model=Page[TukView],
    responses=page_example(_TUK),
)
def list_tuks(
    request: Request,
    state: State,
    reader: CurrentReader,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> Page[TukView]:
    """The TUK register."""
    allow(reader, "tuks.list")
    found = state.body.list_tuks()
    return paginate(found, lambda t: (t.name,), request=request, cursor=cursor, limit=limit)


@router.get(
    "/tuks/{tuk_id}",
    name="tuks.get",
    tags=["TUKs"],
    summary="One TUK (ETag: its record's version)",
    response_model=TukView,
    responses=one_example(_TUK),
)
def get_tuk(tuk_id: UUID, response: Response, state: State, reader: CurrentReader) -> TukView:
    """The TUK, its verifiers and verifications."""
    allow(reader, "tuks.get")
    found = state.body.get_tuk(tuk_id)
    versioned(state, response, tuk_id)
    return found


@router.get(
    "/assessors",
    name="assessors.list",
    tags=["assessors"],
    summary="Every assessor with their schemes and licence, by MET number",
    response_model=Page[AssessorView],
    responses=page_example(_ASSESSOR),
)
def list_assessors(
    request: Request,
    state: State,
    reader: CurrentReader,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> Page[AssessorView]:
    """The assessors (names from the subject store; staff only)."""
    allow(reader, "assessors.list")
    found = state.body.list_assessors()
    return paginate(found, lambda a: (a.met_number,), request=request, cursor=cursor, limit=limit)


@router.get(
    "/assessors/{assessor_id}",
    name="assessors.get",
    tags=["assessors"],
    summary="One assessor (ETag: its record's version)",
    response_model=AssessorView,
    responses=one_example(_ASSESSOR),
)
def get_assessor(
    assessor_id: UUID, response: Response, state: State, reader: CurrentReader
) -> AssessorView:
    """The assessor."""
    allow(reader, "assessors.get")
    found = state.body.get_assessor(assessor_id)
    versioned(state, response, assessor_id)
    return found
