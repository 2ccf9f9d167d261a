"""``--format table|csv|json`` on every listing command: the same rows, parseable, never cut.

One store (session EUK-TEST: two certificates, one BK; a breach; a disclosure basis; two
complaints; a keys folder) is read by every listing in every format. The candidates' names are
rewritten (R61) to a very long name and to text that a spreadsheet would run as a formula, so
the same run checks that tables print values whole off a terminal and that every CSV escapes
such text.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import typer.main
from openpyxl import load_workbook
from rich.console import Console
from typer.testing import CliRunner

import certflow
from certflow import WIB, FixedClock, SponsorCount, SponsorView, write_sponsor_xlsx
from certflow.cli import app
from certflow.cli.formats import chosen
from certflow.cli.render.tables import Column, Format, csv_cell, table
from certflow.engine import Actor, InvalidInputError
from certflow.testing.actors import appoint_standard_staff
from tests.support import build_world, write_profile_file

runner = CliRunner()

LONG_NAME = "Prof. Dr. Ir. Raden Mas Bambang Sutrisno Wicaksono Hadiningrat Kusumawardhana, M.Sc."
FORMULA_NAME = '=HYPERLINK("http://x.example";"klik")'
PLUS_NAME = "+62 Budi"


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The store, its profile and keys, and the ids the listings are asked about."""
    folder = tmp_path_factory.mktemp("formats")
    url = f"sqlite:///{folder / 'formats.db'}"
    lsp = certflow.open(url, clock=FixedClock(date(2024, 10, 21), tz=WIB))
    appoint_standard_staff(lsp)
    world = build_world(lsp)
    world.through("distributed", 0)
    world.failed(1)
    world.through("distributed", 2)
    rows = lsp.list_certifications()
    subjects = list(dict.fromkeys(r.subject_id for r in rows))
    admin = Actor("lsp-admin-01", "lsp_admin")
    for subject, name in zip(subjects, (LONG_NAME, FORMULA_NAME, PLUS_NAME), strict=False):
        lsp.correct_personal_data(subject, changes={"name": name}, reason="ejaan nama", actor=admin)
    lsp.record_disclosure_basis(
        recipient="divhumas",
        session_code="EUK-TEST",
        basis="consent",
        reference="APL.01 butir 7",
        actor=Actor("dpo-01", "data_protection_officer"),
    )
    certification = str(rows[0].id)
    lsp.file_complaint(
        about="certified_person",
        summary="sertifikat dipakai di luar lingkup",
        certification_id=rows[0].id,
        actor=admin,
    )
    lsp.file_complaint(
        about="assessor", summary="asesor datang terlambat", assessor_id=world.assessor, actor=admin
    )
    lsp.close()
    write_profile_file(folder, store=url)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        created = runner.invoke(app, ["keys", "create"])
        assert created.exit_code == 0, created.output
        # written through the library: queries read the views as they stand (read-only)
        caught_up = runner.invoke(app, ["projections", "catch-up", "--quiet"])
        assert caught_up.exit_code == 0, caught_up.output
    return {
        "folder": str(folder),
        "certification": certification,
        "subject": str(subjects[0]),
    }


def _listings(office: dict[str, str]) -> list[list[str]]:
    cert, subject = office["certification"], office["subject"]
    return [
        ["list"],
        ["history", cert],
        ["diff", cert, "1", "3"],
        ["board"],
        ["register", "--today", "2025-01-01"],
        ["deadlines", "--today", "2027-10-01"],
        ["workload"],
        ["overdue", "--today", "2026-01-01"],
        ["staff", "list"],
        ["rules"],
        ["roles"],
        ["projections", "status"],
        ["projections", "check"],
        ["audit"],
        ["audit", "--replay"],
        ["verify", "--quiet"],
        ["report", "sponsor", "--session", "EUK-TEST"],
        ["keys", "list"],
        ["breach", "list"],
        ["retention", "list"],
        ["correct", subject, "--list"],
        ["scheme", "list"],
        ["assessor", "list"],
        ["tuk", "list"],
        ["complaint", "list"],
        ["misconduct", "list"],
        ["tokens", "list"],
        ["tokens", "links"],
        ["webhooks", "list"],
        ["webhooks", "dead-letters"],
    ]


def _run(office: dict[str, str], args: list[str], monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(office["folder"])
    result = runner.invoke(app, args, env={"CERTFLOW_LANG": "en"})
    assert "Traceback" not in result.output
    assert result.exit_code in (0, 1), result.output  # audit and verify: 1 = something found
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.stdout


def test_every_listing_gives_the_same_rows_as_csv_and_json(
    office: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    listed = 0
    for args in _listings(office):
        as_json = json.loads(_run(office, [*args, "--format", "json"], monkeypatch))
        as_csv = list(
            csv.DictReader(io.StringIO(_run(office, [*args, "--format", "csv"], monkeypatch)))
        )
        table = _run(office, [*args, "--format", "table"], monkeypatch)
        assert isinstance(as_json, list), args
        assert len(as_csv) == len(as_json), args
        assert "…" not in table, (args, table)
        if as_json:
            assert list(as_csv[0]) == list(as_json[0]), args  # the CSV header is the JSON keys
            assert all(k == k.lower() and " " not in k for k in as_json[0]), args
            listed += 1
    assert listed >= 15  # most listings hold rows in this store


def test_json_values_are_typed(office: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    (row, *_) = json.loads(
        _run(office, ["register", "--today", "2025-01-01", "--format", "json"], monkeypatch)
    )
    assert isinstance(row["copy_number"], int)
    assert date.fromisoformat(row["valid_from"])
    assert row["session_code"] == "EUK-TEST"
    listed = json.loads(_run(office, ["list", "--format", "json"], monkeypatch))
    assert all(isinstance(r["version"], int) for r in listed)
    assert {r["session_code"] for r in listed} == {"EUK-TEST"}


def test_a_table_written_to_a_file_keeps_every_value_whole(
    office: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    register = json.loads(
        _run(office, ["register", "--today", "2025-01-01", "--format", "json"], monkeypatch)
    )
    table = _run(office, ["register", "--today", "2025-01-01"], monkeypatch)
    assert register
    for row in register:
        assert row["certificate_number"] in table
    assert LONG_NAME in table
    assert LONG_NAME in _run(office, ["list"], monkeypatch)


def test_names_session_codes_and_numbers_stand_beside_the_ids(
    office: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    listed = _run(office, ["list"], monkeypatch)
    assert "EUK-TEST" in listed
    workload = json.loads(_run(office, ["workload", "--format", "json"], monkeypatch))
    assert workload
    assert all(r["name"] and not r["name"].startswith("[") for r in workload)  # not a marker
    board = json.loads(_run(office, ["board", "--format", "json"], monkeypatch))
    assert {r["session_code"] for r in board} == {"EUK-TEST"}


def test_the_registers_name_whom_a_row_concerns(
    office: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    complaints = json.loads(_run(office, ["complaint", "list", "--format", "json"], monkeypatch))
    by_subject = {c["about"]: c for c in complaints}
    assert by_subject["assessor"]["assessor_name"] == "Asesor Satu"
    holder = by_subject["certified_person"]
    assert holder["certificate_number"]
    assert holder["person_name"] == LONG_NAME
    assert date.fromisoformat(holder["resolve_by"])
    assert holder["anonymous"] is True
    table = _run(office, ["complaint", "list"], monkeypatch)
    assert holder["certificate_number"] in table
    assert "Asesor Satu" in table
    assessors = json.loads(_run(office, ["assessor", "list", "--format", "json"], monkeypatch))
    satu = next(a for a in assessors if a["name"] == "Asesor Satu")
    assert satu["met_number"] == "MET.000.000001 2020"
    assert satu["id"] in _run(office, ["assessor", "list"], monkeypatch)
    assert satu["scheme_codes"] == ["SKM/TEST/1"]
    (tuk,) = json.loads(_run(office, ["tuk", "list", "--format", "json"], monkeypatch))
    assert tuk["fit"] is True
    assert tuk["verifications"] == 1
    assert tuk["session_code"] == "EUK-TEST"
    assert all(not n.startswith("[") for n in tuk["verifiers"])  # names, not markers
    schemes = json.loads(_run(office, ["scheme", "list", "--format", "json"], monkeypatch))
    assert {s["code"] for s in schemes} == {"SKM/TEST/1", "SKM/TEST/2"}
    assert all(isinstance(s["version"], int) and s["units"] for s in schemes)


def test_the_old_flags_still_work(office: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    old = json.loads(_run(office, ["list", "--json"], monkeypatch))
    new = json.loads(_run(office, ["list", "--format", "json"], monkeypatch))
    assert old == new
    cert = office["certification"]
    old_csv = _run(office, ["history", cert, "--csv"], monkeypatch)
    assert old_csv == _run(office, ["history", cert, "--format", "csv"], monkeypatch)
    board = json.loads(_run(office, ["deadlines", "--today", "2027-10-01", "--json"], monkeypatch))
    assert set(board) >= {"distributions_overdue", "certificates_expiring"}  # its old shape
    for register in ("assessor", "complaint"):  # the older JSON's keys are all in the rows
        old_rows = json.loads(_run(office, [register, "list", "--json"], monkeypatch))
        assert old_rows == json.loads(
            _run(office, [register, "list", "--format", "json"], monkeypatch)
        )
    for register, nested in (("scheme", "units"), ("tuk", "verifications")):
        records = json.loads(_run(office, [register, "list", "--json"], monkeypatch))
        assert isinstance(records[0][nested][0], dict)  # the older --json: each full record
    both = runner.invoke(app, ["list", "--json", "--format", "csv"], env={"CERTFLOW_LANG": "en"})
    assert both.exit_code == 3
    assert "one output format" in both.output


def test_csv_cells_that_look_like_formulas_are_escaped(
    office: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _run(office, ["list", "--format", "csv"], monkeypatch)
    names = {row["name"] for row in csv.DictReader(io.StringIO(text))}
    assert "'" + FORMULA_NAME in names
    assert "'" + PLUS_NAME in names
    assert FORMULA_NAME not in names
    as_json = json.loads(_run(office, ["list", "--format", "json"], monkeypatch))
    assert FORMULA_NAME in {r["name"] for r in as_json}  # JSON is data, not a spreadsheet


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+2", "'=1+2"),
        ("+62 812", "'+62 812"),
        ("-5", "'-5"),  # text that looks like a number is still text
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a=b", "a=b"),
        ("", ""),
        (-5, -5),  # a number written as a number is not escaped
        (3.5, 3.5),
        (True, "true"),
        (None, ""),
        (["-a", "b"], "'-a; b"),
        (date(2024, 11, 14), "2024-11-14"),
    ],
)
def test_csv_cell_matrix(value: object, cell: object) -> None:
    assert csv_cell(value) == cell


def test_the_format_is_chosen_once() -> None:
    assert chosen(None) is Format.TABLE
    assert chosen(None, as_json=True) is Format.JSON
    assert chosen(Format.CSV) is Format.CSV
    assert chosen(Format.JSON, as_json=True) is Format.JSON
    with pytest.raises(InvalidInputError):
        chosen(Format.CSV, as_json=True)


def test_xlsx_text_is_never_a_formula(tmp_path: Path) -> None:
    count = SponsorCount(
        group="=cmd|' /C calc'!A0", competent=1, not_yet_competent=0, pending=0, withdrawn=0
    )
    total = SponsorCount(group="total", competent=1, not_yet_competent=0, pending=0, withdrawn=0)
    view = SponsorView(
        session_code="EUK-TEST",
        recipient="divhumas",
        basis="consent",
        reference="=1+1",
        by_unit=(count,),
        by_region=(count,),
        total=total,
    )
    path = tmp_path / "sponsor.xlsx"
    write_sponsor_xlsx(path, view)
    book = load_workbook(path)
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert "=cmd|' /C calc'!A0" in {c.value for c in cells}
    assert 1 in {c.value for c in cells}  # counts stay numbers


def test_a_table_on_a_narrow_terminal_folds_instead_of_cutting() -> None:
    out = io.StringIO()
    console = Console(file=out, width=40, force_terminal=True, color_system=None)
    columns = (Column("number", "number"), Column("name", "name"))
    console.print(table("t", columns, [{"number": "HG-MI/00001/2024", "name": LONG_NAME}]))
    text = out.getvalue()
    assert "…" not in text
    assert "".join(ch for ch in text if ch.isalnum()).count("Hadiningrat") == 1


def test_sweep_lists_its_moves_in_every_format(
    office: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Last in this module: it records moves in the shared store."""
    complaints = json.loads(_run(office, ["complaint", "list", "--format", "json"], monkeypatch))
    complaint_ids = {c["complaint_id"] for c in complaints}
    moves = json.loads(
        _run(office, ["sweep", "--at", "2028-01-01", "--format", "json"], monkeypatch)
    )
    assert moves
    assert {"certification_id", "certificate_number", "session_code", "trigger"} <= set(moves[0])
    on_cases = [m for m in moves if m["certification_id"] not in complaint_ids]
    assert {m["session_code"] for m in on_cases} == {"EUK-TEST"}
    escalated = {m["certification_id"] for m in moves} & complaint_ids
    assert escalated == complaint_ids  # both complaints missed their deadlines
    after = json.loads(_run(office, ["complaint", "list", "--format", "json"], monkeypatch))
    assert all(c["deadlines_missed"] == ["acknowledgement", "resolution"] for c in after)
    again = _run(office, ["sweep", "--at", "2028-01-01", "--format", "csv"], monkeypatch)
    assert again.splitlines() == ["certification_id,certificate_number,name,session_code,trigger"]
    assert "Nothing was due." in _run(office, ["sweep", "--at", "2028-01-01"], monkeypatch)


def _commands_with_format() -> set[tuple[str, ...]]:
    """Every command path that takes the shared ``--format`` option (:data:`FormatOption`)."""
    found: set[tuple[str, ...]] = set()

    def walk(command: Any, path: tuple[str, ...]) -> None:
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, (*path, name))
        for param in command.params:
            described = getattr(param, "type_descriptor", None)
            if "--format" in param.opts and getattr(described, "annotation", None) is Format:
                found.add(path)

    walk(typer.main.get_command(app), ())
    return found


def test_the_matrix_covers_every_command_with_a_format(office: dict[str, str]) -> None:
    covered = {tuple(a for a in args if not a.startswith("-"))[:2] for args in _listings(office)}
    covered = {path if path[0] in _GROUPS else path[:1] for path in covered} | {("sweep",)}
    assert _commands_with_format() == covered


_GROUPS = {
    "staff", "projections", "report", "keys", "breach", "retention",
    "scheme", "assessor", "tuk", "complaint", "misconduct", "tokens", "webhooks",
}  # fmt: skip


def test_an_erased_candidate_reads_as_erased(
    office: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Last in this module too: it erases a candidate in the shared store."""
    listed = json.loads(_run(office, ["list", "--format", "json"], monkeypatch))
    bk = next(r for r in listed if r["stage"] != "distributed")
    monkeypatch.chdir(office["folder"])
    erased = runner.invoke(
        app,
        ["erase", bk["subject_id"], "--reason", "permintaan asesi", "--actor", "dpo-01"],
        env={"CERTFLOW_LANG": "en"},
    )
    assert erased.exit_code in (0, 6), erased.output  # 6: recorded, bytes may remain a while
    after = json.loads(_run(office, ["list", "--format", "json"], monkeypatch))
    names = {r["id"]: r["name"] for r in after}
    assert names[bk["id"]] == "[personal data erased]"
    assert bk["name"] not in _run(office, ["list"], monkeypatch)
