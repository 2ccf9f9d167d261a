"""What an intake file may be: the limits a reader checks while it streams, and its refusal.

A spreadsheet comes from outside: it may be broken (an unclosed quote), or built to hurt (a
workbook that declares a million rows, a cell of 300 MB, JSON nested 20,000 deep). The readers
(:mod:`certflow.adapters.spreadsheets`) check these limits as they read, so memory stays flat
and a hostile file is refused early, whole, with the row and column where it went wrong.
"""

from __future__ import annotations

from dataclasses import dataclass

from certflow.engine import InvalidInputError, RejectedError, Text

__all__ = ["DEFAULT_LIMITS", "IntakeFileError", "IntakeLimits"]


@dataclass(frozen=True)
class IntakeLimits:
    """The most an intake file may hold; every limit is checked while the file is read."""

    max_bytes: int = 64 * 1024 * 1024
    """The file's size; for a workbook also each part's and all parts' size once unpacked."""
    max_rows: int = 200_000
    """Rows after the header (for a workbook: the last sheet row read is ``max_rows + 1``)."""
    max_columns: int = 64
    """Columns in the header, and values in any row."""
    max_cell_chars: int = 1_000
    """Characters in one cell (a name, a unit, a list of scheme codes)."""
    max_depth: int = 2
    """How deep JSON values nest in one row: the row's object is 1, a list in a cell is 2."""
    max_compression_ratio: int = 100
    """A workbook part may unpack to at most this many times its packed size (zip bomb)."""

    def __post_init__(self) -> None:
        for name in (
            "max_bytes",
            "max_rows",
            "max_columns",
            "max_cell_chars",
            "max_depth",
            "max_compression_ratio",
        ):
            if getattr(self, name) < 1:
                raise InvalidInputError([Text("{name} is at least 1", name=name)])


DEFAULT_LIMITS = IntakeLimits()
"""The limits an import uses unless given others (documented in docs/intake.md)."""


class IntakeFileError(InvalidInputError):
    """An intake file refused whole: broken, empty, or over a limit. Nothing was imported.

    ``file``, ``row`` (as a person counts it: the CSV line where the record starts, the sheet
    row, the JSON Lines line, the JSON array index) and ``column`` say where, when known.
    """

    def __init__(
        self,
        file: str,
        message: Text,
        *,
        row: int | None = None,
        column: str | None = None,
        rule_id: str | None = None,
    ) -> None:
        self.file = file
        self.row = row
        self.column = column
        where = Text(file, file)
        if row is not None:
            where = Text("{where} row {row}", where=where, row=row)
        if column is not None:
            where = Text("{where} column {column}", where=where, column=column)
        self.problems = (Text("{where}: {message}", where=where, message=message),)
        sentence = Text(
            "file refused, nothing was imported: {where}: {message}", where=where, message=message
        )
        if rule_id:
            sentence = Text("{rule_id}: ", rule_id=rule_id) + sentence
        RejectedError.__init__(self, sentence, (rule_id,) if rule_id else ())
