"""The OpenAPI document's contract: every operation says what it answers, with examples.

:data:`CONTRACT` says, per operation, what kind of route it is (public or signed-in, role
needed, an id looked up, rate-limited, a command with its preconditions), written here from
the issue and the routes' purpose, not read from the code. Every operation of the document
must match one row, and document the success answer (with an example, or the media type of a
page or a stream) and the problem answers its kind needs, and no answer its kind cannot give.
The examples validate against their schemas, and the service's real answers do too.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from certflow import CertificationBody
from certflow.application import public_event_classes, public_type
from certflow.service import ServiceSettings, create_app
from certflow.service.principals import Principal, current_principal
from certflow.testing.actors import ADMIN
from tests.service.verification_support import Printed, print_world

JSON = "application/json"
HTML = "text/html"
SSE = "text/event-stream"
JWKS = "application/jwk-set+json"
PROBLEM = "application/problem+json"
METHODS = ("get", "put", "post", "delete", "patch")


@dataclass(frozen=True)
class Kind:
    """What an operation is, hence what it must document."""

    success: int
    media: str | None
    """The success answer's media type (``None``: no body)."""
    signed_in: bool
    """Needs sign-in: 401. Public routes never document 401."""
    role: bool = False
    """Needs a role (or a kind of reader): 403."""
    lookup: bool = False
    """Looks a record up by an id it is sent: 404. Others never document 404."""
    store: bool = True
    """Reads the store or the keys, which may be unreachable: 503."""
    limited: bool = False
    """Rate-limited: 429 (with Retry-After). Others never document 429."""
    input: bool = True
    """Takes input that can be invalid: 400."""
    key: bool = False
    """Takes an Idempotency-Key: 428 when missing, 422 when reused."""
    if_match: bool = False
    """Takes If-Match: 412 when stale, 428 when missing. Others never document 412."""
    page: bool = False
    """A page: its own failures (429, 503) are pages too (text/html), not problem documents."""


_READ = Kind(200, JSON, signed_in=True, role=True)
_READ_ONE = Kind(200, JSON, signed_in=True, role=True, lookup=True)
_MAKE = Kind(201, JSON, signed_in=True, role=True, lookup=True, key=True)
_CHANGE = Kind(200, JSON, signed_in=True, role=True, lookup=True, key=True, if_match=True)

CONTRACT: dict[tuple[str, str], Kind] = {
    ("get", "/health/live"): Kind(200, JSON, signed_in=False, store=False, input=False),
    ("get", "/health/ready"): Kind(200, JSON, signed_in=False, input=False),
    ("get", "/problems/{slug}"): Kind(
        200, JSON, signed_in=False, lookup=True, store=False, input=False
    ),
    ("get", "/v1/me"): Kind(200, JSON, signed_in=True, role=True, input=False),
    ("post", "/v1/certifications"): Kind(
        201, JSON, signed_in=True, role=True, lookup=True, key=True
    ),
    ("post", "/v1/certifications/{certification_id}/*"): Kind(
        200, JSON, signed_in=True, role=True, lookup=True, key=True, if_match=True
    ),
    ("get", "/v1/certifications"): _READ,
    ("get", "/v1/certifications/{certification_id}"): _READ_ONE,
    ("get", "/v1/certifications/{certification_id}/*"): _READ_ONE,
    ("get", "/v1/views/*"): _READ,
    ("get", "/v1/deadlines/overdue"): _READ,
    ("get", "/v1/rules"): _READ,
    ("get", "/v/{token}"): Kind(200, HTML, signed_in=False, limited=True, input=False, page=True),
    ("get", "/verify"): Kind(200, HTML, signed_in=False, limited=True, input=False, page=True),
    ("get", "/v1/verifications/{token}"): Kind(
        200, JSON, signed_in=False, limited=True, input=False
    ),
    ("get", "/v1/verifications"): Kind(200, JSON, signed_in=False, limited=True),
    ("get", "/.well-known/certflow-keys.json"): Kind(200, JWKS, signed_in=False, input=False),
    ("get", "/v1/events"): _READ,
    ("get", "/v1/events/stream"): Kind(200, SSE, signed_in=True, role=True),
    ("post", "/v1/webhooks"): Kind(201, JSON, signed_in=True, role=True, key=True),
    ("get", "/v1/webhooks"): _READ,
    ("get", "/v1/webhooks/{subscription_id}"): _READ_ONE,
    ("delete", "/v1/webhooks/{subscription_id}"): Kind(
        204, None, signed_in=True, role=True, lookup=True
    ),
    ("get", "/v1/webhooks/{subscription_id}/deliveries"): _READ_ONE,
    ("get", "/v1/schemas"): Kind(200, JSON, signed_in=False, store=False, input=False),
    ("get", "/v1/schemas/{event_type}"): Kind(
        200, "application/schema+json", signed_in=False, lookup=True, store=False, input=False
    ),
    # the registers and oversight records: make one (no If-Match), change one (If-Match), read
    **{
        ("post", f"/v1/{kind}"): _MAKE
        for kind in ("schemes", "assessors", "tuks", "sessions", "candidates", "complaints")
    },
    ("post", "/v1/misconduct"): _MAKE,
    ("post", "/v1/staff/{person_id}/appointments"): _MAKE,
    ("post", "/v1/staff/{person_id}/declarations"): _MAKE,
    **{
        ("post", f"/v1/{kind}/{{{key}}}/*"): _CHANGE
        for kind, key in (
            ("schemes", "scheme_id"),
            ("assessors", "assessor_id"),
            ("tuks", "tuk_id"),
            ("complaints", "complaint_id"),
            ("misconduct", "assessor_id"),
        )
    },
    ("post", "/v1/staff/{person_id}/end-appointment"): _CHANGE,
    **{
        ("get", f"/v1/{kind}"): _READ
        for kind in (
            "schemes",
            "assessors",
            "tuks",
            "sessions",
            "staff",
            "complaints",
            "misconduct",
        )
    },
    **{
        ("get", f"/v1/{kind}/{{{key}}}"): _READ_ONE
        for kind, key in (
            ("schemes", "scheme_id"),
            ("assessors", "assessor_id"),
            ("tuks", "tuk_id"),
            ("sessions", "session_id"),
            ("staff", "person_id"),
            ("candidates", "subject_id"),
            ("complaints", "complaint_id"),
            ("misconduct", "assessor_id"),
        )
    },
}
"""Each operation's kind, by method and path (``*``: any one or more path segments)."""


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return create_app(ServiceSettings()).openapi()


def _operations(spec: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in spec["paths"].items():
        for method in METHODS:
            if method in item:
                yield method, path, item[method]


def _kind(method: str, path: str) -> Kind:
    exact = CONTRACT.get((method, path))
    if exact is not None:
        return exact
    found = [
        k for (m, p), k in CONTRACT.items() if m == method and "*" in p and fnmatchcase(path, p)
    ]
    assert len(found) == 1, f"{method.upper()} {path}: matches {len(found)} rows of CONTRACT"
    return found[0]


def _validator(spec: dict[str, Any], schema: dict[str, Any]) -> jsonschema.Draft202012Validator:
    """A validator of ``schema`` whose ``#/components/...`` references resolve in ``spec``."""
    rooted = {**schema, "components": spec.get("components", {})}
    return jsonschema.Draft202012Validator(
        rooted, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def _resolved(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref", "")
    if ref.startswith("#/components/schemas/"):
        found: dict[str, Any] = spec["components"]["schemas"][ref.rsplit("/", 1)[-1]]
        return found
    return schema


def _examples(spec: dict[str, Any], media: dict[str, Any]) -> list[Any]:
    """The examples of a media type: its own, or its schema's (a model's ``examples``)."""
    found: list[Any] = []
    if "example" in media:
        found.append(media["example"])
    found += [e["value"] for e in media.get("examples", {}).values()]
    schema = media.get("schema", {})
    found += _resolved(spec, schema).get("examples", [])
    items = schema.get("items")
    if not found and isinstance(items, dict):  # a list of a model with examples
        found += [[e] for e in _resolved(spec, items).get("examples", [])]
    return found


def test_every_operation_is_in_the_contract_and_every_row_is_used(spec: dict[str, Any]) -> None:
    seen = {(method, path) for method, path, _ in _operations(spec)}
    assert len(seen) >= 60
    for method, path in seen:
        _kind(method, path)
    for method, pattern in CONTRACT:
        assert any(m == method and fnmatchcase(p, pattern) for m, p in seen), (method, pattern)


def test_every_operation_has_a_summary_a_description_and_an_exemplified_success(
    spec: dict[str, Any],
) -> None:
    wanting: list[str] = []
    for method, path, op in _operations(spec):
        kind = _kind(method, path)
        name = f"{method.upper()} {path}"
        if not op.get("summary", "").strip() or not op.get("description", "").strip():
            wanting.append(f"{name}: summary and description")
        success = op["responses"].get(str(kind.success))
        if success is None:
            wanting.append(f"{name}: no {kind.success} answer")
            continue
        content = success.get("content", {})
        if kind.media is None:
            if content:
                wanting.append(f"{name}: {kind.success} has a body")
            continue
        if kind.media not in content:
            wanting.append(f"{name}: {kind.success} is not {kind.media}")
            continue
        media = content[kind.media]
        examples = _examples(spec, media)
        if not examples:
            wanting.append(f"{name}: {kind.success} {kind.media} has no example")
        if kind.media in (HTML, SSE):
            assert all(isinstance(e, str) for e in examples), name
            continue
        validator = _validator(spec, media["schema"])
        for example in examples:
            errors = [e.message for e in validator.iter_errors(example)]
            if errors:
                wanting.append(f"{name}: its example does not match its schema: {errors[:3]}")
    listed = "\n".join(wanting)
    assert not wanting, f"document these operations:\n{listed}"


def _required(kind: Kind) -> set[str]:
    statuses = set()
    for wanted, status in (
        (kind.signed_in, "401"),
        (kind.role, "403"),
        (kind.lookup, "404"),
        (kind.store, "503"),
        (kind.limited, "429"),
        (kind.input, "400"),
        (kind.key, "422"),
        (kind.key or kind.if_match, "428"),
        (kind.if_match, "412"),
    ):
        if wanted:
            statuses.add(status)
    return statuses


def _forbidden(kind: Kind) -> set[str]:
    statuses = set()
    for unfit, status in (
        (not kind.signed_in, "401"),
        (not kind.lookup, "404"),
        (not kind.limited, "429"),
        (not kind.if_match, "412"),
        (not kind.key and not kind.if_match, "428"),
    ):
        if unfit:
            statuses.add(status)
    return statuses


_PAGE_FAILURES = {"429", "503"}
"""What a page answers as a page; anything else reaches the one error path (a problem)."""


def test_every_operation_documents_the_problems_its_kind_answers_and_no_other(
    spec: dict[str, Any],
) -> None:
    wanting: list[str] = []
    for method, path, op in _operations(spec):
        kind = _kind(method, path)
        name = f"{method.upper()} {path}"
        answers = op["responses"]
        documented = set(answers)
        if missing := _required(kind) - documented:
            wanting.append(f"{name}: add {sorted(missing)}")
        if wrong := _forbidden(kind) & documented:
            wanting.append(f"{name}: cannot answer {sorted(wrong)}")
        for status, answer in answers.items():
            if status.startswith("2") or (path == "/health/ready" and status == "503"):
                continue
            content = answer.get("content", {})
            if kind.page and status in _PAGE_FAILURES:
                assert set(content) == {HTML}, (name, status)
                continue
            assert PROBLEM in content, (name, status)
            assert content[PROBLEM]["schema"]["$ref"] == "#/components/schemas/Problem"
        assert "HTTPValidationError" not in json.dumps(op), f"{name}: invalid input is 400"
    listed = "\n".join(wanting)
    assert not wanting, f"fix the documented problems:\n{listed}"


def test_the_readiness_probe_documents_its_503_as_what_it_sends(spec: dict[str, Any]) -> None:
    answers = spec["paths"]["/health/ready"]["get"]["responses"]
    for status in ("200", "503"):
        media = answers[status]["content"][JSON]
        examples = _examples(spec, media)
        assert examples
        validator = _validator(spec, media["schema"])
        for example in examples:
            validator.validate(example)


def test_every_component_example_matches_its_schema(spec: dict[str, Any]) -> None:
    for name, schema in spec["components"]["schemas"].items():
        validator = _validator(spec, {"$ref": f"#/components/schemas/{name}"})
        for example in schema.get("examples", []):
            errors = [e.message for e in validator.iter_errors(example)]
            assert not errors, (name, errors)


def test_the_event_examples_name_a_public_type_and_the_fields_of_a_real_event(
    spec: dict[str, Any], served: TestClient
) -> None:
    page = _examples(spec, spec["paths"]["/v1/events"]["get"]["responses"]["200"]["content"][JSON])
    example = page[0]["events"][0]
    assert example["type"] in {public_type(t) for t in public_event_classes()}
    real = served.get("/v1/events", params={"limit": 1}).json()["events"][0]
    assert set(example) == set(real)
    stream = spec["paths"]["/v1/events/stream"]["get"]["responses"]["200"]["content"][SSE]
    message = stream["example"].split("\n\n")[1]
    lines = dict(line.split(": ", 1) for line in message.splitlines())
    assert set(lines) == {"id", "event", "data"}
    assert json.loads(lines["data"]) == example
    # the schema is one event's (as OpenAPI 3.1 tools read a stream's): the example's match it
    _validator(spec, stream["schema"]).validate(lines)
    data = stream["schema"]["properties"]["data"]
    _validator(spec, data["contentSchema"]).validate(json.loads(lines["data"]))


# The service's real answers, against the document --------------------------------------------


@pytest.fixture
def printed(lsp: CertificationBody, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Printed:
    found = print_world(lsp, tmp_path)
    monkeypatch.setenv("CERTFLOW_CONFIG", str(found.profile))
    return found


@pytest.fixture
def served(printed: Printed) -> Iterator[TestClient]:
    app: FastAPI = create_app(ServiceSettings(), body=printed.world.lsp)
    app.dependency_overrides[current_principal] = lambda: Principal(ADMIN.id, "token:t")
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def _matches(spec: dict[str, Any], method: str, path: str, answer: Any) -> None:
    """The answer's status and media type are documented, and its body matches the schema."""
    op = spec["paths"][path][method]
    status = str(answer.status_code)
    documented = op["responses"].get(status) or op["responses"][f"{status[0]}XX"]
    media = answer.headers.get("content-type", "").split(";")[0]
    if not documented.get("content"):
        assert answer.content == b"", (method, path)
        return
    assert media in documented["content"], (method, path, status, media)
    if media in (JSON, PROBLEM, JWKS):
        _validator(spec, documented["content"][media]["schema"]).validate(answer.json())


def test_the_real_answers_are_what_the_document_says(
    spec: dict[str, Any], served: TestClient, printed: Printed
) -> None:
    hook = {"url": "https://siap.polri.example/h", "secret": "s" * 32, "types": []}
    made = served.post("/v1/webhooks", json=hook, headers={"Idempotency-Key": "k"})
    _matches(spec, "post", "/v1/webhooks", made)
    whk = made.json()["subscription_id"]
    asked: list[tuple[str, str, str, dict[str, Any]]] = [
        ("get", "/health/live", "/health/live", {}),
        ("get", "/health/ready", "/health/ready", {}),
        ("get", "/problems/{slug}", "/problems/refused", {}),
        ("get", "/problems/{slug}", "/problems/nothing-like-it", {}),
        ("get", "/v1/me", "/v1/me", {}),
        ("get", "/v/{token}", f"/v/{printed.valid}", {}),
        ("get", "/verify", "/verify", {"number": printed.number, "name": "Kandidat 0"}),
        ("get", "/v1/verifications/{token}", f"/v1/verifications/{printed.valid}", {}),
        ("get", "/v1/verifications/{token}", f"/v1/verifications/{printed.forged}", {}),
        ("get", "/v1/verifications", "/v1/verifications", {"number": printed.number}),
        (
            "get",
            "/v1/verifications",
            "/v1/verifications",
            {"number": printed.number, "name": "Kandidat 0"},
        ),
        ("get", "/.well-known/certflow-keys.json", "/.well-known/certflow-keys.json", {}),
        ("get", "/v1/events", "/v1/events", {"limit": 3}),
        ("get", "/v1/events/stream", "/v1/events/stream", {"seconds": 0.2}),
        ("get", "/v1/webhooks", "/v1/webhooks", {}),
        ("get", "/v1/webhooks/{subscription_id}", f"/v1/webhooks/{whk}", {}),
        ("get", "/v1/webhooks/{subscription_id}", "/v1/webhooks/whk-00", {}),
        ("get", "/v1/webhooks/{subscription_id}/deliveries", f"/v1/webhooks/{whk}/deliveries", {}),
        ("delete", "/v1/webhooks/{subscription_id}", f"/v1/webhooks/{whk}", {}),
    ]
    statuses = []
    for method, path, address, params in asked:
        answer = served.request(method.upper(), address, params=params)
        _matches(spec, method, path, answer)
        statuses.append(answer.status_code)
    assert statuses.count(404) == 2
    assert statuses.count(400) == 1
    assert 204 in statuses
    served.app.dependency_overrides.clear()  # type: ignore[attr-defined]
    unsigned = served.get("/v1/me")
    assert unsigned.status_code == 401
    _matches(spec, "get", "/v1/me", unsigned)
