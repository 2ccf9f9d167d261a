"""Who acts and when, for the workflow commands: ``--as PERSON`` and ``--at TIME``.

``--as`` names a person as the store records them, never a role: a person id in the personnel
register (``lsp-admin-01``), an assessor's MET number, register id or name as added, or a
candidate's subject id or NIK. :func:`acting` finds the person and, among the roles their
appointments in force give them on the business day (an assessor's licence, a candidate's own
case), the one the move allows; the trust gate then checks that appointment as it checks every
library call. ``--at`` enters a move made earlier (on paper) at the time it was made; a time
still to come is refused, and every event keeps the store's own record of when it was entered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Annotated
from uuid import UUID

import typer

from certflow.application import CertificationBody, acting_roles, actor_for
from certflow.cli import profile as profiles
from certflow.cli.console import t
from certflow.domain import is_canonical_person_id
from certflow.engine import (
    Actor,
    FixedClock,
    InvalidInputError,
    NotAuthorizedError,
    NotFoundError,
    Text,
)

__all__ = [
    "As",
    "At",
    "GlobalAs",
    "acting",
    "assessor_key",
    "choose",
    "record_at",
    "subject_key",
    "who_acts",
]

GlobalAs = Annotated[
    str | None,
    typer.Option(
        "--as",
        envvar="CERTFLOW_ACTOR",
        help="Who acts in the command that follows, unless it names someone with its own --as: "
        "a person id in the personnel register, an assessor's MET number or name, or a "
        "candidate's subject id or NIK.",
        show_default=False,
    ),
]
As = Annotated[
    str | None,
    typer.Option(
        "--as",
        "--actor",
        help="Who acts: a person id in the personnel register, an assessor's MET number or "
        "name, or a candidate's subject id or NIK; the role comes from their appointments. "
        "Default: certflow --as / CERTFLOW_ACTOR. (--actor is the old name.)",
        show_default=False,
    ),
]


@dataclass
class _Chosen:
    person: str | None = None


_chosen = _Chosen()


def choose(person: str | None) -> None:
    """Who acts when a command names nobody (``certflow --as`` or ``CERTFLOW_ACTOR``)."""
    _chosen.person = person.strip() if person and person.strip() else None


def who_acts(given: str | None) -> str:
    """The person a command acts as: its own ``--as``, else the global one.

    Raises:
        InvalidInputError: neither names anyone.
    """
    person = given.strip() if given and given.strip() else _chosen.person
    if person is None:
        raise InvalidInputError(
            [
                t(
                    "name who acts: --as PERSON (a person id in the register, an "
                    "assessor's MET number or name, a candidate's subject id or "
                    "NIK), or set CERTFLOW_ACTOR",
                )
            ],
            ("P1",),
        )
    return person


At = Annotated[
    str | None,
    typer.Option(
        "--at",
        help="When the move was made (YYYY-MM-DD or YYYY-MM-DDTHH:MM, the LSP's time), to "
        "enter a paper record; a day alone means 09:00; never in the future. Default: now.",
        show_default=False,
    ),
]

_NIK_DIGITS = 16


def record_at(lsp: CertificationBody, at: str | None) -> None:
    """Record this command's moves at ``at`` (a past time), or leave the clock at now."""
    if at is None:
        return
    zone = profiles.zone()
    text = at.strip()
    try:
        when = datetime.combine(date.fromisoformat(text), time(9, 0))
    except ValueError:
        try:
            when = datetime.fromisoformat(text)
        except ValueError:
            raise InvalidInputError(
                [t("--at {at!r} is not a time (YYYY-MM-DD or YYYY-MM-DDTHH:MM)", at=at)]
            ) from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=zone)
    now = lsp.clock.now()
    if when > now:
        raise InvalidInputError(
            [
                t(
                    "--at {when} is in the future (now {now}): a move is recorded when it is made",
                    when=when.isoformat(timespec="minutes"),
                    now=now.isoformat(timespec="minutes"),
                )
            ]
        )
    lsp.clock = FixedClock(when, tz=zone)


def subject_key(lsp: CertificationBody, key: str) -> UUID | None:
    """The candidate's subject id named by ``key`` (a subject id or a NIK), if on file."""
    text = key.strip()
    if text.isdigit() and len(text) == _NIK_DIGITS:
        return lsp.find_candidate(nik=text)
    try:
        subject = UUID(text)
    except ValueError:
        return None
    try:
        lsp.get_candidate(subject)
    except NotFoundError:
        return None
    return subject


def assessor_key(lsp: CertificationBody, key: str) -> UUID:
    """The register id of the assessor ``key`` names: id, MET number or name as added."""
    text = key.strip()
    folded = " ".join(text.split()).casefold()
    found = [
        a.id
        for a in lsp.list_assessors()
        if text in {str(a.id), a.met_number}
        or (a.name is not None and " ".join(a.name.split()).casefold() == folded)
    ]
    if len(found) > 1:
        raise InvalidInputError(
            [
                t(
                    "{text!r} names {found_count} assessors; give the MET number instead",
                    text=text,
                    found_count=len(found),
                )
            ]
        )
    if not found:
        raise NotFoundError("assessor", text)
    return found[0]


def _person_id(lsp: CertificationBody, who: str) -> str:
    """The canonical person id ``who`` names: a staff id or MET number, else an assessor's name.

    Raises:
        NotFoundError: nobody in the register or among the assessors is ``who``.
    """
    if is_canonical_person_id(who) or who.upper().startswith("MET"):
        try:
            return lsp.get_person(who).person_id
        except (NotAuthorizedError, NotFoundError):
            pass  # perhaps an assessor's name written in lower case
    return str(assessor_key(lsp, who))


def acting(
    lsp: CertificationBody, who: str | None, trigger: str, *, scheme: str | None = None
) -> Actor:
    """The actor ``who`` is for the move ``trigger``: their role from the register.

    The command line's ways of naming a person (a NIK, an assessor's name) are resolved here;
    the role is chosen by :func:`certflow.application.actor_for`, as for the service.

    Args:
        lsp: the certification body.
        who: the command's ``--as`` value; ``None``: the global one (:func:`who_acts`).
        trigger: the move (the facade method's name).
        scheme: the scheme code acted on, when appointments may be limited to schemes.

    Raises:
        NotAuthorizedError: nobody in the register, the assessors or the candidates is
            ``who`` (P1), or the person holds no role the move allows on the day (P2).
    """
    text = who_acts(who)
    subject = subject_key(lsp, text)
    if subject is not None:
        return actor_for(lsp, str(subject), trigger, scheme=scheme)
    try:
        person = _person_id(lsp, text)
    except NotFoundError:
        raise NotAuthorizedError(
            trigger,
            "-",
            acting_roles(trigger),
            rule_id="P1",
            message=Text(
                "{text!r} is not a person in the personnel register, an assessor "
                "or a candidate on file; `certflow staff list` and `certflow "
                "assessor list` show them",
                text=text,
            ),
        ) from None
    return actor_for(lsp, person, trigger, scheme=scheme)
