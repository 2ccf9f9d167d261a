"""What a run did (demo, sweep, import, overdue deadlines) and what the rulebook says."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

from certflow.application import ImportReport, OverdueItem, SweepReport
from certflow.cli.console import escape, t
from certflow.demo import DemoReport
from certflow.domain import RuleEntry, Stage
from certflow.engine import Text

__all__ = ["demo_summary", "intake", "overdue", "roles", "rules", "sweep"]


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
    table.add_column(t("tahap", "stage"))
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


def sweep(console: Console, report: SweepReport) -> None:
    """What ``certflow sweep`` recorded."""
    if not report.moves:
        console.print(t("Tidak ada yang jatuh tempo.", "Nothing was due."))
        return
    for cert_id, trigger in report.moves:
        console.print(f"  {cert_id}  {trigger}")
    console.print(
        t(f"{len(report.moves)} langkah dicatat.", f"{len(report.moves)} moves recorded.")
    )


_SHOWN_BAD_ROWS = 50


def intake(console: Console, report: ImportReport) -> None:
    """What ``certflow import`` read, refused and wrote."""
    if report.bad:
        table = Table(title=t(f"{len(report.bad)} baris bermasalah", f"{len(report.bad)} bad rows"))
        table.add_column(t("baris", "row"), justify="right")
        table.add_column(t("masalah", "problem"))
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


def overdue(console: Console, items: Sequence[OverdueItem]) -> None:
    """The table of ``certflow overdue``."""
    table = Table(title=t(f"{len(items)} tenggat terlewat", f"{len(items)} overdue deadlines"))
    table.add_column("id", no_wrap=True, min_width=36)
    for column in (
        t("tenggat", "deadline"),
        t("aturan", "rule"),
        t("batas", "due"),
        t("hari", "days"),
        t("tahap", "stage"),
    ):
        table.add_column(column)
    for item in items:
        table.add_row(
            str(item.certification_id),
            item.deadline,
            item.rule_id,
            str(item.due_on),
            str(item.days_late),
            item.stage.value,
        )
    console.print(table)


def rules(console: Console, entries: Sequence[RuleEntry], scenarios: dict[str, list[str]]) -> None:
    """The table of ``certflow rules``."""
    table = Table(title=t("Aturan sertifikasi", "Certification rules"), show_lines=True)
    for column in ("id", t("aturan", "rule"), t("sumber", "source"), t("skenario", "scenarios")):
        table.add_column(column, overflow="fold")
    for entry in entries:
        tested = [*scenarios.get(entry.rule_id, []), *entry.tests]
        table.add_row(
            entry.rule_id,
            escape(entry.title.render()),
            escape(entry.source),
            escape("\n".join(tested) or "-"),
        )
    console.print(table)


def roles(console: Console, table: dict[str, list[str]]) -> None:
    """The table of ``certflow roles``."""
    out = Table(title=t("Siapa boleh melakukan apa", "Who may do what"))
    out.add_column(t("peran", "role"))
    out.add_column(t("langkah", "moves"), overflow="fold")
    for role, moves in table.items():
        out.add_row(role, ", ".join(moves) or "-")
    console.print(out)
