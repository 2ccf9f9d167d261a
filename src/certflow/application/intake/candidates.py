"""Candidate intake: a file of candidates registered in one session (FR.APL.01).

People are found by NIK, and a certification's id is derived from subject, scheme and session,
so the same file twice creates nothing new. Every row is decided before anything is written:
the session's schemes, the person on file, repeats within the file and the registration rules.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from uuid import UUID, uuid4

from certflow.application.bulk import trusted
from certflow.application.candidacies import claim_candidacy, open_elsewhere
from certflow.application.intake.passes import check_then_write
from certflow.application.intake.rows import CandidateRow, ImportReport
from certflow.application.intake_limits import IntakeLimits
from certflow.application.services import Services
from certflow.application.subjects import SubjectKind, SubjectRecord
from certflow.application.trust import Gate
from certflow.domain import (
    AssessmentSession,
    Candidacy,
    Certification,
    Purpose,
    Scheme,
    SchemeStatus,
    candidacy_id,
    certification_id,
    session_id,
)
from certflow.engine import Actor, InvalidInputError, NotFoundError, RejectedError, Text
from certflow.engine.starts import Starts

__all__ = ["import_candidates"]


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
    limits: IntakeLimits,
) -> ImportReport:
    """Register every candidate row of ``path`` in ``session`` (see the package docstring)."""
    if batch_size < 1:
        raise InvalidInputError([Text("batch_size is at least 1")])
    gate = Gate(services)
    actor = gate.admit(actor, "register")
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
            [
                Text(
                    "scheme {scheme} is not a current scheme of session {session}",
                    scheme=scheme,
                    session=session,
                )
            ],
            ("R1",),
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
        if found is not None:
            new_id = certification_id(found.subject_id, offered.id, the_session.id)
            if services.store.exists(new_id):
                return []  # already registered: left as it is
            elsewhere = open_elsewhere(services, found.subject_id, offered.code, new_id)
            if elsewhere is not None:
                return [f"R3: {elsewhere}"]
        # The registration rules read the scheme, the session, the actor and the day, never
        # the person: one dry run per scheme decides for every row of the file.
        if offered.id not in decided:
            try:
                gate.admit(actor, "register", scheme_code=offered.code)
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

    check_then_write(
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
        limits=limits,
    )
    return report


def _same_name(name: str) -> str:
    return " ".join(name.split()).casefold()


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
    """Register a batch of checked rows; the new people first, then every registration.

    New people go to the subject store in one transaction, the registrations (and candidacies)
    of the batch to the event store in another.

    A person put on file by this batch has no registration and no candidacy yet: their
    registrations are started in bulk (:class:`~certflow.engine.starts.Starts`), the move
    decided once per scheme by registering the first of them as the command does (the rules
    read the scheme, the session, the actor and the day, never the person). People already
    on file take the command's own path (an existing registration found, the candidacy read).
    """
    subjects: dict[str, UUID] = {}
    new_records: list[SubjectRecord] = []
    on_file = services.subjects.find_many_by_nik({row.nik for row, _ in batch})
    for row, _ in batch:
        if row.nik in subjects:
            continue
        found = on_file.get(row.nik)
        if found is None:
            record = trusted(
                SubjectRecord,
                {"subject_id": uuid4(), "kind": SubjectKind.CANDIDATE, "data": row.personal_data()},
            )
            new_records.append(record)
            subjects[row.nik] = record.subject_id
        else:
            subjects[row.nik] = found.subject_id
    now = services.now()
    registered: list[Certification | Candidacy] = []
    started: dict[UUID, tuple[Starts, Starts]] = {}  # scheme id -> registrations, candidacies
    for row, scheme in batch:
        subject = subjects[row.nik]
        new_id = certification_id(subject, scheme.id, session.id)
        if row.nik not in on_file:
            both = started.get(scheme.id)
            if both is None:
                first = _registration(subject, scheme, session, actor, now)
                opened = Candidacy.open(subject, scheme.code, new_id, actor=actor, at=now)
                started[scheme.id] = (
                    Starts(first, ("subject_id",)),
                    Starts(opened, ("subject_id", "certification_id")),
                )
            else:
                both[0].add(new_id, subject_id=subject)
                both[1].add(
                    candidacy_id(subject, scheme.code), subject_id=subject, certification_id=new_id
                )
            continue
        if services.store.exists(new_id):
            report.existing += 1
            continue
        registered.append(_registration(subject, scheme, session, actor, now))
        registered.append(
            claim_candidacy(services, subject, scheme.code, new_id, actor=actor, at=now)
        )
    # Decided first, then written: the subjects, then the registrations in one transaction.
    services.subjects.put_many(new_records)
    report.created_subjects += len(new_records)
    starts = [each for both in started.values() for each in both]
    if registered or starts:
        services.store.save(*registered, starts=starts)
    report.created += sum(isinstance(r, Certification) for r in registered)
    report.created += sum(len(both[0].events) for both in started.values())
