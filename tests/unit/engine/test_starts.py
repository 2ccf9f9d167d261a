"""Records started in bulk (:class:`Starts`): the same events, the same bytes, one transaction."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from uuid import UUID, uuid4

import pytest
from eventsourcing.compressor import ZlibCompressor
from eventsourcing.persistence import Mapper

from certflow.engine import Actor, ConcurrencyConflictError
from certflow.engine.runtime import WorkflowStore
from certflow.engine.starts import Starts
from tests.unit.engine.test_runtime import AT, LIBRARIAN
from tests.unit.engine.toy import Book, Shelf


@pytest.fixture(params=["memory", "sqlite"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[WorkflowStore]:
    env = (
        {"PERSISTENCE_MODULE": "eventsourcing.popo"}
        if request.param == "memory"
        else {"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": str(tmp_path / "b.db")}
    )
    opened = WorkflowStore(env, name="library")
    yield opened
    opened.close()


def _catalogue(titles: list[str]) -> tuple[Starts, list[UUID]]:
    ids = [uuid4() for _ in titles]
    starts = Starts(Book.catalogue(titles[0], actor=LIBRARIAN, at=AT, id=ids[0]), ("title",))
    for book_id, title in zip(ids[1:], titles[1:], strict=True):
        starts.add(book_id, title=title)
    return starts, ids


TITLES = ["Laskar Pelangi", "Bumi Manusia 100%", 'Ronggeng "Dukuh" Paruk', "Cantik Itu Luka ✓", ""]


def test_each_record_is_as_if_started_by_its_own_move(store: WorkflowStore) -> None:
    starts, ids = _catalogue(TITLES)
    store.save(starts=[starts])
    for book_id, title in zip(ids, TITLES, strict=True):
        book = store.load(Book, book_id)
        alone = Book.catalogue(title, actor=LIBRARIAN, at=AT, id=book_id)
        assert (book.version, book.stage, book.title, book.times_lent) == (
            1,
            Shelf.AVAILABLE,
            title,
            0,
        )
        (event,) = store.events(book_id)
        (expected,) = alone.collect_events()
        mine = {k: v for k, v in vars(event).items() if k != "timestamp"}
        assert mine == {k: v for k, v in vars(expected).items() if k != "timestamp"}


def test_the_bytes_are_the_mappers_own(store: WorkflowStore) -> None:
    starts, _ = _catalogue(TITLES)
    stored = starts.stored(store.mapper)
    assert [s.state for s in stored] == [
        store.mapper.to_stored_event(e).state for e in starts.events
    ]
    assert {s.topic for s in stored} == {"toy/Book.Catalogued"}
    assert len({e.timestamp for e in starts.events}) == len(TITLES)  # each event its own time


def test_with_a_compressor_every_event_goes_through_the_mapper(store: WorkflowStore) -> None:
    mapper: Mapper[UUID] = Mapper(transcoder=store.mapper.transcoder, compressor=ZlibCompressor())
    starts, _ = _catalogue(TITLES)
    decoded = [mapper.to_domain_event(s) for s in starts.stored(mapper)]
    assert [vars(e) for e in decoded] == [vars(e) for e in starts.events]


def test_records_and_starts_are_one_transaction(store: WorkflowStore) -> None:
    taken = Book.catalogue("Taken", actor=LIBRARIAN, at=AT)
    store.save(taken)
    starts, ids = _catalogue(["New one", "New two"])
    starts.add(taken.id, title="Taken again")  # exists already: the whole save conflicts
    other = Book.catalogue("Another", actor=LIBRARIAN, at=AT)
    with pytest.raises(ConcurrencyConflictError):
        store.save(other, starts=[starts])
    assert [store.find(Book, i) for i in [*ids, other.id]] == [None, None, None]
    assert store.load(Book, taken.id).title == "Taken"


def test_listeners_hear_every_id(store: WorkflowStore) -> None:
    heard: list[list[UUID]] = []
    store.on_save(lambda ids: heard.append(list(ids)))
    starts, ids = _catalogue(["One", "Two", "Three"])
    other = Book.catalogue("Four", actor=LIBRARIAN, at=AT)
    store.save(other, starts=[starts])
    assert heard == [[other.id, *ids]]


def test_misuse_is_refused() -> None:
    saved = Book.catalogue("Lent", actor=LIBRARIAN, at=AT)
    saved.lend("member-1", actor=LIBRARIAN, at=AT)
    with pytest.raises(TypeError, match="just its creation event"):
        Starts(saved, ("title",))
    with pytest.raises(TypeError, match="no field"):
        Starts(Book.catalogue("x", actor=LIBRARIAN, at=AT), ("shelfmark",))
    starts = Starts(Book.catalogue("x", actor=LIBRARIAN, at=AT), ("title",))
    with pytest.raises(TypeError, match="give exactly title"):
        starts.add(uuid4(), title="y", member="z")


def test_a_percent_sign_in_the_fixed_facts_is_kept(store: WorkflowStore) -> None:
    actor = Actor("librarian-100%", "librarian")
    starts = Starts(Book.catalogue("x", actor=actor, at=AT, id=uuid4()), ("title",))
    starts.add(uuid4(), title="%b %s y")
    mapped = [store.mapper.to_stored_event(e).state for e in starts.events]
    assert [s.state for s in starts.stored(store.mapper)] == mapped
