"""``GET /v1/me``: who the service thinks the caller is, and the roles they hold today.

The roles are read from the register as of the business day (appointments in force, an
assessor's licence, a candidate's own case); they are what the commands will check, shown so a
caller can see it before acting. certflow keeps no names of its staff, so none is shown.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict

from certflow.engine import NotAuthorizedError, NotFoundError
from certflow.service.context import ServiceState, service_of
from certflow.service.openapi_docs import problem_responses
from certflow.service.principals import CurrentPrincipal

__all__ = ["router"]

router = APIRouter(tags=["authentication"])


class RoleInForce(BaseModel):
    """One role the caller may act in today."""

    role: str
    mandate: str
    """The appointment id, ``licence:<MET number>``, or ``own-case`` for a candidate."""
    scheme_codes: list[str] = []
    """The schemes it is limited to (empty: all)."""
    valid_until: date | None = None


class Me(BaseModel):
    """The authenticated caller."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "person": "lsp-admin-01",
                    "kind": "staff",
                    "credential": "token:tok-3f9a1c2b",
                    "on": "2024-10-22",
                    "roles": [
                        {
                            "role": "lsp_admin",
                            "mandate": "lsp-admin-01#1",
                            "scheme_codes": [],
                            "valid_until": "2026-12-31",
                        }
                    ],
                    "met_number": None,
                }
            ]
        }
    )

    person: str
    kind: str
    """``staff`` (in the personnel register), ``assessor`` (a licence, no appointment) or
    ``candidate`` (a subject id)."""
    credential: str
    """The credential used (``token:<id>`` or ``oidc:…``), never its secret."""
    on: date
    """The business day the roles are read for."""
    roles: list[RoleInForce]
    met_number: str | None = None


@router.get(
    "/v1/me",
    response_model=Me,
    summary="Who the service thinks the caller is",
    responses=problem_responses(
        {
            401: "No valid credential (none sent, unknown, expired or revoked)",
            403: "An identity-provider subject linked to nobody in the register",
            503: "The identity provider's keys or the register cannot be read now",
        }
    ),
)
def me(principal: CurrentPrincipal, state: Annotated[ServiceState, Depends(service_of)]) -> Me:
    """The caller's person, the credential used and the roles they hold today."""
    body = state.body
    with state.lock:
        day = body.clock.now().date()
        try:
            member = body.get_person(principal.person, on=day)
        except (NotAuthorizedError, NotFoundError):
            return Me(
                person=principal.person,
                kind="candidate",
                credential=principal.credential,
                on=day,
                roles=[RoleInForce(role="candidate", mandate="own-case")],
            )
        licence = body.get_assessor(UUID(member.person_id)) if member.met_number else None
    roles = [
        RoleInForce(
            role=a.role.value,
            mandate=a.appointment_id,
            scheme_codes=list(a.scheme_codes),
            valid_until=a.valid_until,
        )
        for a in member.in_force
    ]
    if licence is not None and licence.licence_valid_until >= day:
        roles.append(
            RoleInForce(
                role="assessor",
                mandate=f"licence:{licence.met_number}",
                scheme_codes=list(licence.scheme_codes),
                valid_until=licence.licence_valid_until,
            )
        )
    return Me(
        person=member.person_id,
        kind="staff" if member.appointments else "assessor",
        credential=principal.credential,
        on=day,
        roles=roles,
        met_number=member.met_number,
    )
