"""Run the benchmark suite: ``python -m benchmarks [--quick] [--only B1,B3] [--runs 5]``.

Prints the table and writes the rows, the machine and the settings as JSON (``--out``, default
``benchmarks/results/quick.json`` or ``full.json``).

``python -m benchmarks --national [--sizes 1k,10k,100k,1m] [--reuse]`` runs the national-scale
measurements on PostgreSQL instead (:mod:`benchmarks.national`; not in CI): JSON and Markdown to
``benchmarks/results/national.json`` / ``.md`` (sizes measured before are kept), pictures to
``docs/performance/``.
"""

from __future__ import annotations

import json
import os
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

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
    national: Annotated[
        bool, typer.Option("--national", help="National-scale PostgreSQL stores (issue 18).")
    ] = False,
    sizes: Annotated[str, typer.Option(help="--national: the store sizes.")] = "1k,10k,100k,1m",
    reuse: Annotated[
        bool, typer.Option("--reuse", help="--national: measure the kept stores, build none.")
    ] = False,
    report_only: Annotated[
        bool,
        typer.Option("--report-only", help="--national: redraw table, docs and plots from JSON."),
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
    if national:
        _national(sizes, reuse=reuse, runs=runs, out=out, console=console, redraw=report_only)
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


def _national(
    sizes: str, *, reuse: bool, runs: int, out: Path | None, console: Console, redraw: bool
) -> None:
    from benchmarks.national import SIZES, measure
    from benchmarks.workload import postgres_problem

    target = out or Path(__file__).parent / "results" / "national.json"
    kept: dict[str, Any] = {}
    if target.exists():  # sizes measured before (another run) stay in the table
        kept = {r["label"]: r for r in json.loads(target.read_text()).get("results", [])}
    if redraw:
        _national_report(list(kept.values()), target, console)
        return
    if problem := postgres_problem():
        raise typer.BadParameter(f"--national needs PostgreSQL: {problem}")
    wanted = [name.strip().lower() for name in sizes.split(",") if name.strip()]
    if unknown := [name for name in wanted if name not in SIZES]:
        raise typer.BadParameter(f"unknown size(s) {unknown}; choose from {list(SIZES)}")
    log = lambda text: console.print(f"[dim]{time.strftime('%H:%M:%S')} {text}[/]")  # noqa: E731
    for name in wanted:
        result = measure(SIZES[name], reuse=reuse, runs=runs, lifecycles=10, log=log)
        result["when"] = datetime.now(UTC).isoformat(timespec="seconds")
        result["load"] = os.getloadavg()
        if kept.get(name, {}).get("built") and not result["built"]:
            result["built"] = kept[name]["built"]  # the build measured when it was made
        kept[name] = result
        results = sorted(kept.values(), key=lambda r: r["size"])
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            json.dumps({"machine": _machine(), "argv": sys.argv[1:], "results": results}, indent=2)
            + "\n"
        )
        _national_report(results, target, console)


_TABLE = ("<!-- national-table -->", "<!-- /national-table -->")


def _national_report(results: list[dict[str, Any]], target: Path, console: Console) -> None:
    """The Markdown table (beside the JSON and in docs/performance.md) and the pictures."""
    from benchmarks.national_report import markdown, plots, summary

    results = sorted(results, key=lambda r: r["size"])
    table = markdown(results)
    target.with_suffix(".md").write_text(table)
    docs = Path(__file__).parent.parent / "docs"
    page = docs / "performance.md"
    text = page.read_text()
    if all(mark in text for mark in _TABLE):
        head, rest = text.split(_TABLE[0], 1)
        page.write_text(f"{head}{_TABLE[0]}\n\n{table}\n{_TABLE[1]}{rest.split(_TABLE[1], 1)[1]}")
    plots(results, docs / "performance")
    for line in summary(results):
        Console().print(line)
    console.print(f"[dim]wrote {target}, its .md, docs/performance.md, docs/performance/*.png[/]")


if __name__ == "__main__":
    app()
