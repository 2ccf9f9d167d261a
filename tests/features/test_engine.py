"""The engine's own behaviour, as English Gherkin on a toy workflow."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from certflow.domain import WIB
from certflow.engine import Actor, FixedClock, RejectedError
from tests.unit.engine.toy import Book

scenarios("engine")

LIBRARIAN = Actor("lib-1", "librarian")
MEMBER = Actor("m-7", "member")


@dataclass
class Desk:
    clock: FixedClock = field(default_factory=lambda: FixedClock(date(2024, 11, 1), tz=WIB))
    book: Book | None = None
    events: list[object] = field(default_factory=list)
    error: RejectedError | None = None

    def run(self, command: object) -> None:
        try:
            command()  # type: ignore[operator]
        except RejectedError as error:
            self.error = error
        assert self.book is not None
        self.events.extend(self.book.collect_events())


@pytest.fixture
def desk() -> Desk:
    return Desk()


@given(parsers.parse('the library catalogued the book "{title}"'))
def _(desk: Desk, title: str) -> None:
    desk.book = Book.catalogue(title, actor=LIBRARIAN, at=desk.clock.now())
    desk.events.extend(desk.book.collect_events())


@given(parsers.parse("the date is {day:ti}"))
def _(desk: Desk, day: datetime) -> None:
    desk.clock.set(day.date())


@given(parsers.re(r'the librarian lends the book to (?P<blocked>blocked )?member "(?P<who>[^"]+)"'))
@when(parsers.re(r'the librarian lends the book to (?P<blocked>blocked )?member "(?P<who>[^"]+)"'))
def _(desk: Desk, blocked: str | None, who: str) -> None:
    book = desk.book
    assert book is not None
    desk.run(lambda: book.lend(who, blocked=bool(blocked), actor=LIBRARIAN, at=desk.clock.now()))


@when(parsers.parse('a member lends the book to member "{who}"'))
def _(desk: Desk, who: str) -> None:
    book = desk.book
    assert book is not None
    desk.run(lambda: book.lend(who, actor=MEMBER, at=desk.clock.now()))


@when("the member gives the book back")
def _(desk: Desk) -> None:
    book = desk.book
    assert book is not None
    desk.run(lambda: book.move("give_back", actor=MEMBER, at=desk.clock.now()))


@then(parsers.parse('the book is at stage "{stage}"'))
def _(desk: Desk, stage: str) -> None:
    assert desk.book is not None
    assert desk.book.stage_name == stage


@then(parsers.parse("the book's version is {version:d}"))
def _(desk: Desk, version: int) -> None:
    assert desk.book is not None
    assert desk.book.version == version


@then(parsers.parse('the recorded events are "{names}"'))
def _(desk: Desk, names: str) -> None:
    assert [type(e).__name__ for e in desk.events] == [n.strip() for n in names.split(",")]


@then(parsers.parse('the command is refused naming rule "{rule_id}"'))
def _(desk: Desk, rule_id: str) -> None:
    assert desk.error is not None, "the command was not refused"
    assert rule_id in desk.error.rule_ids


@then(parsers.parse('the refusal says "{text}"'))
def _(desk: Desk, text: str) -> None:
    assert desk.error is not None
    assert text in str(desk.error)


@then(parsers.parse('the last event was made by "{actor}" as "{role}" on {day:ti}'))
def _(desk: Desk, actor: str, role: str, day: datetime) -> None:
    last = desk.events[-1]
    assert (last.actor_id, last.actor_role) == (actor, role)  # type: ignore[attr-defined]
    assert last.at.date() == day.date()  # type: ignore[attr-defined]
    assert last.at.tzinfo == WIB  # type: ignore[attr-defined]


@then(parsers.parse('the last event checked rules "{ids}"'))
def _(desk: Desk, ids: str) -> None:
    assert desk.events[-1].rules == [i.strip() for i in ids.split(",")]  # type: ignore[attr-defined]


@when(parsers.parse("the engine sweeps on {day:ti}"))
def _(desk: Desk, day: datetime) -> None:
    book = desk.book
    assert book is not None
    desk.clock.set(day.date())
    desk.run(lambda: book.sweep(actor=Actor("sweeper", "system"), at=desk.clock.now()))


@then(parsers.parse('the "{name}" deadline is due on {day:ti}'))
def _(desk: Desk, name: str, day: datetime) -> None:
    assert desk.book is not None
    found = {d.name: d for d in desk.book.deadlines(desk.clock.now().date())}
    assert found[name].due_on == day.date()


@then(parsers.parse('the "{name}" deadline is not overdue on {day:ti}'))
def _(desk: Desk, name: str, day: datetime) -> None:
    assert desk.book is not None
    found = {d.name: d for d in desk.book.deadlines(day.date())}
    assert not found[name].overdue


@then("no deadline applies")
def _(desk: Desk) -> None:
    assert desk.book is not None
    assert desk.book.deadlines(desk.clock.now().date()) == ()
