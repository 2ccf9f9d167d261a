"""The read side: ``projections status|rebuild|check|run`` and the boards the read models keep.

The boards are ``board`` (the case board), ``register`` (the certificate register), ``deadlines``
(the deadline board) and ``workload`` (assessor workload).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Sequence
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from certflow.application import (
    VIEW_NAMES,
    DeadlineEntry,
    ProjectionStatus,
    describe_view,
)
from certflow.cli.app import (
    EXIT_FAILED,
    JsonFlag,
    Quiet,
    Store,
    Today,
    business_day,
    opened,
    parse_day,
    refusals,
)
from certflow.cli.console import help_text, print_json, progress, t

__all__ = [
    "board",
    "check",
    "commands",
    "deadlines",
    "projections",
    "rebuild",
    "register",
    "run",
    "status",
    "workload",
]

commands = typer.Typer()
_VIEWS = ", ".join(VIEW_NAMES)
projections = typer.Typer(
    name="projections",
    help="The read models: case board, certificate register, deadline board, assessor workload.",
    no_args_is_help=True,
)


def _status_table(console: Console, rows: Sequence[ProjectionStatus]) -> None:
    table = Table(title=t("posisi read model", "read model positions"))
    for column in ("view", t("posisi", "position"), "head", t("tertinggal", "behind")):
        table.add_column(column)
    table.add_column(t("isi", "holds"))
    for row in rows:
        table.add_row(
            row.view,
            str(row.position),
            str(row.head),
            str(row.behind),
            describe_view(row.view).render(),
        )
    console.print(table)


@projections.command("status")
@refusals
def status(store: Store = None, as_json: JsonFlag = False) -> None:
    """Each view's position (last event applied) against the head of the event log."""
    with opened(store) as lsp:
        rows = lsp.read_models.status()
        if as_json:
            print_json([r.model_dump() | {"behind": r.behind} for r in rows])
        else:
            _status_table(Console(), rows)


@projections.command("rebuild")
@refusals
def rebuild(
    view: Annotated[
        str | None, typer.Argument(help=help_text("One of: {views}; default: all.", views=_VIEWS))
    ] = None,
    store: Store = None,
    quiet: Quiet = False,
) -> None:
    """Drop a view (or all) and replay the whole event log into it."""
    console = Console()
    with opened(store) as lsp:
        with progress(console, disable=quiet) as bar:
            task = bar.add_task(t("membangun ulang", "rebuilding"), total=None)

            def step(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            applied = lsp.read_models.rebuild(view, on_progress=step)
        target = view or t("semua view", "every view")
        console.print(
            t(
                f"{applied} peristiwa diterapkan ke {target}.",
                f"{applied} events applied to {target}.",
            )
        )
        _status_table(console, lsp.read_models.status())


@projections.command("check")
@refusals
def check(
    view: Annotated[
        str | None, typer.Argument(help=help_text("One of: {views}; default: all.", views=_VIEWS))
    ] = None,
    store: Store = None,
    as_json: JsonFlag = False,
) -> None:
    """Compare each view with a fresh rebuild from the event log; exit 1 on any drift."""
    with opened(store) as lsp:
        report = lsp.read_models.check(view)
    drift = [
        {
            "view": d.view,
            "key": list(d.key),
            "kind": d.kind,
            "columns": list(d.columns),
            "stored": list(d.stored),
            "rebuilt": list(d.rebuilt),
        }
        for d in report.drift
    ]
    if as_json:
        print_json(
            {"clean": report.clean, "views": report.views, "rows": report.rows, "drift": drift}
        )
    else:
        console = Console()
        if drift:
            table = Table(title=t(f"{len(drift)} selisih", f"{len(drift)} drifted rows"))
            for column in ("view", t("kunci", "key"), t("jenis", "kind"), t("kolom", "columns")):
                table.add_column(column, overflow="fold")
            for d in report.drift:
                table.add_row(d.view, " / ".join(d.key), d.kind, ", ".join(d.columns))
            console.print(table)
        else:
            console.print(
                t(
                    f"[green]sesuai[/]: {report.rows} baris sama dengan bangun ulang dari log",
                    f"[green]clean[/]: {report.rows} rows equal a rebuild from the log",
                )
            )
    if not report.clean:
        raise typer.Exit(EXIT_FAILED)


@projections.command("run")
@refusals
def run(
    store: Store = None,
    poll: Annotated[
        float, typer.Option(help="Seconds between polls on SQLite (PostgreSQL is notified).")
    ] = 1.0,
    once: Annotated[bool, typer.Option("--once", help="Catch up once and stop.")] = False,
) -> None:
    """Keep the views current until interrupted (Ctrl-C or SIGTERM)."""
    console = Console()
    with opened(store) as lsp:
        if once:
            applied = lsp.read_models.catch_up()
            console.print(t(f"{applied} peristiwa diterapkan.", f"{applied} events applied."))
            return
        stop = threading.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stop.set())
        console.print(t("mengikuti log peristiwa…", "following the event log…"))
        lsp.read_models.follow(stop, poll_interval=poll)


@commands.command()
@refusals
def board(
    store: Store = None,
    scheme: Annotated[str | None, typer.Option(help="Only this scheme code.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """The case board: how many certifications are at each stage, per scheme and session."""
    with opened(store) as lsp:
        rows = lsp.read_models.stage_counts(scheme_code=scheme)
        if as_json:
            print_json([r.model_dump(mode="json") for r in rows])
            return
        table = Table(title=t("papan kasus", "case board"))
        for column in (t("skema", "scheme"), t("jadwal", "session"), t("tahap", "stage"), "n"):
            table.add_column(column)
        for r in rows:
            table.add_row(r.scheme_code, str(r.session_id), r.stage.value, str(r.count))
        Console().print(table)


@commands.command()
@refusals
def register(
    number: Annotated[str | None, typer.Argument(help="One certificate number.")] = None,
    store: Store = None,
    status: Annotated[
        str | None,
        typer.Option(help="Only this status: valid, suspended, revoked, expired, superseded."),
    ] = None,
    today: Today = None,
    as_json: JsonFlag = False,
) -> None:
    """The certificate register: number, holder's pseudonymous id, scheme, status, validity."""
    with opened(store) as lsp:
        day = business_day(lsp, today)
        rows = lsp.read_models.certificate_register(today=day, number=number, status=status)
        if as_json:
            print_json([r.model_dump(mode="json") for r in rows])
            return
        table = Table(title=t(f"{len(rows)} sertifikat", f"{len(rows)} certificates"))
        for column in (
            t("nomor", "number"),
            t("skema", "scheme"),
            "status",
            t("berlaku", "valid from"),
            t("sampai", "until"),
            t("salinan", "copy"),
            t("pemegang (id)", "holder (id)"),
        ):
            table.add_column(column)
        for r in rows:
            table.add_row(
                r.certificate_number,
                r.scheme_code,
                r.status,
                str(r.valid_from),
                str(r.valid_until),
                str(r.copy_number),
                str(r.subject_id),
            )
        Console().print(table)


def _deadline_rows(title: str, rows: Sequence[DeadlineEntry]) -> Table:
    table = Table(title=f"{title} ({len(rows)})")
    for column in ("id", t("aturan", "rule"), t("batas", "due"), t("tahap", "stage")):
        table.add_column(column)
    for r in rows:
        table.add_row(str(r.certification_id), r.rule_id, str(r.due_on), r.stage.value)
    return table


@commands.command()
@refusals
def deadlines(
    store: Store = None,
    today: Today = None,
    within: Annotated[int, typer.Option(help="Days ahead for expiring certificates.")] = 90,
    as_json: JsonFlag = False,
) -> None:
    """The deadline board: overdue distributions, expiring certificates, appeals awaiting."""
    with opened(store) as lsp:
        day = business_day(lsp, today)
        board = lsp.read_models.deadline_board(today=day, expiring_within_days=within)
        if as_json:
            print_json(board.model_dump(mode="json"))
            return
        console = Console()
        console.print(
            _deadline_rows(
                t("distribusi terlambat", "distributions overdue"), board.distributions_overdue
            )
        )
        console.print(
            _deadline_rows(
                t(f"kedaluwarsa dalam {within} hari", f"expiring within {within} days"),
                board.certificates_expiring,
            )
        )
        console.print(
            _deadline_rows(
                t("banding menunggu putusan", "appeals awaiting decision"),
                board.appeals_awaiting_decision,
            )
        )


@commands.command()
@refusals
def workload(
    store: Store = None,
    day: Annotated[str | None, typer.Option(help="Only this day (YYYY-MM-DD).")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Assessor workload: candidates per assessor per day, and interviews held."""
    with opened(store) as lsp:
        wanted = None if day is None else parse_day(day)
        rows = lsp.read_models.assessor_workload(day=wanted)
        if as_json:
            print_json([r.model_dump(mode="json") for r in rows])
            return
        names: dict[Any, str] = {}
        table = Table(title=t("beban asesor", "assessor workload"))
        for column in (
            t("hari", "day"),
            t("asesor", "assessor"),
            t("kandidat", "candidates"),
            t("diwawancara", "interviewed"),
        ):
            table.add_column(column)
        for r in rows:
            if r.assessor_id not in names:
                names[r.assessor_id] = lsp.holder_name(r.assessor_id)
            table.add_row(str(r.day), names[r.assessor_id], str(r.candidates), str(r.held))
        Console().print(table)
