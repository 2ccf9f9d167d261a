"""Snapshots are stored as one typed document; eventsourcing's own snapshot form still loads.

A certification's snapshot (``certflow/Certification.Snapshot``) is one JSON document of
declared types, read in one call; snapshots stored before it (eventsourcing's ``Snapshot``, its
attributes as transcoded JSON) are still used when they match their seals. A document written
under another class version of the certification is not read: the record is replayed from its
events. A past version that has a snapshot of its own is read from the snapshot alone.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from eventsourcing.domain import Snapshot

import certflow
from certflow import FixedClock
from certflow.bootstrap import services_of
from certflow.domain import WIB, Certification
from certflow.domain.certification_snapshot import CertificationSnapshot
from certflow.engine.snapshots import SealedSnapshots
from tests.support import build_world

EVERY = 5  # the main path is 15 events: snapshots at 5, 10 and 15


def _open(url: str, every: int | None = EVERY) -> certflow.CertificationBody:
    return certflow.open(url, clock=FixedClock(date(2024, 10, 14), tz=WIB), snapshot_every=every)


def _views(url: str, cert: UUID) -> list[certflow.CertificationView]:
    """The view at every version, from events alone."""
    plain = certflow.open(url)
    try:
        return [plain.state_at(cert, version=v) for v in range(1, plain.get(cert).version + 1)]
    finally:
        plain.close()


@pytest.fixture
def stored(tmp_path: Path) -> tuple[str, UUID]:
    url = f"sqlite:///{tmp_path / 'forms.db'}"
    lsp = _open(url)
    cert = build_world(lsp).through("distributed")
    lsp.close()
    return url, cert


def test_a_snapshot_is_one_document_of_declared_types(stored: tuple[str, UUID]) -> None:
    url, cert = stored
    lsp = _open(url)
    store = services_of(lsp).store
    with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
        rows = db.execute("SELECT originator_version, topic, state FROM stored_snapshots")
        found = {version: (topic, bytes(state)) for version, topic, state in rows}
    assert sorted(found) == [5, 10, 15]
    for version, (topic, state) in found.items():
        assert topic == CertificationSnapshot.TOPIC
        assert state.startswith(b'{"class_version":2,')
        assert b"_type_" not in state  # no per-value type tags
        past = store.load(Certification, cert, version)
        legacy = store.mapper.to_stored_event(Snapshot.take(past))
        assert len(state) < len(legacy.state)
    assert not store.check_snapshots([cert])
    assert [lsp.state_at(cert, version=v) for v in range(1, 16)] == _views(url, cert)
    lsp.close()


def test_the_document_gives_back_every_attribute_of_the_certification(
    stored: tuple[str, UUID],
) -> None:
    url, cert = stored
    lsp = _open(url)
    store = services_of(lsp).store
    assert Certification.Snapshot is CertificationSnapshot
    assert CertificationSnapshot.aggregate_topic == Certification.TOPIC
    assert CertificationSnapshot.aggregate_class_version == Certification.class_version
    for snapshot in store.snapshots(cert):
        assert isinstance(snapshot, CertificationSnapshot)
        restored = snapshot.mutate(None)
        replayed = store.load(Certification, cert, snapshot.originator_version)
        assert vars(restored).keys() == vars(replayed).keys()
        for name, value in vars(replayed).items():
            assert getattr(restored, name) == value, name
    lsp.close()


def test_snapshots_in_eventsourcings_own_form_are_still_used(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'legacy.db'}"
    lsp = _open(url, every=1000)  # no snapshot of its own on a 15-event path
    cert = build_world(lsp).through("distributed")
    store = services_of(lsp).store
    snapshots = store._app.snapshots
    assert isinstance(snapshots, SealedSnapshots)
    for version in (5, 10):  # sealed as they were before the typed document
        snapshots.put([Snapshot.take(store.load(Certification, cert, version))])
    lsp.close()

    reopened = _open(url, every=1000)
    store = services_of(reopened).store
    kept = store.snapshots(cert)
    assert [type(s) for s in kept] == [Snapshot, Snapshot]
    assert not store.check_snapshots([cert])
    read: list[tuple[int | None, int | None]] = []
    events = store._app.repository.event_store
    real_get = events.get

    def spy(*args: Any, **kwargs: Any) -> Any:
        read.append((kwargs.get("gt"), kwargs.get("lte")))
        return real_get(*args, **kwargs)

    events.get = spy  # type: ignore[method-assign]
    views = [reopened.state_at(cert, version=v) for v in range(1, 16)]
    assert views == _views(url, cert)
    assert (10, 12) in read  # from the snapshot at 10
    reopened.close()


def test_no_event_is_read_past_a_snapshot_of_the_version_asked_for(
    stored: tuple[str, UUID],
) -> None:
    url, cert = stored
    lsp = _open(url)
    events = services_of(lsp).store._app.repository.event_store
    read: list[tuple[int | None, int | None]] = []
    real_get = events.get

    def spy(*args: Any, **kwargs: Any) -> Any:
        read.append((kwargs.get("gt"), kwargs.get("lte")))
        return real_get(*args, **kwargs)

    events.get = spy  # type: ignore[method-assign]
    view = lsp.state_at(cert, version=10)
    assert view.version == 10
    assert read == []
    assert lsp.state_at(cert, version=12).version == 12
    assert read == [(10, 12)]
    lsp.close()
    assert view == _views(url, cert)[9]


def test_a_document_of_another_class_version_is_not_read(
    stored: tuple[str, UUID], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, cert = stored
    expected = _views(url, cert)
    monkeypatch.setattr(CertificationSnapshot, "aggregate_class_version", 3)
    lsp = _open(url)
    store = services_of(lsp).store
    snapshots = store._app.snapshots
    assert isinstance(snapshots, SealedSnapshots)
    assert store.snapshots(cert) == []  # sealed, but written under version 2
    assert [lsp.state_at(cert, version=v) for v in range(1, 16)] == expected  # from events
    assert snapshots.stale > 0
    assert snapshots.rejected == 0
    assert not store.check_snapshots([cert])  # not tampered with, only older
    lsp.close()
