"""What an auditor asks: ``audit`` re-checks every history, ``verify`` the hash chain."""

from __future__ import annotations

import base64
import binascii
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from certflow import InvalidInputError, checkpoint_key
from certflow.application import (
    AuditFinding,
    ImpartialityFinding,
    ImpartialityReport,
    PrefixReport,
)
from certflow.cli import profile as profiles
from certflow.cli import render
from certflow.cli.app import (
    EXIT_FAILED,
    Quiet,
    Store,
    opened,
    parse_day,
    refusals,
)
from certflow.cli.console import print_json, progress, t
from certflow.cli.formats import FormatOption, JsonAlias, chosen
from certflow.cli.labels import Labels
from certflow.cli.render.findings import (
    CHAIN_COLUMNS,
    FINDING_COLUMNS,
    audit_rows,
    chain_rows,
    replay_rows,
)
from certflow.cli.render.tables import Format, emit, table_console
from certflow.engine import Text

__all__ = ["audit", "commands", "verify_store"]

commands = typer.Typer()


@commands.command()
@refusals
def audit(
    store: Store = None,
    today: Annotated[
        str | None, typer.Option(help="Audit as of this day (YYYY-MM-DD); default: today.")
    ] = None,
    replay: Annotated[
        bool,
        typer.Option("--replay", help="Check every move against its definition version instead."),
    ] = False,
    output: FormatOption = None,
    as_json: JsonAlias = False,
) -> None:
    """Re-check what an auditor asks over every history; exit 1 when anything is found.

    ``--format csv|json`` lists the findings, one per row, with certificate numbers and session
    codes; the older ``--json`` prints the whole report (counts per rule and the findings).
    """
    fmt = chosen(output, as_json=as_json)
    with opened(store, readonly=True) as lsp:
        labels = Labels(lsp)
        if replay:
            replayed = lsp.audit_replay()
            if fmt is not Format.TABLE and not as_json:
                emit(fmt, FINDING_COLUMNS, replay_rows(replayed, labels), title="")
            elif as_json:
                print_json(
                    {
                        "histories": replayed.histories,
                        "moves": replayed.moves,
                        "illegal": [_finding(f) for f in replayed.illegal],
                        "stranded": [_finding(f) for f in replayed.stranded],
                    }
                )
            else:
                render.replay(table_console(), replayed, labels)
            clean = replayed.clean
        else:
            report = lsp.audit(today=None if today is None else parse_day(today))
            if fmt is not Format.TABLE and not as_json:
                emit(fmt, FINDING_COLUMNS, audit_rows(report, labels), title="")
            elif as_json:
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
                render.audit(table_console(), report, labels)
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
    store: Store = None,
    expect: Annotated[
        list[str] | None,
        typer.Option(
            help="HEAD (the chain's head hash, as before) or ROOT@SIZE (the Merkle root, hex "
            "or base64, of the first SIZE events, as in a checkpoint); repeatable."
        ),
    ] = None,
    checkpoint: Annotated[
        list[Path] | None,
        typer.Option(help="A signed checkpoint the store must still extend; repeatable."),
    ] = None,
    public_key: Annotated[
        Path | None,
        typer.Option("--public-key", envvar="CERTFLOW_PUBLIC_KEY", help="The LSP's public key."),
    ] = None,
    lsp_code: Annotated[
        str | None, typer.Option(help="The LSP's code, in checkpoint origins [default: profile].")
    ] = None,
    output: FormatOption = None,
    as_json: JsonAlias = False,
    quiet: Quiet = False,
) -> None:
    """Re-read every stored event and check the hash chain (and checkpoints); exit 1 if tampered.

    ``--format csv|json`` lists the chain's findings, one per row (the checkpoints' findings are
    printed as a table after them on standard error); the older ``--json`` prints the whole
    report.
    """
    fmt = chosen(output, as_json=as_json)
    heads = [e.strip().lower() for e in expect or [] if "@" not in e]
    roots = [_root_at(e) for e in expect or [] if "@" in e]
    notes = [(str(path), _read(path)) for path in checkpoint or []]
    key = (
        None
        if public_key is None
        else checkpoint_key(profiles.lsp_code(lsp_code), public=public_key)
    )
    if notes and key is None:
        raise InvalidInputError([Text("--checkpoint needs --public-key (or CERTFLOW_PUBLIC_KEY)")])
    with (
        opened(store, lsp_code=lsp_code, readonly=True) as lsp,
        progress(Console(stderr=True), disable=quiet or fmt is not Format.TABLE) as bar,
    ):
        task = bar.add_task(t("verifying"), total=None)
        report = lsp.verify_chain(
            on_progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
        prefix = (
            lsp.verify_checkpoints(key=key, notes=notes, expect=roots) if notes or roots else None
        )
    wrong = next((h for h in heads if h != report.head), None)
    failed = not report.intact or wrong is not None or (prefix is not None and not prefix.intact)
    if as_json:
        print_json(
            {
                "intact": not failed,
                "records": report.records,
                "head": report.head,
                "expected_head": heads[0] if len(heads) == 1 else heads or None,
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
                "checkpoints": None if prefix is None else _prefix(prefix),
            }
        )
    elif fmt is not Format.TABLE:
        emit(fmt, CHAIN_COLUMNS, chain_rows(report), title="")
        if wrong is not None or prefix is not None:
            render.verification(Console(stderr=True), report, wrong, findings=False)
        if prefix is not None:
            render.prefix_verification(Console(stderr=True), prefix)
    else:
        render.verification(table_console(), report, wrong)
        if prefix is not None:
            render.prefix_verification(table_console(), prefix)
    if failed:
        raise typer.Exit(EXIT_FAILED)


def _prefix(report: PrefixReport) -> dict[str, Any]:
    return {
        "events": report.events,
        "extended": [{"source": source, "size": size} for source, size in report.checked],
        "findings": [
            {
                "kind": f.kind,
                "source": f.source,
                "size": f.size,
                "after": f.after,
                "by": f.by,
                "detail": f.detail,
            }
            for f in report.findings
        ],
    }


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidInputError([f"{path}: {error}"]) from None


def _root_at(text: str) -> tuple[bytes, int]:
    value, _, size = text.strip().rpartition("@")
    try:
        root = bytes.fromhex(value) if len(value) == 64 else base64.b64decode(value, validate=True)
        if len(root) != 32 or int(size) < 0:
            raise ValueError(value)
        return root, int(size)
    except (ValueError, binascii.Error):
        raise InvalidInputError(
            [Text("{text!r} is not ROOT@SIZE (a 32-byte hash, hex or base64)", text=text)]
        ) from None
