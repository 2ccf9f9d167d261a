"""POST /v1/webhooks takes an Idempotency-Key: a retry subscribes nothing twice.

The subscriptions are kept in their own table (not the event store), so the request's record
is kept with the subscription, in the same transaction: on the memory store of the ``world``
fixture, then on a SQLite file and on PostgreSQL shared by two service processes (two bodies).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response

import certflow
from certflow import WIB, CertificationBody, FixedClock
from certflow.adapters.sql import Subscription, WebhookRequest
from certflow.bootstrap import webhook_store
from certflow.engine import ConcurrencyConflictError
from certflow.service import ServiceSettings, create_app
from certflow.service.principals import Principal, current_principal
from certflow.testing.actors import ADMIN, MANAGER, appoint_standard_staff
from tests.support import World, build_world

HOOK = {
    "url": "https://siap.polri.example/hooks/certflow",
    "secret": "whsec_c2VjcmV0LWZvci10aGUtd2ViaG9vay10ZXN0cw==",
    "types": [],
}


def _as(app: FastAPI, person: str) -> FastAPI:
    app.dependency_overrides[current_principal] = lambda: Principal(person, f"token:{person}")
    return app


def _post(client: TestClient, key: str | None, **changed: Any) -> Response:
    headers = {"Accept-Language": "en"} | ({} if key is None else {"Idempotency-Key": key})
    return client.post("/v1/webhooks", json={**HOOK, **changed}, headers=headers)


def test_a_retry_gets_the_first_answer_and_subscribes_once(
    app: FastAPI, client: TestClient, world: World
) -> None:
    _as(app, ADMIN.id)
    first = _post(client, "hook-1")
    assert first.status_code == 201, first.text
    assert "Idempotent-Replayed" not in first.headers
    assert first.headers["location"] == f"/v1/webhooks/{first.json()['subscription_id']}"
    world.register(0)  # the store moves on: the replayed answer is still the first one
    again = _post(client, "hook-1")
    assert again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    assert again.headers["location"] == first.headers["location"]
    assert len(client.get("/v1/webhooks").json()) == 1


def test_a_key_used_for_another_request_is_refused_and_changes_nothing(
    app: FastAPI, client: TestClient, world: World
) -> None:
    _as(app, ADMIN.id)
    assert _post(client, "hook-1").status_code == 201
    other = _post(client, "hook-1", url="https://other.example/hooks")
    assert other.status_code == 422
    assert other.json()["type"] == "/problems/idempotency-key-reused"
    # the key is the caller's: another person may use the same key for their own request
    _as(app, MANAGER.id)
    assert _post(client, "hook-1", url="https://other.example/hooks").status_code == 201
    assert sorted(s["url"] for s in client.get("/v1/webhooks").json()) == sorted(
        [HOOK["url"], "https://other.example/hooks"]
    )


def test_a_key_of_a_command_is_not_reused_for_a_subscription(
    app: FastAPI, client: TestClient, world: World
) -> None:
    _as(app, ADMIN.id)
    made = client.post(
        "/v1/certifications",
        json={
            "subject_id": str(world.candidates[0]),
            "scheme_id": str(world.scheme),
            "session_id": str(world.session),
        },
        headers={"Idempotency-Key": "shared"},
    )
    assert made.status_code == 201, made.text
    reused = _post(client, "shared")
    assert reused.status_code == 422
    assert reused.json()["type"] == "/problems/idempotency-key-reused"
    assert client.get("/v1/webhooks").json() == []


def test_no_key_is_428_and_a_refused_request_keeps_no_key(app: FastAPI, client: TestClient) -> None:
    _as(app, ADMIN.id)
    missing = _post(client, None)
    assert missing.status_code == 428
    assert missing.json()["type"] == "/problems/precondition-required"
    assert "Idempotency-Key" in missing.json()["detail"]
    assert _post(client, "x" * 256).status_code == 400
    refused = _post(client, "hook-2", url="ftp://siap.polri.example/")
    assert refused.status_code == 400
    assert client.get("/v1/webhooks").json() == []
    # nothing was recorded for the refused request: the key makes the corrected one
    assert _post(client, "hook-2").status_code == 201


# Two service processes on one store -----------------------------------------------------------


@pytest.fixture
def shared(durable_store_url: str) -> Iterator[tuple[CertificationBody, CertificationBody]]:
    clock = FixedClock(date(2024, 10, 21), tz=WIB)
    first = certflow.open(durable_store_url, clock=clock)
    appoint_standard_staff(first)
    build_world(first)
    second = certflow.open(durable_store_url, clock=clock)
    yield first, second
    second.close()
    first.close()


def test_two_processes_answer_one_key_with_one_subscription(
    shared: tuple[CertificationBody, CertificationBody],
) -> None:
    apps = [_as(create_app(ServiceSettings(), body=body), ADMIN.id) for body in shared]
    with TestClient(apps[0]) as one, TestClient(apps[1]) as two:
        answers: list[Response] = []

        def post(client: TestClient) -> None:
            answers.append(_post(client, "same-time"))

        threads = [threading.Thread(target=post, args=(c,)) for c in (one, two)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert [a.status_code for a in answers] == [201, 201], [a.text for a in answers]
        assert answers[0].json() == answers[1].json()
        replayed = [a.headers.get("idempotent-replayed") for a in answers]
        assert replayed.count("true") == 1
        later = _post(two, "same-time")
        assert later.headers["idempotent-replayed"] == "true"
        assert later.json() == answers[0].json()
        assert len(one.get("/v1/webhooks").json()) == 1
        assert len(two.get("/v1/webhooks").json()) == 1


def test_the_table_keeps_a_request_once_with_its_subscription(
    shared: tuple[CertificationBody, CertificationBody],
) -> None:
    hooks = [webhook_store(body) for body in shared]
    request = WebhookRequest("r-1", "f" * 64, 201, '{"subscription_id": "whk-1"}')

    def made(n: int) -> Subscription:
        return Subscription(f"whk-{n}", HOOK["url"], HOOK["secret"], (), ADMIN.id, "t", 0)

    try:
        hooks[0].add(made(1), request)
        with pytest.raises(ConcurrencyConflictError):
            hooks[1].add(made(2), request)
        assert [s.subscription_id for s in hooks[1].subscriptions()] == ["whk-1"]
        assert hooks[1].answered("r-1") == request
        assert hooks[0].answered("r-2") is None
    finally:
        for kept in hooks:
            kept.close()
