"""What an auditor asks: ``audit`` re-checks every history, ``verify`` the hash chain."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.console import Console

from certflow.application import (
    DEFAULT_STORE,
    AuditFinding,
    ImpartialityFinding,
    ImpartialityReport,
)
from certflow.cli import render
from certflow.cli.app import (
    EXIT_FAILED,
    JsonFlag,
    Quiet,
    Store,
    opened,
    parse_day,
    refusals,
)
from certflow.cli.console import print_json, progress, t

__all__ = ["audit", "commands", "verify_store"]

commands = typer.Typer()


@commands.command()
@refusals
def audit(
    store: Store = DEFAULT_STORE,
    today: Annotated[
        str | None, typer.Option(help="Audit as of this day (YYYY-MM-DD); default: today.")
    ] = None,
    replay: Annotated[
        bool,
        typer.Option("--replay", help="Check every move against its definition version instead."),
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Re-check what an auditor asks over every history; exit 1 when anything is found."""
    with opened(store) as lsp:
        if replay:
            replayed = lsp.audit_replay()
            if as_json:
                print_json(
                    {
                        "histories": replayed.histories,
                        "moves": replayed.moves,
                        "illegal": [_finding(f) for f in replayed.illegal],
                        "stranded": [_finding(f) for f in replayed.stranded],
                    }
                )
            else:
                render.replay(Console(), replayed)
            clean = replayed.clean
        else:
            report = lsp.audit(today=None if today is None else parse_day(today))
            if as_json:
                print_json(
                    {
                        "certifications": report.certifications,
                        "rules": {
                            r.rule_id: {
                                "id": r.title.id,
                                "en": r.title.en,
                                "checked": r.checked,
                                "violations": len(r.findings),
                                "findings": [_finding(f) for f in r.findings],
                            }
                            for r in report.rules
                        },
                        "impartiality": _impartiality(report.impartiality),
                    }
                )
            else:
                render.audit(Console(), report)
            clean = report.clean
    if not clean:
        raise typer.Exit(EXIT_FAILED)


def _finding(finding: AuditFinding) -> dict[str, Any]:
    return {
        "certification_id": str(finding.certification_id),
        "version": finding.version,
        "detail": str(finding.detail),
    }


def _impartiality(report: ImpartialityReport) -> dict[str, Any]:
    return {
        "status": report.status,
        "acts": report.acts,
        "before_register": report.before_register,
        "violations": len(report.findings),
        "findings": [_act(f) for f in report.findings],
        "found_later": [_act(f) for f in report.found_later],
    }


def _act(finding: ImpartialityFinding) -> dict[str, Any]:
    return {
        "rule_id": finding.rule_id,
        "certification_id": str(finding.certification_id),
        "version": finding.version,
        "event": finding.event,
        "trigger": finding.trigger,
        "person": finding.person,
        "role": finding.role,
        "mandate": finding.mandate,
        "on": finding.on.isoformat(),
        "detail": str(finding.detail),
    }


@commands.command("verify")
@refusals
def verify_store(
    store: Store = DEFAULT_STORE,
    expect: Annotated[
        str | None, typer.Option(help="The head hash anchored earlier; it must match.")
    ] = None,
    as_json: JsonFlag = False,
    quiet: Quiet = False,
) -> None:
    """Re-read every stored event and check the hash chain; exit 1 if anything was tampered."""
    with opened(store) as lsp, progress(Console(stderr=True), disable=quiet or as_json) as bar:
        task = bar.add_task(t("memeriksa", "verifying"), total=None)
        report = lsp.verify_chain(
            on_progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    mismatch = expect is not None and expect.strip().lower() != report.head
    if as_json:
        print_json(
            {
                "intact": report.intact and not mismatch,
                "records": report.records,
                "head": report.head,
                "expected_head": expect,
                "findings": [
                    {
                        "kind": f.kind,
                        "originator_id": str(f.originator_id) if f.originator_id else None,
                        "version": f.version,
                        "notification_id": f.notification_id,
                        "detail": str(f.detail),
                    }
                    for f in report.findings
                ],
            }
        )
    else:
        render.verification(Console(), report, expect if mismatch else None)
    if not report.intact or mismatch:
        raise typer.Exit(EXIT_FAILED)
