"""What a run did (demo, sweep, import, overdue deadlines) and what the rulebook says."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

from certflow.application import ImportReport
from certflow.cli.console import escape, t
from certflow.cli.render.tables import Column, Row
from certflow.demo import DemoReport
from certflow.domain import RuleEntry, Stage
from certflow.engine import Text

__all__ = [
    "ROLE_COLUMNS",
    "RULE_COLUMNS",
    "demo_summary",
    "intake",
    "role_rows",
    "rule_rows",
    "sweep",
]


_COMPLAINT_STAGES = {
    "filed": Text("filed"),
    "acknowledged": Text("acknowledged as received"),
    "under_investigation": Text("under investigation"),
    "resolved": Text("resolved"),
    "withdrawn": Text("withdrawn by the complainant"),
}
"""Complaint stages in both languages, for the demo's summary."""


def demo_summary(console: Console, report: DemoReport, store: str) -> None:
    """The table printed at the end of ``certflow demo``."""
    stages = [s.value for s in Stage]
    title = t("certifications")
    table = Table(title=f"Humas Polri, November 2024: {report.certifications} {title}")
    table.add_column(t("stage"), overflow="fold")
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
        console.print(t("[bold]Distribution deadline breaches (R41):[/]"))
        for cert_id, code, unit, due, handed in report.breaches:
            late = (handed - due).days
            console.print(
                f"  {cert_id}  {escape(code)}  {escape(unit)}: "
                + t(
                    "due {due}, handed over {handed} ({late} days late)",
                    due=due,
                    handed=handed,
                    late=late,
                )
            )
    else:
        console.print(t("No distribution deadline breaches."))
    if report.sponsor_basis:
        console.print(
            escape(
                t(
                    "Divhumas' disclosure basis recorded (R62): "
                    "{report_sponsor_basis}; `certflow report sponsor --session "
                    "SESSION` shows its results per unit, `certflow report bnsp "
                    "--session SESSION` writes the blank request (after `certflow "
                    "init`).",
                    report_sponsor_basis=report.sponsor_basis,
                ).replace("SESSION", report.session_code)
            )
        )
    if report.tuk is not None:
        name, verified_on, items = report.tuk
        console.print(
            escape(
                t(
                    "TUK sewaktu {name} verified for this session on {verified_on} "
                    "by an assessor the LSP assigned ({items} checklist items; R16, "
                    "R17).",
                    name=name,
                    verified_on=verified_on,
                    items=items,
                )
            )
        )
    if report.complaints:
        counts = ", ".join(
            f"{n} {_COMPLAINT_STAGES.get(stage, stage)}"
            for stage, n in sorted(report.complaints.items())
        )
        console.print(t("Complaints (R53): {counts}.", counts=counts))
    console.print(
        t(
            "{report_steps_recorded} steps recorded, {report_steps_skipped} "
            "already done or not applicable, in {report_seconds:.1f} s "
            "({report_lifecycles_per_second:.0f} lifecycles/s) into {store}",
            report_steps_recorded=report.steps_recorded,
            report_steps_skipped=report.steps_skipped,
            report_seconds=report.seconds,
            report_lifecycles_per_second=report.lifecycles_per_second,
            store=escape(store),
        )
    )


def sweep(console: Console, rows: Sequence[Row]) -> None:
    """What ``certflow sweep`` recorded (the rows of :func:`~.boards.sweep_rows`)."""
    if not rows:
        console.print(t("Nothing was due."))
        return
    for row in rows:
        known = row["certificate_number"] or row["session_code"]
        which = f"{row['certification_id']}" + (f" ({known})" if known else "")
        console.print(f"  {escape(which)}  {row['trigger']}", highlight=False)
    console.print(t("{rows_count} moves recorded.", rows_count=len(rows)))


_SHOWN_BAD_ROWS = 50


def intake(console: Console, report: ImportReport) -> None:
    """What ``certflow import`` read, refused and wrote."""
    if report.bad:
        table = Table(title=t("{report_bad_count} bad rows", report_bad_count=len(report.bad)))
        table.add_column(t("row"), justify="right")
        table.add_column(t("problem"), overflow="fold")
        for problem in report.bad[:_SHOWN_BAD_ROWS]:
            table.add_row(str(problem.row), escape("; ".join(problem.reasons)))
        console.print(table)
        if len(report.bad) > _SHOWN_BAD_ROWS:
            more = len(report.bad) - _SHOWN_BAD_ROWS
            console.print(t("... and {more} more (--json)", more=more))
    if not report.imported:
        console.print(
            t(
                "Nothing was imported: fix the rows above, or --skip-invalid to "
                "import the {value} good rows.",
                value=report.rows - len(report.bad),
            )
        )
        return
    what = t("certifications registered")
    if report.kind == "assessors":
        what = t("assessors added")
    console.print(
        t(
            "{report_rows} rows: {report_created} {what}, "
            "{report_created_subjects} new people, {report_existing} already "
            "there, {report_bad_count} skipped.",
            report_rows=report.rows,
            report_created=report.created,
            what=what,
            report_created_subjects=report.created_subjects,
            report_existing=report.existing,
            report_bad_count=len(report.bad),
        )
    )


RULE_COLUMNS = (
    Column("rule_id", "id"),
    Column("title", Text("rule")),
    Column("how", Text("how"), in_table=False),
    Column("source", Text("source")),
    Column("scenarios", Text("scenarios")),
    Column("tests", Text("tests")),
)
"""The columns of ``certflow rules``; ``title`` is in the user's language."""


def rule_rows(entries: Sequence[RuleEntry], scenarios: dict[str, list[str]]) -> list[Row]:
    """``certflow rules``: each rule with its sentence, source, scenarios and tests."""
    return [
        {
            "rule_id": e.rule_id,
            "title": e.title.render(),
            "how": e.how,
            "source": e.source,
            "scenarios": scenarios.get(e.rule_id, []),
            "tests": list(e.tests),
        }
        for e in entries
    ]


ROLE_COLUMNS = (Column("role", Text("role")), Column("moves", Text("moves")))
"""The columns of ``certflow roles``."""


def role_rows(moves: dict[str, list[str]]) -> list[Row]:
    """``certflow roles``: each role with the moves it may make."""
    return [{"role": role, "moves": list(found)} for role, found in moves.items()]
