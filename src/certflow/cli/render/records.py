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
    "acknowledgement": Text("acknowledgement"),
    "appeal_decision": Text("appeal decision"),
    "appeal_window": Text("appeal window"),
    "breach_escalation": Text("breach escalation"),
    "breach_notification": Text("breach notification"),
    "distribution": Text("distribution"),
    "expiry": Text("expiry"),
    "resolution": Text("resolution"),
    "surveillance": Text("surveillance"),
    "suspension_resolution": Text("suspension resolution"),
    "tuk_validity": Text("TUK validity"),
}
"""The workflows' deadline names, in both languages."""
_DEADLINE_STATUS = {
    "open": Text("open"),
    "met": Text("met"),
    "missed": Text("missed"),
}


def certification(console: Console, view: CertificationView, labels: Labels) -> None:
    """One certification, as a two-column table: the candidate and assessor by name."""
    name = labels.name(view.subject_id)
    assessor = "-"
    if view.assessor_id is not None:
        assessor = f"{labels.name(view.assessor_id)}  [{view.assessor_id}]"
    table = Table(show_header=False, title=f"{t('certification')} {view.id}")
    table.add_column(style="bold", overflow="fold")
    table.add_column(overflow="fold")
    rows: list[tuple[str, object]] = [
        (
            t("candidate"),
            f"{name}  [{view.subject_id}]",
        ),
        (t("scheme"), f"{view.scheme_code} v{view.scheme_version}"),
        (t("session"), labels.session_code(view.session_id)),
        (t("stage"), view.stage.value),
        (t("version"), view.version),
        (t("purpose"), view.purpose.value),
        (t("assessment date"), view.assessment_date),
        (t("assessor"), assessor),
        (
            t("recommendation"),
            view.recommendation.value if view.recommendation else "-",
        ),
        (t("outcome"), view.outcome.value if view.outcome else "-"),
        (t("decision date"), view.decided_on or "-"),
        (t("certificate"), view.certificate_number or "-"),
        (
            t("valid"),
            t(
                "{view_valid_from} to {view_valid_until}",
                view_valid_from=view.valid_from,
                view_valid_until=view.valid_until,
            )
            if view.valid_from
            else "-",
        ),
        (t("distributed on"), view.distributed_on or "-"),
    ]
    for label, value in rows:
        table.add_row(label, escape(str(value)))
    units = ", ".join(f"{u.code}={u.verdict.value if u.verdict else '?'}" for u in view.units)
    table.add_row(t("units"), escape(units))
    for deadline in view.deadlines:
        flag = f" [red]{t('OVERDUE')}[/]" if deadline.overdue else ""
        named = _DEADLINES.get(deadline.name, deadline.name)
        status = _DEADLINE_STATUS.get(deadline.status.value, deadline.status.value)
        table.add_row(
            t("deadline {named}", named=named),
            f"{deadline.due_on} ({deadline.rule_id}): {status}{flag}",
        )
    console.print(table)


LIST_COLUMNS = (
    Column("id", "id"),
    Column("subject_id", Text("candidate id"), in_table=False),
    Column("name", Text("candidate")),
    Column("scheme_code", Text("scheme")),
    Column("session_id", Text("session id"), in_table=False),
    Column("session_code", Text("session")),
    Column("stage", Text("stage")),
    Column("version", "v", numeric=True),
    Column("certificate_number", Text("certificate")),
    Column("updated_at", Text("updated"), in_table=False),
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
    console.print(f"[bold]{t('history of')} {view.id}[/] ({escape(view.scheme_code)})")
    for entry in entries:
        when = entry.at.strftime("%Y-%m-%d %H:%M %z")
        console.print(
            f"[bold]{entry.version:>3}[/]  {when}  [bold cyan]{entry.event}[/] -> {entry.stage}"
        )
        rules = ", ".join(entry.rules) or "-"
        mandate = escape(entry.actor_mandate or "-")
        console.print(
            f"     {t('by')} {escape(entry.actor_id)} ({entry.actor_role}); "
            f"{t('mandate')} {mandate}; {t('rules')} {rules}",
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
    Column("field", Text("field")),
    Column("before", Text("before")),
    Column("after", Text("after")),
)
"""The columns of ``certflow diff``."""


def change_rows(found: Sequence[FieldChange]) -> list[Row]:
    """The rows of ``certflow diff``: each changed field with its value before and after."""
    return [{"field": c.field, "before": c.before, "after": c.after} for c in found]
