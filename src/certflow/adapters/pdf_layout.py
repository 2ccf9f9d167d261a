"""How a certificate is laid out on landscape A4, with reportlab's Platypus paragraphs.

Rules (also in docs/certificates.md):

* the LSP's logo, if any, sits in the top left corner (at most 24 x 24 mm);
* the front page flows from the top: title, numbers, the holder's name, the scheme, its units;
  the name (22 pt down to 10 pt) and the scheme title (14 pt down to 9 pt) wrap and shrink until
  they fit their band; a name that does not fit even then is refused, never cut;
* the footer (validity, issuer and licence, address, place and date of issue, signature blocks
  with any signature images, QR code with the verification site) has a fixed band at the foot
  of the page that nothing above may enter;
* the units are listed on the front page in one column, then two, from 9 pt down to 7 pt; when
  they still do not fit, the front page says how many there are and a units annex follows
  (as many pages as needed, the table's header repeated on each);
* every text keeps inside the border, Bahasa Indonesia first with the English subtitle.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from certflow.adapters.pdf_fonts import BODY, BOLD, ITALIC, markup, register_fonts
from certflow.adapters.qr import qr_png
from certflow.engine import InvalidInputError, Text

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Paragraph

    from certflow.application.documents import CertificateProfile

__all__ = ["CertificateContent", "draw_certificate"]

_MM = 72 / 25.4
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
_SIDE = 24 * _MM
"""Left and right margin of the text, inside the 12 mm border."""
_FOOTER_TOP = 62 * _MM
"""Nothing of the flowing part goes below this line."""


@dataclass(frozen=True)
class CertificateContent:
    """Everything one certificate prints, gathered from the register."""

    certificate_number: str
    registration_number: str
    holder: str
    scheme_title: str
    scheme_code: str
    units: tuple[tuple[str, str], ...]
    valid_from: date
    valid_until: date
    copy_number: int
    token: str
    """What the QR code holds: the verification URL carrying the signed token."""
    issued_on: date | None = None
    """The date of issue (the day the copy was printed), printed after the place of issue."""


def _indonesian(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _english(day: date) -> str:
    return day.strftime("%d %B %Y").lstrip("0")


def _style(size: float, font: str = BODY, align: int = 1) -> Any:
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle(
        f"s{size}{font}{align}", fontName=font, fontSize=size, leading=size * 1.22, alignment=align
    )


def _para(text: str, size: float, font: str = BODY, align: int = 1) -> Paragraph:
    from reportlab.platypus import Paragraph

    return Paragraph(markup(text, font), _style(size, font, align))


def fit(
    text: str, width: float, max_height: float, sizes: Sequence[float], font: str = BODY
) -> tuple[Paragraph, float]:
    """The largest of ``sizes`` at which ``text`` wraps into ``width`` x ``max_height``.

    At the smallest size the paragraph is returned even if taller: the caller moves on below it.
    """
    para = _para(text, sizes[0], font)
    for size in sizes:
        para = _para(text, size, font)
        _, height = para.wrap(width, 10_000)
        if height <= max_height:
            return para, height
    return para, height


def _steps(top: float, bottom: float, step: float = 0.5) -> list[float]:
    count = round((top - bottom) / step)
    return [top - i * step for i in range(count + 1)]


class _Flow:
    """A cursor moving down the page, drawing centred paragraphs."""

    def __init__(self, canvas: Canvas, left: float, width: float, top: float) -> None:
        self.canvas, self.left, self.width, self.y = canvas, left, width, top

    def put(self, para: Paragraph, height: float | None = None, gap: float = 0) -> None:
        if height is None:
            _, height = para.wrap(self.width, 10_000)
        self.y -= height
        para.drawOn(self.canvas, self.left, self.y)
        self.y -= gap

    def line(self, text: str, size: float, font: str = BODY, gap: float = 0) -> None:
        self.put(_para(text, size, font), gap=gap)


def _unit_paras(units: Sequence[tuple[str, str]], size: float) -> list[Paragraph]:
    return [
        _para(f"{index}. {code} \u2014 {title}", size, BODY, 0)
        for index, (code, title) in enumerate(units, start=1)
    ]


def _place_units(
    units: Sequence[tuple[str, str]], width: float, height: float
) -> list[tuple[Paragraph, float, float]] | None:
    """Unit lines with their x offset and the y of their foot below the top, or None."""
    for columns in (1, 2):
        gutter = 6 * _MM
        column_width = (width - gutter * (columns - 1)) / columns
        for size in _steps(9, 7):
            paras = _unit_paras(units, size)
            heights = [p.wrap(column_width, 10_000)[1] for p in paras]
            per_column = -(-len(paras) // columns)
            placed: list[tuple[Paragraph, float, float]] = []
            tallest = 0.0
            for column in range(columns):
                offset = 0.0
                for index in range(column * per_column, min(len(paras), (column + 1) * per_column)):
                    offset += heights[index]
                    placed.append((paras[index], column * (column_width + gutter), offset))
                    offset += size * 0.15
                tallest = max(tallest, offset)
            if tallest <= height:
                return placed
    return None


def _front(canvas: Canvas, content: CertificateContent, profile: CertificateProfile) -> bool:
    """Draw the front page; True when the units need the annex."""
    width, height = canvas._pagesize
    inner = width - 2 * _SIDE
    if profile.logo is not None:
        _image(canvas, profile.logo, 30 * _MM, height - 40 * _MM, 24 * _MM, 24 * _MM)
    flow = _Flow(canvas, _SIDE, inner, height - 22 * _MM)
    if content.copy_number > 1:
        note = _para(
            f"Duplikat, salinan ke-{content.copy_number} / Duplicate, copy {content.copy_number}",
            8,
            ITALIC,
            2,
        )
        note.wrap(inner, 100)
        note.drawOn(canvas, _SIDE, height - 20 * _MM)
    flow.line("SERTIFIKAT KOMPETENSI", 24, BOLD, gap=1 * _MM)
    flow.line("Certificate of Competence", 13, ITALIC, gap=3 * _MM)
    if content.registration_number:
        flow.line(f"Nomor / Number: {content.certificate_number}", 10)
        flow.line(
            f"Nomor Registrasi / Registration Number: {content.registration_number}",
            10,
            gap=3 * _MM,
        )
    else:  # not yet registered with BNSP: the line is left out rather than printed empty
        flow.line(f"Nomor / Number: {content.certificate_number}", 10, gap=3 * _MM)
    flow.line("Diberikan kepada / This is to certify that", 10, gap=1 * _MM)
    name, name_height = fit(content.holder, inner, 60, _steps(22, 10), BOLD)
    if name_height > 60:
        raise InvalidInputError(
            [
                Text(
                    "the holder's name ({content_holder_count} characters) does not "
                    "fit the certificate even at the smallest size; correct the name "
                    "on file (R61)",
                    content_holder_count=len(content.holder),
                )
            ]
        )
    flow.put(name, name_height, gap=2 * _MM)
    flow.line(
        "telah dinyatakan KOMPETEN pada skema / has been found COMPETENT in the scheme",
        10,
        gap=1 * _MM,
    )
    scheme, scheme_height = fit(
        f"{content.scheme_title} ({content.scheme_code})", inner, 52, _steps(14, 9), BOLD
    )
    flow.put(scheme, scheme_height, gap=3 * _MM)
    units_left = _SIDE + 10 * _MM
    units_width = inner - 20 * _MM
    header = _para("Unit kompetensi / Units of competency:", 9, BOLD, 0)
    _, header_height = header.wrap(units_width, 100)
    room = flow.y - header_height - 1 * _MM - _FOOTER_TOP
    placed = _place_units(content.units, units_width, room) if room > 0 else None
    if placed is None:
        count = len(content.units)
        header = _para(
            f"Unit kompetensi / Units of competency: {count} unit, tercantum pada lampiran / "
            f"{count} units, listed in the annex",
            9,
            BOLD,
            0,
        )
    header.wrap(units_width, 100)
    flow.y -= header_height
    if flow.y >= _FOOTER_TOP:
        header.drawOn(canvas, units_left, flow.y)
    flow.y -= 1 * _MM
    for para, x, foot in placed or ():
        para.drawOn(canvas, units_left + x, flow.y - foot)
    _footer(canvas, content, profile)
    return placed is None


def _footer(canvas: Canvas, content: CertificateContent, profile: CertificateProfile) -> None:
    from reportlab.lib.utils import ImageReader

    width, _ = canvas._pagesize
    box_left, box_width = 58 * _MM, width - 116 * _MM
    lines: list[tuple[str, Sequence[float], str]] = [
        (
            f"Berlaku {_indonesian(content.valid_from)} sampai {_indonesian(content.valid_until)}",
            _steps(10, 7),
            BODY,
        ),
        (
            f"Valid from {_english(content.valid_from)} to {_english(content.valid_until)}",
            _steps(9, 7),
            ITALIC,
        ),
    ]
    issuer_text = f"{profile.lsp_name} atas nama BNSP / on behalf of BNSP"
    if profile.licence:
        issuer_text += f" (Lisensi / Licence {profile.licence})"
    lines.append((issuer_text, _steps(10, 7), BODY))
    if profile.address:
        lines.append((profile.address, _steps(7.5, 6), BODY))
    if profile.place_of_issue and content.issued_on is not None:
        lines.append(
            (
                f"Ditetapkan di {profile.place_of_issue}, {_indonesian(content.issued_on)} / "
                f"Issued in {profile.place_of_issue} on {_english(content.issued_on)}",
                _steps(9, 7),
                BODY,
            )
        )
    top = _FOOTER_TOP - 1 * _MM
    for index, (text, sizes, font) in enumerate(lines):
        para, para_height = fit(text, box_width, sizes[0] * 1.22 * 2, sizes, font)
        para.drawOn(canvas, box_left, top - para_height)
        top -= para_height + (1.5 * _MM if index == 1 else 0)
    _signatures(canvas, profile, top - 1 * _MM)
    qr = ImageReader(BytesIO(qr_png(content.token)))
    canvas.drawImage(qr, 18 * _MM, 20 * _MM, width=32 * _MM, height=32 * _MM)
    site = urlsplit(profile.verification_url)
    label, label_height = fit(
        f"Pindai untuk memeriksa keaslian / Scan to check it is genuine: {site.netloc}{site.path}",
        40 * _MM,
        7 * _MM,
        _steps(6, 4.5),
    )
    label.drawOn(canvas, 14 * _MM, 19.5 * _MM - label_height)


_SIGNATURE_LINE = 25 * _MM
"""The height of the signature lines; names and positions are set below them."""


def _signatures(canvas: Canvas, profile: CertificateProfile, room_top: float) -> None:
    """The signature blocks, with any signature image between ``room_top`` and the line."""
    width, _ = canvas._pagesize
    slots = len(profile.signatories)
    slot_width = 60 * _MM
    image_height = min(16 * _MM, room_top - _SIGNATURE_LINE - 0.5 * _MM)
    for index, signatory in enumerate(profile.signatories):
        x = width * (index + 1.5) / (slots + 2)
        if signatory.signature is not None and image_height > 4 * _MM:
            _image(
                canvas, signatory.signature, x, _SIGNATURE_LINE + 0.5 * _MM, 50 * _MM, image_height
            )
        canvas.setLineWidth(0.6)
        canvas.line(x - 28 * _MM, _SIGNATURE_LINE, x + 28 * _MM, _SIGNATURE_LINE)
        y = _SIGNATURE_LINE - 1 * _MM
        for text, sizes, font in (
            (signatory.name, _steps(9, 7), BOLD),
            (f"{signatory.role_id} / {signatory.role_en}", _steps(8, 6), BODY),
        ):
            if not text:
                continue
            para, para_height = fit(text, slot_width, 8 * 1.22 * 2, sizes, font)
            y -= para_height
            para.drawOn(canvas, x - slot_width / 2, y)


_MAX_PIXELS = 4096
"""A logo or signature image wider or taller than this is refused (it would bloat every PDF)."""


def _image(
    canvas: Canvas, path: Path, centre: float, bottom: float, max_width: float, max_height: float
) -> None:
    """Draw the image at ``path`` centred on ``centre``, its foot at ``bottom``, scaled to fit."""
    from reportlab.lib.utils import ImageReader

    try:
        reader = ImageReader(str(path))
        pixels_wide, pixels_high = reader.getSize()
    except OSError as error:
        raise InvalidInputError(
            [Text("{path}: cannot be read as an image: {error}", path=path, error=error)]
        ) from None
    if max(pixels_wide, pixels_high) > _MAX_PIXELS or min(pixels_wide, pixels_high) < 1:
        raise InvalidInputError(
            [
                Text(
                    "{path}: {pixels_wide}x{pixels_high} pixels; use an image of at most 4096x4096",
                    path=path,
                    pixels_wide=pixels_wide,
                    pixels_high=pixels_high,
                )
            ]
        )
    scale = min(max_width / pixels_wide, max_height / pixels_high)
    shown_wide, shown_high = pixels_wide * scale, pixels_high * scale
    canvas.drawImage(
        reader, centre - shown_wide / 2, bottom, width=shown_wide, height=shown_high, mask="auto"
    )


def _border(canvas: Canvas) -> None:
    width, height = canvas._pagesize
    canvas.setLineWidth(2)
    canvas.rect(12 * _MM, 12 * _MM, width - 24 * _MM, height - 24 * _MM)


def _annex(canvas: Canvas, content: CertificateContent) -> int:
    """Draw the units annex on as many pages as it takes; return how many."""
    from reportlab.lib import colors
    from reportlab.platypus import Frame, Table, TableStyle

    width, height = canvas._pagesize
    inner = width - 2 * _SIDE
    rows: list[list[Any]] = [
        [_para(head, 9, BOLD, 0) for head in ("No.", "Kode unit / Unit code", "Judul / Title")]
    ]
    rows += [
        [_para(str(i), 9, BODY, 0), _para(code, 9, BODY, 0), _para(title, 9, BODY, 0)]
        for i, (code, title) in enumerate(content.units, start=1)
    ]
    table = Table(rows, colWidths=[14 * _MM, 60 * _MM, inner - 74 * _MM], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.grey),
            ]
        )
    )
    story: list[Any] = [table]
    pages = 0
    while story:
        pages += 1
        _border(canvas)
        flow = _Flow(canvas, _SIDE, inner, height - 20 * _MM)
        flow.line(
            f"Lampiran Sertifikat Kompetensi Nomor {content.certificate_number} / "
            f"Annex to Certificate of Competence Number {content.certificate_number}",
            11,
            BOLD,
            gap=1 * _MM,
        )
        holder, holder_height = fit(content.holder, inner, 30, _steps(10, 7))
        flow.put(holder, holder_height, gap=1 * _MM)
        scheme, scheme_height = fit(
            f"{content.scheme_title} ({content.scheme_code})", inner, 36, _steps(10, 7)
        )
        flow.put(scheme, scheme_height, gap=3 * _MM)
        bottom = 22 * _MM
        frame = Frame(_SIDE, bottom, inner, flow.y - bottom, 0, 0, 0, 0, showBoundary=0)
        head = story.pop(0)
        if not frame.add(head, canvas):
            first, *rest = frame.split(head, canvas) or [head]
            if not frame.add(first, canvas):
                raise ValueError("a unit of competency does not fit a page of the annex")
            story[:0] = rest
        footer = _para(f"Lampiran, halaman {pages} / Annex, page {pages}", 8, ITALIC, 2)
        footer.wrap(inner, 20)
        footer.drawOn(canvas, _SIDE, 15 * _MM)
        canvas.showPage()
    return pages


def draw_certificate(
    canvas: Canvas, content: CertificateContent, profile: CertificateProfile
) -> int:
    """Draw one certificate (front page, and the units annex if needed); return its pages."""
    register_fonts()
    _border(canvas)
    needs_annex = _front(canvas, content, profile)
    canvas.showPage()
    return 1 + (_annex(canvas, content) if needs_annex else 0)
