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
from datetime import date, datetime
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event

import certflow
from certflow import Actor, FixedClock, Role
from certflow.bootstrap import services_of
from certflow.domain import WIB

UNITS = ("U.001", "U.002", "U.003")
ADMIN = Actor("admin-01", Role.LSP_ADMIN)
MANAGER = Actor("manager-01", Role.CERTIFICATION_MANAGER)
COMMITTEE = Actor("committee-01", Role.CERTIFICATION_COMMITTEE)
PER_ASSESSOR = 8
PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres", "dbname": "postgres"}


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=WIB)


# -- certflow ---------------------------------------------------------------------------------


@dataclass
class Reference:
    """The reference data every lifecycle uses (recorded before the clock starts)."""

    scheme: UUID
    session: UUID
    assessors: list[UUID]
    subjects: list[UUID] = field(default_factory=list)


def reference(lsp: certflow.CertificationBody, lifecycles: int, tag: str = "B") -> Reference:
    clock = lsp.clock
    assert isinstance(clock, FixedClock)
    clock.set(at(date(2024, 10, 14)))
    scheme = lsp.add_scheme(
        code=f"SKM/{tag}/1",
        title="Manajemen Isu",
        units=[{"code": u, "title": f"Unit {u}"} for u in UNITS],
        actor=ADMIN,
    )
    session = lsp.plan_session(
        code=f"EUK-{tag}",
        title="Benchmark session",
        venue="TUK Mabes Polri",
        starts_on=date(2024, 11, 6),
        ends_on=date(2024, 11, 8),
        scheme_ids=[scheme],
        actor=ADMIN,
    )
    assessors = [
        lsp.add_assessor(
            met_number=f"MET.{zlib.crc32(tag.encode()) % 1000:03d}.{n:06d} 2020",
            name=f"Asesor {n}",
            scheme_codes=[f"SKM/{tag}/1"],
            licence_valid_until=date(2030, 12, 31),
            actor=ADMIN,
        )
        for n in range(lifecycles // PER_ASSESSOR + 1)
    ]
    ref = Reference(scheme, session, assessors)
    ref.subjects = [lsp.add_candidate(name=f"Peserta {n}") for n in range(lifecycles)]
    return ref


def lifecycle_commands(
    lsp: certflow.CertificationBody, ref: Reference, n: int
) -> list[Callable[[], object]]:
    """The twelve commands of one certification from registration to distribution."""
    clock = lsp.clock
    assert isinstance(clock, FixedClock)
    subject = ref.subjects[n]
    assessor = ref.assessors[n // PER_ASSESSOR]
    candidate = Actor(str(subject), Role.CANDIDATE)
    asesor = Actor(str(assessor), Role.ASSESSOR)
    cert: list[UUID] = []

    def step(day: date, hour: int, command: Callable[[], object]) -> Callable[[], object]:
        def run() -> object:
            clock.set(at(day, hour))
            return command()

        return run

    def register() -> None:
        cert.append(
            lsp.register(
                subject_id=subject, scheme_id=ref.scheme, session_id=ref.session, actor=ADMIN
            )
        )

    checks = [
        {
            "unit": u,
            "evidence": f"doc-{u}",
            "valid": True,
            "authentic": True,
            "current": True,
            "sufficient": True,
        }
        for u in UNITS
    ]
    return [
        step(date(2024, 10, 21), 10, register),
        step(date(2024, 10, 22), 10, lambda: lsp.admit(cert[0], actor=ADMIN)),
        step(
            date(2024, 10, 28),
            10,
            lambda: lsp.submit_portfolio(
                cert[0],
                entries=[{"unit": u, "evidence": [f"doc-{u}"]} for u in UNITS],
                actor=candidate,
            ),
        ),
        step(
            date(2024, 11, 4),
            10,
            lambda: lsp.assign_assessor(
                cert[0], assessor_id=assessor, declaration={"has_conflict": False}, actor=MANAGER
            ),
        ),
        step(
            date(2024, 11, 7),
            8,
            lambda: lsp.sign_agreement(
                cert[0],
                methods=["portfolio", "interview"],
                appeal_process_explained=True,
                actor=candidate,
            ),
        ),
        step(
            date(2024, 11, 7),
            8,
            lambda: lsp.sign_agreement(
                cert[0],
                methods=["portfolio", "interview"],
                appeal_process_explained=True,
                actor=asesor,
            ),
        ),
        step(
            date(2024, 11, 7), 9, lambda: lsp.verify_portfolio(cert[0], checks=checks, actor=asesor)
        ),
        step(date(2024, 11, 7), 10, lambda: lsp.record_interview(cert[0], actor=asesor)),
        step(
            date(2024, 11, 7),
            11,
            lambda: lsp.recommend(
                cert[0], results=dict.fromkeys(UNITS, "K"), recommendation="K", actor=asesor
            ),
        ),
        step(date(2024, 11, 14), 10, lambda: lsp.decide(cert[0], outcome="K", actor=COMMITTEE)),
        step(date(2024, 11, 25), 10, lambda: lsp.print_certificate(cert[0], actor=MANAGER)),
        step(
            date(2024, 12, 2),
            10,
            lambda: lsp.distribute_certificate(cert[0], channel="in_person", actor=ADMIN),
        ),
    ]


COMMANDS = 12


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
