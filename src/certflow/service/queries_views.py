"""Queries over the read models and the rulebook.

The case board (stage counts), the certificate register, the deadline board, the overdue
deadlines and the assessors' workload are the facade's read models (``read_models``), read by
staff only (:mod:`.access`). The rulebook is every rule's id, sentence (in the request's
language) and source, for every signed-in reader. Lists are paged (:mod:`.queries_paging`).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel

from certflow.application import (
    DeadlineBoard,
    OverdueItem,
    RegisterEntry,
    StageCount,
    WorkloadEntry,
)
from certflow.domain import RULEBOOK
from certflow.service.access import CurrentReader, allow
from certflow.service.context import ServiceState, service_of
from certflow.service.queries import QUERY_RESPONSES
from certflow.service.queries_paging import DEFAULT_LIMIT, Cursor, Limit, Page, paginate

__all__ = ["Rule", "router"]

router = APIRouter(prefix="/v1", tags=["read models"])
State = Annotated[ServiceState, Depends(service_of)]
On = Annotated[date | None, Query(description="The day to read as of (default: today).")]


def _today(state: ServiceState, on: date | None) -> date:
    return on or state.body.clock.now().date()


def _example(item: dict[str, Any]) -> dict[int | str, dict[str, Any]]:
    page = {"items": [item], "next": "/v1/…?limit=1&cursor=eyJxIjoi…", "cursor": "eyJxIjoi…"}
    return {200: {"content": {"application/json": {"example": page}}}, **QUERY_RESPONSES}


_CERT = "0b7e4c1a-6f4e-4e2b-9a51-3c8d2f1e7a90"
_SESSION = "7a2b3c4d-5e6f-4a1b-9c8d-7e6f5a4b3c2d"


@router.get(
    "/views/case-board",
    name="views.case_board",
    summary="How many certifications are at each stage, per scheme and session",
    response_model=Page[StageCount],
    responses=_example(
        {"stage": "registered", "scheme_code": "SKM/01", "session_id": _SESSION, "count": 12}
    ),
)
def case_board(
    request: Request,
    state: State,
    reader: CurrentReader,
    scheme: Annotated[str | None, Query(max_length=100)] = None,
    session: UUID | None = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> Page[StageCount]:
    """The case board: counts per stage, scheme and session."""
    allow(reader, "views.case_board")
    rows = state.body.read_models.stage_counts(scheme_code=scheme, session_id=session)
    return paginate(
        rows,
        lambda r: (r.scheme_code, str(r.session_id), r.stage.value),
        request=request,
        cursor=cursor,
        limit=limit,
    )


@router.get(
    "/views/certificate-register",
    name="views.certificate_register",
    summary="Certificates by number, with their status as of a day",
    response_model=Page[RegisterEntry],
    responses=_example(
        {
            "certificate_number": "SKM 0001 2024",
            "certification_id": _CERT,
            "subject_id": "5d1c9e0b-2a7f-4c3e-8b61-0f4a9d2e7c18",
            "scheme_code": "SKM/01",
            "status": "valid",
            "valid_from": "2024-11-14",
            "valid_until": "2027-11-13",
            "copy_number": 1,
            "registration_number": None,
        }
    ),
)
def certificate_register(
    request: Request,
    state: State,
    reader: CurrentReader,
    on: On = None,
    number: Annotated[str | None, Query(max_length=100)] = None,
    status: Annotated[str | None, Query(max_length=20)] = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> Page[RegisterEntry]:
    """The certificate register (no NIK, no name): number, holder's subject id, status."""
    allow(reader, "views.certificate_register")
    rows = state.body.read_models.certificate_register(
        today=_today(state, on), number=number, status=status
    )
    return paginate(
        rows,
        lambda r: (r.certificate_number, r.copy_number),
        request=request,
        cursor=cursor,
        limit=limit,
    )


@router.get(
    "/views/deadline-board",
    name="views.deadline_board",
    summary="Overdue hand-overs, certificates expiring soon, appeals awaiting a decision",
    response_model=DeadlineBoard,
    responses={
        200: {
            "content": {
                "application/json": {
                    "example": {
                        "today": "2024-12-05",
                        "distributions_overdue": [
                            {
                                "certification_id": _CERT,
                                "deadline": "distribution",
                                "rule_id": "R41",
                                "due_on": "2024-12-01",
                                "met_on": None,
                                "on_due": None,
                                "stage": "distributed",
                                "scheme_code": "SKM/01",
                            }
                        ],
                        "certificates_expiring": [],
                        "appeals_awaiting_decision": [],
                    }
                }
            }
        },
        **QUERY_RESPONSES,
    },
)
def deadline_board(
    state: State,
    reader: CurrentReader,
    on: On = None,
    expiring_within_days: Annotated[int, Query(ge=0, le=3650)] = 90,
) -> DeadlineBoard:
    """The deadline board as of a day (its three lists are what needs attention, not paged)."""
    allow(reader, "views.deadline_board")
    return state.body.read_models.deadline_board(
        today=_today(state, on), expiring_within_days=expiring_within_days
    )


@router.get(
    "/deadlines/overdue",
    name="views.overdue",
    summary="Every deadline not met and past its due date, earliest first",
    response_model=Page[OverdueItem],
    responses=_example(
        {
            "certification_id": _CERT,
            "deadline": "distribution",
            "rule_id": "R41",
            "due_on": "2024-12-01",
            "days_late": 3,
            "stage": "distributed",
        }
    ),
)
def overdue(
    request: Request,
    state: State,
    reader: CurrentReader,
    on: On = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> Page[OverdueItem]:
    """Overdue deadlines of records still open, by due date."""
    allow(reader, "views.overdue")
    rows = state.body.read_models.overdue(today=_today(state, on))
    return paginate(
        rows,
        lambda r: (r.due_on.isoformat(), str(r.certification_id), r.deadline),
        request=request,
        cursor=cursor,
        limit=limit,
    )


@router.get(
    "/views/workload",
    name="views.workload",
    summary="Candidates per assessor per day",
    response_model=Page[WorkloadEntry],
    responses=_example({"assessor_id": _CERT, "day": "2024-11-07", "candidates": 4, "held": 1}),
)
def workload(
    request: Request,
    state: State,
    reader: CurrentReader,
    day: date | None = None,
    assessor: UUID | None = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> Page[WorkloadEntry]:
    """The assessors' workload (withdrawn and rejected candidates left out)."""
    allow(reader, "views.workload")
    rows = state.body.read_models.assessor_workload(day=day, assessor_id=assessor)
    return paginate(
        rows,
        lambda r: (r.day.isoformat(), str(r.assessor_id)),
        request=request,
        cursor=cursor,
        limit=limit,
    )


class Rule(BaseModel):
    """One rule of the rulebook."""

    rule_id: str
    title: str
    """The rule's sentence, in the request's language."""
    source: str
    how: str
    """How it is enforced: a guard, a deadline, the register, an audit..."""


@router.get(
    "/rules",
    name="rules.list",
    summary="The rulebook: every rule's id, sentence and source",
    response_model=Page[Rule],
    responses=_example(
        {
            "rule_id": "P1",
            "title": "Yang bertindak tercatat di register personel dengan id kanoniknya.",
            "source": "ISO/IEC 17024 §6.1 (personnel records) [A]",
            "how": "register",
        }
    ),
    tags=["rules"],
)
def rules(
    request: Request,
    reader: CurrentReader,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> Page[Rule]:
    """Every rule certflow enforces, in the rulebook's order; the same ids problems cite."""
    allow(reader, "rules.list")
    entries = [
        (index, Rule(rule_id=e.rule_id, title=e.title.render(), source=e.source, how=e.how))
        for index, e in enumerate(RULEBOOK)
    ]
    page = paginate(entries, lambda e: (e[0],), request=request, cursor=cursor, limit=limit)
    return Page[Rule](items=[rule for _, rule in page.items], next=page.next, cursor=page.cursor)
