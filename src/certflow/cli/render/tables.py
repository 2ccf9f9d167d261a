"""The one renderer of rows: a rich table, CSV (stdlib :mod:`csv`) or JSON, never cut short.

Every listing command describes its rows once, as :class:`Column` s and plain dicts of typed
values, and hands them to :func:`emit` with the format asked for (``--format``). The three
outputs hold the same rows under the same keys: the CSV header and the JSON object keys are the
columns' machine names (English snake_case); the table's headings are the bilingual labels.

Values keep their type in JSON (numbers as numbers, ``true``/``false``, ``null``, dates and
times as ISO 8601, lists as arrays). In CSV a list is joined with ``"; "``, ``None`` is empty and
a text cell beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is prefixed
with ``'`` (:func:`csv_cell`, OWASP's advice against formula injection). Numbers are not text:
``-5`` written from an ``int`` stays ``-5`` (a spreadsheet reads it as the number it is, and no
formula can hide in the digits); the text ``"-5"`` is escaped like any other text.

A table on a terminal folds long values onto further lines within the terminal's width; written
anywhere else (a file, a pipe) it has no width limit, so no value is ever cut to ``…``.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum, StrEnum
from typing import Any, TextIO
from uuid import UUID

from rich.console import Console
from rich.table import Table

from certflow.cli.console import escape, t
from certflow.engine import Text

__all__ = [
    "Column",
    "Format",
    "Row",
    "csv_cell",
    "emit",
    "table",
    "table_console",
    "write_csv",
    "write_json",
]

Row = Mapping[str, Any]
"""One row: column key to a typed value."""


class Format(StrEnum):
    """How a listing is printed."""

    TABLE = "table"
    CSV = "csv"
    JSON = "json"


@dataclass(frozen=True)
class Column:
    """One column: its machine name (CSV header, JSON key) and its table heading.

    Attributes:
        key: The machine name, English snake_case, stable across releases and languages.
        label: The table heading: bilingual (rendered when the table is drawn), or one word
            that reads the same in both languages.
        numeric: Right-aligned in the table.
        in_table: Shown in the table too; some columns (an id beside its name, a time stamp)
            are only in CSV and JSON, to keep the table readable.
    """

    key: str
    label: str | Text
    numeric: bool = False
    in_table: bool = True

    @property
    def heading(self) -> str:
        """The table heading, in the language of ``CERTFLOW_LANG`` when it is bilingual."""
        return self.label.render() if isinstance(self.label, Text) else self.label


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """One value as a CSV cell: text starting like a formula gets a leading ``'``.

    Only text is escaped: ``int``, ``float`` and ``bool`` are written as they are (see the
    module's note), ``None`` as an empty cell, dates and times in ISO 8601, lists joined with
    ``"; "`` and then escaped as text.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return value
    text = _text(value, joiner="; ")
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _text(value: object, *, joiner: str) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, (list, tuple)):
        return joiner.join(_text(v, joiner=joiner) for v in value)
    if isinstance(value, Mapping):
        return json.dumps(_plain(value), ensure_ascii=False)
    return str(value)


def _cell(value: object) -> str:
    """One value in a table cell, markup escaped."""
    if value is None or value == "" or value == [] or value == ():
        return "-"
    if isinstance(value, bool):
        return t("yes") if value else t("no")
    return escape(_text(value, joiner="\n" if isinstance(value, (list, tuple)) else ""))


def _plain(value: object) -> object:
    """One value for JSON: typed where JSON has the type, ISO 8601 text for dates."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, (UUID, Enum)):
        return _text(value, joiner="")
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def table_console() -> Console:
    """A console for tables: the terminal's width on a terminal, unlimited anywhere else."""
    if sys.stdout.isatty():
        return Console()
    return Console(width=1_000_000, soft_wrap=True)


def write_csv(out: TextIO, columns: Sequence[Column], rows: Sequence[Row]) -> None:
    """``rows`` as CSV with a header of the columns' keys, every cell through :func:`csv_cell`."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.key for c in columns])
    for row in rows:
        writer.writerow([csv_cell(row.get(c.key)) for c in columns])


def write_json(out: TextIO, columns: Sequence[Column], rows: Sequence[Row]) -> None:
    """``rows`` as a JSON array of objects with the columns' keys, in column order."""
    data = [{c.key: _plain(row.get(c.key)) for c in columns} for row in rows]
    out.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def table(title: str, columns: Sequence[Column], rows: Sequence[Row]) -> Table:
    """``rows`` as a rich table whose cells fold (never ``…``) when the width is short."""
    shown = [c for c in columns if c.in_table]
    out = Table(title=escape(title))
    for column in shown:
        out.add_column(
            escape(column.heading), overflow="fold", justify="right" if column.numeric else "left"
        )
    for row in rows:
        out.add_row(*(_cell(row.get(c.key)) for c in shown))
    return out


def emit(
    fmt: Format,
    columns: Sequence[Column],
    rows: Sequence[Row],
    *,
    title: str,
    console: Console | None = None,
) -> None:
    """Print ``rows`` to standard output as a table, CSV or JSON.

    Args:
        fmt: The format asked for.
        columns: The columns, in order.
        rows: One mapping per row, from column key to a typed value.
        title: The table's title (tables only).
        console: Where a table goes (default: :func:`table_console`).
    """
    if fmt is Format.CSV:
        write_csv(sys.stdout, columns, rows)
    elif fmt is Format.JSON:
        write_json(sys.stdout, columns, rows)
    else:
        (console or table_console()).print(table(title, columns, rows))
