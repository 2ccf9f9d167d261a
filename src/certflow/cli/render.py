"""Rich rendering of views for the command line."""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Sequence
from typing import TextIO
from uuid import UUID

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from certflow.application import (
    CertificationSummary,
    CertificationView,
    FieldChange,
    HistoryEntry,
    OverdueItem,
    SweepReport,
)
from certflow.application.audit import AuditReport, ReplayReport
from certflow.application.certificates import CertificateCheck
from certflow.application.chain import VerifyReport
from certflow.application.intake import ImportReport
from certflow.demo import DemoReport
from certflow.domain import RuleEntry, Stage
from certflow.engine import Text


def t(id_text: str, en_text: str) -> str:
    """A CLI phrase in the language of ``CERTFLOW_LANG`` (Bahasa Indonesia by default)."""
    return Text(id_text, en_text).render()


__all__ = [
    "certification",
    "certification_list",
    "demo_summary",
    "escape",
    "overdue",
    "progress",
    "rules",
    "sweep",
    "t",
    "timeline",
    "timeline_csv",
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
        console.print(
            f"     {t('oleh', 'by')} {escape(entry.actor_id)} ({entry.actor_role}); "
            f"{t('aturan', 'rules')} {rules}",
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
        tested = scenarios.get(entry.rule_id, [])
        table.add_row(
            entry.rule_id,
            escape(entry.title.render()),
            escape(entry.source),
            escape("\n".join(tested) or "-"),
        )
    console.print(table)


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


def verification(console: Console, report: VerifyReport, wrong_head: str | None) -> None:
    """What ``certflow verify`` found."""
    if report.findings:
        table = Table(title=t(f"{len(report.findings)} temuan", f"{len(report.findings)} findings"))
        for column in (t("jenis", "kind"), "id", "v", "#", t("keterangan", "detail")):
            table.add_column(column, overflow="fold")
        for f in report.findings:
            table.add_row(
                f.kind,
                str(f.originator_id or "-"),
                str(f.version or "-"),
                str(f.notification_id or "-"),
                escape(str(f.detail)),
            )
        console.print(table)
    else:
        console.print(
            t(
                f"[green]utuh[/]: {report.records} peristiwa, rantai hash cocok",
                f"[green]intact[/]: {report.records} events, hash chain matches",
            )
        )
    if wrong_head is not None:
        console.print(
            t(
                f"[red]kepala rantai berbeda[/]: diharapkan {wrong_head}",
                f"[red]head hash differs[/]: expected {wrong_head}",
            )
        )
    console.print(t(f"kepala rantai: {report.head}", f"head hash: {report.head}"))


def audit(console: Console, report: AuditReport) -> None:
    """The table of ``certflow audit``: counts per rule, then the offending ids."""
    table = Table(
        title=t(
            f"Audit kepatuhan: {report.certifications} sertifikasi",
            f"Compliance audit: {report.certifications} certifications",
        )
    )
    for column in (
        "id",
        t("aturan", "rule"),
        t("diperiksa", "checked"),
        t("pelanggaran", "violations"),
    ):
        table.add_column(column, overflow="fold")
    for rule in report.rules:
        count = len(rule.findings)
        table.add_row(
            rule.rule_id,
            escape(rule.title.render()),
            str(rule.checked),
            f"[red]{count}[/]" if count else "0",
        )
    console.print(table)
    for rule in report.rules:
        for finding in rule.findings:
            console.print(
                f"  {rule.rule_id}  {finding.certification_id}  "
                f"v{finding.version or '-'}  {escape(str(finding.detail))}"
            )


def replay(console: Console, report: ReplayReport) -> None:
    """What ``certflow audit --replay`` found."""
    console.print(
        t(
            f"{report.histories} riwayat, {report.moves} langkah diperiksa",
            f"{report.histories} histories, {report.moves} moves checked",
        )
    )
    for title, found in (
        (t("langkah tidak sah", "illegal moves"), report.illegal),
        (t("tidak dapat dilanjutkan", "cannot continue"), report.stranded),
    ):
        console.print(f"[bold]{title}[/]: {len(found)}")
        for finding in found:
            where = f"{finding.certification_id}  v{finding.version or '-'}"
            console.print(f"  {where}  {escape(str(finding.detail))}")


def roles(console: Console, table: dict[str, list[str]]) -> None:
    """The table of ``certflow roles``."""
    out = Table(title=t("Siapa boleh melakukan apa", "Who may do what"))
    out.add_column(t("peran", "role"))
    out.add_column(t("langkah", "moves"), overflow="fold")
    for role, moves in table.items():
        out.add_row(role, ", ".join(moves) or "-")
    console.print(out)


_STATUS = {
    "valid": ("BERLAKU", "VALID", "green"),
    "suspended": ("DIBEKUKAN", "SUSPENDED", "yellow"),
    "revoked": ("DICABUT", "REVOKED", "red"),
    "expired": ("KEDALUWARSA", "EXPIRED", "red"),
    "superseded": ("DIGANTIKAN", "SUPERSEDED", "yellow"),
    "void": ("BATAL (ADA DUPLIKAT)", "VOID (A DUPLICATE REPLACED IT)", "red"),
    "forged": ("PALSU", "FORGED", "red"),
    "unknown": ("TIDAK DIKENAL", "UNKNOWN", "red"),
}


def certificate_check(console: Console, answer: CertificateCheck) -> None:
    """The public answer of ``certflow verify-certificate`` (never a NIK)."""
    id_word, en_word, colour = _STATUS[answer.status.value]
    console.print(f"[bold {colour}]{t(id_word, en_word)}[/]")
    rows = [
        (t("nomor", "number"), answer.number),
        (t("skema", "scheme"), " ".join(filter(None, (answer.scheme_title, answer.scheme_code)))),
        (t("pemegang", "holder"), answer.holder),
        (
            t("berlaku", "valid"),
            f"{answer.valid_from} - {answer.valid_until}" if answer.valid_from else None,
        ),
        (t("salinan", "copy"), answer.copy_number),
    ]
    for label, value in rows:
        if value:
            console.print(f"  {label}: {escape(str(value))}")
    if answer.offline:
        console.print(
            t(
                "  (diperiksa luring: tanda tangan dan tanggal saja)",
                "  (checked offline: signature and dates only)",
            )
        )
