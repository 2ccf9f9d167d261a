from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from certflow.engine import WIB, Clock, FixedClock, SystemClock


def test_a_fixed_clock_stands_still_until_moved() -> None:
    clock = FixedClock(date(2024, 11, 7))
    assert clock.now() == datetime(2024, 11, 7, 9, tzinfo=WIB)
    assert clock.now() == clock.now()
    assert clock.advance(days=30) == datetime(2024, 12, 7, 9, tzinfo=WIB)


def test_a_naive_time_is_taken_in_the_clock_zone() -> None:
    clock = FixedClock(datetime(2024, 11, 7, 14, 30))
    assert clock.now().utcoffset() == timedelta(hours=7)
    clock.set(datetime(2024, 11, 8, 1, tzinfo=UTC))
    assert clock.now().tzinfo is UTC


def test_a_clock_only_moves_forward() -> None:
    with pytest.raises(ValueError, match="forward"):
        FixedClock(date(2024, 11, 7)).advance(days=-1)


def test_the_system_clock_is_zone_aware() -> None:
    clock = SystemClock()
    assert isinstance(clock, Clock)
    assert clock.now().utcoffset() == timedelta(hours=7)
