"""The two passes of an import: check every row of the file, then write the good ones in batches.

The checking pass streams the file and keeps the rows it found good, packed (about 100 bytes a
candidate), while they take at most :data:`KEPT_BYTES`: the writing pass then writes those rows
as checked, without reading or validating the file again. A file with more is read again by the
writing pass (streamed, one batch held at a time) and its rows parsed again. Nothing built per
row is cyclic, so the cyclic garbage collector is paused while the passes run.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from operator import itemgetter
from pathlib import Path
from typing import Any, TypeVar, cast

from pydantic import BaseModel

from certflow.application.bulk import cyclic_gc_paused, trusted
from certflow.application.intake.rows import ImportReport, RowProblem, parse_row
from certflow.application.intake_limits import IntakeLimits
from certflow.application.ports import RowReader
from certflow.engine import InvalidInputError, Text

__all__ = ["KEPT_BYTES", "batches", "check_then_write"]

M = TypeVar("M", bound=BaseModel)

KEPT_BYTES = 16 * 1024 * 1024
"""The checked rows kept for the writing pass take at most this much memory (else: read again)."""
_SEP, _NONE = "\x1f", "\x1e"
"""Between a packed row's values, and a value ``None``: control characters, so in no checked
text cell (a row holding one, or a value not text, is kept as a tuple instead)."""
_TEXT = frozenset({str, type(None)})


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
    names = tuple(model.__pydantic_fields__)
    values_of = itemgetter(*names) if len(names) > 1 else lambda d: (d[names[0]],)
    kept: list[str | tuple[Any, ...]] | None = []  # the good rows, packed; None: too many
    size = 0
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
                elif kept is not None:
                    kept.append(_pack(values_of, row))
                    size += sys.getsizeof(kept[-1]) + 8
                    if size > KEPT_BYTES:
                        kept = None  # freed now; the writing pass reads the file again
            if on_progress is not None:
                on_progress("checked", report.rows)
        if report.bad and not skip_invalid:
            return
        bad = {problem.row for problem in report.bad}
        good: Iterator[M] = (
            _unpacked(model, names, kept)
            if kept is not None
            else (
                _reparse(path, model, number, raw)
                for number, raw in read(path, limits)
                if number not in bad
            )
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


def _pack(values_of: Callable[[dict[str, Any]], Any], row: BaseModel) -> str | tuple[Any, ...]:
    """A checked row's values in little memory: joined into one text when they are all text."""
    values: tuple[Any, ...] = values_of(row.__dict__)
    if not {type(value) for value in values} <= _TEXT:
        return values
    text = _SEP.join([_NONE if value is None else value for value in values])
    if text.count(_SEP) != len(values) - 1 or text.count(_NONE) != values.count(None):
        return values  # a value holding a separator
    return text


def _unpacked(
    model: type[M], names: tuple[str, ...], kept: list[str | tuple[Any, ...]]
) -> Iterator[M]:
    """The kept rows, in order, as checked (not validated again), each freed once handed out."""
    kept.reverse()
    while kept:
        packed = kept.pop()
        values = (
            packed
            if isinstance(packed, tuple)
            else [None if value == _NONE else value for value in packed.split(_SEP)]
        )
        yield trusted(model, dict(zip(names, values, strict=True)))
