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
    Column("grouping", Text("by")),
    Column("group", Text("group")),
    Column("competent", "K", numeric=True),
    Column("not_yet_competent", "BK", numeric=True),
    Column("pending", Text("pending"), numeric=True),
    Column("withdrawn", Text("withdrawn"), numeric=True),
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
                "{view_session_code} for {view_recipient}, basis {view_basis} "
                "({view_reference}) (R62)",
                view_session_code=view.session_code,
                view_recipient=view.recipient,
                view_basis=view.basis,
                view_reference=view.reference,
            )
        )
    )
    rows = sponsor_rows(view)
    total = [r for r in rows if r["grouping"] == "total"]
    shown = SPONSOR_COLUMNS[1:]
    for grouping, title in (
        ("unit", t("per unit organisation")),
        ("region", t("per region")),
    ):
        console.print(table(title, shown, [r for r in rows if r["grouping"] == grouping] + total))


BREACH_COLUMNS = (
    Column("code", Text("code")),
    Column("nature", Text("nature"), in_table=False),
    Column("discovered_at", Text("discovered")),
    Column("notify_by", Text("notify by")),
    Column("status", "status"),
    Column("notified_at", Text("notified"), in_table=False),
    Column("overdue", Text("overdue")),
    Column("subjects_affected", Text("subjects"), numeric=True),
)


def breach_title(items: Sequence[BreachView]) -> str:
    """The title of the breach table."""
    return t("{items_count} breaches (R63)", items_count=len(items))


def breach_rows(items: Sequence[BreachView]) -> list[Row]:
    """``breach list`` (and the late breaches under ``overdue``)."""
    return [dict(i) for i in items]


RETENTION_COLUMNS = (
    Column("subject_id", Text("subject")),
    Column("name", Text("name")),
    Column("retain_until", Text("retain until")),
    Column("due", Text("destroy")),
)


def retention_rows(items: Sequence[RetentionItem], labels: Labels) -> list[Row]:
    """``retention list`` (R60): each subject, by name while it is on file."""
    labels.prefetch_names(i.subject_id for i in items)
    return [{**dict(i), "name": labels.name(i.subject_id)} for i in items]


CORRECTION_COLUMNS = (
    Column("subject_id", Text("subject"), in_table=False),
    Column("number", "#", numeric=True),
    Column("fields", Text("fields")),
    Column("reason", Text("reason")),
    Column("corrected_at", Text("at")),
    Column("corrected_by", Text("by")),
)


def correction_rows(items: Sequence[CorrectionView]) -> list[Row]:
    """``correct --list`` (R61): fields and reasons, never values."""
    return [dict(i) for i in items]
