"""Old stores stay readable: the committed golden store replays, verifies, and upcasts."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any
from uuid import UUID

import certflow
from certflow.application.chain import verify
from certflow.bootstrap import services_of
from certflow.domain import Certification

FIXTURES = Path(__file__).parents[1] / "fixtures"
GOLDEN = ["golden-0.1"]
"""Every golden store ever committed, oldest first; add one per release, never remove one."""


def _open(name: str, tmp_path: Path) -> certflow.CertificationBody:
    copy = tmp_path / f"{name}.db"
    shutil.copy(FIXTURES / f"{name}.db", copy)
    return certflow.open(f"sqlite:///{copy}", clock=certflow.FixedClock(_as_of(), tz=certflow.WIB))


def _as_of():  # the day the golden views were recorded
    from datetime import date

    return date(2025, 1, 31)


def test_every_golden_history_replays_to_its_recorded_view(tmp_path: Path) -> None:
    for name in GOLDEN:
        lsp = _open(name, tmp_path)
        recorded = json.loads((FIXTURES / f"{name}.views.json").read_text())
        assert len(recorded) == 124
        for cert_id, view in recorded.items():
            now = lsp.get(cert_id).model_dump(mode="json")
            expected = _as_defined_now(view)
            assert _recorded_part(now, expected) == expected, cert_id
        lsp.close()


def _recorded_part(now: Any, recorded: Any) -> Any:
    """``now`` cut down to the keys ``recorded`` has, at every depth: new fields may follow
    (a view's, or a policy's fields added later with their defaults)."""
    if isinstance(recorded, dict) and isinstance(now, dict):
        return {key: _recorded_part(now.get(key), value) for key, value in recorded.items()}
    if isinstance(recorded, list) and isinstance(now, list) and len(now) == len(recorded):
        return [_recorded_part(n, r) for n, r in zip(now, recorded, strict=True)]
    return now


def _as_defined_now(view: dict[str, Any]) -> dict[str, Any]:
    """A recorded view with what the definition (not the history) says today.

    ``on_due`` is read from the workflow definition, not from the history: since decision 0015
    an overdue surveillance is escalated by the sweep (``escalate_surveillance``, R43).
    """
    deadlines = [
        {**d, "on_due": "escalate_surveillance"} if d.get("name") == "surveillance" else d
        for d in view.get("deadlines", [])
    ]
    return {**view, "deadlines": deadlines} if "deadlines" in view else view


def test_every_golden_store_verifies_and_replays_legally(tmp_path: Path) -> None:
    for name in GOLDEN:
        lsp = _open(name, tmp_path)
        report = verify(services_of(lsp).store.recorder)
        assert report.intact, report.findings[:3]
        assert report.records > 1800
        assert lsp.audit_replay().illegal == []
        lsp.close()


def test_a_version_1_distribution_event_is_upcast(tmp_path: Path) -> None:
    lsp = _open("golden-0.1", tmp_path)
    path = Path(lsp.store.env["SQLITE_DBNAME"])
    lsp.close()
    with sqlite3.connect(path) as db:
        rowid, state = db.execute(
            "SELECT rowid, state FROM stored_events WHERE topic = ? LIMIT 1",
            (Certification.CertificateDistributed.TOPIC,),
        ).fetchone()
        data = json.loads(state)
        assert data.pop("class_version") == 2
        assert data.pop("receipt_ref").startswith("TT/")
        db.execute(
            "UPDATE stored_events SET state = ? WHERE rowid = ?", (json.dumps(data).encode(), rowid)
        )
    lsp = certflow.open(f"sqlite:///{path}", clock=certflow.FixedClock(_as_of(), tz=certflow.WIB))
    (row,) = services_of(lsp).store.recorder.select_notifications(start=rowid, limit=1)
    event = services_of(lsp).store.mapper.to_domain_event(row)
    assert isinstance(event, Certification.CertificateDistributed)
    assert event.receipt_ref == ""
    assert lsp.get(event.originator_id).distributed_on == event.distributed_on
    lsp.close()


def test_a_version_1_scheme_is_upcast_with_the_old_number_format(tmp_path: Path) -> None:
    lsp = _open("golden-0.1", tmp_path)
    schemes = lsp.list_schemes()
    assert [s.number_format for s in schemes] == ["{prefix}/{seq:05d}/{year}"] * 2
    lsp.close()


def test_certificates_printed_before_names_were_bound_verify_as_before(tmp_path: Path) -> None:
    from certflow import CertificateStatus, NameCheck

    lsp = _open("golden-0.1", tmp_path)
    try:
        printed = [
            e
            for e in services_of(lsp).store.scan([Certification.CertificatePrinted.TOPIC])
            if isinstance(e, Certification.CertificatePrinted)
        ]
        assert printed
        assert {(e.holder_name_hash, e.holder_name_salt) for e in printed} == {("", "")}
        answers = [lsp.verify_certificate(e.certificate_number) for e in printed[:20]]
        assert {a.name_check for a in answers} <= {NameCheck.NOT_BOUND, NameCheck.ERASED}
        assert NameCheck.NOT_BOUND in {a.name_check for a in answers}
        bound = [a for a in answers if a.name_check is NameCheck.NOT_BOUND]
        assert all(a.holder and not a.holder.startswith("[") for a in bound)
        assert CertificateStatus.VALID in {a.status for a in answers}
    finally:
        lsp.close()


def test_golden_decisions_prints_and_registrations_read_as_not_recorded(tmp_path: Path) -> None:
    lsp = _open("golden-0.1", tmp_path)
    store = services_of(lsp).store
    recorded = json.loads((FIXTURES / "golden-0.1.views.json").read_text())
    seen: set[str] = set()
    for cert_id in recorded:
        for event in store.events(UUID(cert_id)):
            if isinstance(event, Certification.Decided):
                assert (event.unit_outcomes, event.deciders) == ({}, [])
                assert event.recommendation_version is event.report_version is None
            elif isinstance(event, Certification.CertificatePrinted):
                assert event.signed_by == {}
            elif isinstance(event, Certification.Registered):
                assert event.logbook_evidence == []
            else:
                continue
            seen.add(type(event).__name__)
    assert seen == {"Decided", "CertificatePrinted", "Registered"}
    lsp.close()
