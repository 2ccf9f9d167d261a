"""``certflow webhooks``: subscriptions to the LSP's events, their dead letters and the runner.

``add``, ``list``, ``remove``, ``dead-letters``, ``retry`` and ``run`` (the delivery process,
like ``certflow projections run``). Deliveries are signed CloudEvents; see docs/event-feed.md.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

from certflow import CertificationBody, MissingExtraError
from certflow.bootstrap import webhook_store
from certflow.cli.app import Store, opened, refusals
from certflow.cli.console import help_text, t
from certflow.cli.formats import FormatOption, JsonAlias, chosen
from certflow.cli.render.tables import Column, emit
from certflow.engine import InvalidInputError, NotFoundError, Text

if TYPE_CHECKING:
    from certflow.service import WebhookRunner

__all__ = ["add", "dead_letters", "list_subscriptions", "remove", "retry", "run", "webhooks"]

webhooks = typer.Typer(
    name="webhooks",
    help=help_text(
        "Webhook subscriptions: signed deliveries of the LSP's events to other systems."
    ),
    no_args_is_help=True,
)

Person = Annotated[
    str,
    typer.Option(
        "--as",
        help="The person who acts: appointed head of the LSP, LSP admin or certification manager.",
    ),
]
SUBSCRIPTION_COLUMNS = (
    Column("subscription_id", "id"),
    Column("url", "URL"),
    Column("types", Text("event types")),
    Column("created_by", Text("created by")),
    Column("created_at", Text("created at"), in_table=False),
    Column("checkpoint", Text("position"), numeric=True),
    Column("removed_at", Text("removed at")),
)
DELIVERY_COLUMNS = (
    Column("subscription_id", "id"),
    Column("position", Text("position"), numeric=True),
    Column("event_id", "event id", in_table=False),
    Column("event_type", Text("event type")),
    Column("attempts", Text("attempts"), numeric=True),
    Column("status", "HTTP", numeric=True),
    Column("error", Text("error")),
    Column("at", Text("at")),
)
_MAX_SECRET_FILE = 4096


def _service() -> Any:
    try:
        import certflow.service as service
    except ImportError as error:
        raise MissingExtraError("service", error.name or "fastapi") from None
    return service


@contextmanager
def _runner(lsp: CertificationBody, **policy: Any) -> Iterator[WebhookRunner]:
    service = _service()
    store = webhook_store(lsp)
    runner: WebhookRunner = service.WebhookRunner(
        lsp,
        store,
        source=service.source_of(lsp.lsp_code),
        policy=service.RetryPolicy(**policy),
    )
    try:
        yield runner
    finally:
        runner.close()
        store.close()


def _may_manage(lsp: CertificationBody, person: str) -> None:
    _service().require_manager(lsp, person)


def _secret(path: Path) -> str:
    try:
        raw = path.read_bytes()[: _MAX_SECRET_FILE + 1]
        if len(raw) > _MAX_SECRET_FILE:
            raise ValueError
        return raw.decode("ascii").strip()
    except (OSError, UnicodeDecodeError, ValueError):
        raise InvalidInputError(
            [Text("{path}: the secret file cannot be read (ASCII, at most 4 KiB)", path=path)]
        ) from None


@webhooks.command("add")
@refusals
def add(
    url: Annotated[str, typer.Option("--url", help="Where the events are POSTed.")],
    secret_file: Annotated[
        Path, typer.Option("--secret-file", help="A file holding the signing secret.")
    ],
    person: Person,
    types: Annotated[
        list[str] | None,
        typer.Option("--type", help="Only this event type (repeatable); default: every type."),
    ] = None,
    after: Annotated[
        int | None,
        typer.Option(help="Deliver the events after this position; default: from now on."),
    ] = None,
    store: Store = None,
) -> None:
    """Subscribe a URL to the LSP's events; prints the subscription's id (never the secret)."""
    secret = _secret(secret_file)
    with opened(store) as lsp:
        subscription = _service().new_subscription(
            lsp, url=url, secret=secret, types=types or (), person=person, after=after
        )
        kept = webhook_store(lsp)
        try:
            kept.add(subscription)
        finally:
            kept.close()
    sys.stdout.write(f"{subscription.subscription_id}\n")
    Console(stderr=True).print(
        t(
            "subscribed; events after position {position} will be delivered by certflow "
            "webhooks run",
            position=subscription.start_after,
        )
    )


@webhooks.command("list")
@refusals
def list_subscriptions(
    store: Store = None,
    every: Annotated[bool, typer.Option("--all", help="Removed subscriptions too.")] = False,
    output: FormatOption = None,
    as_json: JsonAlias = False,
) -> None:
    """The subscriptions, with the position each one has been delivered up to."""
    fmt = chosen(output, as_json=as_json)
    with opened(store) as lsp:
        kept = webhook_store(lsp)
        try:
            rows = [
                {
                    "subscription_id": s.subscription_id,
                    "url": s.url,
                    "types": ", ".join(s.types) or "*",
                    "created_by": s.created_by,
                    "created_at": s.created_at,
                    "checkpoint": kept.checkpoint(s),
                    "removed_at": s.removed_at or "",
                }
                for s in kept.subscriptions(removed=every)
            ]
        finally:
            kept.close()
    emit(fmt, SUBSCRIPTION_COLUMNS, rows, title=t("webhook subscriptions"))


@webhooks.command("remove")
@refusals
def remove(
    subscription_id: Annotated[str, typer.Argument(help="The subscription's id.")],
    person: Person,
    store: Store = None,
) -> None:
    """Stop delivering to a subscription (its delivery log is kept)."""
    with opened(store) as lsp:
        _may_manage(lsp, person)
        kept = webhook_store(lsp)
        try:
            if not kept.remove(subscription_id, datetime.now(UTC).isoformat(timespec="seconds")):
                raise NotFoundError("webhook subscription", subscription_id)
        finally:
            kept.close()
    Console(stderr=True).print(t("removed {subscription_id}", subscription_id=subscription_id))


@webhooks.command("dead-letters")
@refusals
def dead_letters(
    subscription_id: Annotated[str | None, typer.Argument(help="Only this subscription.")] = None,
    store: Store = None,
    output: FormatOption = None,
    as_json: JsonAlias = False,
) -> None:
    """The events a subscriber never accepted, after every attempt."""
    fmt = chosen(output, as_json=as_json)
    with opened(store) as lsp:
        kept = webhook_store(lsp)
        try:
            rows = [vars(d) for d in kept.deliveries(subscription_id, outcome="dead")]
        finally:
            kept.close()
    emit(fmt, DELIVERY_COLUMNS, rows, title=t("{count} dead letters", count=len(rows)))


@webhooks.command("retry")
@refusals
def retry(
    person: Person,
    subscription_id: Annotated[str | None, typer.Argument(help="Only this subscription.")] = None,
    position: Annotated[int | None, typer.Option(help="Only the event at this position.")] = None,
    store: Store = None,
    timeout: Annotated[float, typer.Option(help="Seconds an attempt may take.")] = 10.0,
) -> None:
    """Send dead letters again, once each; exit 1 when some are still not accepted."""
    with opened(store) as lsp:
        _may_manage(lsp, person)
        with _runner(lsp, timeout=timeout) as runner:
            outcomes = runner.retry_dead(subscription_id, position)
    delivered = sum(o.outcome == "delivered" for o in outcomes)
    Console(stderr=True).print(
        t(
            "{delivered} of {count} dead letters delivered",
            delivered=delivered,
            count=len(outcomes),
        )
    )
    if delivered < len(outcomes):
        raise typer.Exit(1)


@webhooks.command("run")
@refusals
def run(
    store: Store = None,
    poll: Annotated[float, typer.Option(help="Seconds between looks for new events.")] = 1.0,
    once: Annotated[bool, typer.Option("--once", help="Deliver what is due and stop.")] = False,
    attempts: Annotated[int, typer.Option(min=1, max=50, help="Attempts per event.")] = 8,
    first_delay: Annotated[
        float, typer.Option(min=0, help="Seconds before the second attempt; doubling.")
    ] = 1.0,
    max_delay: Annotated[float, typer.Option(min=0, help="Longest wait between attempts.")] = 300.0,
    timeout: Annotated[float, typer.Option(min=0.1, help="Seconds an attempt may take.")] = 10.0,
) -> None:
    """Deliver events to every subscriber until interrupted (Ctrl-C or SIGTERM)."""
    policy = {
        "attempts": attempts,
        "first_delay": first_delay,
        "max_delay": max_delay,
        "timeout": timeout,
    }
    with opened(store) as lsp, _runner(lsp, **policy) as runner:
        if once:
            handled = runner.run_once()
            Console(stderr=True).print(t("{handled} events handled.", handled=handled))
            return
        stop: threading.Event = runner.stop
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stop.set())
        Console(stderr=True).print(t("delivering events to webhook subscribers…"))
        runner.follow(poll)
