"""Tables of the LSP's registers: schemes, assessors, TUKs, one session."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

from certflow.application import AssessorView, SchemeView, SessionView, TukView
from certflow.cli.console import escape, t

__all__ = ["assessor_list", "scheme_list", "session_card", "tuk_list"]


def scheme_list(console: Console, schemes: Sequence[SchemeView]) -> None:
    """Each scheme: code, version, status, title, certificate prefix, units."""
    table = Table(title=t("Certification schemes"))
    for heading in (
        t("code"),
        "v",
        t("status"),
        t("title"),
        t("prefix"),
        t("units"),
    ):
        table.add_column(heading)
    for s in schemes:
        table.add_row(
            escape(s.code),
            str(s.version),
            s.status.value,
            escape(s.title),
            escape(s.certificate_prefix),
            "\n".join(escape(f"{u.code} {u.title}") for u in s.units),
        )
    console.print(table)


def assessor_list(console: Console, assessors: Sequence[AssessorView]) -> None:
    """Each assessor: MET number, name, schemes, licence expiry, register id."""
    table = Table(title=t("Assessors"))
    for heading in (
        t("MET number"),
        t("name"),
        t("schemes"),
        t("licence until"),
        "id",
    ):
        table.add_column(heading)
    for a in assessors:
        table.add_row(
            escape(a.met_number),
            escape(a.name or "-"),
            escape(", ".join(a.scheme_codes)),
            a.licence_valid_until.isoformat(),
            str(a.id),
        )
    console.print(table)


def tuk_list(console: Console, tuks: Sequence[TukView]) -> None:
    """Each TUK: name, kind, status, verifiers, verifications (fit or not, when)."""
    table = Table(title=t("Assessment venues (TUK)"))
    for heading in (
        t("name"),
        t("kind"),
        t("status"),
        t("verifiers"),
        t("verifications"),
    ):
        table.add_column(heading)
    for k in tuks:
        table.add_row(
            escape(k.name),
            k.kind.value,
            k.status.value,
            str(len(k.verifiers)),
            "\n".join(
                f"{v.verified_on} {t('fit') if v.fit else t('unfit')}" for v in k.verifications
            )
            or "-",
        )
    console.print(table)


def session_card(console: Console, session: SessionView, schemes: Sequence[str]) -> None:
    """One session: code, title, venue and kind, days, schemes."""
    console.print(f"[bold]{escape(session.code)}[/] {escape(session.title)}")
    console.print(f"  {t('venue')}: {escape(session.venue)} ({session.tuk_kind.value})")
    console.print(f"  {t('days')}: {session.starts_on} – {session.ends_on}")
    console.print(f"  {t('schemes')}: {escape(', '.join(schemes))}")
    console.print(f"  id: {session.id}")
