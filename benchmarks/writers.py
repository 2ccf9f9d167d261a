"""B10, many writers on PostgreSQL: 1, 2, 4 and 8 processes doing lifecycles at once.

Every writer is its own OS process with its own ``certflow.open`` on the same PostgreSQL schema.
Each runs the same number of lifecycles (``benchmarks.workload.lifecycle_commands``), so the
work grows with the writers and the throughput (commands per second, first start to last end)
shows how far they scale. Two variants:

- ``distinct``: every writer has its own scheme (so its own certificate number series), session
  and assessors; nothing but the store is shared.
- ``contended``: every writer works on the same session, scheme and assessors, so they race on
  the certificate number series and on the assessors' day records (R14). certflow does not retry
  by itself: a conflicting command raises :class:`~certflow.ConcurrencyConflictError` and the
  writer runs it again, re-deciding against the fresh records (as
  tests/integration/test_concurrent_writers.py does). Conflicts and retries are counted.

Afterwards the read models are caught up and checked: every lifecycle reached distribution (0
lost) and every certificate number is in the register once (0 duplicates), and the hash chain
verifies. Raw eventsourcing writers do the same saves (``raw_lifecycle``) in the same run, so the
table shows what certflow's own serialisation costs beyond eventsourcing's table lock.

Reference data is recorded before the writers start; nothing here is timed inside an assertion.
"""

from __future__ import annotations

import multiprocessing
import statistics
import time
from collections import Counter
from collections.abc import Callable
from datetime import date
from typing import Any
from uuid import UUID

from benchmarks.harness import Row
from benchmarks.timing import timed
from benchmarks.workload import (
    COMMANDS,
    RawApp,
    Reference,
    Shape,
    certflow_url,
    lifecycle_commands,
    pg_schema,
    postgres_problem,
    raw_env,
    raw_lifecycle,
    reference,
)
from certflow.testing import MainPath

WRITERS = (1, 2, 4, 8)
RETRIES = 20
TARGET = 1.5
"""4 writers ≥ 1.5 × one writer's throughput."""
OPENED = date(2024, 10, 14)
REGISTER_DAY = date(2025, 1, 15)


# -- inside a writer process ----------------------------------------------------------------


def _certflow_job(task: dict[str, Any], go: Callable[[], None]) -> dict[str, Any]:
    import certflow
    from certflow import WIB, ConcurrencyConflictError, FixedClock
    from certflow.bootstrap import services_of

    lsp = certflow.open(task["url"], clock=FixedClock(OPENED, tz=WIB))
    tally: Counter[str] = Counter()
    certifications: list[str] = []
    try:
        recorder = services_of(lsp).store.recorder
        timed(recorder, "insert_events", "insert_events_s", tally, calls="insert_events_calls")
        timed(recorder.chainer, "extend", "extend_s", tally, calls="extend_calls")
        reads = recorder.chainer.reads
        path = MainPath(lsp)
        lifecycles = []
        for refs, n in task["lifecycles"]:
            scheme, session, assessors, subjects = refs
            ref = Reference(
                path,
                UUID(scheme),
                UUID(session),
                [UUID(a) for a in assessors],
                [UUID(s) for s in subjects],
            )
            lifecycles.append(lifecycle_commands(lsp, ref, n))
        go()
        started, cpu = time.monotonic(), time.process_time()
        for commands in lifecycles:
            for step, command in enumerate(commands):
                for attempt in range(RETRIES + 1):
                    try:
                        result = command()
                        tally["commands"] += 1
                        if step == 0:
                            certifications.append(str(result))
                        break
                    except ConcurrencyConflictError:
                        tally["conflicts"] += 1
                        if attempt < RETRIES:
                            tally["retries"] += 1
                else:
                    tally["gave_up"] += 1
                    break
        ended = time.monotonic()
        tally["cpu_s"] = time.process_time() - cpu
        tally["tip_reads"] = recorder.chainer.reads - reads
    finally:
        lsp.close()
    return {"started": started, "ended": ended, "tally": tally, "certifications": certifications}


def _raw_job(task: dict[str, Any], go: Callable[[], None]) -> dict[str, Any]:
    # The parent made the tables: eight processes creating them at once race in the catalog.
    app = RawApp({**raw_env("postgres", task["schema"]), "CREATE_TABLE": "n"})
    tally: Counter[str] = Counter()
    try:
        timed(app.recorder, "insert_events", "insert_events_s", tally, calls="insert_events_calls")
        shape = Shape(*task["shape"])
        commands = [c for _ in range(task["count"]) for c in raw_lifecycle(app, shape)]
        go()
        started, cpu = time.monotonic(), time.process_time()
        for command in commands:
            command()
            tally["commands"] += 1
        ended = time.monotonic()
        tally["cpu_s"] = time.process_time() - cpu
    finally:
        app.close()
    return {"started": started, "ended": ended, "tally": tally, "certifications": []}


def _worker(tasks: Any, results: Any) -> None:
    """A writer process: prepare a job, say ready, wait for the go, run, report."""
    # Imported before any job, so the first one is not slower.
    from certflow.adapters.postgres import recorders  # noqa: F401
    from certflow.testing import driver  # noqa: F401

    while (task := tasks.get()) is not None:

        def go() -> None:
            results.put({"ready": True})
            assert tasks.get() == "go"

        try:
            job = _certflow_job if task["side"] == "certflow" else _raw_job
            results.put(job(task, go))
        except BaseException as error:  # reported to the parent, which stops the run
            results.put({"error": f"{type(error).__name__}: {error}"})


# -- the parent -------------------------------------------------------------------------------


class Writers:
    """Eight long-lived writer processes; a job uses the first ``count`` of them."""

    def __init__(self, processes: int = max(WRITERS)) -> None:
        context = multiprocessing.get_context("spawn")
        self.results = context.Queue()
        self.queues = [context.Queue() for _ in range(processes)]
        self.processes = [
            context.Process(target=_worker, args=(queue, self.results), daemon=True)
            for queue in self.queues
        ]
        for process in self.processes:
            process.start()
        self.busy: float | None = None
        """Cores the whole machine kept busy from the last job's go to its last answer (the
        writers, their PostgreSQL server processes and anything else), Linux only."""

    def run(self, tasks: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for queue, task in zip(self.queues, tasks, strict=False):
            queue.put(task)
        answers = [self._answer() for _ in tasks]
        if any("error" in a for a in answers):
            for queue in self.queues[: len(tasks)]:
                queue.put("go")
            raise RuntimeError(f"a writer failed: {[a for a in answers if 'error' in a]}")
        before = machine_cpu()
        for queue in self.queues[: len(tasks)]:
            queue.put("go")
        done = [self._answer() for _ in tasks]
        self.busy = _busy_cores(before, machine_cpu())
        errors = [a["error"] for a in done if "error" in a]
        if errors:
            raise RuntimeError(f"a writer failed: {errors}")
        return done

    def _answer(self) -> dict[str, Any]:
        import queue

        waited = 0.0
        while True:
            try:
                answer: dict[str, Any] = self.results.get(timeout=1)
                return answer
            except queue.Empty:
                waited += 1
                dead = [p.exitcode for p in self.processes if not p.is_alive()]
                if dead or waited > 900:
                    raise RuntimeError(f"writers ended ({dead}) or hung ({waited:.0f} s)") from None

    def close(self) -> None:
        for queue in self.queues:
            queue.put(None)
        for process in self.processes:
            process.join(timeout=30)


def machine_cpu() -> tuple[int, int] | None:
    """(busy, total) ticks of every CPU since boot, from ``/proc/stat``; ``None`` elsewhere."""
    try:
        with open("/proc/stat") as stat:
            ticks = [int(v) for v in stat.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    idle = ticks[3] + ticks[4]  # idle and iowait
    return sum(ticks) - idle, sum(ticks)


def _busy_cores(before: tuple[int, int] | None, after: tuple[int, int] | None) -> float | None:
    if before is None or after is None or after[1] <= before[1]:
        return None
    import os

    return (after[0] - before[0]) / (after[1] - before[1]) * (os.cpu_count() or 1)


def _refs(ref: Reference) -> tuple[str, str, list[str], list[str]]:
    return (
        str(ref.scheme),
        str(ref.session),
        [str(a) for a in ref.assessors],
        [str(s) for s in ref.subjects],
    )


def _figures(done: list[dict[str, Any]], machine_busy: float | None = None) -> dict[str, Any]:
    tally = sum((Counter(d["tally"]) for d in done), Counter[str]())
    seconds = max(d["ended"] for d in done) - min(d["started"] for d in done)
    saves = max(tally["insert_events_calls"], 1)
    return {
        "seconds": seconds,
        "commands": tally["commands"],
        "per_second": tally["commands"] / seconds,
        "conflicts": tally["conflicts"],
        "retries": tally["retries"],
        "gave_up": tally["gave_up"],
        "per_process": [dict(d["tally"]) for d in done],
        "save_ms": 1000 * tally["insert_events_s"] / saves,
        "cpu_ms": 1000 * tally["cpu_s"] / max(tally["commands"], 1),
        "busy_cores": tally["cpu_s"] / seconds,
        "machine_busy_cores": machine_busy,
        "chain_ms": 1000 * tally["extend_s"] / saves,
        "tip_reads": tally["tip_reads"],
        "saves": tally["insert_events_calls"],
    }


def certflow_writers(pool: Writers, count: int, lifecycles: int, contended: bool) -> dict[str, Any]:
    """``count`` certflow writers, ``lifecycles`` each; the figures and the checks."""
    import certflow
    from certflow import WIB, FixedClock, Stage
    from certflow.application.chain import verify
    from certflow.bootstrap import services_of

    with pg_schema() as schema:
        url = certflow_url("postgres", schema)
        lsp = certflow.open(url, clock=FixedClock(OPENED, tz=WIB))
        try:
            if contended:
                shared = _refs(reference(lsp, count * lifecycles, tag="C"))
                plans = [
                    [(shared, n) for n in range(w, count * lifecycles, count)] for w in range(count)
                ]
            else:
                plans = []
                for w in range(count):
                    own = _refs(reference(lsp, lifecycles, tag=f"W{w}"))
                    plans.append([(own, n) for n in range(lifecycles)])
        finally:
            lsp.close()
        done = pool.run([{"side": "certflow", "url": url, "lifecycles": p} for p in plans])
        figures = _figures(done, pool.busy)
        lsp = certflow.open(url, clock=FixedClock(REGISTER_DAY, tz=WIB))
        try:
            lsp.read_models.catch_up()
            ids = [UUID(c) for d in done for c in d["certifications"]]
            stages = Counter(lsp.get(c).stage for c in ids)
            distributed = stages[Stage.DISTRIBUTED]
            numbers = [
                e.certificate_number
                for e in lsp.read_models.certificate_register(today=REGISTER_DAY)
            ]
            intact = verify(services_of(lsp).store.recorder).intact
        finally:
            lsp.close()
    expected = count * lifecycles
    figures |= {
        "lifecycles": expected,
        "lost": expected - distributed,
        "lost_commands": expected * COMMANDS - figures["commands"],
        "duplicates": len(numbers) - len(set(numbers)),
        "register": len(numbers),
        "chain_intact": intact,
    }
    return figures


def raw_writers(pool: Writers, count: int, lifecycles: int, shape: Shape) -> dict[str, Any]:
    """``count`` raw eventsourcing writers doing the same saves."""
    with pg_schema() as schema:
        RawApp(raw_env("postgres", schema)).close()  # the tables, before the clock starts
        task = {
            "side": "raw",
            "schema": schema,
            "count": lifecycles,
            "shape": (shape.events, shape.sizes),
        }
        done = pool.run([task] * count)
        return _figures(done, pool.busy)


def measure(shape: Shape, lifecycles: int, runs: int, log: Callable[[str], None]) -> dict[str, Any]:
    """Every variant at every writer count, interleaved, ``runs`` times."""
    results: dict[str, dict[int, list[dict[str, Any]]]] = {
        side: {count: [] for count in WRITERS} for side in ("distinct", "contended", "raw")
    }
    pool = Writers()
    try:
        # Every process does one lifecycle of each kind first, untimed: a writer's first job pays
        # for its imports, its first connection and the first use of every code path, and the
        # one-writer baseline (always the first job) must not carry that alone.
        certflow_writers(pool, max(WRITERS), 1, contended=False)
        raw_writers(pool, max(WRITERS), 1, shape)
        log("B10 warm-up done (one untimed lifecycle per process and side)")
        for run in range(runs):
            for count in WRITERS:
                for side in ("distinct", "raw", "contended"):
                    if side == "raw":
                        figures = raw_writers(pool, count, lifecycles, shape)
                    else:
                        figures = certflow_writers(pool, count, lifecycles, side == "contended")
                    results[side][count].append(figures)
                    log(
                        f"B10 run {run + 1} {side} ×{count}: {figures['per_second']:.0f} "
                        f"commands/s, conflicts {figures['conflicts']}, lost "
                        f"{figures.get('lost', 0)}, duplicates {figures.get('duplicates', 0)}"
                    )
    finally:
        pool.close()
    return {"lifecycles_per_writer": lifecycles, "runs": runs, "results": results}


def summary(measured: dict[str, Any]) -> list[dict[str, Any]]:
    """One line per variant and writer count: medians over the runs, speed-ups paired per run."""
    results = measured["results"]
    lines = []
    for side in ("distinct", "contended", "raw"):
        for count in WRITERS:
            runs = results[side][count]
            ones = results[side][1]
            raw, raw_ones = results["raw"][count], results["raw"][1]
            lines.append(
                {
                    "variant": side,
                    "writers": count,
                    "per_second": statistics.median(r["per_second"] for r in runs),
                    "speed_up": statistics.median(
                        r["per_second"] / o["per_second"] for r, o in zip(runs, ones, strict=True)
                    ),
                    "raw_speed_up": statistics.median(
                        r["per_second"] / o["per_second"]
                        for r, o in zip(raw, raw_ones, strict=True)
                    ),
                    "conflicts": sum(r["conflicts"] for r in runs),
                    "retries": sum(r["retries"] for r in runs),
                    "lost": sum(r.get("lost", 0) for r in runs),
                    "duplicates": sum(r.get("duplicates", 0) for r in runs),
                    "save_ms": statistics.median(r["save_ms"] for r in runs),
                    "chain_ms": statistics.median(r["chain_ms"] for r in runs),
                    "tip_reads_per_save": statistics.median(
                        r["tip_reads"] / max(r["saves"], 1) for r in runs
                    ),
                    "chain_intact": all(r.get("chain_intact", True) for r in runs),
                    "machine_busy_cores": _median_or_none(
                        [r.get("machine_busy_cores") for r in runs]
                    ),
                    "raw_machine_busy_cores": _median_or_none(
                        [r.get("machine_busy_cores") for r in raw]
                    ),
                }
            )
    return lines


def _median_or_none(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return statistics.median(known) if known else None


def _cores(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _busy_of(runs: list[dict[str, Any]]) -> str:
    """The median of the machine's busy cores over ``runs``, as the tables print it."""
    return _cores(_median_or_none([r.get("machine_busy_cores") for r in runs]))


def markdown(lines: list[dict[str, Any]]) -> str:
    out = [
        "| variant | writers | commands/s | speed-up vs 1 | raw eventsourcing's speed-up "
        "| conflicts | retries | lost | duplicates | save ms | chain ms | tip reads / save "
        "| busy cores (raw's) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
        "| ---: |",
    ]
    for line in lines:
        if line["variant"] == "raw":
            continue
        out.append(
            f"| {line['variant']} | {line['writers']} | {line['per_second']:.0f} "
            f"| {line['speed_up']:.2f}× | {line['raw_speed_up']:.2f}× | {line['conflicts']} "
            f"| {line['retries']} | {line['lost']} | {line['duplicates']} "
            f"| {line['save_ms']:.2f} | {line['chain_ms']:.2f} "
            f"| {line['tip_reads_per_save']:.2f} "
            f"| {_cores(line.get('machine_busy_cores'))} "
            f"({_cores(line.get('raw_machine_busy_cores'))}) |"
        )
    return "\n".join(out) + "\n"


def rows(measured: dict[str, Any]) -> list[Row]:
    """The suite's rows: certflow's throughput at n writers against one writer (paired runs)."""
    results = measured["results"]
    out = []
    for side in ("distinct", "contended"):
        for count in WRITERS[1:]:
            runs, ones = results[side][count], results[side][1]
            raw = results["raw"]
            raw_speed_up = statistics.median(
                r["per_second"] / o["per_second"] for r, o in zip(raw[count], raw[1], strict=True)
            )
            out.append(
                Row(
                    "B10",
                    f"{count} writers, {side}",
                    "commands/s",
                    f"{count} writers",
                    [r["per_second"] for r in runs],
                    "1 writer",
                    [o["per_second"] for o in ones],
                    at_least=TARGET if count == 4 and side == "distinct" else None,
                    note=(
                        f"raw eventsourcing ×{raw_speed_up:.2f}; conflicts "
                        f"{sum(r['conflicts'] for r in runs)}, retries "
                        f"{sum(r['retries'] for r in runs)}, lost "
                        f"{sum(r['lost'] for r in runs)}, duplicates "
                        f"{sum(r['duplicates'] for r in runs)}; busy cores "
                        f"{_busy_of(runs)} (raw {_busy_of(raw[count])})"
                    ),
                    paired=True,
                )
            )
    return out


def b10(lifecycles: int, runs: int, log: Callable[[str], None]) -> tuple[list[Row], dict[str, Any]]:
    """The suite's B10 (skipped, with the reason logged, when PostgreSQL is unreachable)."""
    from benchmarks.workload import calibrate

    problem = postgres_problem()
    if problem:
        log(f"B10 skipped: {problem}")
        return [], {"skipped": problem}
    measured = measure(calibrate(), lifecycles, runs, log)
    measured["summary"] = summary(measured)
    return rows(measured), measured


QUICK = 2
FULL = 3
"""Lifecycles per writer: the quick run (CI) and ``--writers``' default."""


def main(lifecycles: int, runs: int, out: Any, log: Callable[[str], None]) -> dict[str, Any]:
    """``python -m benchmarks --writers``: measure, print the table, write the JSON."""
    import json
    import os
    from datetime import UTC, datetime

    started = time.monotonic()
    found, measured = b10(lifecycles, runs, log)
    if "skipped" not in measured:
        print(markdown(measured["summary"]))
        ratio = next(r.ratio for r in found if r.at_least is not None)
        log(f"target 4 writers ≥ {TARGET}× one writer: {ratio:.2f}×, {_verdict(ratio)}")
    measured |= {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "seconds": round(time.monotonic() - started, 1),
        "cores": os.cpu_count(),
        "load": os.getloadavg(),
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(measured, indent=2, default=str) + "\n")
    log(f"wrote {out}")
    return measured


def _verdict(ratio: float) -> str:
    return "met" if ratio >= TARGET else "missed"
