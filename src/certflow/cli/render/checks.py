"""What a check found: the hash chain, the compliance and replay audits, a certificate."""

from __future__ import annotations

from uuid import UUID

from rich.console import Console
from rich.table import Table

from certflow.application import (
    AuditReport,
    CertificateCheck,
    ImpartialityFinding,
    ImpartialityReport,
    NameCheck,
    PrefixReport,
    ReplayReport,
    VerifyReport,
)
from certflow.cli.console import escape, t
from certflow.cli.labels import Labels
from certflow.cli.render.findings import CHAIN_COLUMNS, chain_rows
from certflow.cli.render.tables import table
from certflow.engine import Text

__all__ = [
    "audit",
    "certificate_check",
    "impartiality",
    "prefix_verification",
    "replay",
    "verification",
]


def verification(
    console: Console, report: VerifyReport, wrong_head: str | None, *, findings: bool = True
) -> None:
    """What ``certflow verify`` found (``findings``: with the table of the chain's findings)."""
    if report.findings and findings:
        title = t(f"{len(report.findings)} temuan", f"{len(report.findings)} findings")
        console.print(table(title, CHAIN_COLUMNS, chain_rows(report)))
    elif not report.findings:
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


def prefix_verification(console: Console, report: PrefixReport) -> None:
    """What ``certflow verify --checkpoint`` / ``--expect ROOT@SIZE`` found."""
    for source, size in report.checked:
        console.print(
            t(
                f"[green]memperpanjang[/] {escape(source)}: {size} peristiwa pertama cocok",
                f"[green]extends[/] {escape(source)}: the first {size} events match",
            )
        )
    for f in report.findings:
        console.print(f"[red]{f.kind}[/] {escape(f.source)}: {escape(f.detail)}")


def audit(console: Console, report: AuditReport, labels: Labels) -> None:
    """The table of ``certflow audit``: counts per rule, then the offending ids."""
    summary = Table(
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
        summary.add_column(column, overflow="fold")
    for rule in report.rules:
        count = len(rule.findings)
        summary.add_row(
            rule.rule_id,
            escape(rule.title.render()),
            str(rule.checked),
            f"[red]{count}[/]" if count else "0",
        )
    console.print(summary)
    for rule in report.rules:
        for finding in rule.findings:
            console.print(
                f"  {rule.rule_id}  {_which(labels, finding.certification_id)}  "
                f"v{finding.version or '-'}  {escape(str(finding.detail))}"
            )
    impartiality(console, report.impartiality, labels)


def _which(labels: Labels, certification_id: UUID) -> str:
    """A certification id, with its certificate number or else its session code."""
    known = labels.certificate_number(certification_id) or labels.session_of(certification_id)
    return f"{certification_id}" + (f" ({escape(known)})" if known else "")


def impartiality(console: Console, report: ImpartialityReport, labels: Labels) -> None:
    """The impartiality section: every act against the register of its time."""
    title = t("Imparsialitas dan penetapan", "Impartiality and appointments")
    if report.status == "no register":
        console.print(
            f"[bold]{title}[/]: "
            + t(
                "[yellow]tanpa daftar personel[/] (no register): penyimpanan lama, "
                "tidak ada yang diperiksa",
                "[yellow]no register[/]: an older store, nothing to check against",
            )
        )
        return
    count = len(report.findings)
    console.print(
        f"[bold]{title}[/]: "
        + t(
            f"{report.acts} tindakan diperiksa, {count} pelanggaran",
            f"{report.acts} acts checked, {count} violations",
        )
        + (
            t(
                f" ({report.before_register} sebelum daftar personel, tidak diperiksa)",
                f" ({report.before_register} before the register, not checked)",
            )
            if report.before_register
            else ""
        ),
        highlight=False,
    )
    for finding in report.findings:
        _act(console, finding, labels)
    if report.found_later:
        console.print(
            f"[bold]{t('Konflik yang ditemukan kemudian', 'Conflicts found later')}[/]: "
            f"{len(report.found_later)}"
        )
        for finding in report.found_later:
            _act(console, finding, labels)


def _act(console: Console, f: ImpartialityFinding, labels: Labels) -> None:
    console.print(
        f"  {f.rule_id}  {_which(labels, f.certification_id)}  v{f.version}  {f.event}  "
        f"{f.on.isoformat()}  "
        f"{escape(f.person)} ({f.role}; {escape(f.mandate or '-')})  {escape(str(f.detail))}",
        highlight=False,
    )


def replay(console: Console, report: ReplayReport, labels: Labels) -> None:
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
            where = f"{_which(labels, finding.certification_id)}  v{finding.version or '-'}"
            console.print(f"  {where}  {escape(str(finding.detail))}")


_STATUS = {
    "valid": (Text("BERLAKU", "VALID"), "green"),
    "suspended": (Text("DIBEKUKAN", "SUSPENDED"), "yellow"),
    "revoked": (Text("DICABUT", "REVOKED"), "red"),
    "expired": (Text("KEDALUWARSA", "EXPIRED"), "red"),
    "superseded": (Text("DIGANTIKAN", "SUPERSEDED"), "yellow"),
    "void": (Text("BATAL (ADA DUPLIKAT)", "VOID (A DUPLICATE REPLACED IT)"), "red"),
    "forged": (Text("PALSU", "FORGED"), "red"),
    "damaged": (Text("RUSAK (BUKAN TOKEN YANG UTUH)", "DAMAGED (NOT A WELL-FORMED TOKEN)"), "red"),
    "unknown_key": (Text("KUNCI TIDAK DIKENAL", "UNKNOWN KEY"), "red"),
    "revoked_key": (Text("KUNCI DICABUT", "REVOKED KEY"), "red"),
    "unknown": (Text("TIDAK DIKENAL", "UNKNOWN"), "red"),
}


_NAME_CHECK = {
    NameCheck.MATCHES: Text("sama dengan yang tercetak", "as printed"),
    NameCheck.ALTERED: Text(
        "[red]DIUBAH[/] setelah terbit: nama yang tercatat bukan nama yang tercetak",
        "[red]ALTERED[/] after issue: the name on file is not the name printed",
    ),
    NameCheck.ERASED: Text("data pribadi dihapus", "personal data erased"),
    NameCheck.NOT_BOUND: Text(
        "tidak terikat (dicetak sebelum nama diikat)",
        "not bound (printed before names were bound)",
    ),
    NameCheck.NOT_ON_FILE: Text("tidak tercatat", "not on file"),
}


def certificate_check(console: Console, answer: CertificateCheck) -> None:
    """The public answer of ``certflow verify-certificate`` (never a NIK)."""
    word, colour = _STATUS[answer.status.value]
    console.print(f"[bold {colour}]{word}[/]")
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
    if answer.name_check is not None:
        console.print(f"  {t('nama', 'name')}: {_NAME_CHECK[answer.name_check]}")
    if answer.issuer is not None:
        issuer = escape(answer.issuer)
        console.print(
            t(
                f"  diterbitkan oleh LSP {issuer}, bukan LSP register ini: periksa pada LSP "
                "tersebut, atau periksa kode LSP di profil (--lsp-code)",
                f"  issued by LSP {issuer}, not this register's LSP: check it with that LSP, "
                "or check the LSP code in the profile (--lsp-code)",
            )
        )
    if answer.offline:
        console.print(
            t(
                "  (diperiksa luring: tanda tangan dan tanggal saja)",
                "  (checked offline: signature and dates only)",
            )
        )
