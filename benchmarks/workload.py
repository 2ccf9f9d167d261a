"""The work both sides of a benchmark do: certflow's commands, and raw eventsourcing's twin.

The raw twin is a plain ``eventsourcing`` aggregate. For each certflow command it does what
eventsourcing itself needs for the same outcome in the store: load the aggregate (except for the
first command), record as many events as certflow stored for that command, of the same encoded
size, and save them in one transaction. What certflow does on top (the workflow and its rules,
pydantic validation, actors, extra reads of reference records, the hash chain) is its overhead.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event

import certflow
from certflow import WIB, Channel, FixedClock
from certflow.bootstrap import services_of
from certflow.testing import MainPath, Route
from certflow.testing.route import wib as at

PER_ASSESSOR = 8
PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres", "dbname": "postgres"}


# -- certflow ---------------------------------------------------------------------------------


@dataclass
class Reference:
    """The reference data every lifecycle uses (recorded before the clock starts)."""

    path: MainPath
    scheme: UUID
    session: UUID
    assessors: list[UUID]
    subjects: list[UUID] = field(default_factory=list)


def reference(lsp: certflow.CertificationBody, lifecycles: int, tag: str = "B") -> Reference:
    """The standard scheme and session, one assessor per eight lifecycles, one subject each."""
    path = MainPath(lsp)
    path.clock.set(at(date(2024, 10, 14)))
    code = f"SKM/{tag}/1"
    scheme = path.add_scheme(code, title="Manajemen Isu")
    session = path.plan_session(
        f"EUK-{tag}", [scheme], title="Benchmark session", venue="TUK Mabes Polri"
    )
    assessors = [
        path.add_assessor(
            f"Asesor {n}",
            [code],
            met_number=f"MET.{zlib.crc32(tag.encode()) % 1000:03d}.{n:06d} 2020",
        )
        for n in range(lifecycles // PER_ASSESSOR + 1)
    ]
    ref = Reference(path, scheme, session, assessors)
    ref.subjects = [path.add_candidate(f"Peserta {n}") for n in range(lifecycles)]
    return ref


def lifecycle_commands(
    lsp: certflow.CertificationBody, ref: Reference, n: int
) -> list[Callable[[], object]]:
    """The fifteen commands of one certification from registration to distribution.

    The main-path driver's commands on the standard calendar: each sets the clock and runs one
    facade command, nothing else.
    """
    assert ref.path.lsp is lsp
    route = Route(
        ref.subjects[n],
        ref.scheme,
        ref.session,
        ref.assessors[n // PER_ASSESSOR],
        channel=Channel.IN_PERSON,
    )
    return ref.path.commands(route)


COMMANDS = 15
"""Facade commands of one lifecycle (the main path, :data:`certflow.testing.STEPS`)."""


# -- raw eventsourcing ------------------------------------------------------------------------


class RawRecord(Aggregate):
    """A plain eventsourcing aggregate: a payload per event, nothing else."""

    def __init__(self, payload: str) -> None:
        self.payload = payload
        self.moves = 0

    @event("Moved")
    def move(self, payload: str) -> None:
        self.payload = payload
        self.moves += 1


class RawApp(Application[UUID]):
    """The raw side's application (eventsourcing's defaults)."""

    name = "RawBench"


@dataclass(frozen=True)
class Shape:
    """What certflow stored for each command of a lifecycle: events and their encoded size."""

    events: tuple[int, ...]
    sizes: tuple[int, ...]
    """Mean encoded size (bytes) of the events each command stored."""

    @property
    def total_events(self) -> int:
        return sum(self.events)


def calibrate() -> Shape:
    """Run one lifecycle on a memory store and read what each command stored."""
    lsp = certflow.open("memory://", clock=FixedClock(date(2024, 10, 14), tz=WIB))
    try:
        ref = reference(lsp, 1)
        events, sizes = [], []
        for command in lifecycle_commands(lsp, ref, 0):
            before = services_of(lsp).store.recorder.max_notification_id() or 0
            command()
            new = services_of(lsp).store.recorder.select_notifications(start=before + 1, limit=100)
            events.append(len(new))
            sizes.append(sum(len(n.state) for n in new) // max(len(new), 1))
        return Shape(tuple(events), tuple(sizes))
    finally:
        lsp.close()


def _padding(app: RawApp, size: int) -> str:
    """A payload that makes a raw event about ``size`` bytes once encoded."""
    probe = RawRecord("")
    stored = app.mapper.to_stored_event(probe.collect_events()[0])
    return "x" * max(size - len(stored.state), 0)


def raw_lifecycle(app: RawApp, shape: Shape) -> list[Callable[[], object]]:
    """The raw twin of one lifecycle: same commands, events per command and event sizes."""
    pads = [_padding(app, size) for size in shape.sizes]
    record: list[UUID] = []

    def command(i: int) -> Callable[[], object]:
        def run() -> None:
            extra = [RawRecord(pads[i]) for _ in range(shape.events[i] - 1)]
            if i == 0:
                main = RawRecord(pads[i])
                record.append(main.id)
            else:
                main = app.repository.get(record[0])
                main.move(pads[i])
            app.save(main, *extra)

        return run

    return [command(i) for i in range(len(shape.events))]


# -- stores -----------------------------------------------------------------------------------


def postgres_problem() -> str | None:
    try:
        import psycopg
    except ImportError:
        return "psycopg is not installed (pip install -e '.[postgres]')"
    try:
        psycopg.connect(**PG, connect_timeout=3).close()
    except psycopg.Error as error:
        return f"no PostgreSQL at 127.0.0.1:5432 ({str(error).strip()[:80]})"
    return None


@contextmanager
def pg_schema() -> Iterator[str]:
    """A throwaway schema in the ``postgres`` database, dropped afterwards."""
    import psycopg

    name = f"bench_{uuid4().hex[:12]}"
    with psycopg.connect(**PG, autocommit=True) as connection:
        connection.execute(f"CREATE SCHEMA {name}")
    try:
        yield name
    finally:
        with psycopg.connect(**PG, autocommit=True) as connection:
            connection.execute(f"DROP SCHEMA {name} CASCADE")


def raw_env(kind: str, where: str) -> dict[str, str]:
    """eventsourcing's environment for the raw side on ``kind`` (``where``: file or schema)."""
    if kind == "memory":
        return {"PERSISTENCE_MODULE": "eventsourcing.popo"}
    if kind == "sqlite":
        return {"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": where}
    return {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "POSTGRES_DBNAME": "postgres",
        "POSTGRES_HOST": "127.0.0.1",
        "POSTGRES_PORT": "5432",
        "POSTGRES_USER": "postgres",
        "POSTGRES_PASSWORD": "",
        "POSTGRES_SCHEMA": where,
        "POSTGRES_ENABLE_DB_FUNCTIONS": "n",  # as certflow's settings
    }


def certflow_url(kind: str, where: str) -> str:
    if kind == "memory":
        return "memory://"
    if kind == "sqlite":
        return f"sqlite:///{where}"
    return f"postgresql://postgres@127.0.0.1:5432/postgres?schema={where}"


STORES = ("sqlite", "memory", "postgres")
"""The store kinds :func:`fresh_store` opens."""


@contextmanager
def fresh_store(kind: str) -> Iterator[certflow.CertificationBody]:
    """A fresh certflow store of ``kind``: ``memory``, ``sqlite`` or ``postgres``.

    Opened on 2024-10-14 (WIB); closed, and its file or schema removed, afterwards.
    """
    import tempfile

    if kind not in STORES:
        raise ValueError(f"no store kind {kind!r}: use one of {', '.join(STORES)}")
    with tempfile.TemporaryDirectory() as folder:
        context = pg_schema() if kind == "postgres" else None
        where = context.__enter__() if context else str(Path(folder) / "store.db")
        try:
            lsp = certflow.open(
                certflow_url(kind, where), clock=FixedClock(date(2024, 10, 14), tz=WIB)
            )
            try:
                yield lsp
            finally:
                lsp.close()
        finally:
            if context:
                context.__exit__(None, None, None)


# -- intake (B5) ------------------------------------------------------------------------------

INTAKE_SESSION = "EUK-IN"
"""The session B5's candidates register for (planned by :func:`intake_store`)."""


def write_candidates(path: Path, rows: int) -> None:
    """B5's CSV: ``rows`` generated candidates on the intake scheme."""
    import csv

    with path.open("w", newline="") as file:
        out = csv.writer(file)
        out.writerow(["name", "nik", "nrp", "scheme"])
        for n in range(rows):
            out.writerow([f"Peserta {n}", f"32{n:014d}", f"{80000000 + n}", "SKM/IN/1"])


def intake_store(url: str) -> certflow.CertificationBody:
    """A store at ``url`` with the intake's scheme, session and staff, a week before it."""
    lsp = certflow.open(url, clock=FixedClock(date(2024, 10, 14), tz=WIB))
    reference(lsp, 0, tag="IN")
    lsp.clock.set(lsp.clock.now().replace(day=21))  # type: ignore[attr-defined]
    return lsp


def intake(lsp: certflow.CertificationBody, path: Path, rows: int) -> None:
    """Import B5's CSV at ``path`` into a store from :func:`intake_store`; every row registered."""
    from certflow.testing.actors import ADMIN

    report = lsp.import_candidates(path, session=INTAKE_SESSION, actor=ADMIN)
    if not report.imported or report.created != rows:
        raise RuntimeError(f"the import did not register every row: {report}")


def raw_intake(app: RawApp, path: Path, pad: str) -> None:
    """B5's raw side: an event of ``pad`` a row of the CSV at ``path``, saved 500 at a time."""
    import csv

    batch = []
    with path.open(newline="") as file:
        for _ in csv.DictReader(file):
            batch.append(RawRecord(pad))
            if len(batch) == 500:
                app.save(*batch)
                batch = []
    if batch:
        app.save(*batch)


def rss_mib() -> float:
    """This process's peak resident memory so far, in MiB.

    Linux: ``VmHWM`` of /proc/self/status, the peak of this program's own memory. (``ru_maxrss``
    would also count the parent's pages that a forked child held before it started Python.)
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def quiet_env() -> dict[str, Any]:
    return {**os.environ, "CERTFLOW_LANG": "en"}


def stock_mapper() -> Any:
    """eventsourcing's own Mapper and JSONTranscoder, with certflow's transcodings registered.

    What a raw eventsourcing reader of certflow's log decodes with: the baseline of the
    rebuild (B4, the national run). certflow's store decodes with its own, faster decoder
    (``certflow.engine.transcoder``), which is part of what is measured, not of the baseline.
    """
    from eventsourcing.persistence import (
        DatetimeAsISO,
        DecimalAsStr,
        JSONTranscoder,
        Mapper,
        UUIDAsHex,
    )

    from certflow.application.transcodings import register_all

    transcoder = JSONTranscoder()
    for transcoding in (UUIDAsHex(), DecimalAsStr(), DatetimeAsISO()):  # eventsourcing's own
        transcoder.register(transcoding)
    register_all(transcoder)
    return Mapper(transcoder=transcoder)
