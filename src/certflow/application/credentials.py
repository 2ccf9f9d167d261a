"""A certificate as a W3C Verifiable Credential 2.0 in the Open Badges 3.0 shape (pure, no crypto).

:func:`achievement_credential` turns what the certificate register holds about a printed
certificate (:class:`CredentialFacts`) into an ``OpenBadgeCredential``: the LSP as ``issuer``,
the scheme as the ``achievement`` (its units of competency in the criteria), the validity as
``validFrom``/``validUntil``, and the holder only as a salted SHA-256 hash of their name (an
Open Badges ``IdentityObject``; a fresh salt for every export). No NIK, no other personal data,
no assessment detail (R64, UU PDP). The credential is secured as VC-JOSE (a compact JWS with
``typ`` ``vc+jwt``) by a :class:`CredentialSigner`, which the adapters provide
(:class:`certflow.adapters.tokens.TokenKey`).

Choices (decision 0012): the credential's ``id`` is the verification URL printed in the
certificate's QR code, so following it answers the certificate's current status; the issuer's
``id`` is the origin of the LSP's verification page; the achievement's ``id`` is the scheme
version's ``urn:uuid``; no ``credentialStatus`` (certflow publishes no status list: the status
is answered at the verification URL).
"""

from __future__ import annotations

import hashlib
import secrets
import unicodedata
from datetime import date, datetime, time, tzinfo
from typing import Any, Protocol
from urllib.parse import urlsplit
from uuid import UUID

from pydantic import BaseModel, ConfigDict

from certflow.application.ports import TokenSigner
from certflow.engine import InvalidInputError, Text

__all__ = [
    "OB_CONTEXT",
    "OB_SCHEMA",
    "VC_CONTEXT",
    "CredentialFacts",
    "CredentialSigner",
    "achievement_credential",
    "identity_hash",
    "issuer_id",
    "new_salt",
]

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
OB_SCHEMA = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
)
_TITLE = "Sertifikat Kompetensi / Certificate of Competence"


class CredentialSigner(TokenSigner, Protocol):
    """The LSP's current key, as it signs tokens and secures credentials (a ``TokenKey``)."""

    def sign_credential(self, credential: dict[str, Any]) -> str:
        """The credential secured as VC-JOSE: a compact JWS with ``typ`` ``vc+jwt``."""
        ...


class CredentialFacts(BaseModel):
    """What the register says about one printed certificate, as the credential shows it."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    verification_url: str
    """The URL printed as the certificate's QR code (the LSP's page with the token)."""
    issuer_url: str
    """The LSP's URL (the origin of its verification page)."""
    lsp_name: str
    licence: str = ""
    """The LSP's BNSP licence number, if it has one on its profile."""
    certificate_number: str
    scheme_id: UUID
    scheme_code: str
    scheme_title: str
    units: tuple[tuple[str, str], ...]
    """Each unit of competency as (code, title)."""
    valid_from: date
    valid_until: date
    holder_name: str
    tz: tzinfo
    """The LSP's time zone: validity runs from 00:00 of the first day to 23:59:59 of the last."""


def issuer_id(verification_url: str) -> str:
    """The LSP's URL: the scheme and host of its verification page (``https://lsp.example``)."""
    parts = urlsplit(verification_url.strip())
    if parts.scheme not in {"https", "http"} or not parts.netloc:
        raise InvalidInputError(
            [
                Text(
                    "{verification_url!r}: the verification URL is not a web URL",
                    verification_url=verification_url,
                )
            ]
        )
    return f"{parts.scheme}://{parts.netloc}"


def new_salt() -> str:
    """A fresh random salt for the holder's name hash (32 hex characters)."""
    return secrets.token_hex(16)


def identity_hash(name: str, salt: str) -> str:
    """The Open Badges ``IdentityHash`` of a name: ``sha256$`` and SHA-256(name + salt) in hex.

    The name is taken as printed: surrounding spaces dropped, Unicode NFC, UTF-8.
    """
    text = unicodedata.normalize("NFC", name.strip())
    return "sha256$" + hashlib.sha256((text + salt).encode()).hexdigest()


def _moment(day: date, at: time, tz: tzinfo) -> str:
    return datetime.combine(day, at, tzinfo=tz).isoformat(timespec="seconds")


def _criteria(units: tuple[tuple[str, str], ...]) -> str:
    lines = ["Kompeten pada unit kompetensi berikut / Competent in these units of competency:", ""]
    lines += [f"- {code}: {title}" for code, title in units]
    return "\n".join(lines)


def _issuer(facts: CredentialFacts) -> dict[str, Any]:
    issuer: dict[str, Any] = {"id": facts.issuer_url, "type": ["Profile"], "name": facts.lsp_name}
    if facts.licence:
        issuer["identifier"] = [
            {
                "type": "IdentifierEntry",
                "identifier": facts.licence,
                "identifierType": "ext:BNSPLicence",
            }
        ]
    return issuer


def achievement_credential(facts: CredentialFacts, *, salt: str) -> dict[str, Any]:
    """The certificate as an unsecured ``OpenBadgeCredential`` (W3C VC 2.0, Open Badges 3.0).

    Args:
        facts: the register's data of a printed certificate.
        salt: the salt of the holder's name hash; :func:`new_salt` gives a fresh one.
    """
    if not salt:
        raise InvalidInputError([Text("the holder's name hash needs a salt")])
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": facts.verification_url,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": f"{_TITLE}: {facts.scheme_title}",
        "issuer": _issuer(facts),
        "validFrom": _moment(facts.valid_from, time(0, 0), facts.tz),
        "validUntil": _moment(facts.valid_until, time(23, 59, 59), facts.tz),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityHash": identity_hash(facts.holder_name, salt),
                    "identityType": "name",
                    "hashed": True,
                    "salt": salt,
                }
            ],
            "achievement": {
                "id": facts.scheme_id.urn,
                "type": ["Achievement"],
                "achievementType": "Certification",
                "name": facts.scheme_title,
                "description": (
                    f"Sertifikat kompetensi skema {facts.scheme_code}, nomor "
                    f"{facts.certificate_number} / Certificate of competence, scheme "
                    f"{facts.scheme_code}, number {facts.certificate_number}"
                ),
                "criteria": {"narrative": _criteria(facts.units)},
                "humanCode": facts.scheme_code,
            },
        },
        "credentialSchema": [{"id": OB_SCHEMA, "type": "1EdTechJsonSchemaValidator2019"}],
    }
