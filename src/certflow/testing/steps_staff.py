"""Steps about the personnel register: appoint, end appointments, declare relations, check them.

Roles are named by a phrase of :data:`~certflow.testing.vocabulary.ROLE_WORDS`; relations by one
of :data:`~certflow.testing.vocabulary.RELATIONS`. A new name gets the person id of its words in
lower case joined by ``-`` (:meth:`PolicyContext.staff_id`).
"""

from __future__ import annotations

from certflow.domain import Relation, Role
from certflow.engine import Actor
from certflow.testing.actors import HEAD, MANAGER, STANDARD_APPOINTMENT_BASIS
from certflow.testing.context import PolicyContext
from certflow.testing.vocabulary import parse_day, parse_list, phrase

# -- the personnel register ---------------------------------------------------------------------


def _appoint(
    context: PolicyContext,
    person: str,
    role: Role,
    schemes: str = "",
    start: str = "",
    end: str = "",
    actor: Actor = HEAD,
) -> None:
    person_id = context.staff_id(person)

    def command() -> None:
        made = context.lsp.appoint(
            person_id,
            role=role,
            basis=STANDARD_APPOINTMENT_BASIS,
            scheme_codes=parse_list(schemes),
            valid_from=parse_day(start) if start else None,
            valid_until=parse_day(end) if end else None,
            actor=actor,
        )
        context.appointments.setdefault((person_id, role), []).append(made)

    context.run(None, command)


@phrase(
    "when",
    'ketua LSP menetapkan "{person}" sebagai {role:Role}',
    'the head of the LSP appoints "{person}" as {role:Role}',
    "Appoint a person (entered in the register if new) to a role, for every scheme, from today "
    "with no end. A new name gets the person id of its words in lower case joined by '-'.",
)
def _(certflow_context: PolicyContext, person: str, role: Role) -> None:
    _appoint(certflow_context, person, role)


@phrase(
    "when",
    'ketua LSP menetapkan "{person}" sebagai {role:Role} untuk skema "{schemes}"',
    'the head of the LSP appoints "{person}" as {role:Role} for scheme "{schemes}"',
    "Appoint for these schemes only (comma-separated codes).",
)
def _(certflow_context: PolicyContext, person: str, role: Role, schemes: str) -> None:
    _appoint(certflow_context, person, role, schemes)


@phrase(
    "when",
    'ketua LSP menetapkan "{person}" sebagai {role:Role} dari {start} sampai {end}',
    'the head of the LSP appoints "{person}" as {role:Role} from {start} until {end}',
    "Appoint for every scheme, valid from and until these dates.",
)
def _(certflow_context: PolicyContext, person: str, role: Role, start: str, end: str) -> None:
    _appoint(certflow_context, person, role, start=start, end=end)


@phrase(
    "when",
    'ketua LSP menetapkan "{person}" sebagai {role:Role} untuk skema "{schemes}" dari {start} '
    "sampai {end}",
    'the head of the LSP appoints "{person}" as {role:Role} for scheme "{schemes}" from '
    "{start} until {end}",
    "Appoint for these schemes, valid from and until these dates.",
)
def _(
    certflow_context: PolicyContext, person: str, role: Role, schemes: str, start: str, end: str
) -> None:
    _appoint(certflow_context, person, role, schemes, start, end)


@phrase(
    "when",
    '"{actor}" sebagai {role:Role} menetapkan "{person}" sebagai {appointed:Role}',
    '"{actor}" acting as {role:Role} appoints "{person}" as {appointed:Role}',
    "An appointment made by anyone in any role (only the head of the LSP may, P2).",
)
def _(
    certflow_context: PolicyContext, actor: str, role: Role, person: str, appointed: Role
) -> None:
    context = certflow_context
    _appoint(context, person, appointed, actor=context.actor(actor, role))


def _end(context: PolicyContext, person: str, role: Role, day: str) -> None:
    person_id = context.staff_id(person)
    made = context.appointments.get((person_id, role)) or [
        a.appointment_id
        for a in context.lsp.get_person(person_id).appointments
        if a.role is role and a.ended_on is None
    ]
    if not made:
        raise AssertionError(f'"{person}" holds no appointment as {role.value} to end')
    context.run(
        None,
        lambda: context.lsp.end_appointment(
            person_id,
            appointment_id=made[-1],
            reason="penetapan berakhir",
            ended_on=parse_day(day) if day else None,
            actor=HEAD,
        ),
    )


@phrase(
    "when",
    'ketua LSP mengakhiri penetapan "{person}" sebagai {role:Role}',
    'the head of the LSP ends the appointment of "{person}" as {role:Role}',
    "End the person's latest appointment to the role from today (it no longer covers today).",
)
def _(certflow_context: PolicyContext, person: str, role: Role) -> None:
    _end(certflow_context, person, role, "")


@phrase(
    "when",
    'ketua LSP mengakhiri penetapan "{person}" sebagai {role:Role} sejak {day}',
    'the head of the LSP ends the appointment of "{person}" as {role:Role} from {day}',
    "End it from this date.",
)
def _(certflow_context: PolicyContext, person: str, role: Role, day: str) -> None:
    _end(certflow_context, person, role, day)


def _declare(
    context: PolicyContext,
    person: str,
    relation: tuple[Relation, bool],
    other: str,
    day: str,
    actor: Actor,
) -> None:
    kind, organisation = relation
    person_id = context.staff_id(person)
    subject = None if organisation else context.candidate(other)
    context.run(
        None,
        lambda: context.lsp.declare_interest(
            person_id,
            relation=kind,
            subject_id=subject,
            organisation=other if organisation else "",
            since=parse_day(day) if day else None,
            actor=actor,
        ),
    )


@phrase(
    "when",
    'manajer sertifikasi mencatat bahwa "{person}" {relation:Relation} "{other}"',
    'the certification manager records that "{person}" {relation:Relation} "{other}"',
    "Record a declaration for someone, from today: berhubungan keluarga dengan / berhubungan "
    'dengan / melatih / menyupervisi / adalah kandidat "nama", bekerja pada / berhubungan '
    'dengan organisasi "unit" (R12, R13, P5).',
)
def _(
    certflow_context: PolicyContext, person: str, relation: tuple[Relation, bool], other: str
) -> None:
    _declare(certflow_context, person, relation, other, "", MANAGER)


@phrase(
    "when",
    'manajer sertifikasi mencatat bahwa "{person}" {relation:Relation} "{other}" sejak {day}',
    'the certification manager records that "{person}" {relation:Relation} "{other}" since {day}',
    "As above, in force from this date.",
)
def _(
    certflow_context: PolicyContext,
    person: str,
    relation: tuple[Relation, bool],
    other: str,
    day: str,
) -> None:
    _declare(certflow_context, person, relation, other, day, MANAGER)


@phrase(
    "when",
    '"{person}" sebagai {role:Role} menyatakan {relation:Relation} "{other}"',
    '"{person}" acting as {role:Role} declares they {relation:Relation} "{other}"',
    "A person declares a relation of their own, acting in a role they hold.",
)
def _(
    certflow_context: PolicyContext,
    person: str,
    role: Role,
    relation: tuple[Relation, bool],
    other: str,
) -> None:
    context = certflow_context
    _declare(context, person, relation, other, "", context.actor(person, role))


# -- checks ----------------------------------------------------------------------------------------


def _in_force(context: PolicyContext, person: str, role: Role, day: str) -> bool:
    member = context.lsp.get_person(context.staff_id(person), on=parse_day(day))
    return any(a.role is role for a in member.in_force)


@phrase(
    "then",
    '"{person}" memegang penetapan sebagai {role:Role} pada {day}',
    '"{person}" holds an appointment as {role:Role} on {day}',
    "An appointment to the role is in force on this date.",
)
def _(certflow_context: PolicyContext, person: str, role: Role, day: str) -> None:
    assert _in_force(certflow_context, person, role, day), f"no {role.value} on {day}"


@phrase(
    "then",
    '"{person}" tidak memegang penetapan sebagai {role:Role} pada {day}',
    '"{person}" holds no appointment as {role:Role} on {day}',
    "No appointment to the role is in force on this date.",
)
def _(certflow_context: PolicyContext, person: str, role: Role, day: str) -> None:
    assert not _in_force(certflow_context, person, role, day), f"{role.value} on {day}"
