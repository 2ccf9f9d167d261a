"""Who may read the registers: every register query × every kind of reader, as READ_POLICY says."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from certflow.domain import tuk_id
from certflow.service import candidates, oversight_queries, registers_queries
from certflow.service.access import READ_POLICY, ReaderKind
from certflow.testing.actors import ADMIN, MANAGER
from tests.service.api_support import Api
from tests.support import World

ROUTES = [
    route
    for router in (registers_queries.router, oversight_queries.router, candidates.router)
    for route in router.routes
    if isinstance(route, APIRoute) and "GET" in route.methods
]


@pytest.fixture
def api(app: FastAPI, client: TestClient, world: World) -> Api:
    return Api(app, client, world)


def _records(world: World) -> dict[str, Any]:
    lsp = world.lsp
    complaint = lsp.file_complaint(about="lsp", summary="antrean terlalu lama", actor=ADMIN)
    lsp.flag_misconduct(
        assessor_id=world.second_assessor, kind="misconduct", grounds="laporan palsu", actor=MANAGER
    )
    return {
        "scheme_id": world.scheme,
        "session_id": world.session,
        "tuk_id": tuk_id("Aston Sentul Lake Resort"),
        "assessor_id": world.second_assessor,
        "subject_id": world.candidates[0],
        "person_id": MANAGER.id,
        "complaint_id": complaint,
    }


@pytest.mark.parametrize("kind", [ReaderKind.STAFF, ReaderKind.ASSESSOR, ReaderKind.CANDIDATE])
def test_every_register_query_answers_the_readers_it_is_for(
    api: Api, world: World, kind: ReaderKind
) -> None:
    records = _records(world)
    person = {
        ReaderKind.STAFF: MANAGER.id,
        ReaderKind.ASSESSOR: str(world.assessor),
        ReaderKind.CANDIDATE: str(world.candidates[0]),
    }[kind]
    api.as_(person)
    assert {route.name for route in ROUTES} <= set(READ_POLICY)
    for route in ROUTES:
        path = route.path.format(**records)
        answer = api.client.get(path, headers={"Accept-Language": "en"})
        expected = 200 if kind in READ_POLICY[route.name] else 403
        assert answer.status_code == expected, (kind, path, answer.text)
        assert "32010101010100" not in answer.text  # no NIK of the world's candidates


def test_a_candidate_reads_only_their_own_record(api: Api, world: World) -> None:
    mine, theirs = world.candidates[0], world.candidates[1]
    api.as_(mine)
    assert api.client.get(f"/v1/candidates/{mine}").status_code == 200
    assert api.client.get(f"/v1/candidates/{theirs}").status_code == 404
    api.as_(world.assessor)
    assert api.client.get(f"/v1/candidates/{mine}").status_code == 403
    api.as_(MANAGER.id)
    assessor_record = api.client.get(f"/v1/candidates/{world.assessor}")
    assert assessor_record.status_code == 404  # an assessor's subject is not a candidate
