"""The LSP profile: ``certflow init`` writes it, every command reads it, flags override it.

A broken profile is a message naming the file and the setting (exit 3), never a traceback.
"""

from __future__ import annotations

import base64
import json
import os
import stat
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

import certflow
from certflow import load_profile, profile_text
from certflow.cli import EXIT_REFUSED, EXIT_UNAVAILABLE, app
from certflow.demo import run_demo
from certflow.engine import InvalidInputError

runner = CliRunner()

INIT = [
    "init",
    "--name",
    "LSP Humas Polri",
    "--code",
    "LSP-HUMAS",
    "--licence",
    "BNSP-LSP-1234-ID",
    "--place",
    "Jayapura",
    "--verify-url",
    "https://lsp-humas.example.id/verifikasi",
    "--manager",
    "Dr. Siti Nurhaliza Wulandari, M.Si.",
    "--head",
    "Bambang Sutrisno, S.Sos.",
    "--timezone",
    "Asia/Jayapura",
]


def _claims(token: str) -> dict[str, object]:
    payload = token.rsplit("t=", 1)[-1].split(".")[1]
    claims: dict[str, object] = json.loads(base64.urlsafe_b64decode(payload + "=" * 3))
    return claims


def _invoke(args: list[str], lang: str = "en") -> tuple[int, str]:
    result = runner.invoke(app, args, env={"CERTFLOW_LANG": lang})
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An LSP folder: a profile written by ``certflow init``, its keys, a demo store beside it."""
    folder = tmp_path_factory.mktemp("lsp")
    code, output = _invoke(["--config", str(folder / "certflow.toml"), *INIT])
    assert code == 0, output
    lsp = certflow.open(f"sqlite:///{folder / 'certflow.db'}")
    try:
        run_demo(lsp)
    finally:
        lsp.close()
    return folder


def test_init_writes_the_profile_and_the_keys(office: Path) -> None:
    profile = load_profile(office / "certflow.toml")
    assert profile.name == "LSP Humas Polri"
    assert profile.code == "LSP-HUMAS"
    assert profile.timezone == "Asia/Jayapura"
    assert [s.name for s in profile.signatories] == [
        "Dr. Siti Nurhaliza Wulandari, M.Si.",
        "Bambang Sutrisno, S.Sos.",
    ]
    assert profile.store == f"sqlite:///{office.resolve() / 'certflow.db'}"
    assert profile.keys.dir == office.resolve() / "keys"
    private = office / "keys" / "lsp-signing.key"
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert "*.key" in (office / "keys" / ".gitignore").read_text()


def test_init_never_overwrites_a_profile(office: Path) -> None:
    before = (office / "certflow.toml").read_bytes()
    code, output = _invoke(["--config", str(office / "certflow.toml"), *INIT])
    assert code == EXIT_REFUSED
    assert "never overwritten" in output
    assert (office / "certflow.toml").read_bytes() == before


def test_init_without_a_terminal_names_what_is_missing(tmp_path: Path) -> None:
    code, output = _invoke(["--config", str(tmp_path / "c.toml"), "init", "--name", "LSP X"])
    assert code == 2
    for option in ("--code", "--licence", "--place", "--verify-url", "--manager", "--head"):
        assert option in output
    assert not (tmp_path / "c.toml").exists()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_init_refuses_bad_values_by_setting_and_writes_nothing(tmp_path: Path, lang: str) -> None:
    args = [*INIT]
    args[args.index("LSP-HUMAS")] = "lsp humas"
    args[args.index("Asia/Jayapura")] = "Europe/Paris"
    args[args.index("https://lsp-humas.example.id/verifikasi")] = "http://lsp.example.id/v"
    code, output = _invoke(["--config", str(tmp_path / "c.toml"), *args], lang)
    assert code == EXIT_REFUSED
    flat = " ".join(output.split())
    assert "lsp.code" in flat
    assert "lsp.timezone" in flat
    assert "lsp.verification_url" in flat
    assert not (tmp_path / "c.toml").exists()
    assert not (tmp_path / "keys").exists()


def test_commands_take_the_store_code_and_keys_from_the_profile(
    office: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # run from elsewhere: the profile's relative paths still hold
    config = ["--config", str(office / "certflow.toml")]
    code, output = _invoke([*config, "certificate", "HG-MI/00001/2024"])
    assert code == 0, output
    token = output.strip()
    assert _claims(token)["l"] == "LSP-HUMAS"
    code, output = _invoke([*config, "verify-certificate", token])  # keys from the profile
    assert code == 0, output
    assert "VALID" in output
    assert not (tmp_path / "certflow.db").exists()  # the profile's store, not ./certflow.db


def test_a_flag_overrides_the_profile(office: Path, tmp_path: Path) -> None:
    other = f"sqlite:///{tmp_path / 'other.db'}"
    code, output = _invoke(["--config", str(office / "certflow.toml"), "list", "--store", other])
    assert code == EXIT_UNAVAILABLE, output  # the flag's store, which does not exist
    assert not (tmp_path / "other.db").exists()
    certflow.open(other).close()
    code, output = _invoke(["--config", str(office / "certflow.toml"), "list", "--store", other])
    assert code == 0, output
    code, output = _invoke(
        [
            "--config",
            str(office / "certflow.toml"),
            "certificate",
            "HG-MI/00001/2024",
            "--lsp-code",
            "LSP-LAIN",
        ]
    )
    assert code == 0, output
    assert _claims(output.strip())["l"] == "LSP-LAIN"


def test_the_pdf_prints_the_profile(office: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "c.pdf"
    code, output = _invoke(
        [
            "--config",
            str(office / "certflow.toml"),
            "certificate",
            "HG-MI/00001/2024",
            "--pdf",
            str(pdf),
            "-q",
        ]
    )
    assert code == 0, output
    reader = PdfReader(pdf)
    text = " ".join(reader.pages[0].extract_text().split())
    assert "LSP Humas Polri atas nama BNSP" in text
    assert "BNSP-LSP-1234-ID" in text
    assert "Ditetapkan di Jayapura" in text
    assert "Bambang Sutrisno, S.Sos." in text
    assert "lsp-humas.example.id/verifikasi" in text
    assert reader.metadata is not None
    assert reader.metadata.author == "LSP Humas Polri"


def test_a_pdf_needs_a_profile(
    office: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no ./certflow.toml here
    code, output = _invoke(
        [
            "certificate",
            "HG-MI/00001/2024",
            "--store",
            f"sqlite:///{office / 'certflow.db'}",
            "--key-dir",
            str(office / "keys"),
            "--pdf",
            "x.pdf",
        ]
    )
    assert code == EXIT_REFUSED
    assert "certflow init" in output
    assert not (tmp_path / "x.pdf").exists()


def test_the_profile_in_the_working_folder_is_read(
    office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(office)
    monkeypatch.delenv("CERTFLOW_CONFIG", raising=False)
    code, output = _invoke(["keys", "list"])
    assert code == 0, output
    assert "current" in output


def _broken(folder: Path, text: str | bytes) -> Path:
    path = folder / "certflow.toml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


GOOD = profile_text(
    certflow.profile_from(
        {
            "name": "LSP Humas Polri",
            "code": "LSP-HUMAS",
            "licence": "BNSP-LSP-1234-ID",
            "place_of_issue": "Jakarta",
            "verification_url": "https://lsp.example.id/verifikasi",
            "signatories": [{"name": "Ayu", "role_id": "Ketua LSP", "role_en": "Head"}],
        }
    )
)


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("[lsp\nname=", "not valid TOML"),
        (b"\xff\xfe[lsp]", "not UTF-8"),
        ("#" * 70_000, "over 64 KiB"),
        (GOOD + "\n[extra]\n", "unknown section extra"),
        (GOOD.replace("[lsp]", "[lsp]\ncolour = 'red'"), "unknown setting lsp.colour"),
        (GOOD.replace('"LSP-HUMAS"', '"lsp_humas"'), "lsp.code"),
        (GOOD.replace('"Asia/Jakarta"', '"Asia/Tokyo"'), "lsp.timezone"),
        (GOOD.replace("https://lsp.example.id", "ftp://lsp.example.id"), "verification_url"),
        (GOOD.replace("LSP Humas Polri", "LSP \u202eHumas"), "U+202E"),
        (GOOD.replace('name = "Ayu"', 'name = "Ay\\u200bu"'), "U+200B"),
        (GOOD.replace('# logo = "logo.png"  # PNG/JPEG', 'logo = "none.png"'), "lsp.logo"),
        (GOOD.replace('# logo = "logo.png"  # PNG/JPEG', 'logo = "certflow.toml"'), "PNG"),
        (GOOD.replace('name = "Ayu"', 'name = ""'), "needs a name"),
        (GOOD.split("[[signatories]]")[0], "signatories"),
        (GOOD.replace("[keys]", "keys = 3\n[keys2]"), "keys"),
    ],
)
def test_a_broken_profile_is_named_not_a_traceback(
    tmp_path: Path, text: str | bytes, named: str
) -> None:
    path = _broken(tmp_path, text)
    code, output = _invoke(["--config", str(path), "list", "--store", "memory://"])
    assert code == EXIT_REFUSED, output
    assert named in " ".join(output.split()), output
    assert str(path) in output.replace("\n", "")


def test_a_named_profile_that_is_missing_is_refused(tmp_path: Path) -> None:
    code, output = _invoke(["--config", str(tmp_path / "nope.toml"), "list"])
    assert code == EXIT_REFUSED
    assert "nope.toml" in output.replace("\n", "")  # a long path folds at 80 columns


def test_the_written_text_reads_back_as_the_same_profile(tmp_path: Path) -> None:
    path = _broken(tmp_path, GOOD)
    again = load_profile(path)
    assert again.name == "LSP Humas Polri"
    assert again.keys.dir == tmp_path.resolve() / "keys"
    assert profile_text(again, tmp_path.resolve()) == GOOD.replace('dir = "keys"', 'dir = "keys"')


def test_the_business_time_zone_is_the_profiles() -> None:
    lsp = certflow.open("memory://", timezone="Asia/Jayapura")
    try:
        assert lsp.clock.now().utcoffset() == timedelta(hours=9)
    finally:
        lsp.close()
    with pytest.raises(InvalidInputError, match="Asia/Makassar"):
        certflow.open("memory://", timezone="UTC+7")
    assert os.environ.get("CERTFLOW_CONFIG") is None


def test_a_token_of_another_lsp_code_names_its_issuer(office: Path) -> None:
    config = ["--config", str(office / "certflow.toml")]
    code, output = _invoke([*config, "certificate", "HG-MI/00001/2024", "--lsp-code", "LSP-LAIN"])
    assert code == 0, output
    code, output = _invoke([*config, "verify-certificate", output.strip()])
    assert code == 1
    assert "issued by LSP LSP-LAIN" in " ".join(output.split())


def test_init_refuses_a_logo_that_is_not_an_image_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_text("not an image")
    code, output = _invoke(
        ["--config", str(tmp_path / "c.toml"), *INIT, "--logo", str(tmp_path / "logo.png")]
    )
    assert code == EXIT_REFUSED
    assert "not a PNG or JPEG" in " ".join(output.split())
    assert not (tmp_path / "c.toml").exists()
    assert not (tmp_path / "keys").exists()
