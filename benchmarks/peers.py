"""B9: certflow beside its peers on B1's SQLite path (issue 18).

Three sides take the same fifteen commands per certification, registration to distribution, on
fresh SQLite files with the same durability settings, in the same run, which one first rotating:

- certflow: B1's certflow side (:func:`benchmarks.workload.lifecycle_commands`, the facade);
- CRUD: a row per certification updated in place plus an audit-log row per command, with the
  same move and role checks (:class:`benchmarks.peer_apps.CrudApp`, stdlib ``sqlite3``);
- SpiffWorkflow: a BPMN process of the fifteen steps, loaded from its JSON row, advanced and saved
  back per command (:class:`benchmarks.peer_spiff.SpiffApp`);
- certflow in memory: the certflow side on its in-memory store (no file, no SQL, no commit), for
  reference: what certflow's command costs before any storage (its decision and rules, the trust
  gate, events built and encoded, its cache), the part of the certflow side no change to the
  SQLite write path can remove;
- storage alone: eventsourcing's SQLite recorder doing only what a certflow command must store and
  read, for reference: per command, certflow's one-statement read of the record's newer events
  (none) and the insert of as many events of the same sizes as certflow stored for it
  (:func:`benchmarks.workload.calibrate`), pre-encoded, in one transaction; no decision, no
  check, no hash chain. With "certflow in memory" beside it, the two say where certflow's command
  would stand if its storage cost nothing beyond what eventsourcing's recorder itself costs.

Each side reports wall time (``perf_counter``), CPU time (``process_time``) and the time spent
committing, per command. ``python -m benchmarks.peers --side crud`` runs one side once and
prints what a command costs it in statements and commits (run it under ``strace -c`` or
``cProfile`` to see where the time goes).
"""

from __future__ import annotations

import gc
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

from eventsourcing.persistence import StoredEvent
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteDatastore

import certflow
from benchmarks.harness import Row
from benchmarks.peer_apps import CrudApp, lifecycle
from benchmarks.peer_spiff import SpiffApp, spiff_problem
from benchmarks.workload import COMMANDS, Shape, calibrate, lifecycle_commands, reference
from certflow import WIB, FixedClock
from certflow.adapters.sqlite.reads import LoneReads
from certflow.bootstrap import services_of

SIDES = ("certflow", "crud", "spiff", "memory", "storage")


def durability(lsp: certflow.CertificationBody) -> dict[str, str]:
    """The journal mode and synchronous setting certflow's SQLite store runs with.

    eventsourcing's recorder switches a file to WAL and leaves ``synchronous`` at SQLite's
    default (FULL); read from the store itself, so the peers get exactly what certflow has.
    """
    recorder = services_of(lsp).store.recorder
    with recorder.datastore.transaction(commit=False) as cursor:
        cursor.execute("PRAGMA journal_mode")
        journal = str(cursor.fetchone()[0])
        cursor.execute("PRAGMA synchronous")
        synchronous = str(cursor.fetchone()[0])
    return {"journal_mode": journal, "synchronous": synchronous}


@contextmanager
def commit_clock() -> Iterator[list[float]]:
    """Seconds spent in, and the number of, commits on eventsourcing's SQLite connections."""
    from eventsourcing.sqlite import SQLiteConnection

    original = SQLiteConnection.commit
    spent = [0.0, 0.0]

    def commit(self: SQLiteConnection) -> None:
        started = time.perf_counter()
        try:
            original(self)
        finally:
            spent[0] += time.perf_counter() - started
            spent[1] += 1

    SQLiteConnection.commit = commit  # type: ignore[method-assign]
    try:
        yield spent
    finally:
        SQLiteConnection.commit = original  # type: ignore[method-assign]


@dataclass(frozen=True)
class Sample:
    """One side's run: seconds of wall and CPU time, seconds in commit, commits made."""

    wall: float
    cpu: float
    commit: float
    commits: int


def _measure(
    commands: Sequence[Callable[[], object]], committed: Callable[[], list[float]]
) -> Sample:
    gc.collect()
    before = list(committed())
    wall, cpu = time.perf_counter(), time.process_time()
    if _PROFILE:
        _PROFILE[0].enable()
    for command in commands:
        command()
    if _PROFILE:
        _PROFILE[0].disable()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    after = committed()
    return Sample(wall, cpu, after[0] - before[0], int(after[1] - before[1]))


_PROFILE: list[Any] = []
"""A ``cProfile.Profile`` to run the timed commands under (``python -m benchmarks.peers``)."""


def _open(path: str, side: str = "certflow") -> certflow.CertificationBody:
    url = "memory://" if side == "memory" else f"sqlite:///{path}"
    return certflow.open(url, clock=FixedClock(date(2024, 10, 14), tz=WIB))


class _BareRecorder(LoneReads, SQLiteApplicationRecorder):
    """eventsourcing's SQLite recorder with certflow's one-statement read, and no hash chain."""


def storage_commands(
    path: str, lifecycles: int, shape: Shape
) -> tuple[SQLiteDatastore, list[Callable[[], object]]]:
    """The "storage alone" side: a recorder on ``path`` and what it does for each command."""
    datastore = SQLiteDatastore(path)
    recorder = _BareRecorder(datastore)
    recorder.create_table()
    topic = "certflow/Certification.Recorded"

    def command(record: UUID, version: int, step: int) -> Callable[[], object]:
        state = bytes(shape.sizes[step])  # zeros: SQLite stores a blob as it is

        def run() -> None:
            recorder.select_events(record, gt=version - 1)  # fast-forward: nothing newer
            events = [StoredEvent(record, version, topic, state)]
            events += [StoredEvent(uuid4(), 1, topic, state) for _ in range(shape.events[step] - 1)]
            recorder.insert_events(events)

        return run

    work: list[Callable[[], object]] = []
    for _ in range(lifecycles):
        record = uuid4()
        work += [command(record, step + 1, step) for step in range(len(shape.events))]
    return datastore, work


def _storage_sample(path: str, lifecycles: int, shape: Shape, ready: Callable[[], None]) -> Sample:
    """The "storage alone" side, measured; ``ready`` runs once its commands are built."""
    datastore, steps = storage_commands(path, lifecycles, shape)
    try:
        with commit_clock() as spent:
            ready()
            return _measure(steps, lambda: spent)
    finally:
        datastore.close()


def run_side(
    side: str, path: str, lifecycles: int, settings: dict[str, str], shape: Shape | None = None
) -> Sample:
    """``lifecycles`` certifications from registration to distribution on a fresh file."""
    if side == "storage":
        return _storage_sample(path, lifecycles, shape or calibrate(), lambda: None)
    if side in ("certflow", "memory"):
        lsp = _open(path, side)
        try:
            ref = reference(lsp, lifecycles)
            commands = [c for n in range(lifecycles) for c in lifecycle_commands(lsp, ref, n)]
            with commit_clock() as spent:
                return _measure(commands, lambda: spent)
        finally:
            lsp.close()
    app = (CrudApp if side == "crud" else SpiffApp)(path, settings, lifecycles)
    try:
        work = app.commands([c for n in range(lifecycles) for c in lifecycle(n)])
        return _measure(work, lambda: [app.commit_seconds, float(app.commits)])
    finally:
        app.close()


def b9(plan: Any, shape: Any, log: Callable[[str], None]) -> list[Row]:
    """certflow against a CRUD app and SpiffWorkflow, B1's SQLite lifecycles, interleaved."""
    lifecycles = plan.lifecycles["sqlite"]
    sides = [s for s in SIDES if s != "spiff" or not spiff_problem()]
    if "spiff" not in sides:
        log(f"B9 SpiffWorkflow skipped: {spiff_problem()}")
    samples: dict[str, list[Sample]] = {s: [] for s in sides}
    with tempfile.TemporaryDirectory() as folder:
        probe = _open(f"{folder}/probe.db")
        settings = durability(probe)
        probe.close()
        for run in range(plan.runs):
            order = sides[run % len(sides) :] + sides[: run % len(sides)]
            for side in order:
                samples[side].append(
                    run_side(side, f"{folder}/{side}-{run}.db", lifecycles, settings, shape)
                )
    log(f"B9 done ({settings})")
    return rows(samples, lifecycles, settings)


def rows(samples: dict[str, list[Sample]], lifecycles: int, settings: dict[str, str]) -> list[Row]:
    per = 1e6 / (lifecycles * COMMANDS)
    labels = {
        "certflow": "certflow",
        "crud": "CRUD",
        "spiff": "SpiffWorkflow",
        "memory": "certflow in memory",
        "storage": "storage alone",
    }
    case = f"sqlite, {lifecycles} lifecycles × {COMMANDS} commands"
    kinds = {"wall": "", "cpu": "CPU time, ", "commit": "time in COMMIT, "}
    durable = ", ".join(f"{k}={v}" for k, v in settings.items())

    def row(what: str, unit: str, a: str, b: str, target: float | None, note: str) -> Row:
        first = [getattr(s, what) * per for s in samples[a]]
        second = [getattr(s, what) * per for s in samples[b]]
        return Row(
            "B9",
            f"{kinds[what]}{labels[a]} vs {labels[b]}, {case}",
            unit,
            labels[a],
            first,
            labels[b],
            second,
            at_most=target,
            note=note,
            extra={
                "commits_per_command": {
                    side: statistics.median(s.commits for s in samples[side])
                    / (lifecycles * COMMANDS)
                    for side in (a, b)
                },
                "ratio_of_medians": statistics.median(first) / statistics.median(second),
                "durability": settings,
            },
            paired=True,
        )

    out = [row("wall", "µs/command", "certflow", "crud", 1.5, durable)]
    if "spiff" in samples:
        out.append(row("wall", "µs/command", "certflow", "spiff", 1.0, durable))
    if "memory" in samples:
        floor = "no storage: decisions, rules, gate, events encoded, cache; B9's line less this is "
        floor += "what 1.5× leaves certflow for SQL and COMMIT"
        out.append(row("wall", "µs/command", "memory", "crud", None, floor))
    if "storage" in samples:
        bare = "eventsourcing's recorder: one read and the command's events, no decision, no chain"
        out.append(row("wall", "µs/command", "storage", "crud", None, bare))
    if "memory" in samples and "storage" in samples:
        out.append(_floor(samples, per, case))
    out.append(row("cpu", "CPU µs/command", "certflow", "crud", None, "process_time"))
    if "spiff" in samples:
        out.append(row("cpu", "CPU µs/command", "certflow", "spiff", None, "process_time"))
    out.append(row("commit", "µs/command", "certflow", "crud", None, "time in COMMIT"))
    if "spiff" in samples:
        out.append(row("commit", "µs/command", "spiff", "crud", None, "time in COMMIT"))
    return out


# -- one side, once, for profiling --------------------------------------------------------------


def anatomy(side: str, lifecycles: int) -> dict[str, float]:
    """Per command: statements sent to SQLite, commits, wall and CPU µs (one fresh run)."""
    import sqlite3

    statements = [0]
    connect = sqlite3.connect

    def traced(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        db = connect(*args, **kwargs)
        db.set_trace_callback(lambda _: statements.__setitem__(0, statements[0] + 1))
        return db

    sqlite3.connect = traced  # type: ignore[assignment]
    try:
        with tempfile.TemporaryDirectory() as folder:
            probe = _open(f"{folder}/probe.db")
            settings = durability(probe)
            probe.close()
            sample = _counted(side, f"{folder}/{side}.db", lifecycles, settings, statements)
            count = statements[0]
    finally:
        sqlite3.connect = connect  # type: ignore[assignment]
    n = lifecycles * COMMANDS
    return {
        "statements": count / n,
        "commits": sample.commits / n,
        "wall_us": sample.wall * 1e6 / n,
        "cpu_us": sample.cpu * 1e6 / n,
        "commit_us": sample.commit * 1e6 / n,
    }


def _counted(
    side: str, path: str, lifecycles: int, settings: dict[str, str], statements: list[int]
) -> Sample:
    """:func:`run_side`, counting only the statements of the timed commands."""
    if side == "storage":
        return _storage_sample(path, lifecycles, calibrate(), lambda: statements.__setitem__(0, 0))
    if side not in ("certflow", "memory"):
        app = (CrudApp if side == "crud" else SpiffApp)(path, settings, lifecycles)
        try:
            work = app.commands([c for n in range(lifecycles) for c in lifecycle(n)])
            statements[0] = 0
            return _measure(work, lambda: [app.commit_seconds, float(app.commits)])
        finally:
            app.close()
    lsp = _open(path, side)
    try:
        ref = reference(lsp, lifecycles)
        commands = [c for n in range(lifecycles) for c in lifecycle_commands(lsp, ref, n)]
        with commit_clock() as spent:
            statements[0] = 0
            return _measure(commands, lambda: spent)
    finally:
        lsp.close()


def _floor(samples: dict[str, list[Sample]], per: float, case: str) -> Row:
    """Each run's certflow in memory plus storage alone, against that run's CRUD app.

    What certflow's command would cost if its storage cost no more than eventsourcing's recorder
    alone: its decision work with no store, plus the recorder's read and write with no decision.
    """
    runs = zip(samples["memory"], samples["storage"], strict=True)
    both = [(m.wall + s.wall) * per for m, s in runs]
    return Row(
        "B9",
        f"certflow in memory + storage alone vs CRUD, {case}",
        "µs/command",
        "in memory + storage alone",
        both,
        "CRUD",
        [s.wall * per for s in samples["crud"]],
        note="the floor under B9's certflow side while it uses eventsourcing's recorder",
        paired=True,
    )


def _io() -> dict[str, int]:
    """This process's I/O counters (Linux; empty elsewhere)."""
    try:
        lines = Path("/proc/self/io").read_text().splitlines()
    except OSError:
        return {}
    return {k: int(v) for k, v in (line.split(": ") for line in lines)}


def main(argv: list[str]) -> None:
    """``python -m benchmarks.peers [--side SIDE] [--lifecycles 20] [--profile]``.

    SIDE is ``certflow`` (the default), ``crud``, ``spiff``, ``memory`` or ``storage``.

    Runs one side's lifecycles once on a fresh file and prints, per command: statements sent to
    SQLite, commits, wall, CPU and commit µs, write syscalls and bytes written; with
    ``--profile``, the own time of the timed commands grouped by where the code lives.
    """
    import cProfile
    import pstats
    from collections import Counter

    from benchmarks.profile_commands import _group

    side, lifecycles = "certflow", 20
    usage = "peers: [--side SIDE] [--lifecycles N, a whole number of at least 1] [--profile]"
    args = iter(argv)
    for flag in args:
        if flag == "--side":
            side = next(args, "")
        elif flag == "--lifecycles":
            given = next(args, "")
            if not given.isdigit() or int(given) < 1:
                raise SystemExit(usage)
            lifecycles = int(given)
        elif flag == "--profile":
            _PROFILE.append(cProfile.Profile())
        else:
            raise SystemExit(f"{usage}; not {flag!r}")
    if side not in SIDES:
        raise SystemExit(f"no side {side!r}: use one of {', '.join(SIDES)}")
    io = _io()
    figures = anatomy(side, lifecycles)
    n = lifecycles * COMMANDS
    after = _io()
    figures |= {f"{k}_per_command": (after[k] - io[k]) / n for k in ("syscw", "write_bytes") if io}
    print(side, " ".join(f"{k}={v:.1f}" for k, v in figures.items()))
    if _PROFILE:
        own: Counter[str] = Counter()
        stats = pstats.Stats(_PROFILE[0])
        for (filename, _, name), row in stats.stats.items():  # type: ignore[attr-defined]
            where = "SpiffWorkflow" if "SpiffWorkflow" in filename else _group(filename, name)
            own[where] += row[2]
        total = sum(own.values())
        for label, seconds in own.most_common():
            print(f"  {label:40} {seconds / total:6.1%} {seconds / n * 1e6:8.1f} µs/command")
        stats.sort_stats("tottime").print_stats(12)


if __name__ == "__main__":
    main(sys.argv[1:])
