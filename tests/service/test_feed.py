"""The event feed: every event once, in order, as CloudEvents that match their schemas."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from certflow import CertificationBody
from certflow.application import WITHHELD, public_event_classes, public_type, schema_documents
from certflow.bootstrap import services_of
from certflow.service import ServiceSettings, create_app
from certflow.service.principals import Principal, current_principal
from certflow.testing.actors import ADMIN, MANAGER
from tests.support import World, every_event_history


def _as(app: FastAPI, person: str) -> None:
    app.dependency_overrides[current_principal] = lambda: Principal(person, f"token:{person}")


@pytest.fixture
def history_client(lsp: CertificationBody) -> Iterator[tuple[TestClient, CertificationBody]]:
    every_event_history(lsp)
    app = create_app(ServiceSettings(base_url="https://sertifikat.lsp.example"), body=lsp)
    _as(app, MANAGER.id)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client, lsp


def _positions(lsp: CertificationBody) -> list[int]:
    recorder = services_of(lsp).store.recorder
    return [n.id for n in recorder.select_notifications(start=1, limit=1_000_000)]


def _all_pages(client: TestClient, limit: int) -> list[dict[str, Any]]:
    seen: list[dict[str, Any]] = []
    after = 0
    while True:
        page = client.get("/v1/events", params={"after": after, "limit": limit}).json()
        seen += page["events"]
        if page["next_after"] == after:
            return seen
        after = page["next_after"]


def test_paging_through_the_whole_feed_gives_every_event_exactly_once_in_order(
    history_client: tuple[TestClient, CertificationBody],
) -> None:
    client, lsp = history_client
    seen = _all_pages(client, limit=37)
    assert [e["position"] for e in seen] == _positions(lsp)
    assert len({e["id"] for e in seen}) == len(seen)
    assert {e["type"] for e in seen} == {public_type(t) for t in public_event_classes()}
    first = seen[0]
    assert first["specversion"] == "1.0"
    assert first["source"] == "urn:certflow:LSP"
    assert first["id"] == f"{first['subject']}/{first['recordversion']}"
    assert first["datacontenttype"] == "application/json"
    assert client.get("/v1/events", params={"after": seen[-1]["position"]}).json()["events"] == []


def test_every_event_of_a_full_history_validates_against_its_published_schema(
    history_client: tuple[TestClient, CertificationBody],
) -> None:
    client, _ = history_client
    schemas = {n: json.loads(text) for n, text in schema_documents().items()}
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    for event in _all_pages(client, limit=500):
        schema = schemas[f"{event['type']}.json"]
        jsonschema.validate(event["data"], schema, format_checker=checker)
        assert set(event["data"]) <= set(schema["properties"]), event["type"]
        assert not _keys(event["data"]) & WITHHELD, f"{event['type']} delivers prose"


def _keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


def test_types_filter_the_feed(history_client: tuple[TestClient, CertificationBody]) -> None:
    client, _ = history_client
    wanted = "id.certflow.certification.decided.v1"
    page = client.get("/v1/events", params={"types": wanted, "limit": 1000}).json()
    assert page["events"]
    assert {e["type"] for e in page["events"]} == {wanted}


def test_a_long_poll_returns_as_soon_as_a_new_event_is_saved(
    app: FastAPI, client: TestClient, world: World
) -> None:
    _as(app, ADMIN.id)
    head = client.get("/v1/events", params={"limit": 1000}).json()["head"]
    answered: dict[str, Any] = {}

    def poll() -> None:
        started = time.monotonic()
        answer = client.get("/v1/events", params={"after": head, "wait": 20})
        answered.update(answer.json(), seconds=time.monotonic() - started)

    waiting = threading.Thread(target=poll)
    waiting.start()
    time.sleep(0.5)
    assert not answered, "the long-poll answered before anything was saved"
    saved_at = time.monotonic()
    cert = world.register(0)
    waiting.join(timeout=20)
    assert answered["events"][0]["subject"] == str(cert)
    assert answered["events"][0]["type"] == "id.certflow.certification.registered.v1"
    assert answered["seconds"] < 0.5 + (time.monotonic() - saved_at) + 1.0

    started = time.monotonic()
    empty = client.get("/v1/events", params={"after": 10**9, "wait": 0.3}).json()
    assert empty["events"] == []
    assert 0.25 < time.monotonic() - started < 5


def _sse(client: TestClient, **given: Any) -> list[tuple[int, str, dict[str, Any]]]:
    headers = given.pop("headers", {})
    found = []
    with client.stream("GET", "/v1/events/stream", params=given, headers=headers) as answer:
        assert answer.status_code == 200
        assert answer.headers["content-type"].startswith("text/event-stream")
        fields: dict[str, str] = {}
        for line in answer.iter_lines():
            if line.startswith(("id:", "event:", "data:")):
                name, _, value = line.partition(":")
                fields[name] = value.strip()
            elif not line and "data" in fields:
                found.append((int(fields["id"]), fields["event"], json.loads(fields["data"])))
                fields = {}
    return found


def test_server_sent_events_resume_after_last_event_id(
    app: FastAPI, client: TestClient, world: World
) -> None:
    _as(app, MANAGER.id)
    world.register(0)
    everything = _sse(client, seconds=0.5)
    positions = [p for p, _, _ in everything]
    assert positions == sorted(positions)
    assert len(positions) > 5
    assert all(data["position"] == p and data["type"] == kind for p, kind, data in everything)
    middle = positions[len(positions) // 2]
    resumed = _sse(client, seconds=0.5, headers={"Last-Event-ID": str(middle)})
    assert [p for p, _, _ in resumed] == [p for p in positions if p > middle]
    bad = client.get("/v1/events/stream", headers={"Last-Event-ID": "x"})
    assert bad.status_code == 400


@pytest.mark.parametrize(
    ("person", "status"),
    [("assessor", 403), ("candidate", 403), ("nobody-at-all", 403), (ADMIN.id, 200)],
)
def test_only_appointed_staff_read_the_feed(
    app: FastAPI, client: TestClient, world: World, person: str, status: int
) -> None:
    given = {"assessor": str(world.assessor), "candidate": str(world.candidates[0])}
    _as(app, given.get(person, person))
    answer = client.get("/v1/events")
    assert answer.status_code == status
    if status == 403:
        assert answer.json()["type"] == "/problems/not-authorized"
        assert client.get("/v1/events/stream").status_code == 403


def test_without_credentials_the_feed_is_closed(client: TestClient) -> None:
    assert client.get("/v1/events").status_code == 401
    assert client.get("/v1/events", params={"limit": 0}).status_code in (400, 401, 422)


def test_the_feed_and_webhooks_are_in_the_openapi_document(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/v1/events", "/v1/events/stream", "/v1/webhooks"} <= set(paths)
    assert "text/event-stream" in paths["/v1/events/stream"]["get"]["responses"]["200"]["content"]
