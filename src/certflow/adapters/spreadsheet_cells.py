"""What every intake reader shares: column names, cells, and refusing a file with where it broke.

The readers (:mod:`.spreadsheets` for CSV, :mod:`.spreadsheet_xlsx`, :mod:`.spreadsheet_json`)
turn a file into ``(row number, {column: value})``; the checks here run on every row as it is
read, so a hostile file is refused before it has cost more than one row.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any, NoReturn

from certflow.application.intake import IntakeFileError, IntakeLimits, NumberCell
from certflow.engine import Text

__all__ = [
    "check_cell",
    "check_object",
    "clean",
    "header_of",
    "key_of",
    "refuse",
    "size_checked",
    "too_many_columns",
    "twice",
    "typed_cell",
]


def refuse(
    path: Path, message: Text, *, row: int | None = None, column: str | None = None
) -> NoReturn:
    """Refuse the whole file, saying where (``row``, ``column``) and what to do."""
    raise IntakeFileError(path.name, message, row=row, column=column)


@functools.lru_cache(maxsize=4096)
def key_of(name: object) -> str:
    """A column name as a field name (cached: every row repeats the header's names)."""
    return str(name or "").strip().lower().replace(" ", "_")


def header_of(path: Path, names: Iterable[object], limits: IntakeLimits) -> list[str]:
    """The header row's names as field names; refused when too wide, too long or repeated."""
    header: list[str] = []
    for position, name in enumerate(names, start=1):
        text = "" if name is None else str(name)
        check_cell(path, 1, f"#{position}", text, limits)
        if position > limits.max_columns and text.strip():
            too_many_columns(path, 1, limits)
        header.append(key_of(text))
    repeated = sorted({name for name in header if name and header.count(name) > 1})
    if repeated:
        twice(path, 1, repeated)
    return header


def size_checked(path: Path, limits: IntakeLimits) -> None:
    """Refuse a file over ``limits.max_bytes`` before reading it."""
    size = path.stat().st_size
    if size > limits.max_bytes:
        refuse(
            path,
            Text(
                "{size} bytes; at most {limits_max_bytes}: split the file",
                size=size,
                limits_max_bytes=limits.max_bytes,
            ),
        )


def too_many_columns(path: Path, row: int, limits: IntakeLimits) -> NoReturn:
    """Refuse a row with values in more columns than the limit."""
    most = limits.max_columns
    refuse(
        path,
        Text("values in more than {most} columns; delete the columns not used", most=most),
        row=row,
    )


def check_cell(path: Path, row: int, column: str, value: object, limits: IntakeLimits) -> None:
    """Refuse the file when a cell (or a list in a JSON cell) is over the size limit."""
    cells = value if isinstance(value, list) else [value]
    most = limits.max_cell_chars
    if len(cells) > most or any(
        isinstance(cell, str | Decimal | int | float) and len(str(cell)) > most for cell in cells
    ):
        refuse(
            path,
            Text("a cell longer than {most} characters; check what it holds", most=most),
            row=row,
            column=column if len(column) <= 40 else column[:40] + "...",
        )


def check_object(path: Path, row: int, item: dict[Any, Any], limits: IntakeLimits) -> None:
    """Refuse the file when a JSON row has too many keys, or a key or value over the limits."""
    if len(item) > limits.max_columns:
        too_many_columns(path, row, limits)
    for column, value in item.items():
        check_cell(path, row, str(column), str(column), limits)
        check_cell(path, row, str(column), value, limits)
    names = [key_of(column) for column in item]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        twice(path, row, repeated)


def twice(path: Path, row: int, names: list[str]) -> NoReturn:
    """Refuse a row (or header) naming a column twice: which value is meant is not known."""
    listed = ", ".join(names)
    refuse(
        path,
        Text("column {listed} appears twice", listed=listed),
        row=row,
    )


def clean(raw: dict[Any, Any]) -> dict[str, Any]:
    """A row's values by field name; values under a column without a name go to ``_extra``."""
    row: dict[str, Any] = {}
    for name, value in raw.items():
        if name is None or key_of(name) == "":
            if any(v not in (None, "") for v in (value if isinstance(value, list) else [value])):
                row["_extra"] = value
            continue
        row[key_of(name)] = "" if value is None else value
    return row


_IDENTIFIERS = frozenset({"nik", "nrp", "phone", "met_number"})
"""Columns that must be text: a spreadsheet number keeps 15 digits and drops leading zeros."""


def typed_cell(column: str, value: object) -> object:
    """A spreadsheet or JSON value as the row models expect it (numbers as text, or refused)."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        if column in _IDENTIFIERS:
            return NumberCell(value)
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)
    return value
