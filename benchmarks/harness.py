"""Repeat, time, compare: the rows of the benchmark table and its JSON."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any


def timed(work: Callable[[], object]) -> float:
    """Seconds ``work`` took (garbage collected first, so runs start alike)."""
    gc.collect()
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


@dataclass
class Row:
    """One line of the table: two measured sides, their ratio and the target it must meet.

    ``ratio`` is median(first) / median(second), or, for a ``paired`` row (the n-th figure of
    each side measured together, as B7 does), the median of the n ratios first[n] / second[n].
    ``at_most`` targets want it small (times), ``at_least`` targets want it large (rates,
    speed-ups).
    """

    bench: str
    case: str
    unit: str
    first_label: str
    first: list[float]
    second_label: str
    second: list[float]
    at_most: float | None = None
    at_least: float | None = None
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    paired: bool = False

    @property
    def ratio(self) -> float:
        if self.paired:
            return statistics.median(a / b for a, b in zip(self.first, self.second, strict=True))
        return statistics.median(self.first) / statistics.median(self.second)

    @property
    def target(self) -> str:
        if self.at_most is not None:
            return f"≤ {self.at_most:g}×"
        if self.at_least is not None:
            return f"≥ {self.at_least:g}×"
        return "—"

    @property
    def met(self) -> bool | None:
        if self.at_most is not None:
            return self.ratio <= self.at_most
        if self.at_least is not None:
            return self.ratio >= self.at_least
        return None

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data |= {
            "first_min": min(self.first),
            "first_median": statistics.median(self.first),
            "second_min": min(self.second),
            "second_median": statistics.median(self.second),
            "ratio": self.ratio,
            "target": self.target,
            "met": self.met,
        }
        return data


def fmt(value: float) -> str:
    if value >= 1000:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.3g}"


def table(rows: Sequence[Row]) -> Any:
    from rich.table import Table

    out = Table(title="certflow vs raw eventsourcing (min / median of runs)", show_lines=False)
    for column in ("bench", "case", "unit", "certflow (or A)", "raw (or B)", "ratio", "target", ""):
        out.add_column(column)
    for row in rows:
        verdict = {True: "[green]met[/]", False: "[red]missed[/]", None: ""}[row.met]
        out.add_row(
            row.bench,
            row.case,
            row.unit,
            f"{row.first_label}: {fmt(min(row.first))} / {fmt(statistics.median(row.first))}",
            f"{row.second_label}: {fmt(min(row.second))} / {fmt(statistics.median(row.second))}",
            f"{row.ratio:.2f}×",
            row.target,
            verdict,
        )
    return out


def markdown(rows: Sequence[Row]) -> str:
    """The table as Markdown, for docs/performance.md."""
    lines = [
        "| bench | case | unit | certflow (or A): min / median | raw (or B): min / median "
        "| ratio | target | |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        verdict = {True: "met", False: "**missed**", None: ""}[row.met]
        lines.append(
            f"| {row.bench} | {row.case} | {row.unit} "
            f"| {row.first_label}: {fmt(min(row.first))} / {fmt(statistics.median(row.first))} "
            f"| {row.second_label}: {fmt(min(row.second))} / {fmt(statistics.median(row.second))} "
            f"| {row.ratio:.2f}× | {row.target} | {verdict} |"
        )
    return "\n".join(lines) + "\n"
