"""The national run's table, JSON and growth-curve pictures (docs/performance/)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

TARGETS = {
    "b1_growth": 1.1,
    "lookup_p99_ms": 5.0,
    "page_p99_ms": 20.0,
    "rate_vs_raw": 0.5,
}
LOOKUPS = ("register by number", "register by holder")
PAGES = ("case board page by stage", "case board page by session")


def derived(result: dict[str, Any]) -> dict[str, Any]:
    """Rates, ratios and bytes per certification from one size's measurements."""
    events = result["verify"]["records"]
    read = result["read"]
    rebuild, verify = result["rebuild"], result["verify"]
    n = result["size"]
    disk = result["disk"]["certflow"]
    from benchmarks.national import grouped

    per_cert = {g: v["total"] / n for g, v in grouped(disk).items()}
    raw_per_cert = sum(v["total"] for v in result["disk"]["raw"].values()) / n
    return {
        "events": events,
        "events_per_certification": events / n,
        "rebuild_applied_per_s": rebuild["applied"] / rebuild["seconds"],
        "rebuild_log_events_per_s": events / rebuild["seconds"],
        "verify_per_s": verify["records"] / verify["seconds"],
        "raw_read_decode_per_s": read["certflow_decode"]["events"]
        / read["certflow_decode"]["seconds"],
        "raw_read_per_s": read["certflow_select"]["events"] / read["certflow_select"]["seconds"],
        "raw_store_read_decode_per_s": read["raw_decode"]["events"] / read["raw_decode"]["seconds"],
        "rebuild_vs_raw": (rebuild["applied"] / rebuild["seconds"])
        / (read["certflow_decode"]["events"] / read["certflow_decode"]["seconds"]),
        "verify_vs_raw": (verify["records"] / verify["seconds"])
        / (read["certflow_select"]["events"] / read["certflow_select"]["seconds"]),
        "bytes_per_certification": per_cert,
        "bytes_per_certification_total": sum(per_cert.values()),
        "raw_bytes_per_certification": raw_per_cert,
        "b1_vs_raw": result["b1"]["certflow_median_us"] / result["b1"]["raw_median_us"],
    }


def markdown(results: list[dict[str, Any]], paired: dict[str, Any] | None = None) -> str:
    """The table for docs/performance.md (``paired``: the last ``--paired-b1`` run, if any)."""
    base = results[0]["b1"]["certflow_median_us"]
    raw_base = results[0]["b1"]["raw_median_us"]
    cols = [r["label"] for r in results]
    lines = [
        "| measured | " + " | ".join(cols) + " | target |",
        "| --- | " + " | ".join("---" for _ in cols) + " | --- |",
    ]

    def row(name: str, values: list[str], target: str = "") -> None:
        lines.append(f"| {name} | " + " | ".join(values) + f" | {target} |")

    d = [derived(r) for r in results]
    row("events stored", [f"{x['events']:,}" for x in d])
    row(
        "B1 certflow µs/command (× at 1k), each size in its own turn",
        [
            f"{r['b1']['certflow_median_us']:.0f} ({r['b1']['certflow_median_us'] / base:.2f}×)"
            for r in results
        ],
    )
    row(
        "B1 raw µs/command (× at 1k), each size in its own turn",
        [
            f"{r['b1']['raw_median_us']:.0f} ({r['b1']['raw_median_us'] / raw_base:.2f}×)"
            for r in results
        ],
    )
    if paired:
        runs = f"{paired['runs']} runs × {paired['lifecycles']} lifecycles"
        for side, name in (("certflow", "certflow"), ("raw", "raw")):
            cells = []
            for r in results:
                got = paired["stores"].get(r["label"])
                if got is None:
                    cells.append("—")
                    continue
                ratio = got["ratio"] if side == "certflow" else got["raw_ratio"]
                cells.append(f"{got[f'{side}_median_us']:.0f} ({ratio:.2f}×)")
            row(
                f"B1 {name} µs/command (× at {paired['sizes'][0]}), sizes alternated ({runs})",
                cells,
                f"≤ {TARGETS['b1_growth']}× at 1m" if side == "certflow" else "",
            )
    for name in (*LOOKUPS, *PAGES):
        limit = TARGETS["lookup_p99_ms"] if name in LOOKUPS else TARGETS["page_p99_ms"]
        row(
            f"{name}: p50 / p99 ms",
            [
                f"{r['queries'][name]['p50_ms']:.2f} / {r['queries'][name]['p99_ms']:.2f}"
                for r in results
            ],
            f"p99 ≤ {limit:g} ms",
        )
    row(
        "whole list by stage (what a service page reads today), ms",
        [f"{r['queries']['whole list by stage']['median_ms']:.0f}" for r in results],
    )
    row(
        "rebuild: certification events/s (vs raw read+decode)",
        [f"{x['rebuild_applied_per_s']:,.0f} ({x['rebuild_vs_raw']:.2f}×)" for x in d],
        f"≥ {TARGETS['rate_vs_raw']}×",
    )
    row("rebuild wall time, s", [f"{r['rebuild']['seconds']:.1f}" for r in results])
    row("rebuild peak RSS, MiB", [f"{r['rebuild']['rss_mib']:.0f}" for r in results], "flat")
    row(
        "verify: events/s (vs raw read)",
        [f"{x['verify_per_s']:,.0f} ({x['verify_vs_raw']:.2f}×)" for x in d],
        f"≥ {TARGETS['rate_vs_raw']}×",
    )
    row("verify wall time, s", [f"{r['verify']['seconds']:.1f}" for r in results])
    row("verify peak RSS, MiB", [f"{r['verify']['rss_mib']:.0f}" for r in results], "flat")
    for group in ("events", "chain", "views", "subjects", "other"):
        row(
            f"disk per certification: {group}, bytes",
            [f"{x['bytes_per_certification'].get(group, 0):,.0f}" for x in d],
        )
    row(
        "disk per certification: all, bytes",
        [f"{x['bytes_per_certification_total']:,.0f}" for x in d],
    )
    row(
        "raw store per certification, bytes",
        [f"{x['raw_bytes_per_certification']:,.0f}" for x in d],
    )
    return "\n".join(lines) + "\n"


def _paired_series(
    results: list[dict[str, Any]], paired: dict[str, Any] | None
) -> list[tuple[str, list[float | None], str]]:
    """The last ``--paired-b1`` run's medians, at the sizes it measured."""
    if not paired:
        return []
    runs = f"sizes alternated, {paired['runs']} runs"
    stores = paired["stores"]

    def at(key: str) -> list[float | None]:
        return [stores[r["label"]][key] if r["label"] in stores else None for r in results]

    return [
        (f"certflow, {runs}", at("certflow_median_us"), "D-"),
        (f"raw eventsourcing, {runs}", at("raw_median_us"), "x:"),
    ]


def plots(
    results: list[dict[str, Any]], folder: Path, paired: dict[str, Any] | None = None
) -> list[Path]:
    """Command latency, query p99 and rebuild/verify rate against stored certifications."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    folder.mkdir(parents=True, exist_ok=True)
    xs = [r["size"] for r in results]
    d = [derived(r) for r in results]
    made = []

    def figure(
        name: str,
        title: str,
        ylabel: str,
        series: list[tuple[str, list[float | None], str]],
        lines: tuple[tuple[float, str], ...] = (),
    ) -> None:
        fig, ax = plt.subplots(figsize=(9.0, 4.4), dpi=110)
        for legend, ys, style in series:  # None: not measured at that size
            points = [(x, y) for x, y in zip(xs, ys, strict=True) if y is not None]
            ax.plot([x for x, _ in points], [y for _, y in points], style, label=legend)
        for value, text in lines:
            ax.axhline(value, color="grey", linestyle=":", linewidth=1)
            ax.annotate(
                text,
                (xs[0], value),
                textcoords="offset points",
                xytext=(2, 3),
                fontsize=7,
                color="grey",
            )
        ax.set_xscale("log")
        ax.set_xticks(xs, [r["label"] for r in results])
        ax.set_xlim(xs[0] / 1.6, xs[-1] * 1.6)
        ax.set_xlabel("stored certifications")
        ax.set_ylabel(ylabel)
        ax.set_title(title)
        ax.set_ylim(bottom=0)
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0))
        fig.tight_layout()
        path = folder / name
        fig.savefig(path)
        plt.close(fig)
        made.append(path)

    figure(
        "national-commands.png",
        "B1 command latency vs store size (PostgreSQL)",
        "µs per command (median)",
        [
            (
                "certflow, each size in its own turn",
                [r["b1"]["certflow_median_us"] for r in results],
                "o-",
            ),
            (
                "raw eventsourcing, each size in its own turn",
                [r["b1"]["raw_median_us"] for r in results],
                "s--",
            ),
            *_paired_series(results, paired),
        ],
    )
    figure(
        "national-queries.png",
        "Read-model query p99 vs store size (certflow)",
        "p99 latency, ms",
        [
            (name, [r["queries"][name]["p99_ms"] for r in results], style)
            for name, style in zip((*LOOKUPS, *PAGES), ("o-", "s-", "^-", "v-"), strict=True)
        ],
        lines=(
            (TARGETS["lookup_p99_ms"], "lookup target p99 ≤ 5 ms"),
            (TARGETS["page_p99_ms"], "page target p99 ≤ 20 ms"),
        ),
    )
    figure(
        "national-rates.png",
        "Rebuild and verify rate vs store size",
        "events per second",
        [
            (
                "certflow rebuild (certification events)",
                [x["rebuild_applied_per_s"] for x in d],
                "o-",
            ),
            ("certflow verify", [x["verify_per_s"] for x in d], "s-"),
            ("raw read + decode (same log)", [x["raw_read_decode_per_s"] for x in d], "o--"),
            ("raw read (same log)", [x["raw_read_per_s"] for x in d], "s--"),
            (
                "raw eventsourcing store read + decode",
                [x["raw_store_read_decode_per_s"] for x in d],
                "x:",
            ),
        ],
    )
    return made


def summary(results: list[dict[str, Any]], paired: dict[str, Any] | None = None) -> list[str]:
    """Targets met or missed, one line each."""
    lines = []
    if paired:
        for name, got in paired["stores"].items():
            ok = "met" if got["ratio"] <= TARGETS["b1_growth"] else "MISSED"
            lines.append(
                f"{name}: B1 paired {got['ratio']:.2f}× of {paired['sizes'][0]} ({ok}), "
                f"raw {got['raw_ratio']:.2f}×"
            )
    base = results[0]["b1"]["certflow_median_us"]
    for r in results:
        x = derived(r)
        growth = r["b1"]["certflow_median_us"] / base
        look = max(r["queries"][n]["p99_ms"] for n in LOOKUPS)
        page = max(r["queries"][n]["p99_ms"] for n in PAGES)
        verdict = lambda ok: "met" if ok else "MISSED"  # noqa: E731
        lines.append(
            f"{r['label']}: B1 in its own turn {growth:.2f}× of 1k; "
            f"lookup p99 {look:.2f} ms ({verdict(look <= TARGETS['lookup_p99_ms'])}); "
            f"page p99 {page:.2f} ms ({verdict(page <= TARGETS['page_p99_ms'])}); "
            f"rebuild {x['rebuild_vs_raw']:.2f}× raw "
            f"({verdict(x['rebuild_vs_raw'] >= TARGETS['rate_vs_raw'])}); "
            f"verify {x['verify_vs_raw']:.2f}× raw "
            f"({verdict(x['verify_vs_raw'] >= TARGETS['rate_vs_raw'])}); "
            f"RSS rebuild {r['rebuild']['rss_mib']:.0f} / verify {r['verify']['rss_mib']:.0f} MiB"
        )
    return lines
