"""Certificate tokens are compact JWS: the mutation matrix, key rotation and revocation."""

from __future__ import annotations

import base64
import json
import string
from datetime import date
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from joserfc import jws
from joserfc.jwk import OKPKey
from typer.testing import CliRunner

import certflow
from certflow import WIB, FixedClock
from certflow.adapters.keys import create_keys, load_public_key
from certflow.adapters.tokens import (
    current_signer,
    key_set_of,
    load_key_set,
    revoke_key,
    rotate_keys,
    token_signer,
)
from certflow.application.certificates import CertificateStatus, certificate_url
from certflow.application.verification import check_offline
from certflow.cli import app
from tests.support import World, build_world

S = CertificateStatus
ALPHABET = string.ascii_letters + string.digits + "-_"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@pytest.fixture
def issued(lsp: certflow.CertificationBody) -> tuple[World, UUID]:
    world = build_world(lsp)
    return world, world.through("distributed")


@pytest.fixture
def key_dir(tmp_path: Path) -> Path:
    create_keys(tmp_path / "keys")
    return tmp_path / "keys"


def test_an_issued_token_verifies_with_the_jose_library_alone(
    issued: tuple[World, UUID], key_dir: Path
) -> None:
    world, cert = issued
    token = world.lsp.certificate_token(cert, key=current_signer(key_dir))
    public = OKPKey.import_key((key_dir / "lsp-signing.pub").read_bytes())
    opened = jws.deserialize_compact(token, public, algorithms=["Ed25519"])
    assert opened.protected == {"alg": "Ed25519", "kid": public.thumbprint()}
    claims = json.loads(opened.payload)
    view = world.lsp.get(cert)
    assert claims.pop("l")  # the LSP code
    assert claims == {
        "v": 2,
        "n": view.certificate_number,
        "s": view.scheme_code,
        "f": str(view.valid_from),
        "u": str(view.valid_until),
        "i": str(view.printed_on),
        "c": 1,
    }
    # And with the signature primitive itself: Ed25519 over "header.payload".
    header, payload, signature = token.split(".")
    load_public_key(key_dir / "lsp-signing.pub").verify(
        _unb64(signature), f"{header}.{payload}".encode()
    )


def _check(world: World, token: str, keys: Any) -> CertificateStatus:
    online = world.lsp.verify_certificate(token, public_key=keys).status
    offline = check_offline(token, keys, date(2025, 1, 1)).status
    assert online is offline or online in {S.UNKNOWN, S.VOID}, (online, offline)
    return online


def _resign(header: dict[str, Any], payload: bytes, key: Ed25519PrivateKey) -> str:
    signing_input = f"{_b64(json.dumps(header).encode())}.{_b64(payload)}"
    return f"{signing_input}.{_b64(key.sign(signing_input.encode()))}"


def test_each_token_mutation_gets_its_status(issued: tuple[World, UUID], key_dir: Path) -> None:
    world, cert = issued
    signer = current_signer(key_dir)
    keys = load_key_set(key_dir)
    token = world.lsp.certificate_token(cert, key=signer)
    header, payload, signature = token.split(".")
    assert _check(world, token, keys) is S.VALID
    assert _check(world, certificate_url("https://lsp.example/v", token), keys) is S.VALID
    assert (
        certificate_url("https://lsp.example/cek/", token) == f"https://lsp.example/cek/v/{token}"
    )
    assert _check(world, f"https://lsp.example/cek?t={token}", keys) is S.VALID  # printed before
    # Damaged: not a well-formed token or URL.
    for damaged in (
        token[:-10],
        f"{payload}.{signature}",  # the old two-part shape
        f"{token}.{signature}",
        token.replace(".", "..", 1),
        "nonsense.token.here.and.it.is.long.enough.to.be.read.as.one",
        f"{header}=.{payload}.{signature}",  # padding is not canonical
        f"{_b64(b'not json')}.{payload}.{signature}",
        f"{_b64(b'[1]')}.{payload}.{signature}",
        "https://lsp.example/v?x=1",
        "https://lsp.example/v?t=",
        "https://lsp.example/v/",
        "https://lsp.example/cek/w/" + token,
        token + "\u00e9" * 30,
    ):
        assert _check(world, damaged, keys) is S.DAMAGED, damaged
    # Altered payload, re-encoded canonically: the signature no longer matches.
    claims = json.loads(_unb64(payload))
    altered = _b64(json.dumps({**claims, "u": "2099-12-31"}).encode())
    assert _check(world, f"{header}.{altered}.{signature}", keys) is S.FORGED
    # Altered signature: one character in the middle.
    middle = signature[40]
    other = "A" if middle != "A" else "B"
    changed = f"{header}.{payload}.{signature[:40]}{other}{signature[41:]}"
    assert _check(world, changed, keys) is S.FORGED
    # Wrong key: a key outside the set is unknown; a stranger claiming our kid is forged.
    stranger = Ed25519PrivateKey.generate()
    assert _check(world, token_signer(stranger).sign_token(_unb64(payload)), keys) is (
        S.UNKNOWN_KEY
    )
    assert _check(world, _resign(json.loads(_unb64(header)), _unb64(payload), stranger), keys) is (
        S.FORGED
    )
    # Unknown kid: the header names a key the set does not hold.
    unknown = _b64(json.dumps({"alg": "Ed25519", "kid": "no-such-key"}).encode())
    assert _check(world, f"{unknown}.{payload}.{signature}", keys) is S.UNKNOWN_KEY
    # Other algorithms, extra header fields: damaged, whatever the signature.
    for bad_header in (
        {"alg": "none", "kid": signer.kid},
        {"alg": "EdDSA", "kid": signer.kid},
        {"alg": "HS256", "kid": signer.kid},
        {"alg": "Ed25519", "kid": signer.kid, "crit": ["exp"]},
        {"alg": "Ed25519", "kid": 7},
    ):
        encoded = _b64(json.dumps(bad_header).encode())
        assert _check(world, f"{encoded}.{payload}.{signature}", keys) is S.DAMAGED


def test_no_change_to_the_signatures_last_character_verifies(
    issued: tuple[World, UUID], key_dir: Path
) -> None:
    world, cert = issued
    keys = load_key_set(key_dir)
    token = world.lsp.certificate_token(cert, key=current_signer(key_dir))
    original = _unb64(token.rsplit(".", 1)[1])
    answers = {}
    for char in ALPHABET.replace(token[-1], ""):
        mutated = token[:-1] + char
        answers[char] = _check(world, mutated, keys)
        if _unb64(mutated.rsplit(".", 1)[1]) == original:  # a lenient decoder's "same bytes"
            assert answers[char] is S.DAMAGED, char
    assert len(answers) == 63
    assert set(answers.values()) <= {S.DAMAGED, S.FORGED}
    assert sum(1 for a in answers.values() if a is S.DAMAGED) >= 15


@pytest.mark.parametrize(
    "change",
    [
        {"f": "2024-13-01"},
        {"f": 20241114},
        {"u": None},
        {"u": "2020-01-01"},  # before valid-from
        {"c": 0},
        {"c": 1.5},
        {"c": 10**30},
        {"c": True},
        {"c": "1"},
        {"n": 42},
        {"n": ""},
        {"v": 1},
        {"extra": "field"},
    ],
)
def test_a_signed_payload_that_breaks_the_schema_is_damaged(
    issued: tuple[World, UUID], key_dir: Path, change: dict[str, Any]
) -> None:
    world, cert = issued
    signer, keys = current_signer(key_dir), load_key_set(key_dir)
    good = json.loads(_unb64(world.lsp.certificate_token(cert, key=signer).split(".")[1]))
    bad = signer.sign_token(json.dumps({**good, **change}).encode())
    assert _check(world, bad, keys) is S.DAMAGED


@pytest.mark.parametrize("payload", [b"[1, 2]", b"not json", b"\xff\xfe", b"{}", b"null"])
def test_a_signed_payload_that_is_not_claims_is_damaged(
    issued: tuple[World, UUID], key_dir: Path, payload: bytes
) -> None:
    world, _ = issued
    bad = current_signer(key_dir).sign_token(payload)
    assert _check(world, bad, load_key_set(key_dir)) is S.DAMAGED


def test_a_rotated_key_keeps_old_certificates_valid_and_a_revoked_key_says_so(
    issued: tuple[World, UUID], key_dir: Path
) -> None:
    world, cert = issued
    first = current_signer(key_dir)
    old = world.lsp.certificate_token(cert, key=first)
    new_kid = rotate_keys(key_dir)
    assert new_kid != first.kid
    assert current_signer(key_dir).kid == new_kid
    new = world.lsp.certificate_token(cert, key=current_signer(key_dir))
    keys = load_key_set(key_dir)
    assert keys.current == new_kid
    assert set(keys.keys) == {first.kid, new_kid}
    assert _check(world, old, keys) is S.VALID
    assert _check(world, new, keys) is S.VALID
    # The set published before the rotation does not know the new key.
    assert _check(world, new, key_set_of(load_public_key(key_dir / "lsp-signing.pub"))) is (
        S.UNKNOWN_KEY
    )
    with pytest.raises(certflow.InvalidInputError, match="current"):
        revoke_key(key_dir, new_kid)
    with pytest.raises(certflow.NotFoundError):
        revoke_key(key_dir, "no-such-key")
    revoke_key(key_dir, first.kid)
    keys = load_key_set(key_dir)
    assert _check(world, old, keys) is S.REVOKED_KEY
    assert _check(world, new, keys) is S.VALID
    # A forgery under the revoked kid is still a forgery.
    header, payload, signature = old.split(".")
    flipped = signature[:40] + ("A" if signature[40] != "A" else "B") + signature[41:]
    assert _check(world, f"{header}.{payload}.{flipped}", keys) is S.FORGED
    saved = json.loads((key_dir / "keyset.json").read_text())
    assert {e["kid"]: e["status"] for e in saved["keys"]} == {
        first.kid: "revoked",
        new_kid: "active",
    }
    assert all("d" not in entry for entry in saved["keys"])  # no private key material


def test_a_key_set_file_that_lies_about_a_kid_is_refused(key_dir: Path) -> None:
    rotate_keys(key_dir)
    path = key_dir / "keyset.json"
    saved = json.loads(path.read_text())
    saved["keys"][0]["kid"] = saved["keys"][1]["kid"]
    path.write_text(json.dumps(saved))
    with pytest.raises(certflow.InvalidInputError, match="thumbprint"):
        load_key_set(path)


def test_the_cli_rotates_revokes_and_verifies_under_each_kid(tmp_path: Path) -> None:
    runner = CliRunner()
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    lsp = certflow.open(url, clock=FixedClock(date(2024, 10, 14), tz=WIB))
    cert = str(build_world(lsp).through("distributed"))
    lsp.close()
    folder = str(tmp_path / "k")
    assert runner.invoke(app, ["keys", "create", "--dir", folder]).exit_code == 0
    common = ["--store", url]
    old = runner.invoke(app, ["certificate", cert, *common, "--key-dir", folder]).stdout.strip()
    rotated = runner.invoke(app, ["keys", "rotate", "--dir", folder])
    assert rotated.exit_code == 0, rotated.output
    new = runner.invoke(app, ["certificate", cert, *common, "--key-dir", folder]).stdout.strip()
    assert old.split(".")[0] != new.split(".")[0]  # different kid
    for token in (old, new):
        answer = runner.invoke(
            app, ["verify-certificate", token, *common, "--public-key", folder, "--json"]
        )
        assert answer.exit_code == 0, answer.output
        assert json.loads(answer.stdout)["status"] == "valid"
    listed = runner.invoke(app, ["keys", "list", "--dir", folder, "--format", "json"])
    assert listed.exit_code == 0
    keys = json.loads(listed.stdout)
    assert len(keys) == 2
    assert [k["current"] for k in keys].count(True) == 1
    old_kid = json.loads(_unb64(old.split(".")[0]))["kid"]
    assert runner.invoke(app, ["keys", "revoke", old_kid, "--dir", folder]).exit_code == 0
    revoked = runner.invoke(
        app, ["verify-certificate", old, *common, "--public-key", folder, "--json"]
    )
    assert revoked.exit_code == 1
    assert json.loads(revoked.stdout)["status"] == "revoked_key"
    for token, word in ((old, "REVOKED KEY"), (old[:-5], "DAMAGED"), (new, "VALID")):
        shown = runner.invoke(app, ["verify-certificate", token, *common, "--public-key", folder])
        assert word in shown.output, shown.output


def test_every_status_has_a_human_rendering() -> None:
    from certflow.cli.render.checks import _STATUS

    assert {status.value for status in S} == set(_STATUS)
