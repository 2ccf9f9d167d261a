"""`certflow import` on hostile files: exit 3 with where and what to do, never a traceback."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

import certflow
from certflow import WIB, FixedClock
from certflow.cli import EXIT_REFUSED, app
from certflow.demo.seed import SCHEMES, SESSION
from tests.integration.test_intake import _reference_data

runner = CliRunner()
MI = SCHEMES[0].code
NIK = "3201010101010001"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('intake-cli') / 'intake.db'}"
    lsp = certflow.open(url, clock=FixedClock(date(2024, 10, 21), tz=WIB))
    _reference_data(lsp)
    lsp.close()
    return url


def _import(store: str, path: Path, *extra: str, lang: str = "en") -> tuple[int, str]:
    args = ["import", "candidates", str(path), "--store", store, "-q"]
    args += ["--session", SESSION.code, "--actor", "lsp-admin-01", *extra]
    result = runner.invoke(app, args, env={"CERTFLOW_LANG": lang})
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
    return result.exit_code, " ".join(result.output.split())


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("unclosed.csv", f'name,nik\nAni,{NIK}\n"Budi,{NIK}\n', "unclosed.csv row 3: a quote"),
        ("multi.csv", f'name,nik\n"Bu\ndi",{NIK}\n', "a cell runs on from line 2 to 3"),
        ("empty.csv", "", "the file has no rows"),
        ("header.csv", "name,nik,scheme\n", "the file has no rows"),
        ("long.csv", f'name,nik\n"{"x" * 140_000}",{NIK}\n', "long.csv row 2"),
        ("deep.json", "[" * 20_000 + "]" * 20_000, "deep.json"),
        ("deep.jsonl", '{"a": ' + "[" * 20_000 + "]" * 20_000 + "}\n", "deep.jsonl row 1"),
        ("bad.xlsx", "not a workbook", "cannot be read as .xlsx"),
    ],
)
def test_a_hostile_file_is_refused_with_exit_3(
    store: str, tmp_path: Path, name: str, content: str, said: str
) -> None:
    path = tmp_path / name
    path.write_text(content)
    code, output = _import(store, path)
    assert code == EXIT_REFUSED
    assert "file refused, nothing was imported" in output
    assert said in output


def test_the_refusal_is_in_indonesian_by_default(store: str, tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_text("name,nik\n")
    code, output = _import(store, path, lang="id")
    assert code == EXIT_REFUSED
    assert "berkas kosong" in output
    path.write_text(
        f"name,nik,scheme\nAni,３２０１０１０１０１０１０００１,{MI}\nBudi\n", encoding="utf-8"
    )
    code, output = _import(store, path, lang="id")
    assert code == EXIT_REFUSED
    assert "ketik NIK dengan angka 0-9" in output
    assert "1 nilai untuk 3 kolom" in output


def test_limits_are_flags(store: str, tmp_path: Path) -> None:
    path = tmp_path / "two.csv"
    path.write_text(f"name,nik,scheme\nAni,{NIK},{MI}\nBudi,3201010101010002,{MI}\n")
    code, output = _import(store, path, "--max-rows", "1")
    assert (code, "two.csv row 3: more than 1 rows" in output) == (EXIT_REFUSED, True)
    code, output = _import(store, path, "--max-cell-chars", "8")
    assert (code, "row 2 column nik" in output) == (EXIT_REFUSED, True)
    code, output = _import(store, path, "--max-mb", "0")
    assert code == 2  # a usage error: at least 1


def test_a_nik_in_full_width_digits_is_a_bad_row(store: str, tmp_path: Path) -> None:
    path = tmp_path / "digits.csv"
    path.write_text(
        f"name,nik,scheme\nAni,３２０１０１０１０１０１０００１,{MI}\n", encoding="utf-8"
    )
    code, _ = _import(store, path, "--json")
    args = ["import", "candidates", str(path), "--store", store, "--json"]
    args += ["--session", SESSION.code, "--actor", "lsp-admin-01"]
    result = runner.invoke(app, args, env={"CERTFLOW_LANG": "en"})
    assert code == EXIT_REFUSED
    assert json.loads(result.stdout)["bad"] == [
        {"row": 2, "reasons": ["nik: type the NIK with the digits 0-9 (it has other digits)"]}
    ]
