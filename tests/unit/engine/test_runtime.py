"""The generic runtime: any workflow's records stored, loaded, replayed, swept and audited."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import uuid4

import pytest
from eventsourcing.persistence import JSONTranscoder, Transcoding

from certflow.engine import (
    Actor,
    ConcurrencyConflictError,
    InvalidInputError,
    NotFoundError,
    Workflow,
)
from certflow.engine.runtime import FieldChange, WorkflowRuntime, WorkflowStore
from tests.unit.engine.toy import BOOK, ZONE, Book, Shelf

LIBRARIAN = Actor("lib-1", "librarian")
SYSTEM = Actor("sweeper", "system")
AT = datetime(2024, 11, 7, 9, tzinfo=ZONE)
MEMORY = {"PERSISTENCE_MODULE": "eventsourcing.popo"}


class _DateAsISO(Transcoding):
    type = date
    name = "toy.date"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


@pytest.fixture(params=["memory", "sqlite"])
def books(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[WorkflowRuntime[Book]]:
    env = (
        MEMORY
        if request.param == "memory"
        else {"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": str(tmp_path / "b.db")}
    )
    store = WorkflowStore(env, name="library")
    yield store.runtime(Book)
    store.close()


def _lent_book(books: WorkflowRuntime[Book], title: str = "Laskar Pelangi") -> Book:
    book = Book.catalogue(title, actor=LIBRARIAN, at=AT)
    book.lend("member-7", actor=LIBRARIAN, at=AT + timedelta(hours=1))
    book.move("remind", actor=LIBRARIAN, at=AT + timedelta(days=3))
    books.save(book)
    return book


def test_a_saved_record_loads_back_typed_and_equal(books: WorkflowRuntime[Book]) -> None:
    book = _lent_book(books)
    loaded = books.load(book.id)
    assert isinstance(loaded, Book)
    assert (loaded.stage, loaded.times_lent, loaded.version) == (Shelf.LENT, 1, 3)
    assert books.exists(book.id)
    assert books.find(uuid4()) is None
    with pytest.raises(NotFoundError):
        books.load(uuid4())


def test_a_stale_copy_is_a_concurrency_conflict_and_stores_nothing(
    books: WorkflowRuntime[Book],
) -> None:
    book = _lent_book(books)
    first, second = books.load(book.id), books.load(book.id)
    first.move("remind", actor=LIBRARIAN, at=AT + timedelta(days=4))
    books.save(first)
    second.move("give_back", actor=LIBRARIAN, at=AT + timedelta(days=4))
    with pytest.raises(ConcurrencyConflictError):
        books.save(second)
    assert books.load(book.id).stage is Shelf.LENT
    assert books.load(book.id).version == 4


def test_history_filters_by_event_actor_role_and_time(books: WorkflowRuntime[Book]) -> None:
    book = _lent_book(books)
    assert [type(e).__name__ for e in books.history(book.id)] == ["Catalogued", "Lent", "Moved"]
    assert [e.trigger for e in books.history(book.id, events=["Lent"])] == ["lend"]
    assert books.history(book.id, actor="someone-else") == ()
    assert len(books.history(book.id, role="librarian")) == 3
    later = books.history(book.id, since=AT + timedelta(hours=1), until=AT + timedelta(days=1))
    assert [e.trigger for e in later] == ["lend"]
    with pytest.raises(InvalidInputError):
        books.history(book.id, since=datetime(2024, 11, 7))  # naive: no zone is assumed
    with pytest.raises(NotFoundError):
        books.history(uuid4())


def test_state_at_a_version_or_a_time_is_the_record_as_it_was(
    books: WorkflowRuntime[Book],
) -> None:
    book = _lent_book(books)
    assert books.state_at(book.id, version=1).stage is Shelf.AVAILABLE
    assert books.state_at(book.id, at=AT + timedelta(hours=2)).version == 2
    assert books.version_at(book.id, AT + timedelta(days=30)) == 3
    for bad in ({"version": 0}, {"version": 9}, {}, {"version": 1, "at": AT}):
        with pytest.raises(InvalidInputError):
            books.state_at(book.id, **bad)
    with pytest.raises(InvalidInputError):
        books.state_at(book.id, at=AT - timedelta(days=1))  # before it existed


def test_diff_lists_the_fields_that_changed(books: WorkflowRuntime[Book]) -> None:
    book = _lent_book(books)

    def fields(b: Book) -> dict[str, Any]:
        return {"stage": b.stage.value, "times_lent": b.times_lent, "title": b.title}

    changes = books.diff(book.id, 1, 2, fields=fields)
    assert changes == (
        FieldChange("stage", "available", "lent"),
        FieldChange("times_lent", 0, 1),
    )


def test_sweep_makes_the_moves_time_made_due_once(books: WorkflowRuntime[Book]) -> None:
    due = _lent_book(books, "due")
    fresh = Book.catalogue("on the shelf", actor=LIBRARIAN, at=AT)
    books.save(fresh)
    later = AT + timedelta(days=20)
    result = books.sweep([due.id, fresh.id], actor=SYSTEM, at=later)
    assert result.moves == [(due.id, "close_loan")]
    assert books.load(due.id).stage is Shelf.OVERDUE
    assert books.sweep([due.id, fresh.id], actor=SYSTEM, at=later).moves == []


def test_replay_audit_passes_a_legal_history_and_flags_an_unknown_version(
    books: WorkflowRuntime[Book],
) -> None:
    book = _lent_book(books)
    report = books.replay_audit([book.id])
    assert (report.clean, report.histories, report.moves) == (True, 1, 3)

    stale = Workflow(
        "book",
        version=2,
        stages=Shelf,
        initial=Shelf.AVAILABLE,
        final=[Shelf.LOST],
        moves=[m for m in BOOK.moves if m.trigger != "remind"],
    )
    original = Book.definitions
    Book.definitions = {2: stale}
    Book.workflow = stale
    try:
        flagged = books.replay_audit([book.id])
    finally:
        Book.definitions = original
        Book.workflow = BOOK
    assert len(flagged.illegal) == 3
    assert "definition version 1 is not known" in flagged.illegal[0].detail.render("en")
    assert [f.version for f in flagged.stranded] == [3]


def test_transcodings_and_snapshots_are_the_stores_own(tmp_path: Path) -> None:
    registered: list[JSONTranscoder] = []

    def transcodings(transcoder: JSONTranscoder) -> None:
        registered.append(transcoder)
        transcoder.register(_DateAsISO())  # the snapshot holds the loan's date

    store = WorkflowStore(
        {"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": str(tmp_path / "s.db")},
        name="library",
        transcodings=transcodings,
        snapshot_every={Book: 2},
    )
    books = store.runtime(Book)
    book = _lent_book(books)
    assert len(registered) == 1
    assert books.load(book.id).version == 3
    assert books.state_at(book.id, version=2).stage is Shelf.LENT
    store.close()
    with pytest.raises(InvalidInputError):
        WorkflowStore(MEMORY, snapshot_every={Book: 1})
    with pytest.raises(InvalidInputError):
        WorkflowStore(MEMORY, cache_size=-1)


def test_ids_lists_records_in_the_order_they_were_started(books: WorkflowRuntime[Book]) -> None:
    first, second = _lent_book(books, "one"), _lent_book(books, "two")
    assert books.ids(Book.Catalogued.TOPIC) == [first.id, second.id]
