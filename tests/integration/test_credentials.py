"""A certificate exported as a W3C Verifiable Credential (Open Badges 3.0, VC-JOSE).

The credential is checked the way a wallet or another registry would: with PyJWT (not joserfc,
which certflow signs with) and the public JWK alone, and against 1EdTech's official Open Badges
3.0 JSON Schema (tests/fixtures/openbadges/).
"""

from __future__ import annotations

import base64
import hashlib
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

import jsonschema
import jwt
import pytest

import certflow
from certflow import CertificateProfile, current_signer, public_jwks, rotate_keys
from tests.support import ADMIN, COMMITTEE, World, build_world

SCHEMA = Path(__file__).parents[1] / "fixtures" / "openbadges"
PROFILE = CertificateProfile(
    lsp_name="LSP Uji Kompetensi",
    licence="BNSP-LSP-0123-ID",
    verification_url="https://lsp.example/verifikasi",
)


@pytest.fixture
def key_dir(tmp_path: Path) -> Path:
    rotate_keys(tmp_path / "keys")
    return tmp_path / "keys"


@pytest.fixture
def issued(lsp: certflow.CertificationBody) -> tuple[World, list[UUID]]:
    world = build_world(lsp, candidates=3)
    return world, [world.through("distributed", n) for n in range(3)]


def _verify(token: str, jwk: dict[str, Any]) -> dict[str, Any]:
    """PyJWT's answer: the verified payload as JSON, or an exception."""
    key = jwt.PyJWK({k: v for k, v in jwk.items() if k in {"kty", "crv", "x", "kid"}}, "EdDSA")
    verified = jwt.PyJWS().decode_complete(token, key.key, algorithms=["EdDSA"])
    payload: dict[str, Any] = json.loads(verified["payload"])
    return payload


def _keyset_jwk(key_dir: Path, kid: str) -> dict[str, Any]:
    data = json.loads((key_dir / "keyset.json").read_text())
    (entry,) = [e for e in data["keys"] if e["kid"] == kid]
    return dict(entry)


def test_the_credential_verifies_without_certflow_and_fits_open_badges_3(
    issued: tuple[World, list[UUID]], key_dir: Path
) -> None:
    world, (cert, *_) = issued
    lsp = world.lsp
    token = lsp.credential(cert, key=current_signer(key_dir), profile=PROFILE)
    header = jwt.get_unverified_header(token)
    kid = header["kid"]
    assert header == {"alg": "EdDSA", "kid": kid, "typ": "vc+jwt", "cty": "vc"}
    credential = _verify(token, _keyset_jwk(key_dir, kid))
    (published,) = public_jwks(key_dir)["keys"]
    assert published["kid"] == kid
    assert _verify(token, published) == credential
    schema = json.loads((SCHEMA / "ob_v3p0_achievementcredential_schema.json").read_text())
    jsonschema.Draft201909Validator(
        schema, format_checker=jsonschema.Draft201909Validator.FORMAT_CHECKER
    ).validate(credential)
    assert credential["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    view = lsp.get(cert)
    assert credential["validFrom"] == f"{view.valid_from}T00:00:00+07:00"
    assert credential["validUntil"] == f"{view.valid_until}T23:59:59+07:00"
    assert datetime.fromisoformat(credential["validFrom"]).date() == view.valid_from
    assert credential["issuer"]["id"] == "https://lsp.example"
    assert credential["issuer"]["name"] == "LSP Uji Kompetensi"
    # The id is the printed QR's verification URL: its token is the certificate's own.
    assert credential["id"].startswith("https://lsp.example/verifikasi/v/")
    qr_token = credential["id"].split("/v/")[1]
    assert lsp.verify_certificate(qr_token, public_key=certflow.load_key_set(key_dir)).status is (
        certflow.CertificateStatus.VALID
    )
    subject = credential["credentialSubject"]
    achievement = subject["achievement"]
    scheme = lsp.get_scheme(view.scheme_id)
    assert achievement["name"] == scheme.title
    assert achievement["achievementType"] == "Certification"
    for unit in scheme.units:
        assert f"{unit.code}: {unit.title}" in achievement["criteria"]["narrative"]
    (identity,) = subject["identifier"]
    assert identity["identityType"] == "name"
    assert identity["hashed"] is True
    name = lsp.holder_name(view.subject_id)
    expected = hashlib.sha256((name + identity["salt"]).encode()).hexdigest()
    assert identity["identityHash"] == f"sha256${expected}"
    text = json.dumps(credential, ensure_ascii=False)
    assert name not in text
    assert "3201" not in text  # no NIK (R64, UU PDP)
    again = _verify(lsp.credential(cert, key=current_signer(key_dir), profile=PROFILE), published)
    assert again["credentialSubject"]["identifier"][0]["salt"] != identity["salt"]


def test_a_tampered_credential_fails_the_independent_check(
    issued: tuple[World, list[UUID]], key_dir: Path
) -> None:
    world, (cert, *_) = issued
    token = world.lsp.credential(cert, key=current_signer(key_dir), profile=PROFILE)
    (published,) = public_jwks(key_dir)["keys"]
    head, body, signature = token.split(".")
    credential = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    credential["validUntil"] = "2099-12-31T23:59:59+07:00"
    forged = base64.urlsafe_b64encode(json.dumps(credential).encode()).rstrip(b"=").decode()
    with pytest.raises(jwt.InvalidSignatureError):
        _verify(f"{head}.{forged}.{signature}", published)
    rotate_keys(key_dir)  # a credential signed by a key not in the published set fails too
    other = world.lsp.credential(cert, key=current_signer(key_dir), profile=PROFILE)
    with pytest.raises(jwt.InvalidSignatureError):
        _verify(other, published)


def test_a_revoked_key_is_left_out_of_the_published_set(key_dir: Path) -> None:
    first = current_signer(key_dir).kid
    rotate_keys(key_dir)
    certflow.revoke_key(key_dir, first)
    kids = [key["kid"] for key in public_jwks(key_dir)["keys"]]
    assert kids == [current_signer(key_dir).kid]
    assert all(
        set(key) == {"kty", "crv", "x", "kid", "use"} for key in public_jwks(key_dir)["keys"]
    )


def _refused(lsp: certflow.CertificationBody, cert: UUID, key_dir: Path, rule: str) -> None:
    before = lsp.get(cert).version
    with pytest.raises(certflow.RejectedError) as refused:
        lsp.credential(cert, key=current_signer(key_dir), profile=PROFILE)
    assert refused.value.rule_ids == (rule,)
    assert lsp.get(cert).version == before


def test_only_a_printed_certificate_in_force_is_exported(
    lsp: certflow.CertificationBody, key_dir: Path
) -> None:
    world = build_world(lsp, candidates=3)
    decided = world.through("competent", 0)
    _refused(lsp, decided, key_dir, "R36")
    assert lsp.get(decided).certificate_number is None
    revoked, suspended = world.through("distributed", 1), world.through("distributed", 2)
    world.at(date(2025, 3, 1))
    lsp.revoke(revoked, grounds="ethics_breach", actor=COMMITTEE)
    lsp.suspend(suspended, grounds="criminal_suspect", resolve_by=date(2025, 6, 1), actor=COMMITTEE)
    _refused(lsp, revoked, key_dir, "R45")
    _refused(lsp, suspended, key_dir, "R44")


def test_an_expired_or_erased_certificate_is_not_exported(
    issued: tuple[World, list[UUID]], key_dir: Path
) -> None:
    world, (cert, erased, _) = issued
    lsp = world.lsp
    lsp.erase_personal_data(world.candidates[1], reason="request", actor=ADMIN)
    _refused(lsp, erased, key_dir, "R59")
    world.at(date(2027, 11, 14))
    _refused(lsp, cert, key_dir, "R46")
