"""The replay audit: every recorded move checked against the definition it was recorded under.

Replay reads recorded facts only. A move is legal when the definition version named in its
event has that move from the stage recorded before it to the stage the event recorded; a
record is stranded when it is still open and the current definition cannot continue it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from certflow.engine.aggregate import WorkflowEvent
from certflow.engine.text import Text
from certflow.engine.workflow import Workflow

__all__ = ["MIGRATION_TRIGGER", "ReplayFinding", "ReplayReport", "replay_histories"]

MIGRATION_TRIGGER = "migrate_definition"
"""The trigger of a recorded move to another definition version (checked when decided)."""


@dataclass(frozen=True)
class ReplayFinding:
    """One recorded move, or one open record, that the replay audit flags."""

    record_id: UUID
    version: int | None
    """The record's version the finding is about (``None``: the record as a whole)."""
    detail: Text
    """What is wrong, in both languages (``str()`` renders the chosen language)."""


@dataclass
class ReplayReport:
    """What the replay audit found."""

    histories: int = 0
    moves: int = 0
    illegal: list[ReplayFinding] = field(default_factory=list)
    """Recorded moves not legal in the definition version they were recorded under."""
    stranded: list[ReplayFinding] = field(default_factory=list)
    """Open records the current definition cannot continue."""

    @property
    def clean(self) -> bool:
        """Whether every move was legal and every open record can continue."""
        return not self.illegal and not self.stranded


def replay_histories(
    current: Workflow[Any],
    definitions: Mapping[int, Workflow[Any]],
    histories: Iterable[tuple[UUID, Sequence[WorkflowEvent]]],
    *,
    on_progress: Callable[[int], None] | None = None,
) -> ReplayReport:
    """Check each ``(record id, events)`` history.

    Args:
        current: the definition new moves are decided under (strandedness is judged by it).
        definitions: every definition version recorded moves may name, by version.
        histories: each record's id and its recorded workflow events, in order.
        on_progress: called with the number of histories checked so far.
    """
    report = ReplayReport()
    for record_id, events in histories:
        report.histories += 1
        previous: str | None = None
        for event in events:
            report.moves += 1
            problem = _illegal(definitions.get(event.workflow_version), event, previous)
            if problem is not None:
                report.illegal.append(ReplayFinding(record_id, event.originator_version, problem))
            previous = event.stage
        if events:
            stranded = _stranded(current, events[-1])
            if stranded is not None:
                report.stranded.append(
                    ReplayFinding(record_id, events[-1].originator_version, stranded)
                )
        if on_progress is not None:
            on_progress(report.histories)
    return report


def _illegal(
    definition: Workflow[Any] | None, event: WorkflowEvent, previous: str | None
) -> Text | None:
    if definition is None:
        return Text(
            "definition version {event_workflow_version} is not known",
            event_workflow_version=event.workflow_version,
        )
    if event.trigger == MIGRATION_TRIGGER:
        return None  # a recorded migration keeps the stage; it was checked when decided
    known = {m.trigger for m in definition.moves}
    if previous is None:
        if event.trigger in known and definition.move(event.trigger).creates:
            return None
        return Text(
            "{event_trigger} cannot start a {definition_name} record",
            event_trigger=event.trigger,
            definition_name=definition.name,
        )
    allowed = (
        definition.destinations(event.trigger, previous)
        if event.trigger in known and previous in {s.value for s in definition.stages}
        else ()
    )
    if event.stage in {s.value for s in allowed}:
        return None
    return Text(
        "{event_trigger} from {previous} to {event_stage} is not a move "
        "of version {event_workflow_version}",
        event_trigger=event.trigger,
        previous=previous,
        event_stage=event.stage,
        event_workflow_version=event.workflow_version,
    )


def _stranded(current: Workflow[Any], last: WorkflowEvent) -> Text | None:
    final = {s.value for s in current.final}
    if last.stage in final:
        return None
    if last.stage not in {s.value for s in current.stages} or not current.triggers_from(last.stage):
        return Text(
            "stage {last_stage} does not exist in version {current_version} "
            "(or has no move out); migrate it",
            last_stage=last.stage,
            current_version=current.version,
        )
    if last.workflow_version != current.version:
        return Text(
            "runs under version {last_workflow_version}; current is {current_version}",
            last_workflow_version=last.workflow_version,
            current_version=current.version,
        )
    return None
