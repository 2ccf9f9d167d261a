"""The public verification page and its JSON twin: anyone may ask, nobody signs in.

* ``GET /v/{token}``: the page a QR code opens (``<base_url>/v/<token>``): the token's
  signature is checked with the LSP's key set, then the register answers (status, holder or
  "erased", scheme, units, validity, issuing LSP, copy); never a NIK (R64).
* ``GET /verify``: a form; with ``number`` and ``name``, the register's answer if the name
  matches the number, else the same "no certificate with this number and name".
* ``GET /v1/verifications/{token}`` and ``GET /v1/verifications?number=&name=``: the same
  answer as JSON (:class:`~certflow.service.verification_answer.VerificationAnswer`).
* ``GET /.well-known/certflow-keys.json``: the LSP's public keys (JWKS), for offline checks.
* ``/verify-sw.js`` and ``/verify/static/…``: the page's script, style and service worker.

The pages are rendered on the server (no script needed) in Bahasa Indonesia or English
(``?lang=``, else ``Accept-Language``), under a strict Content-Security-Policy (nothing from
elsewhere, nothing inline). The script registers a service worker that keeps the page shell and
the public keys, so that a phone offline still checks the token's Ed25519 signature with
WebCrypto and shows the signed claims, marked as not confirmed against the register. Both
routes are rate-limited per client address (:mod:`.verification_limits`).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates

from certflow.engine import CertflowError, Text, language
from certflow.service.context import ServiceState, service_of
from certflow.service.openapi_docs import (
    STORE_UNAVAILABLE,
    media_answer,
    page_responses,
    problem_responses,
)
from certflow.service.problems import PROBLEM_TYPES, ProblemError
from certflow.service.verification_answer import (
    VerificationAnswer,
    answer_lookup,
    answer_token,
    key_material,
    long_date,
    status_words,
)
from certflow.service.verification_labels import labels
from certflow.service.verification_limits import Kind, VerificationLimits

__all__ = ["router"]

router = APIRouter(tags=["verification"])
_HERE = Path(__file__).parent
_TEMPLATES = Jinja2Templates(directory=_HERE / "templates")
_STATIC = {
    "verify.js": "text/javascript",
    "verify.css": "text/css",
}
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; worker-src 'self'; manifest-src 'self'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
_SECURITY = {
    "Content-Security-Policy": CSP,
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
}
State = Annotated[ServiceState, Depends(service_of)]
_LIMITS_MADE = threading.Lock()

_SLOWED = "Too many verifications from this address: wait the seconds in Retry-After"
_PAGE_EXAMPLE = (
    '<!doctype html><html lang="id"><head><title>Verifikasi sertifikat</title></head>'
    '<body><main><section class="banner good"><h1>Berlaku</h1>'
    "<p>Sertifikat asli dan berlaku.</p></section><dl><dt>Nomor</dt>"
    "<dd>HG-MI/00001/2024</dd><dt>Pemegang</dt><dd>Budi Santoso</dd></dl></main></body></html>"
)
_PAGE_ANSWERS: dict[int | str, dict[str, Any]] = {
    **media_answer(
        "text/html",
        _PAGE_EXAMPLE,
        description="The page, in Bahasa Indonesia or English: the register's answer",
    ),
    **page_responses(
        {
            429: _SLOWED + " (the page says so)",
            503: "The register or the LSP's keys cannot be read now (the page says so)",
        }
    ),
}
_JWKS_EXAMPLE = {
    "keys": [
        {
            "kty": "OKP",
            "crv": "Ed25519",
            "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
            "kid": "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k",
            "use": "sig",
        }
    ]
}
_JWKS_SCHEMA = {
    "type": "object",
    "required": ["keys"],
    "properties": {
        "keys": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["kty", "crv", "x", "kid"],
                "properties": {
                    "kty": {"const": "OKP"},
                    "crv": {"const": "Ed25519"},
                    "x": {"type": "string"},
                    "kid": {"type": "string"},
                    "use": {"const": "sig"},
                },
            },
        }
    },
}


class JwksResponse(JSONResponse):
    """A JSON Web Key Set (RFC 7517 section 8.5)."""

    media_type = "application/jwk-set+json"


def _limits(request: Request, state: ServiceState) -> VerificationLimits:
    """The app's limits, made from its settings on first use."""
    with _LIMITS_MADE:
        found = getattr(request.app.state, "verification_limits", None)
        if not isinstance(found, VerificationLimits):
            found = VerificationLimits.from_settings(state.settings)
            request.app.state.verification_limits = found
        return found


def _wait(request: Request, state: ServiceState, kind: Kind) -> int:
    return _limits(request, state).wait(request, kind)


def _slowed(seconds: int) -> ProblemError:
    return ProblemError(
        "too-many-requests",
        Text("too many verifications from this address; wait {seconds} seconds", seconds=seconds),
        headers={"Retry-After": str(seconds)},
    )


def _page(
    request: Request,
    state: ServiceState,
    *,
    answer: VerificationAnswer | None = None,
    status_code: int = 200,
    **context: Any,
) -> HTMLResponse:
    """The verification page in the request's language, with the security headers."""
    lang = language()
    prefix = str(request.scope.get("root_path", "")).rstrip("/")
    banner = None
    if answer is not None:
        tone, _, _ = status_words(answer.status)
        banner = tone.value
    profile = state.profile
    values = {
        "lang": lang,
        "other": "en" if lang == "id" else "id",
        "t": labels(),
        "prefix": prefix,
        "answer": answer,
        "tone": banner,
        "day": long_date,
        "lsp_name": profile.name if profile is not None else state.lsp_code,
        "lsp_code": state.lsp_code,
        "form": {"number": "", "name": ""},
        "offline_shell": False,
        "slowed": None,
        "failure": None,
        "show_form": False,
        "switch_href": _switch(request, "en" if lang == "id" else "id"),
        **context,
    }
    headers = {
        **_SECURITY,
        "Content-Language": lang,
        "Cache-Control": "no-store",
        "Vary": "Accept-Language",
    }
    response = _TEMPLATES.TemplateResponse(
        request, "verification.html", values, status_code=status_code, headers=headers
    )
    assert isinstance(response, HTMLResponse)
    return response


def _switch(request: Request, other: str) -> str:
    """The same page in the other language (its query kept, ``lang`` replaced)."""
    pairs = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    return "?" + urlencode([*pairs, ("lang", other)])


def _failed(request: Request, state: ServiceState, error: ProblemError) -> HTMLResponse:
    kind = PROBLEM_TYPES[error.slug]
    status = error.status or kind.status
    return _page(
        request,
        state,
        status_code=status,
        failure={"title": kind.title.render(), "detail": error.detail.render()},
    )


def _slowed_page(request: Request, state: ServiceState, seconds: int) -> HTMLResponse:
    slowed = Text(
        "Too many checks came from your connection. Please wait {seconds} seconds and try again.",
        seconds=seconds,
    )
    page = _page(request, state, status_code=429, slowed=slowed.render())
    page.headers["Retry-After"] = str(seconds)
    return page


@router.get(
    "/v/{token}",
    response_class=HTMLResponse,
    summary="The verification page a certificate's QR code opens",
    responses=_PAGE_ANSWERS,
)
def token_page(token: str, request: Request, state: State) -> HTMLResponse:
    """The page a certificate's QR code opens: the token's signature, then the register.

    Public: no sign-in. In Bahasa Indonesia, or English with ``?lang=en`` or
    ``Accept-Language``. Status, holder (or "erased"), scheme, units, validity and the issuing
    LSP; never a NIK. Rate-limited per client address (429 with ``Retry-After``).
    """
    seconds = _wait(request, state, "token")
    if seconds:
        return _slowed_page(request, state, seconds)
    try:
        answer = answer_token(state, token)
    except ProblemError as error:
        return _failed(request, state, error)
    except CertflowError as error:
        return _failed(request, state, ProblemError("store-unavailable", error.text))
    return _page(request, state, answer=answer)


@router.get(
    "/verify",
    response_class=HTMLResponse,
    summary="The verification page: look a certificate up by number and holder's name",
    responses=_PAGE_ANSWERS,
)
def lookup_page(request: Request, state: State, number: str = "", name: str = "") -> HTMLResponse:
    """The form, or the answer for a certificate number and its holder's name.

    Public: no sign-in. A name that does not match gets the answer of a number that does not
    exist. Rate-limited per client address, more strictly than by token (429).
    """
    form = {"number": number[:200], "name": name[:200]}
    if not number.strip() and not name.strip():
        return _page(request, state, form=form, show_form=True)
    if not number.strip() or not name.strip():
        return _page(request, state, form=form, show_form=True, incomplete=True)
    seconds = _wait(request, state, "lookup")
    if seconds:
        return _slowed_page(request, state, seconds)
    try:
        answer = answer_lookup(state, number, name)
    except CertflowError as error:
        return _failed(request, state, ProblemError("store-unavailable", error.text))
    return _page(request, state, answer=answer, form=form, show_form=True)


@router.get("/verify/offline", include_in_schema=False, response_class=HTMLResponse)
def offline_shell(request: Request, state: State) -> HTMLResponse:
    """The page the service worker shows offline; its script checks the token's signature."""
    page = _page(request, state, offline_shell=True)
    page.headers["Cache-Control"] = "no-cache"
    return page


@router.get(
    "/v1/verifications/{token}",
    summary="Verify a certificate by the token in its QR code",
    response_model=VerificationAnswer,
    responses=problem_responses(
        {
            429: _SLOWED,
            503: "The register or the LSP's public keys cannot be read now",
        }
    ),
)
def verify_token(token: str, request: Request, state: State) -> VerificationAnswer:
    """The register's answer for a token (compact JWS) printed in a certificate's QR code.

    Public: no authentication. Rate-limited per client address (429 with ``Retry-After``).
    """
    seconds = _wait(request, state, "token")
    if seconds:
        raise _slowed(seconds)
    return answer_token(state, token)


@router.get(
    "/v1/verifications",
    summary="Verify a certificate by its number and the holder's name",
    response_model=VerificationAnswer,
    responses=problem_responses(
        {
            400: "number or name missing or too long",
            429: _SLOWED,
            503: STORE_UNAVAILABLE,
        }
    ),
)
def verify_number(
    request: Request,
    state: State,
    number: Annotated[str, Query(min_length=1, max_length=128)],
    name: Annotated[str, Query(min_length=1, max_length=160)],
) -> VerificationAnswer:
    """The register's answer for a certificate number, if ``name`` is its holder's.

    A name that does not match gets the answer of a number that does not exist (``unknown``),
    so the answer never confirms a number for a wrong name. Public; rate-limited more strictly
    than by token.
    """
    seconds = _wait(request, state, "lookup")
    if seconds:
        raise _slowed(seconds)
    return answer_lookup(state, number, name)


@router.get(
    "/.well-known/certflow-keys.json",
    summary="The LSP's public token keys (JWKS)",
    response_class=JwksResponse,
    responses={
        200: {
            "description": "The keys in force (a JWK Set)",
            "content": {
                JwksResponse.media_type: {"schema": _JWKS_SCHEMA, "example": _JWKS_EXAMPLE}
            },
        },
        **problem_responses({503: "The LSP's key files cannot be read now"}, json_too=False),
    },
)
def public_keys(state: State) -> JwksResponse:
    """The Ed25519 public keys in force that certificate tokens are signed with (RFC 7517).

    Revoked keys and every private detail are left out. The verification page keeps them to
    check a token's signature offline.
    """
    _, jwks = key_material(state)
    return JwksResponse(
        jwks,
        headers={"Cache-Control": "public, max-age=300", "X-Content-Type-Options": "nosniff"},
    )


@router.get("/verify/static/{name}", include_in_schema=False)
def static_file(name: str) -> Response:
    """The page's script and style (a fixed list: nothing else is served)."""
    media = _STATIC.get(name)
    if media is None:
        raise ProblemError("not-found", Text("no such file {name}", name=name[:60]))
    return FileResponse(
        _HERE / "static" / name,
        media_type=media,
        headers={"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"},
    )


@router.get("/verify-sw.js", include_in_schema=False)
def service_worker() -> Response:
    """The service worker: keeps the page shell and the public keys for offline checks."""
    return FileResponse(
        _HERE / "static" / "verify-sw.js",
        media_type="text/javascript",
        headers={"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"},
    )
