"""Indonesia's three business time zones, as IANA zones (Indonesia keeps no daylight saving).

The engine has no time zone of its own; certflow's application gives its clocks the LSP's zone
(:data:`WIB` unless the LSP profile names another). Stored events carry times as ISO 8601 with
their UTC offset (``+07:00``), so the zones below read every stored time exactly as before.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from certflow.engine import InvalidInputError, Text

__all__ = ["WIB", "WIT", "WITA", "ZONES", "business_zone"]

WIB = ZoneInfo("Asia/Jakarta")
"""Western Indonesia Time (UTC+7): Sumatra, Java, West and Central Kalimantan."""

WITA = ZoneInfo("Asia/Makassar")
"""Central Indonesia Time (UTC+8): Bali, Nusa Tenggara, Sulawesi, East and North Kalimantan."""

WIT = ZoneInfo("Asia/Jayapura")
"""Eastern Indonesia Time (UTC+9): Maluku and Papua."""

ZONES: dict[str, ZoneInfo] = {"Asia/Jakarta": WIB, "Asia/Makassar": WITA, "Asia/Jayapura": WIT}
"""The zones an LSP may keep its business time in, by IANA name."""


def business_zone(name: str) -> ZoneInfo:
    """The business zone called ``name`` (``Asia/Jakarta``, ``Asia/Makassar``, ``Asia/Jayapura``).

    Raises:
        InvalidInputError: ``name`` is not one of Indonesia's three zones.
    """
    zone = ZONES.get(name.strip())
    if zone is None:
        try:
            ZoneInfo(name.strip())
        except (ZoneInfoNotFoundError, ValueError):
            hint = Text("not a time zone name")
        else:
            hint = Text("not an Indonesian business time zone")
        raise InvalidInputError(
            [
                Text(
                    "time zone {name!r}: {hint}; use Asia/Jakarta (WIB), "
                    "Asia/Makassar (WITA) or Asia/Jayapura (WIT)",
                    name=name,
                    hint=hint,
                )
            ]
        )
    return zone
