"""Data-protection duties (UU PDP): ``correct``, ``disclosure``, ``breach`` and ``retention``.

- ``correct SUBJECT --set name=... --reason ...`` records a correction (R61; the values go to
  the subject store, the event names the fields);
- ``disclosure record|withdraw`` a sponsor's consent or legal basis for a session (R62);
- ``breach record|notify|list`` a breach and its 72-hour notification (R63; ``sweep`` records
  a missed one, ``overdue`` lists it);
- ``retention list|destroy`` the retention schedule and destruction at its end (R60).

Who acts is named with ``--by`` (or ``CERTFLOW_ACTOR``): a person in the personnel register,
acting in the role their appointments give them for the move (never one named on the command
line), checked like every other command.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

import typer
from rich.console import Console

from certflow.application import RetentionPolicy
from certflow.cli import profile as profiles
from certflow.cli.acting import acting
from certflow.cli.app import (
    EXIT_PENDING,
    ActorId,
    Store,
    Today,
    business_day,
    opened,
    refusals,
)
from certflow.cli.console import escape, help_text, t
from certflow.cli.formats import FormatOption, JsonAlias, chosen
from certflow.cli.labels import Labels
from certflow.cli.render.protection import (
    BREACH_COLUMNS,
    CORRECTION_COLUMNS,
    RETENTION_COLUMNS,
    breach_rows,
    breach_title,
    correction_rows,
    retention_rows,
)
from certflow.cli.render.tables import emit
from certflow.domain import CORRECTABLE_FIELDS, LegalBasis
from certflow.engine import InvalidInputError, Text

__all__ = ["breach", "commands", "correct", "disclosure", "retention"]

commands = typer.Typer()
disclosure = typer.Typer(
    name="disclosure",
    help="Consent or legal bases for a sponsor to see a session's results (R62).",
    no_args_is_help=True,
)
breach = typer.Typer(
    name="breach",
    help="Personal-data breaches and their 72-hour notification (R63).",
    no_args_is_help=True,
)
retention = typer.Typer(
    name="retention",
    help="The retention schedule and destruction at the end of the cycle (R60).",
    no_args_is_help=True,
)

MinRetention = Annotated[
    int | None,
    typer.Option(
        help="Show the schedule as if BK, rejected or withdrawn candidates' records were kept "
        "this many months (what if; destruction always follows the profile's "
        "retention_months, default 36).",
        min=1,
        max=240,
    ),
]


def _subject(text: str) -> UUID:
    try:
        return UUID(text.strip())
    except ValueError:
        raise InvalidInputError([Text("{text!r} is not a subject id", text=text)]) from None


# -- correct (R61) -------------------------------------------------------------------------------


@commands.command()
@refusals
def correct(
    subject: Annotated[str, typer.Argument(help="The subject id (certflow show prints it).")],
    by: ActorId = None,
    set_: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            help=help_text(
                "FIELD=VALUE, repeatable; fields: {fields}.", fields=", ".join(CORRECTABLE_FIELDS)
            ),
        ),
    ] = None,
    reason: Annotated[str, typer.Option(help="Why, without personal data.")] = "",
    list_: Annotated[
        bool, typer.Option("--list", help="List the subject's corrections instead.")
    ] = False,
    output: FormatOption = None,
    store: Store = None,
) -> None:
    """Correct a subject's personal data (R61): an event names the fields, views read the new.

    ``--list`` lists the corrections (``--format table|csv|json``).
    """
    fmt = chosen(output)
    with opened(store, readonly=list_) as lsp:
        subject_id = _subject(subject)
        if list_:
            title = t("Personal-data corrections (R61)")
            emit(fmt, CORRECTION_COLUMNS, correction_rows(lsp.corrections(subject_id)), title=title)
            return
        if not set_:
            raise InvalidInputError([Text("correct needs at least one --set FIELD=VALUE")])
        changes: dict[str, str | None] = {}
        for item in set_:
            field, sep, value = item.partition("=")
            if not sep:
                raise InvalidInputError(
                    [Text("{item!r} is not FIELD=VALUE", item=item)],
                    ("R61",),
                )
            changes[field.strip()] = value.strip() or None
        view = lsp.correct_personal_data(
            subject_id,
            changes=changes,
            reason=reason,
            actor=acting(lsp, by, "correct_personal_data"),
        )
    fields = ", ".join(view.fields)
    Console().print(
        escape(t("correction #{view_number}: {fields}", view_number=view.number, fields=fields))
    )


# -- disclosure (R62) ------------------------------------------------------------------------------


@disclosure.command("record")
@refusals
def disclosure_record(
    session: Annotated[str, typer.Option("--session", help="The session code.")],
    basis: Annotated[LegalBasis, typer.Option(help="The lawful basis (UU PDP Pasal 20).")],
    reference: Annotated[
        str, typer.Option(help="The document it rests on (consent form, agreement, letter).")
    ],
    by: ActorId = None,
    recipient: Annotated[str, typer.Option(help="Who may see the results.")] = "divhumas",
    store: Store = None,
) -> None:
    """Record a consent or legal basis for the sponsor to see a session's results (R62)."""
    with opened(store) as lsp:
        lsp.record_disclosure_basis(
            recipient=recipient,
            basis=basis,
            session_code=session,
            reference=reference,
            actor=acting(lsp, by, "record_disclosure_basis"),
        )
    Console().print(
        escape(
            t(
                "disclosure basis recorded: {recipient}, {session}, {basis_value}",
                recipient=recipient,
                session=session,
                basis_value=basis.value,
            )
        )
    )


@disclosure.command("withdraw")
@refusals
def disclosure_withdraw(
    session: Annotated[str, typer.Option("--session", help="The session code.")],
    reason: Annotated[str, typer.Option(help="Why (consent withdrawn, agreement ended).")],
    by: ActorId = None,
    recipient: Annotated[str, typer.Option(help="Whose basis.")] = "divhumas",
    store: Store = None,
) -> None:
    """Withdraw a basis: the sponsor's view is refused from now on (R62)."""
    with opened(store) as lsp:
        lsp.withdraw_disclosure_basis(
            recipient=recipient,
            session_code=session,
            reason=reason,
            actor=acting(lsp, by, "withdraw_disclosure_basis"),
        )
    Console().print(t("disclosure basis withdrawn"))


# -- breach (R63) ----------------------------------------------------------------------------------


@breach.command("record")
@refusals
def breach_record(
    code: Annotated[str, typer.Argument(help="The breach's code, e.g. BR-2024-01.")],
    nature: Annotated[str, typer.Option(help="What happened, without personal data.")],
    subjects: Annotated[int, typer.Option(help="How many data subjects are affected.")],
    by: ActorId = None,
    discovered: Annotated[
        str | None,
        typer.Option(
            help="When it was discovered (YYYY-MM-DDTHH:MM, the LSP's time); default now."
        ),
    ] = None,
    store: Store = None,
) -> None:
    """Record a breach, discovered by the data protection officer; notify within 72 hours."""
    with opened(store) as lsp:
        found = lsp.record_breach(
            code,
            nature=nature,
            subjects_affected=subjects,
            discovered_at=None if discovered is None else _moment(discovered),
            actor=acting(lsp, by, "record_breach"),
        )
    due = found.notify_by.isoformat(timespec="minutes")
    Console().print(
        escape(
            t(
                "breach {found_code} recorded; notify the subjects and the "
                "authority by {due} (R63)",
                found_code=found.code,
                due=due,
            )
        )
    )


@breach.command("notify")
@refusals
def breach_notify(
    code: Annotated[str, typer.Argument(help="The breach's code.")],
    by: ActorId = None,
    store: Store = None,
) -> None:
    """Record that the subjects and the authority were notified in writing (R63)."""
    with opened(store) as lsp:
        found = lsp.notify_breach(code, actor=acting(lsp, by, "notify_breach"))
    late = found.notified_at is not None and found.notified_at > found.notify_by
    note = t(" (late)") if late else ""
    Console().print(t("notification recorded{note}", note=note))


@breach.command("list")
@refusals
def breach_list(
    overdue: Annotated[
        bool, typer.Option("--overdue", help="Only those not notified in time.")
    ] = False,
    output: FormatOption = None,
    as_json: JsonAlias = False,
    store: Store = None,
) -> None:
    """List recorded breaches, earliest notification deadline first."""
    fmt = chosen(output, as_json=as_json)
    with opened(store, readonly=True) as lsp:
        items = lsp.breaches(overdue_only=overdue)
    emit(fmt, BREACH_COLUMNS, breach_rows(items), title=breach_title(items))


def _moment(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInputError(
            [Text("{text!r} is not a time (YYYY-MM-DDTHH:MM)", text=text)],
            ("R63",),
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=profiles.zone())


# -- retention (R60) -------------------------------------------------------------------------------


@retention.command("list")
@refusals
def retention_list(
    today: Today = None,
    min_retention_months: MinRetention = None,
    output: FormatOption = None,
    as_json: JsonAlias = False,
    store: Store = None,
) -> None:
    """When each candidate's personal data may be destroyed (end of the cycle, R60)."""
    policy = (
        profiles.retention()
        if min_retention_months is None
        else RetentionPolicy(min_retention_months=min_retention_months)
    )
    fmt = chosen(output, as_json=as_json)
    with opened(store, readonly=True) as lsp:
        items = lsp.retention_schedule(today=business_day(lsp, today), policy=policy)
        rows = retention_rows(items, Labels(lsp))
    title = t("Retention schedule (R60)")
    emit(fmt, RETENTION_COLUMNS, rows, title=title)


@retention.command("destroy")
@refusals
def retention_destroy(
    by: ActorId = None,
    subject: Annotated[
        str | None, typer.Argument(help="One subject id; none: every one whose retention ended.")
    ] = None,
    store: Store = None,
) -> None:
    """Destroy personal data at the end of retention, recorded (R60; refused before it).

    Destroys only under the LSP's retention schedule (the profile's ``retention_months``).
    Exits 7 while destroyed bytes may remain in the store (finish with ``erase --finish``).
    """
    with opened(store) as lsp:
        actor = acting(lsp, by, "destroy_personal_data")
        if subject is None:
            done = lsp.destroy_expired_personal_data(actor=actor)
            report = lsp.finish_erasures()
        else:
            done = [_subject(subject)]
            report = lsp.destroy_personal_data(done[0], actor=actor)
    Console().print(t("{done_count} subject(s) destroyed (R60)", done_count=len(done)))
    if not report.physical:
        Console(stderr=True).print(escape(report.advice().render()))
        raise typer.Exit(EXIT_PENDING)
