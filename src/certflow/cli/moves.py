"""The ``certflow case`` group and the way each of its commands makes one move on many cases.

A case command takes one or more cases (ids or certificate numbers) and makes the same move on
each, in the order given, as the person ``--as`` names (their role from the register) at
``--at``. Each move is one library call, checked and recorded on its own: the first refusal
stops the command (exit 3), and the cases before it stay recorded, each printed as it is done.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

import typer
from rich.console import Console

from certflow.application import CertificationBody, CertificationView
from certflow.cli import lookup
from certflow.cli.acting import acting, record_at
from certflow.cli.app import opened
from certflow.cli.console import escape
from certflow.engine import Actor, Text

__all__ = ["CASES", "Cases", "label", "on_cases"]

CASES = typer.Typer(
    name="case",
    help="Every move of a certification, from registration to revocation, as a person "
    "in the register (--as).",
    no_args_is_help=True,
)

Cases = Annotated[
    list[str], typer.Argument(help="One or more certification ids or certificate numbers.")
]

Move = Callable[[CertificationBody, CertificationView, Actor], object]
"""Makes the move on one case as the actor; what it returns is printed after the case."""


def label(view: CertificationView) -> str:
    """How a case is named in output: its certificate number, else its id."""
    return view.certificate_number or str(view.id)


def on_cases(
    store: str | None,
    who: str | None,
    at: str | None,
    keys: list[str],
    trigger: str,
    done: Text,
    move: Move,
) -> None:
    """Make ``move`` (the facade's ``trigger``) on each case, printing ``done`` for each."""
    console = Console()
    with opened(store) as lsp:
        record_at(lsp, at)
        actors: dict[str, Actor] = {}
        for key in keys:
            view = lookup.case(lsp, key)
            actor = actors.get(view.scheme_code)
            if actor is None:
                actor = actors[view.scheme_code] = acting(
                    lsp, who, trigger, scheme=view.scheme_code
                )
            result = move(lsp, view, actor)
            extra = f" {escape(str(result))}" if isinstance(result, str) else ""
            console.print(f"{done}: {escape(label(view))}{extra}")
