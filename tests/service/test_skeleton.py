"""The service's frame: health probes, problem documents and the language of answers."""

from __future__ import annotations

from fastapi.testclient import TestClient

from certflow.service.problems import negotiate_language


def test_liveness_and_readiness(client: TestClient) -> None:
    assert client.get("/health/live").json()["status"] == "ok"
    ready = client.get("/health/ready")
    assert ready.status_code == 200
    assert ready.json()["store"] == "memory://"


def test_an_unknown_address_is_a_problem_document_in_the_asked_language(
    client: TestClient,
) -> None:
    for lang, title in (("id", "tidak ditemukan"), ("en", "not found")):
        answer = client.get("/no/such/page", headers={"Accept-Language": lang})
        assert answer.status_code == 404
        assert answer.headers["content-type"] == "application/problem+json"
        problem = answer.json()
        assert problem["title"] == title
        assert problem["type"] == "/problems/not-found"
        assert problem["instance"] == "/no/such/page"
        assert problem["lang"] == lang
        assert answer.headers["content-language"] == lang
        assert answer.headers["x-request-id"] == problem["request_id"]


def test_every_problem_type_describes_itself(client: TestClient) -> None:
    answer = client.get("/problems/version-mismatch", headers={"Accept-Language": "en"})
    assert answer.json()["status"] == 412
    assert "ETag" in answer.json()["advice"]


def test_accept_language_negotiation() -> None:
    assert negotiate_language(None, "id") == "id"
    assert negotiate_language("en-US,en;q=0.9", "id") == "en"
    assert negotiate_language("fr, en;q=0.5, id;q=0.8", "en") == "id"
    assert negotiate_language("de", "en") == "en"
    assert negotiate_language("in-ID", "en") == "id"
    assert negotiate_language("en;q=0", "id") == "id"
    assert negotiate_language("en;q=bogus, id", "en") == "id"
