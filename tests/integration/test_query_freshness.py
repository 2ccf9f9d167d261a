"""A read-model query checks its view against the log's head with the read itself (issue 18).

It reads the caller's own writes (catching the view up only when it lags), a body opened
read-only notes the lag instead, and on PostgreSQL a query of a current view is one pipeline:
the heads and the rows, sent together.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import pytest

import certflow
from certflow import FixedClock, Stage
from certflow.bootstrap import services_of
from certflow.domain import WIB
from tests.support import build_world


def _catch_ups(lsp: certflow.CertificationBody, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    views = lsp.read_models
    calls: list[Any] = []
    real = views.catch_up

    def counted(*args: Any, **kwargs: Any) -> int:
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(views, "catch_up", counted)
    return calls


def test_a_query_reads_its_own_writes_and_catches_up_only_when_behind(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    lsp = certflow.open(store_url, clock=FixedClock(date(2024, 10, 14), tz=WIB))
    try:
        world = build_world(lsp, candidates=3)
        calls = _catch_ups(lsp, monkeypatch)
        first = world.register(0)
        assert [c.id for c in lsp.read_models.certifications()] == [first]
        assert len(calls) == 1  # behind after the write: caught up, then read again
        assert [c.id for c in lsp.read_models.certifications()] == [first]
        page = lsp.read_models.certification_page(limit=5)
        assert [c.id for c in page.items] == [first]
        assert len(calls) == 1  # at the head: no catch-up
        second = world.register(1)
        assert [c.id for c in lsp.read_models.certifications()] == [first, second]
        assert len(calls) == 2
        assert lsp.read_models.behind == {}
    finally:
        lsp.close()


def test_another_bodys_writes_are_read_and_a_read_only_body_notes_the_lag(
    durable_store_url: str,
) -> None:
    writer = certflow.open(durable_store_url, clock=FixedClock(date(2024, 10, 14), tz=WIB))
    reader = certflow.open(durable_store_url)
    try:
        world = build_world(writer, candidates=3)
        cert = world.register(0)
        writer.read_models.catch_up()
        assert [c.id for c in reader.read_models.certifications()] == [cert]
        other = world.register(1)  # not caught up by the writer
        assert [c.id for c in reader.read_models.certifications()] == [cert, other]
        world.admit(cert)
        watcher = certflow.open(durable_store_url, readonly=True)
        try:
            seen = watcher.read_models.certifications()
            assert {c.id: c.stage for c in seen}[cert] is Stage.REGISTERED
            assert watcher.read_models.behind["case_board"] > 0
            assert "certificate_register" not in watcher.read_models.behind
            writer.read_models.catch_up()
            watcher.read_models.behind.clear()
            seen = watcher.read_models.certifications()
            assert watcher.read_models.behind == {}
            assert seen == writer.read_models.certifications()
        finally:
            watcher.close()
    finally:
        reader.close()
        writer.close()


@pytest.mark.postgres
def test_a_query_of_a_current_view_is_one_pipeline_on_postgresql(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    lsp = certflow.open(pg_url, clock=FixedClock(date(2024, 10, 14), tz=WIB))
    try:
        world = build_world(lsp, candidates=3)
        cert = world.register(0)
        lsp.read_models.catch_up()
        holder = lsp.read_models.certifications()[0].subject_id
        store = services_of(lsp).read_models._store
        sent: list[int] = []
        real = store._selects

        def counted(statements: Sequence[tuple[str, Sequence[Any]]]) -> list[list[Any]]:
            sent.append(len(statements))
            return real(statements)

        monkeypatch.setattr(store, "_selects", counted)
        assert [c.id for c in lsp.read_models.certifications()] == [cert]
        register = lsp.read_models.certificate_register(today=date(2025, 1, 1), holder=holder)
        assert register == []  # no certificate yet
        assert sent == [2, 2]  # one round trip each: the heads and the rows together
    finally:
        lsp.close()
