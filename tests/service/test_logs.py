"""The request log: one JSON line per request, and no personal data in it."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from certflow.service.logs import JsonFormatter
from tests.support import World

NIK = "3201010101010000"
NAME = "Kandidat 0"
TOKEN = "eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"
SECRET = "cf_live_0123456789abcdef"


class Captured(logging.Handler):
    """Every record of the service's loggers, as the JSON line the service writes."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(JsonFormatter())
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture
def logged() -> Iterator[Captured]:
    """The service's log lines (attached to its logger, which may not propagate)."""
    logger = logging.getLogger("certflow.service")
    handler = Captured()
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield handler
    logger.removeHandler(handler)
    logger.setLevel(level)


def test_a_request_s_log_line_names_its_route_never_a_name_nik_token_or_query(
    client: TestClient, world: World, logged: Captured
) -> None:
    assert world.candidates  # the store holds the person whose name and NIK are sent
    sent = [
        f"/problems/{TOKEN}?name={NAME.replace(' ', '+')}&nik={NIK}",
        f"/v/{TOKEN}?lang=en",
        f"/verify?number=PK.0001&name={NAME.replace(' ', '%20')}&nik={NIK}",
        f"/no/such/{NIK}",
    ]
    for path in sent:
        client.get(path, headers={"Authorization": f"Bearer {SECRET}", "X-Request-ID": "req-1"})
    lines = logged.lines
    requests = [json.loads(line) for line in lines if '"message": "request"' in line]
    assert len(requests) == len(sent)
    assert requests[0]["route"] == "/problems/{slug}"
    for line in requests:
        assert set(line) >= {"time", "level", "request_id", "method", "route", "status", "ms"}
        assert line["request_id"] == "req-1"
        assert "?" not in line["route"]
    for line in lines:
        for secret in (NIK, NAME, "Kandidat", TOKEN, TOKEN[:20], SECRET, "name=", "nik="):
            assert secret not in line, f"{secret!r} logged: {line}"


def test_a_request_id_that_could_forge_a_log_line_is_replaced(
    client: TestClient, logged: Captured
) -> None:
    forged = 'x", "status": 200, "nik": "' + NIK
    answer = client.get("/health/live", headers={"X-Request-ID": forged})
    given = answer.headers["x-request-id"]
    assert given != forged
    assert len(given) == 32
    lines = logged.lines
    assert lines
    assert all(NIK not in line for line in lines)
    assert json.loads(lines[-1])["request_id"] == given
