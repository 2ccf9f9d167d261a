"""The personnel register: ``staff init | appoint | end | declare | list | show``.

Who acts is named with ``--by`` (or the ``CERTFLOW_ACTOR`` environment variable): a person id in
the register, checked by certflow like every other command's actor. The command line itself
authenticates nobody; see docs/security.md.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated
from uuid import UUID

import typer
from rich.console import Console

from certflow.application import CertificationBody, StaffMember
from certflow.cli import render
from certflow.cli.acting import who_acts
from certflow.cli.app import (
    ActorId,
    JsonFlag,
    Store,
    business_day,
    opened,
    parse_day,
    refusals,
)
from certflow.cli.console import escape, print_json, t
from certflow.cli.formats import FormatOption, JsonAlias, chosen
from certflow.cli.labels import Labels
from certflow.cli.render.tables import Format, emit
from certflow.domain import Relation, Role, is_canonical_person_id
from certflow.engine import (
    Actor,
    InvalidInputError,
    NotAuthorizedError,
    NotFoundError,
    RejectedError,
    Text,
)

__all__ = ["appoint", "commands", "declare", "end", "init", "list_", "show"]

commands = typer.Typer(
    name="staff",
    help="The personnel register: who may act for the LSP, under which appointment.",
    no_args_is_help=True,
)

PersonId = Annotated[
    str, typer.Argument(help="A person id in the register (lower case, e.g. lsp-admin-01).")
]
Basis = Annotated[str, typer.Option(help="The decree or letter (SK) it rests on.")]
OnDay = Annotated[
    str | None, typer.Option("--on", help="As of this day (YYYY-MM-DD); default: today.")
]


@commands.command()
@refusals
def init(
    head: Annotated[str, typer.Argument(help="The person id of the first head of the LSP.")],
    basis: Basis,
    store: Store = None,
) -> None:
    """Found the register: HEAD becomes the first head of the LSP (the root of trust, once)."""
    with opened(store) as lsp:
        founder = lsp.register_head()
        if founder is not None:  # say who holds the root of trust, not only that it exists
            raise RejectedError(
                Text(
                    "P1: the personnel register was founded already, by head of the "
                    "LSP {founder}; a head of the LSP appoints others with `certflow "
                    "staff appoint`",
                    founder=founder,
                ),
                ("P1",),
            )
        made = lsp.establish_register(head=head, basis=basis)
    Console().print(
        t(
            "personnel register founded: {head} head of the LSP ({made}); "
            "certflow's sweep appointed as system",
            head=escape(head),
            made=escape(made),
        )
    )


@commands.command()
@refusals
def appoint(
    person: PersonId,
    role: Annotated[Role, typer.Option(help="The role held by appointment.")],
    basis: Basis,
    by: ActorId = None,
    scheme: Annotated[
        list[str] | None,
        typer.Option(help="Limit it to this scheme code (repeat for more); default: all."),
    ] = None,
    valid_from: Annotated[
        str | None, typer.Option("--from", help="First day it covers (default: today).")
    ] = None,
    valid_until: Annotated[
        str | None, typer.Option("--until", help="Last day it covers (default: open-ended).")
    ] = None,
    store: Store = None,
) -> None:
    """Appoint PERSON to ROLE (by a head of the LSP); enters them in the register if new."""
    start = parse_day(valid_from) if valid_from else None
    until = parse_day(valid_until) if valid_until else None
    with opened(store) as lsp:
        made = lsp.appoint(
            person,
            role=role,
            basis=basis,
            scheme_codes=scheme or (),
            valid_from=start,
            valid_until=until,
            actor=Actor(who_acts(by), Role.HEAD_OF_LSP),
        )
    Console().print(f"{t('appointed')}: {escape(made)} ({role.value})")


@commands.command()
@refusals
def end(
    appointment: Annotated[
        str, typer.Argument(help="The appointment id, <person id>#<n> (staff show lists them).")
    ],
    reason: Annotated[str, typer.Option(help="Why it ends.")],
    by: ActorId = None,
    on: Annotated[
        str | None,
        typer.Option("--on", help="First day it no longer covers (default: today)."),
    ] = None,
    store: Store = None,
) -> None:
    """End an appointment (by a head of the LSP); the last head of the LSP cannot be ended."""
    person, sep, _ = appointment.strip().partition("#")
    if not sep:
        raise InvalidInputError(
            [
                Text(
                    "{appointment!r} is not an appointment id (<person id>#<n>, e.g. "
                    "lsp-admin-01#1)",
                    appointment=appointment,
                )
            ],
            ("P2",),
        )
    day = parse_day(on) if on else None
    with opened(store) as lsp:
        lsp.end_appointment(
            person,
            appointment_id=appointment,
            reason=reason,
            ended_on=day,
            actor=Actor(who_acts(by), Role.HEAD_OF_LSP),
        )
    Console().print(f"{t('appointment ended')}: {escape(appointment)}")


@commands.command()
@refusals
def declare(
    person: PersonId,
    relation: Annotated[Relation, typer.Option(help="What PERSON is to the candidate or body.")],
    by: ActorId = None,
    candidate: Annotated[
        str | None, typer.Option(help="The candidate's subject id (certflow show prints it).")
    ] = None,
    organisation: Annotated[
        str | None, typer.Option(help="Or an organisation, e.g. 'Polda Papua'.")
    ] = None,
    since: Annotated[str | None, typer.Option(help="Since when (default: today).")] = None,
    note: Annotated[str, typer.Option(help="Anything the declaration should say.")] = "",
    role: Annotated[
        Role | None,
        typer.Option(help="The role --by acts in (default: their first appointment in force)."),
    ] = None,
    store: Store = None,
) -> None:
    """Record that PERSON is related to, trained or supervises a candidate or organisation."""
    subject = _subject_id(candidate) if candidate else None
    day = parse_day(since) if since else None
    person_acting = who_acts(by)
    with opened(store) as lsp:
        acting = role or _role_of(lsp, person_acting)
        made = lsp.declare_interest(
            person,
            relation=relation,
            subject_id=subject,
            organisation=organisation or "",
            since=day,
            note=note,
            actor=Actor(person_acting, acting),
        )
    Console().print(f"{t('declaration recorded')}: {escape(made)}")


@commands.command("list")
@refusals
def list_(
    on: OnDay = None,
    store: Store = None,
    output: FormatOption = None,
    as_json: JsonAlias = False,
) -> None:
    """Everyone in the register, with the appointments in force on a day.

    The older ``--json`` prints each person's full record (as ``staff show --json``).
    """
    fmt = chosen(output, as_json=as_json)
    with opened(store, readonly=True) as lsp:
        day = business_day(lsp, on)
        members = lsp.list_staff(on=day)
        founded = lsp.register_established()
        rows = render.staff_rows(members, Labels(lsp))
    if as_json:
        print_json([render.staff_json(m) for m in members])
        return
    emit(fmt, render.STAFF_COLUMNS, rows, title=render.staff_title(day))
    if fmt is Format.TABLE:
        Console().print(f"{len(members)} {t('people')}")
    if not founded:
        Console(stderr=True).print(
            t(
                "this store has no personnel register yet; the head of the LSP "
                "founds it with `certflow staff init`",
            )
        )


@commands.command()
@refusals
def show(
    person: Annotated[str, typer.Argument(help="A person id in the register, or a MET number.")],
    on: OnDay = None,
    store: Store = None,
    as_json: JsonFlag = False,
) -> None:
    """One person: appointments in force and ended, declarations, MET number."""
    with opened(store, readonly=True) as lsp:
        day = business_day(lsp, on)
        member = _member(lsp, person, day)
    if as_json:
        print_json(render.staff_json(member))
    else:
        render.person_record(Console(), member, day)


def _member(lsp: CertificationBody, person: str, day: date) -> StaffMember:
    """The person, or *not found* (exit 4) for a well-spelt id the register does not hold."""
    try:
        return lsp.get_person(person, on=day)
    except NotAuthorizedError:
        if is_canonical_person_id(person):
            raise NotFoundError("person", person) from None
        raise


def _role_of(lsp: CertificationBody, person: str) -> Role:
    """The role ``person`` declares in when ``--role`` is not given: their first in force."""
    try:
        member = lsp.get_person(person)
    except (NotFoundError, NotAuthorizedError):
        return Role.LSP_ADMIN  # the gate refuses it with the rule and what to do
    if member.in_force:
        return member.in_force[0].role
    return Role.ASSESSOR if member.met_number else Role.LSP_ADMIN


def _subject_id(text: str) -> UUID:
    try:
        return UUID(text.strip())
    except ValueError:
        raise InvalidInputError(
            [Text("{text!r} is not a subject id", text=text)],
            ("R11",),
        ) from None
