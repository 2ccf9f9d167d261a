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

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
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

import certflow
from certflow import WIB, FixedClock, create_keys
from certflow.service import ServiceSettings, create_app, openapi_document
from certflow.testing.actors import ADMIN, MANAGER, appoint_standard_staff
from tests.support import build_world

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


@dataclass
class Served:
    """One service for the whole module: its app, the schema it serves, a staff member's token."""

    app: FastAPI
    loaded: Any
    staff: dict[str, str]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The test world served as deployed: the LSP's token keys where the service looks for them
    without a profile (./keys), the document loaded once; shared by every operation's run."""
    folder = tmp_path_factory.mktemp("deployed")
    create_keys(folder / "keys")
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("CERTFLOW_CONFIG", raising=False)
        patch.chdir(folder)
        body = certflow.open("memory://", clock=FixedClock(date(2024, 10, 21), tz=WIB))
        appoint_standard_staff(body)
        world = build_world(body)
        issued = world.lsp.issue_api_token(person_id=MANAGER.id, label="fuzz", actor=ADMIN)
        app = create_app(ServiceSettings(base_url="https://sertifikat.lsp.example"), body=body)
        loaded = schemathesis.openapi.from_asgi("/openapi.json", app)
        yield Served(app, loaded, {"Authorization": f"Bearer {issued.token}"})
        body.close()


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


def _labels() -> list[str]:
    """Every operation of the document, as schemathesis names it (``GET /health/live``)."""
    methods = ("get", "put", "post", "delete", "patch")
    paths = openapi_document()["paths"]
    return [f"{m.upper()} {path}" for path, item in paths.items() for m in methods if m in item]


@pytest.mark.parametrize("label", _labels())
def test_every_operation_answers_as_documented_and_never_5xx(served: Served, label: str) -> None:
    staff = served.staff
    operation = served.loaded.find_operation_by_label(label)
    assert operation is not None, label

    @BOUNDED
    @given(case=operation.as_strategy())
    def answers_as_documented(case: Any) -> None:
        _bounded(case).call_and_validate(headers=staff, checks=CHECKS)

    answers_as_documented()


def test_stateful_run_over_the_document_s_links(served: Served) -> None:
    staff = served.staff

    class Machine(served.loaded.as_state_machine()):  # type: ignore[misc]
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
