"""Rich rendering of the data-protection commands: sponsor view, breaches, retention, fixes."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

from certflow.application import BreachView, CorrectionView, RetentionItem, SponsorView
from certflow.cli.console import escape, t

__all__ = ["breach_table", "corrections_table", "retention_table", "sponsor_table"]


def sponsor_table(console: Console, view: SponsorView) -> None:
    """The tables of ``report sponsor``: per unit, per region, counts only (R62)."""
    console.print(
        escape(
            t(
                "{view_session_code} for {view_recipient}, basis {view_basis} "
                "({view_reference}) (R62)",
                view_session_code=view.session_code,
                view_recipient=view.recipient,
                view_basis=view.basis,
                view_reference=view.reference,
            )
        )
    )
    for title, counts in (
        (t("per unit organisation"), view.by_unit),
        (t("per region"), view.by_region),
    ):
        table = Table(title=title)
        table.add_column(t("group"))
        for column in ("K", "BK", t("pending"), t("withdrawn")):
            table.add_column(column, justify="right")
        table.add_column("total", justify="right")
        for count in (*counts, view.total):
            table.add_row(
                escape(count.group),
                str(count.competent),
                str(count.not_yet_competent),
                str(count.pending),
                str(count.withdrawn),
                str(count.total),
            )
        console.print(table)


def breach_table(console: Console, items: Sequence[BreachView]) -> None:
    """The table of ``breach list`` (and the overdue breaches under ``overdue``)."""
    table = Table(title=t("{items_count} breaches (R63)", items_count=len(items)))
    for column in (
        t("code"),
        t("discovered"),
        t("notify by"),
        t("status"),
        t("overdue"),
        t("subjects"),
    ):
        table.add_column(column)
    for item in items:
        table.add_row(
            escape(item.code),
            item.discovered_at.isoformat(timespec="minutes"),
            item.notify_by.isoformat(timespec="minutes"),
            item.status.value,
            t("yes") if item.overdue else "-",
            str(item.subjects_affected),
        )
    console.print(table)


def retention_table(console: Console, items: Sequence[RetentionItem]) -> None:
    """The table of ``retention list`` (R60)."""
    table = Table(title=t("Retention schedule (R60)"))
    table.add_column(t("subject"), no_wrap=True, min_width=36)
    table.add_column(t("retain until"))
    table.add_column(t("destroy"))
    for item in items:
        until = "-" if item.retain_until is None else item.retain_until.isoformat()
        table.add_row(str(item.subject_id), until, t("yes") if item.due else "-")
    console.print(table)


def corrections_table(console: Console, items: Sequence[CorrectionView]) -> None:
    """The table of ``correct --list`` (R61): fields and reasons, never values."""
    table = Table(title=t("Personal-data corrections (R61)"))
    for column in ("#", t("fields"), t("reason"), t("at"), "oleh/by"):
        table.add_column(column)
    for item in items:
        table.add_row(
            str(item.number),
            ", ".join(item.fields),
            escape(item.reason),
            item.corrected_at.isoformat(timespec="minutes"),
            escape(item.corrected_by),
        )
    console.print(table)
