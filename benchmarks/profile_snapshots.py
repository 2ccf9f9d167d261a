"""Where ``state_at`` with snapshots spends its time: ``python -m benchmarks.profile_snapshots``.

Builds B3's two records (a certification of ``--events`` events, snapshots every 100, and the
raw twin with events of the same size) on SQLite files, then times each step of a
``state_at(id, version=n)`` that lands on a snapshot, and raw eventsourcing's
``repository.get(id, version=n)`` beside it. Times are the thread's CPU time (SQLite runs in
this thread, so they include it; other processes on a loaded machine count less than in wall
time), medians of interleaved runs, in µs per call.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from uuid import UUID

import certflow
from benchmarks.suite import _long_certflow, _long_raw
from benchmarks.workload import RawApp, RawRecord, raw_env, services_of
from certflow import WIB, FixedClock
from certflow.application.views import CertificationView


def main(events: int = 1000, runs: int = 15, calls: int = 300) -> None:
    """Print one table row per step: µs per call and its ratio to raw ``get(version)``."""
    with tempfile.TemporaryDirectory() as folder:
        lsp = certflow.open(
            f"sqlite:///{folder}/c.db",
            clock=FixedClock(date(2024, 10, 14), tz=WIB),
            snapshot_every=100,
        )
        settings = raw_env("sqlite", f"{folder}/r.db")
        settings["IS_SNAPSHOTTING_ENABLED"] = "y"
        RawApp.snapshotting_intervals = {RawRecord: 100}
        app = RawApp(settings)
        try:
            mine, size = _long_certflow(lsp, events)
            theirs = _long_raw(app, events, size)
            _table(lsp, app, mine, theirs, events, runs, calls)
        finally:
            lsp.close()
            app.close()
            RawApp.snapshotting_intervals = {}


def _table(
    lsp: certflow.CertificationBody,
    app: RawApp,
    mine: UUID,
    theirs: UUID,
    n: int,
    runs: int,
    calls: int,
) -> None:
    services = services_of(lsp)
    store = services.store._app
    snapshots = store.snapshots
    stored = snapshots.recorder.select_events(mine, desc=True, limit=1, lte=n)[0]
    raw_stored = app.snapshots.recorder.select_events(theirs, desc=True, limit=1, lte=n)[0]
    snapshot = snapshots.to_snapshot(stored)
    cert = services.certifications.state_at(mine, version=n)
    today = cert.updated_at.date()
    steps: dict[str, Callable[[], object]] = {
        "raw eventsourcing: `repository.get(id, version=n)`": lambda: app.repository.get(
            theirs, version=n
        ),
        "certflow: `state_at(id, version=n)`": lambda: lsp.state_at(mine, version=n),
        "the record alone (`WorkflowRuntime.state_at`)": lambda: services.certifications.state_at(
            mine, version=n
        ),
        "· select the newest snapshot ≤ n": lambda: snapshots.recorder.select_events(
            mine, desc=True, limit=1, lte=n
        ),
        "· check it against its seal (SHA-256)": lambda: snapshots.problem(stored),
        "· decode it": lambda: snapshots.to_snapshot(stored),
        "· rebuild the record from it (`mutate`)": lambda: snapshot.mutate(None),
        "· select the events after it (none; made by raw only)": lambda: (
            store.recorder.select_events(mine, gt=n, lte=n)
        ),
        "· build the `CertificationView`": lambda: CertificationView.of(cert, today),
        "· · of which the deadlines": lambda: cert.deadlines(today),
        "raw: decode its snapshot": lambda: app.mapper.to_domain_event(raw_stored),
    }
    times: dict[str, list[float]] = {name: [] for name in steps}
    for run in range(runs):
        order = list(steps.items())
        for name, step in order if run % 2 else reversed(order):
            start = time.thread_time()
            for _ in range(calls):
                step()
            times[name].append((time.thread_time() - start) / calls * 1e6)
    raw = statistics.median(next(iter(times.values())))
    print(
        f"snapshot: certflow {len(stored.state):,} bytes ({stored.topic}), "
        f"raw {len(raw_stored.state):,}"
    )
    print("| step | µs (CPU) | × raw get |")
    print("| --- | --- | --- |")
    for name, measured in times.items():
        median = statistics.median(measured)
        print(f"| {name} | {median:.1f} | {median / raw:.2f} |")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
