"""Reading certifications: ``list``, ``show``, ``history`` and ``diff``."""

from __future__ import annotations

import sys
from datetime import datetime
from typing import Annotated

import typer
from rich.console import Console

from certflow.cli import profile as profiles
from certflow.cli import render
from certflow.cli.app import JsonFlag, RecordId, Store, opened, refusals, resolve_record
from certflow.cli.console import help_text, print_json
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
            [
                Text(
                    f"{text!r} bukan waktu (2024-11-20T10:00)",
                    f"{text!r} is not a time (2024-11-20T10:00)",
                )
            ]
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
    with opened(store) as lsp:
        view = resolve_record(lsp, record)
        if version is not None or at is not None:
            moment = None if at is None else parse_time(at)
            view = lsp.state_at(view.id, version=version, at=moment)
        if as_json:
            data = view.model_dump(mode="json")
            data["overdue"] = list(view.overdue)
            print_json(data)
        else:
            render.certification(Console(), view, lsp.holder_name(view.subject_id))


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
    as_json: JsonFlag = False,
) -> None:
    """List certifications with their stage and certificate number."""
    with opened(store) as lsp:
        rows = lsp.list_certifications(stage=stage, scheme_code=scheme)
        names = {
            k: v.data.name for k, v in lsp.subjects.get_many(r.subject_id for r in rows).items()
        }
        for row in rows:
            if row.subject_id not in names:
                names[row.subject_id] = lsp.holder_name(row.subject_id)
        if as_json:
            print_json(
                [r.model_dump(mode="json") | {"name": names.get(r.subject_id)} for r in rows]
            )
        else:
            render.certification_list(Console(), rows, names)


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
    as_json: JsonFlag = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print CSV instead of a table.")] = False,
) -> None:
    """The audit timeline of one certification: version, time, event, actor, role, details."""
    with opened(store) as lsp:
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
        if as_json:
            print_json([e.model_dump(mode="json") for e in entries])
        elif as_csv:
            render.timeline_csv(sys.stdout, entries)
        else:
            render.timeline(Console(), view, entries)


@commands.command()
@refusals
def diff(
    record: RecordId,
    from_version: Annotated[int, typer.Argument(help="The earlier version.")],
    to_version: Annotated[int, typer.Argument(help="The later version.")],
    store: Store = None,
    as_json: JsonFlag = False,
) -> None:
    """What changed, field by field, between two versions of a certification."""
    with opened(store) as lsp:
        view = resolve_record(lsp, record)
        changes = lsp.diff(view.id, from_version, to_version)
        if as_json:
            print_json([c.model_dump(mode="json") for c in changes])
        else:
            render.changes(Console(), view, from_version, to_version, changes)
