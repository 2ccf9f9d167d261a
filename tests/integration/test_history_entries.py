"""A history entry is built from its event without validating it again: it must still be valid.

``HistoryEntry.of`` trusts the decoded event's typed fields (issue 18, B3). For every kind of
event certflow stores, the entry must equal the one pydantic validates from the same values,
and its ``data`` the plain copy made the long way (``isinstance`` for every value).
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Any
from uuid import UUID

import certflow
from certflow import WIB, FixedClock, HistoryEntry
from certflow.application.views import _ENVELOPE
from certflow.bootstrap import services_of
from certflow.engine import WorkflowEvent
from tests.support import every_event_history


def _plain_long_way(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (UUID, date)):
        return value.isoformat() if isinstance(value, date) else str(value)
    if isinstance(value, dict):
        return {str(k): _plain_long_way(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain_long_way(v) for v in value]
    return value


def test_every_kind_of_entry_equals_the_validated_one() -> None:
    lsp = certflow.open("memory://", clock=FixedClock(date(2024, 10, 14), tz=WIB))
    try:
        kinds: set[str] = set()
        for record_id in every_event_history(lsp, migrate=False):
            for event in services_of(lsp).store.events(record_id):
                assert isinstance(event, WorkflowEvent)
                entry = HistoryEntry.of(event)
                validated = HistoryEntry.model_validate(entry.model_dump())
                assert entry == validated, type(event).__name__
                assert entry.model_dump_json() == validated.model_dump_json()
                assert entry.data == {
                    k: _plain_long_way(v) for k, v in vars(event).items() if k not in _ENVELOPE
                }
                kinds.add(type(event).__name__)
        assert len(kinds) > 40  # every kind of event, not a handful
    finally:
        lsp.close()
