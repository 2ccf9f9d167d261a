"""Hostile files through the whole import: a file error records nothing, even with skip_invalid;
NIKs in other digits and names with invisible characters are bad rows with their column."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError

import certflow
from certflow import WIB, CertificationBody, FixedClock, IntakeFileError, IntakeLimits
from certflow.application.subjects import PersonalData
from certflow.bootstrap import services_of
from certflow.demo.seed import SCHEMES, SESSION
from certflow.domain.identifiers import identifier_in, is_nik, is_nrp
from certflow.testing import actors
from tests.integration.test_intake import _reference_data

ADMIN = actors.ADMIN
MI = SCHEMES[0].code
NIK = "3201010101010001"
FULL_WIDTH = "３２０１０１０１０１０１０００１"
ARABIC_INDIC = "٣٢٠١٠١٠١٠١٠١٠٠٠١"
SUPERSCRIPT = "³²⁰¹⁰¹⁰¹⁰¹⁰¹⁰⁰⁰¹"


@pytest.fixture
def body(tmp_path: Path) -> Iterator[CertificationBody]:
    lsp = certflow.open(
        f"sqlite:///{tmp_path / 'intake.db'}", clock=FixedClock(date(2024, 10, 21), tz=WIB)
    )
    _reference_data(lsp)
    yield lsp
    lsp.close()


def _events(lsp: CertificationBody) -> int:
    return services_of(lsp).store.recorder.max_notification_id() or 0


def _csv(path: Path, *rows: str) -> Path:
    path.write_text("name,nik,scheme\n" + "".join(f"{row}\n" for row in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize("digits", [FULL_WIDTH, ARABIC_INDIC, SUPERSCRIPT])
def test_a_nik_in_other_digits_is_one_definition_refused_everywhere(digits: str) -> None:
    assert digits.isdigit()  # what str.isdigit() and a Unicode \d accept
    assert not is_nik(digits)
    assert is_nik(NIK)
    assert not is_nrp(digits[:8])
    with pytest.raises(ValidationError, match="16 digits"):
        PersonalData(name="Budi", nik=digits)
    found = identifier_in(f"see {digits}")
    assert found is not None
    assert found.render("en") == "a NIK"  # free text: still found as a NIK


def test_niks_in_other_digits_do_not_register_a_person_twice(
    body: CertificationBody, tmp_path: Path
) -> None:
    path = _csv(
        tmp_path / "digits.csv",
        f"Budi,{NIK},{MI}",
        f"Budi,{FULL_WIDTH},{MI}",
        f"Budi,{ARABIC_INDIC},{MI}",
        f"Budi,{SUPERSCRIPT},{MI}",
    )
    report = body.import_candidates(path, session=SESSION.code, actor=ADMIN)
    assert not report.imported
    assert [(p.row, p.reasons) for p in report.bad] == [
        (n, ("nik: type the NIK with the digits 0-9 (it has other digits)",)) for n in (3, 4, 5)
    ]
    report = body.import_candidates(path, session=SESSION.code, actor=ADMIN, skip_invalid=True)
    assert (report.created, report.created_subjects) == (1, 1)
    with pytest.raises(certflow.InvalidInputError):
        body.add_candidate(name="Budi", nik=FULL_WIDTH)


@pytest.mark.parametrize(
    ("name", "character"),
    [
        ("Budi\x1b[31m Santoso", "U+001B"),  # a terminal escape
        ("Budi\x85Santoso", "U+0085"),  # C1
        ("Budi \u202eosotnaS", "U+202E"),  # right-to-left override
        ("Budi \u2066Santoso\u2069", "U+2066"),  # isolate
        ("Bu\u200bdi", "U+200B"),
        ("Bu\u200ddi", "U+200D"),
        ("Bu\u2060di", "U+2060"),
        ("Bu\ufeffdi", "U+FEFF"),
    ],
)
def test_invisible_and_control_characters_are_bad_rows_with_their_column(
    body: CertificationBody, tmp_path: Path, name: str, character: str
) -> None:
    path = _csv(tmp_path / "names.csv", f"Ani,{NIK},{MI}", f"{name},3201010101010002,{MI}")
    report = body.import_candidates(path, session=SESSION.code, actor=ADMIN)
    ((row, (reason,)),) = [(p.row, p.reasons) for p in report.bad]
    assert row == 3
    assert reason.startswith(f"name: contains the invisible or control character {character}")
    assert not report.imported


def test_names_are_trimmed_spaced_and_composed_and_look_alikes_refused(
    body: CertificationBody, tmp_path: Path
) -> None:
    path = _csv(
        tmp_path / "names.csv",
        f"\u00a0Jose\u0301\u00a0 \u3000Santoso ,{NIK},{MI}",
        f"Вudi Santoso,3201010101010002,{MI}",  # a Cyrillic В
        f"Budi,3201010101010003,{MI}\u200b",
    )
    report = body.import_candidates(path, session=SESSION.code, actor=ADMIN, skip_invalid=True)
    assert [(p.row, p.reasons[0].split(":")[0]) for p in report.bad] == [(3, "name"), (4, "scheme")]
    assert "Latin and Cyrillic" in report.bad[0].reasons[0]
    (row,) = body.list_certifications()
    assert body.get_candidate(body.get(row.id).subject_id).data.name == "José Santoso"


def test_a_file_error_records_nothing_even_with_skip_invalid(
    body: CertificationBody, tmp_path: Path
) -> None:
    before = _events(body)
    unclosed = _csv(tmp_path / "unclosed.csv", f"Ani,{NIK},{MI}", f'"Budi,3201010101010002,{MI}')
    for skip in (False, True):
        with pytest.raises(IntakeFileError) as caught:
            body.import_candidates(unclosed, session=SESSION.code, actor=ADMIN, skip_invalid=skip)
        assert caught.value.row == 3
    empty = _csv(tmp_path / "empty.csv")
    with pytest.raises(IntakeFileError, match="the file has no rows"):
        body.import_candidates(empty, session=SESSION.code, actor=ADMIN)
    many = _csv(tmp_path / "many.csv", f"Ani,{NIK},{MI}", f"Budi,3201010101010002,{MI}")
    with pytest.raises(IntakeFileError, match="more than 1 rows"):
        body.import_candidates(
            many, session=SESSION.code, actor=ADMIN, limits=IntakeLimits(max_rows=1)
        )
    with pytest.raises(IntakeFileError, match="more than 1 rows"):
        body.import_assessors(many, actor=ADMIN, limits=IntakeLimits(max_rows=1))
    assert _events(body) == before
    assert body.find_candidate(nik=NIK) is None


def test_limits_are_checked_when_made() -> None:
    with pytest.raises(certflow.InvalidInputError, match="max_rows is at least 1"):
        IntakeLimits(max_rows=0)
