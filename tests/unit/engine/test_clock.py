from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from certflow.engine import Clock, DefinitionError, FixedClock, SystemClock
from tests.unit.engine.toy import ZONE


def test_a_fixed_clock_stands_still_until_moved() -> None:
    clock = FixedClock(date(2024, 11, 7), tz=ZONE)
    assert clock.now() == datetime(2024, 11, 7, 9, tzinfo=ZONE)
    assert clock.now() == clock.now()
    assert clock.advance(days=30) == datetime(2024, 12, 7, 9, tzinfo=ZONE)


def test_a_naive_time_is_taken_in_the_clock_zone() -> None:
    clock = FixedClock(datetime(2024, 11, 7, 14, 30), tz=ZONE)
    assert clock.now().utcoffset() == timedelta(hours=7)
    clock.set(datetime(2024, 11, 8, 1, tzinfo=UTC))
    assert clock.now().tzinfo is UTC
    clock.set(date(2024, 11, 9))
    assert clock.now() == datetime(2024, 11, 9, 9, tzinfo=ZONE)


def test_an_aware_start_gives_the_clock_its_zone() -> None:
    clock = FixedClock(datetime(2024, 11, 7, 14, 30, tzinfo=UTC))
    assert clock.tz is UTC
    clock.set(datetime(2024, 11, 8, 10))
    assert clock.now() == datetime(2024, 11, 8, 10, tzinfo=UTC)


def test_a_clock_without_a_zone_is_refused() -> None:
    with pytest.raises(DefinitionError, match="needs a time zone"):
        FixedClock(date(2024, 11, 7))
    with pytest.raises(DefinitionError, match="needs a time zone"):
        FixedClock(datetime(2024, 11, 7, 14, 30))
    with pytest.raises(DefinitionError, match="time zone"):
        SystemClock(None)
    with pytest.raises(TypeError):
        SystemClock()


def test_a_clock_only_moves_forward() -> None:
    with pytest.raises(ValueError, match="forward"):
        FixedClock(date(2024, 11, 7), tz=ZONE).advance(days=-1)


def test_the_system_clock_tells_the_time_in_its_zone() -> None:
    clock = SystemClock(ZONE)
    assert isinstance(clock, Clock)
    assert clock.now().utcoffset() == timedelta(hours=7)
    assert SystemClock(UTC).now().utcoffset() == timedelta(0)
