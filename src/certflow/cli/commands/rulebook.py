"""The rulebook and the workflow, read from their definitions; none of these opens a store.

The commands are ``rules``, ``roles``, ``docs`` (regenerates the generated docs) and ``diagram``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from certflow.application import (
    VERSIONING_ADVICE,
    scenarios_by_rule,
    schema_conflicts,
    schema_documents,
)
from certflow.cli import render
from certflow.cli.app import refusals
from certflow.cli.console import print_json, t
from certflow.cli.formats import FormatOption, JsonAlias, chosen
from certflow.cli.render.tables import emit
from certflow.domain import (
    CERTIFICATION_WORKFLOW,
    RULEBOOK,
    roles_by_move,
    roles_markdown,
    rules_markdown,
    workflow_markdown,
)

__all__ = ["commands", "diagram", "docs", "roles", "rules"]

commands = typer.Typer()


@commands.command()
@refusals
def rules(
    features: Annotated[
        Path,
        typer.Option(help="Where the rulebook's .feature files are (for the scenario column)."),
    ] = Path("features/certification"),
    output: FormatOption = None,
    as_json: JsonAlias = False,
) -> None:
    """Every rule id with its sentence, source and the scenarios that exercise it.

    The older ``--json`` prints each rule's sentence in both languages (``id``, ``en``).
    """
    fmt = chosen(output, as_json=as_json)
    scenarios = scenarios_by_rule(features) if features.is_dir() else {}
    if as_json:
        print_json(
            [
                {
                    "rule_id": e.rule_id,
                    "id": e.title.id,
                    "en": e.title.en,
                    "how": e.how,
                    "source": e.source,
                    "scenarios": scenarios.get(e.rule_id, []),
                    "tests": list(e.tests),
                }
                for e in RULEBOOK
            ]
        )
        return
    title = t("Certification rules")
    emit(fmt, render.RULE_COLUMNS, render.rule_rows(RULEBOOK, scenarios), title=title)


@commands.command()
@refusals
def roles(output: FormatOption = None, as_json: JsonAlias = False) -> None:
    """Each role and the moves it may make, from the workflow definition.

    The older ``--json`` prints one object, role to moves.
    """
    fmt = chosen(output, as_json=as_json)
    moves = roles_by_move()
    if as_json:
        print_json(moves)
        return
    title = t("Who may do what")
    emit(fmt, render.ROLE_COLUMNS, render.role_rows(moves), title=title)


@commands.command()
def docs(
    write: Annotated[Path, typer.Option(help="The docs folder to write into.")] = Path("docs"),
    features: Annotated[Path, typer.Option(help="The rulebook's features.")] = Path(
        "features/certification"
    ),
) -> None:
    """Regenerate the generated pages of docs/: rules, workflow, roles, steps, event schemas.

    Also the HTTP API's OpenAPI document (docs/api/openapi.json) and its page, which need the
    service extra.
    """
    write.mkdir(parents=True, exist_ok=True)
    _write_schemas(write / "schemas")
    (write / "rules.md").write_text(rules_markdown(scenarios_by_rule(features)), "utf-8")
    (write / "workflow.md").write_text(workflow_markdown(), "utf-8")
    (write / "roles.md").write_text(roles_markdown(), "utf-8")
    try:
        from certflow.testing.steps import steps_markdown
    except ImportError:  # pytest-bdd missing: the vocabulary cannot be loaded
        sys.stderr.write("steps.md not written: install certflow[testing]\n")
    else:
        (write / "steps.md").write_text(steps_markdown(), "utf-8")
    try:
        from certflow.service import openapi_document, openapi_json, openapi_markdown
    except ImportError:  # FastAPI missing: the service cannot describe itself
        sys.stderr.write("api/openapi.json not written: install certflow[service]\n")
    else:
        schema = openapi_document()
        (write / "api").mkdir(exist_ok=True)
        (write / "api" / "openapi.json").write_text(openapi_json(schema), "utf-8")
        (write / "api" / "index.md").write_text(openapi_markdown(schema), "utf-8")


def _write_schemas(folder: Path) -> None:
    """Write docs/schemas/, unless a published schema would change incompatibly (exit 1)."""
    folder.mkdir(parents=True, exist_ok=True)
    published = {p.name: json.loads(p.read_text("utf-8")) for p in folder.glob("*.json")}
    conflicts = schema_conflicts(published)
    if conflicts:
        for line in conflicts:
            sys.stderr.write(f"{folder / line}\n")
        sys.stderr.write(f"event schemas not written: {VERSIONING_ADVICE}\n")
        raise typer.Exit(1)
    for name, text in schema_documents().items():
        (folder / name).write_text(text, "utf-8")


@commands.command()
def diagram() -> None:
    """Print the certification workflow as a Mermaid state diagram, from its definition."""
    sys.stdout.write(CERTIFICATION_WORKFLOW.to_mermaid())
