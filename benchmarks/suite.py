"""B1-B9: each benchmark measures certflow and raw eventsourcing side by side in one run."""

from __future__ import annotations

import gc
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import certflow
from benchmarks.harness import Row, timed
from benchmarks.workload import (
    COMMANDS,
    RawApp,
    RawRecord,
    Shape,
    _padding,
    calibrate,
    certflow_url,
    lifecycle_commands,
    pg_schema,
    postgres_problem,
    raw_env,
    raw_lifecycle,
    reference,
    stock_mapper,
    write_candidates,
)
from certflow import WIB, Actor, FixedClock
from certflow.application.trust import Gate
from certflow.bootstrap import services_of
from certflow.domain import Certification
from certflow.engine import WorkflowAggregate
from certflow.testing.actors import ADMIN
from certflow.testing.route import wib as at


@dataclass(frozen=True)
class Plan:
    """How much work each benchmark does: the quick run and the full run differ only here."""

    runs: int
    lifecycles: dict[str, int]
    growth: tuple[int, int]
    growth_lifecycles: int
    histories: tuple[int, ...]
    read_events: int
    intake_rows: int

    @classmethod
    def make(cls, *, quick: bool, runs: int) -> Plan:
        if quick:
            return cls(
                runs,
                {"memory": 30, "sqlite": 20, "postgres": 10},
                (1_000, 20_000),
                15,
                (8, 100, 1_000),
                20_000,
                10_000,
            )
        return cls(
            runs,
            {"memory": 100, "sqlite": 60, "postgres": 30},
            (1_000, 100_000),
            40,
            (8, 100, 1_000),
            100_000,
            100_000,
        )


@contextmanager
def _where(kind: str) -> Iterator[tuple[str, str]]:
    """Fresh places for the certflow and the raw store on ``kind``."""
    if kind == "postgres":
        with pg_schema() as mine, pg_schema() as theirs:
            yield mine, theirs
    elif kind == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            yield str(Path(folder) / "certflow.db"), str(Path(folder) / "raw.db")
    else:
        yield "", ""


def _certflow_run(kind: str, where: str, lifecycles: int) -> float:
    lsp = certflow.open(certflow_url(kind, where), clock=FixedClock(date(2024, 10, 14), tz=WIB))
    try:
        ref = reference(lsp, lifecycles)
        commands = [c for n in range(lifecycles) for c in lifecycle_commands(lsp, ref, n)]

        def work() -> None:
            for command in commands:
                command()

        return timed(work)
    finally:
        lsp.close()


@contextmanager
def gate_bypassed() -> Iterator[None]:
    """Every :class:`~certflow.application.trust.Gate` admits anyone and reads nothing."""
    admit, check_assignee = Gate.admit, Gate.check_assignee

    def admit_anyone(self: Gate, actor: Actor, trigger: str, **_: object) -> Actor:
        return actor

    def assign_anyone(self: Gate, assessor: str, state: object) -> None:
        return None

    Gate.admit = admit_anyone  # type: ignore[assignment,method-assign]
    Gate.check_assignee = assign_anyone  # type: ignore[assignment,method-assign]
    try:
        yield
    finally:
        Gate.admit = admit  # type: ignore[method-assign]
        Gate.check_assignee = check_assignee  # type: ignore[method-assign]


def _raw_run(kind: str, where: str, lifecycles: int, shape: Shape) -> float:
    app = RawApp(raw_env(kind, where))
    try:
        commands = [c for _ in range(lifecycles) for c in raw_lifecycle(app, shape)]

        def work() -> None:
            for command in commands:
                command()

        return timed(work)
    finally:
        app.close()


def b1(plan: Plan, shape: Shape, log: Callable[[str], None]) -> list[Row]:
    rows = []
    targets = {"memory": 1.5, "sqlite": 1.15, "postgres": 1.15}
    for kind, lifecycles in plan.lifecycles.items():
        if kind == "postgres" and (problem := postgres_problem()):
            log(f"B1 postgres skipped: {problem}")
            continue
        mine, theirs = [], []
        for run in range(plan.runs):
            with _where(kind) as (a, b):
                order = [("c", a), ("r", b)] if run % 2 == 0 else [("r", b), ("c", a)]
                for side, where in order:
                    if side == "c":
                        mine.append(_certflow_run(kind, where, lifecycles))
                    else:
                        theirs.append(_raw_run(kind, where, lifecycles, shape))
        per = 1e6 / (lifecycles * COMMANDS)
        rows.append(
            Row(
                "B1",
                f"{kind}, {lifecycles} lifecycles × {COMMANDS} commands",
                "µs/command",
                "certflow",
                [t * per for t in mine],
                "raw",
                [t * per for t in theirs],
                at_most=targets[kind],
                note=f"{shape.total_events} events per lifecycle",
            )
        )
        log(f"B1 {kind} done")
    return rows


# -- B2 growth --------------------------------------------------------------------------------


def _fill_certflow(lsp: certflow.CertificationBody, count: int) -> None:
    """``count`` registered certifications, saved in batches (the store's size, not timed)."""
    lsp.clock.set(at(date(2024, 10, 14)))  # type: ignore[attr-defined]
    ref = reference(lsp, 0, tag="FILL")
    scheme, session = (
        services_of(lsp).store.load(WorkflowAggregate, ref.scheme),
        services_of(lsp).store.load(WorkflowAggregate, ref.session),
    )
    batch = []
    for n in range(count):
        batch.append(
            Certification.register(
                subject_id=UUID(int=n + 1),
                scheme=scheme,
                session=session,
                purpose=certflow.Purpose.CERTIFICATION,
                subject_on_file=True,
                actor=ADMIN,
                at=at(date(2024, 10, 20)),
            )
        )
        if len(batch) == 1000:
            services_of(lsp).store.save(*batch)
            batch = []
    if batch:
        services_of(lsp).store.save(*batch)


def _fill_raw(app: RawApp, count: int, pad: str) -> None:
    for start in range(0, count, 1000):
        app.save(*(RawRecord(pad) for _ in range(min(1000, count - start))))


def b2(plan: Plan, shape: Shape, log: Callable[[str], None]) -> list[Row]:
    small, big = plan.growth
    lifecycles = plan.growth_lifecycles
    runs: dict[str, dict[int, list[float]]] = {"certflow": {}, "raw": {}}
    with tempfile.TemporaryDirectory() as folder:
        stores = {}
        for size in (small, big):
            url = f"sqlite:///{folder}/certflow-{size}.db"
            lsp = certflow.open(url, clock=FixedClock(date(2024, 10, 14), tz=WIB))
            _fill_certflow(lsp, size)
            lsp.close()
            raw_path = f"{folder}/raw-{size}.db"
            app = RawApp(raw_env("sqlite", raw_path))
            _fill_raw(app, size, _padding(app, shape.sizes[0]))
            app.close()
            stores[size] = (url, raw_path)
            log(f"B2 filled {size:,}")
        for run in range(plan.runs):
            for size in (small, big) if run % 2 == 0 else (big, small):
                url, raw_path = stores[size]
                lsp = certflow.open(url, clock=FixedClock(date(2024, 10, 14), tz=WIB))
                try:
                    ref = reference(lsp, lifecycles, tag=f"R{run}")
                    commands = [
                        c for n in range(lifecycles) for c in lifecycle_commands(lsp, ref, n)
                    ]
                    seconds = timed(lambda: [c() for c in commands])
                finally:
                    lsp.close()
                runs["certflow"].setdefault(size, []).append(seconds)
                app = RawApp(raw_env("sqlite", raw_path))
                try:
                    twin = [c for _ in range(lifecycles) for c in raw_lifecycle(app, shape)]
                    runs["raw"].setdefault(size, []).append(timed(lambda: [c() for c in twin]))
                finally:
                    app.close()
    per = 1e6 / (lifecycles * COMMANDS)
    rows = []
    for side, target in (("certflow", 1.1), ("raw", None)):
        rows.append(
            Row(
                "B2",
                f"{side} on SQLite: {big:,} vs {small:,} certifications stored",
                "µs/command",
                f"{big:,}",
                [t * per for t in runs[side][big]],
                f"{small:,}",
                [t * per for t in runs[side][small]],
                at_most=target,
                note="raw eventsourcing's own growth, for reference" if side == "raw" else "",
            )
        )
    log("B2 done")
    return rows


# -- B3 audit replay ---------------------------------------------------------------------------


def _long_certflow(lsp: certflow.CertificationBody, length: int) -> tuple[UUID, int]:
    """A certification with ``length`` events: the path as far as it goes (fifteen commands to
    distribution), then surveillance records (a holder's long life). Returns its id and the
    mean encoded size of its events."""
    ref = reference(lsp, 1, tag=f"L{length}-{uuid4().hex[:6]}")
    for command in lifecycle_commands(lsp, ref, 0)[: min(length, COMMANDS)]:
        command()
    (summary,) = lsp.list_certifications(session_id=ref.session)
    if length > COMMANDS:
        cert = services_of(lsp).certification(summary.id)
        day = at(date(2025, 1, 6))
        for n in range(length - cert.version):
            cert.record_surveillance(f"logbook {n}", actor=ADMIN, at=day + timedelta(hours=n))
        services_of(lsp).store.save(cert)
    stored = services_of(lsp).store.recorder.select_events(summary.id)
    assert len(stored) == length
    return summary.id, sum(len(e.state) for e in stored) // length


def _long_raw(app: RawApp, length: int, size: int) -> UUID:
    pad = _padding(app, size)
    record = RawRecord(pad)
    for _ in range(length - 1):
        record.move(pad)
    app.save(record)
    return record.id


def b3(plan: Plan, shape: Shape, log: Callable[[str], None]) -> list[Row]:
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for snapshots in (False, True):
            every = 100 if snapshots else None
            lsp = certflow.open(
                f"sqlite:///{folder}/c{every}.db",
                clock=FixedClock(date(2024, 10, 14), tz=WIB),
                snapshot_every=every,
            )
            raw_settings = raw_env("sqlite", f"{folder}/r{every}.db")
            if snapshots:
                raw_settings["IS_SNAPSHOTTING_ENABLED"] = "y"
            RawApp.snapshotting_intervals = {RawRecord: 100} if snapshots else {}
            app = RawApp(raw_settings)
            try:
                for length in plan.histories:
                    mine_id, size = _long_certflow(lsp, length)
                    raw_id = _long_raw(app, length, size)
                    label = "with" if snapshots else "without"
                    state = _per_call_pair(
                        plan.runs,
                        lambda: lsp.state_at(mine_id, version=length),
                        lambda: app.repository.get(raw_id, version=length),
                    )
                    rows.append(
                        Row(
                            "B3",
                            f"state_at, {length} events, {label} snapshots",
                            "ms",
                            "certflow",
                            state[0],
                            "raw get(version)",
                            state[1],
                            at_most=1.3,
                        )
                    )
                    if snapshots:
                        continue
                    history = _per_call_pair(
                        plan.runs,
                        lambda: lsp.history(mine_id),
                        lambda: app.repository.get(raw_id, version=length),
                    )
                    rows.append(
                        Row(
                            "B3",
                            f"history, {length} events",
                            "ms",
                            "certflow",
                            history[0],
                            "raw get(version)",
                            history[1],
                            at_most=1.3,
                        )
                    )
                    decoded = _per_call_pair(
                        plan.runs,
                        lambda: lsp.history(mine_id),
                        lambda: list(app.events.get(raw_id)),
                    )
                    rows.append(
                        Row(
                            "B3",
                            f"history, {length} events, vs decoding the events",
                            "ms",
                            "certflow",
                            decoded[0],
                            "raw events.get",
                            decoded[1],
                            note="for reference: a typed entry per event costs this much more",
                        )
                    )
            finally:
                lsp.close()
                app.close()
                RawApp.snapshotting_intervals = {}
    # The snapshot speed-up of a 1,000-event state_at, from the rows above.
    longest = max(plan.histories)
    without = next(r for r in rows if r.case == f"state_at, {longest} events, without snapshots")
    with_ = next(r for r in rows if r.case == f"state_at, {longest} events, with snapshots")
    rows.append(
        Row(
            "B3",
            f"state_at {longest} events: snapshot speed-up",
            "ms",
            "without",
            without.first,
            "with",
            with_.first,
            at_least=5.0,
        )
    )
    log("B3 done")
    return rows


def _per_call_pair(
    runs: int, mine: Callable[[], object], theirs: Callable[[], object]
) -> tuple[list[float], list[float]]:
    """Milliseconds per call of each side; each run repeats a call for at least 50 ms."""
    reps = {}
    for side, call in (("a", mine), ("b", theirs)):
        once = timed(call)
        reps[side] = max(3, int(0.05 / max(once, 1e-6)))
    a, b = _pair(
        runs,
        lambda: [mine() for _ in range(reps["a"])],
        lambda: [theirs() for _ in range(reps["b"])],
    )
    return [t * 1e3 / reps["a"] for t in a], [t * 1e3 / reps["b"] for t in b]


def _pair(
    runs: int, mine: Callable[[], object], theirs: Callable[[], object]
) -> tuple[list[float], list[float]]:
    a, b = [], []
    for run in range(runs):
        if run % 2 == 0:
            a.append(timed(mine))
            b.append(timed(theirs))
        else:
            b.append(timed(theirs))
            a.append(timed(mine))
    return a, b


# -- B4 read side -----------------------------------------------------------------------------


def _raw_read(lsp: certflow.CertificationBody, decode: bool, mapper: Any = None) -> int:
    """Read (and decode) the whole log in pages; decoded by eventsourcing's own mapper unless
    ``mapper`` is given."""
    count, start = 0, 1
    recorder, mapper = services_of(lsp).store.recorder, mapper or stock_mapper()
    while True:
        batch = recorder.select_notifications(start=start, limit=1000)
        if not batch:
            return count
        if decode:
            for notification in batch:
                mapper.to_domain_event(notification)
        count += len(batch)
        start = batch[-1].id + 1


def b4(plan: Plan, shape: Shape, log: Callable[[str], None]) -> list[Row]:
    """Rebuild and verify on the same store, SQLite and PostgreSQL."""
    from benchmarks.read_side import b4 as measure

    return measure(plan, log, postgres_problem=postgres_problem, pair=_pair, raw_read=_raw_read)


# -- B5 intake ---------------------------------------------------------------------------------

_INTAKE = """
import json, sys, time
from pathlib import Path
from benchmarks.workload import intake, intake_store, rss_mib
lsp = intake_store(sys.argv[1])
before = rss_mib()
started = time.perf_counter()
intake(lsp, Path(sys.argv[2]), int(sys.argv[3]))
seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "rss_mib": rss_mib(), "baseline_mib": before}))
"""

_RAW_INTAKE = """
import json, sys, time
from pathlib import Path
from benchmarks.workload import RawApp, _padding, raw_env, raw_intake, rss_mib
app = RawApp(raw_env("sqlite", sys.argv[1]))
pad = _padding(app, int(sys.argv[3]))
before = rss_mib()
started = time.perf_counter()
raw_intake(app, Path(sys.argv[2]), pad)
seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "rss_mib": rss_mib(), "baseline_mib": before}))
"""


def _child(script: str, *args: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def b5(plan: Plan, shape: Shape, log: Callable[[str], None]) -> list[Row]:
    rows_n = plan.intake_rows
    mine, theirs, rss = [], [], []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "candidates.csv"
        write_candidates(path, rows_n)
        size = shape.sizes[0]
        for run in range(plan.runs):
            mine_db, raw_db = f"{folder}/c{run}.db", f"{folder}/r{run}.db"
            sides = (
                [("c", mine_db), ("r", raw_db)] if run % 2 == 0 else [("r", raw_db), ("c", mine_db)]
            )
            for side, db in sides:
                if side == "c":
                    result = _child(_INTAKE, f"sqlite:///{db}", str(path), str(rows_n))
                    mine.append(rows_n / result["seconds"])
                    rss.append(result["rss_mib"])
                else:
                    result = _child(_RAW_INTAKE, db, str(path), str(size))
                    theirs.append(rows_n / result["seconds"])
            log(f"B5 run {run + 1} done")
    return [
        Row(
            "B5",
            f"intake of {rows_n:,} candidates (CSV, SQLite, batches of 500)",
            "rows/s",
            "certflow",
            mine,
            "raw batched save",
            theirs,
            at_least=0.5,
            extra={"peak_rss_mib": rss},
        ),
        Row(
            "B5",
            f"peak RSS of the {rows_n:,}-row intake",
            "MiB",
            "certflow",
            rss,
            "limit",
            [250.0] * len(rss),
            at_most=1.0,
            note="ratio to 250 MB",
        ),
    ]


# -- B6 demo ----------------------------------------------------------------------------------


def b6(plan: Plan, shape: Shape, log: Callable[[str], None]) -> list[Row]:
    from certflow.demo import run_demo

    seconds = []
    for _ in range(plan.runs):
        with tempfile.TemporaryDirectory() as folder:
            lsp = certflow.open(f"sqlite:///{folder}/certflow.db")
            try:
                seconds.append(timed(lambda: run_demo(lsp)))
            finally:
                lsp.close()
    log("B6 done")
    return [
        Row(
            "B6",
            "the demo on a SQLite file (1,460 commands)",
            "s",
            "demo",
            seconds,
            "limit",
            [10.0] * len(seconds),
            at_most=1.0,
            note="ratio to 10 s",
        )
    ]


# -- B7 gate overhead -------------------------------------------------------------------------


def _gate_pair(kind: str, where: tuple[str, str], lifecycles: int, run: int) -> tuple[float, float]:
    """Seconds for ``lifecycles`` main paths with the gate and with it bypassed, interleaved.

    Two fresh stores on ``kind``, each with the same reference data and register (set up with
    the gate, not timed). The lifecycles run one at a time on each store in turn, which one
    first alternating, so that both sides meet the same machine load within milliseconds.
    """
    clock = lambda: FixedClock(date(2024, 10, 14), tz=WIB)  # noqa: E731
    gated = certflow.open(certflow_url(kind, where[0]), clock=clock())
    bypassed = certflow.open(certflow_url(kind, where[1]), clock=clock())
    try:
        plans = []
        for lsp in (gated, bypassed):
            ref = reference(lsp, lifecycles)
            plans.append([lifecycle_commands(lsp, ref, n) for n in range(lifecycles)])
        seconds = [0.0, 0.0]
        gc.collect()
        for n in range(lifecycles):
            for side in (0, 1) if (run + n) % 2 == 0 else (1, 0):
                with gate_bypassed() if side else nullcontext():
                    started = time.perf_counter()
                    for command in plans[side][n]:
                        command()
                    seconds[side] += time.perf_counter() - started
        return seconds[0], seconds[1]
    finally:
        gated.close()
        bypassed.close()


def b7(plan: Plan, shape: Shape, log: Callable[[str], None]) -> list[Row]:
    """B1's certflow side with the trust gate against the same with the gate bypassed.

    The target: the register check adds at most 10 % to B1 (issue 12).
    """
    rows = []
    for kind, lifecycles in plan.lifecycles.items():
        if kind == "postgres" and (problem := postgres_problem()):
            log(f"B7 postgres skipped: {problem}")
            continue
        gated, bypassed = [], []
        for run in range(plan.runs):
            with _where(kind) as where:
                a, b = _gate_pair(kind, where, lifecycles, run)
            gated.append(a)
            bypassed.append(b)
        per = 1e6 / (lifecycles * COMMANDS)
        ratios = sorted(a / b for a, b in zip(gated, bypassed, strict=True))
        rows.append(
            Row(
                "B7",
                f"gate overhead, {kind}, {lifecycles} lifecycles × {COMMANDS} commands",
                "µs/command",
                "gate",
                [t * per for t in gated],
                "bypassed",
                [t * per for t in bypassed],
                at_most=1.10,
                note="B1's certflow side; bypassed: Gate.admit returns the actor as given",
                extra={
                    "run_ratios": ratios,
                    "ratio_of_medians": statistics.median(gated) / statistics.median(bypassed),
                },
                paired=True,
            )
        )
        log(f"B7 {kind} done (ratio {statistics.median(ratios):.3f}, the median of the runs' own)")
    return rows


def b8(plan: Plan, shape: Shape, log: Callable[[str], None]) -> list[Row]:
    """Signed checkpoints: their cost on B1 and ``verify --checkpoint`` throughput."""
    from benchmarks.checkpointing import b8 as measure

    return measure(plan, log, postgres_problem=postgres_problem, pair=_pair, raw_read=_raw_read)


def b9(plan: Plan, shape: Shape, log: Callable[[str], None]) -> list[Row]:
    """certflow beside a plain CRUD app and SpiffWorkflow on B1's SQLite path (issue 18)."""
    from benchmarks.peers import b9 as measure

    return measure(plan, shape, log)


def b10(plan: Plan, shape: Shape, log: Callable[[str], None]) -> list[Row]:
    """Many writers on PostgreSQL (benchmarks/writers.py): 1, 2, 4 and 8 processes."""
    from benchmarks import writers

    quick = plan.lifecycles["postgres"] < 30
    found, _ = writers.b10(writers.QUICK if quick else writers.FULL, 1 if quick else 3, log)
    return found


BENCHMARKS = {
    "B1": b1,
    "B2": b2,
    "B3": b3,
    "B4": b4,
    "B5": b5,
    "B6": b6,
    "B7": b7,
    "B8": b8,
    "B9": b9,
    "B10": b10,
}


def run(plan: Plan, only: list[str], log: Callable[[str], None]) -> tuple[Shape, list[Row]]:
    shape = calibrate()
    rows: list[Row] = []
    for name in only:
        rows.extend(BENCHMARKS[name](plan, shape, log))
    return shape, rows
