"""``certflow credential`` and ``certflow keys export-jwks``, in Bahasa Indonesia and English."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import jwt
import pytest
from typer.testing import CliRunner

import certflow
from certflow import WIB, FixedClock
from certflow.cli import EXIT_REFUSED, app
from tests.support import build_world, write_profile_file

runner = CliRunner()


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str, str]:
    """A store with one distributed and one merely decided certification, a key set, and the
    LSP profile (CERTFLOW_CONFIG) the credential's issuer comes from."""
    monkeypatch.setenv("CERTFLOW_CONFIG", str(write_profile_file(tmp_path)))
    url = f"sqlite:///{tmp_path / 'vc.db'}"
    lsp = certflow.open(url, clock=FixedClock(date(2024, 10, 14), tz=WIB))
    world = build_world(lsp)
    printed, decided = str(world.through("distributed", 0)), str(world.through("competent", 1))
    lsp.close()
    rotated = runner.invoke(app, ["keys", "rotate", "--dir", str(tmp_path / "k")])
    assert rotated.exit_code == 0, rotated.output
    return url, printed, decided


def test_the_credential_is_exported_and_verifies_with_the_published_jwks(
    store: tuple[str, str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CERTFLOW_LANG", "en")
    url, printed, _ = store
    keys = str(tmp_path / "k")
    args = ["credential", printed, "--store", url, "--key-dir", keys, "--lsp-name", "LSP Uji"]
    exported = runner.invoke(app, [*args, "--format", "vc"])
    assert exported.exit_code == 0, exported.output
    token = exported.stdout.strip()
    jwks = tmp_path / "jwks.json"
    published = runner.invoke(app, ["keys", "export-jwks", "--dir", keys, "--out", str(jwks)])
    assert published.exit_code == 0, published.output
    assert "written to" in published.output
    (jwk,) = jwt.PyJWKSet.from_dict(json.loads(jwks.read_text())).keys
    assert jwt.get_unverified_header(token)["kid"] == jwk.key_id
    verified = jwt.PyJWS().decode_complete(token, jwk.key, algorithms=["EdDSA"])
    credential = json.loads(verified["payload"])
    assert credential["issuer"]["name"] == "LSP Uji"
    readable = runner.invoke(app, [*args, "--format", "json"])
    assert readable.exit_code == 0, readable.output
    shown = json.loads(readable.stdout)
    assert shown["validUntil"] == credential["validUntil"]
    assert (
        shown["credentialSubject"]["achievement"] == credential["credentialSubject"]["achievement"]
    )
    out = tmp_path / "credential.jwt"
    assert runner.invoke(app, [*args, "--out", str(out)]).exit_code == 0
    assert out.read_text().count(".") == 2
    again = runner.invoke(app, [*args, "--out", str(out)])
    assert again.exit_code == EXIT_REFUSED
    assert "exists; it is not overwritten" in again.output
    assert runner.invoke(
        app, ["keys", "export-jwks", "--dir", keys, "--out", str(jwks)]
    ).exit_code == (EXIT_REFUSED)


@pytest.mark.parametrize(
    ("lang", "refused", "sentence"),
    [
        ("id", "ditolak", "sertifikat belum dicetak"),
        ("en", "refused", "the certificate is not printed yet"),
    ],
)
def test_a_certificate_not_printed_is_refused_in_both_languages(
    store: tuple[str, str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
    refused: str,
    sentence: str,
) -> None:
    monkeypatch.setenv("CERTFLOW_LANG", lang)
    url, _, decided = store
    out = tmp_path / "never.jwt"
    result = runner.invoke(
        app,
        [
            "credential",
            decided,
            "--store",
            url,
            "--key-dir",
            str(tmp_path / "k"),
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == EXIT_REFUSED
    assert refused in result.output
    assert "R36" in result.output
    assert sentence in result.output
    assert not out.exists()
