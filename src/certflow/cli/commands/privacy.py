"""Personal data (UU PDP): ``erase``."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

import typer
from rich.console import Console

from certflow.application import DEFAULT_STORE
from certflow.cli.app import Store, opened, refusals
from certflow.cli.console import t
from certflow.domain import Role
from certflow.engine import Actor, InvalidInputError

__all__ = ["commands", "erase"]

commands = typer.Typer()


@commands.command()
@refusals
def erase(
    subject: Annotated[str, typer.Argument(help="The subject id (certflow show prints it).")],
    reason: Annotated[str, typer.Option(help="The request, as the subject made it.")],
    actor: Annotated[
        str,
        typer.Option(
            envvar="CERTFLOW_ACTOR",
            help="Who carries it out: a person id in the personnel register (e.g. dpo-01).",
        ),
    ],
    role: Annotated[
        Role, typer.Option(help="The role --actor acts in (appointed in the register).")
    ] = Role.DATA_PROTECTION_OFFICER,
    store: Store = DEFAULT_STORE,
) -> None:
    """Erase a data subject's personal data (UU PDP); histories and certificates remain."""
    with opened(store) as lsp:
        subject_id = _subject_id(subject)
        lsp.erase_personal_data(subject_id, reason=reason, actor=Actor(actor, role))
        Console().print(t("data pribadi dihapus", "personal data erased"))


def _subject_id(text: str) -> UUID:
    try:
        return UUID(text.strip())
    except ValueError:
        raise InvalidInputError([f"{text!r} is not a subject id"]) from None
