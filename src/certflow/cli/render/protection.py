"""The rows of the data-protection listings: sponsor view, breaches, retention, corrections.

Each ``*_COLUMNS`` is what :func:`certflow.cli.render.tables.emit` prints; each ``*_rows``
builds the rows.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console

from certflow.application import BreachView, CorrectionView, RetentionItem, SponsorView
from certflow.cli.console import escape, t
from certflow.cli.labels import Labels
from certflow.cli.render.tables import Column, Row, table
from certflow.engine import Text

__all__ = [
    "BREACH_COLUMNS",
    "CORRECTION_COLUMNS",
    "RETENTION_COLUMNS",
    "SPONSOR_COLUMNS",
    "breach_rows",
    "breach_title",
    "correction_rows",
    "retention_rows",
    "sponsor_rows",
    "sponsor_table",
]

SPONSOR_COLUMNS = (
    Column("grouping", Text("menurut", "by")),
    Column("group", Text("kelompok", "group")),
    Column("competent", "K", numeric=True),
    Column("not_yet_competent", "BK", numeric=True),
    Column("pending", Text("belum diputuskan", "pending"), numeric=True),
    Column("withdrawn", Text("mundur", "withdrawn"), numeric=True),
    Column("total", "total", numeric=True),
)
"""The columns of ``report sponsor``: ``grouping`` is ``unit``, ``region`` or ``total``."""


def sponsor_rows(view: SponsorView) -> list[Row]:
    """``report sponsor``: per unit, per region, then the session's total (counts only, R62)."""
    groups = [("unit", c) for c in view.by_unit] + [("region", c) for c in view.by_region]
    return [
        {**dict(count), "grouping": grouping, "total": count.total}
        for grouping, count in (*groups, ("total", view.total))
    ]


def sponsor_table(console: Console, view: SponsorView) -> None:
    """The tables of ``report sponsor``: per unit, per region, each with the total (R62)."""
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
    rows = sponsor_rows(view)
    total = [r for r in rows if r["grouping"] == "total"]
    shown = SPONSOR_COLUMNS[1:]
    for grouping, title in (
        ("unit", t("per satuan kerja", "per unit organisation")),
        ("region", t("per wilayah", "per region")),
    ):
        console.print(table(title, shown, [r for r in rows if r["grouping"] == grouping] + total))


BREACH_COLUMNS = (
    Column("code", Text("kode", "code")),
    Column("nature", Text("sifat", "nature"), in_table=False),
    Column("discovered_at", Text("diketahui", "discovered")),
    Column("notify_by", Text("batas pemberitahuan", "notify by")),
    Column("status", "status"),
    Column("notified_at", Text("diberitahukan", "notified"), in_table=False),
    Column("overdue", Text("terlambat", "overdue")),
    Column("subjects_affected", Text("subjek", "subjects"), numeric=True),
)


def breach_title(items: Sequence[BreachView]) -> str:
    """The title of the breach table."""
    return t(f"{len(items)} kebocoran data (R63)", f"{len(items)} breaches (R63)")


def breach_rows(items: Sequence[BreachView]) -> list[Row]:
    """``breach list`` (and the late breaches under ``overdue``)."""
    return [dict(i) for i in items]


RETENTION_COLUMNS = (
    Column("subject_id", Text("subjek", "subject")),
    Column("name", Text("nama", "name")),
    Column("retain_until", Text("disimpan sampai", "retain until")),
    Column("due", Text("musnahkan", "destroy")),
)


def retention_rows(items: Sequence[RetentionItem], labels: Labels) -> list[Row]:
    """``retention list`` (R60): each subject, by name while it is on file."""
    labels.prefetch_names(i.subject_id for i in items)
    return [{**dict(i), "name": labels.name(i.subject_id)} for i in items]


CORRECTION_COLUMNS = (
    Column("subject_id", Text("subjek", "subject"), in_table=False),
    Column("number", "#", numeric=True),
    Column("fields", Text("kolom", "fields")),
    Column("reason", Text("alasan", "reason")),
    Column("corrected_at", Text("waktu", "at")),
    Column("corrected_by", Text("oleh", "by")),
)


def correction_rows(items: Sequence[CorrectionView]) -> list[Row]:
    """``correct --list`` (R61): fields and reasons, never values."""
    return [dict(i) for i in items]
