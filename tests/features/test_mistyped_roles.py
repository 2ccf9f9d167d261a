"""A refusal scenario with a mistyped role fails: it never passes as a refusal."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from certflow.domain import Role
from certflow.testing.vocabulary import ROLE_WORDS, parse_role

FEATURE = """\
# language: id
Fitur: Peran yang salah ketik

  Skenario: Panel banding yang salah ketik
    Diketahui skema "SKM-MI" dengan unit "MI.1"
    Dan jadwal uji "EUK" tanggal 2024-11-06 sampai 2024-11-08 untuk skema "SKM-MI"
    Dan asesor "Ratna" terdaftar untuk skema "SKM-MI" dengan lisensi sampai 2026-12-31
    Dan hari ini tanggal 2024-10-21
    Dan kandidat "Budi" terdaftar pada skema "SKM-MI" di jadwal "EUK"
    Dan sertifikasi "Budi" telah sampai "recommended"
    Ketika "Ratna" sebagai {role} memutuskan "K" untuk "Budi"
    Maka perintah ditolak
"""


def _run(tmp_path: Path, role: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "features").mkdir()
    (tmp_path / "features" / "peran.feature").write_text(FEATURE.format(role=role))
    (tmp_path / "test_peran.py").write_text(
        'from pytest_bdd import scenarios\n\nscenarios("features")\n'
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


@pytest.mark.parametrize(
    "role", ["komite sertifkasi", '"certifcation_committee"', "komite-sertifikasi", "juri"]
)
def test_a_refusal_scenario_with_a_mistyped_role_fails(tmp_path: Path, role: str) -> None:
    done = _run(tmp_path, role)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "1 failed" in done.stdout, done.stdout
    assert "StepDefinitionNotFoundError" in done.stdout, done.stdout


def test_the_same_scenario_with_the_role_spelled_right_passes(tmp_path: Path) -> None:
    done = _run(tmp_path, "komite sertifikasi")  # Ratna assessed Budi: refused (R32)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed" in done.stdout, done.stdout


def test_every_role_has_an_indonesian_and_an_english_phrase() -> None:
    for role in Role:
        words = {w for w, r in ROLE_WORDS.items() if r is role}
        assert len(words - {role.value}) >= 1, role  # an Indonesian phrase
        assert len(words) >= 2, role  # and an English one (or the code name)
    assert parse_role("Komite Sertifikasi") is Role.CERTIFICATION_COMMITTEE
    assert parse_role('"asesi"') is Role.CANDIDATE
    with pytest.raises(AssertionError, match="unknown role"):
        parse_role("juri")
