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
                f"{view.session_code} untuk {view.recipient}, dasar {view.basis} "
                f"({view.reference}) (R62)",
                f"{view.session_code} for {view.recipient}, basis {view.basis} "
                f"({view.reference}) (R62)",
            )
        )
    )
    for title, counts in (
        (t("per satuan kerja", "per unit organisation"), view.by_unit),
        (t("per wilayah", "per region"), view.by_region),
    ):
        table = Table(title=title)
        table.add_column(t("kelompok", "group"))
        for column in ("K", "BK", t("belum diputuskan", "pending"), t("mundur", "withdrawn")):
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
    table = Table(title=t(f"{len(items)} kebocoran data (R63)", f"{len(items)} breaches (R63)"))
    for column in (
        t("kode", "code"),
        t("diketahui", "discovered"),
        t("batas pemberitahuan", "notify by"),
        t("status", "status"),
        t("terlambat", "overdue"),
        t("subjek", "subjects"),
    ):
        table.add_column(column)
    for item in items:
        table.add_row(
            escape(item.code),
            item.discovered_at.isoformat(timespec="minutes"),
            item.notify_by.isoformat(timespec="minutes"),
            item.status.value,
            t("ya", "yes") if item.overdue else "-",
            str(item.subjects_affected),
        )
    console.print(table)


def retention_table(console: Console, items: Sequence[RetentionItem]) -> None:
    """The table of ``retention list`` (R60)."""
    table = Table(title=t("Jadwal retensi (R60)", "Retention schedule (R60)"))
    table.add_column(t("subjek", "subject"), no_wrap=True, min_width=36)
    table.add_column(t("disimpan sampai", "retain until"))
    table.add_column(t("musnahkan", "destroy"))
    for item in items:
        until = "-" if item.retain_until is None else item.retain_until.isoformat()
        table.add_row(str(item.subject_id), until, t("ya", "yes") if item.due else "-")
    console.print(table)


def corrections_table(console: Console, items: Sequence[CorrectionView]) -> None:
    """The table of ``correct --list`` (R61): fields and reasons, never values."""
    table = Table(title=t("Koreksi data pribadi (R61)", "Personal-data corrections (R61)"))
    for column in ("#", t("kolom", "fields"), t("alasan", "reason"), t("waktu", "at"), "oleh/by"):
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
