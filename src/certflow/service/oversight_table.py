"""The oversight commands of the API, as one table: the personnel register, complaints, misconduct.

Like :mod:`.registers_table`: each row names a facade method, its route and an example; the
library decides (the head of the LSP appoints and ends appointments, and never the last head's,
P2; a person declares their own interests, the office anyone's, R11; an investigator is not
involved, R53; a flagged assessor's records are quarantined, R55). An appointment and a
declaration are added to a person's record (201, no ``If-Match``: the person may be new); ending
an appointment changes the record as read (``If-Match`` on the person's record).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter
from pydantic import BaseModel

from certflow import CertificationBody
from certflow.domain import canonical_person_id, misconduct_case_id, person_record_id
from certflow.engine import NotFoundError
from certflow.service.records import RecordCommand, Target, add_routes

__all__ = ["OVERSIGHT_COMMANDS", "router"]

router = APIRouter(prefix="/v1")


def _person(value: Any) -> UUID:
    return person_record_id(canonical_person_id(str(value).strip()))


def _complaint_scheme(body: CertificationBody, _: BaseModel, target: Any) -> str | None:
    """The scheme of the certification a complaint concerns (none for the LSP, an assessor)."""
    concerned = body.get_complaint(target).certification_id
    return None if concerned is None else body.get(concerned).scheme_code


def _reviewed_scheme(body: CertificationBody, payload: BaseModel, target: Any) -> str | None:
    """The scheme of the certification reviewed, which must be one the case at the path holds.

    The address names the case (``If-Match`` is its version); a certification it does not
    hold is not found there, as any record not at its address.
    """
    certification = getattr(payload, "certification_id")  # noqa: B009
    if certification not in body.get_misconduct_case(UUID(str(target))).affected:
        raise NotFoundError("certification", certification)
    return body.get(certification).scheme_code


def _person_id(record: Any) -> str:
    return str(record.person_id)


def _assessor_id(record: Any) -> str:
    return str(record.assessor_id)


_ADDED_TO = Target("person_id", _person, kind=str, matched=False)
_PERSON = Target("person_id", _person, kind=str)
_COMPLAINT = Target("complaint_id", lambda value: UUID(str(value)))
_CASE = Target("assessor_id", lambda value: misconduct_case_id(UUID(str(value))))
_ID = "0b7e4c1a-6f4e-4e2b-9a51-3c8d2f1e7a90"

OVERSIGHT_COMMANDS: tuple[RecordCommand, ...] = (
    RecordCommand(
        "appoint",
        "/staff/{person_id}/appointments",
        "staff",
        "/v1/staff/{id}",
        {"role": "lsp_admin", "basis": "SK Ketua LSP No. 12/2024", "valid_until": "2026-12-31"},
        target=_ADDED_TO,
        answers=_person_id,
        result=lambda person: person.appointments[-1].appointment_id,
        summary="Appoint a person to a role (result: the appointment's id)",
    ),
    RecordCommand(
        "end_appointment",
        "/staff/{person_id}/end-appointment",
        "staff",
        "/v1/staff/{id}",
        {"appointment_id": "lsp-admin-02#1", "reason": "mutasi"},
        target=_PERSON,
        answers=_person_id,
    ),
    RecordCommand(
        "declare_interest",
        "/staff/{person_id}/declarations",
        "staff",
        "/v1/staff/{id}",
        {"relation": "trainer", "subject_id": _ID, "note": "pelatih diklat 2023"},
        target=_ADDED_TO,
        answers=_person_id,
        result=lambda person: person.declarations[-1].declaration_id,
        summary="Declare a person's relation to a candidate or an organisation (R11-R13)",
    ),
    RecordCommand(
        "file_complaint",
        "/complaints",
        "complaints",
        "/v1/complaints/{id}",
        {"about": "assessor", "summary": "asesor datang terlambat 2 jam", "assessor_id": _ID},
    ),
    RecordCommand(
        "acknowledge_complaint",
        "/complaints/{complaint_id}/acknowledge",
        "complaints",
        "/v1/complaints/{id}",
        target=_COMPLAINT,
    ),
    RecordCommand(
        "assign_investigator",
        "/complaints/{complaint_id}/assign-investigator",
        "complaints",
        "/v1/complaints/{id}",
        {"investigator": "manajer-sertifikasi-01"},
        target=_COMPLAINT,
        scheme=_complaint_scheme,
    ),
    RecordCommand(
        "resolve_complaint",
        "/complaints/{complaint_id}/resolve",
        "complaints",
        "/v1/complaints/{id}",
        {
            "outcome": "substantiated",
            "findings": "keterlambatan terbukti dari daftar hadir",
            "actions": ["teguran tertulis"],
        },
        target=_COMPLAINT,
        scheme=_complaint_scheme,
    ),
    RecordCommand(
        "withdraw_complaint",
        "/complaints/{complaint_id}/withdraw",
        "complaints",
        "/v1/complaints/{id}",
        {"reason": "sudah diselesaikan langsung"},
        target=_COMPLAINT,
    ),
    RecordCommand(
        "suspend_on_complaint",
        "/complaints/{complaint_id}/suspend-certification",
        "complaints",
        "/v1/complaints/{id}",
        {"grounds": "complaint_substantiated", "resolve_by": "2025-03-31"},
        trigger="suspend",
        target=_COMPLAINT,
        scheme=_complaint_scheme,
    ),
    RecordCommand(
        "flag_misconduct",
        "/misconduct",
        "misconduct",
        "/v1/misconduct/{id}",
        {"assessor_id": _ID, "kind": "gratification", "grounds": "menerima hadiah dari asesi"},
        answers=_assessor_id,
        summary="Flag an assessor for gratification or misconduct; quarantine their records",
    ),
    RecordCommand(
        "review_quarantined",
        "/misconduct/{assessor_id}/review",
        "misconduct",
        "/v1/misconduct/{id}",
        {"certification_id": _ID, "outcome": "confirmed", "reason": "bukti diperiksa ulang"},
        target=_CASE,
        passes_id=False,
        scheme=_reviewed_scheme,
        answers=_assessor_id,
        summary="Confirm or set aside one quarantined decision (R55)",
    ),
)
"""Every oversight command of the API."""

add_routes(router, OVERSIGHT_COMMANDS)
