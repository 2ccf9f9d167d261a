"""``certflow tokens``: issue, list and revoke API tokens; link identity-provider subjects."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

import certflow
from certflow import WIB, FixedClock
from certflow.cli import EXIT_NOT_FOUND, EXIT_REFUSED, app
from certflow.testing.actors import ADMIN, HEAD, MANAGER, appoint_standard_staff

runner = CliRunner()
ISSUER = "https://sso.lsp.example/realms/lsp"


def _run(store: str, *args: str, lang: str = "en") -> Result:
    result = runner.invoke(
        app, ["tokens", *args, "--store", store], env={"CERTFLOW_LANG": lang, "COLUMNS": "200"}
    )
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def _ok(store: str, *args: str, lang: str = "en") -> Result:
    result = _run(store, *args, lang=lang)
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def store(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'tokens.db'}"
    lsp = certflow.open(url, clock=FixedClock(date(2024, 10, 21), tz=WIB))
    appoint_standard_staff(lsp)
    lsp.close()
    return url


def test_create_prints_the_token_once_and_it_authenticates_until_revoked(store: str) -> None:
    made = _ok(store, "create", "--person", MANAGER.id, "--label", "e-office", "--as", ADMIN.id)
    token = made.stdout.strip()
    assert token.startswith("cft_")
    assert "shown only now" in made.stderr
    token_id = token.split("_")[1]
    listed = json.loads(_ok(store, "list", "--format", "json").stdout)
    assert [(r["token_id"], r["person_id"], r["status"]) for r in listed] == [
        (token_id, MANAGER.id, "active")
    ]
    assert token.split("_", 2)[2] not in _ok(store, "list", "--format", "json").stdout
    lsp = certflow.open(store)
    try:
        found = lsp.authenticate_api_token(token)
        assert found is not None
        assert found.person_id == MANAGER.id
    finally:
        lsp.close()

    _ok(store, "revoke", token_id, "--reason", "laptop lost", "--as", HEAD.id)
    listed = json.loads(_ok(store, "list", "--format", "json").stdout)
    assert (listed[0]["status"], listed[0]["revoked_by"]) == ("revoked", HEAD.id)
    again = _run(store, "revoke", token_id, "--as", HEAD.id)
    assert again.exit_code != 0
    lsp = certflow.open(store)
    try:
        assert lsp.authenticate_api_token(token) is None
    finally:
        lsp.close()


@pytest.mark.parametrize(
    ("lang", "refusal"), [("en", "holds no appointment"), ("id", "tidak memegang penetapan")]
)
def test_only_the_head_and_the_admin_issue_tokens(store: str, lang: str, refusal: str) -> None:
    refused = _run(store, "create", "--person", ADMIN.id, "--as", MANAGER.id, lang=lang)
    assert refused.exit_code == EXIT_REFUSED
    assert refusal in " ".join(refused.output.split())
    unknown = _run(store, "create", "--person", "nobody-here", "--as", ADMIN.id, lang=lang)
    assert unknown.exit_code == EXIT_NOT_FOUND
    missing = _run(store, "revoke", "0" * 16, "--as", HEAD.id, lang=lang)
    assert missing.exit_code == EXIT_NOT_FOUND
    assert "certflow tokens list" in missing.output
    empty = _ok(store, "list", lang=lang).stdout
    assert empty.strip() == ("no API tokens" if lang == "en" else "belum ada token API")


def test_link_and_unlink_an_identity_provider_subject(store: str) -> None:
    _ok(store, "link-oidc", "--person", ADMIN.id, "--subject", "user@lsp.example",
        "--issuer", ISSUER, "--as", HEAD.id)  # fmt: skip
    listed = json.loads(_ok(store, "links", "--format", "json").stdout)
    assert [(r["person_id"], r["status"]) for r in listed] == [(ADMIN.id, "linked")]
    assert "user@lsp.example" not in json.dumps(listed)
    again = _run(store, "link-oidc", "--person", MANAGER.id, "--subject", "user@lsp.example",
                 "--issuer", ISSUER, "--as", HEAD.id)  # fmt: skip
    assert again.exit_code != 0
    _ok(store, "unlink-oidc", "--subject", "user@lsp.example", "--issuer", ISSUER,
        "--reason", "moved", "--as", ADMIN.id)  # fmt: skip
    listed = json.loads(_ok(store, "links", "--format", "json").stdout)
    assert listed[0]["status"] == "unlinked"
