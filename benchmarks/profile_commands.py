"""Where a certflow command's time goes: ``python -m benchmarks.profile_commands [STORE]``.

Runs full lifecycles (twelve commands each) under cProfile on a fresh store (``sqlite``
default, ``memory`` or ``postgres``) and prints the own time grouped by where the code lives
(certflow, eventsourcing, the database driver, JSON, pydantic, hashing, the rest), then the
functions with the most own time.
"""

from __future__ import annotations

import cProfile
import pstats
import sys
from collections import Counter

from benchmarks.workload import fresh_store, lifecycle_commands, reference

GROUPS = (
    ("certflow", "/certflow/"),
    ("eventsourcing", "/eventsourcing/"),
    ("psycopg (driver, waiting on the server)", "psycopg"),
    ("sqlite3 (execute, commit)", "sqlite3"),
    ("json", "/json/"),
    ("pydantic", "pydantic"),
    ("hashlib", "hashlib"),
    ("uuid", "uuid.py"),
    ("typing (runtime protocol checks)", "typing.py"),
    ("threading, contextlib (pool, locks)", "threading"),
    ("threading, contextlib (pool, locks)", "contextlib"),
    ("threading, contextlib (pool, locks)", "lock"),
    ("enum, dataclasses, copy", "enum.py"),
    ("enum, dataclasses, copy", "dataclasses"),
    ("enum, dataclasses, copy", "copy.py"),
)


def _group(filename: str, name: str) -> str:
    where = f"{filename}:{name}"
    for label, needle in GROUPS:
        if needle in where:
            return label
    if "poll" in name or "select" in name:
        return "waiting on the server"
    return "other"


def main(kind: str = "sqlite", lifecycles: int = 60) -> None:
    with fresh_store(kind) as lsp:
        ref = reference(lsp, lifecycles)
        commands = [c for n in range(lifecycles) for c in lifecycle_commands(lsp, ref, n)]
        profile = cProfile.Profile()
        profile.enable()
        for command in commands:
            command()
        profile.disable()
    stats = pstats.Stats(profile)
    own: Counter[str] = Counter()
    total = 0.0
    for (filename, _, name), (_, _, tottime, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        own[_group(filename, name)] += tottime
        total += tottime
    print(
        f"{len(commands)} commands on {kind}: {total / len(commands) * 1e6:.0f} µs each (profiled)"
    )
    for label, seconds in own.most_common():
        print(
            f"  {label:36} {seconds / total:6.1%}  {seconds / len(commands) * 1e6:7.1f} µs/command"
        )
    print()
    stats.sort_stats("tottime").print_stats(15)


if __name__ == "__main__":
    try:
        main(*(sys.argv[1:2] or ["sqlite"]))
    except ValueError as error:  # an unknown store kind: say so, no traceback
        sys.exit(f"profile_commands: {error}")
