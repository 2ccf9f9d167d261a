"""eventsourcing's application, kept private as the storage engine of :mod:`.runtime`."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from copy import deepcopy
from typing import Any
from uuid import UUID

from eventsourcing.application import Application, ProcessingEvent
from eventsourcing.domain import DomainEventProtocol
from eventsourcing.persistence import JSONTranscoder, StoredEvent, Transcoder

from certflow.engine.aggregate import WorkflowAggregate
from certflow.engine.snapshots import PastRepository, SealedSnapshots
from certflow.engine.transcoder import FastJSONTranscoder

Transcodings = Callable[[JSONTranscoder], None]
"""Registers the transcodings of the value types a workflow's events hold."""


class _EventStoreApplication(Application[UUID]):
    """eventsourcing's application, used only as the runtime's storage engine."""

    def __init__(
        self,
        name: str,
        env: Mapping[str, str],
        transcodings: Transcodings | None,
        intervals: dict[type[WorkflowAggregate[Any]], int],
    ) -> None:
        self.name = name
        self._transcodings = transcodings
        if intervals:
            self.snapshotting_intervals = intervals  # type: ignore[misc,assignment]
        super().__init__(dict(env))

    def construct_snapshot_store(self) -> SealedSnapshots:
        """Snapshots sealed in the event log and checked on load (:mod:`.snapshots`)."""
        return SealedSnapshots(
            self.mapper, self.factory.aggregate_recorder(purpose="snapshots"), self.events
        )

    def construct_repository(self) -> PastRepository:
        return PastRepository.like(super().construct_repository())

    def construct_transcoder(self) -> Transcoder:
        """The JSON transcoder, with certflow's faster decoder (:mod:`.transcoder`)."""
        transcoder = self.factory.transcoder()
        if type(transcoder) is JSONTranscoder:  # the default; another one chosen is kept
            transcoder = FastJSONTranscoder()
        if isinstance(transcoder, JSONTranscoder):
            self.register_transcodings(transcoder)
        return transcoder

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        if self._transcodings is not None:
            self._transcodings(transcoder)

    def save_records(
        self,
        records: Sequence[WorkflowAggregate[Any]],
        also: Sequence[DomainEventProtocol[UUID]] = (),
        stored: Sequence[StoredEvent] = (),
    ) -> None:
        """``Application.save`` for workflow records, without its runtime protocol checks.

        ``save`` asks of every object whether it is an event or an aggregate with two
        ``isinstance`` checks against runtime-checkable protocols (about 10 µs a command);
        these are known to be aggregates. The steps are ``save``'s own: record the events, then
        take the snapshots that are due (its notification hooks are not overridden here, so
        they are left out); then cache the records. ``also``: events of one-event records
        stored in the same transaction (a request's answer); ``stored``: events already in
        their stored form, of new records (:class:`.Starts`), likewise.
        """
        processing: ProcessingEvent[UUID] = ProcessingEvent()
        for record in records:
            processing.events.extend(record.collect_events())
            processing.aggregates[record.id] = record
        processing.events.extend(also)
        if stored:  # as _record, with these events passed on as they are
            self.recorder.insert_events(
                [*map(self.mapper.to_stored_event, processing.events), *stored]
            )
        else:
            self._record(processing)
        self._take_snapshots(processing)
        # Fast-forward leaves eventsourcing's cache as it was (the next load read back what was
        # just written): cache a copy of each committed record; loads still fast-forward it.
        if (cache := self.repository.cache) is not None:
            for record in records:
                cache.put(record.id, deepcopy(record))
