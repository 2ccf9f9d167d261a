"""The published event schemas (docs/schemas/) are current and only ever change compatibly."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from certflow.application import (
    VERSIONING_ADVICE,
    event_schema,
    incompatible_changes,
    public_event_classes,
    public_type,
    schema_conflicts,
    schema_documents,
)
from certflow.cli import app

SCHEMAS = Path(__file__).parents[2] / "docs" / "schemas"
DECIDED = "certflow/Certification.Decided"


def _published() -> dict[str, dict[str, Any]]:
    return {p.name: json.loads(p.read_text("utf-8")) for p in SCHEMAS.glob("*.json")}


def test_no_published_event_schema_changed_incompatibly() -> None:
    conflicts = schema_conflicts(_published())
    assert conflicts == [], "\n".join([*conflicts, VERSIONING_ADVICE])


def test_the_published_schemas_are_the_generated_ones() -> None:
    written = {p.name: p.read_text("utf-8") for p in SCHEMAS.glob("*.json")}
    assert written == schema_documents(), "stale: run python -m certflow docs --write docs"


def test_every_public_event_type_has_a_schema_named_by_its_type() -> None:
    index = json.loads((SCHEMAS / "index.json").read_text("utf-8"))
    assert len(index["types"]) == len(public_event_classes()) == 87
    assert public_type(DECIDED) == "id.certflow.certification.decided.v1"
    assert public_type("certflow/MisconductCase.DecisionReviewed") == (
        "id.certflow.misconduct_case.decision_reviewed.v1"
    )
    for row in index["types"]:
        assert (SCHEMAS / row["schema"]).is_file()


def test_the_contract_check_tells_compatible_from_incompatible_changes() -> None:
    published = event_schema(DECIDED)
    grown = json.loads(json.dumps(published))
    grown["properties"]["panel_size"] = {"type": "integer"}
    assert incompatible_changes(published, grown) == []

    required = json.loads(json.dumps(grown))
    required["required"].append("panel_size")
    assert incompatible_changes(published, required) == ["property 'panel_size' is newly required"]

    renamed = json.loads(json.dumps(published))
    renamed["properties"]["result"] = renamed["properties"].pop("outcome")
    assert incompatible_changes(published, renamed) == ["property 'outcome' removed or renamed"]

    retyped = json.loads(json.dumps(published))
    retyped["properties"]["decided_on"] = {"type": "integer"}
    assert "property 'decided_on' changed" in incompatible_changes(published, retyped)[0]

    gone = {"id.certflow.certification.vanished.v1.json": published}
    assert schema_conflicts(gone) == [
        "id.certflow.certification.vanished.v1.json: the published type is gone"
    ]


def test_the_docs_generator_refuses_to_overwrite_a_schema_incompatibly(tmp_path: Path) -> None:
    name = f"{public_type(DECIDED)}.json"
    schemas = tmp_path / "docs" / "schemas"
    schemas.mkdir(parents=True)
    published = event_schema(DECIDED)
    published["properties"]["verdict"] = {"type": "string"}  # a field this code no longer has
    (schemas / name).write_text(json.dumps(published), "utf-8")
    features = Path(__file__).parents[2] / "features" / "certification"
    args = ["docs", "--write", str(tmp_path / "docs"), "--features", str(features)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1
    assert "'verdict' removed or renamed" in result.stderr
    assert "MAJOR_VERSIONS" in result.stderr
    assert json.loads((schemas / name).read_text("utf-8")) == published  # left as it was

    (schemas / name).unlink()
    assert CliRunner().invoke(app, args).exit_code == 0
    assert (schemas / "index.json").is_file()
