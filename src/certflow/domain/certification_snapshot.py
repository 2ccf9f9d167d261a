"""A certification's snapshot, stored as one typed document.

eventsourcing's own snapshots store the aggregate's attributes as transcoded JSON: the state's
60-odd fields and every id, date and Enum inside them become tagged objects that a Python hook
decodes one by one, and the result is validated into a :class:`CertificationState` again, about
five times the cost of loading a plain aggregate. This snapshot stores the same attributes as
one JSON document of declared types (no type tags: the declarations say what each value is),
which pydantic's compiled validator reads in one call. Every field is written, those at their
declared defaults too, so what a snapshot gives back never depends on the defaults of the code
that reads it.

The document names the aggregate's ``class_version`` it was written under: a document from
another version is not read (the certification is replayed from its events instead). Snapshots
stored before this one existed (topic ``eventsourcing.domain:Snapshot``) still load, with the
aggregate's upcasters.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar, Self
from uuid import UUID

from pydantic import BaseModel, ConfigDict

from certflow.domain.certification_state import CertificationState
from certflow.engine import CompactSnapshot

__all__ = ["CertificationSnapshot"]

_STORED = frozenset(
    {
        "_created_on",
        "_modified_on",
        "stage_name",
        "workflow_name",
        "workflow_version",
        "updated_at",
        "state",
        "class_version",
    }
)
"""The certification's attributes a document holds."""
_REBUILT = frozenset({"_id", "_version", "_pending_events"})
"""The attributes ``mutate`` sets from the snapshot's envelope (never stored in a document)."""


class _Document(BaseModel):
    """The stored form: the snapshot's time, then the certification's attributes."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    class_version: int
    """The certification's class version the document was written under."""
    timestamp: datetime
    """When the snapshot was taken."""
    created_on: datetime
    modified_on: datetime
    stage_name: str
    workflow_name: str
    workflow_version: int
    updated_at: datetime
    state: CertificationState


class CertificationSnapshot(CompactSnapshot):
    """The snapshot of a certification (``Certification.Snapshot``), stored as one document."""

    TOPIC = "certflow/Certification.Snapshot"
    aggregate_topic: ClassVar[str] = "certflow/Certification"
    """The topic of the aggregate this snapshot is of (always a certification)."""
    aggregate_class_version: ClassVar[int] = 2
    """The certification's class version this code writes and reads (``Certification``'s)."""

    def stored_state(self) -> bytes:
        """The document."""
        state = self.state
        if self.topic != self.aggregate_topic or state.keys() - _REBUILT != _STORED:
            raise TypeError(f"not a certification's snapshot: {self.topic}, {sorted(state)}")
        if state["class_version"] != self.aggregate_class_version:
            raise TypeError(f"certification class version {state['class_version']} is not known")
        document = _Document(
            class_version=state["class_version"],
            timestamp=self.timestamp,
            created_on=state["_created_on"],
            modified_on=state["_modified_on"],
            stage_name=state["stage_name"],
            workflow_name=state["workflow_name"],
            workflow_version=state["workflow_version"],
            updated_at=state["updated_at"],
            state=state["state"],
        )
        return document.model_dump_json().encode()

    @classmethod
    def from_stored_state(
        cls, originator_id: UUID, originator_version: int, data: bytes
    ) -> Self | None:
        """The snapshot stored as ``data``; ``None`` when written under another class version.

        The version is the document's first field (as written here), so a document of another
        version is recognised without reading it under this version's declarations.
        """
        if not data.startswith(b'{"class_version":%d,' % cls.aggregate_class_version):
            return None
        document = _Document.model_validate_json(data)
        attributes: dict[str, Any] = {
            "_created_on": document.created_on,
            "_modified_on": document.modified_on,
            "stage_name": document.stage_name,
            "workflow_name": document.workflow_name,
            "workflow_version": document.workflow_version,
            "updated_at": document.updated_at,
            "state": document.state,
            "class_version": document.class_version,
        }
        return cls(
            originator_id=originator_id,
            originator_version=originator_version,
            timestamp=document.timestamp,
            topic=cls.aggregate_topic,
            state=attributes,
        )
