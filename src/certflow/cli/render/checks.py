"""What a check found: the hash chain, the compliance and replay audits, a certificate."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from certflow.application import AuditReport, CertificateCheck, ReplayReport, VerifyReport
from certflow.cli.console import escape, t

__all__ = ["audit", "certificate_check", "replay", "verification"]


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
