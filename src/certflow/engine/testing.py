"""Helpers for testing a workflow of your own: a fixed clock, a given past, an expected refusal.

Shipped with the library and free of any test framework (failures are ``AssertionError``), so
they work under pytest, unittest or a plain script::

    from certflow.engine.testing import expect_refusal, fixed_clock, given_history, past

    clock = fixed_clock("2024-11-07", tz=ZONE)
    loan = given_history(
        Loan,
        past(Loan.Opened, "open_loan", title="Bumi Manusia"),
        past(Loan.Lent, "lend", member="m-7"),
        at=clock.now(),
    )
    with expect_refusal(loan, RuleViolatedError, rules=["L1"]):
        loan.lend("m-8", actor=librarian, at=clock.now())

A given history is built from events only: no role is checked and no rule is evaluated, so a
test can start a record in any state its events can express. The record is what replaying
those events gives, exactly as a store would load it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from enum import Enum
from typing import Any, Generic, TypeVar, cast
from uuid import UUID, uuid4

from certflow.engine.aggregate import WorkflowAggregate, WorkflowEvent, WorkflowStarted, project
from certflow.engine.clock import FixedClock
from certflow.engine.errors import DefinitionError, RejectedError
from certflow.engine.workflow import Actor, Move, Workflow

__all__ = [
    "Past",
    "Refusal",
    "expect_refusal",
    "fixed_clock",
    "given_events",
    "given_history",
    "past",
]

A = TypeVar("A", bound=WorkflowAggregate[Any])
E = TypeVar("E", bound=RejectedError)
S = TypeVar("S", bound=Enum)


def fixed_clock(start: date | datetime | str, *, tz: tzinfo | None = None) -> FixedClock:
    """A :class:`FixedClock` starting at ``start``.

    Args:
        start: a date (09:00 that day), a datetime, or either one in ISO form
            (``"2024-11-07"``, ``"2024-11-07T14:30"``, ``"2024-11-07T14:30+07:00"``).
        tz: the clock's zone; needed unless ``start`` carries one.

    Raises:
        DefinitionError: no zone is given and ``start`` has none.
        ValueError: ``start`` is a string in no ISO form.
    """
    if isinstance(start, str):
        text = start.strip()
        start = date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
    return FixedClock(start, tz=tz)


@dataclass(frozen=True)
class Past:
    """One event of a given history, before it is numbered and stamped (see :func:`past`)."""

    event_class: type[WorkflowEvent]
    trigger: str
    fields: Mapping[str, Any] = field(default_factory=dict)
    stage: Enum | str | None = None
    actor: Actor | None = None
    at: datetime | None = None


def past(
    event_class: type[WorkflowEvent],
    trigger: str,
    /,
    *,
    stage: Enum | str | None = None,
    actor: Actor | None = None,
    at: datetime | None = None,
    **fields: Any,
) -> Past:
    """An event that happened: its class, the move that recorded it and its own fields.

    Args:
        event_class: e.g. ``Loan.Lent``; the first event of a history is a creation event.
        trigger: the move that recorded it, e.g. ``"lend"``.
        stage: where the record was after it; by default where the workflow's graph leads
            (the initial stage for a creation move, the same stage for a move inside a stage,
            the one destination otherwise). Needed for a move with several destinations.
        actor: who made it; by default ``given-history`` in the first role the move allows.
        at: when it happened; by default the ``at`` given to :func:`given_history`.
        **fields: the event's own fields.
    """
    return Past(event_class, trigger, dict(fields), stage, actor, at)


def given_events(
    aggregate_class: type[WorkflowAggregate[Any]],
    *history: Past | WorkflowEvent,
    id: UUID | None = None,
    at: datetime | None = None,
    version: int | None = None,
) -> list[WorkflowEvent]:
    """The stored events of a record with this history, numbered and stamped, never decided.

    Args:
        aggregate_class: the workflow aggregate the events belong to.
        *history: :func:`past` specs, or ready-made events that continue the sequence.
        id: the record's id (by default a new one, or the first ready-made event's).
        at: the business time of every spec that gives none (timezone-aware).
        version: the definition version the specs were recorded under (default: current).

    Raises:
        DefinitionError: the history is empty, does not start with a creation event, a spec
            names an unknown move or stage, a time is missing or naive, or a ready-made event
            belongs to another record or breaks the sequence.
    """
    if not history:
        raise DefinitionError("a given history needs at least its creation event")
    first = history[0]
    if isinstance(first, WorkflowEvent):
        id = id or first.originator_id
    record_id = id or uuid4()
    definition = _definition(aggregate_class, version)
    events: list[WorkflowEvent] = []
    aggregate: WorkflowAggregate[Any] | None = None
    for number, item in enumerate(history, start=1):
        if isinstance(item, WorkflowEvent):
            if (item.originator_id, item.originator_version) != (record_id, number):
                raise DefinitionError(
                    f"event {number} of the history is {type(item).__qualname__} "
                    f"v{item.originator_version} of {item.originator_id}; expected v{number} "
                    f"of {record_id}"
                )
            aggregate = item.mutate(aggregate)
            events.append(item)
            continue
        envelope = _envelope(definition, item, aggregate, at)
        if aggregate is None:
            if not issubclass(item.event_class, WorkflowStarted):
                raise DefinitionError(
                    f"a history starts with a creation event, not {item.event_class.__qualname__}"
                )
            aggregate = aggregate_class._create(
                item.event_class, id=record_id, **envelope, **item.fields
            )
        else:
            aggregate.trigger_event(item.event_class, **envelope, **item.fields)
        events.extend(cast("list[WorkflowEvent]", aggregate.collect_events()))
    return events


def given_history(
    aggregate_class: type[A],
    *history: Past | WorkflowEvent,
    id: UUID | None = None,
    at: datetime | None = None,
    version: int | None = None,
) -> A:
    """A record as replaying this history gives it: no role checked, no rule evaluated.

    Takes the same arguments as :func:`given_events`. The record has no pending event (its
    past is stored, not new) and equals what a repository loads from those events.
    """
    events = given_events(aggregate_class, *history, id=id, at=at, version=version)
    record = project(None, events)
    if not isinstance(record, aggregate_class):
        raise DefinitionError(
            f"the history builds a {type(record).__qualname__}, "
            f"not a {aggregate_class.__qualname__}"
        )
    return record


def _definition(
    aggregate_class: type[WorkflowAggregate[Any]], version: int | None
) -> Workflow[Any]:
    if version is None:
        return aggregate_class.workflow
    try:
        return aggregate_class.definitions[version]
    except KeyError:
        raise DefinitionError(
            f"{aggregate_class.__qualname__} has no definition version {version}"
        ) from None


def _envelope(
    definition: Workflow[Any],
    spec: Past,
    aggregate: WorkflowAggregate[Any] | None,
    default_at: datetime | None,
) -> dict[str, Any]:
    move = definition.move(spec.trigger)
    at = spec.at or default_at
    if at is None or at.tzinfo is None:
        raise DefinitionError(
            f"the given {spec.trigger} needs a timezone-aware time: pass at= to past() or to "
            "given_history()"
        )
    actor = spec.actor or Actor("given-history", sorted(move.roles)[0])
    return {
        "trigger": move.trigger,
        "actor_id": actor.id,
        "actor_role": actor.role,
        "at": at,
        "timestamp": at,
        "stage": _stage(definition, move, spec, aggregate).value,
        "workflow": definition.name,
        "workflow_version": definition.version,
        "rules": list(move.rule_ids),
    }


def _stage(
    definition: Workflow[S],
    move: Move[S],
    spec: Past,
    aggregate: WorkflowAggregate[Any] | None,
) -> S:
    if spec.stage is not None:
        return definition.stage(cast("S | str", spec.stage))
    if move.creates:
        return definition.initial
    if aggregate is None:
        raise DefinitionError(f"{move.trigger} does not create a record; start the history first")
    current = definition.stage(aggregate.stage_name)
    options = (current,) if move.stays else definition.destinations(move.trigger, current)
    if not options and len(move.destinations) == 1:
        options = move.destinations
    if len(options) != 1:
        raise DefinitionError(
            f"the given {move.trigger} from {current.value} may end in "
            f"{len(options) or 'no'} stages; pass stage= to past()"
        )
    return options[0]


class Refusal(Generic[E]):
    """What :func:`expect_refusal` caught; read :attr:`error` after the ``with`` block."""

    def __init__(self) -> None:
        self._error: E | None = None

    @property
    def error(self) -> E:
        """The refusal the command raised."""
        if self._error is None:
            raise AssertionError("the with block has not been refused (yet)")
        return self._error


@contextmanager
def expect_refusal(
    aggregate: WorkflowAggregate[Any] | None = None,
    error: type[E] = RejectedError,  # type: ignore[assignment]
    *,
    rules: Iterable[str] = (),
) -> Iterator[Refusal[E]]:
    """Assert that the ``with`` block is refused, and that the record stays as it was.

    Args:
        aggregate: the record the command acts on (``None`` for a creation command): it must
            gain no pending event and keep its version.
        error: the refusal expected (``RejectedError`` or a subclass of it).
        rules: rule ids the refusal must name (among others, if it names more).

    Raises:
        AssertionError: the block was not refused, was refused with another kind of
            refusal, does not name every rule in ``rules``, or changed the record.
    """
    if not (isinstance(error, type) and issubclass(error, RejectedError)):
        raise DefinitionError(f"expect_refusal expects a RejectedError subclass, not {error!r}")
    expected = tuple(rules)
    before = None if aggregate is None else (aggregate.version, len(aggregate.pending_events))
    refusal: Refusal[E] = Refusal()
    try:
        yield refusal
    except error as caught:
        refusal._error = caught
    except RejectedError as other:
        raise AssertionError(
            f"expected {error.__name__}, the command raised {type(other).__name__}: {other}"
        ) from other
    else:
        raise AssertionError(f"expected {error.__name__}, but the command was not refused")
    caught_error = refusal.error
    missing = [r for r in expected if r not in caught_error.rule_ids]
    if missing:
        named = ", ".join(caught_error.rule_ids) or "no rule"
        raise AssertionError(
            f"the refusal names {named}, not {', '.join(missing)}: {caught_error}"
        ) from caught_error
    if aggregate is not None:
        after = (aggregate.version, len(aggregate.pending_events))
        if after != before:
            raise AssertionError(
                f"the refused command changed the record: version and pending events were "
                f"{before}, now {after}"
            )
