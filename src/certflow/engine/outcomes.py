"""What the runtime's queries and sweeps return (:mod:`certflow.engine.runtime`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

__all__ = ["FieldChange", "SweepResult"]


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field that differs between two versions of a record."""

    field: str
    before: Any
    after: Any


@dataclass
class SweepResult:
    """What a deadline sweep recorded."""

    at: datetime
    moves: list[tuple[UUID, str]] = field(default_factory=list)
    """(record id, trigger) of every move made, in order."""
    skipped: list[UUID] = field(default_factory=list)
    """Records running under a definition version this code does not know."""
