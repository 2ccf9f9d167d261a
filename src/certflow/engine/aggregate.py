"""The event-sourced aggregate base: public commands decide, recorded events only record."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any, ClassVar, Self
from uuid import UUID

from eventsourcing.domain import AggregateCreated, AggregateEvent, BaseAggregate, Snapshot

from certflow.engine.deadlines import DeadlineState
from certflow.engine.errors import DefinitionError, InvalidInputError
from certflow.engine.workflow import Actor, Decision, Workflow

__all__ = ["WorkflowAggregate", "WorkflowEvent", "WorkflowStarted"]


class WorkflowEvent(AggregateEvent):
    """Envelope shared by every workflow event: what move, who, when, and the outcome."""

    trigger: str
    """The move that was made."""
    actor_id: str
    """Who made it (a pseudonymous id, never a name)."""
    actor_role: str
    """The role they acted in."""
    at: datetime
    """Business time of the move, from the injected clock."""
    stage: str
    """The stage the record is in after the move (decided once, replayed as is)."""
    workflow: str
    """Name of the workflow definition the move was decided under."""
    workflow_version: int
    """Version of that definition."""
    rules: list[str]
    """Ids of the rules that were checked and satisfied."""

    def apply(self, aggregate: Any) -> None:
        """Set the envelope's facts, then the event's own (via :meth:`record`)."""
        aggregate.stage_name = self.stage
        aggregate.workflow_name = self.workflow
        aggregate.workflow_version = self.workflow_version
        aggregate.updated_at = self.at
        self.record(aggregate)

    def record(self, aggregate: Any) -> None:
        """Copy this event's own facts onto the aggregate. Never raise, never decide."""


class WorkflowStarted(WorkflowEvent, AggregateCreated):
    """A record was started by a creation move."""


class WorkflowAggregate(BaseAggregate[UUID]):
    """Base for aggregates that move through a :class:`Workflow`.

    Subclasses set ``workflow`` (one shared definition, never a machine per instance) and an
    explicit ``TOPIC``; declare their events as nested subclasses of :class:`WorkflowEvent` (the
    creation event of :class:`WorkflowStarted`), each with its own explicit ``TOPIC`` and a
    ``record()`` method that copies the event's facts onto the aggregate; and write public
    commands that call :meth:`_decide` and then :meth:`_record`. Because every event carries its
    destination stage, replay assigns recorded values and never evaluates a rule.
    """

    workflow: ClassVar[Workflow[Any]]
    Event = WorkflowEvent
    Snapshot = Snapshot

    if TYPE_CHECKING:  # set by every event's apply(); annotations kept out of the runtime class
        stage_name: str
        """The stored name of the current stage."""
        workflow_name: str
        workflow_version: int
        updated_at: datetime
        """Business time of the latest event."""

    def __init__(self) -> None:
        """Aggregates are started by a class method that decides the creation move."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "workflow" in cls.__dict__ and not isinstance(cls.__dict__["workflow"], Workflow):
            raise DefinitionError(f"{cls.__qualname__}.workflow must be a Workflow")

    @property
    def stage(self) -> Any:
        """The current stage, as a member of the workflow's stage Enum."""
        return self.workflow.stage(self.stage_name)

    def deadlines(self, today: date) -> tuple[DeadlineState, ...]:
        """The deadlines that apply to this record now, as of ``today``."""
        return self.workflow.deadline_states(self, today)

    def sweep(self, *, actor: Actor, at: datetime) -> list[str]:
        """Make every move that time has made due (``Deadline.on_due``); return their triggers.

        Idempotent: a move made here takes the record out of the state its deadline applies to,
        so sweeping again at the same time makes no further move.
        """
        made: list[str] = []
        declared = {d.name: d for d in self.workflow.deadlines}
        for _ in range(len(declared) + 1):
            due = [d for d in self.deadlines(at.date()) if d.overdue and d.on_due]
            if not due:
                break
            deadline = declared[due[0].name]
            assert deadline.on_due is not None
            getattr(self, deadline.on_due)(actor=actor, at=at, **deadline.on_due_args)
            made.append(deadline.on_due)
        return made

    @classmethod
    def _start(
        cls,
        event_class: type[WorkflowStarted],
        trigger: str,
        *,
        id: UUID,
        actor: Actor,
        at: datetime,
        context: object = None,
        **data: Any,
    ) -> Self:
        """Decide a creation move and start the record with its first event."""
        decision = cls.workflow.decide(trigger, None, actor, context)
        return cls._create(event_class, id=id, **cls._envelope(decision, actor, at), **data)

    def _decide(
        self, trigger: str, actor: Actor, context: object = None, *, dest: Any = None
    ) -> Decision[Any]:
        """Decide a move from the current stage; raises a refusal, records nothing."""
        return self.workflow.decide(trigger, self.stage_name, actor, context, dest=dest)

    def _record(
        self,
        event_class: type[WorkflowEvent],
        decision: Decision[Any],
        *,
        actor: Actor,
        at: datetime,
        **data: Any,
    ) -> None:
        """Record a decided move as an event (which also applies it)."""
        self.trigger_event(event_class, **self._envelope(decision, actor, at), **data)

    @classmethod
    def _envelope(cls, decision: Decision[Any], actor: Actor, at: datetime) -> dict[str, Any]:
        if at.tzinfo is None:
            raise InvalidInputError(["the time of a move must be timezone-aware"])
        return {
            "trigger": decision.move.trigger,
            "actor_id": actor.id,
            "actor_role": actor.role,
            "at": at,
            "stage": decision.destination.value,
            "workflow": cls.workflow.name,
            "workflow_version": cls.workflow.version,
            "rules": list(decision.rule_ids),
        }
