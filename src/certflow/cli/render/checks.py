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
        title = t(
            "{report_findings_count} findings",
            report_findings_count=len(report.findings),
        )
        console.print(table(title, CHAIN_COLUMNS, chain_rows(report)))
    elif not report.findings:
        console.print(
            t(
                "[green]intact[/]: {report_records} events, hash chain matches",
                report_records=report.records,
            )
        )
    if wrong_head is not None:
        console.print(t("[red]head hash differs[/]: expected {wrong_head}", wrong_head=wrong_head))
    console.print(t("head hash: {report_head}", report_head=report.head))


def prefix_verification(console: Console, report: PrefixReport) -> None:
    """What ``certflow verify --checkpoint`` / ``--expect ROOT@SIZE`` found."""
    for source, size in report.checked:
        console.print(
            t(
                "[green]extends[/] {source}: the first {size} events match",
                source=escape(source),
                size=size,
            )
        )
    for f in report.findings:
        console.print(f"[red]{f.kind}[/] {escape(f.source)}: {escape(f.detail)}")


def audit(console: Console, report: AuditReport, labels: Labels) -> None:
    """The table of ``certflow audit``: counts per rule, then the offending ids."""
    summary = Table(
        title=t(
            "Compliance audit: {report_certifications} certifications",
            report_certifications=report.certifications,
        )
    )
    for column in (
        "id",
        t("rule"),
        t("checked"),
        t("violations"),
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
    title = t("Impartiality and appointments")
    if report.status == "no register":
        console.print(
            f"[bold]{title}[/]: "
            + t("[yellow]no register[/]: an older store, nothing to check against")
        )
        return
    count = len(report.findings)
    console.print(
        f"[bold]{title}[/]: "
        + t(
            "{report_acts} acts checked, {count} violations",
            report_acts=report.acts,
            count=count,
        )
        + (
            t(
                " ({report_before_register} before the register, not checked)",
                report_before_register=report.before_register,
            )
            if report.before_register
            else ""
        ),
        highlight=False,
    )
    for finding in report.findings:
        _act(console, finding, labels)
    if report.found_later:
        console.print(f"[bold]{t('Conflicts found later')}[/]: {len(report.found_later)}")
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
            "{report_histories} histories, {report_moves} moves checked",
            report_histories=report.histories,
            report_moves=report.moves,
        )
    )
    for title, found in (
        (t("illegal moves"), report.illegal),
        (t("cannot continue"), report.stranded),
    ):
        console.print(f"[bold]{title}[/]: {len(found)}")
        for finding in found:
            where = f"{_which(labels, finding.certification_id)}  v{finding.version or '-'}"
            console.print(f"  {where}  {escape(str(finding.detail))}")


_STATUS = {
    "valid": (Text("VALID"), "green"),
    "suspended": (Text("SUSPENDED"), "yellow"),
    "revoked": (Text("REVOKED"), "red"),
    "expired": (Text("EXPIRED"), "red"),
    "superseded": (Text("SUPERSEDED"), "yellow"),
    "void": (Text("VOID (A DUPLICATE REPLACED IT)"), "red"),
    "forged": (Text("FORGED"), "red"),
    "damaged": (Text("DAMAGED (NOT A WELL-FORMED TOKEN)"), "red"),
    "unknown_key": (Text("UNKNOWN KEY"), "red"),
    "revoked_key": (Text("REVOKED KEY"), "red"),
    "unknown": (Text("UNKNOWN"), "red"),
}


_NAME_CHECK = {
    NameCheck.MATCHES: Text("as printed"),
    NameCheck.ALTERED: Text(
        "[red]ALTERED[/] after issue: the name on file is not the name printed",
    ),
    NameCheck.ERASED: Text("personal data erased"),
    NameCheck.NOT_BOUND: Text("not bound (printed before names were bound)"),
    NameCheck.NOT_ON_FILE: Text("not on file"),
}


def certificate_check(console: Console, answer: CertificateCheck) -> None:
    """The public answer of ``certflow verify-certificate`` (never a NIK)."""
    word, colour = _STATUS[answer.status.value]
    console.print(f"[bold {colour}]{word}[/]")
    rows = [
        (t("number"), answer.number),
        (t("scheme"), " ".join(filter(None, (answer.scheme_title, answer.scheme_code)))),
        (t("holder"), answer.holder),
        (
            t("valid"),
            f"{answer.valid_from} - {answer.valid_until}" if answer.valid_from else None,
        ),
        (t("copy"), answer.copy_number),
    ]
    for label, value in rows:
        if value:
            console.print(f"  {label}: {escape(str(value))}")
    if answer.name_check is not None:
        console.print(f"  {t('name')}: {_NAME_CHECK[answer.name_check]}")
    if answer.issuer is not None:
        issuer = escape(answer.issuer)
        console.print(
            t(
                "  issued by LSP {issuer}, not this register's LSP: check it "
                "with that LSP, or check the LSP code in the profile (--lsp-code)",
                issuer=issuer,
            )
        )
    if answer.offline:
        console.print(t("  (checked offline: signature and dates only)"))
