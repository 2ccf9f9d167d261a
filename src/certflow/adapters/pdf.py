"""The printed certificate: an A4 page per certificate, in Bahasa Indonesia with English subtitles.

Each page shows the holder, certificate and registration numbers, the scheme and its units, the
LSP, the validity dates, signature blocks by role, and a QR code holding the verification URL
with the signed token, a compact JWS (see :mod:`certflow.application.certificates`). The NIK is
never printed (R42, R64).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING
from uuid import UUID

from certflow.adapters.extras import require
from certflow.adapters.qr import qr_png
from certflow.application.certificates import certificate_url
from certflow.application.documents import CertificateProfile

if TYPE_CHECKING:  # reportlab is imported when a certificate is drawn (the 'documents' extra)
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    from certflow.application.body import CertificationBody
    from certflow.application.ports import TokenSigner

__all__ = ["render_certificates"]

_MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def _indonesian(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _english(day: date) -> str:
    return day.strftime("%d %B %Y").lstrip("0")


def _qr(token: str) -> ImageReader:
    from reportlab.lib.utils import ImageReader

    return ImageReader(BytesIO(qr_png(token)))


def _page(
    canvas: Canvas,
    lsp: CertificationBody,
    certification_id: UUID,
    key: TokenSigner,
    profile: CertificateProfile,
) -> None:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm

    view = lsp.get(certification_id)
    scheme = lsp.get_scheme(view.scheme_id)
    url = certificate_url(
        profile.verification_url, lsp.certificate_token(certification_id, key=key)
    )
    assert view.valid_from is not None
    assert view.valid_until is not None
    width, height = landscape(A4)
    middle = width / 2
    canvas.setLineWidth(2)
    canvas.rect(12 * mm, 12 * mm, width - 24 * mm, height - 24 * mm)
    canvas.setFont("Helvetica-Bold", 26)
    canvas.drawCentredString(middle, height - 38 * mm, "SERTIFIKAT KOMPETENSI")
    canvas.setFont("Helvetica-Oblique", 13)
    canvas.drawCentredString(middle, height - 45 * mm, "Certificate of Competence")
    canvas.setFont("Helvetica", 11)
    canvas.drawCentredString(middle, height - 54 * mm, f"Nomor / Number: {view.certificate_number}")
    canvas.drawCentredString(
        middle,
        height - 60 * mm,
        f"Nomor Registrasi / Registration Number: {view.registration_number or '-'}",
    )
    canvas.drawCentredString(middle, height - 70 * mm, "Diberikan kepada / This is to certify that")
    canvas.setFont("Helvetica-Bold", 22)
    canvas.drawCentredString(middle, height - 81 * mm, lsp.holder_name(view.subject_id))
    canvas.setFont("Helvetica", 11)
    canvas.drawCentredString(
        middle,
        height - 90 * mm,
        "telah dinyatakan KOMPETEN pada skema / has been found COMPETENT in the scheme",
    )
    canvas.setFont("Helvetica-Bold", 14)
    canvas.drawCentredString(middle, height - 98 * mm, f"{scheme.title} ({scheme.code})")
    canvas.setFont("Helvetica", 9)
    y = height - 106 * mm
    canvas.drawString(40 * mm, y, "Unit kompetensi / Units of competency:")
    for unit in scheme.units[:12]:
        y -= 4.6 * mm
        canvas.drawString(44 * mm, y, f"{unit.code}   {unit.title}")
    canvas.setFont("Helvetica", 11)
    canvas.drawCentredString(
        middle,
        48 * mm,
        f"Berlaku {_indonesian(view.valid_from)} sampai {_indonesian(view.valid_until)} / "
        f"Valid from {_english(view.valid_from)} to {_english(view.valid_until)}",
    )
    issuer = f"{profile.lsp_name} atas nama BNSP / on behalf of BNSP"
    if profile.licence:
        issuer += f" (Lisensi / Licence {profile.licence})"
    canvas.drawCentredString(middle, 41 * mm, issuer)
    if view.certificate_copy > 1:
        canvas.setFont("Helvetica-Oblique", 9)
        canvas.drawString(
            width - 70 * mm,
            height - 20 * mm,
            f"Duplikat, salinan ke-{view.certificate_copy} / "
            f"Duplicate, copy {view.certificate_copy}",
        )
    slots = len(profile.signatories)
    for index, signatory in enumerate(profile.signatories):
        x = width * (index + 1.5) / (slots + 2)
        canvas.setFont("Helvetica", 9)
        canvas.line(x - 28 * mm, 24 * mm, x + 28 * mm, 24 * mm)
        canvas.drawCentredString(x, 20 * mm, f"{signatory.role_id} / {signatory.role_en}")
        if signatory.name:
            canvas.drawCentredString(x, 26 * mm, signatory.name)
    canvas.drawImage(_qr(url), 18 * mm, 16 * mm, width=34 * mm, height=34 * mm)
    canvas.setFont("Helvetica", 6)
    canvas.drawString(18 * mm, 14 * mm, "Verifikasi / Verify: certflow verify-certificate")
    canvas.showPage()


def render_certificates(
    lsp: CertificationBody,
    certification_ids: Sequence[UUID],
    out: Path,
    *,
    key: TokenSigner,
    profile: CertificateProfile | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write one A4 page per certificate into ``out``; return the number of pages."""
    require("documents", "reportlab", "qrcode", "PIL")
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(out), pagesize=landscape(A4))
    canvas.setTitle("Sertifikat Kompetensi / Certificate of Competence")
    chosen = profile or CertificateProfile()
    for done, certification_id in enumerate(certification_ids, start=1):
        _page(canvas, lsp, certification_id, key, chosen)
        if on_progress is not None:
            on_progress(done, len(certification_ids))
    canvas.save()
    return len(certification_ids)
