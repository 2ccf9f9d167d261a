"""Every failure as an RFC 9457 problem, in the language the request asked for.

One error path for the whole service: certflow's errors by family (the same families as the
command line's exit codes), FastAPI's request validation, HTTP errors raised by the web layer
(401, 403, 412, 428, 429) and anything unexpected (500, never a traceback) become
``application/problem+json``. Each problem carries its ``type`` (a page under ``/problems/``
that describes it), a ``title`` and a ``detail`` rendered in the negotiated language (``id`` or
``en`` from ``Accept-Language``), the ``status``, the ``instance`` (the request's path) and,
for a refusal, the ``rules`` it cites.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

from certflow.engine import (
    AlreadyExistsError,
    CertflowError,
    ConcurrencyConflictError,
    DefinitionError,
    InvalidInputError,
    NotAuthorizedError,
    NotFoundError,
    RejectedError,
    StoreUnavailableError,
    Text,
    TransitionNotAllowedError,
    language,
    reset_language,
    set_language,
)

__all__ = [
    "PROBLEM_TYPES",
    "LanguageMiddleware",
    "Problem",
    "ProblemError",
    "install_problem_handlers",
    "negotiate_language",
    "problem_response",
]

MEDIA_TYPE = "application/problem+json"
log = logging.getLogger("certflow.service")
_Handler = Callable[[Request, Any], Awaitable[JSONResponse]]


@dataclass(frozen=True)
class ProblemType:
    """One kind of problem: its status, title and what a client should do."""

    slug: str
    status: int
    title: Text
    advice: Text


PROBLEM_TYPES: dict[str, ProblemType] = {
    p.slug: p
    for p in (
        ProblemType(
            "invalid-input",
            400,
            Text("invalid input"),
            Text("correct the fields named in errors and send the request again"),
        ),
        ProblemType(
            "unauthenticated",
            401,
            Text("not signed in"),
            Text(
                "send a bearer token: an API token from certflow tokens create, or an "
                "access token from the LSP's identity provider"
            ),
        ),
        ProblemType(
            "not-authorized",
            403,
            Text("not allowed"),
            Text(
                "the person signed in holds no appointment allowing this; the head of the "
                "LSP appoints one"
            ),
        ),
        ProblemType(
            "not-found",
            404,
            Text("not found"),
            Text("check the id or number"),
        ),
        ProblemType(
            "not-allowed-now",
            409,
            Text("not possible in the record's current stage"),
            Text("read the record again; the move is possible only from the stages named"),
        ),
        ProblemType(
            "already-exists",
            409,
            Text("exists already"),
            Text("use the existing record"),
        ),
        ProblemType(
            "conflict",
            409,
            Text("changed at the same time"),
            Text("read the record again and repeat the request"),
        ),
        ProblemType(
            "version-mismatch",
            412,
            Text("the record has changed"),
            Text("read the record again (its ETag) and decide again before repeating"),
        ),
        ProblemType(
            "idempotency-key-reused",
            422,
            Text("idempotency key used for another request"),
            Text("use a new Idempotency-Key for a different request"),
        ),
        ProblemType(
            "refused",
            422,
            Text("refused"),
            Text("the rules cited say why; nothing was recorded"),
        ),
        ProblemType(
            "precondition-required",
            428,
            Text("a required header is missing"),
            Text("send the header named in the detail"),
        ),
        ProblemType(
            "too-many-requests",
            429,
            Text("too many requests"),
            Text("wait the seconds given in Retry-After and try again"),
        ),
        ProblemType(
            "internal-error",
            500,
            Text("internal error"),
            Text(
                "nothing was recorded for a refused command; report this to the LSP's "
                "administrator with the request id"
            ),
        ),
        ProblemType(
            "store-unavailable",
            503,
            Text("store unavailable"),
            Text("the register cannot be reached now; try again later"),
        ),
        ProblemType(
            "identity-provider-unavailable",
            503,
            Text("identity provider unavailable"),
            Text(
                "the identity provider's signing keys cannot be read now; try again later, "
                "or use an API token"
            ),
        ),
        ProblemType(
            "http-error",
            400,
            Text("bad request"),
            Text("check the address and the method"),
        ),
    )
}


class FieldError(BaseModel):
    """One invalid field of a request."""

    field: str
    message: str


class Problem(BaseModel):
    """An RFC 9457 problem document as certflow sends it."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "type": "/problems/refused",
                    "title": "ditolak",
                    "status": 422,
                    "detail": "R32: ...",
                    "instance": "/v1/certifications/…/decide",
                    "rules": ["R32"],
                    "lang": "id",
                }
            ]
        }
    )

    type: str
    title: str
    status: int
    detail: str
    instance: str | None = None
    rules: list[str] = Field(default_factory=list)
    errors: list[FieldError] = Field(default_factory=list)
    lang: str
    request_id: str | None = None


class ProblemError(Exception):
    """A problem the web layer raises itself (401, 412, 428, 429...)."""

    def __init__(
        self,
        slug: str,
        detail: Text,
        *,
        status: int | None = None,
        headers: dict[str, str] | None = None,
        rules: Sequence[str] = (),
    ) -> None:
        self.slug = slug
        self.detail = detail
        self.status = status
        self.headers = headers or {}
        self.rules = tuple(rules)
        super().__init__(detail.render("en"))


def negotiate_language(header: str | None, default: str) -> str:
    """``id`` or ``en``: the first of the two an ``Accept-Language`` header prefers."""
    if not header:
        return default
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate(header.split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        weight = 1.0
        params = params.strip()
        if params.startswith("q="):
            try:
                weight = float(params[2:])
            except ValueError:
                weight = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in ("id", "in"):
            ranked.append((-weight, index, "id"))
        elif primary == "en":
            ranked.append((-weight, index, "en"))
    ranked = [r for r in ranked if r[0] < 0]
    return min(ranked)[2] if ranked else default


class LanguageMiddleware:
    """Render every sentence of a request in the language its ``Accept-Language`` prefers.

    A ``?lang=id|en`` query parameter wins (the verification page's switch).
    """

    def __init__(self, app: ASGIApp, default: str = "id") -> None:
        self.app = app
        self.default = default

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one request in its language."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        header = None
        for name, value in scope.get("headers", ()):
            if name == b"accept-language":
                header = value.decode("latin-1")
                break
        chosen = negotiate_language(header, self.default)
        query = scope.get("query_string", b"").decode("latin-1")
        for pair in query.split("&"):
            if pair in ("lang=id", "lang=en"):
                chosen = pair[5:]
        token = set_language(chosen)
        try:
            await self.app(scope, receive, send)
        finally:
            reset_language(token)


def _slug_of(error: CertflowError) -> str:
    if isinstance(error, StoreUnavailableError):
        return "store-unavailable"
    if isinstance(error, NotFoundError):
        return "not-found"
    if isinstance(error, ConcurrencyConflictError):
        return "conflict"
    if isinstance(error, DefinitionError):
        return "internal-error"
    if isinstance(error, NotAuthorizedError):
        return "not-authorized"
    if isinstance(error, InvalidInputError):
        return "invalid-input"
    if isinstance(error, AlreadyExistsError):
        return "already-exists"
    if isinstance(error, TransitionNotAllowedError):
        return "not-allowed-now"
    return "refused"


def problem_response(
    request: Request,
    slug: str,
    detail: Text | str,
    *,
    status: int | None = None,
    rules: Sequence[str] = (),
    errors: Sequence[FieldError] = (),
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    """The problem document for ``slug`` with ``detail``, in the request's language."""
    kind = PROBLEM_TYPES[slug]
    lang = language()
    body = Problem(
        type=f"/problems/{slug}",
        title=kind.title.render(lang),
        status=status or kind.status,
        detail=detail.render(lang) if isinstance(detail, Text) else detail,
        instance=request.url.path,
        rules=list(rules),
        errors=list(errors),
        lang=lang,
        request_id=getattr(request.state, "request_id", None),
    )
    return JSONResponse(
        body.model_dump(exclude_none=True),
        status_code=body.status,
        media_type=MEDIA_TYPE,
        headers={"Content-Language": lang, **(headers or {})},
    )


def _field_name(location: Sequence[Any]) -> str:
    parts = [str(p) for p in location if p not in ("body", "query", "path", "header")]
    return ".".join(parts) or "-"


def install_problem_handlers(app: FastAPI) -> None:
    """Answer every failure of ``app`` with a problem document (the one error path)."""

    async def certflow_error(request: Request, error: CertflowError) -> JSONResponse:
        slug = _slug_of(error)
        if slug == "internal-error":
            log.error("definition error", exc_info=error)
        if isinstance(error, InvalidInputError):
            return problem_response(
                request,
                slug,
                error.text,
                rules=error.rule_ids,
                errors=[FieldError(field="-", message=p.render()) for p in error.problems],
            )
        if isinstance(error, NotFoundError):
            what = Text("{noun} {key}; check it", noun=Text(error.kind), key=error.key)
            return problem_response(request, slug, what)
        rules = error.rule_ids if isinstance(error, RejectedError) else ()
        return problem_response(request, slug, error.text, rules=rules)

    async def own_problem(request: Request, error: ProblemError) -> JSONResponse:
        return problem_response(
            request,
            error.slug,
            error.detail,
            status=error.status,
            rules=error.rules,
            headers=error.headers,
        )

    async def invalid_request(request: Request, error: RequestValidationError) -> JSONResponse:
        errors = [
            FieldError(field=_field_name(item.get("loc", ())), message=_said(item))
            for item in error.errors()[:50]
        ]
        listed = "; ".join(f"{e.field}: {e.message}" for e in errors)
        return problem_response(
            request, "invalid-input", Text("invalid input: {listed}", listed=listed), errors=errors
        )

    async def http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        slug = {401: "unauthenticated", 403: "not-authorized", 404: "not-found"}.get(
            error.status_code, "http-error"
        )
        detail = Text(
            "{status}: {reason}", status=error.status_code, reason=str(error.detail)[:200]
        )
        return problem_response(
            request, slug, detail, status=error.status_code, headers=dict(error.headers or {})
        )

    async def unexpected(request: Request, error: Exception) -> JSONResponse:
        log.error("internal error", exc_info=error)
        return problem_response(request, "internal-error", PROBLEM_TYPES["internal-error"].advice)

    handlers: list[tuple[type[Exception], _Handler]] = [
        (CertflowError, certflow_error),
        (ProblemError, own_problem),
        (RequestValidationError, invalid_request),
        (StarletteHTTPException, http_error),
        (Exception, unexpected),
    ]
    for kind, handler in handlers:
        app.add_exception_handler(kind, handler)


def _said(item: dict[str, Any]) -> str:
    """The message for one invalid field (pydantic's), in certflow's words where it has them."""
    from certflow.application import validation_problem

    return validation_problem(item).render()
