"""The rows of the read models' listings, with names and codes beside the ids.

The listings are ``board``, ``register``, ``deadlines``, ``workload``, ``overdue`` and
``projections status|check``.

Each ``*_COLUMNS`` is what :func:`certflow.cli.render.tables.emit` prints; each ``*_rows``
builds the rows, asking :class:`~certflow.cli.labels.Labels` for what a reader recognises.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from certflow.application import (
    DeadlineEntry,
    OverdueItem,
    ProjectionStatus,
    RegisterEntry,
    StageCount,
    WorkloadEntry,
    describe_view,
)
from certflow.cli.labels import Labels
from certflow.cli.render.tables import Column, Row
from certflow.engine import Text

__all__ = [
    "BOARD_COLUMNS",
    "DEADLINE_COLUMNS",
    "DRIFT_COLUMNS",
    "OVERDUE_COLUMNS",
    "REGISTER_COLUMNS",
    "STATUS_COLUMNS",
    "SWEEP_COLUMNS",
    "WORKLOAD_COLUMNS",
    "board_rows",
    "deadline_rows",
    "drift_rows",
    "overdue_rows",
    "register_rows",
    "status_rows",
    "sweep_rows",
    "workload_rows",
]

_ID = Column("certification_id", "id", in_table=False)
_NUMBER = Column("certificate_number", Text("certificate"))
_SESSION = Column("session_code", Text("session"))
_NAME = Column("name", Text("candidate"))

BOARD_COLUMNS = (
    Column("scheme_code", Text("scheme")),
    Column("session_id", Text("session id"), in_table=False),
    _SESSION,
    Column("stage", Text("stage")),
    Column("count", "n", numeric=True),
)


def board_rows(rows: Sequence[StageCount], labels: Labels) -> list[Row]:
    """``certflow board``: certifications per scheme, session and stage."""
    return [{**dict(r), "session_code": labels.session_code(r.session_id)} for r in rows]


REGISTER_COLUMNS = (
    Column("certificate_number", Text("number")),
    _ID,
    Column("subject_id", Text("holder id"), in_table=False),
    Column("name", Text("holder")),
    Column("scheme_code", Text("scheme")),
    _SESSION,
    Column("status", "status"),
    Column("valid_from", Text("valid from")),
    Column("valid_until", Text("until")),
    Column("copy_number", Text("copy"), numeric=True),
    Column("registration_number", Text("registration number")),
)


def register_rows(rows: Sequence[RegisterEntry], labels: Labels) -> list[Row]:
    """``certflow register``: each certificate with its holder's name and session."""
    labels.prefetch_names(r.subject_id for r in rows)
    return [
        {
            **dict(r),
            "name": labels.name(r.subject_id),
            "session_code": labels.session_of(r.certification_id),
        }
        for r in rows
    ]


DEADLINE_COLUMNS = (
    Column("board", Text("list")),
    Column("certification_id", "id"),
    _NUMBER,
    _NAME,
    _SESSION,
    Column("scheme_code", Text("scheme"), in_table=False),
    Column("deadline", Text("deadline"), in_table=False),
    Column("rule_id", Text("rule")),
    Column("due_on", Text("due")),
    Column("met_on", Text("met on"), in_table=False),
    Column("on_due", Text("when due"), in_table=False),
    Column("stage", Text("stage")),
)


def deadline_rows(board: str, rows: Sequence[DeadlineEntry], labels: Labels) -> list[Row]:
    """One list of ``certflow deadlines`` (``board`` names it), with numbers and names."""
    return [
        {
            **dict(r),
            "board": board,
            "certificate_number": labels.certificate_number(r.certification_id),
            "name": labels.candidate_of(r.certification_id),
            "session_code": labels.session_of(r.certification_id),
        }
        for r in rows
    ]


OVERDUE_COLUMNS = (
    Column("certification_id", "id"),
    _NUMBER,
    _NAME,
    _SESSION,
    Column("deadline", Text("deadline")),
    Column("rule_id", Text("rule")),
    Column("due_on", Text("due")),
    Column("days_late", Text("days"), numeric=True),
    Column("stage", Text("stage")),
)


def overdue_rows(items: Sequence[OverdueItem], labels: Labels) -> list[Row]:
    """``certflow overdue``: every deadline past due, with numbers and names."""
    return [
        {
            **dict(i),
            "certificate_number": labels.certificate_number(i.certification_id),
            "name": labels.candidate_of(i.certification_id),
            "session_code": labels.session_of(i.certification_id),
        }
        for i in items
    ]


SWEEP_COLUMNS = (
    Column("certification_id", "id"),
    _NUMBER,
    _NAME,
    _SESSION,
    Column("trigger", Text("move")),
)


def sweep_rows(moves: Iterable[tuple[Any, str]], labels: Labels) -> list[Row]:
    """``certflow sweep``: each move recorded, with the certificate number and candidate."""
    return [
        {
            "certification_id": cert_id,
            "certificate_number": labels.certificate_number(cert_id),
            "name": labels.candidate_of(cert_id),
            "session_code": labels.session_of(cert_id),
            "trigger": trigger,
        }
        for cert_id, trigger in moves
    ]


WORKLOAD_COLUMNS = (
    Column("day", Text("day")),
    Column("assessor_id", Text("assessor id"), in_table=False),
    Column("name", Text("assessor")),
    Column("candidates", Text("candidates"), numeric=True),
    Column("held", Text("interviewed"), numeric=True),
)


def workload_rows(rows: Sequence[WorkloadEntry], labels: Labels) -> list[Row]:
    """``certflow workload``: candidates per assessor per day, the assessor by name."""
    labels.prefetch_names(r.assessor_id for r in rows)
    return [{**dict(r), "name": labels.name(r.assessor_id)} for r in rows]


STATUS_COLUMNS = (
    Column("view", "view"),
    Column("position", Text("position"), numeric=True),
    Column("head", "head", numeric=True),
    Column("behind", Text("behind"), numeric=True),
    Column("holds", Text("holds")),
)


def status_rows(rows: Sequence[ProjectionStatus]) -> list[Row]:
    """``certflow projections status``: each view's position against the log's head."""
    return [
        {
            "view": r.view,
            "position": r.position,
            "head": r.head,
            "behind": r.behind,
            "holds": describe_view(r.view).render(),
        }
        for r in rows
    ]


DRIFT_COLUMNS = (
    Column("view", "view"),
    Column("key", Text("key")),
    Column("kind", Text("kind")),
    Column("columns", Text("columns")),
    Column("stored", Text("stored"), in_table=False),
    Column("rebuilt", Text("rebuilt"), in_table=False),
)


def drift_rows(drift: Iterable[Any]) -> list[Row]:
    """``certflow projections check``: each row that differs from a rebuild.

    ``drift`` is the report's ``drift`` (the check report's type is not public API).
    """
    return [
        {
            "view": d.view,
            "key": list(d.key),
            "kind": d.kind,
            "columns": list(d.columns),
            "stored": list(d.stored),
            "rebuilt": list(d.rebuilt),
        }
        for d in drift
    ]
