"""The command path's reads (issue 18): fewer round trips, the same records and the same checks."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import uuid4

import pytest

import certflow
from certflow import WIB, FixedClock
from certflow.bootstrap import services_of
from certflow.domain import AssessmentSession, Certification, Scheme
from certflow.domain.certification_events import Registered
from tests.support import ADMIN, build_world


def _open(url: str) -> certflow.CertificationBody:
    return certflow.open(url, clock=FixedClock(date(2024, 10, 14), tz=WIB))


def test_a_registration_records_what_printing_needs_from_the_scheme() -> None:
    lsp = _open("memory://")
    try:
        world = build_world(lsp, candidates=1)
        cert = world.through("competent")
        state = services_of(lsp).certification(cert).state
        scheme = services_of(lsp).schemes.load(world.scheme)
        assert (state.certificate_prefix, state.number_format) == (
            scheme.certificate_prefix,
            scheme.number_format,
        )
        loads: list[Any] = []
        schemes = services_of(lsp).schemes
        original = schemes.load
        schemes.load = lambda *a, **k: loads.append(a) or original(*a, **k)  # type: ignore[method-assign]
        number = world.print(cert)
        assert loads == []  # printing no longer reads the scheme
        assert number.startswith(scheme.certificate_prefix)
    finally:
        lsp.close()


def test_a_registration_stored_before_version_3_prints_with_the_schemes_format() -> None:
    state: dict[str, Any] = {"logbook_evidence": []}
    Registered.upcast_v2_v3(state)
    assert state == {"logbook_evidence": [], "certificate_prefix": "", "number_format": ""}
    lsp = _open("memory://")
    try:
        world = build_world(lsp, candidates=2)
        recorded = world.through("competent", 0)
        old = world.through("competent", 1)
        services = services_of(lsp)
        original = services.certification

        def as_stored_before(certification_id: Any) -> Certification:
            found = original(certification_id)
            if found.id == old:  # what an upcast version 2 registration replays to
                found.state = found.state.evolve(certificate_prefix="", number_format="")
            return found

        services.certification = as_stored_before  # type: ignore[method-assign]
        loads: list[Any] = []
        load = services.schemes.load
        services.schemes.load = lambda *a, **k: loads.append(a) or load(*a, **k)  # type: ignore[method-assign]
        first = world.print(recorded)
        assert loads == []
        second = world.print(old)
        assert loads == [(world.scheme,)]  # not recorded: the scheme's own format, as before
        scheme = load(world.scheme)
        assert first.startswith(scheme.certificate_prefix)
        assert second.startswith(scheme.certificate_prefix)
        assert first != second
    finally:
        lsp.close()


def test_a_saved_record_is_cached_as_stored(store_url: str) -> None:
    """The next command reads no event back: the cache already holds what was just saved."""
    lsp = _open(store_url)
    try:
        world = build_world(lsp, candidates=1)
        cert = world.register(0)
        store = services_of(lsp).store
        read: list[int] = []
        recorder: Any = store.recorder
        original = recorder.select_events
        recorder.select_events = lambda *a, **k: read.append(len(r := original(*a, **k))) or r
        world.admit(cert)
        world.submit(cert)
        assert read  # the fast-forwards ...
        assert set(read) == {0}  # ... found nothing new
        assert lsp.get(cert).version == 3
    finally:
        lsp.close()


def test_records_found_together_are_those_found_one_by_one(durable_store_url: str) -> None:
    first, second = _open(durable_store_url), _open(durable_store_url)
    try:
        world = build_world(first, candidates=2)
        one, other = world.register(0), world.register(1)
        store = services_of(first).store
        wanted: list[Any] = [
            (Scheme, world.scheme),
            (Certification, one),
            (AssessmentSession, world.session),
            (Certification, uuid4()),  # none
            (Scheme, other),  # not a scheme
            (Certification, other),
        ]
        for kind, record_id in wanted:
            store.find(kind, record_id)  # cached
        second.clock.set(first.clock.now())  # type: ignore[attr-defined]
        second.admit(one, actor=ADMIN)  # another writer moves one on
        together = store.find_many(*wanted)
        alone = [store.find(kind, record_id) for kind, record_id in wanted]
        assert [None if r is None else (type(r), r.id, r.version) for r in together] == [
            None if r is None else (type(r), r.id, r.version) for r in alone
        ]
        assert together[1].version == 2
        assert together[3] is None
        assert together[4] is None
        assert together[1] is not alone[1]  # each caller gets its own copy
    finally:
        second.close()
        first.close()


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_cached_records_are_brought_up_to_date_in_one_query(
    kind: str, request: pytest.FixtureRequest, tmp_path: Any
) -> None:
    where = f"sqlite:///{tmp_path / 'one.db'}"
    url = where if kind == "sqlite" else str(request.getfixturevalue("pg_url"))
    lsp = _open(url)
    try:
        world = build_world(lsp, candidates=1)
        store = services_of(lsp).store
        recorder: Any = store.recorder
        single, together = recorder.select_events, recorder.select_events_after
        calls: list[str] = []
        recorder.select_events = lambda *a, **k: calls.append("one") or single(*a, **k)
        recorder.select_events_after = lambda *a, **k: calls.append("many") or together(*a, **k)
        world.register(0)
        assert calls.count("many") == 1  # the scheme and the session, together
    finally:
        lsp.close()


@pytest.mark.postgres
def test_reads_of_one_statement_keep_psycopgs_prepared_statements(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Subject, chain and checkpoint reads run outside a transaction on PostgreSQL.

    A read in ``BEGIN … ROLLBACK`` cost two round trips more, and at the ``ROLLBACK`` psycopg
    forgot every statement it had prepared on that connection, so the commands after it
    prepared theirs again (about 190 extra prepares in 405 commands, two subject reads a
    certification).
    """
    from psycopg._preparing import PrepareManager  # what psycopg empties at a ROLLBACK

    lsp = _open(pg_url)
    try:
        world = build_world(lsp, candidates=2)
        cleared: list[int] = []
        original = PrepareManager.clear
        monkeypatch.setattr(
            PrepareManager, "clear", lambda self: cleared.append(1) or original(self)
        )
        transactions: list[int] = []
        datastore = services_of(lsp).store.recorder.datastore  # type: ignore[attr-defined]
        opened = datastore.transaction
        monkeypatch.setattr(
            datastore, "transaction", lambda **k: transactions.append(1) or opened(**k)
        )
        for n in range(2):  # registration reads the subject store; printing reads the name
            world.print(world.through("competent", n))
        subjects = services_of(lsp).subjects
        assert subjects.get(world.candidates[0]) is not None
        assert subjects.has(world.candidates[1])
        recorder: Any = services_of(lsp).store.recorder
        assert recorder.checkpoint() is not None
        assert cleared == []
        assert transactions == []  # every read above: autocommit, no BEGIN and no ROLLBACK
    finally:
        lsp.close()
