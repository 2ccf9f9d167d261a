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
_NUMBER = Column("certificate_number", Text("sertifikat", "certificate"))
_SESSION = Column("session_code", Text("sesi", "session"))
_NAME = Column("name", Text("kandidat", "candidate"))

BOARD_COLUMNS = (
    Column("scheme_code", Text("skema", "scheme")),
    Column("session_id", Text("id sesi", "session id"), in_table=False),
    _SESSION,
    Column("stage", Text("tahap", "stage")),
    Column("count", "n", numeric=True),
)


def board_rows(rows: Sequence[StageCount], labels: Labels) -> list[Row]:
    """``certflow board``: certifications per scheme, session and stage."""
    return [{**dict(r), "session_code": labels.session_code(r.session_id)} for r in rows]


REGISTER_COLUMNS = (
    Column("certificate_number", Text("nomor", "number")),
    _ID,
    Column("subject_id", Text("id pemegang", "holder id"), in_table=False),
    Column("name", Text("pemegang", "holder")),
    Column("scheme_code", Text("skema", "scheme")),
    _SESSION,
    Column("status", "status"),
    Column("valid_from", Text("berlaku", "valid from")),
    Column("valid_until", Text("sampai", "until")),
    Column("copy_number", Text("salinan", "copy"), numeric=True),
    Column("registration_number", Text("nomor registrasi", "registration number")),
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
    Column("board", Text("daftar", "list")),
    Column("certification_id", "id"),
    _NUMBER,
    _NAME,
    _SESSION,
    Column("scheme_code", Text("skema", "scheme"), in_table=False),
    Column("deadline", Text("tenggat", "deadline"), in_table=False),
    Column("rule_id", Text("aturan", "rule")),
    Column("due_on", Text("batas", "due")),
    Column("met_on", Text("dipenuhi", "met on"), in_table=False),
    Column("on_due", Text("saat jatuh tempo", "when due"), in_table=False),
    Column("stage", Text("tahap", "stage")),
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
    Column("deadline", Text("tenggat", "deadline")),
    Column("rule_id", Text("aturan", "rule")),
    Column("due_on", Text("batas", "due")),
    Column("days_late", Text("hari", "days"), numeric=True),
    Column("stage", Text("tahap", "stage")),
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
    Column("trigger", Text("langkah", "move")),
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
    Column("day", Text("hari", "day")),
    Column("assessor_id", Text("id asesor", "assessor id"), in_table=False),
    Column("name", Text("asesor", "assessor")),
    Column("candidates", Text("kandidat", "candidates"), numeric=True),
    Column("held", Text("diwawancara", "interviewed"), numeric=True),
)


def workload_rows(rows: Sequence[WorkloadEntry], labels: Labels) -> list[Row]:
    """``certflow workload``: candidates per assessor per day, the assessor by name."""
    labels.prefetch_names(r.assessor_id for r in rows)
    return [{**dict(r), "name": labels.name(r.assessor_id)} for r in rows]


STATUS_COLUMNS = (
    Column("view", "view"),
    Column("position", Text("posisi", "position"), numeric=True),
    Column("head", "head", numeric=True),
    Column("behind", Text("tertinggal", "behind"), numeric=True),
    Column("holds", Text("isi", "holds")),
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
    Column("key", Text("kunci", "key")),
    Column("kind", Text("jenis", "kind")),
    Column("columns", Text("kolom", "columns")),
    Column("stored", Text("tersimpan", "stored"), in_table=False),
    Column("rebuilt", Text("dibangun ulang", "rebuilt"), in_table=False),
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
