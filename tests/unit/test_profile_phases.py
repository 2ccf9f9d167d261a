"""`python -m benchmarks.profile_phases` splits a command's CPU into phases (no timing asserted)."""

from __future__ import annotations

import pytest
from benchmarks import profile_phases
from eventsourcing.persistence import Mapper

from certflow.application.trust import Gate
from certflow.engine.runtime import WorkflowStore


def test_the_phases_nest_and_add_up_and_the_code_is_restored(
    capsys: pytest.CaptureFixture[str],
) -> None:
    originals = (
        WorkflowStore.__dict__["find"],
        WorkflowStore.__dict__["find_many"],
        WorkflowStore.__dict__["save"],
        Mapper.__dict__["to_stored_event"],
        Gate.__dict__["admit"],
    )
    figures = profile_phases.main("sqlite", lifecycles=4)
    printed = capsys.readouterr().out
    assert (
        WorkflowStore.__dict__["find"],
        WorkflowStore.__dict__["find_many"],
        WorkflowStore.__dict__["save"],
        Mapper.__dict__["to_stored_event"],
        Gate.__dict__["admit"],
    ) == originals
    values = {k: v for k, v in figures.items() if v is not None}
    assert set(values) == {"total", *(phase for phase, _ in profile_phases.PHASES)}
    assert all(v >= 0 for v in values.values()), values
    slack = 1.0  # µs: each wrapper's own cost lands in its parent
    assert values["encode"] + values["insert"] <= values["save"] + slack
    assert values["chain"] + values["commit"] <= values["insert"] + slack
    top = values["load"] + values["save"] + values["gate"] + values["rest"]
    assert top == pytest.approx(values["total"])
    for phase, _ in profile_phases.PHASES:
        assert f" {phase}" in printed


def test_a_store_without_a_chain_says_so() -> None:
    figures = profile_phases.measure("memory", lifecycles=3, warm=1)
    assert figures["chain"] is None
    assert figures["commit"] is None
    assert figures["save"] is not None
    assert figures["save"] > 0


def test_too_few_lifecycles_are_refused_before_any_store_is_opened() -> None:
    with pytest.raises(ValueError, match="leave none to time"):
        profile_phases.measure("sqlite", lifecycles=2, warm=2)


def test_an_unknown_store_kind_is_named_before_anything_opens() -> None:
    with pytest.raises(ValueError, match="no store kind 'sqlit': use one of sqlite, memory"):
        profile_phases.measure("sqlit", lifecycles=3, warm=1)
