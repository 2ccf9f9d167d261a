"""The hash chain on PostgreSQL (needs the ``postgres`` extra); see :mod:`.chain`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder
from psycopg.sql import SQL

from certflow.application.chain import CHAIN, CHECKPOINT, Chainer, RemembersTips

__all__ = ["ChainedPostgresApplicationRecorder"]


class ChainedPostgresApplicationRecorder(RemembersTips, PostgresApplicationRecorder):
    """eventsourcing's PostgreSQL recorder, plus a chain row for every event, same transaction.

    Inserts already hold an EXCLUSIVE lock on the events table, so chains extend in commit order.
    """

    def __init__(self, datastore: Any, *, events_table_name: str = "stored_events") -> None:
        super().__init__(datastore, events_table_name=events_table_name)
        schema = datastore.schema
        self.chainer = Chainer("%s", f"{schema}.{CHAIN}", f"{schema}.{CHECKPOINT}", one_write=True)
        for statement in self.chainer.create_statements("BYTEA"):
            self.sql_create_statements.append(SQL(statement))  # type: ignore[arg-type]

    def _fetch_ids_after_insert_events(
        self, curs: Any, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        ids = super()._fetch_ids_after_insert_events(curs, stored_events, **kwargs)
        if stored_events:
            assert ids is not None
            self.chainer.extend(curs, stored_events, ids)
        return ids
