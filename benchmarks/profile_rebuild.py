"""Where a rebuild's time goes: ``python -m benchmarks.profile_rebuild STORE_URL [RUNS]``.

Rebuilds the read models of an existing store (``sqlite:///…`` or ``postgresql://…?schema=…``,
e.g. a national store ``postgresql://postgres@127.0.0.1:5432/postgres?schema=certflow_nat_100k``)
``RUNS`` times (default 3) and prints, per run, the wall time spent in each part, timed by
wrapping it (no profiler: the parts run at full speed):

- ``select``: reading the notification log (``select_notifications``);
- ``decode``: turning stored events into events (the store's mapper);
- ``apply``: moving each certification on by its event (or loading it when not cached);
- ``add`` / ``rows``: building the view rows of a batch;
- ``write``: writing them with their tracking positions (one transaction per batch);
- ``other``: the runner's own loop.

The rebuild rewrites the views it finds; the store's events are only read.
"""

from __future__ import annotations

import sys
import time
from collections import Counter

import certflow
from benchmarks.timing import timed
from certflow.application.readmodels import projection
from certflow.bootstrap import services_of


def main(url: str, runs: int = 3) -> None:
    """Print one line per rebuild: the total and each part's seconds and share."""
    lsp = certflow.open(url)
    spent: Counter[str] = Counter()
    store, runner = services_of(lsp).store, lsp.read_models
    undo = [
        timed(runner._store, "write", "write", spent),  # the runner's own view store
        timed(store.recorder, "select_notifications", "select", spent),
        timed(store.mapper, "to_domain_event", "decode", spent),
        timed(runner, "_state_after", "apply", spent),
        timed(projection.ViewBatch, "add", "add", spent),
        timed(projection.ViewBatch, "rows", "rows", spent),
    ]
    try:
        for _ in range(runs):
            spent.clear()
            started = time.perf_counter()
            applied = runner.rebuild()
            total = time.perf_counter() - started
            parts = " ".join(f"{k} {v:.2f} s ({v / total:.0%})" for k, v in spent.most_common())
            print(
                f"{applied:,} events in {total:.2f} s ({applied / total:,.0f}/s): {parts}, "
                f"other {total - sum(spent.values()):.2f} s"
            )
    finally:
        for step in reversed(undo):
            step()
        lsp.close()


if __name__ == "__main__":
    main(sys.argv[1], *(int(a) for a in sys.argv[2:3]))
