"""How the personnel register reads on a terminal: the staff list and one person's record."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from rich.console import Console
from rich.table import Table

from certflow.application import StaffMember
from certflow.cli.console import escape, t
from certflow.domain import Appointment, Declaration

__all__ = ["person_record", "staff_json", "staff_list"]


def _scope(appointment: Appointment) -> str:
    return ", ".join(appointment.scheme_codes) if appointment.scheme_codes else "*"


def _period(appointment: Appointment) -> str:
    until = appointment.valid_until.isoformat() if appointment.valid_until else "…"
    return f"{appointment.valid_from.isoformat()} – {until}"


def staff_list(console: Console, members: Sequence[StaffMember], day: date) -> None:
    """The table of ``certflow staff list``: one row per person, their roles in force on ``day``."""
    table = Table(title=f"{t('Daftar personel LSP per', 'LSP personnel register on')} {day}")
    table.add_column(t("id orang", "person id"), overflow="fold")
    table.add_column(t("penetapan berlaku", "appointments in force"), overflow="fold")
    table.add_column(t("nomor MET", "MET number"))
    table.add_column(t("berakhir", "ended"), justify="right")
    table.add_column(t("pernyataan", "declarations"), justify="right")
    for member in members:
        roles = "; ".join(
            f"{a.role.value} [{_scope(a)}] ({a.appointment_id})" for a in member.in_force
        )
        ended = sum(1 for a in member.appointments if a not in member.in_force)
        table.add_row(
            escape(member.person_id),
            escape(roles) or "-",
            escape(member.met_number or "-"),
            str(ended),
            str(len(member.declarations)),
        )
    console.print(table)
    console.print(f"{len(members)} {t('orang', 'people')}")


def person_record(console: Console, member: StaffMember, day: date) -> None:
    """``certflow staff show``: one person's appointments (in force, ended) and declarations."""
    head = f"{t('personel', 'person')} {member.person_id}"
    met = f"  ({t('nomor MET', 'MET number')} {member.met_number})" if member.met_number else ""
    console.print(f"[bold]{escape(head)}[/]{escape(met)}")
    in_force = [a for a in member.appointments if a in member.in_force]
    others = [a for a in member.appointments if a not in member.in_force]
    _appointments(
        console,
        f"{t('Penetapan berlaku pada', 'Appointments in force on')} {day}",
        in_force,
    )
    _appointments(
        console,
        t(
            "Penetapan lain (berakhir, belum atau tidak lagi berlaku)",
            "Other appointments (ended, not yet or no longer valid)",
        ),
        others,
    )
    _declarations(console, member.declarations)


def _appointments(console: Console, title: str, appointments: Sequence[Appointment]) -> None:
    if not appointments:
        console.print(f"{title}: -")
        return
    table = Table(title=title)
    for column in (
        t("id penetapan", "appointment id"),
        t("peran", "role"),
        t("skema", "schemes"),
        t("masa berlaku", "valid"),
        t("dasar", "basis"),
        t("ditetapkan oleh", "appointed by"),
        t("diakhiri", "ended"),
    ):
        table.add_column(column, overflow="fold")
    for a in appointments:
        ended = (
            f"{a.ended_on} {t('oleh', 'by')} {a.ended_by}: {a.end_reason}" if a.ended_on else "-"
        )
        table.add_row(
            *(
                escape(cell)
                for cell in (
                    a.appointment_id,
                    a.role.value,
                    _scope(a),
                    _period(a),
                    a.basis,
                    a.appointed_by,
                    ended,
                )
            )
        )
    console.print(table)


def _declarations(console: Console, declarations: Sequence[Declaration]) -> None:
    title = t("Pernyataan kepentingan", "Declared interests")
    if not declarations:
        console.print(f"{title}: -")
        return
    table = Table(title=title)
    for column in (
        t("id pernyataan", "declaration id"),
        t("hubungan", "relation"),
        t("dengan", "with"),
        t("sejak", "since"),
        t("dicatat", "recorded"),
        t("catatan", "note"),
    ):
        table.add_column(column, overflow="fold")
    for d in declarations:
        with_whom = str(d.subject_id) if d.subject_id else d.organisation
        table.add_row(
            *(
                escape(cell)
                for cell in (
                    d.declaration_id,
                    d.relation.value,
                    with_whom,
                    d.since.isoformat(),
                    d.declared_at.date().isoformat(),
                    d.note or "-",
                )
            )
        )
    console.print(table)


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
