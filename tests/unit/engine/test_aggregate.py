"""The aggregate base: commands decide once, events only record, replay evaluates no rule."""

from __future__ import annotations

from datetime import datetime
from unittest import mock

import pytest
import transitions
from eventsourcing.application import Application

from certflow.engine import Actor, InvalidInputError, RuleViolatedError
from tests.unit.engine import toy
from tests.unit.engine.toy import ZONE, Book, Shelf

LIBRARIAN = Actor("lib-1", "librarian")
AT = datetime(2024, 11, 7, 9, tzinfo=ZONE)


def test_every_event_carries_who_when_the_definition_and_the_destination() -> None:
    book = Book.catalogue("Bumi Manusia", actor=LIBRARIAN, at=AT)
    book.lend("member-7", actor=LIBRARIAN, at=AT)
    created, lent = book.collect_events()
    assert (lent.actor_id, lent.actor_role, lent.at) == ("lib-1", "librarian", AT)
    assert (lent.workflow, lent.workflow_version, lent.stage) == ("book", 1, "lent")
    assert lent.trigger == "lend"
    assert lent.rules == ["L0", "L1", "L2"]
    assert type(created).TOPIC == "toy/Book.Catalogued"
    assert book.stage is Shelf.LENT


def test_a_refused_command_records_nothing() -> None:
    book = Book.catalogue("Bumi Manusia", actor=LIBRARIAN, at=AT)
    book.collect_events()
    with pytest.raises(RuleViolatedError):
        book.lend("member-7", blocked=True, actor=LIBRARIAN, at=AT)
    assert book.version == 1
    assert book.collect_events() == []
    assert book.stage is Shelf.AVAILABLE


def test_replay_never_evaluates_a_rule() -> None:
    app = Application()
    book = Book.catalogue("Ronggeng Dukuh Paruk", actor=LIBRARIAN, at=AT)
    book.lend("member-7", actor=LIBRARIAN, at=AT)
    app.save(book)
    # Tighten the rule after the fact: the recorded history must still replay as recorded.
    with mock.patch.object(toy.member_not_blocked, "check", side_effect=AssertionError):
        replayed = app.repository.get(book.id)
    assert replayed.stage is Shelf.LENT
    assert replayed.times_lent == 1


def test_replay_gives_back_the_live_state() -> None:
    app = Application()
    book = Book.catalogue("Cantik Itu Luka", actor=LIBRARIAN, at=AT)
    book.lend("member-1", actor=LIBRARIAN, at=AT)
    book.move("remind", actor=LIBRARIAN, at=AT)
    book.move("close_loan", actor=LIBRARIAN, at=AT, dest=Shelf.OVERDUE)
    app.save(book)
    replayed = app.repository.get(book.id)
    assert vars(replayed) == vars(book)


def test_a_time_without_a_zone_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="timezone-aware"):
        Book.catalogue("Gadis Pantai", actor=LIBRARIAN, at=datetime(2024, 11, 7, 9))


def test_the_machine_is_built_once_per_definition_never_per_aggregate() -> None:
    with mock.patch.object(transitions.Machine, "__init__", side_effect=AssertionError):
        books = [Book.catalogue(f"copy {n}", actor=LIBRARIAN, at=AT) for n in range(50)]
        for book in books:
            book.lend("m", actor=LIBRARIAN, at=AT)
    assert all(type(b).workflow.machine is toy.BOOK.machine for b in books)
    assert all("machine" not in vars(b) and "workflow" not in vars(b) for b in books)
