"""Webhooks: signed, in order, retried with backoff, dead-lettered, resumable after a crash."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import certflow
from certflow import WIB, CertificationBody, FixedClock
from certflow.adapters.sql import SqlWebhooks, Subscription
from certflow.bootstrap import services_of, webhook_store
from certflow.cli import app
from certflow.engine import ConcurrencyConflictError, InvalidInputError, NotAuthorizedError
from certflow.service import (
    RetryPolicy,
    WebhookRunner,
    new_subscription,
    sign,
    signature_headers,
    source_of,
    verify_signature,
)
from certflow.service.principals import Principal, current_principal
from certflow.testing.actors import ADMIN, MANAGER, appoint_standard_staff
from tests.service.webhook_receiver import Receiver, receiver
from tests.support import World, build_world

SECRET = "whsec_" + "c2VjcmV0LWZvci10aGUtd2ViaG9vay10ZXN0cw=="
FAST = RetryPolicy(attempts=4, first_delay=0.01, max_delay=0.05, timeout=5)


@pytest.fixture
def hooks(lsp: CertificationBody) -> Iterator[SqlWebhooks]:
    kept = webhook_store(lsp)
    yield kept
    kept.close()


def _subscribe(
    lsp: CertificationBody, hooks: SqlWebhooks, url: str, **given: object
) -> Subscription:
    subscription = new_subscription(lsp, url=url, secret=SECRET, person=MANAGER.id, **given)  # type: ignore[arg-type]
    hooks.add(subscription)
    return subscription


def _positions(lsp: CertificationBody, after: int = 0) -> list[int]:
    recorder = services_of(lsp).store.recorder
    return [n.id for n in recorder.select_notifications(start=after + 1, limit=1_000_000)]


def _signed(got: Receiver) -> bool:
    return all(verify_signature(SECRET, r.headers, r.body) for r in got.requests)


def test_a_receiver_that_fails_three_times_gets_the_delivery_on_the_fourth(
    world: World, hooks: SqlWebhooks
) -> None:
    lsp = world.lsp
    with receiver(statuses=[500, 500, 500]) as got:
        subscription = _subscribe(lsp, hooks, got.url)
        world.register(0)
        world.register(1)
        expected = _positions(lsp, subscription.start_after)
        runner = WebhookRunner(lsp, hooks, source=source_of("LSP"), policy=FAST)
        assert runner.run_once() == len(expected)
        runner.close()
    first = got.requests[:4]
    assert [r.answered for r in first] == [500, 500, 500, 200]
    assert len({r.headers["webhook-id"] for r in first}) == 1  # the same delivery, retried
    assert [e["position"] for e in got.delivered()] == expected
    assert got.delivered()[0]["type"] == "id.certflow.certification.registered.v1"
    assert _signed(got)
    assert all(r.headers["content-type"] == "application/cloudevents+json" for r in first)
    log = hooks.deliveries(subscription.subscription_id)
    assert [d.attempts for d in log][:2] == [4, 1]
    assert {d.outcome for d in log} == {"delivered"}
    assert hooks.checkpoint(subscription) == expected[-1]


def test_after_the_last_attempt_an_event_is_a_dead_letter_and_the_subscriber_moves_on(
    world: World, hooks: SqlWebhooks
) -> None:
    lsp = world.lsp
    with receiver() as got:
        subscription = _subscribe(lsp, hooks, got.url)
        world.register(0)
        expected = _positions(lsp, subscription.start_after)
        cert_events = [f"{e['subject']}/{e['recordversion']}" for e in _events(lsp, expected)]
        got.refused.add(cert_events[0])
        runner = WebhookRunner(lsp, hooks, source=source_of("LSP"), policy=FAST)
        runner.run_once()
        dead = hooks.deliveries(outcome="dead")
        assert [(d.position, d.attempts, d.status, d.error) for d in dead] == [
            (expected[0], 4, 500, "HTTP 500")
        ]
        assert [e["position"] for e in got.delivered()] == expected[1:]
        assert hooks.checkpoint(subscription) == expected[-1]

        got.refused.clear()
        again = runner.retry_dead(subscription.subscription_id)
        runner.close()
    assert [(o.position, o.outcome, o.attempts) for o in again] == [(expected[0], "delivered", 5)]
    assert hooks.deliveries(outcome="dead") == []
    assert got.delivered()[-1]["position"] == expected[0]
    assert _signed(got)


def _events(lsp: CertificationBody, positions: list[int]) -> list[dict[str, object]]:
    from certflow.service.feed_events import read_events

    page = read_events(lsp, positions[0] - 1, len(positions), source="urn:certflow:LSP")
    return page.events


def test_a_subscriber_of_some_types_receives_only_those_and_still_moves_on(
    world: World, hooks: SqlWebhooks
) -> None:
    lsp = world.lsp
    wanted = "id.certflow.certification.admitted.v1"
    with receiver() as got:
        subscription = _subscribe(lsp, hooks, got.url, types=[wanted])
        cert = world.register(0)
        world.admit(cert)
        world.register(1)
        runner = WebhookRunner(lsp, hooks, source=source_of("LSP"), policy=FAST)
        runner.run_once()
        runner.close()
    assert [e["type"] for e in got.delivered()] == [wanted]
    assert hooks.checkpoint(subscription) == _positions(lsp)[-1]


def test_a_subscription_is_made_only_by_appointed_staff_with_a_good_url_and_secret(
    world: World,
) -> None:
    lsp = world.lsp
    url = "https://siap.polri.example/hooks/certflow"
    with pytest.raises(NotAuthorizedError):
        new_subscription(lsp, url=url, secret=SECRET, person=str(world.assessor))
    for bad in ("ftp://x.example/", "https://user:pw@x.example/", "https://x.example/#f", "x"):
        with pytest.raises(InvalidInputError):
            new_subscription(lsp, url=bad, secret=SECRET, person=ADMIN.id)
    for secret in ("short", "has spaces in the secret text", "whsec_!!!notbase64!!!!!!!!!!"):
        with pytest.raises(InvalidInputError):
            new_subscription(lsp, url=url, secret=secret, person=ADMIN.id)
    with pytest.raises(InvalidInputError, match="unknown event type"):
        new_subscription(lsp, url=url, secret=SECRET, person=ADMIN.id, types=["x.v1"])
    made = new_subscription(lsp, url=url, secret=SECRET, person=ADMIN.id)
    assert made.start_after == _positions(lsp)[-1]


def test_a_second_runner_that_moves_a_checkpoint_already_moved_is_stopped(
    durable_store_url: str,
) -> None:
    lsp = certflow.open(durable_store_url, clock=FixedClock(date(2024, 10, 21), tz=WIB))
    appoint_standard_staff(lsp)
    hooks = webhook_store(lsp)
    subscription = _subscribe(lsp, hooks, "https://siap.example/h", after=0)
    hooks.record(subscription.subscription_id, 3, None)
    with pytest.raises(ConcurrencyConflictError, match="one runner per store"):
        hooks.record(subscription.subscription_id, 3, None)
    assert hooks.checkpoint(subscription) == 3
    hooks.close()
    lsp.close()


def test_a_retry_policy_is_bounded() -> None:
    for wrong in ({"attempts": 0}, {"first_delay": 5, "max_delay": 1}, {"timeout": 0}):
        with pytest.raises(InvalidInputError):
            RetryPolicy(**wrong)  # type: ignore[arg-type]
    policy = RetryPolicy(first_delay=1, max_delay=8)
    rng = random.Random(7)
    waits = [policy.delay(n, rng) for n in (1, 2, 3, 4, 5, 6)]
    for wait, ceiling in zip(waits, (1, 2, 4, 8, 8, 8), strict=True):
        assert ceiling / 2 <= wait <= ceiling


def test_signatures_follow_the_standard_webhooks_scheme() -> None:
    body = b'{"id":"a/1"}'
    headers = signature_headers(SECRET, "a/1", body, now=1_700_000_000)
    assert headers["webhook-signature"] == sign(SECRET, "a/1", 1_700_000_000, body)
    assert verify_signature(SECRET, headers, body, now=1_700_000_100)
    assert not verify_signature(SECRET, headers, body + b" ", now=1_700_000_100)
    assert not verify_signature(SECRET, headers, body, now=1_700_001_000)  # too old
    assert not verify_signature("whsec_" + "b3RoZXItc2VjcmV0LW9mLWVub3VnaA==", headers, body)
    plain = "a-plain-secret-of-enough-length"
    assert verify_signature(plain, signature_headers(plain, "x", body, now=5), body, now=5)


def test_the_command_line_adds_lists_and_removes_subscriptions(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'certflow.db'}"
    lsp = certflow.open(url, clock=FixedClock(date(2024, 10, 21), tz=WIB))
    appoint_standard_staff(lsp)
    lsp.close()
    secret = tmp_path / "secret"
    secret.write_text(SECRET + "\n")
    cli = CliRunner()
    base = ["--store", url]
    args = ["webhooks", "add", "--url", "https://siap.example/h", "--secret-file", str(secret)]
    refused = cli.invoke(app, [*args, "--as", "komite-teknis-01", *base])
    assert refused.exit_code == 3
    added = cli.invoke(app, [*args, "--as", ADMIN.id, *base])
    assert added.exit_code == 0, added.output
    subscription_id = added.stdout.strip()
    listed = cli.invoke(app, ["webhooks", "list", "--format", "json", *base])
    assert subscription_id in listed.stdout
    assert "c2VjcmV0" not in listed.stdout  # the secret is never shown
    removed = cli.invoke(app, ["webhooks", "remove", subscription_id, "--as", ADMIN.id, *base])
    assert removed.exit_code == 0
    assert subscription_id not in cli.invoke(app, ["webhooks", "list", *base]).stdout
    again = cli.invoke(app, ["webhooks", "remove", subscription_id, "--as", ADMIN.id, *base])
    assert again.exit_code == 4
    assert cli.invoke(app, ["webhooks", "dead-letters", *base]).exit_code == 0


def _wait(until: object, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if until():  # type: ignore[operator]
            return
        time.sleep(0.05)
    raise AssertionError("timed out")


def test_a_runner_killed_mid_stream_resumes_with_nothing_lost_or_repeated_past_its_checkpoint(
    durable_store_url: str,
) -> None:
    url = durable_store_url
    lsp = certflow.open(url, clock=FixedClock(date(2024, 10, 21), tz=WIB))
    appoint_standard_staff(lsp)
    world = build_world(lsp, candidates=6)
    for n in range(6):
        world.admit(world.register(n))
    everything = _positions(lsp)
    with receiver(delay=0.02) as got:
        hooks = webhook_store(lsp)
        subscription = _subscribe(lsp, hooks, got.url, after=0)
        command = [sys.executable, "-m", "certflow", "webhooks", "run", "--store", url]
        command += ["--poll", "0.1", "--first-delay", "0.05"]
        env = {**os.environ, "CERTFLOW_LANG": "en"}
        runner = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
        try:
            _wait(lambda: len(got.delivered()) >= len(everything) // 3, 60)
            runner.send_signal(signal.SIGKILL)
            runner.wait(10)
        finally:
            runner.kill()
        before = list(got.requests)
        checkpoint = hooks.checkpoint(subscription)
        assert 0 < checkpoint < everything[-1], "killed before the end of the stream"
        runner = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
        try:
            _wait(lambda: {e["position"] for e in got.delivered()} >= set(everything), 60)
            runner.send_signal(signal.SIGTERM)
            runner.wait(10)
        finally:
            runner.kill()
        assert hooks.checkpoint(subscription) == everything[-1]
        hooks.close()
    lsp.close()
    after = [r.event["position"] for r in got.requests[len(before) :]]
    sent_before = [r.event["position"] for r in before]
    assert after[0] == next(p for p in everything if p > checkpoint)
    assert list(dict.fromkeys(sent_before + after)) == everything  # nothing lost, in order
    repeated = set(sent_before) & set(after)
    assert all(p > checkpoint for p in repeated)  # nothing at or before the checkpoint again
    assert len(repeated) <= 1  # at most the event in flight when it was killed
    assert after == sorted(after)
    assert _signed(got)


def test_staff_manage_subscriptions_over_http_and_never_see_a_secret_again(
    app: FastAPI, client: TestClient, world: World
) -> None:
    app.dependency_overrides[current_principal] = lambda: Principal(ADMIN.id, "token:t")
    given = {"url": "https://siap.polri.example/h", "secret": SECRET, "types": []}
    made = client.post("/v1/webhooks", json=given, headers={"Idempotency-Key": "made"})
    assert made.status_code == 201, made.text
    assert SECRET not in made.text
    view = made.json()
    assert view["created_by"] == ADMIN.id
    assert view["checkpoint"] == view["start_after"] == _positions(world.lsp)[-1]
    assert [s["subscription_id"] for s in client.get("/v1/webhooks").json()] == [
        view["subscription_id"]
    ]
    one = client.get(f"/v1/webhooks/{view['subscription_id']}")
    assert one.json()["url"] == given["url"]
    assert client.get(f"/v1/webhooks/{view['subscription_id']}/deliveries").json() == []
    bad = client.post(
        "/v1/webhooks", json={**given, "url": "ftp://x.example/"}, headers={"Idempotency-Key": "b"}
    )
    assert bad.status_code == 400
    assert bad.json()["type"] == "/problems/invalid-input"
    assert client.post("/v1/webhooks", json={**given, "secret": "short"}).status_code in (400, 422)
    assert client.delete(f"/v1/webhooks/{view['subscription_id']}").status_code == 204
    assert client.delete(f"/v1/webhooks/{view['subscription_id']}").status_code == 404
    assert client.get("/v1/webhooks").json() == []
    assert len(client.get("/v1/webhooks", params={"removed": True}).json()) == 1
    assert client.get("/v1/webhooks/whk-0000").status_code == 404

    app.dependency_overrides[current_principal] = lambda: Principal(str(world.assessor), "token:a")
    assert client.get("/v1/webhooks").status_code == 403
    assert client.post("/v1/webhooks", json=given).status_code == 403
