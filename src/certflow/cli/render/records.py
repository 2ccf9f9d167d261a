"""How one certification reads on a terminal: its record, the list, its timeline and its diffs."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

from certflow.application import (
    CertificationSummary,
    CertificationView,
    FieldChange,
    HistoryEntry,
)
from certflow.cli.console import escape, t
from certflow.cli.labels import Labels
from certflow.cli.render.tables import Column, Row
from certflow.engine import Text

__all__ = [
    "CHANGE_COLUMNS",
    "HISTORY_COLUMNS",
    "LIST_COLUMNS",
    "certification",
    "certification_rows",
    "change_rows",
    "history_rows",
    "timeline",
]


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


def certification(console: Console, view: CertificationView, labels: Labels) -> None:
    """One certification, as a two-column table: the candidate and assessor by name."""
    name = labels.name(view.subject_id)
    assessor = "-"
    if view.assessor_id is not None:
        assessor = f"{labels.name(view.assessor_id)}  [{view.assessor_id}]"
    table = Table(show_header=False, title=f"{t('sertifikasi', 'certification')} {view.id}")
    table.add_column(style="bold", overflow="fold")
    table.add_column(overflow="fold")
    rows: list[tuple[str, object]] = [
        (
            t("kandidat", "candidate"),
            f"{name}  [{view.subject_id}]",
        ),
        (t("skema", "scheme"), f"{view.scheme_code} v{view.scheme_version}"),
        (t("jadwal", "session"), labels.session_code(view.session_id)),
        (t("tahap", "stage"), view.stage.value),
        (t("versi", "version"), view.version),
        (t("tujuan", "purpose"), view.purpose.value),
        (t("tanggal asesmen", "assessment date"), view.assessment_date),
        (t("asesor", "assessor"), assessor),
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


LIST_COLUMNS = (
    Column("id", "id"),
    Column("subject_id", Text("id kandidat", "candidate id"), in_table=False),
    Column("name", Text("kandidat", "candidate")),
    Column("scheme_code", Text("skema", "scheme")),
    Column("session_id", Text("id sesi", "session id"), in_table=False),
    Column("session_code", Text("sesi", "session")),
    Column("stage", Text("tahap", "stage")),
    Column("version", "v", numeric=True),
    Column("certificate_number", Text("sertifikat", "certificate")),
    Column("updated_at", Text("diubah", "updated"), in_table=False),
)
"""The columns of ``certflow list`` (the keys of its CSV and JSON)."""


def certification_rows(rows: Sequence[CertificationSummary], labels: Labels) -> list[Row]:
    """The rows of ``certflow list``: each certification with its candidate and session."""
    labels.prefetch_names(r.subject_id for r in rows)
    return [
        {
            "id": r.id,
            "subject_id": r.subject_id,
            "name": labels.name(r.subject_id),
            "scheme_code": r.scheme_code,
            "session_id": r.session_id,
            "session_code": labels.session_code(r.session_id),
            "stage": r.stage,
            "version": r.version,
            "certificate_number": r.certificate_number,
            "updated_at": r.updated_at,
        }
        for r in rows
    ]


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
                console.print(f"     {key}: {escape(_flat(value))}", highlight=False)


def _flat(value: object) -> str:
    if isinstance(value, dict):
        text = ", ".join(f"{k}={v}" for k, v in value.items())
    elif isinstance(value, list):
        text = ", ".join(str(v) for v in value)
    else:
        text = str(value)
    return text


HISTORY_COLUMNS = tuple(
    Column(key, key)
    for key in (
        "version",
        "at",
        "recorded_at",
        "event",
        "trigger",
        "actor_id",
        "actor_role",
        "actor_mandate",
        "stage",
        "workflow",
        "workflow_version",
        "rules",
        "data",
    )
)
"""The columns of ``certflow history --format csv|json`` (the table is the timeline)."""


def history_rows(entries: Sequence[HistoryEntry]) -> list[Row]:
    """The rows of ``certflow history``: one per event, its data as an object (JSON text in CSV)."""
    return [dict(e) for e in entries]


CHANGE_COLUMNS = (
    Column("field", Text("isian", "field")),
    Column("before", Text("sebelum", "before")),
    Column("after", Text("sesudah", "after")),
)
"""The columns of ``certflow diff``."""


def change_rows(found: Sequence[FieldChange]) -> list[Row]:
    """The rows of ``certflow diff``: each changed field with its value before and after."""
    return [{"field": c.field, "before": c.before, "after": c.after} for c in found]
