"""Liveness and readiness, for the reverse proxy and the orchestrator.

``/health/live`` answers 200 while the process runs. ``/health/ready`` answers 200 when the
store answers a query (one row read) and the read models are not behind by more than the
threshold; otherwise 503 with what is wrong, so a load balancer takes the worker out.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict

from certflow import __version__
from certflow.engine import CertflowError
from certflow.service.context import ServiceState, service_of

__all__ = ["router"]

router = APIRouter(tags=["health"])

_MAX_LAG = 10_000


class Health(BaseModel):
    """What the probe found."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "status": "ok",
                    "version": "0.9.0",
                    "store": "postgresql://certflow@db/certflow",
                    "views_behind": {"case_board": 0, "certificate_register": 3},
                    "problem": None,
                }
            ]
        }
    )

    status: str
    version: str
    store: str | None = None
    views_behind: dict[str, int] = {}
    problem: str | None = None


@router.get("/health/live", response_model=Health, summary="The process runs")
def live() -> Health:
    """200 while the process runs."""
    return Health(status="ok", version=__version__)


@router.get(
    "/health/ready",
    response_model=Health,
    summary="The store answers and the views are current enough",
    responses={
        503: {
            "model": Health,
            "description": "Not ready: the store does not answer, or a view is too far behind",
            "content": {
                "application/json": {
                    "example": {
                        "status": "unavailable",
                        "version": "0.9.0",
                        "store": None,
                        "views_behind": {},
                        "problem": "the store cannot be reached: connection refused",
                    }
                }
            },
        }
    },
)
def ready(state: Annotated[ServiceState, Depends(service_of)]) -> JSONResponse:
    """200 when the store answers; 503 (with the reason) when it does not."""
    body = state.body
    try:
        with state.lock:
            body.read_models.stage_counts()
            behind = dict(body.read_models.behind)
    except CertflowError as error:
        found = Health(status="unavailable", version=__version__, problem=str(error)[:300])
        return JSONResponse(found.model_dump(), status_code=503)
    lagging = {view: lag for view, lag in behind.items() if lag > _MAX_LAG}
    found = Health(
        status="lagging" if lagging else "ok",
        version=__version__,
        store=body.store.display,
        views_behind=behind,
    )
    return JSONResponse(found.model_dump(), status_code=503 if lagging else 200)
