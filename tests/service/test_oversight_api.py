"""Complaints, misconduct cases and declarations over the API, with real API tokens."""

from __future__ import annotations

from collections.abc import Iterator
from uuid import uuid4

import pytest
from fastapi.testclient import TestClient

from certflow import CertificationBody
from certflow.service import ServiceSettings, create_app
from certflow.testing.actors import ADMIN, COMMITTEE_MEMBERS, HEAD, MANAGER
from tests.service.test_registers_api import put_on_file, run_cohort, set_up_registers
from tests.service.token_support import TokenApi


@pytest.fixture
def api(lsp: CertificationBody) -> Iterator[TokenApi]:
    app = create_app(ServiceSettings(base_url="https://sertifikat.lsp.example"), body=lsp)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield TokenApi(client, lsp)


def test_a_complaint_is_filed_acknowledged_investigated_and_resolved(api: TokenApi) -> None:
    made = set_up_registers(api)
    subject, other = put_on_file(api, 0), put_on_file(api, 1)
    about = {
        "about": "assessor",
        "summary": "asesor datang terlambat",
        "assessor_id": made["assessor"],
    }
    # a candidate complains in their own name, never in another's (P3)
    refused = api.as_(other).post("/v1/complaints", {**about, "complainant": subject})
    assert refused.status_code == 403, refused.text
    assert refused.json()["rules"] == ["P3"]
    filed = api.as_(subject).ok("/v1/complaints", {**about, "complainant": subject})
    complaint = filed["id"]
    assert filed["location"] == f"/v1/complaints/{complaint}"
    # candidates do not read the complaints register
    assert api.get(f"/v1/complaints/{complaint}").status_code == 403
    api.as_(ADMIN.id).ok(f"/v1/complaints/{complaint}/acknowledge", match=True)
    api.as_(MANAGER.id).ok(
        f"/v1/complaints/{complaint}/assign-investigator", {"investigator": HEAD.id}, match=True
    )
    resolved = api.as_(HEAD.id).ok(
        f"/v1/complaints/{complaint}/resolve",
        {"outcome": "unsubstantiated", "findings": "daftar hadir menunjukkan tepat waktu"},
        match=True,
    )
    assert resolved["stage"] == "resolved"
    listed = api.get("/v1/complaints").json()["items"]
    assert [(c["complaint_id"], c["stage"]) for c in listed] == [(complaint, "resolved")]
    assert api.get("/v1/complaints?open_only=true").json()["items"] == []


def test_an_assessor_is_flagged_and_a_quarantined_decision_reviewed(api: TokenApi) -> None:
    made = set_up_registers(api)
    subjects = [put_on_file(api, n) for n in range(2)]
    certs = run_cohort(api, made, subjects)
    assessor = made["assessor"]
    refused = api.as_(ADMIN.id).post(
        "/v1/misconduct", {"assessor_id": assessor, "kind": "gratification", "grounds": "hadiah"}
    )
    assert refused.status_code == 403, refused.text
    assert refused.json()["rules"] == ["P2"]
    flagged = api.as_(MANAGER.id).ok(
        "/v1/misconduct", {"assessor_id": assessor, "kind": "gratification", "grounds": "hadiah"}
    )
    assert (flagged["id"], flagged["stage"]) == (assessor, "quarantined")
    case = api.get(f"/v1/misconduct/{assessor}")
    assert sorted(case.json()["pending"]) == sorted(certs)
    assert api.get(f"/v1/misconduct/{uuid4()}").status_code == 404
    reviewer = COMMITTEE_MEMBERS[1].id
    elsewhere = api.as_(reviewer).post(
        f"/v1/misconduct/{assessor}/review",
        {"certification_id": str(uuid4()), "outcome": "confirmed", "reason": "-"},
        match=True,
    )
    assert elsewhere.status_code == 404, elsewhere.text
    for cert in certs:
        api.as_(reviewer).ok(
            f"/v1/misconduct/{assessor}/review",
            {"certification_id": cert, "outcome": "confirmed", "reason": "bukti lengkap"},
            match=True,
        )
    done = api.as_(MANAGER.id).get(f"/v1/misconduct/{assessor}").json()
    assert done["pending"] == []
    assert set(done["reviews"].values()) == {"confirmed"}
    assert [c["assessor_id"] for c in api.get("/v1/misconduct").json()["items"]] == [assessor]


def test_a_person_declares_their_own_interest_and_not_anothers(api: TokenApi) -> None:
    subject = put_on_file(api, 0)
    body = {"relation": "trainer", "subject_id": subject, "note": "pelatih diklat"}
    refused = api.as_(ADMIN.id).post(f"/v1/staff/{MANAGER.id}/declarations", body)
    assert refused.status_code == 422, refused.text
    assert refused.json()["rules"] == ["R11"]
    made = api.as_(MANAGER.id).ok(f"/v1/staff/{MANAGER.id}/declarations", body)
    assert made["result"] == f"{MANAGER.id}!1"
    person = api.get(f"/v1/staff/{MANAGER.id}").json()
    assert [d["relation"] for d in person["declarations"]] == ["trainer"]


def test_a_substantiated_complaint_suspends_the_certificate(api: TokenApi) -> None:
    made = set_up_registers(api)
    subjects = [put_on_file(api, 0)]
    cert = run_cohort(api, made, subjects)[0]
    filed = api.as_(ADMIN.id).ok(
        "/v1/complaints",
        {
            "about": "certified_person",
            "summary": "gelar dipakai di luar skema",
            "certification_id": cert,
        },
    )
    complaint = filed["id"]
    investigator = COMMITTEE_MEMBERS[1].id
    api.ok(f"/v1/complaints/{complaint}/acknowledge", match=True)
    api.as_(MANAGER.id).ok(
        f"/v1/complaints/{complaint}/assign-investigator",
        {"investigator": investigator},
        match=True,
    )
    api.as_(investigator).ok(
        f"/v1/complaints/{complaint}/resolve",
        {
            "outcome": "substantiated",
            "findings": "terbukti dari dokumen",
            "actions": ["usulkan pembekuan"],
        },
        match=True,
    )
    suspended = api.as_(COMMITTEE_MEMBERS[2].id).ok(
        f"/v1/complaints/{complaint}/suspend-certification",
        {"grounds": "complaint_substantiated", "resolve_by": "2025-03-31"},
        match=True,
    )
    assert suspended["id"] == complaint
    assert api.get(f"/v1/certifications/{cert}").json()["stage"] == "suspended"
    assert api.get(f"/v1/complaints/{complaint}").json()["suspended"] == [cert]
