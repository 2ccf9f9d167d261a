"""Assessor intake: a file of assessors added to the register, found again by MET number."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from uuid import UUID

from certflow.application.intake.passes import check_then_write
from certflow.application.intake.rows import AssessorRow, ImportReport
from certflow.application.intake_limits import IntakeLimits
from certflow.application.services import Services
from certflow.application.subjects import PersonalData, SubjectKind, SubjectRecord
from certflow.application.trust import Gate
from certflow.domain import Assessor, Scheme, assessor_id
from certflow.engine import Actor, InvalidInputError, Text

__all__ = ["import_assessors"]


def _schemes(services: Services) -> list[Scheme]:
    return [services.schemes.load(i) for i in services.schemes.ids(Scheme.Added.TOPIC)]


def import_assessors(
    services: Services,
    path: Path,
    *,
    actor: Actor,
    skip_invalid: bool,
    batch_size: int,
    on_progress: Callable[[str, int], None] | None,
    limits: IntakeLimits,
) -> ImportReport:
    """Add every assessor row of ``path`` to the register (see the package docstring)."""
    if batch_size < 1:
        raise InvalidInputError([Text("batch_size is at least 1")])
    actor = Gate(services).admit(actor, "add_assessor")
    known = {scheme.code for scheme in _schemes(services)}
    report = ImportReport(kind="assessors")
    seen: dict[UUID, int] = {}

    def check(number: int, row: AssessorRow) -> list[str]:
        problems = [
            f"scheme_codes: {code} is not on file" for code in row.scheme_codes if code not in known
        ]
        key = assessor_id(row.met_number)
        if key in seen:
            problems.append(f"met_number: also in row {seen[key]}")
        if not problems:
            seen[key] = number
        return problems

    def write(rows: list[AssessorRow]) -> None:
        now = services.now()
        added: list[Assessor] = []
        records: list[SubjectRecord] = []
        for row in rows:
            key = assessor_id(row.met_number)
            if services.store.exists(key):
                report.existing += 1
                continue
            added.append(
                Assessor.add(
                    met_number=row.met_number,
                    scheme_codes=list(row.scheme_codes),
                    licence_valid_until=row.licence_valid_until,
                    actor=actor,
                    at=now,
                )
            )
            if services.subjects.get(key) is None:
                records.append(
                    SubjectRecord(
                        subject_id=key, kind=SubjectKind.ASSESSOR, data=PersonalData(name=row.name)
                    )
                )
        services.subjects.put_many(records)
        report.created_subjects += len(records)
        if added:
            services.store.save(*added)
        report.created += len(added)

    check_then_write(
        services.row_reader,
        path,
        AssessorRow,
        report,
        check,
        write,
        skip_invalid,
        batch_size,
        on_progress,
        limits=limits,
    )
    return report
