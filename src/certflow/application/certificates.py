"""Certificates anyone can verify: signed tokens and the public verification answer.

A token is a compact JWS (RFC 7515, alg ``Ed25519``, the LSP's key id as ``kid``) whose payload
is compact JSON: LSP code, certificate number, scheme, validity, print date and copy number
(:class:`TokenClaims`). It carries no personal data and no assessment detail (R64), fits in a
QR code as part of the verification URL (``BASE/v/TOKEN``), and verifies offline with the LSP's
key set; with the store at hand, the certificate register adds suspension, revocation, expiry,
supersession and voided copies. Signing and checking the JWS is the adapters'
(:class:`~.ports.TokenSigner`, :class:`~.ports.TokenVerifier`); this module owns the claims and
the answer.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import unicodedata
from datetime import date
from enum import Enum
from typing import Literal
from urllib.parse import parse_qs, quote, unquote, urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

__all__ = [
    "CertificateCheck",
    "CertificateStatus",
    "NameCheck",
    "TokenClaims",
    "bind_name",
    "certificate_url",
    "decode_claims",
    "encode_claims",
    "name_matches",
    "token_from",
]

_MAX_COPIES = 10_000


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
    """Well-formed, but the signature is not valid for the key its ``kid`` names, or the signed
    data disagrees with the register."""
    DAMAGED = "damaged"
    """Not a well-formed token or verification URL (a bad scan, a truncated or re-encoded token,
    a payload that does not fit the schema)."""
    UNKNOWN_KEY = "unknown_key"
    """Signed under a key id that is not in the LSP's key set."""
    REVOKED_KEY = "revoked_key"
    """Signed by a key that the LSP has revoked: the token is not trusted."""
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
    issuer: str | None = None
    """The LSP code a genuine token names when it is not this register's LSP (status unknown):
    the certificate is to be checked with that LSP, or ``--lsp-code``/the profile is wrong."""


class TokenClaims(BaseModel):
    """The signed payload of a certificate token, checked before any of it is trusted.

    Short keys keep the QR code small: ``v`` format version, ``l`` LSP code, ``n`` certificate
    number, ``s`` scheme code, ``f``/``u`` valid from/until, ``i`` print date, ``c`` copy number.
    """

    model_config = ConfigDict(frozen=True, strict=True, extra="forbid")

    v: Literal[2]
    l: str = Field(min_length=1, max_length=64)  # noqa: E741 - the claim's name in the token
    n: str = Field(min_length=1, max_length=128)
    s: str = Field(min_length=1, max_length=128)
    f: date
    u: date
    i: date
    c: int = Field(ge=1, le=_MAX_COPIES)

    @model_validator(mode="after")
    def _dates_in_order(self) -> TokenClaims:
        if self.u < self.f:
            raise ValueError("valid until is before valid from")
        return self


def encode_claims(claims: TokenClaims) -> bytes:
    """The compact JSON signed into a token."""
    data = claims.model_dump(mode="json")
    return json.dumps(data, separators=(",", ":"), sort_keys=True).encode()


def decode_claims(payload: bytes) -> TokenClaims | None:
    """The claims of a signed payload, or ``None`` when they do not fit the schema."""
    try:
        return TokenClaims.model_validate_json(payload, strict=True)
    except (ValidationError, ValueError):
        return None


def certificate_url(base: str, token: str) -> str:
    """The verification URL printed as the QR code: ``base/v/token``.

    ``base`` is the LSP's verification page (the profile's ``verification_url``), where
    ``certflow serve`` answers ``/v/<token>`` (the service mounted at that address).
    """
    return f"{base.rstrip('/')}/v/{quote(token, safe='')}"


def token_from(text: str) -> str:
    """The token in a verification URL, or ``text`` itself when it is not a URL.

    Both forms are read: ``BASE/v/TOKEN`` (printed now) and ``BASE?t=TOKEN`` (printed by
    earlier versions, still on paper). A URL with neither gives ``""`` (a damaged token).
    """
    text = text.strip()
    if "://" not in text:
        return text
    try:
        parts = urlsplit(text)
    except ValueError:
        return ""
    found = parse_qs(parts.query).get("t") or parse_qs(parts.fragment).get("t")
    if found:
        return found[0]
    segments = parts.path.split("/")
    if len(segments) >= 3 and segments[-2] == "v":
        return unquote(segments[-1])
    return ""
