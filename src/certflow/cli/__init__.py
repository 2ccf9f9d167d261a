"""The ``certflow`` command line: a thin shell over :class:`~certflow.CertificationBody`.

Exit codes: 0 success; 1 unexpected error; 2 usage error; 3 the command was refused by a rule
(the rule id and sentence are printed); 4 no such record; 5 a concurrent change got there first.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar
from uuid import UUID

from certflow.adapters.extras import MissingExtraError

try:
    import typer
    from rich.console import Console
except ImportError as missing:  # the 'cli' extra
    raise MissingExtraError("cli", missing.name or "typer") from None

from certflow.application import DEFAULT_STORE, CertificationBody, CertificationView
from certflow.application.intake import ImportReport
from certflow.application.rulebook import scenarios_by_rule
from certflow.bootstrap import open
from certflow.cli import render
from certflow.domain import (
    CERTIFICATION_WORKFLOW,
    RULEBOOK,
    Role,
    Stage,
    roles_by_move,
    roles_markdown,
    rules_markdown,
    workflow_markdown,
)
from certflow.engine import (
    WIB,
    Actor,
    CertflowError,
    ConcurrencyConflictError,
    InvalidInputError,
    NotFoundError,
    RejectedError,
)

__all__ = ["EXIT_CONFLICT", "EXIT_NOT_FOUND", "EXIT_REFUSED", "app", "main"]

EXIT_REFUSED = 3
EXIT_NOT_FOUND = 4
EXIT_CONFLICT = 5

app = typer.Typer(
    name="certflow",
    help="Event-sourced competency certification (BNSP/LSP, ISO/IEC 17024).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

Store = Annotated[
    str,
    typer.Option(
        "--store",
        envvar="CERTFLOW_STORE",
        help="Where records are kept: sqlite:///file.db, postgresql://user@host/db, memory://",
        show_default=True,
    ),
]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")]
Today = Annotated[str | None, typer.Option(help="As of this day (YYYY-MM-DD); default: today.")]
RecordId = Annotated[str, typer.Argument(help="A certification id or a certificate number.")]

P = ParamSpec("P")
R = TypeVar("R")


def _refusals(command: Callable[P, R]) -> Callable[P, R]:
    """Turn certflow's errors into a message and a distinct exit code, without a traceback."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        err = Console(stderr=True)
        try:
            return command(*args, **kwargs)
        except RejectedError as error:
            err.print(f"[bold red]{render.t('ditolak', 'refused')}[/] {render.escape(str(error))}")
            raise typer.Exit(EXIT_REFUSED) from None
        except NotFoundError as error:
            label = render.t("tidak ditemukan", "not found")
            err.print(f"[bold red]{label}[/] {render.escape(str(error))}")
            raise typer.Exit(EXIT_NOT_FOUND) from None
        except ConcurrencyConflictError as error:
            err.print(f"[bold red]{render.t('konflik', 'conflict')}[/] {render.escape(str(error))}")
            raise typer.Exit(EXIT_CONFLICT) from None
        except CertflowError as error:
            err.print(f"[bold red]{render.t('galat', 'error')}[/] {render.escape(str(error))}")
            raise typer.Exit(1) from None

    return run


def _open(store: str) -> CertificationBody:
    return open(store)


def _resolve(lsp: CertificationBody, key: str) -> CertificationView:
    try:
        return lsp.get(UUID(key.strip()))
    except ValueError:
        return lsp.get_by_number(key)


@app.command()
@_refusals
def demo(
    store: Store = DEFAULT_STORE,
    seed: Annotated[int, typer.Option(help="Picks the fictitious names and BK units.")] = 2024,
    quiet: Quiet = False,
) -> None:
    """Run the November 2024 Humas Polri certification into the store (safe to repeat)."""
    from certflow.demo import run_demo

    console = Console()
    lsp = _open(store)
    try:
        with render.progress(console, disable=quiet) as bar:
            task = bar.add_task("certifying", total=None)

            def step(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            report = run_demo(lsp, seed=seed, on_progress=step)
        render.demo_summary(console, report, lsp.store.display)
    finally:
        lsp.close()


@app.command()
@_refusals
def show(
    record: RecordId,
    store: Store = DEFAULT_STORE,
    version: Annotated[
        int | None, typer.Option(help="Show the record as it was after this event.")
    ] = None,
    at: Annotated[
        str | None,
        typer.Option(help="Show the record as it was at this time (2024-11-20T10:00, WIB)."),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Show one certification: now, after event VERSION, or as it was AT a time."""
    lsp = _open(store)
    try:
        view = _resolve(lsp, record)
        if version is not None or at is not None:
            view = lsp.state_at(view.id, version=version, at=None if at is None else _time(at))
        if as_json:
            data = view.model_dump(mode="json")
            data["overdue"] = list(view.overdue)
            _print_json(data)
        else:
            render.certification(Console(), view, lsp.holder_name(view.subject_id))
    finally:
        lsp.close()


@app.command("list")
@_refusals
def list_(
    store: Store = DEFAULT_STORE,
    stage: Annotated[
        str | None,
        typer.Option(help=f"Only this stage: {', '.join(s.value for s in Stage)}."),
    ] = None,
    scheme: Annotated[str | None, typer.Option(help="Only this scheme code.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """List certifications with their stage and certificate number."""
    lsp = _open(store)
    try:
        rows = lsp.list_certifications(stage=stage, scheme_code=scheme)
        names = {
            k: v.data.name for k, v in lsp.subjects.get_many(r.subject_id for r in rows).items()
        }
        for row in rows:
            if row.subject_id not in names:
                names[row.subject_id] = lsp.holder_name(row.subject_id)
        if as_json:
            _print_json(
                [r.model_dump(mode="json") | {"name": names.get(r.subject_id)} for r in rows]
            )
        else:
            render.certification_list(Console(), rows, names)
    finally:
        lsp.close()


@app.command()
@_refusals
def history(
    record: RecordId,
    store: Store = DEFAULT_STORE,
    at: Annotated[
        str | None,
        typer.Option(help="The history as it stood at this time (2024-11-20T10:00, WIB)."),
    ] = None,
    event: Annotated[
        list[str] | None, typer.Option(help="Only these events (repeat the option).")
    ] = None,
    actor: Annotated[str | None, typer.Option(help="Only this actor id.")] = None,
    since: Annotated[str | None, typer.Option(help="Only moves at or after this time.")] = None,
    until: Annotated[str | None, typer.Option(help="Only moves at or before this time.")] = None,
    as_json: JsonFlag = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print CSV instead of a table.")] = False,
) -> None:
    """The audit timeline of one certification: version, time, event, actor, role, details."""
    lsp = _open(store)
    try:
        view = _resolve(lsp, record)
        end = _time(until) if until else None
        if at is not None:
            moment = _time(at)
            end = moment if end is None or moment < end else end
            view = lsp.state_at(view.id, at=moment)
        entries = lsp.history(
            view.id,
            events=event or None,
            actor=actor,
            since=_time(since) if since else None,
            until=end,
        )
        if as_json:
            _print_json([e.model_dump(mode="json") for e in entries])
        elif as_csv:
            render.timeline_csv(sys.stdout, entries)
        else:
            render.timeline(Console(), view, entries)
    finally:
        lsp.close()


@app.command()
@_refusals
def diff(
    record: RecordId,
    from_version: Annotated[int, typer.Argument(help="The earlier version.")],
    to_version: Annotated[int, typer.Argument(help="The later version.")],
    store: Store = DEFAULT_STORE,
    as_json: JsonFlag = False,
) -> None:
    """What changed, field by field, between two versions of a certification."""
    lsp = _open(store)
    try:
        view = _resolve(lsp, record)
        changes = lsp.diff(view.id, from_version, to_version)
        if as_json:
            _print_json([c.model_dump(mode="json") for c in changes])
        else:
            render.changes(Console(), view, from_version, to_version, changes)
    finally:
        lsp.close()


def _time(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInputError([f"{text!r} is not a time (2024-11-20T10:00)"]) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=WIB)


@app.command()
@_refusals
def erase(
    subject: Annotated[str, typer.Argument(help="The subject id (certflow show prints it).")],
    reason: Annotated[str, typer.Option(help="The request, as the subject made it.")],
    actor: Annotated[str, typer.Option(help="Who carries it out (id of the LSP's DPO).")],
    store: Store = DEFAULT_STORE,
) -> None:
    """Erase a data subject's personal data (UU PDP); histories and certificates remain."""
    lsp = _open(store)
    try:
        subject_id = UUID(subject.strip()) if _is_uuid(subject) else None
        if subject_id is None:
            raise InvalidInputError([f"{subject!r} is not a subject id"])
        lsp.erase_personal_data(subject_id, reason=reason, actor=Actor(actor, Role.LSP_ADMIN))
        Console().print(render.t("data pribadi dihapus", "personal data erased"))
    finally:
        lsp.close()


def _is_uuid(text: str) -> bool:
    try:
        UUID(text.strip())
    except ValueError:
        return False
    return True


@app.command()
@_refusals
def sweep(
    store: Store = DEFAULT_STORE,
    at: Annotated[
        str | None, typer.Option(help="Sweep as of this day (YYYY-MM-DD); default: now.")
    ] = None,
) -> None:
    """Record the moves time has made due: appeal windows closed, expiries, revocations."""
    lsp = _open(store)
    try:
        when = None if at is None else _at(at)
        report = lsp.sweep(at=when)
        render.sweep(Console(), report)
    finally:
        lsp.close()


@app.command()
@_refusals
def overdue(
    store: Store = DEFAULT_STORE,
    today: Today = None,
    as_json: JsonFlag = False,
) -> None:
    """List every deadline that is not met and past its due date."""
    lsp = _open(store)
    try:
        day = None if today is None else _at(today).date()
        items = lsp.overdue(today=day)
        if as_json:
            _print_json([i.model_dump(mode="json") for i in items])
        else:
            render.overdue(Console(), items)
    finally:
        lsp.close()


@app.command()
def rules(
    features: Annotated[
        Path,
        typer.Option(help="Where the rulebook's .feature files are (for the scenario column)."),
    ] = Path("features/certification"),
    as_json: JsonFlag = False,
) -> None:
    """Every rule id with its sentence, source and the scenarios that exercise it."""
    scenarios = scenarios_by_rule(features) if features.is_dir() else {}
    if as_json:
        _print_json(
            [
                {
                    "rule_id": e.rule_id,
                    "id": e.title.id,
                    "en": e.title.en,
                    "how": e.how,
                    "source": e.source,
                    "scenarios": scenarios.get(e.rule_id, []),
                }
                for e in RULEBOOK
            ]
        )
    else:
        render.rules(Console(), RULEBOOK, scenarios)


@app.command()
def roles(as_json: JsonFlag = False) -> None:
    """Each role and the moves it may make, from the workflow definition."""
    table = roles_by_move()
    if as_json:
        _print_json(table)
    else:
        render.roles(Console(), table)


@app.command()
def docs(
    write: Annotated[Path, typer.Option(help="The docs folder to write into.")] = Path("docs"),
    features: Annotated[Path, typer.Option(help="The rulebook's features.")] = Path(
        "features/certification"
    ),
) -> None:
    """Regenerate docs/rules.md, docs/workflow.md and docs/steps.md from their sources."""
    write.mkdir(parents=True, exist_ok=True)
    (write / "rules.md").write_text(rules_markdown(scenarios_by_rule(features)), "utf-8")
    (write / "workflow.md").write_text(workflow_markdown(), "utf-8")
    (write / "roles.md").write_text(roles_markdown(), "utf-8")
    try:
        from certflow.testing.steps import steps_markdown
    except ImportError:  # pytest-bdd missing: the vocabulary cannot be loaded
        sys.stderr.write("steps.md not written: install certflow[testing]\n")
    else:
        (write / "steps.md").write_text(steps_markdown(), "utf-8")


def _at(text: str) -> datetime:
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInputError([f"{text!r} is not a date (YYYY-MM-DD)"]) from None
    return datetime.combine(day, time(23, 59), tzinfo=WIB)


@app.command()
@_refusals
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
    lsp = _open(store)
    try:
        if replay:
            replayed = lsp.audit_replay()
            if as_json:
                _print_json(
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
            day = None if today is None else _at(today).date()
            report = lsp.audit(today=day)
            if as_json:
                _print_json(
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
                    }
                )
            else:
                render.audit(Console(), report)
            clean = report.clean
    finally:
        lsp.close()
    if not clean:
        raise typer.Exit(1)


def _finding(finding: Any) -> dict[str, Any]:
    return {
        "certification_id": str(finding.certification_id),
        "version": finding.version,
        "detail": str(finding.detail),
    }


@app.command("verify")
@_refusals
def verify_store(
    store: Store = DEFAULT_STORE,
    expect: Annotated[
        str | None, typer.Option(help="The head hash anchored earlier; it must match.")
    ] = None,
    as_json: JsonFlag = False,
    quiet: Quiet = False,
) -> None:
    """Re-read every stored event and check the hash chain; exit 1 if anything was tampered."""
    from certflow.application.chain import verify

    lsp = _open(store)
    try:
        console = Console(stderr=True)
        with render.progress(console, disable=quiet or as_json) as bar:
            task = bar.add_task(render.t("memeriksa", "verifying"), total=None)
            report = verify(
                lsp.recorder,
                on_progress=lambda done, total: bar.update(task, completed=done, total=total),
            )
    except TypeError as error:
        raise InvalidInputError([str(error)]) from None
    finally:
        lsp.close()
    mismatch = expect is not None and expect.strip().lower() != report.head
    if as_json:
        _print_json(
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
        raise typer.Exit(1)


keys_app = typer.Typer(help="The LSP's Ed25519 signing keys.", no_args_is_help=True)
app.add_typer(keys_app, name="keys")

SigningKey = Annotated[
    Path,
    typer.Option("--key", envvar="CERTFLOW_SIGNING_KEY", help="The LSP's private signing key."),
]
PublicKey = Annotated[
    Path | None,
    typer.Option("--public-key", envvar="CERTFLOW_PUBLIC_KEY", help="The LSP's public key."),
]


@keys_app.command("create")
@_refusals
def keys_create(
    folder: Annotated[Path, typer.Option("--dir", help="Where to write the key pair.")] = Path(
        "keys"
    ),
) -> None:
    """Create the LSP's Ed25519 key pair (the private key is written with mode 0600)."""
    from certflow.adapters.keys import create_keys

    private, public = create_keys(folder)
    Console().print(
        render.t(
            f"kunci privat: {private}\nkunci publik: {public}",
            f"private key: {private}\npublic key: {public}",
        )
    )


@app.command()
@_refusals
def certificate(
    record: Annotated[
        str | None, typer.Argument(help="A certification id or certificate number.")
    ] = None,
    store: Store = DEFAULT_STORE,
    key: SigningKey = Path("keys/lsp-signing.key"),
    pdf: Annotated[Path | None, typer.Option(help="Write the certificate(s) to this PDF.")] = None,
    session: Annotated[
        str | None, typer.Option(help="Every printed certificate of this session's code.")
    ] = None,
    lsp_name: Annotated[str, typer.Option(help="The LSP's name as printed.")] = (
        "Lembaga Sertifikasi Profesi"
    ),
    lsp_code: Annotated[str, typer.Option(help="The LSP's code, in the tokens.")] = "LSP",
    quiet: Quiet = False,
) -> None:
    """Print the verification token of a certificate, or render certificates to an A4 PDF."""
    from certflow.adapters.keys import load_private_key
    from certflow.adapters.pdf import render_certificates
    from certflow.application.documents import CertificateProfile
    from certflow.domain import session_id

    if (record is None) == (session is None):
        raise InvalidInputError(["give a certification or --session, not both"])
    signing = load_private_key(key)
    lsp = open(store, lsp_code=lsp_code)
    try:
        if record is not None:
            ids = [_resolve(lsp, record).id]
        else:
            assert session is not None
            wanted = session_id(session)
            try:
                lsp.get_session(wanted)
            except NotFoundError:
                raise NotFoundError("session", session) from None
            rows = [r for r in lsp.list_certifications(session_id=wanted) if r.certificate_number]
            ids = [r.id for r in sorted(rows, key=lambda r: str(r.certificate_number))]
        if pdf is None:
            for cid in ids:
                sys.stdout.write(lsp.certificate_token(cid, key=signing) + "\n")
            return
        console = Console(stderr=True)
        with render.progress(console, disable=quiet) as bar:
            task = bar.add_task(render.t("mencetak", "printing"), total=len(ids))
            pages = render_certificates(
                lsp,
                ids,
                pdf,
                key=signing,
                profile=CertificateProfile(lsp_name=lsp_name),
                on_progress=lambda done, total: bar.update(task, completed=done, total=total),
            )
        Console().print(
            render.t(f"{pages} halaman ditulis ke {pdf}", f"{pages} pages written to {pdf}")
        )
    finally:
        lsp.close()


@app.command("verify-certificate")
@_refusals
def verify_certificate(
    token_or_number: Annotated[str, typer.Argument(help="The QR token, or a certificate number.")],
    store: Store = DEFAULT_STORE,
    public_key: PublicKey = None,
    offline: Annotated[
        bool, typer.Option("--offline", help="Signature and dates only; no register.")
    ] = False,
    lsp_code: Annotated[str, typer.Option(help="The LSP's code, in the tokens.")] = "LSP",
    as_json: JsonFlag = False,
) -> None:
    """Is this certificate genuine and in force? Exit 0 when valid, 1 otherwise."""
    from certflow.adapters.keys import load_public_key
    from certflow.application.certificates import CertificateStatus
    from certflow.application.verification import check_offline

    key = None if public_key is None else load_public_key(public_key)
    if offline:
        if key is None:
            raise InvalidInputError(["--offline needs --public-key"])
        answer = check_offline(token_or_number, key, date.today())
    else:
        lsp = open(store, lsp_code=lsp_code)
        try:
            answer = lsp.verify_certificate(token_or_number, public_key=key)
        finally:
            lsp.close()
    if as_json:
        _print_json(answer.model_dump(mode="json"))
    else:
        render.certificate_check(Console(), answer)
    if answer.status is not CertificateStatus.VALID:
        raise typer.Exit(1)


@app.command()
def diagram() -> None:
    """Print the certification workflow as a Mermaid state diagram, from its definition."""
    sys.stdout.write(CERTIFICATION_WORKFLOW.to_mermaid())


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def main() -> None:
    """Run the command line."""
    app()


import_app = typer.Typer(
    help="Bulk intake from CSV, XLSX, JSON or JSON Lines files (checked in full first).",
    no_args_is_help=True,
)
app.add_typer(import_app, name="import")

IntakeFile = Annotated[
    Path,
    typer.Argument(
        help="A .csv, .xlsx, .json or .jsonl file with a header row.", exists=True, dir_okay=False
    ),
]
IntakeActor = Annotated[str, typer.Option(help="The LSP admin doing the import (their id).")]
SkipInvalid = Annotated[
    bool, typer.Option("--skip-invalid", help="Import the good rows even if some are bad.")
]
BatchSize = Annotated[int, typer.Option(help="Rows per transaction.", min=1)]


@import_app.command("candidates")
@_refusals
def import_candidates(
    file: IntakeFile,
    session: Annotated[str, typer.Option(help="The assessment session's code.")],
    actor: IntakeActor,
    scheme: Annotated[
        str | None, typer.Option(help="The scheme code for rows that give none.")
    ] = None,
    skip_invalid: SkipInvalid = False,
    batch_size: BatchSize = 500,
    store: Store = DEFAULT_STORE,
    as_json: JsonFlag = False,
    quiet: Quiet = False,
) -> None:
    """Register a file of candidates in a session; nothing is imported if a row is bad."""
    _run_import(
        store,
        quiet or as_json,
        as_json,
        lambda lsp, on_progress: lsp.import_candidates(
            file,
            session=session,
            scheme=scheme,
            actor=Actor(actor, Role.LSP_ADMIN),
            skip_invalid=skip_invalid,
            batch_size=batch_size,
            on_progress=on_progress,
        ),
    )


@import_app.command("assessors")
@_refusals
def import_assessors(
    file: IntakeFile,
    actor: IntakeActor,
    skip_invalid: SkipInvalid = False,
    batch_size: BatchSize = 500,
    store: Store = DEFAULT_STORE,
    as_json: JsonFlag = False,
    quiet: Quiet = False,
) -> None:
    """Add a file of assessors to the register; nothing is imported if a row is bad."""
    _run_import(
        store,
        quiet or as_json,
        as_json,
        lambda lsp, on_progress: lsp.import_assessors(
            file,
            actor=Actor(actor, Role.LSP_ADMIN),
            skip_invalid=skip_invalid,
            batch_size=batch_size,
            on_progress=on_progress,
        ),
    )


Progress = Callable[[str, int], None]


def _run_import(
    store: str,
    quiet: bool,
    as_json: bool,
    run: Callable[[CertificationBody, Progress], ImportReport],
) -> None:
    lsp = _open(store)
    try:
        with _intake_progress(quiet) as on_progress:
            report = run(lsp, on_progress)
    finally:
        lsp.close()
    _intake_done(report, as_json)


@contextmanager
def _intake_progress(disable: bool) -> Iterator[Progress]:
    with render.progress(Console(stderr=True), disable=disable) as bar:
        tasks: dict[str, Any] = {}
        labels = {
            "checked": render.t("diperiksa", "checked"),
            "written": render.t("ditulis", "written"),
        }

        counts: dict[str, int] = {}

        def on_progress(phase: str, rows: int) -> None:
            if phase not in tasks:
                if "checked" in tasks:  # checking is over: its total is known now
                    bar.update(tasks["checked"], total=counts["checked"])
                tasks[phase] = bar.add_task(labels[phase], total=counts.get("checked"))
            counts[phase] = rows
            bar.update(tasks[phase], completed=rows)

        yield on_progress
        if "checked" in tasks:
            bar.update(tasks["checked"], total=counts["checked"])


def _intake_done(report: ImportReport, as_json: bool) -> None:
    if as_json:
        _print_json(
            {
                "kind": report.kind,
                "rows": report.rows,
                "imported": report.imported,
                "created": report.created,
                "created_subjects": report.created_subjects,
                "existing": report.existing,
                "bad": [{"row": p.row, "reasons": list(p.reasons)} for p in report.bad],
            }
        )
    else:
        render.intake(Console(), report)
    if not report.imported:
        raise typer.Exit(EXIT_REFUSED)


from certflow.cli import projections as _projections  # noqa: E402  (registers its commands)

del _projections
