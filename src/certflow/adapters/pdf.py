"""The printed certificate: landscape A4, in Bahasa Indonesia with English subtitles.

Each certificate shows the holder, certificate and registration numbers, the scheme and its units,
the LSP, the validity dates, signature blocks by role, and a QR code holding the verification URL
with the signed token, a compact JWS (see :mod:`certflow.application.certificates`); units that
do not fit the front page go to an annex page. The layout is in :mod:`certflow.adapters.pdf_layout`,
the embedded fonts in :mod:`certflow.adapters.pdf_fonts`. The NIK is never printed (R42, R64).
Given a :class:`~certflow.adapters.pdf_signing.PdfSigner`, the PDF is signed (PAdES) before it
is written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING
from uuid import UUID

from certflow.adapters.extras import require
from certflow.application.certificates import certificate_url
from certflow.application.documents import CertificateProfile

if TYPE_CHECKING:  # reportlab is imported when a certificate is drawn (the 'documents' extra)
    from certflow.adapters.pdf_layout import CertificateContent
    from certflow.adapters.pdf_signing import PdfSigner
    from certflow.application.body import CertificationBody
    from certflow.application.ports import TokenSigner

__all__ = ["render_certificates"]

TITLE = "Sertifikat Kompetensi / Certificate of Competence"


def _content(
    lsp: CertificationBody,
    certification_id: UUID,
    key: TokenSigner,
    profile: CertificateProfile,
) -> CertificateContent:
    from certflow.adapters.pdf_layout import CertificateContent

    view = lsp.get(certification_id)
    scheme = lsp.get_scheme(view.scheme_id)
    assert view.valid_from is not None
    assert view.valid_until is not None
    return CertificateContent(
        certificate_number=str(view.certificate_number),
        registration_number=view.registration_number or "",
        holder=lsp.holder_name(view.subject_id),
        scheme_title=scheme.title,
        scheme_code=scheme.code,
        units=tuple((unit.code, unit.title) for unit in scheme.units),
        valid_from=view.valid_from,
        valid_until=view.valid_until,
        copy_number=view.certificate_copy,
        issued_on=view.printed_on,
        token=certificate_url(
            profile.verification_url, lsp.certificate_token(certification_id, key=key)
        ),
    )


def render_certificates(
    lsp: CertificationBody,
    certification_ids: Sequence[UUID],
    out: Path,
    *,
    key: TokenSigner,
    profile: CertificateProfile | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    pdf_signer: PdfSigner | None = None,
) -> int:
    """Write the certificates into ``out``, one front page each plus any units annex.

    With ``pdf_signer`` the PDF is signed (PAdES B-B, by the LSP's X.509 certificate) before it
    is written. Returns the number of pages written.
    """
    require("documents", "reportlab", "qrcode", "PIL")
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen.canvas import Canvas

    from certflow.adapters.pdf_layout import draw_certificate

    chosen = profile or CertificateProfile()
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=landscape(A4))
    canvas.setTitle(TITLE)
    canvas.setAuthor(chosen.lsp_name)
    canvas.setSubject(TITLE)
    canvas.setCreator("certflow")
    pages = 0
    for done, certification_id in enumerate(certification_ids, start=1):
        pages += draw_certificate(canvas, _content(lsp, certification_id, key, chosen), chosen)
        if on_progress is not None:
            on_progress(done, len(certification_ids))
    canvas.save()
    data = buffer.getvalue()
    if pdf_signer is not None:
        from certflow.adapters.pdf_signing import sign_pdf

        data = sign_pdf(
            data,
            pdf_signer,
            name=chosen.lsp_name,
            location="Indonesia",
            reason=f"{TITLE}, {chosen.lsp_name}",
        )
    Path(out).write_bytes(data)
    return pages
