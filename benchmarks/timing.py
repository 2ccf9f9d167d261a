"""Timing a part of certflow by wrapping its function: no profiler, the part runs at full speed.

Used by the rebuild and command profilers (``profile_rebuild``, ``profile_phases``) and by the
many-writers benchmark's writer processes.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from typing import Any

__all__ = ["timed"]

_OPEN: Counter[tuple[int, str]] = Counter()
"""Calls under way per (tally, key): only the outermost of them is timed."""


def timed(
    owner: Any,
    name: str,
    key: str,
    into: Counter[str],
    *,
    clock: Callable[[], float] = time.perf_counter,
    calls: str | None = None,
) -> Callable[[], None]:
    """Wrap ``owner.name`` (a class's method or an object's) to add its time to ``into[key]``.

    ``clock``: ``time.perf_counter`` (wall) or ``time.process_time`` (this process's CPU).
    ``calls``: also count the calls in ``into[calls]``. Only the outermost of the calls under
    way under one ``key`` is timed and counted, so a part wrapped twice under the same key (a
    store's ``find_many``, which calls its ``find``) or calling itself is not counted twice.
    Returns the undo, which puts back exactly what was there.
    """
    had = name in vars(owner)
    original = vars(owner).get(name)
    inner = getattr(owner, name)
    under = (id(into), key)

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if _OPEN[under]:
            return inner(*args, **kwargs)
        _OPEN[under] += 1
        started = clock()
        try:
            return inner(*args, **kwargs)
        finally:
            into[key] += clock() - started
            if calls is not None:
                into[calls] += 1
            _OPEN[under] -= 1

    setattr(owner, name, wrapped)

    def undo() -> None:
        if had:
            setattr(owner, name, original)
        else:
            delattr(owner, name)  # the class's own shows again

    return undo
