"""Deadlines as part of a workflow definition: computed from recorded facts, swept by time.

A deadline reads its due date (and the date it was met, if any) from the aggregate's recorded
state, so it needs no stored timer. ``on_due`` names the move that time makes due once the
deadline has passed unmet; a sweep makes those moves, which is idempotent because each move takes
the record out of the state the deadline applies to.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from certflow.engine.text import Text, as_text

__all__ = ["Deadline", "DeadlineState", "DeadlineStatus"]


class DeadlineStatus(Enum):
    """Where a deadline stands."""

    OPEN = "open"
    MET = "met"
    MISSED = "missed"


@dataclass(frozen=True, slots=True)
class DeadlineState:
    """A deadline of one record, as of one day."""

    name: str
    rule_id: str
    due_on: date
    status: DeadlineStatus
    overdue: bool
    """Not met and already past its due date."""
    on_due: str | None
    """The move a sweep makes once it is overdue, if any."""


class Deadline:
    """A named deadline of a workflow.

    Args:
        name: stable name, e.g. ``"distribution"``.
        rule_id: the rule the deadline comes from.
        due: the due date read from the record, or ``None`` when the deadline does not apply in
            the record's current state.
        met: the date the deadline was met, read from the record, or ``None``.
        on_due: the trigger of the move a sweep makes when the deadline has passed unmet; the
            aggregate must have a method of that name taking ``actor`` and ``at``.
        on_due_args: further keyword arguments the sweep passes to that method.
        description: one sentence, in both languages.
    """

    __slots__ = ("description", "due", "met", "name", "on_due", "on_due_args", "rule_id")

    def __init__(
        self,
        name: str,
        *,
        rule_id: str,
        due: Callable[[Any], date | None],
        met: Callable[[Any], date | None] = lambda _: None,
        on_due: str | None = None,
        on_due_args: Mapping[str, Any] | None = None,
        description: str | Text = "",
    ) -> None:
        self.name = name
        self.rule_id = rule_id
        self.due = due
        self.met = met
        self.on_due = on_due
        self.on_due_args: dict[str, Any] = dict(on_due_args or {})
        self.description = as_text(description)

    def state(self, aggregate: Any, today: date) -> DeadlineState | None:
        """The deadline's state for ``aggregate`` on ``today``, or ``None`` if it does not apply."""
        due_on = self.due(aggregate)
        if due_on is None:
            return None
        met_on = self.met(aggregate)
        if met_on is not None:
            status = DeadlineStatus.MET if met_on <= due_on else DeadlineStatus.MISSED
        else:
            status = DeadlineStatus.MISSED if today > due_on else DeadlineStatus.OPEN
        overdue = met_on is None and today > due_on
        return DeadlineState(self.name, self.rule_id, due_on, status, overdue, self.on_due)

    def __repr__(self) -> str:
        return f"Deadline({self.name!r}, rule_id={self.rule_id!r})"
