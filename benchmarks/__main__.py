"""Run the benchmark suite: ``python -m benchmarks [--quick] [--only B1,B3] [--runs 5]``.

Prints the table and writes the rows, the machine and the settings as JSON (``--out``, default
``benchmarks/results/quick.json`` or ``full.json``).
"""

from __future__ import annotations

import json
import os
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from benchmarks.harness import markdown, table
from benchmarks.suite import BENCHMARKS, Plan, run

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)


def _machine() -> dict[str, object]:
    from importlib import metadata

    import certflow

    cpu = ""
    try:
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        cpu = platform.processor()
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "certflow": certflow.__version__,
        "eventsourcing": metadata.version("eventsourcing"),
    }


@app.command()
def main(
    quick: Annotated[bool, typer.Option("--quick", help="Smaller stores and inputs.")] = False,
    only: Annotated[str, typer.Option(help="Comma-separated subset, e.g. B1,B3.")] = ",".join(
        BENCHMARKS
    ),
    runs: Annotated[int, typer.Option(help="Repetitions of each measurement.", min=5)] = 5,
    out: Annotated[Path | None, typer.Option(help="Where to write the JSON.")] = None,
    writers: Annotated[
        bool, typer.Option("--writers", help="Only B10, many writers on PostgreSQL.")
    ] = False,
) -> None:
    """Measure certflow against raw eventsourcing, side by side, and print every ratio."""
    console = Console(stderr=True)
    if writers:
        from benchmarks import writers as b10

        b10.main(
            b10.QUICK if quick else b10.FULL,
            runs,
            out or Path(__file__).parent / "results" / "writers.json",
            lambda text: console.print(f"[dim]{text}[/]"),
        )
        return
    wanted = [name.strip().upper() for name in only.split(",") if name.strip()]
    unknown = [name for name in wanted if name not in BENCHMARKS]
    if unknown:
        raise typer.BadParameter(f"unknown benchmark(s) {unknown}; choose from {list(BENCHMARKS)}")
    plan = Plan.make(quick=quick, runs=runs)
    started = time.perf_counter()
    shape, rows = run(plan, wanted, lambda text: console.print(f"[dim]{text}[/]"))
    seconds = time.perf_counter() - started
    Console(width=max(Console().width, 180)).print(table(rows))
    missed = [f"{r.bench} {r.case}" for r in rows if r.met is False]
    Console().print(
        f"{len(rows)} rows in {seconds:.0f} s; targets met: "
        f"{sum(r.met is True for r in rows)}, missed: {len(missed)}"
    )
    target = out or Path(__file__).parent / "results" / ("quick.json" if quick else "full.json")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        json.dumps(
            {
                "when": datetime.now(UTC).isoformat(timespec="seconds"),
                "quick": quick,
                "seconds": round(seconds, 1),
                "plan": plan.__dict__,
                "shape": {"events": shape.events, "sizes": shape.sizes},
                "machine": _machine(),
                "argv": sys.argv[1:],
                "rows": [r.as_json() for r in rows],
            },
            indent=2,
        )
        + "\n"
    )
    target.with_suffix(".md").write_text(markdown(rows))
    console.print(f"[dim]wrote {target} and {target.with_suffix('.md')}[/]")


if __name__ == "__main__":
    app()
