"""Time as an input: the clock protocol, the system clock and a settable clock for tests."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import Protocol, runtime_checkable

__all__ = ["WIB", "Clock", "FixedClock", "SystemClock"]

WIB = timezone(timedelta(hours=7), "WIB")
"""Western Indonesia Time (UTC+7), the default business time zone."""


@runtime_checkable
class Clock(Protocol):
    """Anything that tells the current business time as a timezone-aware datetime."""

    def now(self) -> datetime:
        """Return the current time, timezone-aware."""
        ...


class SystemClock:
    """The real clock, in a given time zone (WIB unless told otherwise)."""

    def __init__(self, tz: tzinfo = WIB) -> None:
        self.tz = tz

    def now(self) -> datetime:
        """Return the wall-clock time in this clock's zone."""
        return datetime.now(tz=self.tz)


class FixedClock:
    """A clock that stands still until it is set or advanced (tests, features, the demo)."""

    def __init__(self, start: datetime | date, tz: tzinfo = WIB) -> None:
        self.tz = tz
        self._now = self._coerce(start)

    def _coerce(self, value: datetime | date) -> datetime:
        if not isinstance(value, datetime):
            value = datetime.combine(value, time(9, 0), tzinfo=self.tz)
        if value.tzinfo is None:
            value = value.replace(tzinfo=self.tz)
        return value

    def now(self) -> datetime:
        """Return the time the clock was last set to."""
        return self._now

    def set(self, value: datetime | date) -> None:
        """Set the clock; a date means 09:00 on that day, a naive time is in the clock's zone."""
        self._now = self._coerce(value)

    def advance(
        self, *, days: float = 0, hours: float = 0, minutes: float = 0, seconds: float = 0
    ) -> datetime:
        """Move the clock forward and return the new time."""
        step = timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)
        if step < timedelta(0):
            raise ValueError("a clock only moves forward; use set() to go back")
        self._now = self._now + step
        return self._now
