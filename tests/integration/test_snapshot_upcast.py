"""Snapshots written before the certification state existed (flat facts) still decode.

Such snapshots are older than snapshot seals, so they are not used for loading (the record is
replayed from its events, to the same view) and ``check_snapshots`` names them; the upcaster
still turns their flat facts into the state.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

from eventsourcing.domain import Snapshot

import certflow
from certflow import FixedClock
from certflow.bootstrap import services_of
from certflow.domain import WIB, Certification
from tests.support import build_world


def test_a_snapshot_with_flat_facts_loads_into_the_same_view(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'snap.db'}"
    lsp = certflow.open(url, clock=FixedClock(date(2024, 10, 14), tz=WIB), snapshot_every=2)
    cert = build_world(lsp).through("distributed")
    expected = lsp.get(cert)
    lsp.close()

    # Rewrite every snapshot the way certflow 0.1 stored it: eventsourcing's own snapshot (not
    # today's typed document), its facts as attributes, no version.
    plain = services_of(certflow.open(url)).store
    with sqlite3.connect(tmp_path / "snap.db") as db:
        rows = db.execute(
            "SELECT originator_id, originator_version FROM stored_snapshots"
        ).fetchall()
        assert rows
        for originator_id, originator_version in rows:
            past = plain.load(Certification, cert, originator_version)
            legacy = plain.mapper.to_stored_event(Snapshot.take(past))
            data = json.loads(legacy.state)
            aggregate = data["state"]
            assert aggregate.pop("class_version") == 2
            state = aggregate.pop("state")
            assert state["_type_"] == "certflow.CertificationState"
            aggregate.update(state["_data_"])
            db.execute(
                "UPDATE stored_snapshots SET topic = ?, state = ? "
                "WHERE originator_id = ? AND originator_version = ?",
                (legacy.topic, json.dumps(data).encode(), originator_id, originator_version),
            )
    plain.close()

    reopened = certflow.open(url, clock=FixedClock(date(2024, 10, 14), tz=WIB), snapshot_every=2)
    store = services_of(reopened).store
    assert store.snapshotting
    assert not store.snapshots(cert)  # unsealed now: never used
    assert {f.version for f in store.check_snapshots([cert])} == {r[1] for r in rows}
    recorder = store._app.factory.aggregate_recorder(purpose="snapshots")
    for stored in recorder.select_events(cert):
        legacy = store.mapper.to_domain_event(stored).mutate(None)  # type: ignore[attr-defined]
        assert legacy.state == store.load(type(legacy), cert, stored.originator_version).state
    assert reopened.get(cert) == expected
    for version in (3, 6, expected.version):
        assert reopened.state_at(cert, version=version) == lsp_view_at(url, cert, version)
    reopened.close()


def lsp_view_at(url: str, cert: object, version: int) -> certflow.CertificationView:
    """The view at ``version`` from events alone (no snapshot)."""
    plain = certflow.open(url, clock=FixedClock(date(2024, 10, 14), tz=WIB))
    try:
        return plain.state_at(str(cert), version=version)
    finally:
        plain.close()
