"""The data-protection rules (R39, R60-R63) and the sponsor's regions, decided without a store."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from certflow.application import region_of
from certflow.domain import WIB, Breach, BreachStatus
from certflow.domain.data_protection import (
    all_decided,
    correction_changes,
    disclosure_allowed,
    retention_ended,
)
from certflow.engine import Actor


def test_regions_are_the_polda_names_and_headquarters() -> None:
    assert region_of("Polda Jawa Barat") == "Jawa Barat"
    assert region_of("polda Aceh") == "Aceh"
    assert region_of("Divhumas Polri") == "Mabes Polri"
    assert region_of("") == "-"


def test_r39_needs_every_candidate_decided_and_one_at_least() -> None:
    assert all_decided.evaluate({"undecided": 0, "listed": 3}) is None
    assert all_decided.evaluate({"undecided": 1, "listed": 3}) is not None
    assert all_decided.evaluate({"undecided": 0, "listed": 0}) is not None


def test_r60_refuses_while_a_cycle_runs_and_until_the_day_after_retention() -> None:
    today = date(2027, 11, 13)
    assert retention_ended.evaluate({"retain_until": None, "today": today}) is not None
    assert retention_ended.evaluate({"retain_until": today, "today": today}) is not None
    assert retention_ended.evaluate({"retain_until": today, "today": today + timedelta(1)}) is None


def test_r61_refuses_empty_unknown_or_leaking_corrections() -> None:
    ok = {"fields": ["unit"], "values": ["Polda Aceh"], "reason": "satker salah"}
    assert correction_changes.evaluate(ok) is None
    assert correction_changes.evaluate({**ok, "fields": []}) is not None
    assert correction_changes.evaluate({**ok, "fields": ["blood"]}) is not None
    assert correction_changes.evaluate({**ok, "reason": "pindah ke polda aceh"}) is not None


def test_r62_needs_a_recipient_and_a_reference_and_a_basis_in_force() -> None:
    record = {"trigger": "record_disclosure_basis", "recipient": "divhumas", "reference": "PKS"}
    assert disclosure_allowed.evaluate(record) is None
    assert disclosure_allowed.evaluate({**record, "reference": " "}) is not None
    violation = disclosure_allowed.evaluate({"basis": None, "recipient": "divhumas", "scope": "X"})
    assert violation is not None
    assert "certflow disclosure record" in violation.text.en


def test_r63_a_breach_is_due_72_hours_after_discovery_and_swept_once() -> None:
    found = datetime(2024, 11, 1, 9, tzinfo=WIB)
    dpo = Actor("dpo-01", "data_protection_officer")
    breach = Breach.discover(
        "BR-1", nature="x", subjects_affected=1, discovered_at=found, actor=dpo, at=found
    )
    assert breach.notify_by == found + timedelta(hours=72)
    sweep = Actor("certflow-sweep", "system")
    assert breach.sweep(actor=sweep, at=found + timedelta(days=3)) == []
    assert breach.sweep(actor=sweep, at=found + timedelta(days=4)) == ["escalate_breach"]
    assert breach.sweep(actor=sweep, at=found + timedelta(days=5)) == []
    assert breach.status is BreachStatus.NOTIFICATION_OVERDUE
    late = [d for d in breach.deadlines(date(2024, 11, 6)) if d.name == "breach_notification"]
    assert late[0].overdue
