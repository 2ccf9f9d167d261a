"""Bulk intake: whole sessions of candidates, and the assessor register, from spreadsheets.

A file is read twice, streaming: first every row is validated (pydantic, then against the store:
the session's schemes, NIKs already on file, repeats within the file); only when no row is bad
(or ``skip_invalid`` is given) is anything written, in batches of ``batch_size`` rows, each batch
one transaction for the subject store and one for the event store. An import is idempotent:
people are found by NIK (candidates) or MET number (assessors), and a certification's id is
derived from subject, scheme and session, so the same file twice creates nothing new; an import
interrupted between batches is completed by running it again.

The file is read by the services' :class:`~certflow.application.ports.RowReader`
(:mod:`certflow.adapters.spreadsheets`: CSV, XLSX, JSON and JSON Lines).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal, TypeVar, cast
from uuid import UUID, uuid4

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from certflow.application.bulk import cyclic_gc_paused
from certflow.application.ports import RowReader
from certflow.application.services import Services
from certflow.application.subjects import PersonalData, SubjectKind, SubjectRecord
from certflow.domain import (
    AssessmentSession,
    Assessor,
    Certification,
    Purpose,
    Scheme,
    SchemeStatus,
    assessor_id,
    certification_id,
    session_id,
)
from certflow.engine import Actor, InvalidInputError, NotFoundError, RejectedError

__all__ = ["AssessorRow", "CandidateRow", "ImportReport", "Intake", "NumberCell", "RowProblem"]

M = TypeVar("M", bound=BaseModel)

_ROW = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class CandidateRow(BaseModel):
    """One candidate on one scheme. ``nik`` is required: it is how a person is found again."""

    model_config = _ROW

    name: str = Field(min_length=1)
    nik: str = Field(pattern=r"^\d{16}$")
    nrp: str | None = Field(None, pattern=r"^\d{8}$")
    rank: str = ""
    unit: str = ""
    position: str = ""
    phone: str = ""
    email: str = ""
    scheme: str = ""
    """The scheme's code; may be left out when the import names one scheme for every row."""

    @field_validator("nrp", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return None if value == "" else value

    def personal_data(self) -> PersonalData:
        """The personal data for the subject store."""
        return PersonalData(
            name=self.name,
            nik=self.nik,
            nrp=self.nrp,
            rank=self.rank,
            unit=self.unit,
            position=self.position,
            phone=self.phone,
            email=self.email,
        )


class AssessorRow(BaseModel):
    """One assessor: MET number, name, schemes (separated by ``;``) and licence end."""

    model_config = _ROW

    met_number: str = Field(min_length=1)
    name: str = Field(min_length=1)
    scheme_codes: tuple[str, ...] = Field(min_length=1)
    licence_valid_until: date

    @field_validator("scheme_codes", mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(";") if part.strip())
        return value

    @field_validator("licence_valid_until", mode="before")
    @classmethod
    def _spreadsheet_date(cls, value: object) -> object:
        return value.date() if isinstance(value, datetime) else value


@dataclass(frozen=True)
class RowProblem:
    """A bad row: its number in the file (the header is row 1) and what is wrong."""

    row: int
    reasons: tuple[str, ...]


@dataclass
class ImportReport:
    """What an import read, refused and wrote."""

    kind: Literal["candidates", "assessors"]
    rows: int = 0
    bad: list[RowProblem] = field(default_factory=list)
    created_subjects: int = 0
    """People new to the subject store."""
    created: int = 0
    """Certifications registered (candidates) or assessors added."""
    existing: int = 0
    """Rows already in the store, left as they were."""
    imported: bool = False
    """Whether anything was written (``False`` when bad rows stopped the import)."""

    @property
    def ok(self) -> bool:
        """No bad row."""
        return not self.bad


# -- rows, as the file readers give them -------------------------------------------------------


class NumberCell:
    """An identifier a spreadsheet typed as a number, refused with a reason the author can act on.

    A spreadsheet number keeps 15 digits and drops leading zeros.
    """

    def __init__(self, value: object) -> None:
        self.value = value


def _problems(error: ValidationError) -> tuple[str, ...]:
    reasons = []
    for item in error.errors():
        where = ".".join(str(p) for p in item["loc"])
        message = item["msg"]
        if item["type"] == "string_pattern_mismatch" and where == "nik":
            message = "a NIK has exactly 16 digits"
        elif item["type"] == "string_pattern_mismatch" and where == "nrp":
            message = "an NRP has exactly 8 digits"
        elif item["type"] == "extra_forbidden":
            message = "unknown column"
        reasons.append(f"{where}: {message}" if where else message)
    return tuple(reasons)


def _parse(model: type[BaseModel], raw: dict[str, Any]) -> tuple[Any, tuple[str, ...]]:
    if "_extra" in raw:
        return None, ("more values than columns",)
    numbers = [k for k, v in raw.items() if isinstance(v, NumberCell)]
    if numbers:
        return None, tuple(
            f"{k}: enter it as text, not as a number (a number cell loses digits and leading zeros)"
            for k in numbers
        )
    try:
        return model.model_validate(raw), ()
    except ValidationError as error:
        return None, _problems(error)


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


# -- candidates --------------------------------------------------------------------------------


def import_candidates(
    services: Services,
    path: Path,
    *,
    session: str,
    scheme: str | None,
    actor: Actor,
    skip_invalid: bool,
    batch_size: int,
    on_progress: Callable[[str, int], None] | None,
) -> ImportReport:
    """Register every candidate row of ``path`` in ``session`` (see the module docstring)."""
    if batch_size < 1:
        raise InvalidInputError(["batch_size is at least 1"])
    try:
        the_session = services.sessions.load(session_id(session))
    except NotFoundError:
        raise NotFoundError("session", session) from None
    schemes: dict[str, Scheme] = {}
    for sid in the_session.scheme_ids:
        offered = services.schemes.load(sid)
        if offered.status is SchemeStatus.ACTIVE:
            schemes[offered.code] = offered
    if scheme is not None and scheme not in schemes:
        raise InvalidInputError(
            [f"scheme {scheme} is not a current scheme of session {session}"], ("R1",)
        )
    report = ImportReport(kind="candidates")
    now = services.now()

    on_file: dict[str, SubjectRecord] = {}  # the people of the rows being checked, by NIK
    decided: dict[UUID, list[str]] = {}  # scheme id -> what refuses a registration in it

    def look_up(rows: list[CandidateRow]) -> None:
        """Find the people of a chunk of rows with one query (the chunk's NIKs only)."""
        on_file.clear()
        on_file.update(services.subjects.find_many_by_nik({row.nik for row in rows}))

    def refusal(row: CandidateRow, offered: Scheme) -> list[str]:
        """What would refuse this registration at write time (decided now, nothing saved)."""
        found = on_file.get(row.nik)
        if found is not None and _same_name(found.data.name) != _same_name(row.name):
            return ["nik: on file for a person with another name; check the NIK and the name"]
        if found is not None and services.store.exists(
            certification_id(found.subject_id, offered.id, the_session.id)
        ):
            return []  # already registered: left as it is
        # The registration rules read the scheme, the session, the actor and the day, never
        # the person: one dry run per scheme decides for every row of the file.
        if offered.id not in decided:
            try:
                _registration(uuid4(), offered, the_session, actor, now)
                decided[offered.id] = []
            except RejectedError as error:
                decided[offered.id] = [str(error)]
        return decided[offered.id]

    seen: dict[str, tuple[int, str]] = {}  # NIK -> (first row, name)
    pairs: set[tuple[str, str]] = set()  # (NIK, scheme) already in the file

    def check(number: int, row: CandidateRow) -> list[str]:
        code = row.scheme or scheme or ""
        problems = []
        if not code:
            problems.append("scheme: give the scheme code (or one for the whole file)")
        elif code not in schemes:
            problems.append(f"scheme: {code} is not a current scheme of this session (R1)")
        first = seen.get(row.nik)
        if first is not None and first[1] != row.name:
            problems.append(f"nik: row {first[0]} has this NIK with another name")
        if (row.nik, code) in pairs:
            problems.append(f"nik: registered for {code} twice in this file (R3)")
        if not problems:
            problems.extend(refusal(row, schemes[code]))
        if not problems:
            seen.setdefault(row.nik, (number, row.name))
            pairs.add((row.nik, code))
        return problems

    def write(rows: list[CandidateRow]) -> None:
        batch = [(row, schemes[row.scheme or scheme or ""]) for row in rows]
        _register_batch(services, batch, the_session, actor, report)

    _check_then_write(
        services.row_reader,
        path,
        CandidateRow,
        report,
        check,
        write,
        skip_invalid,
        batch_size,
        on_progress,
        look_up,
    )
    return report


def _same_name(name: str) -> str:
    return " ".join(name.split()).casefold()


def _check_then_write(
    read: RowReader,
    path: Path,
    model: type[M],
    report: ImportReport,
    check: Callable[[int, M], list[str]],
    write: Callable[[list[M]], None],
    skip_invalid: bool,
    batch_size: int,
    on_progress: Callable[[str, int], None] | None,
    prepare: Callable[[list[M]], None] | None = None,
) -> None:
    """Check every row; then, if none is bad (or ``skip_invalid``), write the good ones in batches.

    Rows are checked a chunk of ``batch_size`` at a time, after ``prepare(chunk)`` (e.g. one
    lookup for the chunk's people). The writing pass parses the file again but does not re-check
    it: it writes exactly the rows the checking pass found good.
    """
    with cyclic_gc_paused():  # nothing built per row is cyclic
        parsed = ((number, *_parse(model, raw)) for number, raw in read(path))
        for chunk in _batches(parsed, batch_size):
            if prepare is not None:
                prepare([row for _, row, _ in chunk if row is not None])
            for number, row, reasons in chunk:
                report.rows += 1
                if row is not None:
                    reasons = tuple(check(number, row))
                if reasons:
                    report.bad.append(RowProblem(number, reasons))
            if on_progress is not None:
                on_progress("checked", report.rows)
        if report.bad and not skip_invalid:
            return
        bad = {problem.row for problem in report.bad}
        good = (
            _reparse(path, model, number, raw) for number, raw in read(path) if number not in bad
        )
        written = 0
        for batch in _batches(good, batch_size):
            write(batch)
            written += len(batch)
            if on_progress is not None:
                on_progress("written", written)
        report.imported = True


def _reparse(path: Path, model: type[M], number: int, raw: dict[str, Any]) -> M:
    row, _ = _parse(model, raw)
    if row is None:  # the file changed between the passes
        raise InvalidInputError([f"{path.name} changed during the import (row {number})"])
    return cast(M, row)


def _registration(
    subject: UUID, scheme: Scheme, session: AssessmentSession, actor: Actor, at: datetime
) -> Certification:
    """Decide one registration (FR.APL.01) as the ``register`` command does; nothing is saved."""
    return Certification.register(
        subject_id=subject,
        scheme=scheme,
        session=session,
        purpose=Purpose.CERTIFICATION,
        subject_on_file=True,
        previous=None,
        actor=actor,
        at=at,
    )


def _register_batch(
    services: Services,
    batch: list[tuple[CandidateRow, Scheme]],
    session: AssessmentSession,
    actor: Actor,
    report: ImportReport,
) -> None:
    subjects: dict[str, UUID] = {}
    new_records: list[SubjectRecord] = []
    on_file = services.subjects.find_many_by_nik({row.nik for row, _ in batch})
    for row, _ in batch:
        if row.nik in subjects:
            continue
        found = on_file.get(row.nik)
        if found is None:
            record = SubjectRecord(
                subject_id=uuid4(), kind=SubjectKind.CANDIDATE, data=row.personal_data()
            )
            new_records.append(record)
            subjects[row.nik] = record.subject_id
        else:
            subjects[row.nik] = found.subject_id
    now = services.now()
    registered: list[Certification] = []
    for row, scheme in batch:
        subject = subjects[row.nik]
        # A person put on file by this batch has no registration yet: no need to look.
        if row.nik in on_file and services.store.exists(
            certification_id(subject, scheme.id, session.id)
        ):
            report.existing += 1
            continue
        registered.append(_registration(subject, scheme, session, actor, now))
    # Decided first, then written: the subjects, then the registrations in one transaction.
    services.subjects.put_many(new_records)
    report.created_subjects += len(new_records)
    if registered:
        services.store.save(*registered)
    report.created += len(registered)


# -- assessors ---------------------------------------------------------------------------------


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
) -> ImportReport:
    """Add every assessor row of ``path`` to the register (see the module docstring)."""
    if batch_size < 1:
        raise InvalidInputError(["batch_size is at least 1"])
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

    _check_then_write(
        services.row_reader,
        path,
        AssessorRow,
        report,
        check,
        write,
        skip_invalid,
        batch_size,
        on_progress,
    )
    return report


class Intake:
    """Bulk intake of candidates and assessors from files, as a use case."""

    def __init__(self, services: Services) -> None:
        self._s = services

    def import_candidates(
        self,
        path: Path | str,
        *,
        session: str,
        scheme: str | None = None,
        actor: Actor,
        skip_invalid: bool = False,
        batch_size: int = 500,
        on_progress: Callable[[str, int], None] | None = None,
    ) -> ImportReport:
        """Register a file of candidates in the session with code ``session`` (FR.APL.01).

        Every row is checked before anything is written; with a bad row nothing is imported
        (``report.imported`` is false and ``report.bad`` lists row numbers and reasons) unless
        ``skip_invalid``. People are found by NIK and certification ids are deterministic, so
        the same file twice creates nothing new. ``scheme`` is the scheme code for rows without
        one. ``on_progress(phase, rows)`` is called with ``"checked"`` then ``"written"``.
        """
        return import_candidates(
            self._s,
            Path(path),
            session=session,
            scheme=scheme,
            actor=actor,
            skip_invalid=skip_invalid,
            batch_size=batch_size,
            on_progress=on_progress,
        )

    def import_assessors(
        self,
        path: Path | str,
        *,
        actor: Actor,
        skip_invalid: bool = False,
        batch_size: int = 500,
        on_progress: Callable[[str, int], None] | None = None,
    ) -> ImportReport:
        """Add a file of assessors to the register, found again by MET number (idempotent)."""
        return import_assessors(
            self._s,
            Path(path),
            actor=actor,
            skip_invalid=skip_invalid,
            batch_size=batch_size,
            on_progress=on_progress,
        )
