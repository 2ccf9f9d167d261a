"""A save guard: a request's answer stored with the events, once; the version a caller expects."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from certflow.engine import (
    Actor,
    ConcurrencyConflictError,
    SaveGuard,
    VersionMismatchError,
    guarded,
    request_id,
)
from certflow.engine.runtime import WorkflowRuntime, WorkflowStore
from tests.unit.engine.toy import ZONE, Book

LIBRARIAN = Actor("lib-1", "librarian")
AT = datetime(2024, 11, 7, 9, tzinfo=ZONE)


@pytest.fixture(params=["memory", "sqlite"])
def books(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[WorkflowRuntime[Book]]:
    env = (
        {"PERSISTENCE_MODULE": "eventsourcing.popo"}
        if request.param == "memory"
        else {"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": str(tmp_path / "b.db")}
    )
    store = WorkflowStore(env, name="library")
    yield store.runtime(Book)
    store.close()


def _answer(records: Sequence[Any]) -> tuple[int, str]:
    return 200, f'{{"id": "{records[0].id}", "version": {records[0].version}}}'


def test_the_answer_is_stored_with_the_events_and_only_once(books: WorkflowRuntime[Book]) -> None:
    request = request_id("member-7", "key-1")
    assert request != request_id("member-8", "key-1")
    book = Book.catalogue("Bumi Manusia", actor=LIBRARIAN, at=AT)
    guard = SaveGuard(request=request, fingerprint="f1", answer=_answer)
    with guarded(guard):
        books.save(book)
    stored = books.store.answered(request)
    assert stored is not None
    assert stored == guard.stored
    assert (stored.fingerprint, stored.status) == ("f1", 200)
    assert f'"version": {book.version}' in stored.answer
    # the same request again: its save conflicts on the request record and stores nothing
    again = books.load(book.id)
    again.lend("member-7", actor=LIBRARIAN, at=AT + timedelta(hours=1))
    with (
        guarded(SaveGuard(request=request, fingerprint="f1", answer=_answer)),
        pytest.raises(ConcurrencyConflictError),
    ):
        books.save(again)
    assert books.load(book.id).version == 1
    assert books.store.answered(request_id("member-7", "other")) is None
    # outside a guard, saves are as they were
    fresh = books.load(book.id)
    fresh.lend("member-7", actor=LIBRARIAN, at=AT + timedelta(hours=1))
    books.save(fresh)
    assert books.load(book.id).version == 2


def test_a_save_at_another_version_than_expected_is_refused(books: WorkflowRuntime[Book]) -> None:
    book = Book.catalogue("Ronggeng Dukuh Paruk", actor=LIBRARIAN, at=AT)
    books.save(book)
    moved = books.load(book.id)
    moved.lend("member-7", actor=LIBRARIAN, at=AT + timedelta(hours=1))
    request = request_id("member-7", "lend")
    guard = SaveGuard(
        request=request, fingerprint="f", answer=_answer, record_id=book.id, expected_version=0
    )
    with guarded(guard), pytest.raises(VersionMismatchError) as refused:
        books.save(moved)
    assert (refused.value.expected, refused.value.found) == (0, 1)
    assert books.store.answered(request) is None
    assert books.load(book.id).version == 1
    fresh = books.load(book.id)
    fresh.lend("member-7", actor=LIBRARIAN, at=AT + timedelta(hours=1))
    with guarded(SaveGuard(record_id=book.id, expected_version=1)):
        books.save(fresh)
    assert books.load(book.id).version == 2
