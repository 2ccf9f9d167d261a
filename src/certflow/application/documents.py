"""What the LSP prints on its certificates besides each record's own data.

The printed certificate itself is rendered at the edge (:mod:`certflow.adapters.pdf`).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

__all__ = ["CertificateProfile", "Signatory"]


class Signatory(BaseModel):
    """A signature block: the role in both languages and the signer's printed name."""

    model_config = ConfigDict(frozen=True)

    role_id: str
    role_en: str
    name: str = ""


class CertificateProfile(BaseModel):
    """What the LSP prints on every certificate besides the record's own data."""

    model_config = ConfigDict(frozen=True)

    lsp_name: str = "Lembaga Sertifikasi Profesi"
    licence: str = ""
    """The LSP's BNSP licence number, if it is to be printed."""
    verification_url: str = "https://lsp.example/verifikasi"
    """The LSP's verification page; the QR code holds it with the token as ``?t=``."""
    signatories: tuple[Signatory, ...] = (
        Signatory(role_id="Manajer Sertifikasi", role_en="Certification Manager"),
        Signatory(role_id="Ketua LSP", role_en="Head of the LSP"),
    )
