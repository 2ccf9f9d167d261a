"""Time as an input: the clock protocol, the system clock and a settable clock for tests.

The engine knows no time zone of its own: every clock is given one, and a time without a zone
is refused rather than guessed.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo
from typing import Protocol, runtime_checkable

from certflow.engine.errors import DefinitionError

__all__ = ["Clock", "FixedClock", "SystemClock"]


@runtime_checkable
class Clock(Protocol):
    """Anything that tells the current business time as a timezone-aware datetime."""

    def now(self) -> datetime:
        """Return the current time, timezone-aware."""
        ...


def _zone(tz: object, who: str) -> tzinfo:
    if not isinstance(tz, tzinfo):
        raise DefinitionError(f"{who} needs a time zone (a tzinfo), not {tz!r}")
    return tz


class SystemClock:
    """The real clock, in the time zone it is given.

    Args:
        tz: the business time zone (any ``tzinfo``: a fixed offset or an IANA zone).

    Raises:
        DefinitionError: ``tz`` is not a ``tzinfo``.
    """

    def __init__(self, tz: tzinfo) -> None:
        self.tz = _zone(tz, "SystemClock")

    def now(self) -> datetime:
        """Return the wall-clock time in this clock's zone."""
        return datetime.now(tz=self.tz)


class FixedClock:
    """A clock that stands still until it is set or advanced (tests, features, the demo).

    Args:
        start: the first time it tells: an aware datetime (its zone becomes the clock's zone
            unless ``tz`` is given), or a date (09:00 on that day) or a naive datetime, both of
            which need ``tz``.
        tz: the clock's zone, in which dates and naive times are read.

    Raises:
        DefinitionError: ``start`` is a date or a naive datetime and no ``tz`` is given.
    """

    def __init__(self, start: datetime | date, tz: tzinfo | None = None) -> None:
        if tz is None:
            if not isinstance(start, datetime) or start.tzinfo is None:
                raise DefinitionError(
                    f"FixedClock({start!r}) needs a time zone: pass tz=, or start at an aware "
                    "datetime"
                )
            tz = start.tzinfo
        self.tz = _zone(tz, "FixedClock")
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
