"""Loading several cached records with one read of the store.

A command that needs several records (a loan and its borrower, say) used to bring each cached
record up to date with its own query: one round trip to the database each. :func:`find_together`
asks the store once for the new events of every cached record, when its recorder can
(:class:`SelectsEventsAfter`: the SQLite and PostgreSQL recorders of the adapters). The records
come out exactly as one fast-forward each would give them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from copy import deepcopy
from typing import Any, Protocol
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.persistence import StoredEvent

from certflow.engine.aggregate import WorkflowAggregate, project

__all__ = ["SelectsEventsAfter", "find_together"]

Wanted = tuple[type[WorkflowAggregate[Any]], UUID]


class SelectsEventsAfter(Protocol):
    """A recorder that reads the events of several records after given versions in one query."""

    def select_events_after(self, after: Sequence[tuple[UUID, int]]) -> Sequence[StoredEvent]:
        """Every event of each (record id, version) with a higher version, by record and version."""


def find_together(
    app: Application[UUID],
    wanted: Sequence[Wanted],
    find: Callable[[type[WorkflowAggregate[Any]], UUID], WorkflowAggregate[Any] | None],
) -> list[Any]:
    """``find(kind, id)`` of each wanted record, in order, with one read for the cached ones.

    A cached record is copied under the repository's fast-forward lock (the cached one is never
    changed here), the events stored after its version are applied to the copy, and a copy of
    that is cached; the caller gets its own, as from the repository's own fast-forward. Records
    not in the cache, and every record when fewer than two are cached or the recorder cannot
    read them together, go through ``find``.
    """
    cache = app.repository.cache
    # getattr, not isinstance: a runtime protocol check costs about 20 µs.
    select = getattr(app.recorder, "select_events_after", None)
    found: list[Any] = [None] * len(wanted)
    cached: dict[int, Any] = {}
    repository = app.repository
    if cache is not None and repository.fastforward and select is not None:
        for index, (_, record_id) in enumerate(wanted):
            try:
                in_cache = cache.get(record_id)
            except KeyError:
                continue
            # The repository moves a cached record on in place under this lock: copy it there.
            lock = repository._use_fastforward_lock(record_id)
            try:
                with lock:
                    cached[index] = deepcopy(in_cache)
            finally:
                repository._disuse_fastforward_lock(record_id)
    if len(cached) < 2:
        cached = {}
    else:
        assert select is not None
        assert cache is not None
        rows = select([(r.id, r.version) for r in cached.values()])
        new: dict[UUID, list[Any]] = {}
        for row in rows:
            event = app.mapper.to_domain_event(row)
            new.setdefault(event.originator_id, []).append(event)
        for index, record in cached.items():
            current = record
            if record.id in new:
                current = project(current, new[record.id])
                cache.put(record.id, deepcopy(current))
            kind = wanted[index][0]
            found[index] = current if isinstance(current, kind) else None
    for index, (kind, record_id) in enumerate(wanted):
        if index not in cached:
            found[index] = find(kind, record_id)
    return found
