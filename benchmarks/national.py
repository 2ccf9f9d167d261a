"""National scale (issue 18): certflow and raw eventsourcing stores of 1k to 1M certifications.

``python -m benchmarks --national [--sizes 1k,10k,100k,1m] [--reuse]`` builds, for each size, a
PostgreSQL schema ``certflow_nat_<size>`` through the fast path of :mod:`.national_build` and a
raw eventsourcing twin ``raw_nat_<size>`` (the same events per certification, of the same encoded
sizes), keeps both after the run (``--reuse`` measures them again without building), and
measures, side by side where there is a raw twin:

- B1 commands (µs per command, fresh lifecycles on the big store) and raw's on its store;
- register lookups by certificate number and by holder, and one keyset page of the case board
  by stage and by session: p50/p99 over 10,000 random queries through ``read_models``;
- rebuild of every read model and ``verify`` of the whole store, each in a fresh process:
  events/s, wall time and peak RSS, beside raw log reads of the same store;
- the store's size on disk per certification, by table.

Both stores are vacuumed and analysed before they are measured (:func:`.national_build.settle`).
``--paired-b1`` (:func:`paired_b1`) measures B1 alone on the kept stores of several sizes,
alternated within every run, which is the comparison the B1 growth target means.
"""

from __future__ import annotations

import json
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any
from uuid import uuid4

import certflow
from benchmarks.harness import timed
from benchmarks.national_build import (
    build_certflow,
    build_raw,
    certification_shape,
    exists,
    label,
    schemas,
    server_settings,
    settle,
)
from benchmarks.workload import (
    COMMANDS,
    PG,
    RawApp,
    calibrate,
    certflow_url,
    lifecycle_commands,
    raw_env,
    raw_lifecycle,
    reference,
)
from certflow import WIB, FixedClock

SIZES = {"1k": 1000, "10k": 10_000, "100k": 100_000, "1m": 1_000_000}
QUERIES = 10_000
PAGE = 50
TODAY = date(2025, 6, 1)
ROOT = Path(__file__).resolve().parent.parent

# -- children (a fresh process each, so peak RSS is the work's own) ------------------------------

_REBUILD = """
import json, sys, time
import certflow
from benchmarks.workload import rss_mib
lsp = certflow.open(sys.argv[1])
base = rss_mib()
started = time.perf_counter()
applied = lsp.read_models.rebuild()
seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "applied": applied, "rss_mib": rss_mib(), "base_mib": base}))
"""

_VERIFY = """
import json, sys, time
import certflow
from certflow.application.chain import verify
from certflow.bootstrap import services_of
from benchmarks.workload import rss_mib
lsp = certflow.open(sys.argv[1])
base = rss_mib()
started = time.perf_counter()
report = verify(services_of(lsp).store.recorder)
seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "records": report.records, "intact": report.intact,
                  "rss_mib": rss_mib(), "base_mib": base}))
"""

_RAW_READ = """
import json, sys, time
from benchmarks.workload import RawApp, raw_env, rss_mib, stock_mapper
import certflow
from certflow.bootstrap import services_of
if sys.argv[1] == "certflow":  # certflow's log, decoded by eventsourcing's own mapper
    lsp = certflow.open(sys.argv[2])
    recorder, mapper = services_of(lsp).store.recorder, stock_mapper()
else:
    app = RawApp(raw_env("postgres", sys.argv[2]))
    recorder, mapper = app.recorder, app.mapper
decode = sys.argv[3] == "decode"
base = rss_mib()
started = time.perf_counter()
count, start = 0, 1
while True:
    batch = recorder.select_notifications(start=start, limit=2000)
    if not batch:
        break
    if decode:
        for note in batch:
            mapper.to_domain_event(note)
    count += len(batch)
    start = batch[-1].id + 1
seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "events": count, "rss_mib": rss_mib(), "base_mib": base}))
"""


def _child(script: str, *args: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={**__import__("os").environ, "PYTHONPATH": str(ROOT)},
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# -- measurements ----------------------------------------------------------------------------------


def sizes_on_disk(schema: str) -> dict[str, dict[str, int]]:
    """Bytes per table: ``total`` (heap, TOAST and indexes) and ``indexes``."""
    import psycopg

    with psycopg.connect(**PG) as connection:
        rows = connection.execute(
            "SELECT c.relname, pg_total_relation_size(c.oid), pg_indexes_size(c.oid) "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = %s AND c.relkind = 'r'",
            (schema,),
        ).fetchall()
    return {name: {"total": int(total), "indexes": int(ix)} for name, total, ix in rows}


GROUPS = {
    "events": ("certflow_events", "rawbench_events"),
    "chain": ("certflow_chain", "certflow_checkpoint", "certflow_checkpoints"),
    "views": (
        "certflow_case_board",
        "certflow_certificate_register",
        "certflow_deadline_board",
        "certflow_assessor_workload",
        "certflow_view_tracking",
    ),
    "subjects": ("certflow_subjects", "certflow_subjects_pending"),
}


def grouped(tables: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for name, size in tables.items():
        group = next((g for g, names in GROUPS.items() if name in names), "other")
        slot = out.setdefault(group, {"total": 0, "indexes": 0})
        slot["total"] += size["total"]
        slot["indexes"] += size["indexes"]
    return out


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def queries(schema: str, count: int, log: Callable[[str], None]) -> dict[str, Any]:
    """p50/p99 (ms) of ``count`` random queries of each kind through ``read_models``."""
    import psycopg

    lsp = certflow.open(certflow_url("postgres", schema))
    try:
        views = lsp.read_models
        views.catch_up()
        with psycopg.connect(**PG) as connection:
            register = connection.execute(
                "SELECT certificate_number, subject_id "
                f"FROM {schema}.certflow_certificate_register ORDER BY random() LIMIT %s",
                (count,),
            ).fetchall()
            board = connection.execute(
                f"SELECT listed, stage, session_id FROM {schema}.certflow_case_board "
                "ORDER BY random() LIMIT %s",
                (count,),
            ).fetchall()
        rng = random.Random(18)
        picks_r = [register[rng.randrange(len(register))] for _ in range(count)]
        picks_b = [board[rng.randrange(len(board))] for _ in range(count)]
        from uuid import UUID

        from certflow.domain import Stage

        kinds: dict[str, Callable[[int], object]] = {
            "register by number": lambda i: views.certificate_register(
                today=TODAY, number=picks_r[i][0]
            ),
            "register by holder": lambda i: views.certificate_register(
                today=TODAY, holder=UUID(picks_r[i][1])
            ),
            "case board page by stage": lambda i: views.certification_page(
                stage=Stage(picks_b[i][1]), after=int(picks_b[i][0]) - 1, limit=PAGE
            ),
            "case board page by session": lambda i: views.certification_page(
                session_id=UUID(picks_b[i][2]), after=int(picks_b[i][0]) - 1, limit=PAGE
            ),
        }
        found: dict[str, Any] = {}
        for name, query in kinds.items():
            times = []
            for i in range(count):
                started = time.perf_counter()
                result = query(i)
                times.append((time.perf_counter() - started) * 1000)
                assert result
            found[name] = {
                "p50_ms": _pct(times, 0.5),
                "p99_ms": _pct(times, 0.99),
                "max_ms": max(times),
                "queries": count,
            }
            log(f"{schema}: {name} p50 {found[name]['p50_ms']:.2f} ms")
        # The whole-list read a cursor page of the service still makes today (O(n)), a few times.
        whole = [
            timed(lambda: views.certifications(stage=Stage.DISTRIBUTED)) * 1000 for _ in range(3)
        ]
        found["whole list by stage"] = {"median_ms": statistics.median(whole)}
        return found
    finally:
        lsp.close()


def b1(schema: str, raw_schema: str, runs: int, lifecycles: int) -> dict[str, Any]:
    """µs per command of fresh lifecycles on the big store, and raw's, interleaved."""
    shape = calibrate()
    mine: list[float] = []
    theirs: list[float] = []
    for run in range(runs):
        for side in ("c", "r") if run % 2 == 0 else ("r", "c"):
            if side == "c":
                mine.append(_certflow_b1(schema, lifecycles))
            else:
                theirs.append(_raw_b1(raw_schema, lifecycles, shape))
    per = 1e6 / (lifecycles * COMMANDS)
    return {
        "certflow_us": [t * per for t in mine],
        "raw_us": [t * per for t in theirs],
        "certflow_median_us": statistics.median(mine) * per,
        "raw_median_us": statistics.median(theirs) * per,
        "lifecycles": lifecycles,
        "runs": runs,
    }


def _certflow_b1(schema: str, lifecycles: int) -> float:
    lsp = certflow.open(
        certflow_url("postgres", schema), clock=FixedClock(date(2024, 10, 14), tz=WIB)
    )
    try:
        for _ in range(5):  # a fresh tag: new scheme, session and assessors per run
            try:
                ref = reference(lsp, lifecycles + 1, tag=f"B{uuid4().hex[:8].upper()}")
                break
            except Exception:
                continue
        else:
            raise RuntimeError("no fresh reference data")
        for command in lifecycle_commands(lsp, ref, 0):  # warm-up (caches, connections)
            command()
        commands = [c for n in range(1, lifecycles + 1) for c in lifecycle_commands(lsp, ref, n)]

        def work() -> None:
            for command in commands:
                command()

        return timed(work)
    finally:
        lsp.close()


def _raw_b1(schema: str, lifecycles: int, shape: Any) -> float:
    app = RawApp(raw_env("postgres", schema))
    try:
        for command in raw_lifecycle(app, shape):
            command()
        commands = [c for _ in range(lifecycles) for c in raw_lifecycle(app, shape)]

        def work() -> None:
            for command in commands:
                command()

        return timed(work)
    finally:
        app.close()


def build(size: int, log: Callable[[str], None]) -> dict[str, Any]:
    """Build the certflow store of ``size`` certifications and its raw twin (both anew)."""
    schema, raw_schema = schemas(size)
    started = time.perf_counter()
    built = build_certflow(schema, size, log)
    shape = certification_shape(schema)
    built["raw"] = build_raw(raw_schema, size, shape)
    built["seconds"] = time.perf_counter() - started
    built["event_sizes"] = shape
    log(f"{schema}: built in {built['seconds']:.0f} s")
    return built


def measure(
    size: int, *, reuse: bool, runs: int, lifecycles: int, log: Callable[[str], None]
) -> dict[str, Any]:
    """Build (unless reused) and measure the stores of ``size`` certifications."""
    schema, raw_schema = schemas(size)
    result: dict[str, Any] = {"size": size, "label": label(size), "schema": schema}
    if reuse and exists(schema) and exists(raw_schema):
        log(f"{schema}: reused")
        result["built"] = None
    else:
        result["built"] = build(size, log)
    # Before every measurement (a no-op when nothing changed): statistics and visibility map.
    result["settle_seconds"] = settle(schema) + settle(raw_schema)
    log(f"{schema}: vacuum analyze {result['settle_seconds']:.1f} s")
    result["server"] = server_settings()
    url = certflow_url("postgres", schema)
    result["rebuild"] = _child(_REBUILD, url)
    log(f"{schema}: rebuild {result['rebuild']['seconds']:.1f} s")
    result["verify"] = _child(_VERIFY, url)
    assert result["verify"]["intact"], "verify found the fast-path store broken"
    log(f"{schema}: verify {result['verify']['seconds']:.1f} s")
    result["read"] = {
        "certflow_decode": _child(_RAW_READ, "certflow", url, "decode"),
        "certflow_select": _child(_RAW_READ, "certflow", url, "select"),
        "raw_decode": _child(_RAW_READ, "raw", raw_schema, "decode"),
    }
    log(f"{schema}: raw reads done")
    result["queries"] = queries(schema, QUERIES, log)
    result["b1"] = b1(schema, raw_schema, runs, lifecycles)
    log(f"{schema}: B1 {result['b1']['certflow_median_us']:.0f} µs/command")
    result["disk"] = {"certflow": sizes_on_disk(schema), "raw": sizes_on_disk(raw_schema)}
    return result


def paired_b1(
    names: list[str], runs: int, lifecycles: int, log: Callable[[str], None]
) -> dict[str, Any]:
    """B1 on the kept stores of ``names``, alternated in every run (so drift hits every size).

    The per-size B1 of :func:`measure` is taken minutes apart from the other sizes' and, at ten
    lifecycles a run, swings by about a tenth from run to run; this compares the sizes within
    each run. ``ratio``: each size's median over the first size's; ``paired_ratio``: the median
    of the per-run ratios.
    """
    shape = calibrate()
    per = 1e6 / (lifecycles * COMMANDS)
    stores: dict[str, dict[str, list[float]]] = {
        name: {"certflow_us": [], "raw_us": []} for name in names
    }
    for run in range(runs):
        for name in names if run % 2 == 0 else list(reversed(names)):
            schema, raw_schema = schemas(SIZES[name])
            stores[name]["certflow_us"].append(_certflow_b1(schema, lifecycles) * per)
            stores[name]["raw_us"].append(_raw_b1(raw_schema, lifecycles, shape) * per)
        log(
            f"paired B1 run {run + 1}/{runs}: "
            + ", ".join(f"{n} {stores[n]['certflow_us'][-1]:.0f} µs" for n in names)
        )
    base = names[0]
    summary: dict[str, Any] = {}
    for name in names:
        mine, raw = stores[name]["certflow_us"], stores[name]["raw_us"]
        summary[name] = {
            **stores[name],
            "certflow_median_us": statistics.median(mine),
            "raw_median_us": statistics.median(raw),
            "ratio": statistics.median(mine) / statistics.median(stores[base]["certflow_us"]),
            "raw_ratio": statistics.median(raw) / statistics.median(stores[base]["raw_us"]),
            "paired_ratio": statistics.median(
                m / b for m, b in zip(mine, stores[base]["certflow_us"], strict=True)
            ),
        }
    return {"sizes": names, "runs": runs, "lifecycles": lifecycles, "stores": summary}
