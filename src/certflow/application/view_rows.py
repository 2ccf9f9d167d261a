"""The rows exchanged with the ports: read-model rows and hash-chain rows, as stored.

Field order is column order; ids, dates and stages are the text the tables hold.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

__all__ = [
    "VIEWS",
    "CaseRow",
    "ChainRow",
    "Checkpoint",
    "DeadlineQuery",
    "DeadlineRow",
    "LoggedCheckpoint",
    "RegisterRow",
    "StageCountRow",
    "ViewRows",
    "WorkloadCount",
    "WorkloadRow",
]

VIEWS: tuple[str, ...] = (
    "case_board",
    "certificate_register",
    "deadline_board",
    "assessor_workload",
)
"""The read models, in the order they are shown."""


class CaseRow(NamedTuple):
    """One certification on the case board."""

    certification_id: str
    listed: int
    """The notification id it was first seen at: the board's order."""
    subject_id: str
    scheme_code: str
    session_id: str
    stage: str
    version: int
    certificate_number: str | None
    updated_at: str
    workflow_version: int


class RegisterRow(NamedTuple):
    """One certificate in the register."""

    certificate_number: str
    certification_id: str
    subject_id: str
    scheme_code: str
    status: str
    valid_from: str
    valid_until: str
    copy: int
    registration_number: str | None


class DeadlineRow(NamedTuple):
    """One deadline of one certification."""

    certification_id: str
    deadline: str
    rule_id: str
    due_on: str
    met_on: str | None
    on_due: str | None
    stage: str
    scheme_code: str


class WorkloadRow(NamedTuple):
    """One assessed certification on the assessor workload."""

    certification_id: str
    assessor_id: str
    day: str
    held: int
    stage: str


class StageCountRow(NamedTuple):
    """How many certifications of one scheme and session are at one stage."""

    stage: str
    scheme_code: str
    session_id: str
    certifications: int


class WorkloadCount(NamedTuple):
    """Candidates of one assessor on one day."""

    assessor_id: str
    day: str
    candidates: int
    held: int


@dataclass
class ViewRows:
    """What one batch writes: upserts, and each listed certification's deadlines replaced."""

    case: list[CaseRow] = field(default_factory=list)
    register: list[RegisterRow] = field(default_factory=list)
    deadlines_replaced: list[str] = field(default_factory=list)
    """Certifications whose deadline rows are cleared before :attr:`deadlines` are inserted."""
    deadlines: list[DeadlineRow] = field(default_factory=list)
    workload: list[WorkloadRow] = field(default_factory=list)


@dataclass(frozen=True)
class DeadlineQuery:
    """Which deadline rows to read (every given condition must hold)."""

    deadline: str | None = None
    unmet: bool = False
    """Only deadlines not met yet."""
    due_before: str | None = None
    due_from: str | None = None
    due_until: str | None = None
    stages_left_out: tuple[str, ...] = ()


class ChainRow(NamedTuple):
    """One row of the hash chain."""

    notification_id: int
    originator_id: str
    version: int
    aggregate_hash: bytes
    chain_hash: bytes


class Checkpoint(NamedTuple):
    """The chain's recorded head."""

    last_notification_id: int
    head: bytes
    events: int
    """How many events the chain held."""


class LoggedCheckpoint(NamedTuple):
    """One row of the signed checkpoint log."""

    size: int
    """How many events (in chain order) the checkpoint covers."""
    last_notification_id: int
    """The notification id of the last of them (0 when none)."""
    frontier: bytes
    """The Merkle frontier at ``size``: the roots of its perfect subtrees, largest first."""
    note: str
    """The signed note (C2SP checkpoint format)."""
