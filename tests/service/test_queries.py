"""Queries through the API: pages, one record and its past, the read models, the rulebook."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from certflow.domain import RULEBOOK
from certflow.service import (
    candidates,
    oversight_queries,
    oversight_table,
    queries_views,
    registers_queries,
    registers_table,
)
from certflow.service import commands as commands_routes
from certflow.service import queries as queries_routes
from certflow.service.access import READ_POLICY
from certflow.testing.actors import ADMIN, MANAGER
from tests.service.api_support import Api
from tests.support import World


@pytest.fixture
def api(app: FastAPI, client: TestClient, world: World) -> Api:
    return Api(app, client, world)


def _registered(world: World) -> list[UUID]:
    made = [world.register(n) for n in range(len(world.candidates))]
    made += [
        world.path.register(subject, world.other_scheme, world.session)
        for subject in world.candidates
    ]
    return made


def _walk(api: Api, address: str, most: int = 2) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    pages = 0
    next_page: str | None = address
    while next_page is not None:
        answer = api.client.get(next_page)
        assert answer.status_code == 200, answer.json()
        page = answer.json()
        assert len(page["items"]) <= most
        items += page["items"]
        next_page = page.get("next")
        pages += 1
        assert pages < 100
    return items


def test_pages_walk_every_certification_exactly_once_in_registration_order(
    api: Api, world: World
) -> None:
    made = _registered(world)
    api.as_(ADMIN.id)
    walked = _walk(api, "/v1/certifications?limit=2")
    assert [UUID(i["id"]) for i in walked] == made
    # records changing while a client pages through change nothing of what it is sent
    first = api.client.get("/v1/certifications?limit=2").json()
    world.admit(made[0])
    rest = _walk(api, first["next"])
    assert [UUID(i["id"]) for i in first["items"] + rest] == made
    only = _walk(api, f"/v1/certifications?limit=2&scheme={world.lsp.get(made[-1]).scheme_code}")
    assert [UUID(i["id"]) for i in only] == made[3:]
    world.lsp.withdraw(made[1], reason="mutasi", actor=ADMIN)
    withdrawn = _walk(api, "/v1/certifications?limit=2&stage=withdrawn")
    assert [UUID(i["id"]) for i in withdrawn] == [made[1]]


def test_a_cursor_belongs_to_its_query(api: Api, world: World) -> None:
    _registered(world)
    api.as_(ADMIN.id)
    cursor = api.client.get("/v1/certifications?limit=2").json()["cursor"]
    for address in (
        f"/v1/certifications?limit=2&stage=registered&cursor={cursor}",
        "/v1/certifications?cursor=bm90LWpzb24",
        "/v1/certifications?cursor=%%%",
        "/v1/certifications?cursor=" + "x" * 2000,
        "/v1/certifications?limit=0",
        "/v1/certifications?limit=100000",
    ):
        answer = api.client.get(address)
        assert answer.status_code == 400, (address, answer.json())
        assert answer.headers["content-type"] == "application/problem+json"


def test_one_record_its_etag_history_past_and_diff(api: Api, world: World) -> None:
    cert = world.register(0)
    world.admit(cert)
    world.at(date(2024, 10, 25))
    api.as_(ADMIN.id)
    answer = api.client.get(f"/v1/certifications/{cert}")
    assert answer.status_code == 200
    assert answer.headers["etag"] == '"2"'
    assert answer.json()["version"] == 2
    withdrawn = api.client.post(
        f"/v1/certifications/{cert}/withdraw",
        json={"reason": "mutasi"},
        headers={"Idempotency-Key": "w", "If-Match": answer.headers["etag"]},
    )
    assert withdrawn.status_code == 200
    history = _walk(api, f"/v1/certifications/{cert}/history?limit=2")
    assert [h["trigger"] for h in history] == ["register", "admit", "withdraw"]
    assert [h["version"] for h in history] == [1, 2, 3]
    assert history[2]["actor_id"] == ADMIN.id
    assert history[2]["actor_role"] == "lsp_admin"
    assert history[0]["rules"]
    past = api.client.get(f"/v1/certifications/{cert}/state?version=1")
    assert past.json()["version"] == 1
    assert past.headers["etag"] == '"1"'
    at = history[1]["at"]
    then = api.client.get(f"/v1/certifications/{cert}/state", params={"at": at})
    assert then.json()["version"] == 2
    assert api.client.get(f"/v1/certifications/{cert}/state").status_code == 400
    assert api.client.get(f"/v1/certifications/{cert}/state?version=9").status_code == 400
    changes = api.client.get(f"/v1/certifications/{cert}/diff?from=1&to=3").json()
    fields = {c["field"]: c for c in changes["changes"]}
    assert fields["stage"]["before"] == "registered"
    assert fields["stage"]["after"] == "withdrawn"
    assert api.client.get(f"/v1/certifications/{UUID(int=7)}").status_code == 404


def test_a_candidate_reads_only_their_own_certifications(api: Api, world: World) -> None:
    mine, theirs = world.register(0), world.register(1)
    api.as_(world.candidates[0])
    listed = api.client.get("/v1/certifications").json()["items"]
    assert [UUID(i["id"]) for i in listed] == [mine]
    assert api.client.get(f"/v1/certifications/{mine}").status_code == 200
    for tail in ("", "/history", "/state?version=1", "/diff?from=1&to=1"):
        answer = api.client.get(f"/v1/certifications/{theirs}{tail}")
        assert answer.status_code == 404, tail
        assert answer.json()["type"] == "/problems/not-found"
    # the same answer as for a record that does not exist: ids cannot be probed
    unknown = api.client.get(f"/v1/certifications/{UUID(int=5)}", headers={"Accept-Language": "en"})
    other = api.client.get(f"/v1/certifications/{theirs}", headers={"Accept-Language": "en"})
    assert unknown.json()["title"] == other.json()["title"]
    assert api.client.get("/v1/views/case-board").status_code == 403


def test_an_assessor_reads_the_certifications_assigned_to_them(api: Api, world: World) -> None:
    assigned = world.through("assigned", 0)
    other = world.register(1)
    api.as_(world.assessor)
    listed = [UUID(i["id"]) for i in api.client.get("/v1/certifications").json()["items"]]
    assert listed == [assigned]
    assert api.client.get(f"/v1/certifications/{assigned}/history").status_code == 200
    assert api.client.get(f"/v1/certifications/{other}").status_code == 404
    api.as_(world.second_assessor)
    assert api.client.get(f"/v1/certifications/{assigned}").status_code == 404


def test_the_read_models_for_staff(api: Api, world: World) -> None:
    made = _registered(world)
    for cert in made[:3]:
        world.admit(cert)
    api.as_(MANAGER.id)
    board = _walk(api, "/v1/views/case-board?limit=2")
    assert sum(row["count"] for row in board) == len(made)
    assert {row["stage"] for row in board} == {"registered"}
    assert api.client.get("/v1/views/certificate-register").json()["items"] == []
    deadlines = api.client.get("/v1/views/deadline-board?on=2024-12-01")
    assert deadlines.status_code == 200
    assert deadlines.json()["today"] == "2024-12-01"
    assert api.client.get("/v1/deadlines/overdue").json()["items"] == []
    assert api.client.get("/v1/views/workload").status_code == 200


def test_the_read_models_hold_a_certified_case(api: Api, world: World) -> None:
    cert = world.through("distributed", 0)
    api.as_(ADMIN.id)
    register = api.client.get("/v1/views/certificate-register").json()["items"]
    assert [UUID(r["certification_id"]) for r in register] == [cert]
    assert register[0]["status"] == "valid"
    workload = api.client.get("/v1/views/workload").json()["items"]
    assert workload
    assert workload[0]["assessor_id"] == str(world.assessor)


def test_the_rulebook_in_both_languages(api: Api) -> None:
    api.as_(ADMIN.id)
    rules = _walk(api, "/v1/rules?limit=10", most=10)
    assert [r["rule_id"] for r in rules] == [e.rule_id for e in RULEBOOK]
    english = api.client.get("/v1/rules?limit=1", headers={"Accept-Language": "en"}).json()
    assert english["items"][0]["title"] == RULEBOOK[0].title.en
    indonesian = api.client.get("/v1/rules?limit=1", headers={"Accept-Language": "id"}).json()
    assert indonesian["items"][0]["title"] == RULEBOOK[0].title.id


def test_every_query_is_in_the_read_policy() -> None:
    """What each query documents is checked with every operation (test_openapi_contract)."""
    routes = [
        route
        for router in (
            commands_routes.router,
            queries_routes.router,
            queries_views.router,
            registers_table.router,
            registers_queries.router,
            candidates.router,
            oversight_table.router,
            oversight_queries.router,
        )
        for route in router.routes
        if isinstance(route, APIRoute)
    ]
    queries = {route.name for route in routes if "GET" in route.methods}
    assert queries == set(READ_POLICY)
