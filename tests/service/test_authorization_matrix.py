"""Every endpoint × every kind of caller × their own or another's record: allowed or refused.

The expectations are declared here, apart from the code that enforces them: which callers each
kind of endpoint is for (:data:`KINDS`, :data:`ENDPOINTS`), and for the certification moves the
roles the domain's workflow gives each move (the register, never the request, decides the
role). Every caller holds a real API token. A refusal is 401 (no credential), 403 (no role for
it) or 404 (a record the caller may not read, answered as if it did not exist); anything else
means the request got past authorisation. A move is sent with a stale ``If-Match``, so an
allowed caller gets 412 and nothing is recorded: the matrix changes no record.

An endpoint missing from the declarations fails the test, so a new route must say who it is for.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from certflow import rotate_keys
from certflow.application import acting_roles
from certflow.domain import tuk_id
from certflow.service.commands_table import COMMANDS
from certflow.service.oversight_table import OVERSIGHT_COMMANDS
from certflow.service.registers_table import REGISTER_COMMANDS
from certflow.testing.actors import ADMIN, APPEAL_POOL, COMMITTEE, DPO, HEAD, MANAGER, TUK_ADMIN
from tests.support import World

STAFF = ("head", "admin", "manager", "committee", "appeal_panel", "dpo", "tuk_admin")
SIGNED_IN = (*STAFF, "assessor_assigned", "assessor_other", "candidate_own", "candidate_other")
CALLERS = ("anonymous", *SIGNED_IN)

ROLES = {
    "head": "head_of_lsp",
    "admin": "lsp_admin",
    "manager": "certification_manager",
    "committee": "certification_committee",
    "appeal_panel": "appeal_panel",
    "dpo": "data_protection_officer",
    "tuk_admin": "tuk_admin",
    "assessor_assigned": "assessor",
    "assessor_other": "assessor",
    "candidate_own": "candidate",
    "candidate_other": "candidate",
}
"""The one role each caller's appointments, licence or own case give them."""

READS_THE_CASE = {*STAFF, "assessor_assigned", "candidate_own"}
"""Who may read the case the matrix acts on: staff, its assessor, its candidate."""

KINDS: dict[str, set[str]] = {
    "public": set(CALLERS),
    "signed-in": set(SIGNED_IN),
    "the case": READS_THE_CASE,
    "staff": set(STAFF),
    "integration": {"head", "admin", "manager"},
    "staff and assessors": {*STAFF, "assessor_assigned", "assessor_other"},
    "the candidate": {*STAFF, "candidate_own"},
}
"""Who each kind of endpoint is for."""

ENDPOINTS: dict[tuple[str, str], str] = {
    ("GET", "/health/live"): "public",
    ("GET", "/health/ready"): "public",
    ("GET", "/problems/{slug}"): "public",
    ("GET", "/v/{token}"): "public",
    ("GET", "/verify"): "public",
    ("GET", "/v1/verifications/{token}"): "public",
    ("GET", "/v1/verifications"): "public",
    ("GET", "/.well-known/certflow-keys.json"): "public",
    ("GET", "/v1/schemas"): "public",
    ("GET", "/v1/schemas/{event_type}"): "public",
    ("GET", "/v1/me"): "signed-in",
    ("GET", "/v1/rules"): "signed-in",
    ("GET", "/v1/certifications"): "signed-in",
    ("GET", "/v1/certifications/{certification_id}"): "the case",
    ("GET", "/v1/certifications/{certification_id}/history"): "the case",
    ("GET", "/v1/certifications/{certification_id}/state"): "the case",
    ("GET", "/v1/certifications/{certification_id}/diff"): "the case",
    ("GET", "/v1/views/case-board"): "staff",
    ("GET", "/v1/views/certificate-register"): "staff",
    ("GET", "/v1/views/deadline-board"): "staff",
    ("GET", "/v1/deadlines/overdue"): "staff",
    ("GET", "/v1/views/workload"): "staff",
    ("GET", "/v1/events"): "integration",
    ("GET", "/v1/events/stream"): "integration",
    ("POST", "/v1/webhooks"): "integration",
    ("GET", "/v1/webhooks"): "integration",
    ("GET", "/v1/webhooks/{subscription_id}"): "integration",
    ("DELETE", "/v1/webhooks/{subscription_id}"): "integration",
    ("GET", "/v1/webhooks/{subscription_id}/deliveries"): "integration",
    ("GET", "/v1/schemes"): "signed-in",
    ("GET", "/v1/schemes/{scheme_id}"): "signed-in",
    ("GET", "/v1/sessions"): "signed-in",
    ("GET", "/v1/sessions/{session_id}"): "signed-in",
    ("GET", "/v1/tuks"): "staff and assessors",
    ("GET", "/v1/tuks/{tuk_id}"): "staff and assessors",
    ("GET", "/v1/assessors"): "staff",
    ("GET", "/v1/assessors/{assessor_id}"): "staff",
    ("GET", "/v1/candidates/{subject_id}"): "the candidate",
    ("GET", "/v1/staff"): "staff",
    ("GET", "/v1/staff/{person_id}"): "staff",
    ("GET", "/v1/complaints"): "staff",
    ("GET", "/v1/complaints/{complaint_id}"): "staff",
    ("GET", "/v1/misconduct"): "staff",
    ("GET", "/v1/misconduct/{assessor_id}"): "staff",
}
"""Every endpoint that is not a certification command, with the kind of caller it is for."""


@dataclass
class Matrix:
    client: TestClient
    world: World
    case: uuid.UUID
    tokens: dict[str, str]
    subscription: str
    records: dict[str, str]
    """The id each path parameter of the registers' routes is sent with."""

    def headers(self, caller: str) -> dict[str, str]:
        headers = {"Accept-Language": "en", "Idempotency-Key": uuid.uuid4().hex}
        if caller != "anonymous":
            headers["Authorization"] = f"Bearer {self.tokens[caller]}"
        return headers


@pytest.fixture
def matrix(app: FastAPI, world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.chdir(tmp_path)  # no profile: the LSP's token keys are ./keys
    rotate_keys(tmp_path / "keys")
    lsp = world.lsp
    case = world.through("interviewed")  # assigned to world.assessor
    persons = {
        "head": HEAD.id,
        "admin": ADMIN.id,
        "manager": MANAGER.id,
        "committee": COMMITTEE.id,
        "appeal_panel": APPEAL_POOL[0].id,
        "dpo": DPO.id,
        "tuk_admin": TUK_ADMIN.id,
        "assessor_assigned": str(world.assessor),
        "assessor_other": str(world.second_assessor),
        "candidate_own": str(world.candidates[0]),
        "candidate_other": str(world.candidates[1]),
    }
    tokens = {
        caller: lsp.issue_api_token(person_id=person, actor=ADMIN).token
        for caller, person in persons.items()
    }
    with TestClient(app, raise_server_exceptions=False) as client:
        made = client.post(
            "/v1/webhooks",
            json={"url": "https://siap.polri.example/hooks", "secret": "x" * 32},
            headers={"Authorization": f"Bearer {tokens['admin']}", "Idempotency-Key": "m-1"},
        )
        assert made.status_code == 201, made.text
        complaint = lsp.file_complaint(about="lsp", summary="antrean lama", actor=ADMIN)
        lsp.flag_misconduct(
            assessor_id=world.second_assessor, kind="misconduct", grounds="-", actor=MANAGER
        )
        records = {
            "{scheme_id}": str(world.scheme),
            "{session_id}": str(world.session),
            "{tuk_id}": str(tuk_id("Aston Sentul Lake Resort")),
            "{assessor_id}": str(world.second_assessor),
            "{subject_id}": str(world.candidates[0]),
            "{person_id}": MANAGER.id,
            "{complaint_id}": str(complaint),
        }
        subscription = made.json()["subscription_id"]
        yield Matrix(client, world, case, tokens, subscription, records)


def _request(m: Matrix, method: str, path: str, caller: str) -> int:
    """Send the endpoint a request valid in every way but who sends it; the status."""
    params: dict[str, Any] = {}
    body: dict[str, Any] | None = None
    url = path.replace("{certification_id}", str(m.case))
    url = url.replace("{subscription_id}", m.subscription).replace("{slug}", "refused")
    url = url.replace("{token}", "eyJhbGciOiJFZERTQSJ9.e30.c2ln")
    url = url.replace("{event_type}", "id.certflow.certification.decided.v1")
    for parameter, value in m.records.items():
        url = url.replace(parameter, value)
    if path.endswith("/state"):
        params = {"version": 2}
    elif path.endswith("/diff"):
        params = {"from": 1, "to": 2}
    elif path == "/v1/events/stream":
        params = {"seconds": 1}
    elif path == "/verify" or path == "/v1/verifications":
        params = {"number": "SKM/TEST/1/00001/2024", "name": "Kandidat 0"}
    elif method == "POST" and path == "/v1/webhooks":
        body = {"url": f"https://siap.polri.example/{uuid.uuid4().hex}", "secret": "y" * 32}
    answer = m.client.request(method, url, params=params, json=body, headers=m.headers(caller))
    assert answer.status_code < 500, (method, path, caller, answer.text)
    return answer.status_code


REFUSALS = {401, 403, 404}
RECORD_COMMANDS = (*REGISTER_COMMANDS, *OVERSIGHT_COMMANDS)


def test_every_endpoint_is_declared(app: FastAPI) -> None:
    spec = app.openapi()
    listed = {(m.upper(), p) for p, ops in spec["paths"].items() for m in ops}
    moves = {("POST", "/v1/certifications")} | {
        ("POST", f"/v1/certifications/{{certification_id}}/{c.path}")
        for c in COMMANDS
        if not c.creates
    }
    moves |= {("POST", f"/v1{c.path}") for c in RECORD_COMMANDS} | {("POST", "/v1/candidates")}
    assert listed - moves == set(ENDPOINTS)
    assert moves <= listed


def test_each_endpoint_answers_exactly_the_callers_it_is_for(matrix: Matrix) -> None:
    wrong = []
    for (method, path), kind in ENDPOINTS.items():
        if method == "DELETE":
            continue  # its own test below: an allowed call removes the subscription
        for caller in CALLERS:
            status = _request(matrix, method, path, caller)
            allowed = caller in KINDS[kind]
            if allowed == (status in REFUSALS):
                wrong.append((method, path, caller, status))
            if not allowed and caller == "anonymous":
                assert status == 401, (method, path, status)
            elif not allowed and kind == "the case":
                assert status == 404, (method, path, caller, status)  # never 403: no probing
    assert not wrong, wrong


def test_removing_a_subscription_is_for_the_integration_roles(matrix: Matrix) -> None:
    path = "/v1/webhooks/{subscription_id}"
    for caller in CALLERS:
        status = _request(matrix, "DELETE", path, caller)
        if caller in KINDS["integration"]:
            assert status in (204, 404), (caller, status)  # 404: removed by an earlier caller
        else:
            assert status in (401, 403), (caller, status)


def test_a_certification_list_shows_each_caller_only_what_they_may_read(matrix: Matrix) -> None:
    for caller in SIGNED_IN:
        answer = matrix.client.get("/v1/certifications", headers=matrix.headers(caller))
        ids = {item["id"] for item in answer.json()["items"]}
        assert (str(matrix.case) in ids) == (caller in READS_THE_CASE), caller


def test_each_move_is_for_the_roles_the_workflow_gives_it_on_a_case_they_may_read(
    matrix: Matrix,
) -> None:
    wrong = []
    allowed_count = 0
    before = matrix.world.lsp.get(matrix.case).version
    for command in COMMANDS:
        if command.creates:
            continue
        roles = acting_roles(command.method)
        assert roles, command.method
        path = f"/v1/certifications/{matrix.case}/{command.path}"
        for caller in CALLERS:
            headers = {**matrix.headers(caller), "If-Match": '"999"'}  # stale: nothing recorded
            answer = matrix.client.post(path, json=dict(command.example), headers=headers)
            assert answer.status_code < 500, (command.method, caller, answer.text)
            allowed = caller in READS_THE_CASE and ROLES.get(caller) in roles
            allowed_count += allowed
            expected = 412 if allowed else 401 if caller == "anonymous" else None
            if expected is not None and answer.status_code != expected:
                wrong.append((command.method, caller, answer.status_code, answer.text[:160]))
            if expected is None:
                refusal = 404 if caller not in READS_THE_CASE else 403
                if answer.status_code != refusal:
                    wrong.append((command.method, caller, answer.status_code, answer.text[:160]))
    assert not wrong, wrong
    assert allowed_count >= 40  # 52 of the 408 (move, caller) pairs are allowed today
    assert matrix.world.lsp.get(matrix.case).version == before  # the matrix recorded nothing


def test_a_candidate_registers_themself(matrix: Matrix) -> None:
    world = matrix.world
    body = {"subject_id": str(world.candidates[1]), "scheme_id": str(world.other_scheme)}
    body["session_id"] = str(world.session)
    answer = matrix.client.post(
        "/v1/certifications", json=body, headers=matrix.headers("candidate_other")
    )
    assert answer.status_code == 201, answer.text


def test_registering_is_for_the_roles_the_workflow_gives_it(matrix: Matrix) -> None:
    roles = acting_roles("register")
    world = matrix.world
    for caller in CALLERS:
        body = {
            "subject_id": str(world.candidates[2]),
            "scheme_id": str(world.scheme),
            "session_id": str(world.session),
        }
        answer = matrix.client.post("/v1/certifications", json=body, headers=matrix.headers(caller))
        allowed = ROLES.get(caller) in roles
        if ROLES.get(caller) == "candidate":
            # a candidate registers only themself (P3): another's subject id is refused
            assert answer.status_code == 403, answer.text
            assert answer.json()["rules"] == ["P3"]
            continue
        if allowed:
            assert answer.status_code in (201, 409, 422), (caller, answer.text)
        else:
            assert answer.status_code == (401 if caller == "anonymous" else 403), (
                caller,
                answer.text,
            )


def _record_call(m: Matrix, command: Any, case_of: str) -> tuple[str, dict[str, Any]]:
    """A record command's path and a body valid but for who sends it (real ids)."""
    world = m.world
    body = dict(command.example)
    path = f"/v1{command.path}"
    if command.method == "review_quarantined":
        path = path.replace("{assessor_id}", case_of)
        body["certification_id"] = str(m.case)
    if command.method == "appoint":  # someone new: the callers' own roles stay as they are
        path = path.replace("{person_id}", "staf-baru-01")
    for parameter, value in m.records.items():
        path = path.replace(parameter, value)
    if "scheme_ids" in body:
        body["scheme_ids"] = [str(world.scheme)]
    if command.method == "flag_misconduct":
        body["assessor_id"] = str(world.expired_assessor)
    if command.method == "file_complaint":
        body = {"about": "lsp", "summary": "pelayanan lambat"}
    if command.method == "declare_interest":
        body["subject_id"] = str(world.candidates[2])
    return path, body


def test_each_register_command_is_for_the_roles_the_workflow_gives_it(matrix: Matrix) -> None:
    world = matrix.world
    world.lsp.flag_misconduct(
        assessor_id=world.assessor, kind="gratification", grounds="-", actor=MANAGER
    )
    commands = [*RECORD_COMMANDS, None]  # None: putting a candidate on file
    wrong = []
    for command in commands:
        if command is None:
            path, body, trigger, matched = (
                "/v1/candidates",
                {"name": "Orang Baru"},
                "register",
                False,
            )
        else:
            path, body = _record_call(matrix, command, str(world.assessor))
            trigger = command.trigger or command.method
            matched = command.target is not None and command.target.matched
        roles = acting_roles(trigger)
        assert roles, trigger
        for caller in CALLERS:
            headers = matrix.headers(caller)
            if matched:
                headers["If-Match"] = '"999"'  # stale: an allowed caller records nothing
            answer = matrix.client.post(path, json=body, headers=headers)
            status = answer.status_code
            assert status < 500, (path, caller, answer.text)
            allowed = ROLES.get(caller) in roles
            if caller == "anonymous":
                expected_ok = status == 401
            elif allowed and not matched and ROLES[caller] == "candidate":
                # a candidate puts nobody else on file and complains only in their own name
                expected_ok = status == 403 and answer.json()["rules"] == ["P3"]
            elif allowed:
                expected_ok = status == 412 if matched else status not in REFUSALS
            else:
                expected_ok = status == 403
            if not expected_ok:
                wrong.append((path, caller, status, answer.text[:160]))
    assert not wrong, wrong
