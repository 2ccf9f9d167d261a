"""One leave office per test, on a fixed clock, and what the steps of a scenario share."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC
from uuid import UUID

import pytest
from certflow.engine import FixedClock, RejectedError
from certflow.engine.runtime import SweepResult
from certflow.engine.testing import fixed_clock

from leave import LeaveOffice


@dataclass
class World:
    """What one scenario's steps share: the office, its clock and the latest outcomes."""

    office: LeaveOffice
    clock: FixedClock
    request_id: UUID | None = None
    refusal: RejectedError | None = None
    sweeps: list[SweepResult] = field(default_factory=list)

    @property
    def request(self) -> UUID:
        """The request the scenario is about."""
        assert self.request_id is not None, "no request has been made yet"
        return self.request_id


@pytest.fixture
def clock() -> FixedClock:
    return fixed_clock("2024-11-04", tz=UTC)


@pytest.fixture
def office(clock: FixedClock) -> Iterator[LeaveOffice]:
    office = LeaveOffice(clock=clock)
    yield office
    office.close()


@pytest.fixture
def world(office: LeaveOffice, clock: FixedClock) -> Iterator[World]:
    world = World(office, clock)
    yield world
    assert world.refusal is None, f"a refusal no step expected: {world.refusal}"
