"""The generic workflow engine: definitions, deciding aggregates, rules, clocks, the runtime.

The runtime (:mod:`certflow.engine.runtime`) stores, loads, replays, sweeps and audits any
workflow's records. Nothing here knows the domain it serves; ``certflow.domain`` builds on it.
"""

from __future__ import annotations

from certflow.engine.aggregate import WorkflowAggregate, WorkflowEvent, WorkflowStarted, project
from certflow.engine.clock import Clock, FixedClock, SystemClock
from certflow.engine.deadlines import Deadline, DeadlineState, DeadlineStatus
from certflow.engine.errors import (
    AlreadyExistsError,
    CertflowError,
    ConcurrencyConflictError,
    DefinitionError,
    InvalidInputError,
    NotAuthorizedError,
    NotFoundError,
    RejectedError,
    RuleViolatedError,
    StoreUnavailableError,
    TransitionNotAllowedError,
    VersionMismatchError,
    Violation,
)
from certflow.engine.replay import ReplayFinding, ReplayReport, replay_histories
from certflow.engine.requests import REQUEST_TOPIC, RequestAnswered, SaveGuard, guarded, request_id
from certflow.engine.rules import Rule, check_all, require, rule
from certflow.engine.runtime import FieldChange, SweepResult, WorkflowRuntime, WorkflowStore
from certflow.engine.snapshots import CompactSnapshot
from certflow.engine.text import (
    LANGUAGES,
    Text,
    language,
    reset_language,
    set_default_language,
    set_language,
    text,
    translate,
    use_language,
)
from certflow.engine.workflow import Actor, Decision, Move, Workflow

__all__ = [
    "LANGUAGES",
    "REQUEST_TOPIC",
    "Actor",
    "AlreadyExistsError",
    "CertflowError",
    "Clock",
    "CompactSnapshot",
    "ConcurrencyConflictError",
    "Deadline",
    "DeadlineState",
    "DeadlineStatus",
    "Decision",
    "DefinitionError",
    "FieldChange",
    "FixedClock",
    "InvalidInputError",
    "Move",
    "NotAuthorizedError",
    "NotFoundError",
    "RejectedError",
    "ReplayFinding",
    "ReplayReport",
    "RequestAnswered",
    "Rule",
    "RuleViolatedError",
    "SaveGuard",
    "StoreUnavailableError",
    "SweepResult",
    "SystemClock",
    "Text",
    "TransitionNotAllowedError",
    "VersionMismatchError",
    "Violation",
    "Workflow",
    "WorkflowAggregate",
    "WorkflowEvent",
    "WorkflowRuntime",
    "WorkflowStarted",
    "WorkflowStore",
    "check_all",
    "guarded",
    "language",
    "project",
    "replay_histories",
    "request_id",
    "require",
    "reset_language",
    "rule",
    "set_default_language",
    "set_language",
    "text",
    "translate",
    "use_language",
]
