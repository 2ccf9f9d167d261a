"""Drift between the read models and the event log: each view against a fresh rebuild.

The views are tables beside the event log, outside its hash chain: an edited row (a register
entry set to "revoked", a deleted deadline) would change what a query answers while the log
verifies intact. ``ViewRunner.check`` catches the views up, rebuilds the same views from the log
into a scratch store (a private in-memory database) up to the same position, and compares them
row by row. A view row is a pure function of the log, so any difference is drift.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = ["ATTEMPTS", "COLUMNS", "Drift", "DriftReport", "compare"]

COLUMNS: dict[str, tuple[tuple[str, ...], int]] = {
    "case_board": (
        (
            "certification_id",
            "listed",
            "subject_id",
            "scheme_code",
            "session_id",
            "stage",
            "version",
            "certificate_number",
            "updated_at",
            "workflow_version",
        ),
        1,
    ),
    "certificate_register": (
        (
            "certificate_number",
            "certification_id",
            "subject_id",
            "scheme_code",
            "status",
            "valid_from",
            "valid_until",
            "copy",
            "registration_number",
        ),
        1,
    ),
    "deadline_board": (
        (
            "certification_id",
            "deadline",
            "rule_id",
            "due_on",
            "met_on",
            "on_due",
            "stage",
            "scheme_code",
        ),
        2,
    ),
    "assessor_workload": (("certification_id", "assessor_id", "day", "held", "stage"), 1),
}
"""Each view's columns, in table order, and how many leading columns form its key."""

ATTEMPTS = 5
"""How often a check re-reads views another runner moved while they were read."""


@dataclass(frozen=True)
class Drift:
    """One row of a view that differs from the rebuild."""

    view: str
    key: tuple[str, ...]
    kind: str
    """``missing`` (the rebuild has it, the view not), ``extra`` or ``different``."""
    columns: tuple[str, ...] = ()
    """For ``different``: the columns that differ."""
    stored: tuple[str | None, ...] = ()
    """The view's row as stored (empty when missing)."""
    rebuilt: tuple[str | None, ...] = ()
    """The row as rebuilt from the log (empty when extra)."""


@dataclass
class DriftReport:
    """What ``ViewRunner.check`` found."""

    views: dict[str, int] = field(default_factory=dict)
    """Each checked view and the log position it was compared at."""
    rows: int = 0
    """Rows compared (those of the rebuild)."""
    drift: list[Drift] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        """Whether every view equals its rebuild."""
        return not self.drift


def _value(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        value = int(value)
    return str(value)


def _keyed(view: str, rows: Sequence[tuple[Any, ...]]) -> dict[tuple[str, ...], tuple[Any, ...]]:
    width = COLUMNS[view][1]
    normal = (tuple(_value(v) for v in row) for row in rows)
    return {tuple(str(v) for v in row[:width]): row for row in normal}


def compare(
    view: str, stored: Sequence[tuple[Any, ...]], rebuilt: Sequence[tuple[Any, ...]]
) -> list[Drift]:
    """The drift of one view's stored rows from its rebuilt rows, by key."""
    names = COLUMNS[view][0]
    have, want = _keyed(view, stored), _keyed(view, rebuilt)
    found: list[Drift] = []
    for key in sorted(want.keys() | have.keys()):
        row, truth = have.get(key), want.get(key)
        if row is None:
            assert truth is not None
            found.append(Drift(view, key, "missing", rebuilt=truth))
        elif truth is None:
            found.append(Drift(view, key, "extra", stored=row))
        elif row != truth:
            changed = tuple(n for n, a, b in zip(names, row, truth, strict=False) if a != b)
            found.append(Drift(view, key, "different", changed, row, truth))
    return found
