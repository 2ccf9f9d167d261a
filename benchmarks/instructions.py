"""CPU work counted, not timed: ``python -m benchmarks.instructions [SIDES] [--runs N]``.

This machine's speed drifts by a third within minutes, so timed ratios near their line (B1, B5,
B9) fall on either side of it from run to run. Valgrind's callgrind counts the instructions a
process executes instead: the same program on the same inputs gives the same count whatever
else the machine is doing. Each side runs in a child process under callgrind on a fresh SQLite
file, twice, with a small and a larger amount of work; the difference divided by the extra
work is the instructions a command (or an intake row) costs, start-up, imports and reference
data cancelling out. Sides (comma-separated; all by default):

- ``certflow``: B1's main-path lifecycles through the facade (B1's and B9's certflow side);
- ``raw``: raw eventsourcing's twin of them (B1's raw side: the same events a command, of the
  same encoded size);
- ``crud``: B9's CRUD app (one row a certification updated in place, an audit row a command,
  the same checks, the same journal and sync settings as certflow's store);
- ``intake``: B5's CSV import of generated candidates;
- ``intake-raw``: B5's raw side (one event a row, saved in batches of 500).

What is counted is user-space work: the kernel's (a commit's write and sync, which every side
pays alike) is not, so the ratios are those of CPU, not of wall time. Hash randomisation is
fixed (``PYTHONHASHSEED=0``); random ids still vary a little, so runs agree to within about 1 %
(``--runs`` repeats each count and reports the spread). Valgrind runs a program about fifty
times slower: a count takes about a minute, children run as many at a time as there are cores.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from statistics import median

from benchmarks.workload import (
    RawApp,
    _padding,
    calibrate,
    intake,
    intake_store,
    lifecycle_commands,
    raw_env,
    raw_intake,
    raw_lifecycle,
    reference,
    write_candidates,
)

COMMANDS = 15
"""Commands in one main-path lifecycle."""


@dataclass(frozen=True)
class Work:
    """What a side's child does: ``few`` then ``many`` units of work, ``each`` counted items."""

    unit: str
    few: int
    many: int
    each: int

    def per_item(self, few: int, many: int) -> float:
        """Instructions an item from the counts of the two runs."""
        extra = (self.many - self.few) * self.each
        if extra <= 0:
            raise ValueError(f"the second run needs more work than the first: {self}")
        return (many - few) / extra


_LIFECYCLES = Work("command", 2, 12, COMMANDS)
_ROWS = Work("row", 500, 2_500, 1)
SIDES: dict[str, Work] = {
    "certflow": _LIFECYCLES,
    "raw": _LIFECYCLES,
    "crud": _LIFECYCLES,
    "intake": _ROWS,
    "intake-raw": _ROWS,
}
PAIRS = (("certflow", "raw"), ("certflow", "crud"), ("intake", "intake-raw"))
"""The ratios reported, where both sides were counted."""

_COLLECTED = re.compile(r"Collected\s*:\s*(\d+)")


def collected(stderr: str) -> int:
    """The instructions callgrind reports having counted (its ``Collected :`` line)."""
    found = _COLLECTED.findall(stderr)
    if not found:
        raise RuntimeError(f"callgrind reported no count:\n{stderr[-1500:]}")
    return int(found[-1])


@dataclass(frozen=True)
class Count:
    """Instructions an item (command or row) of one side, from each repetition's two runs."""

    side: str
    unit: str
    per_item: tuple[float, ...]

    @property
    def median(self) -> float:
        return median(self.per_item)

    @property
    def spread(self) -> float:
        """(largest - smallest) / median of the repetitions."""
        return (max(self.per_item) - min(self.per_item)) / self.median


def problem() -> str | None:
    """Why instructions cannot be counted here, or ``None``."""
    if shutil.which("valgrind") is None:
        return "valgrind is not installed (Debian: apt-get install valgrind)"
    return None


def child(side: str, amount: int, folder: str) -> None:
    """Do ``amount`` units of ``side``'s work on a fresh SQLite file in ``folder``."""
    import certflow
    from certflow import WIB, FixedClock

    def opened(name: str) -> certflow.CertificationBody:
        return certflow.open(
            f"sqlite:///{folder}/{name}", clock=FixedClock(date(2024, 10, 14), tz=WIB)
        )

    if side == "certflow":
        lsp = opened("c.db")
        ref = reference(lsp, amount)
        for n in range(amount):
            for command in lifecycle_commands(lsp, ref, n):
                command()
        lsp.close()
    elif side == "raw":
        shape = calibrate()
        raw = RawApp(raw_env("sqlite", f"{folder}/r.db"))
        for _ in range(amount):
            for command in raw_lifecycle(raw, shape):
                command()
        raw.close()
    elif side == "crud":
        from benchmarks.peer_apps import CrudApp, lifecycle
        from benchmarks.peers import durability

        probe = opened("probe.db")
        settings = durability(probe)
        probe.close()
        app = CrudApp(f"{folder}/crud.db", settings, amount)
        for command in app.commands([c for n in range(amount) for c in lifecycle(n)]):
            command()
        app.close()
    elif side == "intake":
        lsp = intake_store(f"sqlite:///{folder}/in.db")
        write_candidates(Path(folder) / "in.csv", amount)
        intake(lsp, Path(folder) / "in.csv", amount)
        lsp.close()
    elif side == "intake-raw":
        write_candidates(Path(folder) / "in.csv", amount)
        raw = RawApp(raw_env("sqlite", f"{folder}/r.db"))
        raw_intake(raw, Path(folder) / "in.csv", _padding(raw, calibrate().sizes[0]))
        raw.close()
    else:
        raise ValueError(f"no side {side!r}: use one of {', '.join(SIDES)}")


def count(side: str, amount: int) -> int:
    """Instructions of one child process doing ``amount`` of ``side``'s work under callgrind."""
    with tempfile.TemporaryDirectory() as folder:
        done = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                "--callgrind-out-file=/dev/null",
                sys.executable,
                "-m",
                "benchmarks.instructions",
                "--child",
                side,
                str(amount),
                folder,
            ],
            capture_output=True,
            text=True,
            check=False,
            env=os.environ | {"PYTHONHASHSEED": "0"},
        )
    if done.returncode != 0:
        raise RuntimeError(f"{side} with {amount} failed:\n{done.stderr[-1500:]}")
    return collected(done.stderr)


def measure(sides: Sequence[str] = tuple(SIDES), runs: int = 1) -> dict[str, Count]:
    """Instructions an item of each side, ``runs`` pairs of counts each."""
    for side in sides:
        if side not in SIDES:
            raise ValueError(f"no side {side!r}: use one of {', '.join(SIDES)}")
    jobs = [
        (side, amount, run)
        for run in range(runs)
        for side in sides
        for amount in (SIDES[side].few, SIDES[side].many)
    ]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        counts = dict(zip(jobs, pool.map(lambda job: count(job[0], job[1]), jobs), strict=True))
    found = {}
    for side in sides:
        work = SIDES[side]
        each = tuple(
            work.per_item(counts[side, work.few, r], counts[side, work.many, r])
            for r in range(runs)
        )
        found[side] = Count(side, work.unit, each)
    return found


def report(found: dict[str, Count]) -> list[str]:
    """The lines printed: each side's instructions an item, then the ratios of the pairs."""
    lines = [
        f"{side:10s} {each.median / 1e3:9.1f} thousand instructions a {each.unit}"
        f" (spread {each.spread:.1%} over {len(each.per_item)})"
        for side, each in found.items()
    ]
    for first, second in PAIRS:
        if first in found and second in found:
            ratio = found[first].median / found[second].median
            lines.append(f"{first} / {second}: {ratio:.2f}×")
    return lines


def main(argv: list[str]) -> None:
    if argv[:1] == ["--child"]:
        child(argv[1], int(argv[2]), argv[3])
        return
    runs = 1
    if "--runs" in argv:
        at = argv.index("--runs")
        given = argv[at + 1 : at + 2]
        if not given or not given[0].isdigit() or int(given[0]) < 1:
            sys.exit("instructions: --runs takes a whole number of at least 1")
        runs = int(given[0])
        argv = argv[:at] + argv[at + 2 :]
    sides = [s for arg in argv for s in arg.split(",") if s] or list(SIDES)
    if unknown := [s for s in sides if s not in SIDES]:
        sys.exit(f"instructions: no side {unknown[0]!r}: use one of {', '.join(SIDES)}")
    if (why := problem()) is not None:
        sys.exit(f"instructions: {why}")
    try:
        found = measure(sides, runs)
    except RuntimeError as error:
        sys.exit(f"instructions: {error}")
    print("\n".join(report(found)))


if __name__ == "__main__":
    main(sys.argv[1:])
