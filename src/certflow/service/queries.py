"""Queries over certifications: the list, one record, its history, its past and a diff.

Each route reads through the facade's record queries (:class:`~certflow.CertificationBody`'s
``list_certifications``, ``get``, ``history``, ``state_at``, ``diff``) and answers only what
the caller may read (:mod:`.access`): another's record is ``404``, exactly like one that does
not exist. Lists are paged (:mod:`.queries_paging`). One record is sent with ``ETag:
"<version>"``, the value a command's ``If-Match`` names.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import BaseModel

from certflow.application import CertificationSummary, CertificationView, FieldChange, HistoryEntry
from certflow.domain import Stage
from certflow.engine import InvalidInputError, Text
from certflow.service.access import CurrentReader, ReaderKind, allow, readable
from certflow.service.context import ServiceState, service_of
from certflow.service.openapi_docs import STORE_UNAVAILABLE, problem_responses
from certflow.service.queries_examples import HISTORY, SUMMARY, VIEW
from certflow.service.queries_paging import (
    DEFAULT_LIMIT,
    Cursor,
    Limit,
    Page,
    cursor_key,
    keyset,
    paginate,
)

__all__ = ["LOOKUP_RESPONSES", "QUERY_RESPONSES", "Diff", "router"]

router = APIRouter(prefix="/v1", tags=["certifications"])
State = Annotated[ServiceState, Depends(service_of)]

QUERY_RESPONSES: dict[int | str, dict[str, Any]] = problem_responses(
    {
        400: "Invalid parameters or cursor",
        401: "Not signed in",
        403: "The query is not for this kind of reader",
        503: STORE_UNAVAILABLE,
    }
)
LOOKUP_RESPONSES: dict[int | str, dict[str, Any]] = {
    **QUERY_RESPONSES,
    **problem_responses({404: "No such record, or not one the caller may read"}),
}
"""The problems of a query about one record (looked up by its id)."""


def _one(value: Any) -> dict[int | str, dict[str, Any]]:
    """A 200 answer about one record: its example, and its ETag."""
    etag = {"description": 'The version, "<version>" (a command\'s If-Match)'}
    return {
        200: {
            "content": {"application/json": {"example": value}},
            "headers": {"ETag": {**etag, "schema": {"type": "string"}}},
        },
        **LOOKUP_RESPONSES,
    }


def _example(value: Any, *, lookup: bool = True) -> dict[int | str, dict[str, Any]]:
    """A 200 answer's example, with the problems of a query (about one record: ``lookup``)."""
    return {
        200: {"content": {"application/json": {"example": value}}},
        **(LOOKUP_RESPONSES if lookup else QUERY_RESPONSES),
    }


def _page(item: Any) -> dict[str, Any]:
    return {"items": [item], "next": "/v1/…?limit=1&cursor=eyJxIjoi…", "cursor": "eyJxIjoi…"}


@router.get(
    "/certifications",
    name="certifications.list",
    summary="Certifications, in registration order",
    response_model=Page[CertificationSummary],
    responses=_example(_page(SUMMARY), lookup=False),
)
def list_certifications(
    request: Request,
    state: State,
    reader: CurrentReader,
    stage: Annotated[Stage | None, Query(description="Only those at this stage.")] = None,
    scheme: Annotated[
        str | None, Query(max_length=100, description="Only this scheme (its code).")
    ] = None,
    session: Annotated[UUID | None, Query(description="Only this session (its id).")] = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> Page[CertificationSummary]:
    """The certifications the caller may read, filtered; paged in registration order."""
    allow(reader, "certifications.list")
    body = state.body
    if reader.kind not in (ReaderKind.CANDIDATE, ReaderKind.ASSESSOR):
        # Staff read every record: one keyset page of the case board, O(page) (issue 18).
        page = body.read_models.certification_page(
            stage=stage,
            scheme_code=scheme,
            session_id=session,
            after=cursor_key(cursor, request),
            limit=limit,
        )
        return keyset(page.items, page.after, request=request)
    every = body.list_certifications()
    order = {s.id: i for i, s in enumerate(every)}
    chosen = (
        every
        if stage is None and scheme is None and session is None
        else body.list_certifications(stage=stage, scheme_code=scheme, session_id=session)
    )
    if reader.kind is ReaderKind.CANDIDATE:
        chosen = [s for s in chosen if s.subject_id == reader.subject]
    elif reader.kind is ReaderKind.ASSESSOR:
        chosen = [s for s in chosen if reader.may_read(body.get(s.id))]
    return paginate(
        chosen, lambda s: (order.get(s.id, -1),), request=request, cursor=cursor, limit=limit
    )


@router.get(
    "/certifications/{certification_id}",
    name="certifications.get",
    summary="One certification as it stands (ETag: its version)",
    response_model=CertificationView,
    responses=_one(VIEW),
)
def get_certification(
    certification_id: UUID, response: Response, state: State, reader: CurrentReader
) -> CertificationView:
    """The certification, with every recorded fact and its deadlines as of today."""
    allow(reader, "certifications.get")
    view = readable(state.body, reader, certification_id)
    response.headers["ETag"] = f'"{view.version}"'
    return view


@router.get(
    "/certifications/{certification_id}/history",
    name="certifications.history",
    summary="What was done to a certification: who, when, under which rules",
    response_model=Page[HistoryEntry],
    responses=_example(_page(HISTORY)),
)
def history(
    certification_id: UUID,
    request: Request,
    state: State,
    reader: CurrentReader,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> Page[HistoryEntry]:
    """Every recorded move of the certification, oldest first, paged by version."""
    allow(reader, "certifications.history")
    readable(state.body, reader, certification_id)
    entries = state.body.history(certification_id)
    return paginate(entries, lambda e: (e.version,), request=request, cursor=cursor, limit=limit)


@router.get(
    "/certifications/{certification_id}/state",
    name="certifications.state",
    summary="A certification as it was at a version or at a time",
    response_model=CertificationView,
    responses=_one(VIEW),
)
def state_at(
    certification_id: UUID,
    response: Response,
    state: State,
    reader: CurrentReader,
    version: Annotated[int | None, Query(ge=1, le=1_000_000)] = None,
    at: Annotated[
        datetime | None, Query(description="A business time; without a zone, the LSP's.")
    ] = None,
) -> CertificationView:
    """The certification after event ``version``, or as it stood at ``at`` (give one)."""
    allow(reader, "certifications.state")
    readable(state.body, reader, certification_id)
    if (version is None) == (at is None):
        raise InvalidInputError([Text("give either version or at")])
    past = state.body.state_at(certification_id, version=version, at=at)
    response.headers["ETag"] = f'"{past.version}"'
    return past


class Diff(BaseModel):
    """What changed, field by field, between two versions of a certification."""

    from_version: int
    to_version: int
    changes: list[FieldChange]


@router.get(
    "/certifications/{certification_id}/diff",
    name="certifications.diff",
    summary="What changed between two versions of a certification",
    response_model=Diff,
    responses=_example(
        {
            "from_version": 1,
            "to_version": 2,
            "changes": [{"field": "version", "before": 1, "after": 2}],
        }
    ),
)
def diff(
    certification_id: UUID,
    state: State,
    reader: CurrentReader,
    from_version: Annotated[int, Query(alias="from", ge=1, le=1_000_000)],
    to_version: Annotated[int, Query(alias="to", ge=1, le=1_000_000)],
) -> Diff:
    """The fields that differ between version ``from`` and version ``to``."""
    allow(reader, "certifications.diff")
    readable(state.body, reader, certification_id)
    changes = state.body.diff(certification_id, from_version, to_version)
    return Diff(from_version=from_version, to_version=to_version, changes=list(changes))
