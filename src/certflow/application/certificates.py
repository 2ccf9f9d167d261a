"""Certificates anyone can verify: Ed25519-signed tokens and the public verification answer.

A token is ``base64url(payload) "." base64url(signature)`` where the payload is compact JSON:
LSP code, certificate number, scheme, validity, print date and copy number. It carries no
personal data and no assessment detail (R64), fits in a QR code, and verifies offline with the
LSP's public key; with the store at hand, the certificate register adds suspension, revocation,
expiry, supersession and voided copies.
"""

from __future__ import annotations

import base64
import json
import os
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pydantic import BaseModel, ConfigDict

from certflow.engine import InvalidInputError

__all__ = [
    "CertificateCheck",
    "CertificateStatus",
    "create_keys",
    "load_private_key",
    "load_public_key",
    "read_token",
    "sign_token",
]


class CertificateStatus(Enum):
    """What a verification says about a certificate."""

    VALID = "valid"
    SUSPENDED = "suspended"
    REVOKED = "revoked"
    EXPIRED = "expired"
    SUPERSEDED = "superseded"
    """Replaced by the certificate of a recertification."""
    VOID = "void"
    """An earlier copy, replaced by a duplicate."""
    FORGED = "forged"
    """The signature does not match, or the token disagrees with the register."""
    UNKNOWN = "unknown"
    """No such certificate in this register."""


class CertificateCheck(BaseModel):
    """The public answer to "is this certificate genuine and in force?" (no NIK, R64)."""

    model_config = ConfigDict(frozen=True)

    status: CertificateStatus
    number: str | None = None
    scheme_code: str | None = None
    scheme_title: str | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    holder: str | None = None
    """The holder's name, or a marker once their personal data is erased."""
    copy_number: int | None = None
    """Which printed copy the token is from (a duplicate voids the copies before it)."""
    checked_on: date
    offline: bool = False
    """Checked with the signature and dates only (no register at hand)."""


def create_keys(directory: Path, name: str = "lsp-signing") -> tuple[Path, Path]:
    """Write a new Ed25519 key pair: ``NAME.key`` (private, mode 0600) and ``NAME.pub``."""
    directory.mkdir(parents=True, exist_ok=True)
    private_path, public_path = directory / f"{name}.key", directory / f"{name}.pub"
    if private_path.exists():
        raise InvalidInputError([f"{private_path} exists; a signing key is never overwritten"])
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    descriptor = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        out.write(pem)
    public_path.write_bytes(
        key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    return private_path, public_path


def load_private_key(path: Path) -> Ed25519PrivateKey:
    """The LSP's private signing key from a PEM file."""
    key = serialization.load_pem_private_key(Path(path).read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise InvalidInputError([f"{path} is not an Ed25519 private key"])
    return key


def load_public_key(path: Path) -> Ed25519PublicKey:
    """The LSP's public key from a PEM file."""
    key = serialization.load_pem_public_key(Path(path).read_bytes())
    if not isinstance(key, Ed25519PublicKey):
        raise InvalidInputError([f"{path} is not an Ed25519 public key"])
    return key


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sign_token(payload: dict[str, Any], key: Ed25519PrivateKey) -> str:
    """Sign ``payload`` into a compact token."""
    body = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()
    return f"{_b64(body)}.{_b64(key.sign(body))}"


def read_token(token: str, key: Ed25519PublicKey) -> dict[str, Any] | None:
    """The payload of a token signed by ``key``, or ``None`` when it is not genuine."""
    try:
        body_text, signature_text = token.strip().split(".")
        body, signature = _unb64(body_text), _unb64(signature_text)
        key.verify(signature, body)
        payload = json.loads(body)
    except (ValueError, InvalidSignature, json.JSONDecodeError):
        return None
    return payload if isinstance(payload, dict) else None
