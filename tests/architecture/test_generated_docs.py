"""Generated documentation is never stale, and every rule has its scenarios."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from certflow.application.rulebook import scenarios_by_rule
from certflow.cli import app
from certflow.domain import (
    ALL_RULES,
    CERTIFICATION_WORKFLOW,
    RULEBOOK,
    rules_markdown,
    workflow_markdown,
)
from certflow.testing.steps import steps_markdown

ROOT = Path(__file__).parents[2]
DOCS = ROOT / "docs"
FEATURES = ROOT / "features" / "certification"
REGENERATE = "python -m certflow docs --write docs"


def test_docs_rules_md_is_generated_from_the_rulebook_and_the_scenarios() -> None:
    expected = rules_markdown(scenarios_by_rule(FEATURES))
    assert (DOCS / "rules.md").read_text() == expected, f"stale: run {REGENERATE}"


def test_docs_workflow_md_is_generated_from_the_definition() -> None:
    assert (DOCS / "workflow.md").read_text() == workflow_markdown(), f"stale: run {REGENERATE}"


def test_docs_roles_md_is_generated_from_the_definition() -> None:
    from certflow.domain import roles_markdown

    assert (DOCS / "roles.md").read_text() == roles_markdown(), f"stale: run {REGENERATE}"
    table = CliRunner().invoke(app, ["roles", "--json"])
    assert '"certification_committee"' in table.stdout
    assert '"decide"' in table.stdout


def test_docs_steps_md_is_generated_from_the_vocabulary() -> None:
    assert (DOCS / "steps.md").read_text() == steps_markdown(), f"stale: run {REGENERATE}"


def test_every_rule_id_a_move_cites_is_in_the_rulebook_and_back() -> None:
    from certflow.application.trust import GATE_RULE_IDS
    from certflow.domain import (
        BREACH_WORKFLOW,
        COMPLAINT_WORKFLOW,
        CORRECTION_WORKFLOW,
        DISCLOSURE_WORKFLOW,
        MISCONDUCT_WORKFLOW,
        RETENTION_WORKFLOW,
        SUBJECT_WORKFLOW,
        TUK_WORKFLOW,
    )
    from certflow.domain.data_protection import all_decided
    from certflow.domain.session import SESSION_WORKFLOW

    workflows = (
        CERTIFICATION_WORKFLOW,
        SUBJECT_WORKFLOW,
        SESSION_WORKFLOW,
        TUK_WORKFLOW,
        CORRECTION_WORKFLOW,
        DISCLOSURE_WORKFLOW,
        BREACH_WORKFLOW,
        RETENTION_WORKFLOW,
        COMPLAINT_WORKFLOW,
        MISCONDUCT_WORKFLOW,
    )
    cited = {i for w in workflows for m in w.moves for i in m.rule_ids}
    cited |= {d.rule_id for w in workflows for d in w.deadlines}
    cited |= set(GATE_RULE_IDS)  # checked against the personnel register before any move
    cited.add(all_decided.rule_id)  # R39: checked when the BNSP blank request is made
    assert cited == {e.rule_id for e in RULEBOOK if e.how != "design"}
    assert {r.rule_id for r in ALL_RULES} <= cited


def test_every_rule_in_code_has_a_scenario_and_every_scenario_a_real_rule() -> None:
    covered = scenarios_by_rule(FEATURES)
    known = {e.rule_id for e in RULEBOOK}
    checked = {e.rule_id for e in RULEBOOK if e.how != "design"}
    assert sorted(checked - set(covered)) == [], "rules with no scenario"
    assert sorted(set(covered) - known) == [], "scenarios naming an unknown rule"
    for path in FEATURES.glob("*.feature"):
        for rule_id in re.findall(r'aturan "(R\d+)"', path.read_text()):
            assert rule_id in known, f"{path.name} expects a refusal under unknown {rule_id}"


def test_every_rule_reads_in_both_languages() -> None:
    for entry in RULEBOOK:
        assert entry.title.id.strip(), entry.rule_id
        assert entry.title.en.strip(), entry.rule_id
        assert entry.title.id != entry.title.en, entry.rule_id


def test_certflow_diagram_prints_the_mermaid_of_the_definition() -> None:
    result = CliRunner().invoke(app, ["diagram"])
    assert result.exit_code == 0
    assert result.stdout == CERTIFICATION_WORKFLOW.to_mermaid()


def test_every_design_rule_names_tests_that_exist() -> None:
    design = [e for e in RULEBOOK if e.how == "design"]
    assert design
    for entry in design:
        assert entry.tests, entry.rule_id
        for test in entry.tests:
            path, name = test.split("::")
            source = (ROOT / path).read_text(encoding="utf-8")
            assert re.search(rf"^def {re.escape(name)}\(", source, re.MULTILINE), test


def test_every_rule_of_the_bnsp_rulebook_r1_to_r64_is_listed() -> None:
    listed = {e.rule_id for e in RULEBOOK}
    missing = [f"R{n}" for n in range(1, 65) if f"R{n}" not in listed]
    assert missing == [], f"rules of domain.md §9 not in the rulebook: {missing}"
    rows = {r["rule_id"]: r for r in _rules_json()}
    for n in range(1, 65):
        row = rows[f"R{n}"]
        assert row["scenarios"] or (row["how"] == "design" and row["tests"]), row


def _rules_json() -> list[dict[str, object]]:
    import json

    result = CliRunner().invoke(app, ["rules", "--features", str(FEATURES), "--json"])
    assert result.exit_code == 0, result.output
    rows: list[dict[str, object]] = json.loads(result.stdout)
    return rows
