"""The LSP profile: who the LSP is, what its certificates print, where its store and keys are.

An LSP keeps one profile, usually in ``certflow.toml`` (written by ``certflow init``, read by
every command; see docs/cli.md). :class:`LspProfile` is the validated profile; reading and
writing the file is the adapters' (:mod:`certflow.adapters.profile_file`). Paths in the profile
(logo, signature images, keys) are absolute once loaded: the file's relative paths are read
against the folder the file is in.

Every text that reaches a certificate is checked (:func:`~.documents.printable`): NFC, no
control, format or bidirectional-override characters, within a length limit, so a profile
cannot print what the LSP did not see.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from certflow.application.documents import (
    CertificateProfile,
    Signatory,
    printed,
    verification_address,
)
from certflow.domain import ZONES

__all__ = ["KeyPaths", "LspProfile"]

_CODE_CHARACTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")


class KeyPaths(BaseModel):
    """Where the LSP's keys are: the token key set and the PDF signing certificate."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    dir: Path = Path("keys")
    """The folder of the key set (``keyset.json`` and the private keys it names)."""
    signing: Path | None = None
    """A private Ed25519 key to sign tokens with instead of the key set's current one."""
    pdf_key: Path | None = None
    """The private key of the PDF signing certificate (PEM); default: ``DIR/lsp-pdf.key``."""
    pdf_certificate: Path | None = None
    """The X.509 certificate PDFs are signed with (PEM); default: ``DIR/lsp-pdf.crt``."""
    pdf_pkcs12: Path | None = None
    """A PKCS#12 file (``.p12``/``.pfx``, as a CA such as BSrE delivers) instead of the two
    files above; its passphrase comes from ``CERTFLOW_PDF_PASSPHRASE``, never the profile."""


class LspProfile(BaseModel):
    """Who the LSP is and how it prints, signs and keeps its records."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    name: Annotated[str, printed(3, 160)]
    """The LSP's name as printed, e.g. ``LSP Humas Polri``."""
    code: Annotated[str, Field(min_length=2, max_length=20)]
    """The LSP's short code: capitals, digits and hyphens (``{lsp}`` in certificate numbers,
    the tokens' issuer, checkpoint origins)."""
    licence: Annotated[str, printed(3, 60)]
    """The LSP's BNSP licence number, printed on every certificate."""
    place_of_issue: Annotated[str, printed(2, 60)]
    """The city the certificates are issued in, printed before the date of issue."""
    verification_url: Annotated[str, Field(max_length=200), AfterValidator(verification_address)]
    """The LSP's public verification page, where ``certflow serve`` is mounted: QR codes hold
    ``verification_url/v/TOKEN`` (decision 0010)."""
    timezone: str = "Asia/Jakarta"
    """The business time zone: ``Asia/Jakarta`` (WIB), ``Asia/Makassar`` (WITA) or
    ``Asia/Jayapura`` (WIT). Deadlines, validity dates and dates of issue are days in it."""
    address: Annotated[str, printed(0, 240)] = ""
    """The LSP's postal address, printed under its name."""
    logo: Path | None = None
    """A PNG or JPEG logo printed at the top of every certificate."""
    signatories: tuple[Signatory, ...] = Field(min_length=1, max_length=4)
    """The signature blocks, left to right: name, position in both languages, signature image."""
    retention_months: int = Field(36, ge=1, le=240)
    """R60: months a BK, rejected or withdrawn candidate's personal data is kept after the
    decision before it may be destroyed (a certified holder's: until the certificate ends)."""
    store: Annotated[str | None, Field(max_length=500)] = None
    """The store URL commands use unless ``--store`` or ``CERTFLOW_STORE`` says otherwise."""
    keys: KeyPaths = KeyPaths()

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        if not set(value) <= _CODE_CHARACTERS:
            raise ValueError("use capital letters, digits and hyphens only (e.g. LSP-HUMAS)")
        return value

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        if value not in ZONES:
            raise ValueError("use Asia/Jakarta (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT)")
        return value

    @field_validator("signatories")
    @classmethod
    def _signed(cls, value: tuple[Signatory, ...]) -> tuple[Signatory, ...]:
        for signatory in value:
            if not signatory.name:
                raise ValueError(f"the {signatory.role_en} needs a name")
        return value

    def certificate_profile(self) -> CertificateProfile:
        """What the certificates print, from this profile."""
        return CertificateProfile(
            lsp_name=self.name,
            licence=self.licence,
            verification_url=self.verification_url,
            signatories=self.signatories,
            address=self.address,
            place_of_issue=self.place_of_issue,
            logo=self.logo,
            timezone=self.timezone,
        )
