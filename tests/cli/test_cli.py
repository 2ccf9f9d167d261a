"""The command line, through typer's runner and as a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

import certflow
from certflow.cli import EXIT_NOT_FOUND, EXIT_REFUSED, EXIT_UNAVAILABLE, app
from certflow.cli.app import EXIT_PIPE_CLOSED, refusals
from tests.support import write_profile_file

runner = CliRunner()


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("cli") / "demo.db"
    url = f"sqlite:///{path}"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CERTFLOW_LANG", "en")
        result = runner.invoke(app, ["demo", "--store", url, "--quiet"])
    assert result.exit_code == 0, result.output
    assert "124 certifications" in result.output
    assert "days late" in result.output
    return url


def _json(args: list[str]) -> object:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_the_demo_runs_twice_without_duplicating(demo_store: str) -> None:
    result = runner.invoke(app, ["demo", "--store", demo_store, "--quiet"])
    assert result.exit_code == 0, result.output
    assert "0 steps recorded" in result.output
    rows = _json(["list", "--store", demo_store, "--json"])
    assert isinstance(rows, list)
    assert len(rows) == 124


def test_the_demo_has_a_realistic_mix(demo_store: str) -> None:
    rows = _json(["list", "--store", demo_store, "--json"])
    assert isinstance(rows, list)
    stages = {r["stage"] for r in rows}
    assert stages == {"distributed", "not_yet_competent"}
    failed = _json(["list", "--store", demo_store, "--stage", "not_yet_competent", "--json"])
    assert isinstance(failed, list)
    assert 5 <= len(failed) <= 30
    assert all(r["name"] for r in rows)


def test_list_filters_by_session_code(demo_store: str) -> None:
    rows = _json(["list", "--store", demo_store, "--session", "EUK/HUMAS-POLRI/2024-11", "--json"])
    assert isinstance(rows, list)
    assert len(rows) == 124
    assert {r["session_code"] for r in rows} == {"EUK/HUMAS-POLRI/2024-11"}
    unknown = runner.invoke(app, ["list", "--store", demo_store, "--session", "EUK/NONE"])
    assert unknown.exit_code == 4, unknown.output
    assert "Traceback" not in unknown.output


def test_history_is_readable_from_a_new_process(demo_store: str, tmp_path: Path) -> None:
    rows = _json(["list", "--store", demo_store, "--stage", "distributed", "--json"])
    assert isinstance(rows, list)
    cert_id = rows[0]["id"]
    done = subprocess.run(
        [sys.executable, "-m", "certflow", "history", cert_id, "--json"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        env={**os.environ, "CERTFLOW_STORE": demo_store},
    )
    entries = json.loads(done.stdout)
    assert [e["event"] for e in entries] == [
        "Registered",
        "Admitted",
        "PortfolioSubmitted",
        "AssessorAssigned",
        "SelfAssessmentReviewed",
        "AssessmentModeRecorded",
        "AgreementSigned",
        "AgreementSigned",
        "PortfolioVerified",
        "InterviewRecorded",
        "RecommendationRecorded",
        "ResultAcknowledged",
        "Decided",
        "CertificatePrinted",
        "CertificateDistributed",
    ]
    assert {e["actor_role"] for e in entries} >= {
        "lsp_admin",
        "assessor",
        "certification_committee",
    }
    assert entries[0]["at"].startswith("2024-10-2")
    table = runner.invoke(app, ["history", cert_id, "--store", demo_store])
    assert table.exit_code == 0
    assert "CertificateDistributed" in table.output


def test_show_by_id_number_and_past_version(demo_store: str) -> None:
    rows = _json(["list", "--store", demo_store, "--stage", "distributed", "--json"])
    assert isinstance(rows, list)
    row = rows[0]
    view = _json(["show", row["id"], "--store", demo_store, "--json"])
    assert isinstance(view, dict)
    assert view["stage"] == "distributed"
    by_number = _json(["show", row["certificate_number"], "--store", demo_store, "--json"])
    assert isinstance(by_number, dict)
    assert by_number["id"] == row["id"]
    past = _json(["show", row["id"], "--store", demo_store, "--version", "3", "--json"])
    assert isinstance(past, dict)
    assert past["stage"] == "portfolio_submitted"
    assert past["version"] == 3
    table = runner.invoke(app, ["show", row["id"], "--store", demo_store])
    assert row["name"] in table.output


def test_the_late_distribution_shows_as_missed(demo_store: str) -> None:
    rows = _json(["list", "--store", demo_store, "--stage", "distributed", "--json"])
    assert isinstance(rows, list)
    missed = []
    for row in rows:
        view = _json(["show", row["id"], "--store", demo_store, "--json"])
        assert isinstance(view, dict)
        if view["deadlines"][0]["status"] == "missed":
            missed.append(row["id"])
    assert len(missed) == 1


def test_exit_codes(demo_store: str) -> None:
    missing = runner.invoke(
        app, ["show", "00000000-0000-0000-0000-000000000000", "--store", demo_store]
    )
    assert missing.exit_code == EXIT_NOT_FOUND
    rows = _json(["list", "--store", demo_store, "--json"])
    assert isinstance(rows, list)
    refused = runner.invoke(app, ["show", rows[0]["id"], "--store", demo_store, "--version", "99"])
    assert refused.exit_code == EXIT_REFUSED
    assert "Traceback" not in refused.output
    bad_stage = runner.invoke(app, ["list", "--store", demo_store, "--stage", "lost"])
    assert bad_stage.exit_code == EXIT_REFUSED
    assert "not one of" in bad_stage.output
    bad_store = runner.invoke(app, ["list", "--store", "mysql://x"])
    assert bad_store.exit_code == EXIT_REFUSED
    usage = runner.invoke(app, ["show"])
    assert usage.exit_code == 2
    assert runner.invoke(app, ["--help"]).exit_code == 0


def test_the_store_defaults_to_a_sqlite_file_in_the_working_directory(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "CERTFLOW_STORE"}
    command = [sys.executable, "-m", "certflow", "list", "--json"]
    missing = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, env=env)
    assert missing.returncode == EXIT_UNAVAILABLE, missing.stderr
    assert "certflow.db" in missing.stderr
    assert not (tmp_path / "certflow.db").exists()  # a query makes no store
    certflow.open(f"sqlite:///{tmp_path / 'certflow.db'}").close()
    done = subprocess.run(
        command, capture_output=True, text=True, check=True, cwd=tmp_path, env=env
    )
    assert json.loads(done.stdout) == []


def test_the_cli_speaks_bahasa_indonesia_unless_told_otherwise(
    demo_store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CERTFLOW_LANG")
    missing = runner.invoke(
        app, ["show", "00000000-0000-0000-0000-000000000000", "--store", demo_store]
    )
    assert "tidak ditemukan" in missing.output
    bad_stage = runner.invoke(app, ["list", "--store", demo_store, "--stage", "lost"])
    assert "ditolak" in bad_stage.output
    assert "masukan tidak valid" in bad_stage.output
    monkeypatch.setenv("CERTFLOW_LANG", "en")
    bad_stage = runner.invoke(app, ["list", "--store", demo_store, "--stage", "lost"])
    assert "refused" in bad_stage.output


def test_sweep_and_overdue_read_the_store(demo_store: str, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "copy.db"
    shutil.copy(demo_store.removeprefix("sqlite:///"), copy)
    url = f"sqlite:///{copy}"
    before = _json(["overdue", "--store", url, "--today", "2024-12-20", "--json"])
    assert isinstance(before, list)
    assert {i["deadline"] for i in before} == {"appeal_window"}
    swept = runner.invoke(app, ["sweep", "--store", url, "--at", "2024-12-20"])
    assert swept.exit_code == 0, swept.output
    assert "close_appeal_window" in swept.output
    after = _json(["overdue", "--store", url, "--today", "2024-12-20", "--json"])
    assert after == []
    again = runner.invoke(app, ["sweep", "--store", url, "--at", "2024-12-20"])
    assert "Nothing was due" in again.output
    later = _json(["overdue", "--store", url, "--today", "2025-11-20", "--json"])
    assert isinstance(later, list)
    assert {i["deadline"] for i in later} == {"surveillance"}
    bad = runner.invoke(app, ["sweep", "--store", url, "--at", "tomorrow"])
    assert bad.exit_code == EXIT_REFUSED


def test_rules_lists_every_rule_with_its_scenarios() -> None:
    root = Path(__file__).parents[2]
    rows = _json(["rules", "--features", str(root / "features" / "certification"), "--json"])
    assert isinstance(rows, list)
    by_id = {r["rule_id"]: r for r in rows}
    assert by_id["R32"]["en"].startswith("No one who assessed")
    assert by_id["R32"]["id"].startswith("Pengambil keputusan")
    assert all(r["scenarios"] or r["tests"] for r in rows)  # a design rule names its tests
    assert all(r["tests"] for r in rows if r["how"] == "design")


def test_a_demo_candidates_pdf_certificate_and_its_qr_token_verify(
    demo_store: str, tmp_path: Path
) -> None:
    import zxingcpp
    from pypdf import PdfReader

    rows = _json(["list", "--store", demo_store, "--stage", "distributed", "--json"])
    assert isinstance(rows, list)
    row = rows[0]
    assert runner.invoke(app, ["keys", "create", "--dir", str(tmp_path)]).exit_code == 0
    key, pub = tmp_path / "lsp-signing.key", tmp_path / "lsp-signing.pub"
    pdf = tmp_path / "demo.pdf"
    config = write_profile_file(tmp_path)
    made = runner.invoke(
        app,
        [
            "--config",
            str(config),
            "certificate",
            row["id"],
            "--store",
            demo_store,
            "--key",
            str(key),
            "--pdf",
            str(pdf),
            "--lsp-name",
            "LSP Humas Nasional",
            "-q",
        ],
    )
    assert made.exit_code == 0, made.output
    page = PdfReader(pdf).pages[0]
    text = page.extract_text()
    assert row["name"] in text
    assert row["certificate_number"] in text
    assert "LSP Humas Nasional" in text  # the flag over the profile's "LSP Humas Global"
    (found,) = zxingcpp.read_barcodes(page.images[0].image)
    checked = runner.invoke(
        app,
        [
            "verify-certificate",
            found.text,
            "--store",
            demo_store,
            "--public-key",
            str(pub),
            "--json",
        ],
    )
    assert checked.exit_code == 0, checked.output
    assert '"status": "valid"' in checked.stdout


INTAKE = Path(__file__).parents[2] / "examples" / "intake"


def test_importing_the_demo_cohort_into_the_demo_store_creates_nothing(demo_store: str) -> None:
    args = ["import", "candidates", str(INTAKE / "candidates.csv"), "--store", demo_store]
    args += ["--session", "EUK/HUMAS-POLRI/2024-11", "--actor", "lsp-admin-01", "-q"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "124 rows: 0 certifications registered, 0 new people, 124 already there" in result.output
    result = runner.invoke(
        app,
        [
            "import",
            "assessors",
            str(INTAKE / "assessors.csv"),
            "--store",
            demo_store,
            "--actor",
            "lsp-admin-01",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["existing"] == 11


def test_a_bad_row_is_refused_with_its_number(demo_store: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    lines = (INTAKE / "candidates.csv").read_text().splitlines()[:4]
    lines[2] = lines[2].replace(lines[2].split(",")[1], "32")
    bad.write_text("\n".join(lines) + "\n")
    args = ["import", "candidates", str(bad), "--store", demo_store, "-q"]
    args += ["--session", "EUK/HUMAS-POLRI/2024-11", "--actor", "lsp-admin-01"]
    result = runner.invoke(app, args)
    assert result.exit_code == 3
    assert "the NIK has exactly 16 digits" in result.output
    assert "│   3 │" in result.output
    assert "Nothing was imported" in result.output
    result = runner.invoke(app, [*args, "--json"])
    assert json.loads(result.output)["bad"] == [
        {"row": 3, "reasons": ["nik: the NIK has exactly 16 digits"]}
    ]


def test_import_and_erase_act_as_people_in_the_register(demo_store: str) -> None:
    args = ["import", "candidates", str(INTAKE / "candidates.csv"), "--store", demo_store, "-q"]
    args += ["--session", "EUK/HUMAS-POLRI/2024-11"]
    stranger = runner.invoke(app, [*args, "--actor", "admin-01"], env={"CERTFLOW_LANG": "en"})
    assert stranger.exit_code == EXIT_REFUSED
    assert "P1" in stranger.output
    assert "certflow staff list" in " ".join(stranger.output.split())
    wrong_role = runner.invoke(app, [*args, "--as", "dpo-01"], env={"CERTFLOW_LANG": "en"})
    assert wrong_role.exit_code == EXIT_REFUSED  # the register gives dpo-01 no lsp_admin role
    assert "P2" in wrong_role.output
    assert "Traceback" not in stranger.output + wrong_role.output
    by_env = runner.invoke(app, args, env={"CERTFLOW_ACTOR": "lsp-admin-01"})
    assert by_env.exit_code == 0, by_env.output
    erase = [
        "erase",
        "00000000-0000-0000-0000-000000000000",
        "--reason",
        "x",
        "--store",
        demo_store,
    ]
    committee = runner.invoke(app, [*erase, "--actor", "komite-teknis-01"])
    assert committee.exit_code == EXIT_REFUSED  # no role of theirs may erase
    assert "P2" in committee.output


def test_a_reader_that_stops_reading_ends_the_command_quietly(demo_store: str) -> None:
    def cut_short() -> None:
        raise BrokenPipeError(32, "Broken pipe")

    with pytest.raises(typer.Exit) as ended:
        refusals(cut_short)()
    assert ended.value.exit_code == EXIT_PIPE_CLOSED == 141
    reader = subprocess.Popen(  # a real pipe closed after one line, as `| head -1` does
        [sys.executable, "-m", "certflow", "list", "--store", demo_store, "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert reader.stdout is not None
    assert reader.stderr is not None
    reader.stdout.readline()
    reader.stdout.close()
    assert reader.wait(timeout=60) in (0, EXIT_PIPE_CLOSED)  # 0 when it wrote all before
    assert reader.stderr.read() == b""
