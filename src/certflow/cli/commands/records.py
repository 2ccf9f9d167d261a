"""Reading certifications: ``list``, ``show``, ``history`` and ``diff``."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer

from certflow.cli import lookup, render
from certflow.cli import profile as profiles
from certflow.cli.app import JsonFlag, RecordId, Store, opened, refusals, resolve_record
from certflow.cli.console import help_text, print_json, t
from certflow.cli.formats import CsvAlias, FormatOption, JsonAlias, chosen
from certflow.cli.labels import Labels
from certflow.cli.render.tables import Format, emit, table_console
from certflow.domain import Stage
from certflow.engine import InvalidInputError, Text

__all__ = ["commands", "diff", "history", "list_", "parse_time", "show"]

commands = typer.Typer()


def parse_time(text: str) -> datetime:
    """A moment given as ``2024-11-20T10:00``, in the LSP's zone unless it names its offset."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInputError(
            [Text("{text!r} is not a time (2024-11-20T10:00)", text=text)]
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=profiles.zone())


@commands.command()
@refusals
def show(
    record: RecordId,
    store: Store = None,
    version: Annotated[
        int | None, typer.Option(help="Show the record as it was after this event.")
    ] = None,
    at: Annotated[
        str | None,
        typer.Option(help="Show the record as it was at this time (2024-11-20T10:00, LSP's zone)."),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Show one certification: now, after event VERSION, or as it was AT a time."""
    with opened(store, readonly=True) as lsp:
        view = resolve_record(lsp, record)
        if version is not None or at is not None:
            moment = None if at is None else parse_time(at)
            view = lsp.state_at(view.id, version=version, at=moment)
        if as_json:
            data = view.model_dump(mode="json")
            data["overdue"] = list(view.overdue)
            print_json(data)
        else:
            render.certification(table_console(), view, Labels(lsp))


@commands.command("list")
@refusals
def list_(
    store: Store = None,
    stage: Annotated[
        str | None,
        typer.Option(
            help=help_text("Only this stage: {stages}.", stages=", ".join(s.value for s in Stage))
        ),
    ] = None,
    scheme: Annotated[str | None, typer.Option(help="Only this scheme code.")] = None,
    session: Annotated[str | None, typer.Option(help="Only this session code.")] = None,
    output: FormatOption = None,
    as_json: JsonAlias = False,
) -> None:
    """List certifications: candidate, scheme, session, stage and certificate number."""
    fmt = chosen(output, as_json=as_json)
    with opened(store, readonly=True) as lsp:
        session_id = None if session is None else lookup.session(lsp, session).id
        found = lsp.list_certifications(stage=stage, scheme_code=scheme, session_id=session_id)
        rows = render.certification_rows(found, Labels(lsp))
    emit(fmt, render.LIST_COLUMNS, rows, title=f"{len(rows)} {t('certifications')}")


@commands.command()
@refusals
def history(
    record: RecordId,
    store: Store = None,
    at: Annotated[
        str | None,
        typer.Option(help="The history as it stood at this time (2024-11-20T10:00, LSP's zone)."),
    ] = None,
    event: Annotated[
        list[str] | None, typer.Option(help="Only these events (repeat the option).")
    ] = None,
    actor: Annotated[str | None, typer.Option(help="Only this actor id.")] = None,
    since: Annotated[str | None, typer.Option(help="Only moves at or after this time.")] = None,
    until: Annotated[str | None, typer.Option(help="Only moves at or before this time.")] = None,
    output: FormatOption = None,
    as_json: JsonAlias = False,
    as_csv: CsvAlias = False,
) -> None:
    """The audit timeline of one certification: version, time, event, actor, role, details."""
    fmt = chosen(output, as_json=as_json, as_csv=as_csv)
    with opened(store, readonly=True) as lsp:
        view = resolve_record(lsp, record)
        end = parse_time(until) if until else None
        if at is not None:
            moment = parse_time(at)
            end = moment if end is None or moment < end else end
            view = lsp.state_at(view.id, at=moment)
        entries = lsp.history(
            view.id,
            events=event or None,
            actor=actor,
            since=parse_time(since) if since else None,
            until=end,
        )
        if fmt is Format.TABLE:
            render.timeline(table_console(), view, entries)
        else:
            emit(fmt, render.HISTORY_COLUMNS, render.history_rows(entries), title=str(view.id))


@commands.command()
@refusals
def diff(
    record: RecordId,
    from_version: Annotated[int, typer.Argument(help="The earlier version.")],
    to_version: Annotated[int, typer.Argument(help="The later version.")],
    store: Store = None,
    output: FormatOption = None,
    as_json: JsonAlias = False,
) -> None:
    """What changed, field by field, between two versions of a certification."""
    fmt = chosen(output, as_json=as_json)
    with opened(store, readonly=True) as lsp:
        view = resolve_record(lsp, record)
        changes = lsp.diff(view.id, from_version, to_version)
    emit(
        fmt,
        render.CHANGE_COLUMNS,
        render.change_rows(changes),
        title=f"{view.id}: v{from_version} -> v{to_version}",
    )
