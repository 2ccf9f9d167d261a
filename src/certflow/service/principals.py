"""Who is calling: the person a request's bearer token stands for, never what it claims.

A :class:`Principal` is built only by :func:`current_principal` from a credential the service
checked itself: an API token certflow issued (``cft_<id>_<secret>``, ``certflow tokens
create``), or an access token from the LSP's identity provider whose subject is linked to a
person (``certflow tokens link-oidc``). The header is read strictly (``Bearer``, one space, a
token of token characters, at most 8 KiB); anything else, an unknown, wrong, revoked or expired
token, or a person no longer in the register is a 401 ``unauthenticated`` problem with a
``WWW-Authenticate: Bearer`` challenge. The roles a principal acts in are never part of the
request: each command takes them from the person's appointments in force.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from certflow.engine import Text
from certflow.service.auth_oidc import OidcUnavailableError, OidcVerifier
from certflow.service.context import ServiceState, service_of
from certflow.service.problems import ProblemError

__all__ = ["CurrentPrincipal", "Principal", "current_principal"]

MAX_AUTHORIZATION_BYTES = 8 * 1024
"""A longer ``Authorization`` header is refused before it is parsed."""
_BEARER = re.compile(r"^[Bb][Ee][Aa][Rr][Ee][Rr] ([A-Za-z0-9\-._~+/]+=*)$")
_JWT = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$")
_API_TOKEN_PREFIX = "cft_"
_verifier_lock = threading.Lock()
_SCHEME = HTTPBearer(
    auto_error=False,
    scheme_name="bearer",
    description="An API token (`certflow tokens create`, `cft_<id>_<secret>`) or an access "
    "token of the LSP's identity provider whose subject is linked to a person.",
)
"""Declares the scheme in the OpenAPI document; the header itself is read by
:func:`bearer_token`, more strictly."""


@dataclass(frozen=True)
class Principal:
    """A caller the service has authenticated."""

    person: str
    """The person in the register (a person id, an assessor's register id, or a candidate's
    subject id) the credential is linked to."""
    credential: str
    """Which credential: ``token:<id>`` or ``oidc:<issuer>#<subject digest prefix>`` (for logs
    and audit; never a secret)."""


def _refused(detail: Text, error: str | None = "invalid_token") -> ProblemError:
    challenge = f'Bearer error="{error}"' if error else "Bearer"
    return ProblemError("unauthenticated", detail, headers={"WWW-Authenticate": challenge})


def bearer_token(request: Request) -> str:
    """The token of the request's ``Authorization: Bearer`` header, read strictly.

    Raises:
        ProblemError: no header, more than one, or one not of the form ``Bearer <token>``.
    """
    given = request.headers.getlist("authorization")
    if not given:
        raise _refused(
            Text("send Authorization: Bearer with an API token or an access token"), error=None
        )
    if len(given) > 1:
        raise _refused(Text("send one Authorization header"), error="invalid_request")
    header = given[0]
    if len(header) > MAX_AUTHORIZATION_BYTES:
        raise _refused(Text("the Authorization header is too long"), error="invalid_request")
    matched = _BEARER.fullmatch(header)
    if matched is None:
        raise _refused(
            Text("the Authorization header must be 'Bearer' and one token, with one space"),
            error="invalid_request",
        )
    return matched.group(1)


def authenticate(request: Request, state: ServiceState) -> Principal:
    """The principal the request's bearer token stands for (see the module's description).

    Raises:
        ProblemError: ``unauthenticated`` (401) for a missing or invalid credential,
            ``not-authorized`` (403) for an identity-provider subject linked to nobody,
            ``identity-provider-unavailable`` (503) when its keys cannot be read.
    """
    token = bearer_token(request)
    if token.startswith(_API_TOKEN_PREFIX):
        found = state.body.authenticate_api_token(token)  # a read: no command lock
        if found is None:
            raise _refused(Text("the API token is unknown, revoked or expired"))
        return Principal(person=found.person_id, credential=found.credential)
    verifier = _verifier(request, state)
    if verifier is None or _JWT.fullmatch(token) is None:
        raise _refused(Text("the token is not an API token of this service"))
    try:
        identity = verifier.verify(token)
    except OidcUnavailableError:
        raise ProblemError(
            "identity-provider-unavailable",
            Text("the identity provider's signing keys cannot be read now; try again later"),
            headers={"Retry-After": "30"},
        ) from None
    if identity is None:
        raise _refused(
            Text(
                "the access token is not valid here (signature, issuer, audience or expiry)",
            )
        )
    linked = state.body.authenticate_identity(identity.issuer, identity.subject)
    if linked is None:
        raise ProblemError(
            "not-authorized",
            Text(
                "this identity-provider account is linked to no person in the register; "
                "the LSP admin links it with certflow tokens link-oidc"
            ),
        )
    return Principal(person=linked.person_id, credential=linked.credential)


def _verifier(request: Request, state: ServiceState) -> OidcVerifier | None:
    """The app's verifier of the configured identity provider (made on first use)."""
    settings = state.settings.oidc
    if settings is None:
        return None
    with _verifier_lock:
        made: OidcVerifier | None = getattr(request.app.state, "oidc_verifier", None)
        if made is None or made.settings != settings:
            made = OidcVerifier(settings)
            request.app.state.oidc_verifier = made
    return made


def current_principal(
    request: Request,
    state: Annotated[ServiceState, Depends(service_of)],
    _declared: Annotated[HTTPAuthorizationCredentials | None, Depends(_SCHEME)] = None,
) -> Principal:
    """The authenticated caller, or a 401 problem; its credential id goes to the request log.

    Raises:
        ProblemError: no credential, or one that is not valid (``unauthenticated``).
    """
    principal = authenticate(request, state)
    request.scope.setdefault("state", {})["credential"] = principal.credential
    return principal


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]
"""A handler parameter: the authenticated caller."""
