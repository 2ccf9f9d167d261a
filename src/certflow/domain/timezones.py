"""Indonesia's three business time zones, as fixed offsets (Indonesia keeps no daylight saving).

The engine has no time zone of its own; certflow's application gives its clocks :data:`WIB`
unless told otherwise. Stored events carry times in these zones, so never change an offset or
a name.
"""

from __future__ import annotations

from datetime import timedelta, timezone

__all__ = ["WIB", "WIT", "WITA"]

WIB = timezone(timedelta(hours=7), "WIB")
"""Western Indonesia Time (UTC+7): Sumatra, Java, West and Central Kalimantan."""

WITA = timezone(timedelta(hours=8), "WITA")
"""Central Indonesia Time (UTC+8): Bali, Nusa Tenggara, Sulawesi, East and North Kalimantan."""

WIT = timezone(timedelta(hours=9), "WIT")
"""Eastern Indonesia Time (UTC+9): Maluku and Papua."""
