"""The workflow definition: checked at construction, compiled once, decided without a model."""

from __future__ import annotations

from enum import Enum

import pytest
import transitions

from certflow.domain.certification_workflow import CERTIFICATION_WORKFLOW
from certflow.engine import (
    Actor,
    DefinitionError,
    Move,
    NotAuthorizedError,
    RuleViolatedError,
    TransitionNotAllowedError,
    Workflow,
)
from tests.unit.engine.toy import BOOK, ZONE, Book, LendContext, Shelf

LIBRARIAN = Actor("lib-1", "librarian")


class Light(Enum):
    OFF = "off"
    ON = "on"
    BROKEN = "broken"


def _light(*moves: Move[Light], final: tuple[Light, ...] = ()) -> Workflow[Light]:
    return Workflow("light", version=1, stages=Light, initial=Light.OFF, moves=moves, final=final)


INSTALL = Move("install", source=None, dest=Light.OFF, roles=["electrician"])


def test_a_consistent_definition_compiles_into_a_model_less_machine() -> None:
    machine = BOOK.machine
    assert isinstance(machine, transitions.Machine)
    assert machine.models == []
    assert set(machine.states) == {s.value for s in Shelf}
    assert "to_lent" not in machine.events  # no auto transitions that bypass the rules


@pytest.mark.parametrize(
    ("moves", "says"),
    [
        ((Move("flip", source=Light.OFF, dest=Light.ON, roles=["x"]),), "no creation move"),
        ((INSTALL, INSTALL), "declared twice"),
        ((INSTALL, Move("flip", source=Light.OFF, dest=Light.ON, roles=[])), "allows no role"),
        ((INSTALL, Move("flip", source=Light.OFF, dest=Shelf.LENT, roles=["x"])), "unknown stage"),
        ((Move("install", source=None, dest=Light.ON, roles=["x"]),), "must end in off"),
        ((INSTALL, Move("flip", source=Light.OFF, dest=Light.ON, roles=["x"])), "broken"),
        ((INSTALL, Move("flip", source=[], dest=Light.ON, roles=["x"])), "starts from no stage"),
    ],
    ids=[
        "no creation",
        "duplicate trigger",
        "no roles",
        "unknown stage",
        "creation elsewhere",
        "unreachable stage",
        "no source",
    ],
)
def test_definition_mistakes_raise_when_the_workflow_is_built(
    moves: tuple[Move[Light], ...], says: str
) -> None:
    with pytest.raises(DefinitionError, match=says):
        _light(*moves)


def test_a_move_may_not_leave_a_final_stage() -> None:
    moves = (
        INSTALL,
        Move("flip", source=Light.OFF, dest=Light.ON, roles=["x"]),
        Move("smash", source=Light.ON, dest=Light.BROKEN, roles=["x"]),
        Move("repair", source=Light.BROKEN, dest=Light.OFF, roles=["x"]),
    )
    with pytest.raises(DefinitionError, match="leaves final stage"):
        _light(*moves, final=(Light.BROKEN,))


def test_invalid_triggers_and_rule_ids_are_definition_errors() -> None:
    with pytest.raises(DefinitionError):
        Move("_private", source=None, dest=Light.OFF, roles=["x"])
    with pytest.raises(DefinitionError):
        BOOK.move("fly")
    from certflow.engine import Rule

    with pytest.raises(DefinitionError):
        Rule("32", "ids start with a letter", lambda _: None)


def test_decide_checks_stage_then_role_then_rules() -> None:
    book = Book.catalogue("Laskar Pelangi", actor=LIBRARIAN, at=_now())
    with pytest.raises(TransitionNotAllowedError) as wrong_stage:
        BOOK.decide("give_back", "available", Actor("m", "member"))
    assert wrong_stage.value.rule_ids == ("L3",)
    assert "cannot give_back when available" in str(wrong_stage.value)
    with pytest.raises(NotAuthorizedError) as wrong_role:
        BOOK.decide("lend", "available", Actor("m", "member"), LendContext(book, True))
    assert wrong_role.value.rule_ids == ("L0",)
    assert wrong_role.value.allowed_roles == ("librarian",)
    with pytest.raises(RuleViolatedError) as broken:
        BOOK.decide("lend", "available", LIBRARIAN, LendContext(book, True))
    assert broken.value.rule_ids == ("L1",)
    decision = BOOK.decide("lend", "available", LIBRARIAN, LendContext(book, False))
    assert decision.destination is Shelf.LENT
    assert decision.rule_ids == ("L0", "L1", "L2")


def test_a_move_with_several_destinations_takes_the_chosen_one() -> None:
    assert BOOK.destinations("close_loan", Shelf.LENT) == (Shelf.OVERDUE, Shelf.LOST)
    assert BOOK.decide("close_loan", "lent", LIBRARIAN, dest=Shelf.LOST).destination is Shelf.LOST
    with pytest.raises(TransitionNotAllowedError):
        BOOK.decide("close_loan", "lent", LIBRARIAN, dest=Shelf.AVAILABLE)
    with pytest.raises(DefinitionError, match="several stages"):
        BOOK.decide("close_loan", "lent", LIBRARIAN)


def test_remembered_answers_are_the_compiled_machines() -> None:
    """Stages by name and destinations are remembered once asked: the same answers each time."""
    flow = CERTIFICATION_WORKFLOW
    for _ in range(2):  # worked out, then remembered
        for stage in flow.stages:
            assert flow.stage(stage.value) is stage
            assert flow.stage(stage) is stage
            for move in flow.moves:
                event = flow.machine.events.get(move.trigger)
                found = () if event is None else event.transitions.get(stage.value, ())
                assert flow.destinations(move.trigger, stage.value) == tuple(
                    flow.stages(t.dest) for t in found
                )
        for move in flow.moves:
            ids = [i for i in (move.source_rule, move.role_rule) if i]
            ids += [r.rule_id for r in move.rules] + list(move.applies)
            assert move.rule_ids == tuple(dict.fromkeys(ids))
    remembered = len(flow._options)
    assert flow.destinations("no_such_move", "registered") == ()
    assert len(flow._options) == remembered  # what is not a move is not kept
    with pytest.raises(DefinitionError, match="no stage 'nowhere'"):
        flow.stage("nowhere")


def test_a_move_inside_a_stage_keeps_the_stage() -> None:
    assert BOOK.decide("remind", Shelf.OVERDUE, LIBRARIAN).destination is Shelf.OVERDUE


def test_triggers_from_a_stage() -> None:
    assert set(BOOK.triggers_from(Shelf.LENT)) == {"give_back", "remind", "close_loan"}
    assert BOOK.triggers_from("lost") == ()


def test_the_mermaid_diagram_is_generated_from_the_definition() -> None:
    text = BOOK.to_mermaid()
    assert text.startswith("stateDiagram-v2\n")
    assert "    [*] --> available: catalogue" in text
    assert "    lent --> overdue: close_loan" in text
    assert "    lost --> [*]" in text


def test_actor_needs_an_id_and_a_role() -> None:
    with pytest.raises(ValueError, match="non-empty id"):
        Actor(" ", "librarian")
    with pytest.raises(DefinitionError):
        Actor("x", "")
    assert Actor(" lib-1 ", Light.ON).role == "on"


def _now():
    from datetime import datetime

    return datetime(2024, 11, 7, 9, tzinfo=ZONE)
