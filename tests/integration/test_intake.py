"""Bulk intake: every row checked first, nothing written when one is bad, idempotent, streamed."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import certflow
from certflow import WIB, CertificationBody, FixedClock, Stage
from certflow.application.chain import verify
from certflow.application.intake import passes
from certflow.bootstrap import services_of
from certflow.demo.seed import SCHEMES, SESSION
from certflow.engine import InvalidInputError
from certflow.testing import actors
from certflow.testing.reference import STANDARD_VERIFIER, ReferenceData
from tests.support_intake import assessors_csv, candidates_csv

EXAMPLES = Path(__file__).parents[2] / "examples" / "intake"
ADMIN = actors.ADMIN
MI, PKK = (scheme.code for scheme in SCHEMES)


def test_the_sample_files_are_the_demo_cohort() -> None:
    assert (EXAMPLES / "candidates.csv").read_text() == candidates_csv()
    assert (EXAMPLES / "assessors.csv").read_text() == assessors_csv()


def _reference_data(lsp: CertificationBody) -> None:
    actors.appoint_standard_staff(lsp)
    scheme_ids = [
        lsp.add_scheme(
            code=scheme.code,
            title=scheme.title,
            units=[{"code": c, "title": t} for c, t in scheme.units],
            certificate_prefix=scheme.prefix,
            actor=ADMIN,
        )
        for scheme in SCHEMES
    ]
    ReferenceData(lsp).verify_tuk(SESSION.venue, scheme_ids, session_code=SESSION.code)
    lsp.plan_session(
        code=SESSION.code,
        title=SESSION.title,
        venue=SESSION.venue,
        starts_on=SESSION.starts_on,
        ends_on=SESSION.ends_on,
        scheme_ids=scheme_ids,
        actor=ADMIN,
    )


@pytest.fixture
def body(tmp_path: Path) -> Iterator[CertificationBody]:
    lsp = certflow.open(
        f"sqlite:///{tmp_path / 'intake.db'}", clock=FixedClock(date(2024, 10, 21), tz=WIB)
    )
    _reference_data(lsp)
    yield lsp
    lsp.close()


def _event_count(lsp: CertificationBody) -> int:
    return services_of(lsp).store.recorder.max_notification_id() or 0


def test_a_session_file_registers_everyone_once_and_again_creates_nothing(
    body: CertificationBody,
) -> None:
    report = body.import_assessors(EXAMPLES / "assessors.csv", actor=ADMIN)
    assert (report.rows, report.created, report.existing, report.imported) == (11, 11, 0, True)

    report = body.import_candidates(EXAMPLES / "candidates.csv", session=SESSION.code, actor=ADMIN)
    assert report.ok
    assert report.imported
    assert (report.rows, report.created, report.created_subjects) == (124, 124, 62)
    rows = body.list_certifications()
    assert len(rows) == 124
    assert {r.stage for r in rows} == {Stage.REGISTERED}
    first = next(r for r in rows if r.scheme_code == MI)
    view = body.get(first.id)
    (entry,) = body.history(first.id)
    assert (entry.event, entry.actor_id, entry.actor_role) == (
        "Registered",
        "lsp-admin-01",
        "lsp_admin",
    )
    assert body.get_candidate(view.subject_id).data.nik is not None

    before = _event_count(body)
    again = body.import_candidates(EXAMPLES / "candidates.csv", session=SESSION.code, actor=ADMIN)
    assert (again.created, again.created_subjects, again.existing) == (0, 0, 124)
    again = body.import_assessors(EXAMPLES / "assessors.csv", actor=ADMIN)
    assert (again.created, again.existing) == (0, 11)
    assert _event_count(body) == before
    assert verify(services_of(body).store.recorder).intact


def test_registrations_started_in_bulk_are_stored_as_any_event_and_name_nobody(
    body: CertificationBody,
) -> None:
    body.import_candidates(EXAMPLES / "candidates.csv", session=SESSION.code, actor=ADMIN)
    store = services_of(body).store
    rows = list(csv.DictReader((EXAMPLES / "candidates.csv").open(newline="")))
    personal = {value.encode() for row in rows for value in (row["name"], row["nik"], row["nrp"])}
    topics: set[str] = set()
    for stored in store.recorder.select_notifications(start=1, limit=100_000):
        event = store.mapper.to_domain_event(stored)
        assert store.mapper.to_stored_event(event).state == stored.state  # the mapper's bytes
        assert not [value for value in personal if value and value in stored.state]
        topics.add(stored.topic)
    assert {"certflow/Certification.Registered", "certflow/Candidacy.Opened"} <= topics
    registrations = [r for r in body.list_certifications() if r.scheme_code == MI]
    assert len({r.subject_id for r in registrations}) == len(registrations)
    assert verify(store.recorder).intact


def _write_csv(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n")
    return path


def test_one_bad_row_stops_the_whole_file_and_names_its_row(
    body: CertificationBody, tmp_path: Path
) -> None:
    lines = candidates_csv().splitlines()[:11]
    lines[4] = lines[4].replace(lines[4].split(",")[1], "12345")  # row 5: a short NIK
    lines[7] = lines[7].replace(MI, "SKM/UNKNOWN")  # row 8: not a scheme of the session
    lines.append(lines[2])  # row 12: row 3 again
    path = _write_csv(tmp_path / "cohort.csv", lines)
    before = _event_count(body)

    report = body.import_candidates(path, session=SESSION.code, actor=ADMIN)
    assert not report.imported
    assert report.rows == 11
    assert [(p.row, p.reasons) for p in report.bad] == [
        (5, ("nik: the NIK has exactly 16 digits",)),
        (8, ("scheme: SKM/UNKNOWN is not a current scheme of this session (R1)",)),
        (12, (f"nik: registered for {MI} twice in this file (R3)",)),
    ]
    assert _event_count(body) == before
    assert body.find_candidate(nik=lines[1].split(",")[1]) is None

    report = body.import_candidates(path, session=SESSION.code, actor=ADMIN, skip_invalid=True)
    assert report.imported
    assert report.created == 8
    assert [p.row for p in report.bad] == [5, 8, 12]


def test_a_nik_with_two_names_and_missing_columns_are_reported(
    body: CertificationBody, tmp_path: Path
) -> None:
    nik = "3201010101010001"
    path = _write_csv(
        tmp_path / "two-names.csv",
        [
            "name,nik,scheme",
            f"Budi Santoso,{nik},{MI}",
            f"Budi Santosa,{nik},{PKK}",
            f",3201010101010002,{MI}",
            f"Ani,3201010101010003,{MI},extra",
        ],
    )
    report = body.import_candidates(path, session=SESSION.code, actor=ADMIN)
    assert [(p.row, p.reasons) for p in report.bad] == [
        (3, ("nik: row 2 has this NIK with another name",)),
        (4, ("name: must have at least 1 character(s)",)),
        (5, ("more values than columns",)),
    ]


def test_one_scheme_for_the_whole_file(body: CertificationBody, tmp_path: Path) -> None:
    path = _write_csv(tmp_path / "pkk.csv", ["name;nik;nrp", "Budi Santoso;3201010101010001;"])
    report = body.import_candidates(path, session=SESSION.code, scheme=PKK, actor=ADMIN)
    assert report.created == 1
    (row,) = body.list_certifications()
    assert row.scheme_code == PKK
    missing = body.import_candidates(path, session=SESSION.code, actor=ADMIN)
    assert missing.bad[0].reasons == ("scheme: give the scheme code (or one for the whole file)",)
    with pytest.raises(certflow.NotFoundError):
        body.import_candidates(path, session="EUK/NONE", scheme=PKK, actor=ADMIN)
    with pytest.raises(certflow.InvalidInputError, match="R1"):
        body.import_candidates(path, session=SESSION.code, scheme="SKM/NONE", actor=ADMIN)


def test_xlsx_json_and_json_lines_read_like_csv(body: CertificationBody, tmp_path: Path) -> None:
    from openpyxl import Workbook

    header, *rows = [line.split(",") for line in candidates_csv().splitlines()[:7]]
    book = Workbook()
    sheet = book.active
    sheet.append([name.upper() for name in header])  # headers are matched case-insensitively
    for row in rows[:2]:
        sheet.append(row)
    book.save(tmp_path / "a.xlsx")
    sheet.append([*rows[2][:1], int(rows[2][1]), *rows[2][2:]])  # a NIK typed as a number
    book.save(tmp_path / "numbers.xlsx")
    numbers = body.import_candidates(tmp_path / "numbers.xlsx", session=SESSION.code, actor=ADMIN)
    assert [(p.row, p.reasons[0][:35]) for p in numbers.bad] == [
        (4, "nik: enter it as text, not as a num")
    ]
    records = [dict(zip(header, row, strict=True)) for row in rows]
    (tmp_path / "b.json").write_text(json.dumps(records[2:4]))
    (tmp_path / "c.jsonl").write_text("\n".join(json.dumps(r) for r in records[4:]) + "\n")

    created = [
        body.import_candidates(tmp_path / name, session=SESSION.code, actor=ADMIN).created
        for name in ("a.xlsx", "b.json", "c.jsonl")
    ]
    assert created == [2, 2, 2]
    niks = {
        body.get_candidate(body.get(r.id).subject_id).data.nik for r in body.list_certifications()
    }
    assert niks == {row[1] for row in rows}

    for broken in ('{"not": "an array"', '{"rows": []}', '[{"name": "A"'):
        (tmp_path / "bad.json").write_text(broken)
        with pytest.raises(certflow.InvalidInputError, match="JSON array"):
            body.import_candidates(tmp_path / "bad.json", session=SESSION.code, actor=ADMIN)
    (tmp_path / "bad.xlsx").write_bytes(b"not a workbook")
    with pytest.raises(certflow.InvalidInputError, match=r"bad\.xlsx: cannot be read"):
        body.import_candidates(tmp_path / "bad.xlsx", session=SESSION.code, actor=ADMIN)
    with pytest.raises(certflow.InvalidInputError, match=r"\.csv, \.xlsx"):
        body.import_candidates(tmp_path / "x.txt", session=SESSION.code, actor=ADMIN)


def test_bad_assessor_rows_are_reported(body: CertificationBody, tmp_path: Path) -> None:
    path = _write_csv(
        tmp_path / "assessors.csv",
        [
            "met_number,name,scheme_codes,licence_valid_until",
            f"MET.1,Ratna,{MI};SKM/NONE,2026-05-31",
            f"MET.2,Hendra,{MI},31-05-2026",
            f"MET.1,Ratna again,{MI},2026-05-31",
        ],
    )
    report = body.import_assessors(path, actor=ADMIN)
    assert not report.imported
    assert [p.row for p in report.bad] == [2, 3]
    assert report.bad[0].reasons == ("scheme_codes: SKM/NONE is not on file",)
    assert report.bad[1].reasons[0].startswith("licence_valid_until:")
    assert [a.name for a in body.list_assessors()] == [STANDARD_VERIFIER]  # the TUK's verifier


def test_batches_are_transactions_and_a_rerun_finishes_an_interrupted_import(
    body: CertificationBody, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = {"n": 0}
    save = services_of(body).store.save

    def fail_on_third_batch(*aggregates: object, **starts: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk full")
        save(*aggregates, **starts)  # type: ignore[arg-type]

    monkeypatch.setattr(services_of(body).store, "save", fail_on_third_batch)
    with pytest.raises(OSError, match="disk full"):
        body.import_candidates(
            EXAMPLES / "candidates.csv", session=SESSION.code, actor=ADMIN, batch_size=25
        )
    # Two whole batches of registrations and nothing of the third; the third batch's new people
    # were put on file before its events failed, and the rerun finds them again by NIK.
    assert len(body.list_certifications()) == 50
    monkeypatch.undo()
    report = body.import_candidates(
        EXAMPLES / "candidates.csv", session=SESSION.code, actor=ADMIN, batch_size=25
    )
    assert (report.existing, report.created) == (50, 74)
    # The third batch held the last 12 officers (all 62 were then on file) and 13 second-scheme
    # rows: the rerun found everybody by NIK and put nobody on file twice.
    assert report.created_subjects == 0
    subjects = {row.subject_id for row in body.list_certifications()}
    assert len(subjects) == 62
    assert len(body.list_certifications()) == 124


@pytest.mark.postgres
def test_intake_on_postgres_is_batched_and_idempotent(pg_url: str) -> None:
    lsp = certflow.open(pg_url, clock=FixedClock(date(2024, 10, 21), tz=WIB))
    try:
        _reference_data(lsp)
        assert lsp.import_assessors(EXAMPLES / "assessors.csv", actor=ADMIN).created == 11
        report = lsp.import_candidates(
            EXAMPLES / "candidates.csv", session=SESSION.code, actor=ADMIN, batch_size=50
        )
        assert (report.created, report.created_subjects) == (124, 62)
        again = lsp.import_candidates(
            EXAMPLES / "candidates.csv", session=SESSION.code, actor=ADMIN
        )
        assert (again.created, again.existing) == (0, 124)
        assert verify(
            services_of(lsp).store.recorder
        ).intact  # batched saves are chained like single ones
    finally:
        lsp.close()


def test_the_registration_rules_are_decided_for_every_row_before_anything_is_written(
    body: CertificationBody,
) -> None:
    clock = body.clock
    assert isinstance(clock, FixedClock)
    clock.set(date(2024, 11, 20))  # after the session: registration is refused (R1)
    report = body.import_candidates(EXAMPLES / "candidates.csv", session=SESSION.code, actor=ADMIN)
    assert not report.imported
    assert len(report.bad) == 124
    assert report.bad[0].row == 2
    (reason,) = report.bad[0].reasons
    assert reason.startswith("R1:")
    assert "ended on 2024-11-08" in reason
    assert body.list_certifications() == []
    assert body.find_candidate(nik=candidates_csv().splitlines()[1].split(",")[1]) is None


def test_files_as_spreadsheets_save_them(body: CertificationBody, tmp_path: Path) -> None:
    # Semicolons (an Indonesian-locale Excel), names with commas, a Windows code page.
    path = tmp_path / "titles.csv"
    path.write_text(
        f'name;nik;scheme\n"Prof. Dr. Budi, S.H., M.H.";3201010101010001;{MI}\n', encoding="utf-8"
    )
    assert body.import_candidates(path, session=SESSION.code, actor=ADMIN).created == 1
    path.write_bytes(f"name;nik;scheme\nJos\xe9;3201010101010002;{MI}\n".encode("cp1252"))
    with pytest.raises(certflow.InvalidInputError, match="not UTF-8"):
        body.import_candidates(path, session=SESSION.code, actor=ADMIN)
    path.write_text(f"name,nik,name,scheme\nA,3201010101010003,B,{MI}\n")
    with pytest.raises(certflow.InvalidInputError, match="column name appears twice"):
        body.import_candidates(path, session=SESSION.code, actor=ADMIN)


def test_a_nik_on_file_under_another_name_is_not_attached_to_that_person(
    body: CertificationBody, tmp_path: Path
) -> None:
    body.add_candidate(name="Ani Lestari", nik="3201010101010001")
    path = _write_csv(
        tmp_path / "typo.csv",
        [
            "name,nik,scheme",
            f"Budi Santoso,3201010101010001,{MI}",
            f"ani  LESTARI,3201010101010001,{PKK}",
        ],
    )
    report = body.import_candidates(path, session=SESSION.code, actor=ADMIN)
    assert [(p.row, p.reasons) for p in report.bad] == [
        (2, ("nik: on file for a person with another name; check the NIK and the name",))
    ]
    report = body.import_candidates(path, session=SESSION.code, actor=ADMIN, skip_invalid=True)
    assert (report.created, report.created_subjects) == (1, 0)  # Ani, on the second scheme


def test_skipping_invalid_rows_writes_exactly_the_rows_found_good(
    body: CertificationBody, tmp_path: Path
) -> None:
    nik = "3201010101010001"
    first = _write_csv(tmp_path / "first.csv", ["name,nik,scheme", f"Budi Santosa,{nik},{PKK}"])
    assert body.import_candidates(first, session=SESSION.code, actor=ADMIN).created == 1
    clock = body.clock
    assert isinstance(clock, FixedClock)
    clock.set(date(2024, 11, 20))  # the session is over: new registrations are refused (R1)
    path = _write_csv(
        tmp_path / "mixed.csv",
        ["name,nik,scheme", f"Budi Santosa,{nik},{MI}", f"Budi Santosa,{nik},{PKK}"],
    )
    report = body.import_candidates(path, session=SESSION.code, actor=ADMIN, skip_invalid=True)
    assert [p.row for p in report.bad] == [2]
    assert (report.rows, report.created, report.existing) == (2, 0, 1)


def test_a_person_put_on_file_meanwhile_is_a_concurrency_conflict(body: CertificationBody) -> None:
    from uuid import uuid4

    from certflow.application.subjects import PersonalData, SubjectKind, SubjectRecord

    def record() -> SubjectRecord:
        data = PersonalData(name="Budi", nik="3201010101010001")
        return SubjectRecord(subject_id=uuid4(), kind=SubjectKind.CANDIDATE, data=data)

    body.subjects.put_many([record()])
    with pytest.raises(certflow.ConcurrencyConflictError):
        body.subjects.put_many([record()])


def test_a_file_over_the_kept_rows_bound_is_read_again_and_must_not_change(
    body: CertificationBody, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(passes, "KEPT_BYTES", 200)  # a few rows: the writing pass reads again
    path = tmp_path / "candidates.csv"
    path.write_text(candidates_csv())

    def break_the_file(phase: str, rows: int) -> None:
        if phase == "checked" and rows == 124:  # between the passes: a NIK made bad
            lines = path.read_text().splitlines()
            cells = lines[5].split(",")
            cells[1] = "32O1" + cells[1][4:]  # a letter O for a zero
            lines[5] = ",".join(cells)
            path.write_text("\n".join(lines) + "\n")

    with pytest.raises(InvalidInputError, match="changed during the import"):
        body.import_candidates(
            path, session=SESSION.code, actor=ADMIN, batch_size=2, on_progress=break_the_file
        )
    path.write_text(candidates_csv())
    # Rows 2-5 (two batches of two) were written before row 6 was found changed; the rerun
    # of the file as checked finishes the import.
    report = body.import_candidates(path, session=SESSION.code, actor=ADMIN, batch_size=25)
    assert (report.existing, report.created) == (4, 120)
    assert len(body.list_certifications()) == 124
    assert len({row.subject_id for row in body.list_certifications()}) == 62
    assert verify(services_of(body).store.recorder).intact
