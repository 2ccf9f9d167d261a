"""Idempotency-Key and If-Match: a retry records nothing twice, a stale write is never made.

On the memory store of the ``world`` fixture, then on a SQLite file and on PostgreSQL shared by
two bodies (two service processes): the answer is kept in the store with the command's events.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from typing import Any
from uuid import UUID

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

import certflow
from certflow import CertificationBody
from certflow.domain import WIB
from certflow.engine import FixedClock, SaveGuard, VersionMismatchError, guarded
from certflow.service import ServiceSettings, create_app
from certflow.service import commands as command_routes
from certflow.testing.actors import ADMIN, appoint_standard_staff
from tests.service.api_support import Api
from tests.support import World, build_world


@pytest.fixture
def api(app: FastAPI, client: TestClient, world: World) -> Api:
    return Api(app, client, world)


def _registration(world: World, n: int = 0) -> dict[str, str]:
    return {
        "subject_id": str(world.candidates[n]),
        "scheme_id": str(world.scheme),
        "session_id": str(world.session),
    }


def _certifications(lsp: CertificationBody) -> int:
    return len(lsp.list_certifications())


def test_a_retry_with_the_same_key_returns_the_first_answer_and_records_nothing(
    api: Api, world: World
) -> None:
    api.as_(ADMIN.id)
    first = api.command("register", body=_registration(world), key="key-1")
    again = api.command("register", body=_registration(world), key="key-1")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers
    assert again.headers["etag"] == first.headers["etag"]
    assert _certifications(world.lsp) == 1
    cert = first.json()["id"]
    admitted = api.command("admit", cert, key="key-2")
    replayed = api.command("admit", cert, key="key-2", version=1)  # the retry sends what it sent
    assert replayed.status_code == 200
    assert replayed.json() == admitted.json()
    assert len(world.lsp.history(UUID(cert))) == 2


def test_a_key_is_the_callers_own_and_names_one_request(api: Api, world: World) -> None:
    api.as_(ADMIN.id)
    assert api.command("register", body=_registration(world), key="k").status_code == 201
    reused = api.command("register", body=_registration(world, 1), key="k")
    assert reused.status_code == 422
    assert reused.json()["type"] == "/problems/idempotency-key-reused"
    assert _certifications(world.lsp) == 1
    missing = api.client.post(
        "/v1/certifications", json=_registration(world, 1), headers={"Accept-Language": "en"}
    )
    assert missing.status_code == 428
    assert missing.json()["type"] == "/problems/precondition-required"
    assert "Idempotency-Key" in missing.json()["detail"]
    for bad in (b"", b"x" * 300, "kunci\u00e9".encode(), b"kunci\x01"):
        answer = api.client.post(
            "/v1/certifications",
            json=_registration(world, 1),
            headers={"Idempotency-Key": bad},  # type: ignore[dict-item]
        )
        assert answer.status_code == 400, (bad, answer.json())
    # the same key by another person is another request
    other = api.as_(world.candidates[1]).command("register", body=_registration(world, 1), key="k")
    assert other.status_code == 201  # a candidate registers themself: a new request
    assert "idempotent-replayed" not in other.headers
    assert _certifications(world.lsp) == 2


def test_two_requests_with_the_same_key_at_once_record_one_command(api: Api, world: World) -> None:
    api.as_(ADMIN.id)
    answers: list[Any] = []
    start = threading.Barrier(4)

    def send() -> None:
        start.wait()
        answers.append(api.command("register", body=_registration(world), key="together"))

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [a.status_code for a in answers] == [201] * 4
    assert len({a.json()["id"] for a in answers}) == 1
    assert sorted(a.headers.get("idempotent-replayed", "") for a in answers) == [
        "",
        "true",
        "true",
        "true",
    ]
    assert _certifications(world.lsp) == 1


def test_a_stale_if_match_is_412_and_records_nothing(api: Api, world: World) -> None:
    cert = world.register(0)
    world.admit(cert)
    api.as_(ADMIN.id)
    stale = api.command("withdraw", cert, {"reason": "r"}, version=1)
    assert stale.status_code == 412
    assert stale.json()["type"] == "/problems/version-mismatch"
    assert stale.headers["etag"] == '"2"'
    assert world.lsp.get(cert).version == 2
    for header, status in (({}, 428), ({"If-Match": "*"}, 428), ({"If-Match": '"x"'}, 412)):
        answer = api.client.post(
            f"/v1/certifications/{cert}/withdraw",
            json={"reason": "r"},
            headers={"Idempotency-Key": f"h{status}{header}", **header},
        )
        assert answer.status_code == status, (header, answer.json())
    assert world.lsp.get(cert).version == 2


def test_a_record_moved_between_the_check_and_the_save_is_not_overwritten(
    api: Api, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    cert = world.register(0)
    real = command_routes.readable

    def read_then_someone_writes(*args: Any) -> Any:
        view = real(*args)
        world.lsp.request_documents(cert, documents=["KTA"], actor=ADMIN)
        return view

    monkeypatch.setattr(command_routes, "readable", read_then_someone_writes)
    answer = api.as_(ADMIN.id).command("admit", cert, version=1)
    assert answer.status_code == 412, answer.json()
    assert answer.headers["etag"] == '"2"'
    assert [e.trigger for e in world.lsp.history(cert)] == ["register", "request_documents"]


def test_the_store_refuses_a_save_at_another_version_than_guarded(world: World) -> None:
    cert = world.register(0)
    with (
        guarded(SaveGuard(record_id=cert, expected_version=0)),
        pytest.raises(VersionMismatchError),
    ):
        world.lsp.admit(cert, actor=ADMIN)
    assert world.lsp.get(cert).version == 1


# -- on a store several processes share ------------------------------------------------------


@pytest.fixture
def shared(durable_store_url: str) -> Iterator[tuple[World, CertificationBody]]:
    clock = FixedClock(date(2024, 10, 21), tz=WIB)
    first = certflow.open(durable_store_url, clock=clock)
    appoint_standard_staff(first)
    world = build_world(first)
    second = certflow.open(durable_store_url, clock=clock)
    yield world, second
    second.close()
    first.close()


def _client(body: CertificationBody, world: World) -> tuple[Api, TestClient]:
    app = create_app(ServiceSettings(), body=body)
    client = TestClient(app, raise_server_exceptions=False)
    return Api(app, client, world).as_(ADMIN.id), client


def test_idempotency_and_if_match_hold_across_processes(
    shared: tuple[World, CertificationBody],
) -> None:
    world, second = shared
    one, c1 = _client(world.lsp, world)
    two, c2 = _client(second, world)
    with c1, c2:
        first = one.command("register", body=_registration(world), key="durable")
        again = two.command("register", body=_registration(world), key="durable")
        assert first.status_code == again.status_code == 201
        assert again.json() == first.json()
        assert again.headers["idempotent-replayed"] == "true"
        cert = first.json()["id"]
        assert two.command("admit", cert, key="a", version=1).status_code == 200
        stale = one.command("withdraw", cert, {"reason": "r"}, key="w", version=1)
        assert stale.status_code == 412
        assert len(second.history(UUID(cert))) == 2

        answers: list[Any] = []
        start = threading.Barrier(2)

        def send(api: Api) -> None:
            start.wait()
            answers.append(api.command("register", body=_registration(world, 1), key="race"))

        threads = [threading.Thread(target=send, args=(a,)) for a in (one, two)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert [a.status_code for a in answers] == [201, 201], [a.json() for a in answers]
        assert answers[0].json() == answers[1].json()
        assert len(second.list_certifications()) == 2
    # the answers kept in the log leave the audits and the hash chain as they were
    assert second.verify_chain().intact
    assert second.audit_replay().histories == 2
    assert not second.audit_replay().illegal
