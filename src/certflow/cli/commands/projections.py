"""The read side: ``projections status|rebuild|check|catch-up|run`` and the read models' boards.

The boards are ``board`` (the case board), ``register`` (the certificate register), ``deadlines``
(the deadline board) and ``workload`` (assessor workload).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Sequence
from typing import Annotated

import typer
from rich.console import Console

from certflow.application import VIEW_NAMES, ProjectionStatus
from certflow.cli.app import (
    EXIT_FAILED,
    Quiet,
    Store,
    Today,
    business_day,
    opened,
    parse_day,
    refusals,
)
from certflow.cli.console import help_text, print_json, progress, t
from certflow.cli.formats import FormatOption, JsonAlias, chosen
from certflow.cli.labels import Labels
from certflow.cli.render.boards import (
    BOARD_COLUMNS,
    DEADLINE_COLUMNS,
    DRIFT_COLUMNS,
    REGISTER_COLUMNS,
    STATUS_COLUMNS,
    WORKLOAD_COLUMNS,
    board_rows,
    deadline_rows,
    drift_rows,
    register_rows,
    status_rows,
    workload_rows,
)
from certflow.cli.render.tables import Format, emit, table, table_console

__all__ = [
    "board",
    "catch_up",
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
    console.print(table(t("read model positions"), STATUS_COLUMNS, status_rows(rows)))


@projections.command("status")
@refusals
def status(store: Store = None, output: FormatOption = None, as_json: JsonAlias = False) -> None:
    """Each view's position (last event applied) against the head of the event log."""
    fmt = chosen(output, as_json=as_json)
    with opened(store, readonly=True) as lsp:
        rows = status_rows(lsp.read_models.status())
    emit(fmt, STATUS_COLUMNS, rows, title=t("read model positions"))


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
            task = bar.add_task(t("rebuilding"), total=None)

            def step(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            applied = lsp.read_models.rebuild(view, on_progress=step)
        target = view or t("every view")
        console.print(t("{applied} events applied to {target}.", applied=applied, target=target))
        _status_table(table_console(), lsp.read_models.status())


@projections.command("check")
@refusals
def check(
    view: Annotated[
        str | None, typer.Argument(help=help_text("One of: {views}; default: all.", views=_VIEWS))
    ] = None,
    store: Store = None,
    output: FormatOption = None,
    as_json: JsonAlias = False,
) -> None:
    """Compare each view with a fresh rebuild from the event log; exit 1 on any drift.

    ``--format csv|json`` lists the drifted rows; the older ``--json`` prints the whole report
    (``clean``, ``views``, ``rows``, ``drift``).
    """
    fmt = chosen(output, as_json=as_json)
    with opened(store, readonly=True) as lsp:
        report = lsp.read_models.check(view)
    drift = drift_rows(report.drift)
    if as_json:
        print_json(
            {"clean": report.clean, "views": report.views, "rows": report.rows, "drift": drift}
        )
    elif fmt is not Format.TABLE or drift:
        emit(
            fmt,
            DRIFT_COLUMNS,
            drift,
            title=t("{drift_count} drifted rows", drift_count=len(drift)),
        )
    else:
        Console().print(
            t(
                "[green]clean[/]: {report_rows} rows equal a rebuild from the log",
                report_rows=report.rows,
            )
        )
    if not report.clean:
        raise typer.Exit(EXIT_FAILED)


@projections.command("catch-up")
@refusals
def catch_up(
    view: Annotated[
        str | None, typer.Argument(help=f"One of: {', '.join(VIEW_NAMES)}; default: all.")
    ] = None,
    store: Store = None,
    quiet: Quiet = False,
) -> None:
    """Apply every event not yet in the views (or in VIEW), then stop.

    Queries read the views as they stand and warn when they lag; this brings them up to date.
    Interrupted, it keeps every whole batch: run it again to finish.
    """
    console = Console()
    with opened(store) as lsp:
        with progress(console, disable=quiet) as bar:
            task = bar.add_task(t("catching up"), total=None)

            def step(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            applied = lsp.read_models.catch_up(view, on_progress=step)
        console.print(t("{applied} events applied.", applied=applied))


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
            console.print(t("{applied} events applied.", applied=applied))
            return
        stop = threading.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stop.set())
        console.print(t("following the event log…"))
        lsp.read_models.follow(stop, poll_interval=poll)


@commands.command()
@refusals
def board(
    store: Store = None,
    scheme: Annotated[str | None, typer.Option(help="Only this scheme code.")] = None,
    output: FormatOption = None,
    as_json: JsonAlias = False,
) -> None:
    """The case board: how many certifications are at each stage, per scheme and session."""
    fmt = chosen(output, as_json=as_json)
    with opened(store, readonly=True) as lsp:
        rows = board_rows(lsp.read_models.stage_counts(scheme_code=scheme), Labels(lsp))
    emit(fmt, BOARD_COLUMNS, rows, title=t("case board"))


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
    output: FormatOption = None,
    as_json: JsonAlias = False,
) -> None:
    """The certificate register: number, holder, scheme, session, status, validity."""
    fmt = chosen(output, as_json=as_json)
    with opened(store, readonly=True) as lsp:
        day = business_day(lsp, today)
        rows = register_rows(
            lsp.read_models.certificate_register(today=day, number=number, status=status),
            Labels(lsp),
        )
    emit(fmt, REGISTER_COLUMNS, rows, title=t("{rows_count} certificates", rows_count=len(rows)))


@commands.command()
@refusals
def deadlines(
    store: Store = None,
    today: Today = None,
    within: Annotated[int, typer.Option(help="Days ahead for expiring certificates.")] = 90,
    output: FormatOption = None,
    as_json: JsonAlias = False,
) -> None:
    """The deadline board: overdue distributions, expiring certificates, appeals awaiting.

    ``--format csv|json`` gives one list with a ``board`` column naming the list of each row;
    the older ``--json`` prints the board as one object with the three lists.
    """
    fmt = chosen(output, as_json=as_json)
    with opened(store, readonly=True) as lsp:
        day = business_day(lsp, today)
        board = lsp.read_models.deadline_board(today=day, expiring_within_days=within)
        if as_json:
            print_json(board.model_dump(mode="json"))
            return
        labels = Labels(lsp)
        lists = [
            (
                t("distributions overdue"),
                deadline_rows("distributions_overdue", board.distributions_overdue, labels),
            ),
            (
                t("expiring within {within} days", within=within),
                deadline_rows("certificates_expiring", board.certificates_expiring, labels),
            ),
            (
                t("appeals awaiting decision"),
                deadline_rows("appeals_awaiting_decision", board.appeals_awaiting_decision, labels),
            ),
        ]
    if fmt is not Format.TABLE:
        emit(fmt, DEADLINE_COLUMNS, [row for _, rows in lists for row in rows], title="")
        return
    console = table_console()
    shown = [c for c in DEADLINE_COLUMNS if c.key != "board"]
    for title, rows in lists:
        console.print(table(f"{title} ({len(rows)})", shown, rows))


@commands.command()
@refusals
def workload(
    store: Store = None,
    day: Annotated[str | None, typer.Option(help="Only this day (YYYY-MM-DD).")] = None,
    output: FormatOption = None,
    as_json: JsonAlias = False,
) -> None:
    """Assessor workload: candidates per assessor per day, and interviews held."""
    fmt = chosen(output, as_json=as_json)
    with opened(store, readonly=True) as lsp:
        wanted = None if day is None else parse_day(day)
        rows = workload_rows(lsp.read_models.assessor_workload(day=wanted), Labels(lsp))
    emit(fmt, WORKLOAD_COLUMNS, rows, title=t("assessor workload"))
