"""The operator guide's cohort (docs/panduan/) runs as written: the CLI set-up, then angkatan.py.

The guide's commands are run the way an LSP admin runs them; the library steps of
docs/panduan/angkatan.py run on a fixed clock that moves from the set-up to the hand-over, with
the dates a real cohort has, counted from today (the register's appointments start today).
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from types import ModuleType

import certflow
from certflow import Stage

GUIDE = Path(__file__).parents[2] / "docs" / "panduan"
MET = "MET.000.004512 2016"
SESSION = "EUK/HUMAS/2024-11"


def _guide_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("angkatan", GUIDE / "angkatan.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CERTFLOW_", "PYTEST"))}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    done = subprocess.run(
        ["certflow", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done


def test_the_operator_guide_runs_a_cohort(tmp_path: Path) -> None:
    guide = _guide_module()
    _run(tmp_path, "init", "--name", "LSP Humas Polri", "--code", "LSP-HUMAS", "--licence",
         "BNSP-LSP-1234-ID", "--place", "Jakarta", "--verify-url",
         "https://lsp-humas.example.id/verifikasi", "--manager", "Dr. Siti Wulandari, M.Si.",
         "--head", "Bambang Sutrisno, S.Sos.")  # fmt: skip
    _run(tmp_path, "staff", "init", "ketua-lsp-01", "--basis", "SK Ketua LSP No. 001/2024")
    for person, role in (
        ("lsp-admin-01", "lsp_admin"),
        ("manajer-sertifikasi-01", "certification_manager"),
        ("komite-teknis-01", "certification_committee"),
        ("panel-banding-01", "appeal_panel"),
    ):
        _run(tmp_path, "staff", "appoint", person, "--role", role,
             "--basis", "SK Ketua LSP No. 002/2024", "--by", "ketua-lsp-01")  # fmt: skip

    clock = certflow.FixedClock(datetime.now(certflow.WIB))
    start = clock.now().date() + timedelta(days=7)
    lsp = guide.open_lsp(tmp_path / "certflow.toml", clock=clock)
    try:
        guide.add_scheme(lsp, admin="lsp-admin-01")
        (tmp_path / "asesor.csv").write_text(
            "met_number,name,scheme_codes,licence_valid_until\n"
            f'{MET},"Dr. Ratna Kusumawardani, M.Si.",SKM/LSP-HG/MI/2024,2099-05-31\n'
        )
        # certflow import assessors asesor.csv --actor lsp-admin-01
        assert lsp.import_assessors(tmp_path / "asesor.csv", actor=_admin()).created == 1
        guide.prepare_session(
            lsp, code=SESSION, venue="Aston Sentul Lake Resort", starts_on=start,
            ends_on=start + timedelta(days=2), scheme_codes=["SKM/LSP-HG/MI/2024"], verifier=MET,
            admin="lsp-admin-01", manager="manajer-sertifikasi-01",
        )  # fmt: skip
        (tmp_path / "kandidat.csv").write_text(
            "name,nik,unit,scheme\n"
            "Budi Santoso,3171010101800001,Polda Papua,SKM/LSP-HG/MI/2024\n"
            "Sari Dewi,3171010101800002,Divhumas Polri,SKM/LSP-HG/MI/2024\n"
        )
        # certflow import candidates kandidat.csv --session ... --actor lsp-admin-01
        report = lsp.import_candidates(tmp_path / "kandidat.csv", session=SESSION, actor=_admin())
        assert report.created == 2
        assert guide.admit_all(lsp, SESSION, admin="lsp-admin-01") == 2
        budi, sari = sorted(guide.cohort(lsp, SESSION), key=lambda c: _name(lsp, c))
        for cert in (budi, sari):
            guide.submit_portfolio(
                lsp, cert, [{"unit": u, "evidence": [f"PORTO-{u}"]} for u in _units(lsp, cert)],
                admin="lsp-admin-01",
            )  # fmt: skip
            guide.assign_assessor(lsp, cert, MET, manager="manajer-sertifikasi-01")
            guide.pre_assessment(lsp, cert, MET)

        clock.set(start)
        guide.assess(lsp, budi, MET, dict.fromkeys(_units(lsp, budi), "K"))
        follow_up = "ulangi media relations"
        guide.assess(lsp, sari, MET, dict.fromkeys(_units(lsp, sari), "BK"), follow_up)
        clock.set(start + timedelta(days=7))
        for cert in (budi, sari):
            guide.decide(lsp, cert, committee="komite-teknis-01")
        assert lsp.get(sari).stage is Stage.NOT_YET_COMPETENT
        clock.set(start + timedelta(days=9))
        guide.appeal(
            lsp, sari, reason="portofolio unit kedua tidak dinilai",
            manager="manajer-sertifikasi-01", panel=["panel-banding-01"], upheld=False,
        )  # fmt: skip
        assert lsp.get(sari).stage is Stage.NOT_YET_COMPETENT

        clock.set(start + timedelta(days=16))
        (number,) = guide.print_certificates(lsp, SESSION, manager="manajer-sertifikasi-01")
        clock.set(start + timedelta(days=20))
        assert guide.hand_over(lsp, SESSION, admin="lsp-admin-01") == 1
        assert lsp.get(budi).stage is Stage.DISTRIBUTED
        assert lsp.get(budi).certificate_number == number
    finally:
        lsp.close()

    # The guide's commands after the cohort: certificates, checks and the BNSP request.
    _run(tmp_path, "certificate", "--session", SESSION, "--out-dir", "sertifikat", "-q")
    assert len(list((tmp_path / "sertifikat").glob("*.pdf"))) == 1
    _run(tmp_path, "verify-certificate", number)
    _run(tmp_path, "verify")
    _run(tmp_path, "audit")
    _run(tmp_path, "report", "bnsp", "--session", SESSION, "--out-dir", "laporan")
    assert len(list((tmp_path / "laporan").glob("permohonan-blanko-*"))) == 2


def _admin() -> certflow.Actor:
    return certflow.Actor("lsp-admin-01", certflow.Role.LSP_ADMIN)


def _units(lsp: certflow.CertificationBody, cert: object) -> tuple[str, ...]:
    return tuple(lsp.get(cert).unit_codes)  # type: ignore[arg-type]


def _name(lsp: certflow.CertificationBody, cert: object) -> str:
    return lsp.holder_name(lsp.get(cert).subject_id)  # type: ignore[arg-type]
