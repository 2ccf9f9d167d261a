"""certflow.engine.testing: the helpers users test their own workflows with, tried on the toy."""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime, timedelta
from unittest import mock
from uuid import uuid4

import pytest
from eventsourcing.application import Application

from certflow.engine import (
    Actor,
    DefinitionError,
    NotAuthorizedError,
    RejectedError,
    RuleViolatedError,
    TransitionNotAllowedError,
)
from certflow.engine.testing import (
    expect_refusal,
    fixed_clock,
    given_events,
    given_history,
    past,
)
from tests.unit.engine import toy
from tests.unit.engine.toy import ZONE, Book, Shelf

LIBRARIAN = Actor("lib-1", "librarian")
MEMBER = Actor("member-7", "member")
AT = datetime(2024, 11, 7, 9, tzinfo=ZONE)


def test_the_module_imports_no_test_framework() -> None:
    source = sys.modules["certflow.engine.testing"].__file__
    assert source is not None
    with open(source) as module:
        imports = [line for line in module if line.startswith(("import ", "from "))]
    assert not [line for line in imports if "pytest" in line or "unittest" in line]


# -- fixed_clock ---------------------------------------------------------------------------


def test_a_fixed_clock_from_a_date_a_time_or_iso_text() -> None:
    assert fixed_clock(date(2024, 11, 7), tz=ZONE).now() == AT
    assert fixed_clock("2024-11-07", tz=ZONE).now() == AT
    assert fixed_clock("2024-11-07T14:30", tz=ZONE).now() == AT.replace(hour=14, minute=30)
    aware = fixed_clock("2024-11-07T02:00+00:00")
    assert aware.now() == datetime(2024, 11, 7, 2, tzinfo=UTC)
    assert aware.tz.utcoffset(None) == timedelta(0)


def test_a_fixed_clock_without_a_zone_is_refused() -> None:
    with pytest.raises(DefinitionError, match="time zone"):
        fixed_clock("2024-11-07")


# -- given_history -------------------------------------------------------------------------


def test_a_given_history_is_what_replay_gives() -> None:
    history = (
        past(Book.Catalogued, "catalogue", title="Bumi Manusia"),
        past(Book.Lent, "lend", member="member-7"),
        past(Book.Moved, "remind"),
    )
    record_id = uuid4()
    given = given_history(Book, *history, id=record_id, at=AT)
    app = Application()
    events = given_events(Book, *history, id=record_id, at=AT)
    app.recorder.insert_events([app.mapper.to_stored_event(e) for e in events])
    loaded = app.repository.get(record_id)
    assert given == loaded
    assert vars(given) == vars(loaded)
    assert given.pending_events == []
    assert (given.version, given.stage, given.times_lent) == (3, Shelf.LENT, 1)
    assert given_history(Book, *events) == loaded


def test_a_given_history_decides_nothing() -> None:
    blocked = mock.patch.object(toy.member_not_blocked, "check", side_effect=AssertionError)
    with blocked, mock.patch.object(toy.BOOK, "decide", side_effect=AssertionError):
        book = given_history(
            Book,
            past(Book.Catalogued, "catalogue", title="Ronggeng Dukuh Paruk"),
            past(Book.Lent, "lend", member="member-7", actor=MEMBER),
            at=AT,
        )
    assert book.stage is Shelf.LENT
    assert book.member == "member-7"


def test_given_events_carry_the_envelope_a_real_move_records() -> None:
    real = Book.catalogue("Gadis Pantai", actor=LIBRARIAN, at=AT)
    real.lend("member-7", actor=LIBRARIAN, at=AT)
    recorded = real.collect_events()
    given = given_events(
        Book,
        past(Book.Catalogued, "catalogue", title="Gadis Pantai"),
        past(Book.Lent, "lend", member="member-7", actor=LIBRARIAN),
        id=real.id,
        at=AT,
    )
    envelope = ("trigger", "stage", "workflow", "workflow_version", "rules", "at", "member")
    for real_event, given_event in zip(recorded, given, strict=True):
        assert type(given_event) is type(real_event)
        for name in envelope:
            assert getattr(given_event, name, None) == getattr(real_event, name, None), name
    assert given[0].actor_role == "librarian"  # the first role the move allows


def test_the_stage_follows_the_graph_and_can_be_named() -> None:
    opened = past(Book.Catalogued, "catalogue", title="Cantik Itu Luka")
    lent = past(Book.Lent, "lend", member="member-1")
    closed = past(Book.Moved, "close_loan", stage="overdue")
    overdue = given_history(Book, opened, lent, closed, at=AT)
    assert overdue.stage is Shelf.OVERDUE
    closed = past(Book.Moved, "close_loan", stage=Shelf.LOST)
    lost = given_history(Book, opened, lent, closed, at=AT)
    assert lost.stage is Shelf.LOST
    with pytest.raises(DefinitionError, match="pass stage="):
        given_history(Book, opened, lent, past(Book.Moved, "close_loan"), at=AT)


def test_each_event_may_have_its_own_time() -> None:
    later = AT + timedelta(days=20)
    book = given_history(
        Book,
        past(Book.Catalogued, "catalogue", title="Laskar Pelangi", at=AT),
        past(Book.Lent, "lend", member="member-1", at=later),
    )
    assert book.lent_on == later.date()
    assert book.updated_at == later
    assert [d.name for d in book.deadlines(later.date() + timedelta(days=15)) if d.overdue] == [
        "loan"
    ]


def test_a_malformed_history_is_refused_with_a_reason() -> None:
    opened = past(Book.Catalogued, "catalogue", title="Saman")
    with pytest.raises(DefinitionError, match="at least its creation event"):
        given_history(Book, at=AT)
    with pytest.raises(DefinitionError, match="starts with a creation event"):
        given_history(Book, past(Book.Lent, "catalogue", member="m"), at=AT)
    with pytest.raises(DefinitionError, match="timezone-aware"):
        given_history(Book, opened, at=datetime(2024, 11, 7, 9))
    with pytest.raises(DefinitionError, match="timezone-aware"):
        given_history(Book, opened)
    with pytest.raises(DefinitionError, match="no move 'shelve'"):
        given_history(Book, opened, past(Book.Moved, "shelve"), at=AT)
    with pytest.raises(DefinitionError, match="no definition version 2"):
        given_history(Book, opened, at=AT, version=2)
    events = given_events(Book, opened, past(Book.Lent, "lend", member="m"), at=AT)
    with pytest.raises(DefinitionError, match="expected v1"):
        given_history(Book, events[1], at=AT)
    with pytest.raises(DefinitionError, match="expected v2"):
        given_history(Book, events[0], events[0], at=AT)
    with pytest.raises(DefinitionError, match="expected v1"):
        given_history(Book, events[0], id=uuid4())


def test_ready_made_events_and_specs_continue_one_sequence() -> None:
    events = given_events(Book, past(Book.Catalogued, "catalogue", title="Pulang"), at=AT)
    book = given_history(Book, events[0], past(Book.Lent, "lend", member="m-2"), at=AT)
    assert (book.id, book.version, book.stage) == (events[0].originator_id, 2, Shelf.LENT)


# -- expect_refusal ------------------------------------------------------------------------


def _lent_book() -> Book:
    return given_history(
        Book,
        past(Book.Catalogued, "catalogue", title="Bumi Manusia"),
        past(Book.Lent, "lend", member="member-7"),
        at=AT,
    )


def test_a_refusal_is_caught_with_its_rules() -> None:
    book = given_history(Book, past(Book.Catalogued, "catalogue", title="Arok Dedes"), at=AT)
    with expect_refusal(book, RuleViolatedError, rules=["L1"]) as refusal:
        book.lend("member-7", blocked=True, actor=LIBRARIAN, at=AT)
    assert refusal.error.rule_ids == ("L1",)
    with expect_refusal(book, rules=["L0"]):
        book.lend("member-7", actor=MEMBER, at=AT)
    with expect_refusal(book, TransitionNotAllowedError, rules=["L3"]):
        book.move("give_back", actor=LIBRARIAN, at=AT)
    with expect_refusal(error=NotAuthorizedError) as creation:
        Book.catalogue("Arok Dedes", actor=MEMBER, at=AT)
    assert creation.error.role == "member"


def test_a_command_that_goes_through_fails_the_expectation() -> None:
    book = given_history(Book, past(Book.Catalogued, "catalogue", title="Amba"), at=AT)
    with pytest.raises(AssertionError, match="was not refused"), expect_refusal(book):
        book.lend("member-7", actor=LIBRARIAN, at=AT)


def test_another_refusal_or_other_rules_fail_the_expectation() -> None:
    book = _lent_book()
    expected = r"expected RuleViolatedError.*NotAuthorizedError"
    with pytest.raises(AssertionError, match=expected), expect_refusal(book, RuleViolatedError):
        book.move("close_loan", actor=MEMBER, at=AT, dest=Shelf.LOST)
    with (
        pytest.raises(AssertionError, match="names no rule, not L9"),
        expect_refusal(book, rules=["L9"]),
    ):
        book.move("lend", actor=LIBRARIAN, at=AT)
    returned = given_history(Book, past(Book.Catalogued, "catalogue", title="Amba"), at=AT)
    naming = expect_refusal(returned, rules=["L3", "L1", "L9"])
    with pytest.raises(AssertionError, match="names L3, not L1, L9"), naming:
        returned.move("give_back", actor=LIBRARIAN, at=AT)


def test_an_error_that_is_not_a_refusal_passes_through() -> None:
    book = _lent_book()
    with pytest.raises(KeyError), expect_refusal(book):
        raise KeyError("not a refusal")
    with (
        pytest.raises(DefinitionError, match="RejectedError subclass"),
        expect_refusal(book, KeyError),
    ):
        pass


def test_a_refused_command_that_recorded_an_event_fails_the_expectation() -> None:
    book = _lent_book()

    def remind_then_refuse() -> None:  # a bug the helper must catch
        book.move("remind", actor=LIBRARIAN, at=AT)
        raise RejectedError("refused after recording")

    with pytest.raises(AssertionError, match="changed the record"), expect_refusal(book):
        remind_then_refuse()
