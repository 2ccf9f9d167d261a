"""The dates a certification's commands and deadlines compute from its facts and its policy.

Pure functions of recorded facts: a command computes a date once and records it in its event,
so replay never computes one again, and a later change of the scheme's policy never moves a
date already recorded.
"""

from __future__ import annotations

from datetime import date, timedelta

from certflow.domain.certification_state import CertificationState
from certflow.domain.values import SchemePolicy, add_months

__all__ = [
    "appeal_decision_due_on",
    "appeal_window_ends_on",
    "certificate_validity",
    "distribution_due_on",
    "surveillance_due_on",
    "surveillance_escalation_due_on",
    "units_needing_reassessment",
    "working_days_after",
]


def distribution_due_on(assessment_date: date, policy: SchemePolicy) -> date:
    """The day by which the certificate is handed over, counted from the assessment (R41)."""
    return assessment_date + timedelta(days=policy.distribution_deadline_days)


def appeal_window_ends_on(decided_on: date, policy: SchemePolicy) -> date:
    """The last day a BK decision may be appealed (R49)."""
    return decided_on + timedelta(days=policy.appeal_window_days)


def appeal_decision_due_on(lodged_on: date, policy: SchemePolicy) -> date:
    """The day by which a lodged appeal is decided (R50)."""
    return lodged_on + timedelta(days=policy.appeal_decision_days)


def certificate_validity(decided_on: date, policy: SchemePolicy) -> tuple[date, date]:
    """The first and last valid day of a certificate (R38).

    Validity runs from the decision date for the scheme's ``validity_months``; the last valid
    day is the day before the same date that many months later.
    """
    return decided_on, add_months(decided_on, policy.validity_months) - timedelta(days=1)


def surveillance_due_on(state: CertificationState) -> date:
    """The day the next surveillance of a distributed certificate is due (R43)."""
    last = state.last_surveillance_on or state.valid_from
    assert last is not None  # a distributed certificate was printed with its validity
    return add_months(last, state.policy.surveillance_interval_months) - timedelta(1)


def units_needing_reassessment(state: CertificationState, today: date) -> list[str]:
    """Units a re-assessment must cover: BK units, and K units past the carry-over period."""
    months = state.policy.carry_over_months
    needed = []
    for unit in state.unit_codes:
        since = state.k_since.get(unit)
        if since is None or today > add_months(since, months):
            needed.append(unit)
    return needed


def working_days_after(day: date, days: int) -> date:
    """The day ``days`` working days (Monday to Friday) after ``day`` (no holiday calendar)."""
    current, left = day, days
    while left > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            left -= 1
    return current


def surveillance_escalation_due_on(state: CertificationState) -> date:
    """When the next step of an overdue surveillance is due (R43).

    The surveillance due date while nothing is open; then the reminder's or the warning's
    ``respond_by``, recorded with the step (never computed again).
    """
    if state.surveillance_escalation and state.surveillance_respond_by is not None:
        return state.surveillance_respond_by
    return surveillance_due_on(state)
