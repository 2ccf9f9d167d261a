"""Certificates anyone can verify: Ed25519-signed tokens and the public verification answer.

A token is ``base64url(payload) "." base64url(signature)`` where the payload is compact JSON:
LSP code, certificate number, scheme, validity, print date and copy number. It carries no
personal data and no assessment detail (R64), fits in a QR code, and verifies offline with the
LSP's public key; with the store at hand, the certificate register adds suspension, revocation,
expiry, supersession and voided copies.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import unicodedata
from datetime import date
from enum import Enum
from typing import Any

from pydantic import BaseModel, ConfigDict

from certflow.application.ports import SigningKey, VerifyingKey

__all__ = [
    "CertificateCheck",
    "CertificateStatus",
    "NameCheck",
    "bind_name",
    "name_matches",
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


class NameCheck(Enum):
    """Whether the holder's name on file is the one bound to the certificate when it was issued."""

    MATCHES = "matches"
    """The name on file is the name printed: it is shown."""
    ALTERED = "altered"
    """The name on file differs from the name printed: it was changed; it is not shown."""
    ERASED = "erased"
    """The holder's personal data was erased."""
    NOT_BOUND = "not bound"
    """Printed before names were bound (or with no name on file): shown unchecked."""
    NOT_ON_FILE = "not on file"
    """No personal data on file for the holder, and no erasure recorded."""


_NAME_DOMAIN = b"certflow holder name v1\x00"


def _name_digest(name: str, salt: bytes) -> str:
    text = unicodedata.normalize("NFC", name.strip()).encode()
    return hashlib.sha256(_NAME_DOMAIN + salt + text).hexdigest()


def bind_name(name: str) -> tuple[str, str]:
    """A salted hash of ``name`` to record at issue: (hash hex, salt hex), a new salt each time."""
    salt = secrets.token_bytes(16)
    return _name_digest(name, salt), salt.hex()


def name_matches(name: str, name_hash: str, salt: str) -> bool:
    """Whether ``name`` is the name bound by ``name_hash`` with ``salt`` (both hex)."""
    try:
        raw = bytes.fromhex(salt)
    except ValueError:
        return False
    return hmac.compare_digest(_name_digest(name, raw), name_hash)


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
    name_check: NameCheck | None = None
    """Whether the name on file is the one bound at issue (``None`` offline)."""
    copy_number: int | None = None
    """Which printed copy the token is from (a duplicate voids the copies before it)."""
    checked_on: date
    offline: bool = False
    """Checked with the signature and dates only (no register at hand)."""


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sign_token(payload: dict[str, Any], key: SigningKey) -> str:
    """Sign ``payload`` into a compact token."""
    body = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()
    return f"{_b64(body)}.{_b64(key.sign(body))}"


def read_token(token: str, key: VerifyingKey) -> dict[str, Any] | None:
    """The payload of a token signed by ``key``'s pair, or ``None`` when it is not genuine."""
    try:
        body_text, signature_text = token.strip().split(".")
        body, signature = _unb64(body_text), _unb64(signature_text)
    except ValueError:  # binascii.Error is a ValueError
        return None
    try:
        key.verify(signature, body)
    except Exception:  # each key library has its own "bad signature" (InvalidSignature)
        return None
    try:
        payload = json.loads(body)
    except ValueError:  # json.JSONDecodeError and UnicodeDecodeError are ValueErrors
        return None
    return payload if isinstance(payload, dict) else None
