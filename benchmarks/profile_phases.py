"""Where a command's CPU goes, without a profiler: ``python -m benchmarks.profile_phases [STORE]``.

Runs B1's lifecycles (fifteen commands each) on a fresh store (``sqlite`` default, ``memory`` or
``postgres``) and times the phases of every command in CPU time (``process_time``, the
process's user and system time, so a commit's write and sync count), by wrapping each phase's
function for the run and restoring it after:

- ``load``: reading a record (the store's ``find`` and ``find_many``: cache, fast-forward, decode);
- ``save``: storing the new events (the store's ``save``), and inside it ``encode`` (the mapper),
  ``insert`` (the recorder's transaction), and inside that ``chain`` (the hash chain's rows) and,
  on SQLite, ``commit``;
- ``gate``: the trust gate's admission of the actor;
- ``rest``: everything else: the command's own decision, the facade, the clock.

cProfile charges every Python call, so it makes many small functions look dear (this session's
lesson: it showed two changes as a third and 40 % cheaper that measured slower without it); the
phases here run at full speed, each wrapper costing about a microsecond.
"""

from __future__ import annotations

import sys
import time
from collections import Counter

from eventsourcing.persistence import Mapper

from benchmarks.timing import timed
from benchmarks.workload import fresh_store, lifecycle_commands, reference
from certflow.application.trust import Gate
from certflow.bootstrap import services_of
from certflow.engine.runtime import WorkflowStore

PHASES = (
    ("load", 0),
    ("save", 0),
    ("encode", 1),
    ("insert", 1),
    ("chain", 2),
    ("commit", 2),
    ("gate", 0),
    ("rest", 0),
)
"""Each phase and its depth: a phase is part of the nearest one above it with less depth."""


def measure(kind: str = "sqlite", lifecycles: int = 60, warm: int = 5) -> dict[str, float | None]:
    """CPU µs per command of each phase (and ``total``), over all but ``warm`` lifecycles.

    ``None`` for a phase the store has not (no chain in memory, ``commit`` timed on SQLite only).
    """
    if lifecycles <= warm:
        raise ValueError(f"{lifecycles} lifecycles leave none to time after {warm} to warm up")
    spent: Counter[str] = Counter()
    with fresh_store(kind) as lsp:
        ref = reference(lsp, lifecycles)
        lifecycle = [lifecycle_commands(lsp, ref, n) for n in range(lifecycles)]
        for commands in lifecycle[:warm]:  # first connections, caches, prepared statements
            for command in commands:
                command()
        recorder = services_of(lsp).store.recorder
        cpu = time.process_time
        undo = [
            timed(WorkflowStore, "find", "load", spent, clock=cpu),
            timed(WorkflowStore, "find_many", "load", spent, clock=cpu),
            timed(WorkflowStore, "save", "save", spent, clock=cpu),
            timed(Mapper, "to_stored_event", "encode", spent, clock=cpu),
            timed(recorder, "insert_events", "insert", spent, clock=cpu),
            timed(Gate, "admit", "gate", spent, clock=cpu),
        ]
        chainer = getattr(recorder, "chainer", None)
        absent = {"chain"} if chainer is None else set()
        if chainer is not None:
            undo.append(timed(chainer, "extend", "chain", spent, clock=cpu))
        if kind != "sqlite":
            absent.add("commit")
        else:
            from eventsourcing.sqlite import SQLiteConnection

            undo.append(timed(SQLiteConnection, "commit", "commit", spent, clock=cpu))
        measured = [command for commands in lifecycle[warm:] for command in commands]
        try:
            started = time.process_time()
            for command in measured:
                command()
            total = time.process_time() - started
        finally:
            for restore in reversed(undo):
                restore()
    spent["rest"] = total - spent["load"] - spent["save"] - spent["gate"]
    per = 1e6 / len(measured)
    return {
        "total": total * per,
        **{phase: None if phase in absent else spent[phase] * per for phase, _ in PHASES},
    }


def main(kind: str = "sqlite", lifecycles: int = 60) -> dict[str, float | None]:
    """Print the CPU µs per command of each phase and its share of the whole."""
    figures = measure(kind, lifecycles, warm=min(5, lifecycles // 2))
    total = figures["total"] or 0.0
    print(f"{kind}: {total:.0f} µs of CPU a command (no profiler)")
    for phase, depth in PHASES:
        value = figures[phase]
        label = f"  {'  ' * depth}{phase:{12 - 2 * depth}}"
        if value is None:
            print(f"{label}        — (not on this store)")
        else:
            print(f"{label} {value:8.1f} µs  {value / total:6.1%}")
    return figures


if __name__ == "__main__":
    try:
        main(*(sys.argv[1:2] or ["sqlite"]))
    except ValueError as error:  # an unknown store kind: say so, no traceback
        sys.exit(f"profile_phases: {error}")
