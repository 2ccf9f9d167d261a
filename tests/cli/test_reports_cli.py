"""``report bnsp`` and ``report sponsor`` (R39, R62), and the data-protection commands (R60-R63).

The BNSP files are read back: the workbook with openpyxl, the PDF's text with pypdf.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from typer.testing import CliRunner

import certflow
from certflow import WIB, FixedClock
from certflow.cli import EXIT_NOT_FOUND, EXIT_REFUSED, app
from certflow.testing.actors import appoint_standard_staff
from tests.support import World, build_world, write_profile_file

runner = CliRunner()


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A SQLite store with session EUK-TEST: candidates 0 and 2 K (certificates), 1 BK."""
    url = f"sqlite:///{tmp_path / 'reports.db'}"
    lsp = certflow.open(url, clock=FixedClock(date(2024, 10, 21), tz=WIB))
    appoint_standard_staff(lsp)
    world = build_world(lsp)
    world.through("distributed", 0)
    world.failed(1)
    world.through("distributed", 2)
    lsp.read_models.catch_up()  # as certflow projections run would
    lsp.close()
    write_profile_file(tmp_path, store=url)
    monkeypatch.chdir(tmp_path)
    return url


def _undecided(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'open.db'}"
    lsp = certflow.open(url, clock=FixedClock(date(2024, 10, 21), tz=WIB))
    appoint_standard_staff(lsp)
    world: World = build_world(lsp)
    world.through("distributed", 0)
    world.through("interviewed", 1)
    lsp.read_models.catch_up()  # as certflow projections run would
    lsp.close()
    return url


def test_report_bnsp_writes_xlsx_and_pdf_listing_k_and_bk(store: str, tmp_path: Path) -> None:
    out = tmp_path / "bnsp"
    done = runner.invoke(app, ["report", "bnsp", "--session", "EUK-TEST", "--out-dir", str(out)])
    assert done.exit_code == 0, done.output
    assert "3 candidates (2 K, 1 BK)" in " ".join(done.output.split())
    xlsx, pdf = out / "permohonan-blanko-EUK-TEST.xlsx", out / "permohonan-blanko-EUK-TEST.pdf"
    book = load_workbook(xlsx)
    assert book.sheetnames == ["Surat permohonan", "Berita acara", "Asesi"]
    letter = {r[0]: r[1] for r in book["Surat permohonan"].iter_rows(values_only=True)}
    assert letter["LSP"] == "LSP Humas Global (LSP)"
    assert letter["Nomor lisensi"] == "BNSP-LSP-1234-ID"
    assert letter["Tempat, tanggal"].startswith("Jakarta, ")
    minutes = {r[0]: r[1] for r in book["Berita acara"].iter_rows(values_only=True)}
    assert minutes["Asesor (No. MET)"] == "MET.000.000001 2020"
    assert (minutes["Kompeten (K)"], minutes["Belum kompeten (BK)"]) == ("2", "1")
    rows = list(book["Asesi"].iter_rows(values_only=True))
    assert rows[0][:3] == ("No", "Nama", "NIK")
    by_name = {r[1]: r for r in rows[1:]}
    assert set(by_name) == {"Kandidat 0", "Kandidat 1", "Kandidat 2"}
    assert by_name["Kandidat 1"][5] == "BK"
    assert by_name["Kandidat 1"][7] in ("", None)
    assert by_name["Kandidat 0"][5] == "K"
    assert by_name["Kandidat 0"][7]
    assert by_name["Kandidat 0"][2] == "3201010101010000"
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    flat = " ".join(text.split())
    assert "Permohonan Blanko Sertifikat Kompetensi" in flat
    assert "Berita Acara Uji Kompetensi" in flat
    assert "Kandidat 1" in flat
    assert "BK" in flat
    assert "MET.000.000001 2020" in flat
    again = runner.invoke(app, ["report", "bnsp", "--session", "EUK-TEST", "--out-dir", str(out)])
    assert again.exit_code == EXIT_REFUSED
    assert "already exists" in again.output


def test_report_bnsp_refuses_while_a_candidate_is_undecided_in_indonesian(
    store: str, tmp_path: Path
) -> None:
    url = _undecided(tmp_path)
    out = tmp_path / "none"
    refused = runner.invoke(
        app,
        ["report", "bnsp", "--session", "EUK-TEST", "--out-dir", str(out), "--store", url],
        env={"CERTFLOW_LANG": "id"},
    )
    assert refused.exit_code == EXIT_REFUSED, refused.output
    text = " ".join(refused.output.split())
    assert "R39" in text
    assert "belum diputuskan" in text
    assert not out.exists()
    unknown = runner.invoke(app, ["report", "bnsp", "--session", "NOPE"])
    assert unknown.exit_code == EXIT_NOT_FOUND


def test_report_sponsor_is_refused_without_a_basis_and_counts_with_one(
    store: str, tmp_path: Path
) -> None:
    refused = runner.invoke(app, ["report", "sponsor", "--session", "EUK-TEST"])
    assert refused.exit_code == EXIT_REFUSED
    assert "R62" in refused.output
    assert "certflow disclosure record" in " ".join(refused.output.split())
    by_admin = runner.invoke(
        app,
        [
            "disclosure", "record", "--session", "EUK-TEST", "--basis", "consent",
            "--reference", "APL.01 butir 7", "--by", "lsp-admin-01",
        ],
    )  # fmt: skip
    assert by_admin.exit_code == EXIT_REFUSED  # the register gives the admin no role for it
    assert "P2" in by_admin.output
    recorded = runner.invoke(
        app,
        [
            "disclosure", "record", "--session", "EUK-TEST", "--basis", "consent",
            "--reference", "APL.01 butir 7", "--by", "dpo-01",
        ],
        env={"CERTFLOW_LANG": "id"},
    )  # fmt: skip
    assert recorded.exit_code == 0, recorded.output
    assert "dasar pengungkapan dicatat" in recorded.output
    shown = runner.invoke(
        app, ["report", "sponsor", "--session", "EUK-TEST", "--json", "--out-dir", str(tmp_path)]
    )
    assert shown.exit_code == 0, shown.output
    view = json.loads(shown.stdout)
    assert view["total"]["competent"] == 2
    assert view["by_unit"][0]["group"] == "Polda Test"
    assert "Kandidat" not in shown.output
    book = load_workbook(tmp_path / "hasil-divhumas-EUK-TEST.xlsx")
    units = list(book["Per satuan kerja"].iter_rows(values_only=True))
    assert units[1] == ("Polda Test", 2, 1, 0, 0, 3)
    table = runner.invoke(app, ["report", "sponsor", "--session", "EUK-TEST"])
    assert "per region" in table.output
    withdrawn = runner.invoke(
        app,
        [
            "disclosure",
            "withdraw",
            "--session",
            "EUK-TEST",
            "--reason",
            "ditarik",
            "--by",
            "dpo-01",
        ],
    )
    assert withdrawn.exit_code == 0, withdrawn.output
    after = runner.invoke(app, ["report", "sponsor", "--session", "EUK-TEST"])
    assert after.exit_code == EXIT_REFUSED


def test_breach_record_notify_list_and_overdue(store: str) -> None:
    recorded = runner.invoke(
        app,
        [
            "breach", "record", "BR-1", "--nature", "laptop hilang", "--subjects", "3",
            "--discovered", "2024-11-01T09:00", "--by", "dpo-01",
        ],
    )  # fmt: skip
    assert recorded.exit_code == 0, recorded.output
    assert "2024-11-04T09:00" in recorded.output
    listed = runner.invoke(app, ["breach", "list", "--overdue", "--json"])
    assert [b["code"] for b in json.loads(listed.stdout)] == ["BR-1"]
    overdue = runner.invoke(app, ["overdue"])
    assert "BR-1" in overdue.output
    swept = runner.invoke(app, ["sweep"])
    assert swept.exit_code == 0, swept.output
    by_admin = runner.invoke(app, ["breach", "notify", "BR-1", "--by", "lsp-admin-01"])
    assert by_admin.exit_code == EXIT_REFUSED
    notified = runner.invoke(
        app, ["breach", "notify", "BR-1", "--by", "dpo-01"], env={"CERTFLOW_LANG": "id"}
    )
    assert notified.exit_code == 0, notified.output
    assert "terlambat" in notified.output
    again = runner.invoke(app, ["breach", "notify", "BR-1", "--by", "dpo-01"])
    assert again.exit_code == EXIT_REFUSED
    assert "R63" in again.output


def test_correct_and_retention_commands(store: str) -> None:
    lsp = certflow.open(store)
    subject = next(iter(lsp.list_certifications())).subject_id
    lsp.close()
    fixed = runner.invoke(
        app,
        [
            "correct", str(subject), "--set", "unit=Polda Aceh", "--reason", "satker salah",
            "--by", "lsp-admin-01",
        ],
    )  # fmt: skip
    assert fixed.exit_code == 0, fixed.output
    assert "correction #1: unit" in fixed.output
    listed = runner.invoke(app, ["correct", str(subject), "--list"])
    assert "satker salah" in listed.output
    assert "Polda Aceh" not in listed.output
    nothing = runner.invoke(
        app,
        ["correct", str(subject), "--set", "unit=Polda Aceh", "--reason", "x", "--by", "dpo-01"],
        env={"CERTFLOW_LANG": "id"},
    )  # fmt: skip
    assert nothing.exit_code == EXIT_REFUSED
    assert "R61" in nothing.output
    schedule = runner.invoke(app, ["retention", "list", "--json"])
    assert schedule.exit_code == 0, schedule.output
    assert len(json.loads(schedule.stdout)) == 3
    early = runner.invoke(app, ["retention", "destroy", str(subject), "--by", "dpo-01"])
    assert early.exit_code == EXIT_REFUSED
    assert "R60" in early.output
