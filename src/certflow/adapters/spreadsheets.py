"""Intake files: rows of CSV, XLSX (openpyxl), JSON (ijson) and JSON Lines files.

Formats: ``.csv`` (UTF-8, header row; ``;`` or ``,`` separated), ``.xlsx`` (first sheet, header
row), ``.json`` (an array of objects, streamed) and ``.jsonl`` (one object per line). CSV and
JSON Lines need nothing more than Python; XLSX and JSON need the ``intake`` extra. Each
reader streams and checks the :class:`~certflow.application.intake.IntakeLimits` as it reads
(:mod:`.spreadsheet_cells`); :func:`read_rows` is the
:class:`~certflow.application.ports.RowReader` the body's bulk intake uses.
"""

from __future__ import annotations

import csv
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from certflow.adapters.spreadsheet_cells import (
    check_cell,
    clean,
    header_of,
    refuse,
    size_checked,
    too_many_columns,
)
from certflow.adapters.spreadsheet_json import json_rows, jsonl_rows
from certflow.adapters.spreadsheet_xlsx import xlsx_rows
from certflow.application.intake import DEFAULT_LIMITS, IntakeLimits
from certflow.engine import Text

__all__ = ["read_rows"]

Reader = Callable[[Path, IntakeLimits], Iterator[tuple[int, dict[str, Any]]]]


def read_rows(
    path: Path, limits: IntakeLimits = DEFAULT_LIMITS
) -> Iterator[tuple[int, dict[str, Any]]]:
    """Stream ``(row number, fields)`` from a CSV, XLSX, JSON or JSON Lines file.

    Row numbers are where a person finds the row: the line where the record starts in CSV (the
    header is line 1), the sheet row in XLSX, the line in JSON Lines, the object's position in
    a JSON array (the first is 1). Column names are lower-cased, with spaces turned into ``_``.

    Raises:
        IntakeFileError: the file cannot be read as its kind (wrong encoding, not a workbook,
            not an array, an unclosed quote), is over one of ``limits`` (checked while reading,
            so memory stays flat), or has no rows.
    """
    suffix = path.suffix.lower()
    readers: dict[str, Reader] = {
        ".csv": _csv_rows,
        ".xlsx": xlsx_rows,
        ".json": json_rows,
        ".jsonl": jsonl_rows,
    }
    reader = readers.get(suffix)
    if reader is None:
        refuse(
            path,
            Text("use a .csv, .xlsx, .json or .jsonl file"),
        )
    rows = 0
    try:
        for number, row in reader(path, limits):
            rows += 1
            if rows > limits.max_rows:
                refuse(
                    path,
                    Text(
                        "more than {limits_max_rows} rows; split the file",
                        limits_max_rows=limits.max_rows,
                    ),
                    row=number,
                )
            yield number, row
    except UnicodeDecodeError:
        how = Text("as UTF-8")
        if suffix == ".csv":
            how = Text("as CSV UTF-8 (Excel: 'CSV UTF-8')")
        refuse(path, Text("not UTF-8 text; save it {how}", how=how))
    except FileNotFoundError:
        refuse(path, Text("no such file"))
    except (zipfile.BadZipFile, KeyError, OSError) as error:
        refuse(
            path,
            Text("cannot be read as {suffix} ({error})", suffix=suffix, error=error),
        )
    if rows == 0:
        refuse(
            path,
            Text("the file has no rows (a header at most); check the file"),
        )


def _lines(path: Path, handle: IO[str], limits: IntakeLimits) -> Iterator[str]:
    """The file's physical lines, each refused past a length no good row reaches."""
    longest = limits.max_columns * (2 * limits.max_cell_chars + 3) + 2
    read = 0
    number = 0
    while line := handle.readline(longest + 1):
        number += 1
        read += len(line)
        if len(line) > longest or read > limits.max_bytes:
            refuse(
                path,
                Text(
                    "a line longer than {longest} characters; check what it holds",
                    longest=longest,
                ),
                row=number,
            )
        yield line


def _csv_rows(path: Path, limits: IntakeLimits) -> Iterator[tuple[int, dict[str, Any]]]:
    size_checked(path, limits)
    with path.open(newline="", encoding="utf-8-sig") as handle:
        first = handle.readline(limits.max_columns * (limits.max_cell_chars + 1))
        handle.seek(0)
        # The separator is the header's: names never contain one, values may contain both.
        delimiter = ";" if first.count(";") > first.count(",") else ","
        # strict: a quote never closed, or text after a closing quote, is an error, not a guess.
        reader = csv.reader(_lines(path, handle, limits), delimiter=delimiter, strict=True)
        start = 1
        try:
            header = header_of(path, next(reader, []), limits)
            while True:
                start = reader.line_num + 1  # the line where the next record starts
                values = next(reader, None)
                if values is None:
                    return
                if reader.line_num > start:
                    _spans_lines(path, start, reader.line_num)
                if not any(v.strip() for v in values):
                    continue  # a blank line
                yield start, _csv_row(path, start, header, values, limits)
        except csv.Error as error:
            _broken(path, start, str(error), limits)


def _csv_row(
    path: Path, number: int, header: list[str], values: list[str], limits: IntakeLimits
) -> dict[str, Any]:
    if len(values) > limits.max_columns and any(v.strip() for v in values[limits.max_columns :]):
        too_many_columns(path, number, limits)
    if max(map(len, values)) > limits.max_cell_chars:  # else no cell needs a look
        for position, value in enumerate(values):
            name = header[position] if position < len(header) and header[position] else ""
            check_cell(path, number, name or f"#{position + 1}", value, limits)
    raw: dict[Any, Any] = dict(zip(header, values, strict=False))
    if len(values) > len(header):
        raw[None] = values[len(header) :]
    row = clean(raw)
    if len(values) < len(header):
        row["_short"] = (len(values), len(header))
    return row


def _spans_lines(path: Path, start: int, end: int) -> None:
    """Refuse a record over several lines: a line break in a cell, or a quote never closed.

    A file error, never a bad row: rows merged by a stray quote must not be skipped unseen.
    """
    refuse(
        path,
        Text(
            "a cell runs on from line {start} to {end}: a line break inside "
            "a cell, or a quote not closed; a cell holds one line",
            start=start,
            end=end,
        ),
        row=start,
    )


def _broken(path: Path, start: int, error: str, limits: IntakeLimits) -> None:
    """Refuse a CSV file the csv module could not read, naming the record's first line."""
    if "end of data" in error or "field larger" in error:
        refuse(
            path,
            Text(
                "a quote opened here is never closed (or a cell is longer than "
                "{limits_max_cell_chars} characters); fix the quotes",
                limits_max_cell_chars=limits.max_cell_chars,
            ),
            row=start,
        )
    refuse(
        path,
        Text(
            "bad quoting ({error}); a cell holding a quote is written "
            'between quotes, with "" for each quote inside',
            error=error,
        ),
        row=start,
    )
