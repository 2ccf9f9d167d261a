"""The OpenAPI document: current in docs/, and every operation says what it answers."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from certflow.service import openapi_document, openapi_json, openapi_markdown

ROOT = Path(__file__).parents[2]
API_DOCS = ROOT / "docs" / "api"
REGENERATE = "python -m certflow docs --write docs"
METHODS = ("get", "put", "post", "delete", "patch")
PROBLEM = "#/components/schemas/Problem"

NO_ERROR_OF_ITS_OWN = {("get", "/health/live"), ("get", "/v1/schemas")}
"""Operations that document no failure of their own (only ``4XX``), with why: the liveness
probe and the list of published event schemas read no store and take no input."""


NO_401: dict[str, str] = {}
"""Operations that answer 401 without documenting it, reported to their authors."""


def _operations(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, item[method])
        for path, item in schema["paths"].items()
        for method in METHODS
        if method in item
    ]


def test_docs_api_openapi_json_is_the_service_s_current_document() -> None:
    schema = openapi_document()
    committed = (API_DOCS / "openapi.json").read_text(encoding="utf-8")
    assert committed == openapi_json(schema), f"docs/api/openapi.json is stale: run {REGENERATE}"
    page = (API_DOCS / "index.md").read_text(encoding="utf-8")
    assert page == openapi_markdown(schema), f"docs/api/index.md is stale: run {REGENERATE}"


def test_the_served_document_is_the_published_one(client: TestClient) -> None:
    answer = client.get("/openapi.json")
    assert answer.status_code == 200
    served = answer.json()
    assert served["openapi"].startswith("3.1")
    assert served == json.loads(openapi_json(openapi_document()))


def _wanting(schema: dict[str, Any]) -> list[str]:
    """What each operation of ``schema`` lacks of a summary, a response model and an error."""
    operations = _operations(schema)
    missing: list[str] = []
    for method, path, operation in operations:
        name = f"{method.upper()} {path}"
        if not operation.get("summary", "").strip():
            missing.append(f"{name}: no summary")
        responses = operation.get("responses", {})
        successes = [code for code in responses if code.startswith(("2", "3"))]
        if not successes:
            missing.append(f"{name}: no success response")
        for code in successes:
            content = responses[code].get("content")
            if code == "204" or not content:
                continue  # no body, nothing to describe
            if not any(media.get("schema") for media in content.values()):
                missing.append(f"{name}: {code} has no response model")
        own_errors = [code for code in responses if code[0] in "45" and code != "4XX"]
        if not own_errors and (method, path) not in NO_ERROR_OF_ITS_OWN:
            missing.append(f"{name}: documents no error response of its own")
    return missing


def test_every_operation_has_a_summary_a_response_model_and_a_documented_error() -> None:
    schema = openapi_document()
    assert len(_operations(schema)) >= 3
    missing = _wanting(schema)
    listed = "\n".join(missing)
    assert not missing, f"add summary=, response_model= and responses= to the routes:\n{listed}"


def test_the_rule_finds_an_operation_without_summary_model_or_error() -> None:
    schema = {
        "paths": {
            "/x/{x}": {"get": {"responses": {"200": {"content": {"text/plain": {}}}}}},
            "/y": {"post": {"summary": "y", "responses": {"400": {}}}},
        }
    }
    assert _wanting(schema) == [
        "GET /x/{x}: no summary",
        "GET /x/{x}: 200 has no response model",
        "GET /x/{x}: documents no error response of its own",
        "POST /y: no success response",
    ]


def test_every_failure_is_documented_as_a_problem_never_fastapi_s_422() -> None:
    schema = openapi_document()
    assert "HTTPValidationError" not in schema["components"]["schemas"]
    for method, path, operation in _operations(schema):
        for code, answer in operation["responses"].items():
            content = answer.get("content", {})
            refs = {media.get("schema", {}).get("$ref") for media in content.values()}
            if PROBLEM in refs:
                assert "application/problem+json" in content, f"{method} {path} {code}"
            assert code != "422" or PROBLEM in refs, f"{method} {path}: FastAPI's 422 body"


def test_an_unknown_problem_type_answers_the_documented_404_problem(client: TestClient) -> None:
    answer = client.get("/problems/no-such-type", headers={"Accept-Language": "en"})
    assert answer.status_code == 404
    assert answer.headers["content-type"] == "application/problem+json"
    schema = openapi_document()
    documented = schema["paths"]["/problems/{slug}"]["get"]["responses"]["404"]["content"]
    assert documented["application/problem+json"]["schema"]["$ref"] == PROBLEM
    fields = set(schema["components"]["schemas"]["Problem"]["properties"])
    assert set(answer.json()) <= fields
    assert {"type", "title", "status", "detail"} <= set(answer.json())


def _unsigned_answers(client: TestClient) -> list[tuple[str, str, int]]:
    """Each operation's status when called with no credentials (path parameters made up)."""
    answers = []
    for method, path, _ in _operations(openapi_document()):
        filled = re.sub(r"\{[^}]+\}", "00000000-0000-4000-8000-000000000000", path)
        query = "?wait=0&seconds=0.05" if path.startswith("/v1/events") else ""
        sent = client.request(method.upper(), filled + query, json={} if method == "post" else None)
        answers.append((method, path, sent.status_code))
    return answers


def test_every_operation_that_asks_for_credentials_documents_401(client: TestClient) -> None:
    schema = openapi_document()
    answers = _unsigned_answers(client)
    asking = [(m, p) for m, p, status in answers if status == 401]
    assert asking, "no operation asks for credentials"
    missing = [
        f"{m.upper()} {p}"
        for m, p in asking
        if "401" not in schema["paths"][p][m]["responses"] and f"{m.upper()} {p}" not in NO_401
    ]
    assert not missing, f"document the 401 (unauthenticated) problem of: {missing}"
    still = {f"{m.upper()} {p}" for m, p in asking} & set(NO_401)
    assert still == set(NO_401), f"fixed: remove from NO_401: {sorted(set(NO_401) - still)}"


def test_certflow_docs_without_the_service_extra_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from certflow.cli import app

    monkeypatch.setitem(sys.modules, "certflow.service", None)  # as if FastAPI were missing
    features = str(ROOT / "features" / "certification")
    result = CliRunner().invoke(app, ["docs", "--write", str(tmp_path), "--features", features])
    assert result.exit_code == 0, result.output
    assert "api/openapi.json not written: install certflow[service]" in result.stderr
    assert (tmp_path / "rules.md").is_file()
    assert not (tmp_path / "api").exists()
