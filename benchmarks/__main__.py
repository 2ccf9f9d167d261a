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
    paired_b1: Annotated[
        bool,
        typer.Option(
            "--paired-b1",
            help="--national: B1 only, on the kept stores of --sizes, alternated in every run.",
        ),
    ] = False,
    lifecycles: Annotated[int, typer.Option(help="--national: B1 lifecycles per run.", min=1)] = 10,
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
        _national(
            sizes,
            reuse=reuse,
            runs=runs,
            out=out,
            console=console,
            redraw=report_only,
            paired=paired_b1,
            lifecycles=lifecycles,
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


def _national(
    sizes: str,
    *,
    reuse: bool,
    runs: int,
    out: Path | None,
    console: Console,
    redraw: bool,
    paired: bool,
    lifecycles: int,
) -> None:
    from benchmarks.national import SIZES, measure, paired_b1
    from benchmarks.national_build import exists, schemas
    from benchmarks.workload import postgres_problem

    target = out or Path(__file__).parent / "results" / "national.json"
    kept: dict[str, Any] = {}
    data: dict[str, Any] = {}
    if target.exists():  # sizes measured before (another run) stay in the table
        data = json.loads(target.read_text())
        kept = {r["label"]: r for r in data.get("results", [])}
    if redraw:
        _national_report(list(kept.values()), target, console, data.get("b1_paired"))
        return
    if problem := postgres_problem():
        raise typer.BadParameter(f"--national needs PostgreSQL: {problem}")
    wanted = [name.strip().lower() for name in sizes.split(",") if name.strip()]
    if unknown := [name for name in wanted if name not in SIZES]:
        raise typer.BadParameter(f"unknown size(s) {unknown}; choose from {list(SIZES)}")
    log = lambda text: console.print(f"[dim]{time.strftime('%H:%M:%S')} {text}[/]")  # noqa: E731
    if paired:
        if missing := [n for n in wanted if not all(map(exists, schemas(SIZES[n])))]:
            raise typer.BadParameter(f"--paired-b1 measures kept stores; build {missing} first")
        result = paired_b1(wanted, runs, lifecycles, log)
        result["when"] = datetime.now(UTC).isoformat(timespec="seconds")
        result["load"] = os.getloadavg()
        if "b1_paired" in data:  # earlier paired runs stay in the JSON
            data.setdefault("b1_paired_earlier", []).append(data["b1_paired"])
        data["b1_paired"] = result
        target.write_text(json.dumps(data, indent=2) + "\n")
        if kept:
            _national_report(list(kept.values()), target, console, result)
        for name in wanted:
            line = result["stores"][name]
            console.print(
                f"{name}: B1 {line['certflow_median_us']:.0f} µs ({line['ratio']:.2f}× of "
                f"{wanted[0]}, paired {line['paired_ratio']:.2f}×); raw "
                f"{line['raw_median_us']:.0f} µs ({line['raw_ratio']:.2f}×)"
            )
        return
    for name in wanted:
        result = measure(SIZES[name], reuse=reuse, runs=runs, lifecycles=lifecycles, log=log)
        result["when"] = datetime.now(UTC).isoformat(timespec="seconds")
        result["load"] = os.getloadavg()
        if kept.get(name, {}).get("built") and not result["built"]:
            result["built"] = kept[name]["built"]  # the build measured when it was made
        kept[name] = result
        results = sorted(kept.values(), key=lambda r: r["size"])
        target.parent.mkdir(parents=True, exist_ok=True)
        data.update({"machine": _machine(), "argv": sys.argv[1:], "results": results})
        target.write_text(json.dumps(data, indent=2) + "\n")
        _national_report(results, target, console, data.get("b1_paired"))


_TABLE = ("<!-- national-table -->", "<!-- /national-table -->")


def _national_report(
    results: list[dict[str, Any]],
    target: Path,
    console: Console,
    paired: dict[str, Any] | None = None,
) -> None:
    """The Markdown table (beside the JSON and in docs/performance.md) and the pictures."""
    from benchmarks.national_report import markdown, plots, summary

    results = sorted(results, key=lambda r: r["size"])
    table = markdown(results, paired)
    target.with_suffix(".md").write_text(table)
    docs = Path(__file__).parent.parent / "docs"
    page = docs / "performance.md"
    text = page.read_text()
    if all(mark in text for mark in _TABLE):
        head, rest = text.split(_TABLE[0], 1)
        page.write_text(f"{head}{_TABLE[0]}\n\n{table}\n{_TABLE[1]}{rest.split(_TABLE[1], 1)[1]}")
    plots(results, docs / "performance", paired)
    for line in summary(results, paired):
        Console().print(line)
    console.print(f"[dim]wrote {target}, its .md, docs/performance.md, docs/performance/*.png[/]")


if __name__ == "__main__":
    app()
