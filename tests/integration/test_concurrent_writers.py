"""Four OS processes hammer overlapping certifications: nothing lost, nothing duplicated.

Each worker runs a fixed list of commands in its own order against the same store: it tries to
print the certificate of every competent certification (only one printer may win each, and every
number must be unique) and asks for documents on shared registered certifications many times (each
request is a separate move, so every acknowledged one must be stored exactly once). A refused or
conflicting command must leave nothing behind. Workers retry a conflicting command up to five
times, each time re-deciding against the fresh state (the facade never re-appends blindly).

Every worker also catches the read models up now and then, so four projection runners race on the
same views; afterwards the views must equal a fresh rebuild (each event applied exactly once).
"""

from __future__ import annotations

import json
import multiprocessing
import random
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest

import certflow
from certflow import (
    WIB,
    ConcurrencyConflictError,
    FixedClock,
    RejectedError,
    Stage,
)
from certflow.application.chain import verify
from certflow.bootstrap import services_of
from certflow.testing import actors
from tests.support import build_world

WORKERS = 4
PRINTABLE = 8
SHARED = 4
ROUNDS = 15
RETRIES = 5


def _worker(url: str, worker: int, printable: list[str], shared: list[str], out: str) -> None:
    lsp = certflow.open(url, clock=FixedClock(date(2024, 11, 25), tz=WIB))
    manager, admin = actors.MANAGER, actors.ADMIN
    plan = [("print", cert, "") for cert in printable]
    plan += [("docs", cert, f"w{worker}-r{r}") for r in range(ROUNDS) for cert in shared]
    random.Random(worker).shuffle(plan)
    acks: list[dict[str, Any]] = []
    tally = Counter[str]()
    try:
        for kind, cert, ref in plan:
            for attempt in range(RETRIES + 1):
                try:
                    if kind == "print":
                        number = lsp.print_certificate(UUID(cert), actor=manager)
                        acks.append({"kind": kind, "cert": cert, "number": number})
                    else:
                        lsp.request_documents(UUID(cert), documents=[ref], actor=admin)
                        acks.append({"kind": kind, "cert": cert, "ref": ref})
                    tally["acknowledged"] += 1
                    if tally["acknowledged"] % 7 == 0:
                        lsp.read_models.catch_up()  # runners racing on the same views
                    break
                except ConcurrencyConflictError:
                    tally["conflicts"] += 1
                    if attempt == RETRIES:
                        tally[f"gave_up_{kind}"] += 1
                    else:
                        tally["retries"] += 1
                except RejectedError:
                    tally["refused"] += 1  # e.g. another printer won: no longer competent
                    break
    finally:
        tally["view_races"] = lsp.read_models.races
        lsp.close()
    Path(out).write_text(json.dumps({"acks": acks, "tally": tally}))


def _hammer(url: str, tmp_path: Path) -> dict[str, Any]:
    lsp = certflow.open(url, clock=FixedClock(date(2024, 10, 14), tz=WIB))
    try:
        world = build_world(lsp, candidates=PRINTABLE + SHARED)
        printable = [str(world.through("competent", n)) for n in range(PRINTABLE)]
        shared = [str(world.register(PRINTABLE + n)) for n in range(SHARED)]
    finally:
        lsp.close()

    context = multiprocessing.get_context("spawn")
    outs = [tmp_path / f"worker-{w}.json" for w in range(WORKERS)]
    processes = [
        context.Process(target=_worker, args=(url, w, printable, shared, str(outs[w])))
        for w in range(WORKERS)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=240)
        assert process.exitcode == 0
    results = [json.loads(out.read_text()) for out in outs]
    acks = [ack for result in results for ack in result["acks"]]
    tally = sum((Counter(result["tally"]) for result in results), Counter[str]())

    lsp = certflow.open(url)
    try:
        # Every certificate printed exactly once, by the one acknowledged printer, numbers unique.
        printed = {ack["cert"]: ack["number"] for ack in acks if ack["kind"] == "print"}
        assert len([a for a in acks if a["kind"] == "print"]) == PRINTABLE
        assert sorted(printed) == sorted(printable)
        for cert, number in printed.items():
            view = lsp.get(UUID(cert))
            assert view.stage is Stage.CERTIFICATE_PRINTED
            assert view.certificate_number == number
            assert lsp.get_by_number(number).id == UUID(cert)
            assert [e.event for e in lsp.history(view.id)].count("CertificatePrinted") == 1
        assert len(set(printed.values())) == PRINTABLE
        numbers = [lsp.get(UUID(cert)).certificate_number for cert in printable]
        duplicates = len(numbers) - len(set(numbers))

        # Every acknowledged document request stored once; none that was not acknowledged.
        wanted = Counter((ack["cert"], ack["ref"]) for ack in acks if ack["kind"] == "docs")
        stored = Counter(
            (cert, ref)
            for cert in shared
            for entry in lsp.history(UUID(cert))
            if entry.event == "DocumentsRequested"
            for ref in entry.data["documents"]
        )
        assert stored == wanted
        assert sum(wanted.values()) == WORKERS * ROUNDS * SHARED - tally["gave_up_docs"]
        lost = sum((wanted - stored).values())
        unacknowledged = sum((stored - wanted).values())

        # Every history replays and the hash chain is whole.
        replay = lsp.audit_replay()
        assert replay.clean
        assert replay.histories == PRINTABLE + SHARED
        assert verify(services_of(lsp).store.recorder).intact

        # The views, caught up by racing runners, equal a fresh rebuild and agree with records.
        views = lsp.read_models.dump()
        board = {s.id: (s.stage, s.version) for s in lsp.list_certifications()}
        assert board == {
            UUID(c): (lsp.get(UUID(c)).stage, lsp.get(UUID(c)).version) for c in printable + shared
        }
        register = lsp.read_models.certificate_register(today=date(2024, 11, 25))
        assert sorted(e.certificate_number for e in register) == sorted(printed.values())
        lsp.read_models.rebuild()
        assert lsp.read_models.dump() == views
    finally:
        lsp.close()
    return {
        "processes": WORKERS,
        "commands": WORKERS * (PRINTABLE + ROUNDS * SHARED),
        **tally,
        "duplicates": duplicates,
        "lost": lost,
        "unacknowledged": unacknowledged,
    }


def test_concurrent_writers_on_a_sqlite_file(tmp_path: Path) -> None:
    figures = _hammer(f"sqlite:///{tmp_path / 'race.db'}", tmp_path)
    print("sqlite", figures)  # the figures for the record (pytest -s)


@pytest.mark.postgres
def test_concurrent_writers_on_postgres(pg_url: str, tmp_path: Path) -> None:
    figures = _hammer(pg_url, tmp_path)
    print("postgres", figures)
