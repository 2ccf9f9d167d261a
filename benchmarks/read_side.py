"""B4: the read side, on SQLite and on PostgreSQL.

The same store on each (the quick run: about 20,000 events of twelve-step certifications,
written by :func:`benchmarks.verify_store._fill`; PostgreSQL in a throwaway schema), then,
paired and interleaved:

- the rebuild of the four read models against a raw read of the log that decodes every event
  (what any projection must do) with eventsourcing's own Mapper and JSONTranscoder;
- the same read decoded by certflow's decoder (``certflow.engine.transcoder``) against
  eventsourcing's, to show what the decoder alone gains;
- ``verify`` of the hash chain against a raw read that decodes nothing (verify decodes
  nothing either).

Target: at least 0.5× on each store.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import certflow
from benchmarks.harness import Row
from benchmarks.workload import certflow_url, pg_schema
from certflow import WIB, FixedClock
from certflow.application.chain import verify
from certflow.bootstrap import services_of

Pair = Callable[..., tuple[list[float], list[float]]]


@contextmanager
def _where(kind: str) -> Iterator[str]:
    if kind == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            yield f"{folder}/read.db"
    else:
        with pg_schema() as schema:
            yield schema


def _measure(
    kind: str, plan: Any, log: Callable[[str], None], pair: Pair, raw_read: Callable[..., int]
) -> list[Row]:
    from benchmarks.verify_store import _fill

    with _where(kind) as where:
        url = certflow_url(kind, where)
        lsp = certflow.open(url, clock=FixedClock(date(2024, 10, 14), tz=WIB))
        try:
            _fill(lsp, plan.read_events)
        finally:
            lsp.close()
        log(f"B4 {kind} filled {plan.read_events:,} events")
        lsp = certflow.open(url)
        try:
            events = services_of(lsp).store.recorder.max_notification_id() or 0
            applied: list[int] = []
            rebuild, decoded = pair(
                plan.runs,
                lambda: applied.append(lsp.read_models.rebuild()),
                lambda: raw_read(lsp, decode=True),
            )
            own, stock = pair(
                plan.runs,
                lambda: raw_read(lsp, decode=True, mapper=services_of(lsp).store.mapper),
                lambda: raw_read(lsp, decode=True),
            )
            checked, selected = pair(
                plan.runs,
                lambda: verify(services_of(lsp).store.recorder),
                lambda: raw_read(lsp, decode=False),
            )
        finally:
            lsp.close()
    rate = lambda n, seconds: [n / s for s in seconds]  # noqa: E731
    return [
        Row(
            "B4",
            f"projection rebuild (4 views), {kind}, {applied[0]:,} certification events",
            "events/s",
            "rebuild",
            rate(applied[0], rebuild),
            "raw read+decode",
            rate(events, decoded),
            at_least=0.5,
            note="raw: select_notifications + eventsourcing's own Mapper and JSONTranscoder",
        ),
        Row(
            "B4",
            f"read+decode of the log, {kind}, certflow's decoder against eventsourcing's",
            "events/s",
            "certflow's",
            rate(events, own),
            "eventsourcing's",
            rate(events, stock),
            note="the same pages decoded by each mapper; no target (what the rebuild gains)",
        ),
        Row(
            "B4",
            f"verify hash chain, {kind}, {events:,} records",
            "events/s",
            "verify",
            rate(events, checked),
            "raw read",
            rate(events, selected),
            at_least=0.5,
            note="raw: select_notifications only (verify decodes nothing)",
        ),
    ]


def b4(
    plan: Any,
    log: Callable[[str], None],
    *,
    postgres_problem: Callable[[], str | None],
    pair: Pair,
    raw_read: Callable[..., int],
) -> list[Row]:
    """B4's rows: SQLite, then PostgreSQL (skipped, with the reason logged, when none)."""
    rows = _measure("sqlite", plan, log, pair, raw_read)
    log("B4 sqlite done")
    problem = postgres_problem()
    if problem is not None:
        log(f"B4 postgres skipped: {problem}")
        return rows
    rows.extend(_measure("postgres", plan, log, pair, raw_read))
    log("B4 postgres done")
    return rows
