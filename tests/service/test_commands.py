"""Commands through the API: the whole main path, the roles from the register, refusals."""

from __future__ import annotations

from uuid import UUID

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from certflow.service.commands_table import COMMANDS
from certflow.testing.actors import ADMIN, COMMITTEE, MANAGER
from tests.service.api_support import Api, main_path
from tests.support import World


@pytest.fixture
def api(app: FastAPI, client: TestClient, world: World) -> Api:
    return Api(app, client, world)


def test_the_main_path_through_the_api_records_each_move_as_the_register_says(
    api: Api, world: World
) -> None:
    cert = main_path(api)
    view = world.lsp.get(cert)
    assert view.stage.value == "distributed"
    assert view.certificate_number is not None
    roles = {(e.trigger, e.actor_role) for e in world.lsp.history(cert)}
    assert ("register", "lsp_admin") in roles
    assert ("submit_portfolio", "candidate") in roles
    assert ("assign_assessor", "certification_manager") in roles
    assert ("recommend", "assessor") in roles
    assert ("decide", "certification_committee") in roles
    assert len(world.lsp.history(cert)) == 15  # the main path: fifteen commands


def test_a_command_answers_the_new_state_with_its_etag(api: Api, world: World) -> None:
    answer = api.as_(ADMIN.id).command(
        "register",
        body={
            "subject_id": str(world.candidates[0]),
            "scheme_id": str(world.scheme),
            "session_id": str(world.session),
        },
    )
    assert answer.status_code == 201
    made = answer.json()
    assert made["stage"] == "registered"
    assert made["version"] == 1
    assert answer.headers["etag"] == '"1"'
    assert answer.headers["location"] == f"/v1/certifications/{made['id']}"
    admitted = api.command("admit", made["id"])
    assert admitted.status_code == 200
    assert admitted.json()["version"] == 2
    assert admitted.headers["etag"] == '"2"'
    assert world.lsp.get(UUID(made["id"])).version == 2


def test_the_role_comes_from_the_register_never_from_the_request(api: Api, world: World) -> None:
    cert = world.register(0)
    world.admit(cert)
    refused = api.as_(ADMIN.id).command("decide", cert, {"outcome": "K"})
    assert refused.status_code == 403
    problem = refused.json()
    assert problem["rules"] == ["P2"]
    assert "P2" in problem["detail"]
    extra = api.as_(ADMIN.id).command("admit", cert, {"role": "certification_committee"})
    assert extra.status_code == 400
    nobody = api.as_("no-such-person").command("withdraw", cert)
    assert nobody.status_code == 404  # may read nothing, so the record is not there for them
    assert world.lsp.get(cert).version == 2


def test_a_refusal_cites_its_rules_in_the_asked_language(api: Api, world: World) -> None:
    cert = world.through("recommended")
    api.as_(COMMITTEE.id)
    details = set()
    for lang in ("id", "en"):
        answer = api.command(
            "decide",
            cert,
            {"outcome": "BK", "deciders": [COMMITTEE.id]},
            headers={"Accept-Language": lang},
        )
        assert answer.status_code in (409, 422), answer.json()
        problem = answer.json()
        assert problem["lang"] == lang
        assert problem["rules"], problem
        assert all(r.startswith("R") for r in problem["rules"])
        assert problem["rules"][0] in problem["detail"]
        details.add((problem["title"], problem["detail"]))
    assert len(details) == 2  # the same refusal, in each language
    assert len(world.lsp.history(cert)) == world.lsp.get(cert).version


def test_a_candidate_cannot_act_on_anothers_case(api: Api, world: World) -> None:
    cert = world.register(0)
    world.admit(cert)
    other = world.candidates[1]
    answer = api.as_(other).command("withdraw", cert, {"reason": "bukan saya"})
    assert answer.status_code == 404
    assert world.lsp.get(cert).stage.value != "withdrawn"
    registration = {
        "subject_id": str(world.candidates[0]),
        "scheme_id": str(world.other_scheme),
        "session_id": str(world.session),
    }
    for_another = api.command("register", body=registration)
    assert for_another.status_code == 403
    assert for_another.json()["rules"] == ["P3"]
    assert len(world.lsp.list_certifications()) == 1


def test_bad_bodies_are_problems_not_tracebacks(api: Api, world: World) -> None:
    cert = world.register(0)
    api.as_(MANAGER.id)
    for body in (
        {"assessor_id": "not-a-uuid", "declaration": None},
        {"assessor_id": str(world.assessor), "declaration": None, "extra": 1},
        {"assessor_id": str(world.assessor), "declaration": {"has_conflict": "x" * 5000}},
    ):
        answer = api.command("assign_assessor", cert, body)
        assert answer.status_code == 400, answer.json()
        assert answer.headers["content-type"] == "application/problem+json"
    long = api.command("withdraw", cert, {"reason": "x" * 5000})
    assert long.status_code == 400


def test_every_command_is_in_openapi_with_its_own_body_summary_and_example(
    client: TestClient,
) -> None:
    spec = client.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.1")
    operations = {op["operationId"]: op for path in spec["paths"].values() for op in path.values()}
    schemas = spec["components"]["schemas"]
    for command in COMMANDS:
        op = operations[command.method]
        assert op["summary"]
        body = op["requestBody"]["content"]["application/json"]["schema"]
        ref = body.get("$ref") or next(a["$ref"] for a in body["anyOf"] if "$ref" in a)
        schema = schemas[ref.rsplit("/", 1)[-1]]
        assert schema["title"].endswith("Request")
        assert "examples" in schema
        for status in ("412", "422", "428") if not command.creates else ("422", "428"):
            assert status in op["responses"]
        assert op["responses"]["422"]["content"]["application/json"]["schema"]["$ref"].endswith(
            "/Problem"
        )
        headers = {p["name"] for p in op["parameters"] if p["in"] == "header" and p["required"]}
        assert "Idempotency-Key" in headers
        assert ("If-Match" in headers) is not command.creates


def test_a_command_without_fields_needs_no_body(api: Api, world: World) -> None:
    cert = world.register(0)
    answer = api.as_(ADMIN.id).client.post(
        f"/v1/certifications/{cert}/admit",
        headers={"Idempotency-Key": "no-body", "If-Match": '"1"'},
    )
    assert answer.status_code == 200, answer.json()
    assert answer.json()["version"] == 2
