"""Bulk intake: ``import candidates`` and ``import assessors`` (every row checked first)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import TaskID

from certflow.application import CertificationBody, ImportReport
from certflow.cli import render
from certflow.cli.app import EXIT_REFUSED, JsonFlag, Quiet, Store, opened, refusals
from certflow.cli.console import print_json, progress, t
from certflow.domain import Role
from certflow.engine import Actor

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
IntakeActor = Annotated[
    str,
    typer.Option(
        envvar="CERTFLOW_ACTOR",
        help="Who does the import: a person id in the personnel register (e.g. lsp-admin-01).",
    ),
]
IntakeRole = Annotated[
    Role, typer.Option(help="The role --actor acts in (appointed in the register).")
]
SkipInvalid = Annotated[
    bool, typer.Option("--skip-invalid", help="Import the good rows even if some are bad.")
]
BatchSize = Annotated[int, typer.Option(help="Rows per transaction.", min=1)]

Progress = Callable[[str, int], None]
"""Told each phase (``checked``, ``written``) and how many rows it has done so far."""


@commands.command("candidates")
@refusals
def import_candidates(
    file: IntakeFile,
    session: Annotated[str, typer.Option(help="The assessment session's code.")],
    actor: IntakeActor,
    role: IntakeRole = Role.LSP_ADMIN,
    scheme: Annotated[
        str | None, typer.Option(help="The scheme code for rows that give none.")
    ] = None,
    skip_invalid: SkipInvalid = False,
    batch_size: BatchSize = 500,
    store: Store = None,
    as_json: JsonFlag = False,
    quiet: Quiet = False,
) -> None:
    """Register a file of candidates in a session; nothing is imported if a row is bad."""
    _run_import(
        store,
        quiet or as_json,
        as_json,
        lambda lsp, on_progress: lsp.import_candidates(
            file,
            session=session,
            scheme=scheme,
            actor=Actor(actor, role),
            skip_invalid=skip_invalid,
            batch_size=batch_size,
            on_progress=on_progress,
        ),
    )


@commands.command("assessors")
@refusals
def import_assessors(
    file: IntakeFile,
    actor: IntakeActor,
    role: IntakeRole = Role.LSP_ADMIN,
    skip_invalid: SkipInvalid = False,
    batch_size: BatchSize = 500,
    store: Store = None,
    as_json: JsonFlag = False,
    quiet: Quiet = False,
) -> None:
    """Add a file of assessors to the register; nothing is imported if a row is bad."""
    _run_import(
        store,
        quiet or as_json,
        as_json,
        lambda lsp, on_progress: lsp.import_assessors(
            file,
            actor=Actor(actor, role),
            skip_invalid=skip_invalid,
            batch_size=batch_size,
            on_progress=on_progress,
        ),
    )


def _run_import(
    store: str | None,
    quiet: bool,
    as_json: bool,
    run: Callable[[CertificationBody, Progress], ImportReport],
) -> None:
    with opened(store) as lsp, _intake_progress(quiet) as on_progress:
        report = run(lsp, on_progress)
    _intake_done(report, as_json)


@contextmanager
def _intake_progress(disable: bool) -> Iterator[Progress]:
    """One bar per phase; the checking bar learns its total when writing starts."""
    with progress(Console(stderr=True), disable=disable) as bar:
        tasks: dict[str, TaskID] = {}
        labels = {"checked": t("diperiksa", "checked"), "written": t("ditulis", "written")}
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
        render.intake(Console(), report)
    if not report.imported:
        raise typer.Exit(EXIT_REFUSED)
