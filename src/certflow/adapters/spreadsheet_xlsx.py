"""XLSX rows: the first sheet, read with openpyxl in read-only mode, never trusting the file.

A workbook is a zip of XML parts. Before openpyxl opens it, every part's unpacked size and
compression ratio are checked from the zip directory (Python's zipfile never unpacks more than
a part declares), so a zip bomb or a 300 MB shared string is refused without being unpacked.
The sheet's declared dimension (``A1:XFD1048576``) is ignored: rows are read as they are in the
sheet, at most ``max_columns + 1`` columns wide, and reading stops at the row limit.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

from certflow.adapters.extras import require
from certflow.adapters.spreadsheet_cells import (
    check_cell,
    clean,
    header_of,
    refuse,
    size_checked,
    too_many_columns,
    typed_cell,
)
from certflow.application.intake import IntakeLimits
from certflow.engine import Text

__all__ = ["xlsx_rows"]

_EXCEL_ROWS = 1_048_576
"""The most rows a sheet can have; blank rows past the row limit are read up to here."""
_BROKEN = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    NotImplementedError,  # a compression zipfile does not know
    LookupError,
    SyntaxError,  # XML not well-formed
    ValueError,
    TypeError,
    AttributeError,
)
"""What openpyxl and zipfile raise on a damaged or hand-made workbook."""
_SMALL_PART = 1024 * 1024
"""A part this small may compress as well as it likes (an empty sheet compresses 50:1)."""


def _parts_checked(path: Path, limits: IntakeLimits) -> None:
    """Refuse a workbook whose parts unpack too big, or too much bigger than they are packed."""
    size_checked(path, limits)
    with zipfile.ZipFile(path) as archive:
        total = 0
        for part in archive.infolist():
            total += part.file_size
            ratio = part.file_size / max(part.compress_size, 1)
            over = part.file_size > limits.max_bytes or total > limits.max_bytes * 4
            if over or (part.file_size > _SMALL_PART and ratio > limits.max_compression_ratio):
                refuse(
                    path,
                    Text(
                        "part {part_filename} unpacks to {part_file_size} bytes "
                        "({ratio:.0f} times); open it in Excel and save it again, or "
                        "split the file",
                        part_filename=part.filename,
                        part_file_size=part.file_size,
                        ratio=ratio,
                    ),
                )


def xlsx_rows(path: Path, limits: IntakeLimits) -> Iterator[tuple[int, dict[str, Any]]]:
    """The rows of the first sheet under its header row, numbered as the sheet numbers them."""
    require("intake", "openpyxl")
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        _parts_checked(path, limits)
    except _BROKEN as error:
        _unreadable(path, 0, error)
    place = {"row": 0}  # the last sheet row read, for the refusal of one that cannot be
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, *_BROKEN) as error:
        _unreadable(path, 0, error)
    try:
        if not book.worksheets:
            _unreadable(path, 0, ValueError("no sheet"))
        yield from _sheet_rows(path, book.worksheets[0], limits, place)
    except _BROKEN as error:  # XML or a cell openpyxl cannot read
        _unreadable(path, place["row"], error)
    finally:
        book.close()


def _unreadable(path: Path, after: int, error: Exception) -> NoReturn:
    if after:
        sentence = Text(
            "cannot be read as .xlsx after sheet row {after} ({error}); open it in Excel and "
            "save it again",
            after=after,
            error=str(error),
        )
    else:
        sentence = Text(
            "cannot be read as .xlsx ({error}); open it in Excel and save it again",
            error=str(error),
        )
    refuse(path, sentence)


def _sheet_rows(
    path: Path, sheet: Any, limits: IntakeLimits, place: dict[str, int]
) -> Iterator[tuple[int, dict[str, Any]]]:
    sheet.reset_dimensions()  # read-only: the declared size is only a claim
    width = limits.max_columns + 1  # one more than allowed: a value there is refused
    rows = sheet.iter_rows(max_col=width, values_only=True)
    header = header_of(path, next(rows, ()), limits)
    place["row"] = 1
    empty = (None,) * width
    for number, values in enumerate(rows, start=2):
        place["row"] = number
        blank = values == empty or all(v in (None, "") for v in values)
        if number > _EXCEL_ROWS or (number > limits.max_rows + 1 and not blank):
            refuse(
                path,
                Text(
                    "more than {limits_max_rows} rows; split the file",
                    limits_max_rows=limits.max_rows,
                ),
                row=number,
            )
        if blank:
            continue
        if values[-1] not in (None, "") and len(values) >= width:
            too_many_columns(path, number, limits)
        raw: dict[Any, Any] = {}
        for position, (name, value) in enumerate(zip(header, values, strict=False), 1):
            check_cell(path, number, name or f"#{position}", value, limits)
            if name:
                raw[name] = value
            elif value not in (None, ""):
                raw[None] = value  # a value under a column without a name
        yield number, {k: typed_cell(k, v) for k, v in clean(raw).items()}
