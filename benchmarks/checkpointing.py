"""B8: what signed checkpoints cost.

- Automatic checkpointing on B1's main path, paired like B7: two fresh stores, one with
  ``auto_checkpoint`` (every 100 saves: ten times the default's frequency, so that the quick
  run makes some), one without, lifecycles interleaved. Target: at most 5 % (issue 13).
- ``verify --checkpoint`` (the prefix check: read every event, recompute its record hash and
  the Merkle root) against a raw read of the log, on B4's store. Target: at least 0.5×.
"""

from __future__ import annotations

import gc
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import certflow
from benchmarks.harness import Row
from benchmarks.workload import (
    COMMANDS,
    certflow_url,
    lifecycle_commands,
    reference,
)
from certflow import WIB, CheckpointKey, FixedClock, checkpoint_key, create_keys
from certflow.bootstrap import services_of

EVERY = 100
"""Saves between automatic checkpoints in the benchmark (the default is 1000)."""


def _checkpoint_pair(
    kind: str, where: tuple[str, str], lifecycles: int, run: int, key: CheckpointKey
) -> tuple[float, float, int]:
    """Seconds for the lifecycles with and without automatic checkpoints, interleaved."""
    clock = lambda: FixedClock(date(2024, 10, 14), tz=WIB)  # noqa: E731
    with_ = certflow.open(certflow_url(kind, where[0]), clock=clock())
    without = certflow.open(certflow_url(kind, where[1]), clock=clock())
    try:
        plans = []
        for lsp in (with_, without):
            ref = reference(lsp, lifecycles)
            plans.append([lifecycle_commands(lsp, ref, n) for n in range(lifecycles)])
        with_.auto_checkpoint(key, every=EVERY)
        seconds = [0.0, 0.0]
        gc.collect()
        for n in range(lifecycles):
            for side in (0, 1) if (run + n) % 2 == 0 else (1, 0):
                started = time.perf_counter()
                for command in plans[side][n]:
                    command()
                seconds[side] += time.perf_counter() - started
        made = len(services_of(with_).store.recorder.logged_checkpoints())  # type: ignore[attr-defined]
        return seconds[0], seconds[1], made
    finally:
        with_.close()
        without.close()


def _sqlite_where(folder: str, run: int) -> tuple[str, str]:
    return str(Path(folder) / f"with-{run}.db"), str(Path(folder) / f"without-{run}.db")


def b8(
    plan: Any,
    log: Callable[[str], None],
    *,
    postgres_problem: Callable[[], str | None],
    pair: Callable[..., tuple[list[float], list[float]]],
    raw_read: Callable[..., int],
) -> list[Row]:
    """Checkpointing's cost on B1, and ``verify --checkpoint`` against a raw read.

    The suite's plan, pairing and raw read are passed in by :func:`benchmarks.suite.b8`, so
    this module does not import the suite that lists it.
    """
    from benchmarks.verify_store import _fill
    from benchmarks.workload import pg_schema

    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as folder:
        create_keys(Path(folder) / "keys")
        key = checkpoint_key("LSP", private=Path(folder) / "keys" / "lsp-signing.key")
        for kind, lifecycles in plan.lifecycles.items():
            if kind == "memory":
                continue  # the memory store keeps no chain and no checkpoint log
            if kind == "postgres" and (problem := postgres_problem()):
                log(f"B8 postgres skipped: {problem}")
                continue
            with_, without, made = [], [], []
            for run in range(plan.runs):
                if kind == "postgres":
                    with pg_schema() as mine, pg_schema() as theirs:
                        a, b, m = _checkpoint_pair(kind, (mine, theirs), lifecycles, run, key)
                else:
                    a, b, m = _checkpoint_pair(
                        kind, _sqlite_where(folder, run), lifecycles, run, key
                    )
                with_.append(a)
                without.append(b)
                made.append(m)
            per = 1e6 / (lifecycles * COMMANDS)
            ratios = sorted(a / b for a, b in zip(with_, without, strict=True))
            rows.append(
                Row(
                    "B8",
                    f"automatic checkpoints every {EVERY} saves, {kind}, {lifecycles} lifecycles",
                    "µs/command",
                    "checkpointing",
                    [t * per for t in with_],
                    "none",
                    [t * per for t in without],
                    at_most=1.05,
                    note=f"B1's certflow side; {made[0]} checkpoints signed per run",
                    extra={"run_ratios": ratios, "checkpoints": made},
                    paired=True,
                )
            )
            log(f"B8 {kind} done (ratio {statistics.median(ratios):.3f})")
        url = f"sqlite:///{folder}/read.db"
        lsp = certflow.open(url, clock=FixedClock(date(2024, 10, 14), tz=WIB))
        _fill(lsp, plan.read_events)
        signed = lsp.checkpoint(key=key, every=0)
        lsp.close()
        assert signed is not None
        lsp = certflow.open(url)
        try:
            events = signed.size
            notes = [("bench", signed.text)]

            def prefix() -> None:
                assert lsp.verify_checkpoints(key=key, notes=notes).intact

            checked, selected = pair(plan.runs, prefix, lambda: raw_read(lsp, decode=False))
        finally:
            lsp.close()
    log("B8 verify --checkpoint done")
    rows.append(
        Row(
            "B8",
            f"verify --checkpoint (prefix check), {events:,} records",
            "events/s",
            "verify --checkpoint",
            [events / s for s in checked],
            "raw read",
            [events / s for s in selected],
            at_least=0.5,
            note="record hash + Merkle root of every event; raw: select_notifications only",
        )
    )
    return rows
