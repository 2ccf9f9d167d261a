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
    "filed": Text("diajukan", "filed"),
    "acknowledged": Text("diterima", "acknowledged as received"),
    "under_investigation": Text("diperiksa", "under investigation"),
    "resolved": Text("selesai", "resolved"),
    "withdrawn": Text("dicabut", "withdrawn by the complainant"),
}
"""Complaint stages in both languages, for the demo's summary."""


def demo_summary(console: Console, report: DemoReport, store: str) -> None:
    """The table printed at the end of ``certflow demo``."""
    stages = [s.value for s in Stage]
    title = t("sertifikasi", "certifications")
    table = Table(title=f"Humas Polri, November 2024: {report.certifications} {title}")
    table.add_column(t("tahap", "stage"), overflow="fold")
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
        console.print(
            t(
                "[bold]Tenggat distribusi terlewat (R41):[/]",
                "[bold]Distribution deadline breaches (R41):[/]",
            )
        )
        for cert_id, code, unit, due, handed in report.breaches:
            late = (handed - due).days
            console.print(
                f"  {cert_id}  {escape(code)}  {escape(unit)}: "
                + t(
                    f"batas {due}, diserahkan {handed} (terlambat {late} hari)",
                    f"due {due}, handed over {handed} ({late} days late)",
                )
            )
    else:
        console.print(
            t("Tidak ada tenggat distribusi yang terlewat.", "No distribution deadline breaches.")
        )
    if report.sponsor_basis:
        console.print(
            escape(
                t(
                    f"Dasar pengungkapan Divhumas dicatat (R62): {report.sponsor_basis}; "
                    "`certflow report sponsor --session SESSION` menampilkan hasilnya per satuan "
                    "kerja, `certflow report bnsp --session SESSION` menulis permohonan blanko "
                    "(setelah `certflow init`).",
                    f"Divhumas' disclosure basis recorded (R62): {report.sponsor_basis}; "
                    "`certflow report sponsor --session SESSION` shows its results per unit, "
                    "`certflow report bnsp --session SESSION` writes the blank request (after "
                    "`certflow init`).",
                ).replace("SESSION", report.session_code)
            )
        )
    if report.tuk is not None:
        name, verified_on, items = report.tuk
        console.print(
            escape(
                t(
                    f"TUK sewaktu {name} diverifikasi untuk jadwal ini pada {verified_on} oleh "
                    f"asesor yang ditugasi LSP ({items} butir daftar periksa; R16, R17).",
                    f"TUK sewaktu {name} verified for this session on {verified_on} by an "
                    f"assessor the LSP assigned ({items} checklist items; R16, R17).",
                )
            )
        )
    if report.complaints:
        counts = ", ".join(
            f"{n} {_COMPLAINT_STAGES.get(stage, stage)}"
            for stage, n in sorted(report.complaints.items())
        )
        console.print(t(f"Keluhan (R53): {counts}.", f"Complaints (R53): {counts}."))
    console.print(
        t(
            f"{report.steps_recorded} langkah dicatat, {report.steps_skipped} sudah ada atau tidak "
            f"berlaku, dalam {report.seconds:.1f} dtk "
            f"({report.lifecycles_per_second:.0f} siklus/dtk) ke {escape(store)}",
            f"{report.steps_recorded} steps recorded, {report.steps_skipped} already done or not "
            f"applicable, in {report.seconds:.1f} s "
            f"({report.lifecycles_per_second:.0f} lifecycles/s) into {escape(store)}",
        )
    )


def sweep(console: Console, rows: Sequence[Row]) -> None:
    """What ``certflow sweep`` recorded (the rows of :func:`~.boards.sweep_rows`)."""
    if not rows:
        console.print(t("Tidak ada yang jatuh tempo.", "Nothing was due."))
        return
    for row in rows:
        known = row["certificate_number"] or row["session_code"]
        which = f"{row['certification_id']}" + (f" ({known})" if known else "")
        console.print(f"  {escape(which)}  {row['trigger']}", highlight=False)
    console.print(t(f"{len(rows)} langkah dicatat.", f"{len(rows)} moves recorded."))


_SHOWN_BAD_ROWS = 50


def intake(console: Console, report: ImportReport) -> None:
    """What ``certflow import`` read, refused and wrote."""
    if report.bad:
        table = Table(title=t(f"{len(report.bad)} baris bermasalah", f"{len(report.bad)} bad rows"))
        table.add_column(t("baris", "row"), justify="right")
        table.add_column(t("masalah", "problem"), overflow="fold")
        for problem in report.bad[:_SHOWN_BAD_ROWS]:
            table.add_row(str(problem.row), escape("; ".join(problem.reasons)))
        console.print(table)
        if len(report.bad) > _SHOWN_BAD_ROWS:
            more = len(report.bad) - _SHOWN_BAD_ROWS
            console.print(t(f"... dan {more} baris lagi (--json)", f"... and {more} more (--json)"))
    if not report.imported:
        console.print(
            t(
                f"Tidak ada yang diimpor: perbaiki baris di atas, atau --skip-invalid untuk "
                f"mengimpor {report.rows - len(report.bad)} baris yang benar.",
                f"Nothing was imported: fix the rows above, or --skip-invalid to import the "
                f"{report.rows - len(report.bad)} good rows.",
            )
        )
        return
    what = t("sertifikasi didaftarkan", "certifications registered")
    if report.kind == "assessors":
        what = t("asesor ditambahkan", "assessors added")
    console.print(
        t(
            f"{report.rows} baris: {report.created} {what}, {report.created_subjects} orang baru, "
            f"{report.existing} sudah ada, {len(report.bad)} dilewati.",
            f"{report.rows} rows: {report.created} {what}, {report.created_subjects} new people, "
            f"{report.existing} already there, {len(report.bad)} skipped.",
        )
    )


RULE_COLUMNS = (
    Column("rule_id", "id"),
    Column("title", Text("aturan", "rule")),
    Column("how", Text("cara", "how"), in_table=False),
    Column("source", Text("sumber", "source")),
    Column("scenarios", Text("skenario", "scenarios")),
    Column("tests", Text("uji", "tests")),
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


ROLE_COLUMNS = (Column("role", Text("peran", "role")), Column("moves", Text("langkah", "moves")))
"""The columns of ``certflow roles``."""


def role_rows(moves: dict[str, list[str]]) -> list[Row]:
    """``certflow roles``: each role with the moves it may make."""
    return [{"role": role, "moves": list(found)} for role, found in moves.items()]
