"""``certflow complaint``: receive, acknowledge, investigate and resolve complaints (R53).

Who acts is named with ``--as`` (the role comes from the personnel register), when with ``--at``.
A complaint is named by the id ``complaint file`` prints (``complaint list`` shows them all).
"""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

import typer
from rich.console import Console

from certflow.cli import lookup, render
from certflow.cli.acting import As, At, acting, assessor_key, record_at
from certflow.cli.app import Store, opened, parse_day, refusals
from certflow.cli.console import t
from certflow.cli.formats import FormatOption, JsonAlias, chosen
from certflow.cli.labels import Labels
from certflow.cli.render.tables import Format, emit
from certflow.domain import ComplaintOutcome, ComplaintSubject
from certflow.engine import InvalidInputError

__all__ = ["commands"]

commands = typer.Typer(
    name="complaint", help="Complaints about the LSP, an assessor or a holder (R53).",
    no_args_is_help=True,
)  # fmt: skip

ComplaintId = Annotated[str, typer.Argument(help="The complaint's id (complaint list).")]


def _complaint_id(text: str) -> UUID:
    try:
        return UUID(text.strip())
    except ValueError:
        raise InvalidInputError(
            [t("{text!r} is not a complaint id", text=text)], ("R53",)
        ) from None


@commands.command("file")
@refusals
def file_(
    about: Annotated[ComplaintSubject, typer.Option(help="What it is about.")],
    summary: Annotated[str, typer.Option(help="What happened (no personal data).")],
    who: As = None,
    assessor: Annotated[
        str | None, typer.Option(help="The assessor it is about: MET number, id or name.")
    ] = None,
    case: Annotated[
        str | None, typer.Option(help="The certification it is about: id or number.")
    ] = None,
    at: At = None,
    store: Store = None,
) -> None:
    """Receive a complaint (staff for the complainant, or a candidate for themself)."""
    with opened(store) as lsp:
        record_at(lsp, at)
        certification = lookup.case(lsp, case) if case else None
        actor = acting(lsp, who, "file_complaint")
        made = lsp.file_complaint(
            about=about,
            summary=summary,
            assessor_id=assessor_key(lsp, assessor) if assessor else None,
            certification_id=certification.id if certification else None,
            complainant=UUID(actor.id) if actor.role == "candidate" else None,
            actor=actor,
        )
    Console().print(f"{t('complaint received')}: {made}")


@commands.command()
@refusals
def acknowledge(complaint: ComplaintId, who: As = None, at: At = None, store: Store = None) -> None:
    """Acknowledge a complaint to the complainant (within the deadline, R53)."""
    found = _complaint_id(complaint)
    with opened(store) as lsp:
        record_at(lsp, at)
        lsp.acknowledge_complaint(found, actor=acting(lsp, who, "acknowledge_complaint"))
    Console().print(f"{t('complaint acknowledged')}: {found}")


@commands.command()
@refusals
def assign(
    complaint: ComplaintId,
    investigator: Annotated[str, typer.Option(help="The person id who investigates.")],
    who: As = None,
    at: At = None,
    store: Store = None,
) -> None:
    """Assign an uninvolved, appointed person to investigate."""
    found = _complaint_id(complaint)
    with opened(store) as lsp:
        record_at(lsp, at)
        lsp.assign_investigator(
            found, investigator=investigator, actor=acting(lsp, who, "assign_investigator")
        )
    Console().print(f"{t('investigator assigned')}: {found}")


@commands.command()
@refusals
def resolve(
    complaint: ComplaintId,
    outcome: Annotated[ComplaintOutcome, typer.Option(help="What the investigation found.")],
    findings: Annotated[str, typer.Option(help="The findings.")],
    who: As = None,
    action: Annotated[list[str] | None, typer.Option(help="An action taken (repeat).")] = None,
    at: At = None,
    store: Store = None,
) -> None:
    """The investigator resolves the complaint: outcome, findings, actions."""
    found = _complaint_id(complaint)
    with opened(store) as lsp:
        record_at(lsp, at)
        lsp.resolve_complaint(
            found,
            outcome=outcome,
            findings=findings,
            actions=action or (),
            actor=acting(lsp, who, "resolve_complaint"),
        )
    Console().print(f"{t('complaint resolved')}: {found}")


@commands.command()
@refusals
def withdraw(
    complaint: ComplaintId,
    reason: Annotated[str, typer.Option(help="Why it is withdrawn.")],
    who: As = None,
    at: At = None,
    store: Store = None,
) -> None:
    """Withdraw a complaint before it is resolved."""
    found = _complaint_id(complaint)
    with opened(store) as lsp:
        record_at(lsp, at)
        lsp.withdraw_complaint(found, reason=reason, actor=acting(lsp, who, "withdraw_complaint"))
    Console().print(f"{t('complaint withdrawn')}: {found}")


@commands.command()
@refusals
def suspend(
    complaint: ComplaintId,
    grounds: Annotated[str, typer.Option(help="The grounds for suspension (R44).")],
    resolve_by: Annotated[str, typer.Option(help="The day it must be resolved by.")],
    who: As = None,
    at: At = None,
    store: Store = None,
) -> None:
    """Suspend the certification a substantiated complaint concerns (R44, R53)."""
    found = _complaint_id(complaint)
    day = parse_day(resolve_by)
    with opened(store) as lsp:
        record_at(lsp, at)
        lsp.suspend_on_complaint(
            found, grounds=grounds, resolve_by=day, actor=acting(lsp, who, "suspend")
        )
    Console().print(f"{t('suspended on the complaint')}: {found}")


@commands.command("list")
@refusals
def list_(
    open_only: Annotated[bool, typer.Option("--open", help="Only those being handled.")] = False,
    store: Store = None,
    output: FormatOption = None,
    as_json: JsonAlias = False,
) -> None:
    """Every complaint, oldest first: stage, subject, deadlines, outcome."""
    fmt = chosen(output, as_json=as_json)
    with opened(store, readonly=True) as lsp:
        found = lsp.list_complaints(open_only=open_only)
        rows = render.complaint_rows(found, Labels(lsp))
    if fmt is Format.TABLE and not rows:
        Console().print(t("no complaints"))
        return
    emit(fmt, render.COMPLAINT_COLUMNS, rows, title=t("Complaints"))
