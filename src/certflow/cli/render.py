"""Rich rendering of views for the command line."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from uuid import UUID

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from certflow.application import CertificationSummary, CertificationView, HistoryEntry
from certflow.demo import DemoReport
from certflow.domain import Stage

__all__ = [
    "certification",
    "certification_list",
    "demo_summary",
    "escape",
    "progress",
    "timeline",
]


def progress(console: Console, *, disable: bool) -> Progress:
    """A progress bar for long runs."""
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        disable=disable,
        transient=False,
    )


def demo_summary(console: Console, report: DemoReport, store: str) -> None:
    """The table printed at the end of ``certflow demo``."""
    stages = [s.value for s in Stage]
    table = Table(title=f"Humas Polri, November 2024: {report.certifications} certifications")
    table.add_column("stage")
    codes = sorted(report.by_stage)
    for code in codes:
        table.add_column(code, justify="right")
    table.add_column("total", justify="right")
    totals: Counter[str] = Counter()
    for counter in report.by_stage.values():
        totals.update(counter)
    for stage in stages:
        if totals[stage]:
            row = [str(report.by_stage[c][stage]) for c in codes]
            table.add_row(stage, *row, str(totals[stage]))
    console.print(table)
    if report.breaches:
        console.print("[bold]Distribution deadline breaches (R41):[/]")
        for cert_id, code, unit, due, handed in report.breaches:
            console.print(
                f"  {cert_id}  {escape(code)}  {escape(unit)}: due {due}, handed over "
                f"{handed} ({(handed - due).days} days late)"
            )
    else:
        console.print("No distribution deadline breaches.")
    console.print(
        f"{report.steps_recorded} steps recorded, {report.steps_skipped} already done or not "
        f"applicable, in {report.seconds:.1f} s "
        f"({report.lifecycles_per_second:.0f} lifecycles/s) into {escape(store)}"
    )


def certification(console: Console, view: CertificationView, name: str | None) -> None:
    """One certification, as a two-column table."""
    table = Table(show_header=False, title=f"certification {view.id}")
    table.add_column(style="bold")
    table.add_column()
    rows: list[tuple[str, object]] = [
        ("candidate", f"{name or '(personal data not on file)'}  [{view.subject_id}]"),
        ("scheme", f"{view.scheme_code} v{view.scheme_version}"),
        ("stage", view.stage.value),
        ("version", view.version),
        ("purpose", view.purpose.value),
        ("assessment date", view.assessment_date),
        ("assessor", view.assessor_id or "-"),
        ("recommendation", view.recommendation.value if view.recommendation else "-"),
        ("outcome", view.outcome.value if view.outcome else "-"),
        ("decided on", view.decided_on or "-"),
        ("certificate", view.certificate_number or "-"),
        ("valid", f"{view.valid_from} to {view.valid_until}" if view.valid_from else "-"),
        ("distributed on", view.distributed_on or "-"),
    ]
    for label, value in rows:
        table.add_row(label, escape(str(value)))
    units = ", ".join(f"{u.code}={u.verdict.value if u.verdict else '?'}" for u in view.units)
    table.add_row("units", escape(units))
    for deadline in view.deadlines:
        flag = " [red]OVERDUE[/]" if deadline.overdue else ""
        table.add_row(
            f"deadline {deadline.name}",
            f"{deadline.due_on} ({deadline.rule_id}): {deadline.status.value}{flag}",
        )
    console.print(table)


def certification_list(
    console: Console, rows: Sequence[CertificationSummary], names: dict[UUID, str]
) -> None:
    """The table of ``certflow list``."""
    table = Table(title=f"{len(rows)} certifications")
    table.add_column("id", no_wrap=True, min_width=36)
    for column in ("candidate", "scheme", "stage", "v", "certificate"):
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
    console.print(f"[bold]history of {view.id}[/] ({escape(view.scheme_code)})")
    for entry in entries:
        when = entry.at.strftime("%Y-%m-%d %H:%M %z")
        console.print(
            f"[bold]{entry.version:>3}[/]  {when}  [bold cyan]{entry.event}[/] -> {entry.stage}"
        )
        rules = ", ".join(entry.rules) or "-"
        console.print(
            f"     by {escape(entry.actor_id)} ({entry.actor_role}); rules {rules}",
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
