"""The repository cache: commands get cheap copies of cached records, and no copy leaks back."""

from __future__ import annotations

import copy
from datetime import date

import pytest

import certflow
from certflow import WIB, ConcurrencyConflictError, FixedClock, RejectedError
from certflow.bootstrap import services_of
from certflow.domain import Certification, Stage
from certflow.engine import WorkflowAggregate, project
from tests.support import ADMIN, MANAGER, build_world, every_event_history


def test_no_event_changes_a_value_of_the_record_in_place() -> None:
    """Every event type assigns new values, so a copy moved on leaves its original as it was."""
    lsp = certflow.open("memory://", clock=FixedClock(date(2024, 10, 14), tz=WIB), cache_size=0)
    try:
        for record_id in every_event_history(lsp, migrate=False):
            events = list(services_of(lsp).store.events(record_id))
            for version in range(1, len(events)):
                original = services_of(lsp).store.load(
                    WorkflowAggregate, record_id, version=version
                )
                before = {k: repr(v) for k, v in vars(original).items()}
                moved = project(copy.deepcopy(original), events[version:])
                assert moved.version == len(events)
                assert {k: repr(v) for k, v in vars(original).items()} == before
    finally:
        lsp.close()


def test_a_refused_or_conflicting_command_leaves_the_cached_record_alone() -> None:
    lsp = certflow.open("memory://", clock=FixedClock(date(2024, 10, 14), tz=WIB))
    try:
        world = build_world(lsp, candidates=1)
        cert = world.register(0)
        before = lsp.get(cert)
        with pytest.raises(RejectedError):
            lsp.admit(cert, actor=MANAGER)  # not this role's move
        assert lsp.get(cert) == before
        stale = services_of(lsp).certification(cert)
        world.admit(cert)
        stale.reject_application("late", actor=ADMIN, at=lsp.clock.now())
        with pytest.raises(ConcurrencyConflictError):
            services_of(lsp).store.save(stale)
        assert lsp.get(cert).stage is Stage.REGISTERED
        assert lsp.get(cert).admitted
        assert lsp.get(cert).version == before.version + 1
    finally:
        lsp.close()


def test_a_cached_record_catches_up_with_another_writer(durable_store_url: str) -> None:
    first = certflow.open(durable_store_url, clock=FixedClock(date(2024, 10, 14), tz=WIB))
    second = certflow.open(durable_store_url, clock=FixedClock(date(2024, 10, 14), tz=WIB))
    try:
        world = build_world(first, candidates=1)
        cert = world.register(0)
        assert not first.get(cert).admitted  # now cached in the first body
        second.clock.set(first.clock.now())  # type: ignore[attr-defined]
        second.admit(cert, actor=ADMIN)
        assert first.get(cert).admitted  # brought up to date from the store
        with pytest.raises(RejectedError):
            first.admit(cert, actor=ADMIN)  # decided against the fresh state: admitted already
        assert isinstance(services_of(first).store.load(WorkflowAggregate, cert), Certification)
    finally:
        second.close()
        first.close()
