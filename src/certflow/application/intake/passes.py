"""The two passes of an import: check every row of the file, then write the good ones in batches.

Both passes stream the file; nothing is held but one batch of rows, and nothing built per row is
cyclic, so the cyclic garbage collector is paused while they run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar, cast

from pydantic import BaseModel

from certflow.application.bulk import cyclic_gc_paused
from certflow.application.intake.rows import ImportReport, RowProblem, parse_row
from certflow.application.intake_limits import IntakeLimits
from certflow.application.ports import RowReader
from certflow.engine import InvalidInputError, Text

__all__ = ["batches", "check_then_write"]

M = TypeVar("M", bound=BaseModel)


def batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """``items`` in lists of ``size`` (the last one may be shorter)."""
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def check_then_write(
    read: RowReader,
    path: Path,
    model: type[M],
    report: ImportReport,
    check: Callable[[int, M], list[str]],
    write: Callable[[list[M]], None],
    skip_invalid: bool,
    batch_size: int,
    on_progress: Callable[[str, int], None] | None,
    prepare: Callable[[list[M]], None] | None = None,
    *,
    limits: IntakeLimits,
) -> None:
    """Check every row; then, if none is bad (or ``skip_invalid``), write the good ones in batches.

    Rows are checked a chunk of ``batch_size`` at a time, after ``prepare(chunk)`` (e.g. one
    lookup for the chunk's people). The writing pass parses the file again but does not re-check
    it: it writes exactly the rows the checking pass found good. ``limits`` go to the reader,
    which refuses a broken, empty or oversized file whole (before anything is written).
    """
    with cyclic_gc_paused():  # nothing built per row is cyclic
        parsed = ((number, *parse_row(model, raw)) for number, raw in read(path, limits))
        for chunk in batches(parsed, batch_size):
            if prepare is not None:
                prepare([row for _, row, _ in chunk if row is not None])
            for number, row, reasons in chunk:
                report.rows += 1
                if row is not None:
                    reasons = tuple(check(number, row))
                if reasons:
                    report.bad.append(RowProblem(number, reasons))
            if on_progress is not None:
                on_progress("checked", report.rows)
        if report.bad and not skip_invalid:
            return
        bad = {problem.row for problem in report.bad}
        good = (
            _reparse(path, model, number, raw)
            for number, raw in read(path, limits)
            if number not in bad
        )
        written = 0
        for batch in batches(good, batch_size):
            write(batch)
            written += len(batch)
            if on_progress is not None:
                on_progress("written", written)
        report.imported = True


def _reparse(path: Path, model: type[M], number: int, raw: dict[str, Any]) -> M:
    row, _ = parse_row(model, raw)
    if row is None:  # the file changed between the passes
        raise InvalidInputError(
            [
                Text(
                    "{path_name} changed during the import (row {number})",
                    path_name=path.name,
                    number=number,
                )
            ]
        )
    return cast(M, row)
