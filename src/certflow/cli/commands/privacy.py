"""Personal data (UU PDP): ``erase``, and ``erase --finish`` for an erasure left pending."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

import typer
from rich.console import Console

from certflow.application import ErasureReport
from certflow.cli.acting import As, acting, who_acts
from certflow.cli.app import EXIT_PENDING, Store, opened, refusals
from certflow.cli.console import escape, t
from certflow.engine import InvalidInputError, Text

__all__ = ["commands", "erase"]

commands = typer.Typer()


@commands.command()
@refusals
def erase(
    subject: Annotated[
        str | None,
        typer.Argument(help="The subject id (certflow show prints it); none with --finish."),
    ] = None,
    reason: Annotated[str | None, typer.Option(help="The request, as the subject made it.")] = None,
    actor: As = None,
    finish: Annotated[
        bool,
        typer.Option(
            "--finish",
            help="Finish pending erasures (records nothing): exit 0 once the bytes are gone.",
        ),
    ] = False,
    store: Store = None,
) -> None:
    """Erase a data subject's personal data (UU PDP); histories and certificates remain.

    Exits 7 while the erased bytes may remain in the store's files or pages (another
    connection holds old pages): close it, then run ``certflow erase --finish``.
    """
    if finish:
        if subject is not None or reason is not None:
            raise InvalidInputError([Text("--finish takes no subject and no --reason")])
        with opened(store) as lsp:
            _report(lsp.finish_erasures())
        return
    try:
        person: str | None = who_acts(actor)
    except InvalidInputError:
        person = None
    if subject is None or reason is None or person is None:
        given = {"SUBJECT": subject, "--reason": reason, "--as": person}
        needed = ", ".join(name for name, value in given.items() if value is None)
        raise InvalidInputError([Text("erase needs {needed} (or --finish)", needed=needed)])
    with opened(store) as lsp:
        subject_id = _subject_id(subject)
        report = lsp.erase_personal_data(
            subject_id, reason=reason, actor=acting(lsp, person, "erase_personal_data")
        )
        Console().print(t("personal data erased"))
        _report(report)


def _report(report: ErasureReport) -> None:
    """Print the outcome; exit 7 while bytes may remain."""
    if report.physical:
        Console().print(escape(report.advice().render()))
        return
    err = Console(stderr=True)
    err.print(escape(report.advice().render()))
    for where in report.remains:
        err.print(f"- {escape(where.render())}")
    ids = ", ".join(str(s) for s in report.subject_ids)
    err.print(escape(t("pending: {ids}", ids=ids)))
    raise typer.Exit(EXIT_PENDING)


def _subject_id(text: str) -> UUID:
    try:
        return UUID(text.strip())
    except ValueError:
        raise InvalidInputError([Text("{text!r} is not a subject id", text=text)]) from None
