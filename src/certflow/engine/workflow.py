"""Workflow definitions as data, compiled once into a model-less ``transitions.Machine``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any, Generic, TypeVar

from transitions import Machine

from certflow.engine.deadlines import Deadline, DeadlineState
from certflow.engine.errors import (
    DefinitionError,
    NotAuthorizedError,
    TransitionNotAllowedError,
)
from certflow.engine.rules import Rule, require

__all__ = ["Actor", "Decision", "Move", "Workflow"]

S = TypeVar("S", bound=Enum)


def _role_name(role: str | Enum) -> str:
    value = role.value if isinstance(role, Enum) else role
    if not isinstance(value, str) or not value.strip():
        raise DefinitionError(f"a role must be a non-empty string, not {role!r}")
    return value


@dataclass(frozen=True, slots=True)
class Actor:
    """Who issues a command: a stable id (never a name) and the role they act in."""

    id: str
    """A stable, pseudonymous id of the person or system (e.g. a staff number's hash)."""
    role: str
    """The role they act in for this command (e.g. ``"librarian"``)."""
    mandate: str | None
    """What entitles them to act, once an application has checked it against its records
    (e.g. an appointment's id); ``None`` when nothing was checked. Recorded on every event."""

    def __init__(self, id: str, role: str | Enum, mandate: str | None = None) -> None:
        if not isinstance(id, str) or not id.strip():
            raise ValueError("an actor needs a non-empty id")
        object.__setattr__(self, "id", id.strip())
        object.__setattr__(self, "role", _role_name(role))
        object.__setattr__(self, "mandate", mandate)


class Move(Generic[S]):
    """One move of a workflow: a trigger, where it may start, where it ends, who may make it.

    ``source=None`` declares a creation move (it starts a new record at the workflow's initial
    stage); ``dest=None`` declares a move inside a stage (the record stays where it is).
    """

    __slots__ = (
        "_rule_ids",
        "applies",
        "creates",
        "description",
        "destinations",
        "role_rule",
        "roles",
        "rules",
        "source_rule",
        "sources",
        "stays",
        "trigger",
    )

    def __init__(
        self,
        trigger: str,
        *,
        source: S | Sequence[S] | None,
        dest: S | Sequence[S] | None = None,
        roles: Iterable[str | Enum],
        rules: Sequence[Rule[Any]] = (),
        source_rule: str | None = None,
        role_rule: str | None = None,
        applies: Sequence[str] = (),
        description: str = "",
    ) -> None:
        if not trigger.isidentifier() or trigger.startswith("_"):
            raise DefinitionError(f"trigger {trigger!r} must be a public snake_case name")
        self.trigger = trigger
        """The command name, spelled the same in the workflow, the aggregate and the facade."""
        self.creates = source is None
        """Whether this move creates a new record."""
        self.sources: tuple[S, ...] = () if source is None else _as_tuple(source)
        """Stages the move may start from."""
        self.stays = dest is None
        """Whether the move keeps the record in the stage it starts from."""
        self.destinations: tuple[S, ...] = () if dest is None else _as_tuple(dest)
        """Stages the move may end in (more than one when the command chooses the outcome)."""
        self.roles: frozenset[str] = frozenset(_role_name(r) for r in roles)
        """Roles allowed to make the move."""
        self.rules: tuple[Rule[Any], ...] = tuple(rules)
        """Rules checked, in order, before the move is recorded."""
        self.source_rule = source_rule
        """Rule id cited when the move is tried from a stage it does not start from."""
        self.role_rule = role_rule
        """Rule id cited when an actor with another role tries the move."""
        self.applies: tuple[str, ...] = tuple(applies)
        """Ids of rules the move applies when it records (e.g. a computed deadline) rather
        than checks before it."""
        self.description = description
        """One sentence for documentation."""
        ids = [i for i in (source_rule, role_rule) if i]
        ids.extend(r.rule_id for r in self.rules)
        ids.extend(self.applies)
        self._rule_ids = tuple(dict.fromkeys(ids))
        """Worked out once: every decision records them, and a move is not changed once made."""

    @property
    def rule_ids(self) -> tuple[str, ...]:
        """Ids of every rule this move checks (role, stage and business rules)."""
        return self._rule_ids

    def __repr__(self) -> str:
        return f"Move({self.trigger!r})"


def _as_tuple(value: S | Sequence[S]) -> tuple[S, ...]:
    if isinstance(value, Enum):
        return (value,)
    return tuple(value)


@dataclass(frozen=True, slots=True)
class Decision(Generic[S]):
    """The outcome of deciding a command: the move, where it started and where it ends."""

    move: Move[S]
    source: S | None
    destination: S
    rule_ids: tuple[str, ...]
    """Ids of the rules that were checked and satisfied."""


class Workflow(Generic[S]):
    """A versioned workflow definition: stages, an initial stage and moves.

    The definition is checked when it is built (import time) and compiled once into a
    ``transitions.Machine`` with no model, which answers "which moves leave this stage, and
    where do they go?". Aggregates carry only a stage name; they never own a machine.
    """

    def __init__(
        self,
        name: str,
        *,
        version: int,
        stages: type[S],
        initial: S,
        moves: Sequence[Move[S]],
        final: Iterable[S] = (),
        deadlines: Sequence[Deadline] = (),
    ) -> None:
        if not name.strip():
            raise DefinitionError("a workflow needs a name")
        if not isinstance(version, int) or version < 1:
            raise DefinitionError(f"workflow {name}: version must be a positive int")
        self.name = name
        self.version = version
        self.stages = stages
        self.initial = initial
        self.final: frozenset[S] = frozenset(final)
        self.moves: tuple[Move[S], ...] = tuple(moves)
        self.deadlines: tuple[Deadline, ...] = tuple(deadlines)
        self._by_trigger: dict[str, Move[S]] = {}
        self._check()
        self._by_value: dict[str, S] = {s.value: s for s in stages}
        """Each stage by its stored name: a dict look-up where an Enum call costs ~1 µs."""
        self._options: dict[tuple[str, str], tuple[S, ...]] = {}
        """:meth:`destinations` by (trigger, stage name), filled as they are asked."""
        self._machine = Machine(
            model=None,
            states=[s.value for s in stages],
            transitions=[
                {"trigger": m.trigger, "source": src.value, "dest": dst.value}
                for m in self.moves
                if not m.creates
                for src in m.sources
                for dst in (m.destinations or (src,))
            ],
            initial=initial.value,
            auto_transitions=False,
            name=f"{name}-v{version}",
        )

    # -- definition checks -------------------------------------------------------------------

    def _check(self) -> None:
        where = f"workflow {self.name} v{self.version}"
        values = [s.value for s in self.stages]
        if not values or not all(isinstance(v, str) and v for v in values):
            raise DefinitionError(f"{where}: stages must be an Enum with non-empty str values")
        if self.initial not in self.stages:
            raise DefinitionError(f"{where}: initial stage {self.initial!r} is not a stage")
        for move in self.moves:
            self._check_move(where, move)
        if not any(m.creates for m in self.moves):
            raise DefinitionError(f"{where}: no creation move (a move with source=None)")
        reachable = {self.initial}
        changed = True
        while changed:
            changed = False
            for move in self.moves:
                if move.creates or not reachable.intersection(move.sources):
                    continue
                for dst in move.destinations:
                    if dst not in reachable:
                        reachable.add(dst)
                        changed = True
        unreachable = [s.value for s in self.stages if s not in reachable]
        if unreachable:
            raise DefinitionError(f"{where}: stages no move reaches: {', '.join(unreachable)}")
        names = [d.name for d in self.deadlines]
        if len(names) != len(set(names)):
            raise DefinitionError(f"{where}: a deadline name is declared twice")
        for deadline in self.deadlines:
            if deadline.on_due is not None and deadline.on_due not in self._by_trigger:
                raise DefinitionError(
                    f"{where}: deadline {deadline.name} makes unknown move {deadline.on_due!r}"
                )

    def _check_move(self, where: str, move: Move[S]) -> None:
        if move.trigger in self._by_trigger:
            raise DefinitionError(f"{where}: trigger {move.trigger!r} is declared twice")
        self._by_trigger[move.trigger] = move
        for stage in (*move.sources, *move.destinations):
            if stage not in self.stages:
                raise DefinitionError(f"{where}: {move.trigger} names unknown stage {stage!r}")
        if not move.roles:
            raise DefinitionError(f"{where}: {move.trigger} allows no role")
        ids = [r.rule_id for r in move.rules]
        if len(ids) != len(set(ids)):
            raise DefinitionError(f"{where}: {move.trigger} lists a rule twice")
        if move.creates:
            if move.destinations != (self.initial,):
                raise DefinitionError(
                    f"{where}: creation move {move.trigger} must end in {self.initial.value}"
                )
            return
        if not move.sources:
            raise DefinitionError(f"{where}: {move.trigger} starts from no stage")
        leaving_final = [s.value for s in move.sources if s in self.final]
        if leaving_final:
            raise DefinitionError(
                f"{where}: {move.trigger} leaves final stage(s) {', '.join(leaving_final)}"
            )

    # -- queries -----------------------------------------------------------------------------

    @property
    def machine(self) -> Machine:
        """The compiled, model-less ``transitions.Machine`` (one per definition)."""
        return self._machine

    def move(self, trigger: str) -> Move[S]:
        """Return the move declared for ``trigger``."""
        try:
            return self._by_trigger[trigger]
        except KeyError:
            raise DefinitionError(
                f"workflow {self.name} v{self.version} has no move {trigger!r}"
            ) from None

    def stage(self, value: str | S) -> S:
        """Return the stage for a stored stage name."""
        if type(value) is str and (found := self._by_value.get(value)) is not None:
            return found
        if isinstance(value, self.stages):
            return value
        try:
            return self.stages(value)
        except ValueError:
            raise DefinitionError(
                f"workflow {self.name} v{self.version} has no stage {value!r}"
            ) from None

    def triggers_from(self, stage: str | S) -> tuple[str, ...]:
        """Triggers of the moves that may start from ``stage`` (roles and rules aside)."""
        value = self.stage(stage).value
        return tuple(
            name for name, event in self._machine.events.items() if event.transitions.get(value)
        )

    def destinations(self, trigger: str, stage: str | S) -> tuple[S, ...]:
        """Where ``trigger`` may lead from ``stage``; empty when it may not start there.

        Read from the compiled machine once per (trigger, stage), then remembered: the machine
        is not changed after it is compiled.
        """
        value = self.stage(stage).value
        known = self._options.get((trigger, value))
        if known is not None:
            return known
        event = self._machine.events.get(trigger)
        if event is None:  # not a move: not remembered (a replayed log may name anything)
            return ()
        options = tuple(self.stages(t.dest) for t in event.transitions.get(value, ()))
        self._options[trigger, value] = options
        return options

    def decide(
        self,
        trigger: str,
        stage: str | S | None,
        actor: Actor,
        context: object = None,
        *,
        dest: S | None = None,
    ) -> Decision[S]:
        """Decide a command: stage, role and rules, in that order; nothing is recorded here.

        Args:
            trigger: the move's trigger.
            stage: the record's current stage, or ``None`` for a creation move.
            actor: who issues the command.
            context: what the move's rules read (the record and the command's inputs).
            dest: the chosen destination, for a move that may end in more than one stage.

        Raises:
            TransitionNotAllowedError: the move does not start from ``stage``.
            NotAuthorizedError: the actor's role is not allowed to make the move.
            RuleViolatedError: one or more of the move's rules are broken.
        """
        if trigger not in self._by_trigger:
            raise TransitionNotAllowedError(
                f"{trigger} (not a move of {self.name} version {self.version})",
                "-" if stage is None else self.stage(stage).value,
                [],
            )
        move = self.move(trigger)
        source: S | None
        options: tuple[S, ...]
        if move.creates:
            if stage is not None:
                raise DefinitionError(f"{trigger} creates a record; it has no current stage")
            source, options = None, (self.initial,)
        else:
            if stage is None:
                raise DefinitionError(f"{trigger} needs the record's current stage")
            source = self.stage(stage)
            options = self.destinations(trigger, source)
            if not options:
                raise TransitionNotAllowedError(
                    trigger, source.value, [s.value for s in move.sources], move.source_rule
                )
        if actor.role not in move.roles:
            raise NotAuthorizedError(trigger, actor.role, move.roles, move.role_rule)
        require(move.rules, context)
        if dest is None:
            if len(options) != 1:
                raise DefinitionError(f"{trigger} may end in several stages; pass dest=")
            destination = options[0]
        elif dest in options:
            destination = dest
        else:
            raise TransitionNotAllowedError(
                f"{trigger} to {dest.value}",
                source.value if source else "new",
                [s.value for s in move.sources],
                move.source_rule,
            )
        return Decision(move, source, destination, move.rule_ids)

    def deadline_states(self, aggregate: object, today: date) -> tuple[DeadlineState, ...]:
        """The deadlines that apply to ``aggregate`` now, as of ``today``."""
        found = (d.state(aggregate, today) for d in self.deadlines)
        return tuple(s for s in found if s is not None)

    def to_mermaid(self) -> str:
        """The workflow as a Mermaid ``stateDiagram-v2``, generated from this definition."""
        lines = ["stateDiagram-v2"]
        for move in self.moves:
            if move.creates:
                lines.append(f"    [*] --> {self.initial.value}: {move.trigger}")
                continue
            for src in move.sources:
                for dst in move.destinations or (src,):
                    lines.append(f"    {src.value} --> {dst.value}: {move.trigger}")
        lines.extend(f"    {s.value} --> [*]" for s in self.stages if s in self.final)
        return "\n".join(lines) + "\n"

    def __repr__(self) -> str:
        return f"Workflow({self.name!r}, version={self.version})"
