"""``benchmarks.timing.timed``: what the profilers and B10 wrap their parts with."""

from __future__ import annotations

from collections import Counter

from benchmarks.timing import timed


class Store:
    def find(self, n: int) -> int:
        return n

    def find_many(self, *ns: int) -> list[int]:
        return [self.find(n) for n in ns]


def test_one_key_is_timed_once_however_its_parts_nest_and_the_undo_restores() -> None:
    ticks = iter(range(100))
    spent: Counter[str] = Counter()
    originals = (Store.find, Store.find_many)
    undo = [
        timed(Store, "find", "load", spent, clock=lambda: next(ticks), calls="loads"),
        timed(Store, "find_many", "load", spent, clock=lambda: next(ticks), calls="loads"),
    ]
    store = Store()
    assert store.find_many(1, 2, 3) == [1, 2, 3]  # the inner finds are not timed again
    assert store.find(4) == 4
    assert spent == Counter({"load": 2, "loads": 2})  # two outer calls, one tick each
    for step in reversed(undo):
        step()
    assert (Store.find, Store.find_many) == originals
    assert "find" not in vars(store)


def test_an_objects_own_method_is_wrapped_on_it_and_taken_off_again() -> None:
    spent: Counter[str] = Counter()
    store = Store()
    undo = timed(store, "find", "find_s", spent)
    assert store.find(7) == 7
    assert spent["find_s"] >= 0
    assert "find" in vars(store)
    undo()
    assert "find" not in vars(store)  # the class's method shows again
    assert Store().find(1) == 1
    kept = Store()
    kept.find = lambda n: -n  # type: ignore[method-assign]
    timed(kept, "find", "k", spent)()
    assert kept.find(3) == -3  # an object's own attribute is put back as it was
