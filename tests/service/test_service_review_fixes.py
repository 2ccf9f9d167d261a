"""Found in review: hostile webhook URLs, an oversized Last-Event-ID, a stream outliving its
token, and IPv6 clients sharing one rate-limit bucket per /64."""

from __future__ import annotations

import dataclasses

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from certflow.adapters.sql import SqlWebhooks
from certflow.bootstrap import webhook_store
from certflow.engine import InvalidInputError
from certflow.service import RetryPolicy, WebhookRunner, new_subscription, source_of
from certflow.service import feed as feed_module
from certflow.service.verification_limits import client_key
from certflow.testing.actors import ADMIN, HEAD, MANAGER
from tests.support import World

SECRET = "s" * 32


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:abc/hook",  # a port that is no number
        "http://127.0.0.1:99999/hook",  # a port out of range
        "http://[::1/hook",  # a broken IPv6 literal
        "http://169.254.169.254/latest/meta-data/",  # a cloud metadata service
        "http://[fe80::1]/hook",  # link-local
        "http://0.0.0.0/hook",
        "http://224.0.0.1/hook",  # multicast
    ],
)
def test_a_webhook_url_no_receiver_can_be_at_is_refused(world: World, url: str) -> None:
    with pytest.raises(InvalidInputError):
        new_subscription(world.lsp, url=url, secret=SECRET, person=ADMIN.id)


def test_the_api_answers_a_broken_url_with_a_problem_not_a_500(
    client: TestClient, world: World
) -> None:
    token = world.lsp.issue_api_token(person_id=ADMIN.id, actor=ADMIN).token
    answer = client.post(
        "/v1/webhooks",
        json={"url": "http://[::1/hook", "secret": SECRET},
        headers={"Authorization": f"Bearer {token}", "Idempotency-Key": "k-1"},
    )
    assert answer.status_code == 400, answer.text
    assert answer.json()["type"] == "/problems/invalid-input"


def test_a_receiver_address_httpx_cannot_send_to_is_dead_lettered_not_a_crash(
    world: World,
) -> None:
    """A subscription stored before the check (or edited in the table) cannot stop the runner."""
    lsp = world.lsp
    hooks: SqlWebhooks = webhook_store(lsp)
    good = new_subscription(lsp, url="https://x.example/hook", secret=SECRET, person=ADMIN.id)
    broken = dataclasses.replace(good, url="http://127.0.0.1:abc/hook")
    hooks.add(broken)
    world.register(0)
    policy = RetryPolicy(attempts=2, first_delay=0.01, max_delay=0.02, timeout=1)
    runner = WebhookRunner(lsp, hooks, source=source_of("LSP"), policy=policy)
    try:
        runner.run_once()
    finally:
        runner.close()
    dead = hooks.deliveries(broken.subscription_id, outcome="dead")
    assert dead
    assert all(d.error for d in dead)


def test_an_oversized_last_event_id_is_a_400(client: TestClient, world: World) -> None:
    token = world.lsp.issue_api_token(person_id=MANAGER.id, actor=ADMIN).token
    answer = client.get(
        "/v1/events/stream",
        headers={"Authorization": f"Bearer {token}", "Last-Event-ID": "9" * 20},
    )
    assert answer.status_code == 400


def test_an_open_stream_ends_when_its_token_is_revoked(
    app: FastAPI, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(feed_module, "RECHECK_SECONDS", 0.05)
    issued = world.lsp.issue_api_token(person_id=MANAGER.id, actor=ADMIN)
    world.lsp.revoke_api_token(issued.token_id, reason="laptop hilang", actor=HEAD)
    headers = {"Authorization": f"Bearer {issued.token}"}
    with TestClient(app) as client:
        # revoked before the request: refused at once
        assert client.get("/v1/events/stream", headers=headers).status_code == 401
    fresh = world.lsp.issue_api_token(person_id=MANAGER.id, actor=ADMIN)
    headers = {"Authorization": f"Bearer {fresh.token}"}
    revoked = False
    with (
        TestClient(app) as client,
        client.stream(
            "GET", "/v1/events/stream", params={"seconds": 30}, headers=headers
        ) as answer,
    ):
        assert answer.status_code == 200
        for line in answer.iter_lines():
            if line.startswith("id:") and not revoked:
                world.lsp.revoke_api_token(fresh.token_id, reason="laptop hilang", actor=HEAD)
                revoked = True
    assert revoked  # and the stream ended long before its 30 seconds


def test_an_ipv6_client_shares_one_bucket_per_64() -> None:
    assert (
        client_key("2001:db8:1:2::1") == client_key("2001:db8:1:2:ffff::9") == "2001:db8:1:2::/64"
    )
    assert client_key("2001:db8:1:3::1") != client_key("2001:db8:1:2::1")
    assert client_key("203.0.113.9") == "203.0.113.9"
    assert client_key("::ffff:203.0.113.9") == "203.0.113.9"
    assert client_key("-") == "-"
