"""Bulk intake: whole sessions of candidates, and the assessor register, from spreadsheets.

A file is streamed and every row validated once (pydantic, then against the store: the
session's schemes, NIKs already on file, repeats within the file); only when no row is bad (or
``skip_invalid`` is given) is anything written, from the rows as checked (kept packed in memory
up to a bound, else read again: :mod:`.passes`), in batches of ``batch_size`` rows, each batch
one transaction for the subject store and one for the event store. An import is idempotent:
people are found by NIK (candidates) or MET number (assessors), and a certification's id is
derived from subject, scheme and session, so the same file twice creates nothing new; an import
interrupted between batches is completed by running it again.

The file is read by the services' :class:`~certflow.application.ports.RowReader`
(:mod:`certflow.adapters.spreadsheets`: CSV, XLSX, JSON and JSON Lines).

What a file may be (size, rows, columns, cells, nesting) is :class:`IntakeLimits`, checked by
the reader while it streams; a file broken or over a limit is refused whole with
:class:`IntakeFileError` (where, what to do), before anything is written (both defined in
:mod:`certflow.application.intake_limits`, which the ports use too).

The modules, one concept each: :mod:`.rows` (the rows of a file and the import's report),
:mod:`.passes` (check every row, then write in batches), :mod:`.candidates`, :mod:`.assessors`
and :mod:`.use_case` (:class:`Intake`).
"""

from __future__ import annotations

from certflow.application.intake.rows import (
    AssessorRow,
    CandidateRow,
    ImportReport,
    NumberCell,
    RowProblem,
)
from certflow.application.intake.use_case import Intake
from certflow.application.intake_limits import DEFAULT_LIMITS, IntakeFileError, IntakeLimits

__all__ = [
    "DEFAULT_LIMITS",
    "AssessorRow",
    "CandidateRow",
    "ImportReport",
    "Intake",
    "IntakeFileError",
    "IntakeLimits",
    "NumberCell",
    "RowProblem",
]
