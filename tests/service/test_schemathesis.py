"""Schemathesis against the live OpenAPI document: no 5xx on any input, every answer as documented.

Each operation gets a bounded, deterministic run (``max_examples`` small, derandomized, no
example database), through the ASGI app in process: no network. The caller is a staff person
(the certification manager of the test world, with a real API token), and the LSP's token
keys are in place, as in a deployment. Parameters that only say how long to hold a connection
open (a long poll's ``wait``, a stream's ``seconds``) are capped at a tenth of a second so that
the run stays bounded; every other input is as generated. A stateful run follows the
document's links between operations.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from certflow import create_keys
from certflow.testing.actors import ADMIN, MANAGER
from tests.support import World

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
BOUNDED = settings(
    max_examples=20,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)


HOLDING = {"wait": 0.1, "seconds": 0.1}
"""Query parameters that hold the connection open, and the most the run lets them ask."""


@pytest.fixture(autouse=True)
def deployed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The LSP's token keys where the service looks for them without a profile (./keys)."""
    monkeypatch.delenv("CERTFLOW_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)
    create_keys(tmp_path / "keys")


def _bounded(case: Any) -> Any:
    query = case.query if isinstance(case.query, dict) else {}
    for name, most in HOLDING.items():
        try:
            asked = float(query[name])
        except (KeyError, TypeError, ValueError):
            continue
        if asked > most:
            query[name] = most
    return case


@pytest.fixture
def staff(world: World) -> dict[str, str]:
    """The certification manager's headers: a real API token, as a client system sends."""
    issued = world.lsp.issue_api_token(person_id=MANAGER.id, label="schemathesis", actor=ADMIN)
    return {"Authorization": f"Bearer {issued.token}"}


KNOWN_GAPS = {
    "GET /v1/verifications": "verification: answers 429 (its rate limit) but does not document it",
    "GET /.well-known/certflow-keys.json": "verification (JWKS): answers "
    "application/jwk-set+json but documents application/json",
}
"""Failures found in routes of other parts of the API, reported to their authors. Each is an
expected failure, strictly: when the route is fixed the run passes and the entry must go."""


def _labels() -> list[Any]:
    """Every operation of the document, as schemathesis names it (``GET /health/live``)."""
    from certflow.service import openapi_document

    methods = ("get", "put", "post", "delete", "patch")
    paths = openapi_document()["paths"]
    labels = [f"{m.upper()} {path}" for path, item in paths.items() for m in methods if m in item]
    return [
        pytest.param(label, marks=pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[label]))
        if label in KNOWN_GAPS
        else label
        for label in labels
    ]


@pytest.mark.parametrize("label", _labels())
def test_every_operation_answers_as_documented_and_never_5xx(
    app: FastAPI, staff: dict[str, str], label: str
) -> None:
    loaded = schemathesis.openapi.from_asgi("/openapi.json", app)
    operation = loaded.find_operation_by_label(label)
    assert operation is not None, label

    @BOUNDED
    @given(case=operation.as_strategy())
    def answers_as_documented(case: Any) -> None:
        _bounded(case).call_and_validate(headers=staff, checks=CHECKS)

    answers_as_documented()


def test_stateful_run_over_the_document_s_links(app: FastAPI, staff: dict[str, str]) -> None:
    loaded = schemathesis.openapi.from_asgi("/openapi.json", app)

    class Machine(loaded.as_state_machine()):  # type: ignore[misc]
        def before_call(self, case: Any) -> None:
            _bounded(case).headers = {**(case.headers or {}), **staff}

        def validate_response(self, response: Any, case: Any, *args: Any, **kwargs: Any) -> None:
            case.validate_response(response, checks=CHECKS)

    try:
        Machine.run(
            settings=settings(
                max_examples=10,
                stateful_step_count=5,
                derandomize=True,
                database=None,
                deadline=None,
                suppress_health_check=list(HealthCheck),
            )
        )
    except schemathesis.errors.NoLinksFound:
        pytest.skip("the document links no operations to one another yet")
