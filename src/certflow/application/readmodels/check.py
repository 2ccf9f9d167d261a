"""Drift between the read models and the event log: each view against a fresh rebuild.

The views are tables beside the event log, outside its hash chain: an edited row (a register
entry set to "revoked", a deleted deadline) would change what a query answers while the log
verifies intact. :func:`check_views` catches the views up, rebuilds the same views from the log
into a scratch store (a private in-memory database) up to the same position, and compares them
row by row. A view row is a pure function of the log, so any difference is drift.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from certflow.application.ports import ViewStore

if TYPE_CHECKING:
    from certflow.application.readmodels.runner import ViewRunner

__all__ = ["COLUMNS", "Drift", "DriftReport", "check_views"]

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

_ATTEMPTS = 5


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
    """What :func:`check_views` found."""

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


def check_views(
    runner: ViewRunner,
    views: tuple[str, ...],
    keys: Callable[[str], str],
    live: ViewStore,
    scratch: Callable[[], ViewStore],
) -> DriftReport:
    """Compare ``views`` of ``live`` (caught up by ``runner``) with a rebuild in ``scratch()``.

    The views are read twice around the dump; if another runner moved them meanwhile, the
    comparison is redone (up to five times) so that both sides stand at the same position.
    """
    from certflow.application.readmodels.runner import ViewRunner

    runner.catch_up()
    for _ in range(_ATTEMPTS):
        before = live.positions([keys(v) for v in views])
        dumped = live.dump()
        if live.positions([keys(v) for v in views]) == before:
            break
        runner.catch_up()
    else:  # pragma: no cover - a store written faster than it can be read
        raise RuntimeError("the read models kept moving; check a quieter store")
    report = DriftReport()
    by_position: dict[int, list[str]] = {}
    for view in views:
        by_position.setdefault(before[keys(view)], []).append(view)
    for position, group in sorted(by_position.items()):
        store = scratch()
        try:
            rebuild = ViewRunner(runner.records, store)
            if len(group) == len(views) == len(COLUMNS):
                rebuild.catch_up(until=position)
            else:
                for view in group:
                    rebuild.catch_up(view, until=position)
            fresh = store.dump()
        finally:
            store.close()
        for view in group:
            report.views[view] = position
            report.rows += len(fresh[view])
            report.drift.extend(compare(view, dumped[view], fresh[view]))
    return report
