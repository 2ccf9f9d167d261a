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

from collections import Counter
from collections.abc import Callable, Sequence
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING
from uuid import UUID

from certflow.adapters.extras import require
from certflow.adapters.files import check_new, safe_name, write_new
from certflow.application.certificates import certificate_url
from certflow.application.documents import CertificateProfile
from certflow.engine import InvalidInputError, Text

if TYPE_CHECKING:  # reportlab is imported when a certificate is drawn (the 'documents' extra)
    from certflow.adapters.pdf_layout import CertificateContent
    from certflow.adapters.pdf_signing import PdfSigner
    from certflow.application.body import CertificationBody
    from certflow.application.ports import TokenSigner

__all__ = ["certificate_file_name", "render_certificates", "render_each"]

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


def _pdf(
    lsp: CertificationBody,
    certification_ids: Sequence[UUID],
    *,
    key: TokenSigner,
    profile: CertificateProfile,
    pdf_signer: PdfSigner | None,
    on_drawn: Callable[[], None],
) -> tuple[bytes, int]:
    """One PDF holding ``certification_ids`` (signed if a signer is given), and its pages."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen.canvas import Canvas

    from certflow.adapters.pdf_layout import draw_certificate

    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=landscape(A4))
    canvas.setTitle(TITLE)
    canvas.setAuthor(profile.lsp_name)
    canvas.setSubject(TITLE)
    canvas.setCreator("certflow")
    pages = 0
    for certification_id in certification_ids:
        pages += draw_certificate(canvas, _content(lsp, certification_id, key, profile), profile)
        on_drawn()
    canvas.save()
    data = buffer.getvalue()
    if pdf_signer is not None:
        from certflow.adapters.pdf_signing import sign_pdf

        data = sign_pdf(
            data,
            pdf_signer,
            name=profile.lsp_name,
            location=profile.place_of_issue or "Indonesia",
            reason=f"{TITLE}, {profile.lsp_name}",
        )
    return data, pages


def render_certificates(
    lsp: CertificationBody,
    certification_ids: Sequence[UUID],
    out: Path,
    *,
    key: TokenSigner,
    profile: CertificateProfile | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    pdf_signer: PdfSigner | None = None,
    replace: bool = False,
) -> int:
    """Write the certificates into one PDF ``out``, one front page each plus any units annex.

    With ``pdf_signer`` the PDF is signed (PAdES B-B, by the LSP's X.509 certificate) before it
    is written. ``out`` is written whole or not at all; an existing file is refused unless
    ``replace``, and a symbolic link at ``out`` is replaced, never followed. Returns the number
    of pages written.

    Raises:
        InvalidInputError: ``out`` exists (without ``replace``), or a certificate cannot be laid
            out (a holder's name too long, an unusable logo or signature image).
    """
    require("documents", "reportlab", "qrcode", "PIL")
    out = Path(out)
    check_new([out], replace=replace)
    done = 0

    def drawn() -> None:
        nonlocal done
        done += 1
        if on_progress is not None:
            on_progress(done, len(certification_ids))

    data, pages = _pdf(
        lsp,
        certification_ids,
        key=key,
        profile=profile or CertificateProfile(),
        pdf_signer=pdf_signer,
        on_drawn=drawn,
    )
    write_new(out, data, replace=replace)
    return pages


def certificate_file_name(number: str) -> str:
    """The file name of a certificate's own PDF: its number with ``/`` and the like as ``-``."""
    return f"{safe_name(number, 'sertifikat')}.pdf"


def render_each(
    lsp: CertificationBody,
    certification_ids: Sequence[UUID],
    directory: Path,
    *,
    key: TokenSigner,
    profile: CertificateProfile | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    pdf_signer: PdfSigner | None = None,
    replace: bool = False,
) -> list[Path]:
    """Write one PDF per certificate into ``directory``, named by the certificate number.

    For handing each holder their own file (e-mail, the unit liaison). Every name is checked
    before anything is written: an existing file is refused unless ``replace``, and two numbers
    that would share a file name are refused. Each file is signed like :func:`render_certificates`
    and written whole or not at all. Returns the files written, in order.

    Raises:
        InvalidInputError: a file exists (without ``replace``), two certificates would share a
            file, a certification has no certificate number, or a certificate cannot be laid out.
    """
    require("documents", "reportlab", "qrcode", "PIL")
    directory = Path(directory)
    chosen = profile or CertificateProfile()
    targets: list[Path] = []
    for certification_id in certification_ids:
        number = lsp.get(certification_id).certificate_number
        if number is None:
            raise InvalidInputError(
                [
                    Text(
                        "{certification_id} has no certificate printed",
                        certification_id=certification_id,
                    )
                ]
            )
        targets.append(directory / certificate_file_name(str(number)))
    clashes = sorted(name for name, n in Counter(t.name for t in targets).items() if n > 1)
    if clashes:
        raise InvalidInputError(
            [
                Text(
                    "two certificates would both be written to {clashes}",
                    clashes=", ".join(clashes),
                )
            ]
        )
    check_new(targets, replace=replace)
    for done, (certification_id, target) in enumerate(
        zip(certification_ids, targets, strict=True), start=1
    ):
        data, _ = _pdf(
            lsp,
            [certification_id],
            key=key,
            profile=chosen,
            pdf_signer=pdf_signer,
            on_drawn=lambda: None,
        )
        write_new(target, data, replace=replace)
        if on_progress is not None:
            on_progress(done, len(certification_ids))
    return targets
