"""The ASGI application: FastAPI over the same use cases as the library, nothing decided here.

:func:`create_app` builds one app: the store opened once per process (the lifespan), the
language of every answer negotiated per request, one error path (:mod:`.problems`), one JSON
log line per request (:mod:`.logs`), and the routers of each part of the API. ``certflow
serve`` runs it on uvicorn; :func:`app_from_environment` is the factory uvicorn's workers call.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from pydantic import BaseModel, ConfigDict

from certflow import CertificationBody, __version__
from certflow.engine import Text
from certflow.service import (
    auth_routes,
    candidates,
    commands,
    feed,
    health,
    oversight_queries,
    oversight_table,
    queries,
    queries_views,
    registers_queries,
    registers_table,
    schemas,
    webhooks_api,
)
from certflow.service.context import ServiceState, open_state
from certflow.service.logs import RequestLogMiddleware, configure_logging
from certflow.service.openapi_docs import install_examples, problem_responses
from certflow.service.problems import (
    PROBLEM_TYPES,
    LanguageMiddleware,
    ProblemError,
    install_problem_handlers,
)
from certflow.service.settings import ServiceSettings, load_settings

__all__ = ["app_from_environment", "create_app", "openapi_document"]

_DESCRIPTION = """\
certflow's HTTP API: the commands and queries of a certification body (LSP) under BNSP, with
the event feed other systems follow and the public verification page of its certificates.

* Commands are `POST`s. Send an `Idempotency-Key` (a retry returns the first answer and records
  nothing twice) and `If-Match` with the record's version (`ETag`) where the operation asks.
* Lists are paged with an opaque `cursor`; follow `next` until it is absent.
* Every failure is an RFC 9457 problem (`application/problem+json`) naming the rules it cites,
  in the language `Accept-Language` asks for (`id` or `en`).
* Authenticate with `Authorization: Bearer …`: an API token (`certflow tokens create`) or an
  access token from the LSP's identity provider. The roles come from the register, never from
  the request.
"""


def create_app(
    settings: ServiceSettings | None = None, *, body: CertificationBody | None = None
) -> FastAPI:
    """The service, on the store the settings name (or on ``body``, kept open by the caller).

    Args:
        settings: how the service runs; default: the profile's ``[service]`` table and the
            environment (:func:`~certflow.service.settings.load_settings`).
        body: an open certification body to serve (tests, embedding); the service does not
            close it.
    """
    chosen = settings or load_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        state = open_state(chosen, body)
        app.state.certflow = state
        try:
            yield
        finally:
            if body is None:
                state.close()

    app = FastAPI(
        title="certflow",
        version=__version__,
        description=_DESCRIPTION,
        lifespan=lifespan,
        openapi_tags=[
            {"name": "health", "description": "Liveness and readiness probes."},
            {"name": "problems", "description": "What each problem type means."},
            {"name": "authentication", "description": "Who the caller is, by their token."},
            {
                "name": "verification",
                "description": "Public: is a certificate genuine and in force? No sign-in.",
            },
        ],
    )
    install_problem_handlers(app)
    app.add_middleware(LanguageMiddleware, default=chosen.language)
    app.add_middleware(RequestLogMiddleware)
    routers = [health.router, *_routers()]
    for router in routers:
        app.include_router(router)
    install_examples(app, [app.router, *routers])

    @app.get(
        "/problems/{slug}",
        tags=["problems"],
        summary="What a problem type means",
        response_model=ProblemTypeInfo,
        responses=problem_responses({404: "No such problem type"}),
    )
    def problem_type(slug: str, request: Request) -> ProblemTypeInfo:
        """The page a problem's ``type`` names: its status, title and what to do.

        In the request's language. Public: no sign-in.
        """
        kind = PROBLEM_TYPES.get(slug)
        if kind is None:
            raise ProblemError("not-found", Text("no such problem type {slug}", slug=slug[:60]))
        return ProblemTypeInfo(
            type=f"/problems/{slug}",
            status=kind.status,
            title=kind.title.render(),
            advice=kind.advice.render(),
        )

    return app


class ProblemTypeInfo(BaseModel):
    """What one problem type means, in the request's language."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "type": "/problems/version-mismatch",
                    "status": 412,
                    "title": "rekaman sudah berubah",
                    "advice": (
                        "baca ulang rekamannya (ETag-nya) dan putuskan kembali sebelum mengulang"
                    ),
                }
            ]
        }
    )

    type: str
    status: int
    title: str
    advice: str


def openapi_document() -> dict[str, Any]:
    """The service's OpenAPI document, the same whatever the settings, without a store."""
    return create_app(ServiceSettings.model_construct()).openapi()


def _routers() -> list[Any]:
    """The API's parts, in the order the OpenAPI document lists them."""
    from certflow.service import verification

    return [
        auth_routes.router,
        commands.router,
        queries.router,
        queries_views.router,
        registers_table.router,
        registers_queries.router,
        candidates.router,
        oversight_table.router,
        oversight_queries.router,
        verification.router,
        feed.router,
        schemas.router,
        webhooks_api.router,
    ]


def app_from_environment() -> FastAPI:
    """The factory ``certflow serve``'s uvicorn workers call (settings from the environment)."""
    settings = load_settings()
    configure_logging(settings.log_level)
    return create_app(settings)


def state_of(app: FastAPI) -> ServiceState:
    """The open service state of a started ``app`` (for tests and tools)."""
    state: ServiceState = app.state.certflow
    return state
