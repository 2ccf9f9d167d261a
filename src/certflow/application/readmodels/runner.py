"""The runner that keeps the read models current: status, catch-up, rebuild and follow.

Each view is a table kept up to date from the notification log with its own tracking record,
in a :class:`~certflow.application.ports.ViewStore` (one per backend, in
:mod:`certflow.adapters`). The projection replays each certification with the recorded events
(events are facts, no rule runs) and writes what the record now looks like. Several runners may
work at once: a batch that lost the race is rolled back and redone.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from eventsourcing.domain import CanMutateAggregate

from certflow.application.bulk import cyclic_gc_paused
from certflow.application.ports import ViewMoved, ViewStore
from certflow.application.readmodels.check import ATTEMPTS, DriftReport, compare
from certflow.application.readmodels.names import VIEW_NAMES
from certflow.application.readmodels.projection import ViewBatch
from certflow.application.readmodels.rows import ProjectionStatus
from certflow.application.view_rows import VIEWS
from certflow.domain import Certification, certification_events
from certflow.engine import InvalidInputError, Text

if TYPE_CHECKING:
    from certflow.engine import WorkflowStore

__all__ = ["ViewRunner"]

R = TypeVar("R")

_MUTATE = CanMutateAggregate.mutate
"""eventsourcing's own ``mutate`` of a subsequent event: check id and version, ``apply``, then
set the version and the time modified."""
_TOPICS = tuple(getattr(certification_events, name).TOPIC for name in certification_events.__all__)


class ViewRunner:
    """Keeps the four read models of one store current, from the notification log."""

    def __init__(
        self,
        records: WorkflowStore,
        store: ViewStore,
        *,
        subscribes: bool = False,
        cache_size: int = 2_000,
        scratch: Callable[[], ViewStore] | None = None,
        catch_up_on_read: bool = True,
    ) -> None:
        self._app = records
        self.catch_up_on_read = catch_up_on_read
        """Queries catch their view up first (read your writes); when ``False`` (a store
        opened read-only) they read the views as the runner left them and note in
        :attr:`behind` how far behind each one was."""
        self.behind: dict[str, int] = {}
        """Views a query read while they lagged the event log: view -> events behind."""
        self._scratch = scratch
        """Makes an empty private view store, for :meth:`check`'s rebuild."""
        self._store = store
        self._subscribes = subscribes
        """Whether the event store wakes a waiting reader (else :meth:`follow` polls)."""
        self._cache: dict[int, Certification] = {}  # by the id's integer, as in a batch
        self._cache_size = cache_size
        """Certifications kept as they stand after the last event applied (about 13 KB each):
        bounded, so that a rebuild's memory does not grow with the store; one not kept is
        loaded again from the store when its next event comes."""
        self._lock = threading.Lock()
        self.races = 0
        """Batches rolled back because another runner moved a view on first (then redone)."""

    def close(self) -> None:
        """Release what the view store holds privately (an in-memory database)."""
        self._store.close()

    def _key(self, view: str) -> str:
        return f"{self._app.name}.{view}"

    def _views(self, view: str | None) -> tuple[str, ...]:
        if view is None:
            return VIEW_NAMES
        if view not in VIEWS:
            raise InvalidInputError(
                [
                    Text(
                        "unknown view {view!r}; the views are: {view_names}",
                        view=view,
                        view_names=", ".join(VIEW_NAMES),
                    )
                ]
            )
        return (view,)

    def status(self) -> list[ProjectionStatus]:
        """Each view's position against the head of the notification log."""
        positions, head = self._heads(VIEW_NAMES)
        return [
            ProjectionStatus(view=v, position=positions[self._key(v)], head=head)
            for v in VIEW_NAMES
        ]

    def _heads(self, views: Sequence[str]) -> tuple[dict[str, int], int]:
        """Each view's position (by tracking key) and the head of the notification log.

        One statement where the views share the log's database (PostgreSQL, SQLite); else
        the positions, then the recorder's head.
        """
        positions, head = self._store.heads([self._key(v) for v in views])
        if head is None:
            head = self._app.recorder.max_notification_id() or 0
        return positions, head

    def _lagging(
        self, views: Sequence[str], positions: dict[str, int], head: int
    ) -> dict[str, int]:
        behind = {v: head - positions[self._key(v)] for v in views}
        return {v: n for v, n in behind.items() if n > 0}

    def _fresh(self, view: str | None = None) -> None:
        """Make ``view`` (or every view) current before a query reads it, or note its lag.

        The views' positions and the log's head are read together (one statement); a view at
        the head needs no catch-up.
        """
        views = VIEW_NAMES if view is None else (view,)
        lagging = self._lagging(views, *self._heads(views))
        if not lagging:
            return
        if self.catch_up_on_read:
            self.catch_up(view)
            return
        self.behind.update(lagging)

    def _read(self, view: str, read: Callable[[], R]) -> R:
        """``read()`` of ``view`` as fresh as :meth:`_fresh` makes it, in one round trip.

        The view's position and the log's head are read in the same pipeline as the rows,
        before them: a view found at the head (the usual case) gave rows holding the caller's
        own writes. A view found behind is caught up and read again (or, read-only, its lag
        noted in :attr:`behind`).
        """
        with self._store.reading([self._key(view)]) as heads:
            rows = read()
        assert heads.positions is not None
        head = heads.head
        if head is None:  # read after the rows: it can only be newer (a needless catch-up)
            head = self._app.recorder.max_notification_id() or 0
        lagging = self._lagging((view,), heads.positions, head)
        if not lagging:
            return rows
        if self.catch_up_on_read:
            self.catch_up(view)
            return read()
        self.behind.update(lagging)
        return rows

    def catch_up(
        self,
        view: str | None = None,
        *,
        batch_size: int = 1000,
        on_progress: Callable[[int, int], None] | None = None,
        until: int | None = None,
    ) -> int:
        """Apply every event not yet in the views (or in ``view``); return how many were applied.

        ``on_progress(done, total)`` counts notification ids; ``until`` stops at that
        notification id instead of the head. Safe to run from several processes at once: a
        batch that lost the race is rolled back and redone from the new position.
        """
        views = self._views(view)
        with self._lock, cyclic_gc_paused():
            for _ in range(1000):
                try:
                    return self._catch_up(views, batch_size, on_progress, until)
                except ViewMoved:
                    self.races += 1
        raise RuntimeError("read models kept moving under this runner")  # pragma: no cover

    def _catch_up(
        self,
        views: tuple[str, ...],
        batch_size: int,
        on_progress: Callable[[int, int], None] | None,
        until: int | None = None,
    ) -> int:
        keys = {v: self._key(v) for v in views}
        positions = self._store.positions(list(keys.values()))
        at = {v: positions[keys[v]] for v in views}
        head = self._app.recorder.max_notification_id() or 0
        if until is not None:
            head = min(head, until)
        start = min(at.values())
        applied = 0
        while start < head:
            notifications = self._app.recorder.select_notifications(
                start=start + 1, limit=batch_size, stop=head, topics=_TOPICS
            )
            end = notifications[-1].id if notifications else head
            if len(notifications) < batch_size:
                end = head  # nothing of interest up to the head
            # Each certification's rows are written once per batch, from its last state in it
            # (states only move forward); the case board keeps the id it was first seen at.
            # Keyed by the id's integer: a UUID's hash and equality are Python code, run twice per
            # event here (the decoded id is never the object the dict holds).
            latest: dict[int, tuple[Certification, int, Sequence[str]]] = {}
            ahead = max(at.values())  # past every view's position, every view wants the event
            decode, state_after = self._app.mapper.to_domain_event, self._state_after
            for notification in notifications:
                nid = notification.id
                if nid > ahead:
                    wanting: Sequence[str] = views
                else:
                    wanting = [v for v in views if nid > at[v]]
                    if not wanting:
                        continue
                event = decode(notification)
                cert = state_after(event)
                cid = event.originator_id.int
                seen = latest.get(cid)
                if seen is None:
                    latest[cid] = (cert, nid, wanting)
                elif seen[2] is wanting or seen[2] == wanting:
                    latest[cid] = (cert, seen[1], wanting)
                else:
                    latest[cid] = (cert, seen[1], sorted({*seen[2], *wanting}))
                applied += 1
            batch = ViewBatch()
            for cert, first, wanting in latest.values():
                for v in wanting:
                    batch.add(v, cert, first)
            moves = {keys[v]: (at[v], max(at[v], end)) for v in views}
            self._store.write(batch.rows(), moves)
            at = {v: max(at[v], end) for v in views}
            if on_progress is not None:
                on_progress(end - min(positions.values()), head - min(positions.values()))
            start = end
        return applied

    def _state_after(self, event: Any) -> Certification:
        """The certification as it stands after ``event``.

        The cached state moved on by the event, or (for a state not cached) the certification
        loaded from the repository at that version.
        """
        cid: UUID = event.originator_id
        version: int = event.originator_version
        key = cid.int
        cached = self._cache.get(key)
        if cached is not None and cached.version == version - 1:
            if type(event).mutate is _MUTATE:  # what it does, its checks made just above
                event.apply(cached)
                cached.version = version
                cached.modified_on = event.timestamp
                return cached  # the same object, moved on: it stays where it is in the cache
            mutated: Certification = event.mutate(cached)
            return mutated
        if version == 1:
            cert: Certification = event.mutate(None)
        else:
            found = self._app.find(Certification, cid, version)
            assert found is not None
            cert = found
        self._cache[key] = cert
        if len(self._cache) > self._cache_size:  # the oldest entry goes first
            del self._cache[next(iter(self._cache))]
        return cert

    def check(self, view: str | None = None) -> DriftReport:
        """Compare each view (or ``view``) with a fresh rebuild from the log; report drift.

        The views are caught up first (read-only: compared where they stand); the rebuild is
        made in a scratch store (a private in-memory database) up to the same position and
        compared row by row, by key.
        """
        if self._scratch is None:
            raise InvalidInputError([Text("this store was opened without a scratch view store")])
        views = self._views(view)
        keys = [self._key(v) for v in views]
        self._fresh()
        for _ in range(ATTEMPTS):  # both sides must stand at the same position
            before = self._store.positions(keys)
            dumped = self._store.dump()
            if self._store.positions(keys) == before:
                break
            self._fresh()
        else:  # pragma: no cover - a store written faster than it can be read
            raise RuntimeError("the read models kept moving; check a quieter store")
        report = DriftReport()
        by_position: dict[int, list[str]] = {}
        for v in views:
            by_position.setdefault(before[self._key(v)], []).append(v)
        for position, group in sorted(by_position.items()):
            scratch = self._scratch()
            try:
                rebuild = ViewRunner(self._app, scratch)
                if len(group) == len(VIEW_NAMES):
                    rebuild.catch_up(until=position)
                else:
                    for v in group:
                        rebuild.catch_up(v, until=position)
                fresh = scratch.dump()
            finally:
                scratch.close()
            for v in group:
                report.views[v] = position
                report.rows += len(fresh[v])
                report.drift.extend(compare(v, dumped[v], fresh[v]))
        return report

    def rebuild(
        self,
        view: str | None = None,
        *,
        batch_size: int = 1000,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> int:
        """Empty ``view`` (or all views) and replay the whole log into it; return events applied.

        While it runs, queries of that view see it partly rebuilt.
        """
        views = self._views(view)
        with self._lock:
            self._store.reset(views, [self._key(v) for v in views])
            self._cache.clear()
        return self.catch_up(view, batch_size=batch_size, on_progress=on_progress)

    def follow(self, stop: threading.Event, *, poll_interval: float = 1.0) -> None:
        """Keep the views current until ``stop`` is set.

        On PostgreSQL, eventsourcing's LISTEN/NOTIFY subscription wakes the runner when events
        are recorded; on SQLite, which has no subscription, it polls every ``poll_interval``
        seconds. Each wake-up catches up in batches.
        """
        self.catch_up()
        if not self._subscribes:
            while not stop.wait(poll_interval):
                self.catch_up()
            return
        position = min(s.position for s in self.status())
        with self._app.recorder.subscribe(gt=position, topics=_TOPICS) as subscription:

            def wake() -> None:
                stop.wait()
                subscription.stop()

            waker = threading.Thread(target=wake)
            waker.start()
            try:
                for notification in subscription:
                    if notification.id > position:
                        self.catch_up()
                        position = min(s.position for s in self.status())
            finally:
                stop.set()
                waker.join()
