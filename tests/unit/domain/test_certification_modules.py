"""The aggregate's sibling modules: the dates it computes, and no import back to the aggregate."""

from __future__ import annotations

import ast
from datetime import UTC, date, datetime
from pathlib import Path
from uuid import uuid4

import pytest

from certflow.domain import (
    AssessmentMethod,
    Certification,
    CertificationState,
    Purpose,
    SchemePolicy,
)
from certflow.domain import certification_events as ev
from certflow.domain.certification_dates import (
    appeal_decision_due_on,
    appeal_window_ends_on,
    certificate_validity,
    distribution_due_on,
    surveillance_due_on,
    units_needing_reassessment,
)

DOMAIN = Path(__file__).parents[3] / "src" / "certflow" / "domain"
POLICY = SchemePolicy(
    validity_months=36,
    distribution_deadline_days=30,
    appeal_window_days=14,
    appeal_decision_days=21,
    carry_over_months=12,
    surveillance_interval_months=12,
)


def _state(**changes: object) -> CertificationState:
    state = CertificationState(
        subject_id=uuid4(),
        scheme_id=uuid4(),
        scheme_code="SKM-1",
        scheme_version=1,
        unit_codes=("U.001", "U.002", "U.003"),
        scheme_methods=(AssessmentMethod.PORTFOLIO, AssessmentMethod.INTERVIEW),
        session_id=uuid4(),
        session_starts_on=date(2024, 11, 6),
        assessment_date=date(2024, 11, 8),
        purpose=Purpose.CERTIFICATION,
        policy=POLICY,
        distribution_due_on=date(2024, 12, 8),
        previous_certification_id=None,
        registered_at=datetime(2024, 10, 21, 3, tzinfo=UTC),
    )
    return state.evolve(**changes)


def test_deadlines_count_the_policys_days_from_their_day() -> None:
    assert distribution_due_on(date(2024, 11, 8), POLICY) == date(2024, 12, 8)
    assert appeal_window_ends_on(date(2024, 11, 20), POLICY) == date(2024, 12, 4)
    assert appeal_decision_due_on(date(2024, 11, 25), POLICY) == date(2024, 12, 16)


def test_a_certificate_is_valid_until_the_day_before_the_same_date_months_later() -> None:
    assert certificate_validity(date(2024, 11, 20), POLICY) == (
        date(2024, 11, 20),
        date(2027, 11, 19),
    )
    assert certificate_validity(date(2024, 2, 29), POLICY)[1] == date(2027, 2, 27)


def test_surveillance_is_due_an_interval_after_the_last_one_or_the_validity_start() -> None:
    printed = _state(valid_from=date(2024, 11, 20))
    assert surveillance_due_on(printed) == date(2025, 11, 19)
    surveilled = printed.evolve(last_surveillance_on=date(2025, 6, 1))
    assert surveillance_due_on(surveilled) == date(2026, 5, 31)


def test_reassessment_covers_bk_units_and_k_units_past_the_carry_over() -> None:
    state = _state(k_since={"U.001": date(2024, 11, 8), "U.002": date(2023, 1, 10)})
    assert units_needing_reassessment(state, date(2025, 11, 8)) == ["U.002", "U.003"]
    assert units_needing_reassessment(state, date(2025, 11, 9)) == ["U.001", "U.002", "U.003"]


def test_the_aggregate_keeps_its_nested_events_and_their_topics() -> None:
    for name in ev.__all__:
        nested = getattr(Certification, name)
        assert nested.__qualname__ == f"Certification.{name}"
        assert nested.__module__ == "certflow.domain.certification"
        topic = nested.TOPIC
        assert topic == f"certflow/Certification.{name}"
        assert issubclass(nested, getattr(ev, name))
    aggregate_topic = Certification.TOPIC
    assert aggregate_topic == "certflow/Certification"


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
    return names


@pytest.mark.parametrize(
    "module",
    [
        "rules/__init__.py",
        "rules/application.py",
        "rules/assessment.py",
        "rules/certificate.py",
        "rules/context.py",
        "rules/decision.py",
        "certification_workflow.py",
        "certification_record.py",
        "certification_dates.py",
        "certification_assessment.py",
        "certification_decision.py",
        "certification_certificate.py",
    ],
)
def test_the_aggregates_rules_workflow_and_commands_never_import_it(module: str) -> None:
    imported = _imports(DOMAIN / module)
    assert "certflow.domain.certification" not in imported
    assert "certflow.domain.Certification" not in imported
