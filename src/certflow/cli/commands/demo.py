"""``certflow demo``: run the Humas Polri 2024 certification into a store."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from certflow.cli import render
from certflow.cli.app import Quiet, Store, opened, refusals
from certflow.cli.console import progress
from certflow.demo import run_demo

__all__ = ["commands", "demo"]

commands = typer.Typer()


@commands.command()
@refusals
def demo(
    store: Store = None,
    seed: Annotated[int, typer.Option(help="Picks the fictitious names and BK units.")] = 2024,
    quiet: Quiet = False,
) -> None:
    """Run the November 2024 Humas Polri certification into the store (safe to repeat)."""
    console = Console()
    with opened(store, create=True) as lsp:
        with progress(console, disable=quiet) as bar:
            task = bar.add_task("certifying", total=None)

            def step(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            report = run_demo(lsp, seed=seed, on_progress=step)
        render.demo_summary(console, report, lsp.store.display)
