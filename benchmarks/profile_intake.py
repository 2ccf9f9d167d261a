"""Where bulk intake's time goes: ``python -m benchmarks.profile_intake [ROWS]``.

Imports B5's CSV (``ROWS`` generated candidates on one scheme, 10,000 by default) into a fresh
SQLite store in this process under cProfile, timed in CPU time (so other work on the machine
counts less), and prints the own time grouped by what the code does, then the functions with
the most own time.
"""

from __future__ import annotations

import cProfile
import csv
import pstats
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

import certflow
from benchmarks.workload import reference
from certflow import WIB, FixedClock
from certflow.testing.actors import ADMIN

GROUPS = (
    ("the hash chain (hashing, chain rows)", ("/chain.py", "hashlib", "sha256")),
    ("sqlite3 (execute, commit)", ("sqlite3", "sqlite.py")),
    ("reading the CSV", ("spreadsheet", "/csv", "_csv")),
    ("validating rows (pydantic, text checks)", ("pydantic", "/rows.py", "documents.py")),
    ("encoding events (mapper, JSON, bulk starts)", ("/json/", "persistence.py", "starts.py")),
    ("building events and records", ("eventsourcing/domain", "/domain/", "/engine/")),
    ("ids (uuid4, uuid5)", ("uuid.py",)),
    ("subject store", ("subjects.py",)),
)


def _group(filename: str, name: str) -> str:
    where = f"{filename}:{name}"
    for label, needles in GROUPS:
        if any(needle in where for needle in needles):
            return label
    return "other (intake passes, typing, threading, builtins)"


def main(rows: int = 10_000) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "candidates.csv"
        with path.open("w", newline="") as file:
            out = csv.writer(file)
            out.writerow(["name", "nik", "nrp", "scheme"])
            for n in range(rows):
                out.writerow([f"Peserta {n}", f"32{n:014d}", f"{80000000 + n}", "SKM/IN/1"])
        lsp = certflow.open(
            f"sqlite:///{folder}/intake.db", clock=FixedClock(date(2024, 10, 14), tz=WIB)
        )
        reference(lsp, 0, tag="IN")
        lsp.clock.set(lsp.clock.now().replace(day=21))
        profile = cProfile.Profile(time.process_time)
        profile.enable()
        report = lsp.import_candidates(path, session="EUK-IN", actor=ADMIN)
        profile.disable()
        lsp.close()
    if not report.imported or report.created != rows:
        raise RuntimeError(f"the import did not register every row: {report}")
    stats = pstats.Stats(profile)
    own: Counter[str] = Counter()
    total = 0.0
    for (filename, _, name), (_, _, tottime, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        own[_group(filename, name)] += tottime
        total += tottime
    print(f"{rows:,} rows: {total / rows * 1e6:.0f} µs CPU each (profiled)")
    for label, seconds in own.most_common():
        print(f"  {label:52s} {seconds / total:6.1%} {seconds / rows * 1e6:7.1f} µs/row")
    stats.sort_stats("tottime").print_stats(15)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
