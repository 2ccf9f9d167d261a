"""The service publishes the event schemas: the same documents as docs/schemas/."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient

from certflow.application import public_event_classes

DOCS = Path(__file__).parents[2] / "docs" / "schemas"


def test_the_index_lists_every_public_type(client: TestClient) -> None:
    index = client.get("/v1/schemas").json()["types"]
    assert len(index) == len(public_event_classes())
    published = json.loads((DOCS / "index.json").read_text())["types"]
    assert [row["type"] for row in index] == [row["type"] for row in published]
    assert all(row["schema_id"] == f"urn:certflow:schema:{row['type']}" for row in index)


def test_each_schema_is_the_published_file_and_its_id_is_the_events_dataschema(
    client: TestClient,
) -> None:
    for row in client.get("/v1/schemas").json()["types"]:
        answer = client.get(f"/v1/schemas/{row['type']}")
        assert answer.status_code == 200
        assert answer.headers["content-type"] == "application/schema+json"
        document = answer.json()
        assert document == json.loads((DOCS / f"{row['type']}.json").read_text())
        assert document["$id"] == row["schema_id"]


def test_an_unknown_type_is_a_problem(client: TestClient) -> None:
    answer = client.get("/v1/schemas/id.certflow.nothing.v1", headers={"Accept-Language": "en"})
    assert answer.status_code == 404
    assert answer.headers["content-type"] == "application/problem+json"
    assert "GET /v1/schemas" in answer.json()["detail"]
