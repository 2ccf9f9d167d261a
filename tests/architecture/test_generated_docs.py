"""Generated documentation is never stale."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from certflow.cli import app
from certflow.domain import CERTIFICATION_WORKFLOW, RULEBOOK, rules_markdown, workflow_markdown

DOCS = Path(__file__).parents[2] / "docs"
REGENERATE = (
    'python -c "from certflow.domain import rules_markdown as r, workflow_markdown as w; '
    "open('docs/rules.md','w').write(r()); open('docs/workflow.md','w').write(w())\""
)


def test_docs_rules_md_is_generated_from_the_rulebook() -> None:
    assert (DOCS / "rules.md").read_text() == rules_markdown(), f"stale: run {REGENERATE}"


def test_docs_workflow_md_is_generated_from_the_definition() -> None:
    assert (DOCS / "workflow.md").read_text() == workflow_markdown(), f"stale: run {REGENERATE}"


def test_every_rule_id_a_move_cites_is_in_the_rulebook_and_back() -> None:
    cited = {i for m in CERTIFICATION_WORKFLOW.moves for i in m.rule_ids}
    assert cited == {e.rule_id for e in RULEBOOK}


def test_certflow_diagram_prints_the_mermaid_of_the_definition() -> None:
    result = CliRunner().invoke(app, ["diagram"])
    assert result.exit_code == 0
    assert result.stdout == CERTIFICATION_WORKFLOW.to_mermaid()
