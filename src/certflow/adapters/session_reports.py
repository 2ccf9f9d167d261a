"""The BNSP blank request as XLSX (openpyxl) and PDF (reportlab), and the sponsor view as XLSX.

The request letter's fields come from the LSP profile (:class:`RequestLetter`); the berita
acara and the candidate list from :class:`~certflow.application.BnspReport`. The PDF embeds the
certificate fonts (DejaVu Sans, :mod:`.pdf_fonts`). Files are written whole, never over an
existing file: :func:`free_paths` refuses first, then each file is created exclusively.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from certflow.adapters.extras import require
from certflow.adapters.files import check_new, safe_name, write_new
from certflow.adapters.pdf_fonts import BODY, BOLD, markup, register_fonts
from certflow.application.disclosure import BnspReport, SponsorCount, SponsorView

__all__ = [
    "RequestLetter",
    "bnsp_paths",
    "free_paths",
    "sponsor_path",
    "write_bnsp_pdf",
    "write_bnsp_xlsx",
    "write_sponsor_xlsx",
]

_MONTHS = [
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
]


@dataclass(frozen=True)
class RequestLetter:
    """The request letter's fields, from the LSP profile (``certflow.toml``)."""

    lsp_name: str
    lsp_code: str
    licence: str
    place: str
    day: date


def _day(day: date | None) -> str:
    return "-" if day is None else f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def bnsp_paths(out_dir: Path, session_code: str) -> tuple[Path, Path]:
    """Where the blank request of ``session_code`` is written: XLSX and PDF."""
    stem = f"permohonan-blanko-{safe_name(session_code, 'jadwal')}"
    return out_dir / f"{stem}.xlsx", out_dir / f"{stem}.pdf"


def sponsor_path(out_dir: Path, session_code: str, recipient: str) -> Path:
    """Where the sponsor view of ``session_code`` is written."""
    return (
        out_dir
        / f"hasil-{safe_name(recipient, 'penerima')}-{safe_name(session_code, 'jadwal')}.xlsx"
    )


def free_paths(paths: Sequence[Path]) -> None:
    """Refuse (before anything is written) when one of ``paths`` exists or is a link."""
    for path in paths:
        path.parent.mkdir(parents=True, exist_ok=True)
    check_new(paths)


def _letter_lines(letter: RequestLetter, report: BnspReport) -> list[tuple[str, str]]:
    return [
        ("Perihal", "Permohonan blanko sertifikat kompetensi"),
        ("Kepada", "Badan Nasional Sertifikasi Profesi (BNSP)"),
        ("LSP", f"{letter.lsp_name} ({letter.lsp_code})"),
        ("Nomor lisensi", letter.licence),
        ("Tempat, tanggal", f"{letter.place}, {_day(letter.day)}"),
        ("Jumlah blanko diminta (K)", str(report.competent)),
    ]


def _minutes_lines(report: BnspReport) -> list[tuple[str, str]]:
    return [
        ("Jadwal uji kompetensi", f"{report.session_code} — {report.session_title}"),
        ("Tanggal", f"{_day(report.starts_on)} s.d. {_day(report.ends_on)}"),
        ("TUK", f"{report.venue} ({report.tuk_kind})"),
        ("Skema", ", ".join(report.scheme_codes)),
        ("Asesor (No. MET)", ", ".join(report.assessor_met_numbers) or "-"),
        ("Jumlah asesi diputuskan", str(len(report.candidates))),
        ("Kompeten (K)", str(report.competent)),
        ("Belum kompeten (BK)", str(report.not_yet_competent)),
        ("Mengundurkan diri / tidak diterima", str(report.withdrawn)),
    ]


_HEADER = ("No", "Nama", "NIK", "Satuan kerja", "Skema", "K/BK", "Tanggal", "No. sertifikat")


def _rows(report: BnspReport) -> list[tuple[Any, ...]]:
    return [
        (
            c.number,
            c.name,
            c.nik,
            c.unit,
            c.scheme_code,
            c.outcome.value,
            "" if c.decided_on is None else c.decided_on.isoformat(),
            c.certificate_number or "",
        )
        for c in report.candidates
    ]


def write_bnsp_xlsx(path: Path, report: BnspReport, letter: RequestLetter) -> None:
    """Write the blank request as a workbook: Surat, Berita acara, Asesi (every K and BK)."""
    require("intake", "openpyxl")
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    letter_sheet = book.active
    assert letter_sheet is not None
    letter_sheet.title = "Surat permohonan"
    for name, value in _letter_lines(letter, report):
        letter_sheet.append([name, value])
    minutes = book.create_sheet("Berita acara")
    for name, value in _minutes_lines(report):
        minutes.append([name, value])
    listing = book.create_sheet("Asesi")
    listing.append(list(_HEADER))
    for cell in listing[1]:
        cell.font = Font(bold=True)
    for row in _rows(report):
        listing.append(list(row))
    for sheet in (letter_sheet, minutes, listing):
        _as_text(sheet)
        for column in sheet.columns:
            width = max(len(str(c.value or "")) for c in column)
            sheet.column_dimensions[column[0].column_letter].width = min(60, width + 2)
    buffer = io.BytesIO()
    book.save(buffer)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_new(path, buffer.getvalue())


def write_bnsp_pdf(path: Path, report: BnspReport, letter: RequestLetter) -> None:
    """Write the blank request as a PDF: the letter, the berita acara and the candidate list."""
    require("documents", "reportlab")
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        PageBreak,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    register_fonts()
    body = ParagraphStyle("body", fontName=BODY, fontSize=9, leading=11)
    title = ParagraphStyle("title", fontName=BOLD, fontSize=13, leading=16, spaceAfter=6)

    def para(text: str, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(markup(text, style.fontName), style)

    def pairs(lines: list[tuple[str, str]]) -> Table:
        table = Table([[para(k), para(v)] for k, v in lines], colWidths=[70 * mm, 180 * mm])
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
        return table

    story: list[Any] = [
        para(f"{letter.lsp_name} — Permohonan Blanko Sertifikat Kompetensi", title),
        pairs(_letter_lines(letter, report)),
        Spacer(1, 6 * mm),
        para(
            "Bersama ini kami mengajukan permohonan blanko sertifikat untuk asesi yang "
            "diputuskan kompeten, dengan daftar seluruh asesi jadwal ini (K dan BK) dan berita "
            "acara terlampir.",
        ),
        Spacer(1, 6 * mm),
        para("Berita Acara Uji Kompetensi", title),
        pairs(_minutes_lines(report)),
        PageBreak(),
        para(f"Daftar Asesi {report.session_code} (K dan BK)", title),
    ]
    header = [para(h, ParagraphStyle("h", parent=body, fontName=BOLD)) for h in _HEADER]
    rows = [[para(str(v)) for v in row] for row in _rows(report)]
    widths = [10, 52, 38, 45, 46, 14, 24, 44]  # mm: a scheme code on one line
    listing = Table([header, *rows], colWidths=[w * mm for w in widths], repeatRows=1)
    listing.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story.append(listing)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
        title=f"Permohonan blanko {report.session_code}",
        author=letter.lsp_name,
    )
    document.build(story)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_new(path, buffer.getvalue())


def write_sponsor_xlsx(path: Path, view: SponsorView) -> None:
    """Write the sponsor view: results per unit and per region, counts only (R62)."""
    require("intake", "openpyxl")
    from openpyxl import Workbook

    book = Workbook()
    about = book.active
    assert about is not None
    about.title = "Dasar"
    for name, value in (
        ("Jadwal", view.session_code),
        ("Penerima", view.recipient),
        ("Dasar pengungkapan (R62)", view.basis),
        ("Rujukan", view.reference),
    ):
        about.append([name, value])
    for title, counts in (("Per satuan kerja", view.by_unit), ("Per wilayah", view.by_region)):
        sheet = book.create_sheet(title)
        sheet.append(["Kelompok", "K", "BK", "Belum diputuskan", "Mundur", "Jumlah"])
        for count in (*counts, view.total):
            sheet.append(_count_row(count))
    for sheet in book.worksheets:
        _as_text(sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_new(path, buffer.getvalue())


def _count_row(count: SponsorCount) -> list[Any]:
    group = "Jumlah" if count.group == "total" else count.group
    return [
        group,
        count.competent,
        count.not_yet_competent,
        count.pending,
        count.withdrawn,
        count.total,
    ]


def _as_text(sheet: Any) -> None:
    """Keep every text cell text: a name or unit beginning with ``=`` is never a formula.

    openpyxl stores a string that begins with ``=`` as a formula (data type ``f``); these
    workbooks hold no formulas, so each such cell is set back to a string (``s``). A text cell
    beginning with ``+``, ``-`` or ``@`` is already a string cell, which spreadsheet programs
    show as written and never evaluate.
    """
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"
