"""Who is calling: the person a request's bearer token stands for, never what it claims.

A :class:`Principal` is built only by :func:`current_principal` from a credential the service
checked itself (an API token certflow issued, or an access token from the LSP's identity
provider linked to a person). The roles a principal acts in are never part of the request:
each command takes them from the person's appointments in force (:mod:`certflow.service.acting`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from certflow.engine import Text
from certflow.service.context import ServiceState, service_of
from certflow.service.problems import ProblemError

__all__ = ["CurrentPrincipal", "Principal", "current_principal"]


@dataclass(frozen=True)
class Principal:
    """A caller the service has authenticated."""

    person: str
    """The person in the register (a person id, an assessor's register id, or a candidate's
    subject id) the credential is linked to."""
    credential: str
    """Which credential: ``token:<id>`` or ``oidc:<issuer>#<subject>`` (for logs and audit)."""


def current_principal(
    request: Request, state: Annotated[ServiceState, Depends(service_of)]
) -> Principal:
    """The authenticated caller, or a 401 problem.

    Raises:
        ProblemError: no credential, or one that is not valid (``unauthenticated``).
    """
    authenticate = getattr(request.app.state, "authenticate", None)
    if authenticate is None:
        raise ProblemError(
            "unauthenticated",
            Text("this service accepts no credentials yet"),
            headers={"WWW-Authenticate": "Bearer"},
        )
    principal: Principal = authenticate(request, state)
    return principal


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]
"""A handler parameter: the authenticated caller."""
