"""How the personnel register reads on a terminal: the staff list and one person's record."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from rich.console import Console

from certflow.application import StaffMember
from certflow.cli.console import escape, t
from certflow.cli.labels import Labels
from certflow.cli.render.tables import Column, Row
from certflow.domain import Appointment, Declaration
from certflow.engine import Text

__all__ = ["STAFF_COLUMNS", "person_record", "staff_json", "staff_rows", "staff_title"]


def _scope(appointment: Appointment) -> str:
    return ", ".join(appointment.scheme_codes) if appointment.scheme_codes else "*"


def _period(appointment: Appointment) -> str:
    until = appointment.valid_until.isoformat() if appointment.valid_until else "…"
    return f"{appointment.valid_from.isoformat()} – {until}"


STAFF_COLUMNS = (
    Column("person_id", Text("person id")),
    Column("name", Text("name")),
    Column("appointments_in_force", Text("appointments in force")),
    Column("met_number", Text("MET number")),
    Column("other_appointments", Text("other"), numeric=True),
    Column("declarations", Text("declarations"), numeric=True),
)
"""The columns of ``certflow staff list``."""


def staff_title(day: date) -> str:
    """The title of the staff list."""
    return f"{t('LSP personnel register on')} {day}"


def staff_rows(members: Sequence[StaffMember], labels: Labels) -> list[Row]:
    """``certflow staff list``: one row per person, their roles in force, assessors by name.

    Appointed staff first, then assessors who act under their licence only. A name is shown
    for assessors (the assessor register keeps it); appointed staff are known by their id.
    """
    return [
        {
            "person_id": m.person_id,
            "name": labels.assessor_name(m.met_number),
            "appointments_in_force": [f"{a.role.value} [{_scope(a)}]" for a in m.in_force],
            "met_number": m.met_number,
            "other_appointments": len(m.appointments) - len(m.in_force),
            "declarations": len(m.declarations),
        }
        for m in sorted(members, key=lambda m: (m.met_number is not None, m.person_id))
    ]


def person_record(console: Console, member: StaffMember, day: date) -> None:
    """``certflow staff show``: one person's appointments (in force, other) and declarations.

    Lines rather than a wide table, so that long decrees and reasons read at any width.
    """
    head = f"{t('staff member')} {member.person_id}"
    met = f"  ({t('MET number')} {member.met_number})" if member.met_number else ""
    console.print(f"[bold]{escape(head)}[/]{escape(met)}")
    in_force = [a for a in member.appointments if a in member.in_force]
    others = [a for a in member.appointments if a not in member.in_force]
    _appointments(console, f"{t('Appointments in force on')} {day}", in_force)
    _appointments(
        console,
        t("Other appointments (ended, not yet or no longer valid)"),
        others,
    )
    _declarations(console, member.declarations)


def _appointments(console: Console, title: str, appointments: Sequence[Appointment]) -> None:
    console.print(f"[bold]{escape(title)}:[/]" + ("" if appointments else " -"))
    for a in appointments:
        console.print(
            f"  [bold]{escape(a.appointment_id)}[/]  {a.role.value}  "
            f"{t('schemes')}: {escape(_scope(a))}  {_period(a)}"
        )
        made = (
            f"{t('basis')}: {a.basis}; {t('appointed by')} "
            f"{a.appointed_by} {t('on')} {a.appointed_at.date().isoformat()}"
        )
        console.print(f"      {escape(made)}")
        if a.ended_on is not None:
            ended = (
                f"{t('ended from')} {a.ended_on.isoformat()} {t('by')} {a.ended_by}: {a.end_reason}"
            )
            console.print(f"      {escape(ended)}")


def _declarations(console: Console, declarations: Sequence[Declaration]) -> None:
    title = t("Declared interests")
    console.print(f"[bold]{title}:[/]" + ("" if declarations else " -"))
    for d in declarations:
        with_whom = f"{t('candidate')} {d.subject_id}" if d.subject_id else d.organisation
        line = (
            f"{d.relation.value}  {with_whom}  {t('since')} {d.since.isoformat()} "
            f"({t('recorded')} {d.declared_at.date().isoformat()})"
        )
        note = f"  {d.note}" if d.note else ""
        console.print(f"  [bold]{escape(d.declaration_id)}[/]  {escape(line + note)}")


def staff_json(member: StaffMember) -> dict[str, Any]:
    """One person as JSON: appointments (each with ``in_force``), declarations, MET number."""
    return {
        "person_id": member.person_id,
        "met_number": member.met_number,
        "appointments": [
            {**a.model_dump(mode="json"), "in_force": a in member.in_force}
            for a in member.appointments
        ],
        "declarations": [d.model_dump(mode="json") for d in member.declarations],
    }
