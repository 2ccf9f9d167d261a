"""How one certification reads on a terminal: its record, the list, its timeline and its diffs."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from typing import TextIO
from uuid import UUID

from rich.console import Console
from rich.table import Table

from certflow.application import (
    CertificationSummary,
    CertificationView,
    FieldChange,
    HistoryEntry,
)
from certflow.cli.console import escape, t
from certflow.engine import Text

__all__ = ["certification", "certification_list", "changes", "timeline", "timeline_csv"]


_DEADLINES = {
    "acknowledgement": Text("pengakuan", "acknowledgement"),
    "appeal_decision": Text("keputusan banding", "appeal decision"),
    "appeal_window": Text("masa banding", "appeal window"),
    "breach_escalation": Text("eskalasi kebocoran", "breach escalation"),
    "breach_notification": Text("pemberitahuan kebocoran", "breach notification"),
    "distribution": Text("distribusi", "distribution"),
    "expiry": Text("kedaluwarsa", "expiry"),
    "resolution": Text("penyelesaian", "resolution"),
    "surveillance": Text("surveilan", "surveillance"),
    "suspension_resolution": Text("penyelesaian pembekuan", "suspension resolution"),
    "tuk_validity": Text("masa berlaku TUK", "TUK validity"),
}
"""The workflows' deadline names, in both languages."""
_DEADLINE_STATUS = {
    "open": Text("terbuka", "open"),
    "met": Text("terpenuhi", "met"),
    "missed": Text("terlewat", "missed"),
}


def certification(console: Console, view: CertificationView, name: str | None) -> None:
    """One certification, as a two-column table."""
    table = Table(show_header=False, title=f"{t('sertifikasi', 'certification')} {view.id}")
    table.add_column(style="bold")
    table.add_column()
    rows: list[tuple[str, object]] = [
        (
            t("kandidat", "candidate"),
            f"{name or t('(data pribadi tidak ada)', '(personal data not on file)')}"
            f"  [{view.subject_id}]",
        ),
        (t("skema", "scheme"), f"{view.scheme_code} v{view.scheme_version}"),
        (t("tahap", "stage"), view.stage.value),
        (t("versi", "version"), view.version),
        (t("tujuan", "purpose"), view.purpose.value),
        (t("tanggal asesmen", "assessment date"), view.assessment_date),
        (t("asesor", "assessor"), view.assessor_id or "-"),
        (
            t("rekomendasi", "recommendation"),
            view.recommendation.value if view.recommendation else "-",
        ),
        (t("hasil", "outcome"), view.outcome.value if view.outcome else "-"),
        (t("tanggal keputusan", "decision date"), view.decided_on or "-"),
        (t("sertifikat", "certificate"), view.certificate_number or "-"),
        (
            t("berlaku", "valid"),
            t(
                f"{view.valid_from} sampai {view.valid_until}",
                f"{view.valid_from} to {view.valid_until}",
            )
            if view.valid_from
            else "-",
        ),
        (t("diserahkan pada", "distributed on"), view.distributed_on or "-"),
    ]
    for label, value in rows:
        table.add_row(label, escape(str(value)))
    units = ", ".join(f"{u.code}={u.verdict.value if u.verdict else '?'}" for u in view.units)
    table.add_row(t("unit", "units"), escape(units))
    for deadline in view.deadlines:
        flag = f" [red]{t('TERLAMBAT', 'OVERDUE')}[/]" if deadline.overdue else ""
        named = _DEADLINES.get(deadline.name, deadline.name)
        status = _DEADLINE_STATUS.get(deadline.status.value, deadline.status.value)
        table.add_row(
            t(f"tenggat {named}", f"deadline {named}"),
            f"{deadline.due_on} ({deadline.rule_id}): {status}{flag}",
        )
    console.print(table)


def certification_list(
    console: Console, rows: Sequence[CertificationSummary], names: dict[UUID, str]
) -> None:
    """The table of ``certflow list``."""
    table = Table(title=f"{len(rows)} {t('sertifikasi', 'certifications')}")
    table.add_column("id", no_wrap=True, min_width=36)
    for column in (
        t("kandidat", "candidate"),
        t("skema", "scheme"),
        t("tahap", "stage"),
        "v",
        t("sertifikat", "certificate"),
    ):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(
            str(row.id),
            escape(names.get(row.subject_id, "-")),
            escape(row.scheme_code),
            row.stage.value,
            str(row.version),
            escape(row.certificate_number or "-"),
        )
    console.print(table)


def timeline(console: Console, view: CertificationView, entries: Sequence[HistoryEntry]) -> None:
    """The audit timeline of ``certflow history``, readable at any terminal width."""
    console.print(f"[bold]{t('riwayat', 'history of')} {view.id}[/] ({escape(view.scheme_code)})")
    for entry in entries:
        when = entry.at.strftime("%Y-%m-%d %H:%M %z")
        console.print(
            f"[bold]{entry.version:>3}[/]  {when}  [bold cyan]{entry.event}[/] -> {entry.stage}"
        )
        rules = ", ".join(entry.rules) or "-"
        mandate = escape(entry.actor_mandate or "-")
        console.print(
            f"     {t('oleh', 'by')} {escape(entry.actor_id)} ({entry.actor_role}); "
            f"{t('penetapan', 'mandate')} {mandate}; {t('aturan', 'rules')} {rules}",
            highlight=False,
        )
        for key, value in entry.data.items():
            if value not in ("", [], {}):
                console.print(f"     {key}: {escape(_short(value))}", highlight=False)


def _short(value: object) -> str:
    if isinstance(value, dict):
        text = ", ".join(f"{k}={v}" for k, v in value.items())
    elif isinstance(value, list):
        text = ", ".join(str(v) for v in value)
    else:
        text = str(value)
    return text if len(text) <= 160 else text[:157] + "..."


def timeline_csv(out: TextIO, entries: Sequence[HistoryEntry]) -> None:
    """The audit timeline as CSV (one row per event, the event's data as JSON)."""
    writer = csv.writer(out)
    writer.writerow(
        [
            "version",
            "at",
            "recorded_at",
            "event",
            "actor_id",
            "actor_role",
            "actor_mandate",
            "stage",
            "rules",
            "data",
        ]
    )
    for e in entries:
        writer.writerow(
            [
                e.version,
                e.at.isoformat(),
                e.recorded_at.isoformat(),
                e.event,
                e.actor_id,
                e.actor_role,
                e.actor_mandate or "",
                e.stage,
                " ".join(e.rules),
                json.dumps(e.data, ensure_ascii=False),
            ]
        )


def changes(
    console: Console,
    view: CertificationView,
    before: int,
    after: int,
    found: Sequence[FieldChange],
) -> None:
    """The table of ``certflow diff``."""
    table = Table(title=f"{view.id}: v{before} -> v{after}")
    for column in (t("isian", "field"), t("sebelum", "before"), t("sesudah", "after")):
        table.add_column(column, overflow="fold")
    for change in found:
        table.add_row(change.field, escape(_short(change.before)), escape(_short(change.after)))
    console.print(table)
