"""The national-scale stores' fast path: many certifications with real events, chain and views.

Running every command of a million lifecycles through the facade would take days on this
machine, so :func:`build_certflow` does this instead:

1. **Template.** It runs :data:`TEMPLATE` real lifecycles through the facade (the fifteen
   commands of :func:`benchmarks.workload.lifecycle_commands`, every rule checked) on the
   PostgreSQL store, and reads back the events each lifecycle stored.
2. **Clones.** Every further certification is lifecycle ``k % TEMPLATE`` re-encoded for a new
   holder: certflow's own mapper decodes each stored event to its state, the holder's subject
   id, the certification id (:func:`~certflow.domain.certification.certification_id`), the
   candidacy id (:func:`~certflow.domain.candidacy.candidacy_id`), the certificate number (the
   scheme's own format with the next sequence of the series), the claim's id
   (:func:`~certflow.domain.numbering.number_id`) and the name binding
   (:func:`~certflow.application.certificates.bind_name`) are replaced, the recorded time is
   now, and the mapper's transcoder encodes it again. The series gets its real
   ``NumberAllocated`` event per number, the holder a real subject row (the subject store's
   ``put_many``).
3. **Chain.** Each event's chain row is computed with :mod:`certflow.application.chain`'s own
   ``record_hash`` / ``link`` / ``nid_bytes`` from the stored head on, the checkpoint moved,
   and events and chain rows written with COPY in one transaction per batch (the events table
   locked as eventsourcing's own insert locks it).
4. **Read models** are not written here: the measured rebuild (``read_models.rebuild()``)
   fills them from the events.
5. **Settle.** Both stores are vacuumed and analysed (:func:`settle`), as after any bulk load.

What it does not do: no rule runs for a clone (the template's lifecycles checked them, and
replay never re-evaluates rules); clones keep the template's business times, session, scheme
and assessors; and the assessors' day counters (``AssessorDay`` events) are not extended, so a
clone stores 18 events where its template stored 19 to 21.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID, uuid4

import certflow
from benchmarks.workload import PG, RawApp, RawRecord, _padding, raw_env, reference
from benchmarks.workload import lifecycle_commands as commands_of
from certflow import WIB, FixedClock
from certflow.application.certificates import bind_name
from certflow.application.chain import ZERO, link, nid_bytes, record_hash
from certflow.application.subjects import SubjectRecord
from certflow.bootstrap import services_of
from certflow.domain.candidacy import candidacy_id
from certflow.domain.certification import certification_id
from certflow.domain.numbering import number_id
from certflow.domain.scheme import format_number

TEMPLATE = 8
"""Real lifecycles per store (one assessor's day, :data:`benchmarks.workload.PER_ASSESSOR`)."""
BATCH = 2000
"""Certifications per COPY transaction."""
PREFIX = "certflow_nat_"
RAW_PREFIX = "raw_nat_"


def label(size: int) -> str:
    """1k, 10k, 100k, 1m."""
    return f"{size // 1_000_000}m" if size >= 1_000_000 else f"{size // 1000}k"


def schemas(size: int) -> tuple[str, str]:
    """The certflow and the raw store's schema for ``size`` certifications."""
    return PREFIX + label(size), RAW_PREFIX + label(size)


def _pg(dbname: str) -> dict[str, Any]:
    return {**PG, "dbname": dbname}


def store_url(schema: str, dbname: str = "postgres") -> str:
    """The certflow URL of ``schema`` in ``dbname``."""
    return f"postgresql://postgres@127.0.0.1:5432/{dbname}?schema={schema}"


def exists(schema: str) -> bool:
    import psycopg

    with psycopg.connect(**PG, autocommit=True) as connection:
        row = connection.execute("SELECT to_regnamespace(%s)", (schema,)).fetchone()
    return row is not None and row[0] is not None


def drop(schema: str, dbname: str = "postgres") -> None:
    """Drop one of this harness's own schemas (never another name)."""
    import psycopg

    assert schema.startswith((PREFIX, RAW_PREFIX, "t_nat_")), schema
    with psycopg.connect(**_pg(dbname), autocommit=True) as connection:
        connection.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


@dataclass
class _Event:
    kind: str
    """``cert``, ``candidacy``, ``allocated`` or ``claimed``."""
    topic: str
    version: int
    state: dict[str, Any]


@dataclass
class _Lifecycle:
    subject: UUID
    cert: UUID
    number: str
    events: list[_Event]


_KINDS = {
    "certflow/Certification.": "cert",
    "certflow/Candidacy.": "candidacy",
    "certflow/CertificateSeries.NumberAllocated": "allocated",
    "certflow/CertificateNumber.Claimed": "claimed",
}
_SKIPPED = ("certflow/AssessorDay.", "certflow/CertificateSeries.Opened")


def _template(lsp: certflow.CertificationBody, log: Callable[[str], None]) -> list[_Lifecycle]:
    """Run the template lifecycles for real; return what each stored, decoded."""
    ref = reference(lsp, TEMPLATE, tag="NAT")
    store = services_of(lsp).store
    lifecycles = []
    for n in range(TEMPLATE):
        before = store.recorder.max_notification_id() or 0
        for command in commands_of(lsp, ref, n):
            command()
        stored = store.recorder.select_notifications(start=before + 1, limit=1000)
        events, number = [], ""
        cert = None
        for note in stored:
            if note.topic.startswith(_SKIPPED):
                continue
            kind = next(k for prefix, k in _KINDS.items() if note.topic.startswith(prefix))
            state = store.mapper.transcoder.decode(note.state)
            if kind == "cert" and cert is None:
                cert = note.originator_id
            if kind == "claimed":
                number = state["number"]
            events.append(_Event(kind, note.topic, note.originator_version, state))
        assert cert is not None
        assert number
        lifecycles.append(_Lifecycle(ref.subjects[n], UUID(str(cert)), number, events))
    log(f"template: {TEMPLATE} lifecycles by the facade")
    return lifecycles


def _swap(value: Any, table: dict[Any, Any]) -> Any:
    if isinstance(value, (UUID, str)):
        return table.get(value, value)
    if isinstance(value, dict):
        return {k: _swap(v, table) for k, v in value.items()}
    if isinstance(value, list):
        return [_swap(v, table) for v in value]
    return value


class _Cloner:
    """Re-encodes template lifecycles for new holders, numbers and ids."""

    def __init__(self, lsp: certflow.CertificationBody, template: list[_Lifecycle]) -> None:
        s = services_of(lsp)
        self.template, self.mapper, self.subjects = template, s.store.mapper, s.subjects
        first = template[0]
        registered = first.events[0].state
        self.scheme_id, self.session_id = registered["scheme_id"], registered["session_id"]
        self.scheme_code = registered["scheme_code"]
        scheme = s.schemes.load(self.scheme_id)
        self.render = lambda seq: format_number(
            scheme.number_format,
            lsp=s.lsp_code,
            prefix=scheme.certificate_prefix,
            scheme=scheme.code,
            year=2024,
            seq=seq,
        )
        assert self.render(1) == first.number, (self.render(1), first.number)
        self.records = {t.subject: s.subjects.get(t.subject) for t in template}
        self.now = datetime.now(UTC)

    def clone(
        self, k: int, seq: int, series: UUID, series_version: int
    ) -> tuple[SubjectRecord, list[tuple[UUID, int, str, bytes]]]:
        """Certification number ``k`` (its holder, and its events as stored)."""
        t = self.template[k % len(self.template)]
        subject = uuid4()
        record = self.records[t.subject]
        assert record is not None
        name = f"Peserta N{k}"
        holder = SubjectRecord(
            subject_id=subject, kind=record.kind, data=record.data.model_copy(update={"name": name})
        )
        cert = certification_id(subject, self.scheme_id, self.session_id)
        number = self.render(seq)
        table: dict[Any, Any] = {
            t.subject: subject,
            t.cert: cert,
            candidacy_id(t.subject, self.scheme_code): candidacy_id(subject, self.scheme_code),
            t.number: number,
        }
        name_hash, salt = bind_name(name)
        rows = []
        for event in t.events:
            state = _swap(event.state, table)
            state["timestamp"] = self.now
            if "holder_name_hash" in state:
                state["holder_name_hash"], state["holder_name_salt"] = name_hash, salt
            version = event.version
            if event.kind == "allocated":
                oid, version, state["sequence"] = series, series_version, seq
            elif event.kind == "claimed":
                oid = number_id(number)
            elif event.kind == "candidacy":
                oid = candidacy_id(subject, self.scheme_code)
            else:
                oid = cert
            rows.append((oid, version, event.topic, self.mapper.transcoder.encode(state)))
        return holder, rows


def _tips(cursor: Any, schema: str, series: UUID) -> tuple[int, bytes, int, int, bytes]:
    """Last notification id, head, count; the series' last version and aggregate hash."""
    cursor.execute(f"SELECT last_notification_id, head, count FROM {schema}.certflow_checkpoint")
    last, head, count = cursor.fetchone()
    cursor.execute(
        f"SELECT originator_version, aggregate_hash FROM {schema}.certflow_chain "
        "WHERE originator_id = %s ORDER BY originator_version DESC LIMIT 1",
        (str(series),),
    )
    version, hashed = cursor.fetchone()
    return int(last), bytes(head), int(count), int(version), bytes(hashed)


def build_certflow(
    schema: str, total: int, log: Callable[[str], None], *, dbname: str = "postgres"
) -> dict[str, Any]:
    """A certflow store of ``total`` certifications in ``schema`` (made anew)."""
    import psycopg

    from certflow.domain.numbering import series_id

    drop(schema, dbname)
    started = time.perf_counter()
    url = store_url(schema, dbname)
    lsp = certflow.open(url, clock=FixedClock(date(2024, 10, 14), tz=WIB))
    try:
        template = _template(lsp, log)
        templated = time.perf_counter() - started
        cloner = _Cloner(lsp, template)
        scheme = services_of(lsp).schemes.load(cloner.scheme_id)
        series = series_id(scheme.certificate_prefix, 2024)
        with psycopg.connect(**_pg(dbname)) as connection:
            connection.execute("SET synchronous_commit = off")
            for start in range(TEMPLATE, total, BATCH):
                ks = range(start, min(start + BATCH, total))
                with connection.transaction(), connection.cursor() as cursor:
                    cursor.execute(f"LOCK TABLE {schema}.certflow_events IN EXCLUSIVE MODE")
                    nid, head, count, version, series_hash = _tips(cursor, schema, series)
                    holders, events, chain = [], [], []
                    aggregates: dict[str, bytes] = {str(series): series_hash}
                    for k in ks:
                        version += 1
                        holder, rows = cloner.clone(k, k + 1, series, version)
                        holders.append(holder)
                        for oid, ver, topic, state in rows:
                            nid += 1
                            key = str(oid)
                            record = record_hash(key, ver, topic, state)
                            aggregate = link(aggregates.get(key, ZERO), record)
                            aggregates[key] = aggregate
                            head = link(head, nid_bytes(nid), aggregate)
                            count += 1
                            events.append((oid, ver, topic, state, nid))
                            chain.append((nid, key, ver, aggregate, head))
                        for key in [k2 for k2 in aggregates if k2 != str(series)]:
                            del aggregates[key]
                    cloner.subjects.put_many(holders)  # the holders first, then their events
                    _copy(cursor, schema, events, chain, (nid, head, count))
                if (start // BATCH) % 25 == 0:
                    log(f"{schema}: {ks[-1] + 1:,} certifications")
        cloned = time.perf_counter() - started - templated
    finally:
        lsp.close()
    return {"template_seconds": templated, "clone_seconds": cloned, "certifications": total}


def _copy(
    cursor: Any,
    schema: str,
    events: list[tuple[Any, ...]],
    chain: list[tuple[Any, ...]],
    moved: tuple[int, bytes, int],
) -> None:
    with cursor.copy(
        f"COPY {schema}.certflow_events (originator_id, originator_version, topic, state, "
        "notification_id) FROM STDIN"
    ) as copy:
        for row in events:
            copy.write_row(row)
    with cursor.copy(
        f"COPY {schema}.certflow_chain (notification_id, originator_id, originator_version, "
        "aggregate_hash, chain_hash) FROM STDIN"
    ) as copy:
        for row in chain:
            copy.write_row(row)
    cursor.execute(
        f"UPDATE {schema}.certflow_checkpoint SET last_notification_id = %s, head = %s, "
        "count = %s WHERE id = 1",
        moved,
    )
    cursor.execute(
        f"SELECT setval('{schema}.certflow_events_notification_id_seq', %s)", (moved[0],)
    )


# -- raw eventsourcing -----------------------------------------------------------------------


def certification_shape(schema: str) -> tuple[int, ...]:
    """Encoded sizes of the last cloned certification's events, in log order."""
    import psycopg

    with psycopg.connect(**PG) as connection:
        cursor = connection.cursor()
        cursor.execute(f"SELECT MAX(notification_id) FROM {schema}.certflow_events")
        (last,) = cursor.fetchone()  # type: ignore[misc]
        cursor.execute(
            f"SELECT topic, length(state) FROM {schema}.certflow_events "
            "WHERE notification_id > %s - 40 ORDER BY notification_id",
            (last,),
        )
        rows = cursor.fetchall()
    first = max(i for i, r in enumerate(rows) if r[0] == "certflow/Certification.Registered")
    return tuple(int(r[1]) for r in rows[first:])


def _raw_states(app: RawApp, sizes: tuple[int, ...]) -> list[tuple[str, bytes]]:
    """One raw certification's events (topic, state): a record moved len(sizes) - 1 times."""
    record = RawRecord(_padding(app, sizes[0]))
    for size in sizes[1:]:
        record.move(_padding(app, size))
    return [
        (stored.topic, stored.state)
        for stored in (app.mapper.to_stored_event(e) for e in record.collect_events())
    ]


def build_raw(schema: str, total: int, sizes: tuple[int, ...]) -> dict[str, Any]:
    """The raw eventsourcing store: ``total`` aggregates of ``len(sizes)`` events each."""
    import psycopg

    drop(schema)
    with psycopg.connect(**PG, autocommit=True) as connection:
        connection.execute(f"CREATE SCHEMA {schema}")
    started = time.perf_counter()
    app = RawApp(raw_env("postgres", schema))
    try:
        states = _raw_states(app, sizes)
        table = f"{schema}.rawbench_events"
        with psycopg.connect(**PG) as connection:
            connection.execute("SET synchronous_commit = off")
            nid = 0
            for start in range(0, total, BATCH):
                with connection.transaction(), connection.cursor() as cursor:
                    with cursor.copy(
                        f"COPY {table} (originator_id, originator_version, topic, state, "
                        "notification_id) FROM STDIN"
                    ) as copy:
                        for _ in range(min(BATCH, total - start)):
                            oid = uuid4()
                            for version, (topic, state) in enumerate(states, 1):
                                nid += 1
                                copy.write_row((oid, version, topic, state, nid))
                    cursor.execute(f"SELECT setval('{table}_notification_id_seq', %s)", (nid,))
    finally:
        app.close()
    return {"seconds": time.perf_counter() - started, "events": total * len(states)}


def settle(schema: str) -> float:
    """``VACUUM ANALYZE`` every table of ``schema``; the seconds it took.

    What an operator runs after a bulk load (autovacuum does it eventually, where it is on; this
    machine's server runs with ``autovacuum = off``): COPY leaves the tables without planner
    statistics and their visibility map unset. Measured on the 100k store
    before and after (B1, quiet machine): certflow 1,693 -> 1,400 µs a command, raw
    eventsourcing's twin 2,663 -> 1,121 µs, against 1,391 and 1,079 µs on the 1k store.
    """
    import psycopg

    started = time.perf_counter()
    with psycopg.connect(**PG, autocommit=True) as connection:
        tables = connection.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = %s", (schema,)
        ).fetchall()
        for (table,) in tables:
            connection.execute(f'VACUUM ANALYZE {schema}."{table}"')
    return time.perf_counter() - started


def server_settings() -> dict[str, str]:
    """The PostgreSQL server's version and the settings that shape these measurements."""
    import psycopg

    names = (
        "server_version",
        "shared_buffers",
        "effective_cache_size",
        "work_mem",
        "maintenance_work_mem",
        "max_wal_size",
        "synchronous_commit",
        "autovacuum",
    )
    with psycopg.connect(**PG, autocommit=True) as connection:
        rows = connection.execute(
            "SELECT name, current_setting(name) FROM pg_settings WHERE name = ANY(%s)",
            (list(names),),
        ).fetchall()
    return {str(name): str(value) for name, value in rows}


def chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
