"""Intake files: rows of CSV, XLSX (openpyxl), JSON (ijson) and JSON Lines files.

Formats: ``.csv`` (UTF-8, header row; ``;`` or ``,`` separated), ``.xlsx`` (first sheet, header
row), ``.json`` (an array of objects, streamed) and ``.jsonl`` (one object per line). CSV and
JSON Lines need nothing more than Python; XLSX and JSON need the ``intake`` extra. Each
reader streams; :func:`read_rows` is the :class:`~certflow.application.ports.RowReader` the
body's bulk intake uses.
"""

from __future__ import annotations

import csv
import functools
import json
import zipfile
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from certflow.adapters.extras import require
from certflow.application.intake import NumberCell
from certflow.engine import InvalidInputError, Text

__all__ = ["read_rows"]


def read_rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Stream ``(row number, fields)`` from a CSV, XLSX, JSON or JSON Lines file.

    Row numbers are what a person sees: the header is row 1 in CSV and XLSX, the first object is
    row 1 in JSON. Column names are lower-cased, with spaces turned into ``_``. A file that cannot
    be read as its kind (wrong encoding, not a workbook, not an array) raises
    :class:`InvalidInputError` naming the file.
    """
    suffix = path.suffix.lower()
    readers = {".csv": _csv_rows, ".xlsx": _xlsx_rows, ".json": _json_rows, ".jsonl": _jsonl_rows}
    reader = readers.get(suffix)
    if reader is None:
        raise InvalidInputError(
            [
                Text(
                    f"{path.name}: gunakan berkas .csv, .xlsx, .json atau .jsonl",
                    f"{path.name}: use a .csv, .xlsx, .json or .jsonl file",
                )
            ]
        )
    try:
        yield from reader(path)
    except UnicodeDecodeError:
        raise InvalidInputError(
            [
                Text(
                    f"{path.name}: bukan teks UTF-8; simpan sebagai CSV UTF-8 (Excel: 'CSV UTF-8')",
                    f"{path.name}: not UTF-8 text; save it as CSV UTF-8 (Excel: 'CSV UTF-8')",
                )
            ]
        ) from None
    except (zipfile.BadZipFile, KeyError, OSError) as error:
        if isinstance(error, FileNotFoundError):
            raise InvalidInputError(
                [
                    Text(
                        f"{path.name}: berkas tidak ada",
                        f"{path.name}: no such file",
                    )
                ]
            ) from None
        raise InvalidInputError(
            [
                Text(
                    f"{path.name}: tidak dapat dibaca sebagai {suffix} ({error})",
                    f"{path.name}: cannot be read as {suffix} ({error})",
                )
            ]
        ) from None


@functools.lru_cache(maxsize=4096)
def _key(name: object) -> str:
    """A column name as a field name (cached: every row repeats the header's names)."""
    return str(name or "").strip().lower().replace(" ", "_")


def _header(path: Path, names: Iterable[object]) -> list[str]:
    header = [_key(name) for name in names]
    repeated = sorted({name for name in header if name and header.count(name) > 1})
    if repeated:
        raise InvalidInputError(
            [
                Text(
                    f"{path.name}: kolom {', '.join(repeated)} muncul dua kali",
                    f"{path.name}: column {', '.join(repeated)} appears twice",
                )
            ]
        )
    return header


def _clean(raw: dict[Any, Any]) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for name, value in raw.items():
        if name is None or _key(name) == "":
            if any(v not in (None, "") for v in (value if isinstance(value, list) else [value])):
                row["_extra"] = value
            continue
        row[_key(name)] = "" if value is None else value
    return row


def _csv_rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        first = handle.readline()
        handle.seek(0)
        # The separator is the header's: names never contain one, values may contain both.
        delimiter = ";" if first.count(";") > first.count(",") else ","
        reader = csv.reader(handle, delimiter=delimiter)
        header = _header(path, next(reader, []))
        for values in reader:
            if not any(v.strip() for v in values):
                continue  # a blank line
            raw: dict[Any, Any] = dict(zip(header, values, strict=False))
            if len(values) > len(header):
                raw[None] = values[len(header) :]
            yield reader.line_num, _clean(raw)


def _xlsx_rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    require("intake", "openpyxl")
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = _header(path, next(rows, ()))
        for number, values in enumerate(rows, start=2):
            if all(v in (None, "") for v in values):
                continue
            raw: dict[Any, Any] = {}
            for name, value in zip(header, values, strict=False):
                if name:
                    raw[name] = value
                elif value not in (None, ""):
                    raw[None] = value  # a value under a column without a name
            yield number, {k: _cell(k, v) for k, v in _clean(raw).items()}
    finally:
        book.close()


_IDENTIFIERS = frozenset({"nik", "nrp", "phone", "met_number"})
"""Columns that must be text: a spreadsheet number keeps 15 digits and drops leading zeros."""


def _cell(column: str, value: object) -> object:
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        if column in _IDENTIFIERS:
            return NumberCell(value)
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)
    return value


def _json_rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    require("intake", "ijson")
    import ijson

    with path.open("rb") as handle:
        start = handle.read(1024).lstrip()
        handle.seek(0)
        if not start.startswith(b"["):
            raise InvalidInputError(
                [
                    Text(
                        f"{path.name}: bukan larik JSON berisi objek",
                        f"{path.name}: not a JSON array of objects",
                    )
                ]
            )
        try:
            for number, item in enumerate(ijson.items(handle, "item"), start=1):
                yield number, _object(item, number)
        except ijson.JSONError as error:
            raise InvalidInputError(
                [
                    Text(
                        f"{path.name}: bukan larik JSON berisi objek ({error})",
                        f"{path.name}: not a JSON array of objects ({error})",
                    )
                ]
            ) from None


def _jsonl_rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                try:
                    item = json.loads(line)
                except json.JSONDecodeError as error:
                    raise InvalidInputError(
                        [
                            Text(
                                f"{path.name} baris {number}: {error.msg}",
                                f"{path.name} line {number}: {error.msg}",
                            )
                        ]
                    ) from None
                yield number, _object(item, number)


def _object(item: object, number: int) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise InvalidInputError(
            [
                Text(
                    f"baris {number} bukan objek",
                    f"row {number} is not an object",
                )
            ]
        )
    return {k: _cell(k, v) for k, v in _clean(item).items()}
