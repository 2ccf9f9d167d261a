"""Bulk intake: ``import candidates`` and ``import assessors`` (every row checked first)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import TaskID

from certflow.application import CertificationBody, ImportReport, IntakeLimits
from certflow.cli import render
from certflow.cli.acting import As, At, acting, record_at
from certflow.cli.app import EXIT_REFUSED, JsonFlag, Quiet, Store, opened, refusals
from certflow.cli.console import print_json, progress, t
from certflow.cli.render.tables import table_console

__all__ = ["commands", "import_assessors", "import_candidates"]

commands = typer.Typer(
    name="import",
    help="Bulk intake from CSV, XLSX, JSON or JSON Lines files (checked in full first).",
    no_args_is_help=True,
)

IntakeFile = Annotated[
    Path,
    typer.Argument(
        help="A .csv, .xlsx, .json or .jsonl file with a header row.", exists=True, dir_okay=False
    ),
]
SkipInvalid = Annotated[
    bool, typer.Option("--skip-invalid", help="Import the good rows even if some are bad.")
]
BatchSize = Annotated[int, typer.Option(help="Rows per transaction.", min=1)]
_DEFAULTS = IntakeLimits()
MaxRows = Annotated[
    int, typer.Option(help="Refuse a file with more rows than this (under the header).", min=1)
]
MaxMegabytes = Annotated[
    int, typer.Option("--max-mb", help="Refuse a file bigger than this many MiB.", min=1)
]
MaxCellChars = Annotated[
    int, typer.Option(help="Refuse a file with a cell longer than this many characters.", min=1)
]


def _limits(max_rows: int, max_mb: int, max_cell_chars: int) -> IntakeLimits:
    return IntakeLimits(
        max_bytes=max_mb * 1024 * 1024, max_rows=max_rows, max_cell_chars=max_cell_chars
    )


Progress = Callable[[str, int], None]
"""Told each phase (``checked``, ``written``) and how many rows it has done so far."""


@commands.command("candidates")
@refusals
def import_candidates(
    file: IntakeFile,
    session: Annotated[str, typer.Option(help="The assessment session's code.")],
    who: As = None,
    scheme: Annotated[
        str | None, typer.Option(help="The scheme code for rows that give none.")
    ] = None,
    skip_invalid: SkipInvalid = False,
    at: At = None,
    batch_size: BatchSize = 500,
    max_rows: MaxRows = _DEFAULTS.max_rows,
    max_mb: MaxMegabytes = _DEFAULTS.max_bytes // (1024 * 1024),
    max_cell_chars: MaxCellChars = _DEFAULTS.max_cell_chars,
    store: Store = None,
    as_json: JsonFlag = False,
    quiet: Quiet = False,
) -> None:
    """Register a file of candidates in a session; nothing is imported if a row is bad."""
    _run_import(
        store,
        at,
        quiet or as_json,
        as_json,
        lambda lsp, on_progress: lsp.import_candidates(
            file,
            session=session,
            scheme=scheme,
            actor=acting(lsp, who, "register", scheme=scheme),
            skip_invalid=skip_invalid,
            batch_size=batch_size,
            on_progress=on_progress,
            limits=_limits(max_rows, max_mb, max_cell_chars),
        ),
    )


@commands.command("assessors")
@refusals
def import_assessors(
    file: IntakeFile,
    who: As = None,
    skip_invalid: SkipInvalid = False,
    at: At = None,
    batch_size: BatchSize = 500,
    max_rows: MaxRows = _DEFAULTS.max_rows,
    max_mb: MaxMegabytes = _DEFAULTS.max_bytes // (1024 * 1024),
    max_cell_chars: MaxCellChars = _DEFAULTS.max_cell_chars,
    store: Store = None,
    as_json: JsonFlag = False,
    quiet: Quiet = False,
) -> None:
    """Add a file of assessors to the register; nothing is imported if a row is bad."""
    _run_import(
        store,
        at,
        quiet or as_json,
        as_json,
        lambda lsp, on_progress: lsp.import_assessors(
            file,
            actor=acting(lsp, who, "add_assessor"),
            skip_invalid=skip_invalid,
            batch_size=batch_size,
            on_progress=on_progress,
            limits=_limits(max_rows, max_mb, max_cell_chars),
        ),
    )


def _run_import(
    store: str | None,
    at: str | None,
    quiet: bool,
    as_json: bool,
    run: Callable[[CertificationBody, Progress], ImportReport],
) -> None:
    with opened(store, create=True) as lsp, _intake_progress(quiet) as on_progress:
        record_at(lsp, at)
        report = run(lsp, on_progress)
    _intake_done(report, as_json)


@contextmanager
def _intake_progress(disable: bool) -> Iterator[Progress]:
    """One bar per phase; the checking bar learns its total when writing starts."""
    with progress(Console(stderr=True), disable=disable) as bar:
        tasks: dict[str, TaskID] = {}
        labels = {"checked": t("checked"), "written": t("written")}
        counts: dict[str, int] = {}

        def on_progress(phase: str, rows: int) -> None:
            if phase not in tasks:
                if "checked" in tasks:  # checking is over: its total is known now
                    bar.update(tasks["checked"], total=counts["checked"])
                tasks[phase] = bar.add_task(labels[phase], total=counts.get("checked"))
            counts[phase] = rows
            bar.update(tasks[phase], completed=rows)

        yield on_progress
        if "checked" in tasks:
            bar.update(tasks["checked"], total=counts["checked"])


def _intake_done(report: ImportReport, as_json: bool) -> None:
    if as_json:
        print_json(
            {
                "kind": report.kind,
                "rows": report.rows,
                "imported": report.imported,
                "created": report.created,
                "created_subjects": report.created_subjects,
                "existing": report.existing,
                "bad": [{"row": p.row, "reasons": list(p.reasons)} for p in report.bad],
            }
        )
    else:
        render.intake(table_console(), report)
    if not report.imported:
        raise typer.Exit(EXIT_REFUSED)
