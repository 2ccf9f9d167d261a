"""Time's moves: ``sweep`` records what is due, ``overdue`` lists what is late."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from certflow.cli import render
from certflow.cli.app import JsonFlag, Store, Today, end_of_day, opened, parse_day, refusals
from certflow.cli.console import print_json
from certflow.cli.render.protection import breach_table

__all__ = ["commands", "overdue", "sweep"]

commands = typer.Typer()


@commands.command()
@refusals
def sweep(
    store: Store = None,
    at: Annotated[
        str | None, typer.Option(help="Sweep as of this day (YYYY-MM-DD); default: now.")
    ] = None,
) -> None:
    """Record the moves time has made due: appeal windows closed, expiries, revocations."""
    with opened(store) as lsp:
        report = lsp.sweep(at=None if at is None else end_of_day(at))
        render.sweep(Console(), report)


@commands.command()
@refusals
def overdue(
    store: Store = None,
    today: Today = None,
    as_json: JsonFlag = False,
) -> None:
    """List every deadline that is not met and past its due date (and breaches not notified)."""
    with opened(store, readonly=True) as lsp:
        items = lsp.overdue(today=None if today is None else parse_day(today))
        if as_json:
            print_json([i.model_dump(mode="json") for i in items])
        else:
            render.overdue(Console(), items)
            late = lsp.breaches(overdue_only=True)  # R63: breaches not notified within 72 h
            if late:
                breach_table(Console(), late)
