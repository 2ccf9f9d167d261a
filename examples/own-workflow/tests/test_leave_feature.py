"""The steps of features/leave_request.feature, written for this project with pytest-bdd."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from certflow.engine import Actor, RejectedError
from pytest_bdd import given, parsers, scenarios, then, when

from leave import LeaveStage
from tests.conftest import World

scenarios("leave_request.feature")

ACTOR = r"(?P<role>employee|manager) (?P<name>\w+)"


def _actor(role: str, name: str) -> Actor:
    return Actor(name.lower(), role)


def _attempt(world: World, command: Callable[[], object]) -> None:
    assert world.refusal is None, f"an earlier refusal was not checked: {world.refusal}"
    try:
        command()
    except RejectedError as refusal:
        world.refusal = refusal


# -- given -------------------------------------------------------------------------------


@given(parsers.parse("today is {day}"))
def today_is(world: World, day: str) -> None:
    world.clock.set(date.fromisoformat(day))


@given(parsers.parse("{name} has an allowance of {days:d} days"))
def allowance(world: World, name: str, days: int) -> None:
    world.office.allowances[name.lower()] = days


# -- when --------------------------------------------------------------------------------


@when(parsers.re(ACTOR + r" asks for (?P<days>\d+) days of leave from (?P<first>[\d-]+)"))
def asks_for_leave(world: World, role: str, name: str, days: str, first: str) -> None:
    def request() -> None:
        world.request_id = world.office.request(
            int(days), date.fromisoformat(first), actor=_actor(role, name)
        )

    _attempt(world, request)


@when(parsers.re(ACTOR + r" approves the request"))
def approves(world: World, role: str, name: str) -> None:
    _attempt(world, lambda: world.office.approve(world.request, actor=_actor(role, name)))


@when(parsers.re(ACTOR + r' rejects the request because "(?P<reason>[^"]+)"'))
def rejects(world: World, role: str, name: str, reason: str) -> None:
    _attempt(world, lambda: world.office.reject(world.request, reason, actor=_actor(role, name)))


@when(parsers.re(ACTOR + r" cancels the request"))
def cancels(world: World, role: str, name: str) -> None:
    _attempt(world, lambda: world.office.cancel(world.request, actor=_actor(role, name)))


@when(parsers.re(r"(?P<days>\d+) days? pass(es)?"))
def days_pass(world: World, days: str) -> None:
    world.clock.advance(days=int(days))


@when("the deadlines are swept")
def sweep(world: World) -> None:
    world.sweeps.append(world.office.sweep())


# -- then --------------------------------------------------------------------------------


@then(parsers.parse("the command is refused under rule {rule_id}"))
def refused(world: World, rule_id: str) -> None:
    refusal, world.refusal = world.refusal, None
    assert refusal is not None, "the command was not refused"
    assert rule_id in refusal.rule_ids, f"{rule_id} not in {refusal.rule_ids}: {refusal}"


@then(parsers.parse("the request is {stage}"))
def request_is(world: World, stage: str) -> None:
    assert world.refusal is None, f"refused: {world.refusal}"
    assert world.office.get(world.request).stage is LeaveStage(stage)


@then(parsers.parse("{name} has {days:d} days left"))
def days_left(world: World, name: str, days: int) -> None:
    assert world.office.remaining_days(name.lower()) == days


@then(parsers.parse("the request's history reads {triggers}"))
def history_reads(world: World, triggers: str) -> None:
    recorded = [e.trigger for e in world.office.history(world.request)]
    assert recorded == [t.strip() for t in triggers.split(",")]


@then(parsers.re(r"the sweep lapsed (?P<count>\d+) requests?"))
def sweep_lapsed(world: World, count: str) -> None:
    assert [trigger for _, trigger in world.sweeps[-1].moves] == ["lapse"] * int(count)


@then("the replay audit is clean")
def audit_clean(world: World) -> None:
    report = world.office.audit()
    assert report.clean, (report.illegal, report.stranded)
    assert report.moves > 0
