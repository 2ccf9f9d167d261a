"""Time's moves: ``sweep`` records what is due, ``overdue`` lists what is late."""

from __future__ import annotations

from typing import Annotated

import typer

from certflow.cli import render
from certflow.cli.app import Store, Today, end_of_day, opened, parse_day, refusals
from certflow.cli.console import t
from certflow.cli.formats import FormatOption, JsonAlias, chosen
from certflow.cli.labels import Labels
from certflow.cli.render.boards import OVERDUE_COLUMNS, SWEEP_COLUMNS, overdue_rows, sweep_rows
from certflow.cli.render.protection import BREACH_COLUMNS, breach_rows, breach_title
from certflow.cli.render.tables import Format, emit, table, table_console

__all__ = ["commands", "overdue", "sweep"]

commands = typer.Typer()


@commands.command()
@refusals
def sweep(
    store: Store = None,
    at: Annotated[
        str | None, typer.Option(help="Sweep as of this day (YYYY-MM-DD); default: now.")
    ] = None,
    output: FormatOption = None,
) -> None:
    """Record the moves time has made due: appeal windows closed, expiries, revocations.

    ``--format csv|json`` lists the moves recorded, one per row.
    """
    fmt = chosen(output)
    with opened(store) as lsp:
        report = lsp.sweep(at=None if at is None else end_of_day(at))
        rows = sweep_rows(report.moves, Labels(lsp))
    if fmt is Format.TABLE:
        render.sweep(table_console(), rows)
    else:
        emit(fmt, SWEEP_COLUMNS, rows, title="")


@commands.command()
@refusals
def overdue(
    store: Store = None,
    today: Today = None,
    output: FormatOption = None,
    as_json: JsonAlias = False,
) -> None:
    """List every deadline that is not met and past its due date (and breaches not notified).

    ``--format csv|json`` lists the deadlines only; ``breach list --overdue`` lists the breaches.
    """
    fmt = chosen(output, as_json=as_json)
    with opened(store, readonly=True) as lsp:
        items = lsp.overdue(today=None if today is None else parse_day(today))
        rows = overdue_rows(items, Labels(lsp))
        late = [] if fmt is not Format.TABLE else lsp.breaches(overdue_only=True)
    title = t("{items_count} overdue deadlines", items_count=len(items))
    emit(fmt, OVERDUE_COLUMNS, rows, title=title)
    if late:  # R63: breaches not notified within 72 h
        table_console().print(table(breach_title(late), BREACH_COLUMNS, breach_rows(late)))
