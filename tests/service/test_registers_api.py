"""A whole cohort through the API alone, from an established personnel register.

Scheme, assessor, TUK (proposed, its verifier assigned, verified), session and candidates are
made over HTTP, each by the person whose appointment allows it, with a real API token each;
the certifications then go to distributed through the certification move endpoints.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from uuid import UUID, uuid4

import pytest
from fastapi.testclient import TestClient

from certflow import CertificationBody
from certflow.service import ServiceSettings, create_app
from certflow.testing.actors import ADMIN, COMMITTEE, HEAD, MANAGER
from certflow.testing.route import CALENDAR, UNITS
from tests.service.token_support import TokenApi

CODE = "SKM/API/1"
SESSION = "EUK/API/2024-11"
VENUE = "Gedung Tribrata"
MET = "MET.000.000101 2021"
NIKS = ("3201010101019901", "3201010101019902")


@pytest.fixture
def api(lsp: CertificationBody) -> Iterator[TokenApi]:
    app = create_app(ServiceSettings(base_url="https://sertifikat.lsp.example"), body=lsp)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield TokenApi(client, lsp)


def set_up_registers(api: TokenApi) -> dict[str, str]:
    """Scheme, assessor, a verified TUK and a session, all over the API."""
    api.as_(ADMIN.id)
    units = [{"code": u, "title": f"Unit {u}"} for u in UNITS]
    scheme = api.ok("/v1/schemes", {"code": CODE, "title": "Manajemen Isu", "units": units})
    assert scheme["location"] == f"/v1/schemes/{scheme['id']}"
    assessor = api.ok(
        "/v1/assessors",
        {
            "met_number": MET,
            "name": "Asesor Api",
            "scheme_codes": [CODE],
            "licence_valid_until": "2026-12-31",
        },
    )
    tuk = api.ok("/v1/tuks", {"name": VENUE, "kind": "sewaktu"})
    api.as_(MANAGER.id).ok(f"/v1/tuks/{tuk['id']}/assign-verifier", {"assessor": MET}, match=True)
    verified = api.as_(assessor["id"]).ok(
        f"/v1/tuks/{tuk['id']}/verify",
        {
            "checklist": {"ruang asesmen": True, "peralatan": True},
            "scheme_ids": [scheme["id"]],
            "session_code": SESSION,
        },
        match=True,
    )
    assert verified["result"] is True
    session = api.as_(ADMIN.id).ok(
        "/v1/sessions",
        {
            "code": SESSION,
            "title": "Uji kompetensi API",
            "venue": VENUE,
            "starts_on": "2024-11-06",
            "ends_on": "2024-11-08",
            "scheme_ids": [scheme["id"]],
        },
    )
    return {
        "scheme": scheme["id"],
        "assessor": assessor["id"],
        "tuk": tuk["id"],
        "session": session["id"],
    }


def put_on_file(api: TokenApi, n: int) -> str:
    answer = api.as_(ADMIN.id).ok(
        "/v1/candidates",
        {"name": f"Kandidat Api {n}", "nik": NIKS[n], "rank": "AKBP", "unit": "Polda Api"},
    )
    return str(answer["id"])


def run_cohort(api: TokenApi, made: dict[str, str], subjects: list[str]) -> list[str]:
    """Register the candidates and take them all to distributed, one calendar day at a time."""
    clock = api.body.clock
    clock.set(CALENDAR.register)  # type: ignore[attr-defined]
    certs = [
        api.as_(ADMIN.id).ok(
            "/v1/certifications",
            {"subject_id": s, "scheme_id": made["scheme"], "session_id": made["session"]},
        )["id"]
        for s in subjects
    ]
    assessor = made["assessor"]
    agreement = {"methods": ["portfolio", "interview"], "appeal_process_explained": True}
    checks = [
        {
            "unit": u,
            "evidence": f"doc-{u}",
            "valid": True,
            "authentic": True,
            "current": True,
            "sufficient": True,
        }
        for u in UNITS
    ]
    steps = [
        (CALENDAR.admit, lambda c, s: api.as_(ADMIN.id).move(c, "admit")),
        (
            CALENDAR.submit_portfolio,
            lambda c, s: api.as_(s).move(
                c,
                "submit_portfolio",
                entries=[{"unit": u, "evidence": [f"doc-{u}"]} for u in UNITS],
            ),
        ),
        (
            CALENDAR.assign_assessor,
            lambda c, s: api.as_(MANAGER.id).move(
                c, "assign_assessor", assessor_id=assessor, declaration={"has_conflict": False}
            ),
        ),
        (
            CALENDAR.assign_assessor,
            lambda c, s: api.as_(assessor).move(c, "review_self_assessment", proceed=True),
        ),
        (
            CALENDAR.assign_assessor,
            lambda c, s: api.as_(assessor).move(c, "record_assessment_mode", mode="on_site"),
        ),
        (CALENDAR.candidate_signs, lambda c, s: api.as_(s).move(c, "sign_agreement", **agreement)),
        (
            CALENDAR.assessor_signs,
            lambda c, s: api.as_(assessor).move(c, "sign_agreement", **agreement),
        ),
        (
            CALENDAR.verify_portfolio,
            lambda c, s: api.as_(assessor).move(c, "verify_portfolio", checks=checks),
        ),
        (CALENDAR.record_interview, lambda c, s: api.as_(assessor).move(c, "record_interview")),
        (
            CALENDAR.recommend,
            lambda c, s: api.as_(assessor).move(
                c, "recommend", results=dict.fromkeys(UNITS, "K"), recommendation="K"
            ),
        ),
        (CALENDAR.recommend, lambda c, s: api.as_(s).move(c, "acknowledge_result")),
        (
            CALENDAR.decide,
            lambda c, s: api.as_(COMMITTEE.id).move(
                c, "decide", outcome="K", deciders=[COMMITTEE.id]
            ),
        ),
        (
            CALENDAR.print_certificate,
            lambda c, s: api.as_(MANAGER.id).move(
                c, "print_certificate", manager=MANAGER.id, head=HEAD.id
            ),
        ),
        (
            CALENDAR.distribute_certificate,
            lambda c, s: api.as_(ADMIN.id).move(c, "distribute_certificate", channel="in_person"),
        ),
    ]
    for when, step in steps:
        clock.set(when)  # type: ignore[attr-defined]
        for cert, subject in zip(certs, subjects, strict=True):
            step(cert, subject)
    return [str(c) for c in certs]


def test_a_cohort_runs_through_the_api_alone(
    api: TokenApi, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    made = set_up_registers(api)
    subjects = [put_on_file(api, n) for n in range(2)]
    certs = run_cohort(api, made, subjects)
    api.as_(ADMIN.id)
    for cert in certs:
        assert api.get(f"/v1/certifications/{cert}").json()["stage"] == "distributed"
    listed = api.get(f"/v1/certifications?session={made['session']}").json()["items"]
    assert sorted(c["id"] for c in listed) == sorted(certs)
    # the registers read back, each with its version as ETag
    scheme = api.get(f"/v1/schemes/{made['scheme']}")
    assert scheme.json()["code"] == CODE
    assert scheme.headers["ETag"] == '"1"'
    assert [s["code"] for s in api.get("/v1/sessions").json()["items"]] == [SESSION]
    tuk = api.get(f"/v1/tuks/{made['tuk']}").json()
    assert tuk["status"] == "verified"
    assert tuk["verifiers"] == [made["assessor"]]
    assert [a["met_number"] for a in api.get("/v1/assessors").json()["items"]] == [MET]
    # the NIK is in no answer and no log line; the personal data is in no event
    for nik in NIKS:
        assert all(nik not in text for text in api.seen)
        assert nik not in caplog.text
    from certflow.bootstrap import services_of

    events = services_of(api.body).store.scan()
    assert all("Kandidat Api" not in repr(e) and NIKS[0] not in repr(e) for e in events)


def test_a_retried_candidate_registration_puts_one_candidate_on_file(api: TokenApi) -> None:
    api.as_(ADMIN.id)
    key = uuid4().hex
    data = {"name": "Kandidat Ulang", "nik": NIKS[0]}
    first = api.post("/v1/candidates", data, key=key)
    again = api.post("/v1/candidates", data, key=key)
    assert (first.status_code, again.status_code) == (201, 201), again.text
    assert first.json() == again.json()
    assert again.headers["Idempotent-Replayed"] == "true"
    assert first.headers["Location"] == f"/v1/candidates/{first.json()['id']}"
    assert api.body.find_candidate(nik=NIKS[0]) == UUID(first.json()["id"])
    other = api.post("/v1/candidates", {"name": "Orang Lain", "nik": NIKS[1]}, key=key)
    assert other.status_code == 422
    assert other.json()["type"] == "/problems/idempotency-key-reused"
    assert api.body.find_candidate(nik=NIKS[1]) is None
    # a new key for the same person: the NIK is on file already, said without the NIK
    twice = api.post("/v1/candidates", data)
    assert twice.status_code == 400, twice.text
    assert NIKS[0] not in twice.text


def test_a_bad_nik_is_refused_without_echoing_it(api: TokenApi) -> None:
    bad = "32010101010199"
    answer = api.as_(ADMIN.id).post("/v1/candidates", {"name": "Salah Ketik", "nik": bad})
    assert answer.status_code == 400
    assert bad not in answer.text


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_candidate_may_not_put_another_person_on_file(api: TokenApi, lang: str) -> None:
    subject = put_on_file(api, 0)
    answer = api.as_(subject).post("/v1/candidates", {"name": "Teman Saya"}, lang=lang)
    assert answer.status_code == 403, answer.text
    problem = answer.json()
    assert problem["rules"] == ["P3"]
    assert problem["lang"] == lang
    said = "kandidat" if lang == "id" else "candidate acts only on their own case"
    assert said in problem["detail"].lower()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_only_the_head_appoints(api: TokenApi, lang: str) -> None:
    body = {"role": "lsp_admin", "basis": "SK 01/2024"}
    refused = api.as_(ADMIN.id).post("/v1/staff/lsp-admin-02/appointments", body, lang=lang)
    assert refused.status_code == 403, refused.text
    assert refused.json()["rules"] == ["P2"]
    assert refused.json()["lang"] == lang
    made = api.as_(HEAD.id).ok("/v1/staff/lsp-admin-02/appointments", body)
    assert (made["id"], made["result"]) == ("lsp-admin-02", "lsp-admin-02#1")
    assert made["location"] == "/v1/staff/lsp-admin-02"
    person = api.get("/v1/staff/lsp-admin-02")
    assert [a["role"] for a in person.json()["in_force"]] == ["lsp_admin"]
    ended = api.ok(
        "/v1/staff/lsp-admin-02/end-appointment",
        {"appointment_id": "lsp-admin-02#1", "reason": "mutasi"},
        match=True,
    )
    assert ended["version"] == int(person.headers["ETag"].strip('"')) + 1
    assert api.get("/v1/staff/lsp-admin-02").json()["in_force"] == []
    assert "lsp-admin-02" in [m["person_id"] for m in api.get("/v1/staff").json()["items"]]


def test_the_last_head_is_not_ended(api: TokenApi) -> None:
    api.as_(HEAD.id)
    mine = api.get(f"/v1/staff/{HEAD.id}").json()["in_force"][0]["appointment_id"]
    refused = api.post(
        f"/v1/staff/{HEAD.id}/end-appointment",
        {"appointment_id": mine, "reason": "pensiun"},
        match=True,
    )
    assert refused.status_code == 422, refused.text
    assert refused.json()["rules"] == ["P2"]


def test_only_the_assigned_assessor_verifies_a_tuk(api: TokenApi) -> None:
    made = set_up_registers(api)
    other = api.as_(ADMIN.id).ok(
        "/v1/assessors",
        {
            "met_number": "MET.000.000102 2021",
            "name": "Asesor Lain",
            "scheme_codes": [CODE],
            "licence_valid_until": "2026-12-31",
        },
    )
    refused = api.as_(other["id"]).post(
        f"/v1/tuks/{made['tuk']}/verify",
        {"checklist": {"ruang": True}, "scheme_ids": [made["scheme"]], "session_code": SESSION},
        match=True,
    )
    assert refused.status_code in (403, 422), refused.text
    assert "R17" in refused.json()["rules"]


def test_a_register_command_needs_its_version_and_replays_its_answer(api: TokenApi) -> None:
    made = set_up_registers(api)
    api.as_(ADMIN.id)
    path = f"/v1/schemes/{made['scheme']}/retire"
    missing = api.post(path)
    assert missing.status_code == 428
    stale = api.client.post(
        path, headers=api.headers(**{"Idempotency-Key": "k1", "If-Match": '"7"'})
    )
    assert stale.status_code == 412
    assert stale.headers["ETag"] == '"1"'
    key = uuid4().hex
    first = api.post(path, key=key, match=True)
    again = api.client.post(
        path, headers=api.headers(**{"Idempotency-Key": key, "If-Match": '"1"'})
    )
    assert first.status_code == again.status_code == 200
    assert (
        again.json()
        == first.json()
        == {
            "id": made["scheme"],
            "location": f"/v1/schemes/{made['scheme']}",
            "stage": "retired",
            "version": 2,
            "result": None,
        }
    )
    assert again.headers["Idempotent-Replayed"] == "true"
    assert len(api.body.history(UUID(made["scheme"]))) == 2


def test_who_reads_a_candidate(api: TokenApi) -> None:
    mine, theirs = put_on_file(api, 0), put_on_file(api, 1)
    staff = api.as_(MANAGER.id).get(f"/v1/candidates/{mine}")
    assert staff.status_code == 200
    assert staff.json()["name"] == "Kandidat Api 0"
    assert staff.json()["nik_on_file"] is True
    assert "nik" not in staff.json()
    assert api.as_(mine).get(f"/v1/candidates/{mine}").status_code == 200
    assert api.get(f"/v1/candidates/{theirs}").status_code == 404
    assert api.get(f"/v1/candidates/{uuid4()}").status_code == 404
    assert api.get("/v1/staff").status_code == 403
    assert api.get("/v1/assessors").status_code == 403
    assert api.get("/v1/schemes").status_code == 200


def test_a_retried_candidate_registration_on_each_store(store_url: str) -> None:
    import certflow
    from certflow import WIB, FixedClock
    from certflow.testing.actors import appoint_standard_staff

    body = certflow.open(store_url, clock=FixedClock(CALENDAR.register.date(), tz=WIB))
    try:
        appoint_standard_staff(body)
        app = create_app(ServiceSettings(), body=body)
        with TestClient(app, raise_server_exceptions=False) as client:
            api = TokenApi(client, body).as_(ADMIN.id)
            key = uuid4().hex
            sent = {"name": "Kandidat Toko", "nik": NIKS[1]}
            answers = [api.post("/v1/candidates", sent, key=key) for _ in range(3)]
        assert [a.status_code for a in answers] == [201, 201, 201]
        assert len({a.json()["id"] for a in answers}) == 1
        assert body.find_candidate(nik=NIKS[1]) == UUID(answers[0].json()["id"])
    finally:
        body.close()


def test_hostile_addresses_and_bodies_are_refused_as_invalid(api: TokenApi) -> None:
    api.as_(HEAD.id)
    body = {"role": "lsp_admin", "basis": "SK"}
    for person in ("x" * 300, "bad%0Aid", "%E2%80%AEevil"):
        answer = api.post(f"/v1/staff/{person}/appointments", body)
        assert answer.status_code == 400, (person, answer.text)
    too_long = {"code": "SKM/X", "title": "t" * 5000, "units": []}
    assert api.as_(ADMIN.id).post("/v1/schemes", too_long).status_code == 400
    unknown = {"code": "SKM/X", "title": "t", "units": [], "role": "head_of_lsp"}
    assert api.post("/v1/schemes", unknown).status_code == 400
