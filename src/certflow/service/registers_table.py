"""The register commands of the API, as one table: schemes, assessors, TUKs and sessions.

Each row names a facade method, its route and an example request; :mod:`.records` builds the
request model from the method's signature and runs it (the role from the register, the
``Idempotency-Key``, ``If-Match`` on the record changed). The scheme a row names is only what
an appointment limited to schemes is matched against; the library decides everything else.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter
from pydantic import BaseModel

from certflow import CertificationBody
from certflow.service.records import RecordCommand, Target, add_routes

__all__ = ["REGISTER_COMMANDS", "router"]

router = APIRouter(prefix="/v1")


def _same(value: Any) -> UUID:
    return UUID(str(value))


def _code(payload: BaseModel) -> str | None:
    code = getattr(payload, "code", None)
    return code if isinstance(code, str) else None


def _first_scheme(body: CertificationBody, payload: BaseModel, _: Any) -> str | None:
    chosen = getattr(payload, "scheme_ids", None) or []
    return body.get_scheme(chosen[0]).code if chosen else None


def _scheme_of(body: CertificationBody, _: BaseModel, target: Any) -> str | None:
    return body.get_scheme(target).code


def _fit(tuk: Any) -> bool:
    return bool(tuk.verifications[-1].fit)


_SCHEME = Target("scheme_id", _same)
_ASSESSOR = Target("assessor_id", _same)
_TUK = Target("tuk_id", _same)
_SCHEME_ID = "8492ad45-ee65-530d-bf0e-08ef2bc7b121"
_VENUE = "Aston Sentul Lake Resort"

REGISTER_COMMANDS: tuple[RecordCommand, ...] = (
    RecordCommand(
        "add_scheme",
        "/schemes",
        "schemes",
        "/v1/schemes/{id}",
        {
            "code": "SKM/LSP-POLRI/01",
            "title": "Manajemen Isu dan Krisis",
            "units": [
                {"code": "SKM.01.001.01", "title": "Memetakan isu"},
                {"code": "SKM.01.002.01", "title": "Menyusun rilis"},
            ],
        },
        scheme=lambda _body, payload, _target: _code(payload),
        summary="Add a certification scheme version with its competency units",
    ),
    RecordCommand(
        "retire_scheme",
        "/schemes/{scheme_id}/retire",
        "schemes",
        "/v1/schemes/{id}",
        target=_SCHEME,
        scheme=_scheme_of,
    ),
    RecordCommand(
        "add_assessor",
        "/assessors",
        "assessors",
        "/v1/assessors/{id}",
        {
            "met_number": "MET.000.001234 2021",
            "name": "Asesor Contoh",
            "scheme_codes": ["SKM/LSP-POLRI/01"],
            "licence_valid_until": "2027-12-31",
        },
        summary="Add a licensed assessor (the name goes to the subject store)",
    ),
    RecordCommand(
        "renew_assessor_licence",
        "/assessors/{assessor_id}/renew",
        "assessors",
        "/v1/assessors/{id}",
        {"valid_until": "2030-12-31"},
        trigger="renew_licence",
        target=_ASSESSOR,
    ),
    RecordCommand(
        "propose_tuk",
        "/tuks",
        "TUKs",
        "/v1/tuks/{id}",
        {"name": _VENUE, "kind": "sewaktu", "address_ref": "Jl. Pahlawan, Sentul"},
    ),
    RecordCommand(
        "assign_tuk_verifier",
        "/tuks/{tuk_id}/assign-verifier",
        "TUKs",
        "/v1/tuks/{id}",
        {"assessor": "MET.000.001234 2021"},
        target=_TUK,
    ),
    RecordCommand(
        "record_tuk_verification",
        "/tuks/{tuk_id}/verify",
        "TUKs",
        "/v1/tuks/{id}",
        {
            "checklist": {"ruang asesmen": True, "peralatan": True},
            "scheme_ids": [_SCHEME_ID],
            "session_code": "EUK/HUMAS-POLRI/2024-11",
        },
        target=_TUK,
        scheme=_first_scheme,
        result=_fit,
        summary="The assigned assessor records the TUK's verification (result: whether fit)",
    ),
    RecordCommand(
        "suspend_tuk",
        "/tuks/{tuk_id}/suspend",
        "TUKs",
        "/v1/tuks/{id}",
        {"reason": "ruang asesmen direnovasi"},
        target=_TUK,
    ),
    RecordCommand(
        "reinstate_tuk", "/tuks/{tuk_id}/reinstate", "TUKs", "/v1/tuks/{id}", target=_TUK
    ),
    RecordCommand("expire_tuk", "/tuks/{tuk_id}/expire", "TUKs", "/v1/tuks/{id}", target=_TUK),
    RecordCommand(
        "plan_session",
        "/sessions",
        "sessions",
        "/v1/sessions/{id}",
        {
            "code": "EUK/HUMAS-POLRI/2024-11",
            "title": "Uji kompetensi Humas Polri",
            "venue": _VENUE,
            "starts_on": "2024-11-06",
            "ends_on": "2024-11-08",
            "scheme_ids": [_SCHEME_ID],
        },
        scheme=_first_scheme,
    ),
)
"""Every register command of the API, in the order of the path."""

add_routes(router, REGISTER_COMMANDS)
