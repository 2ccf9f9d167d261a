"""The national-scale fast path (benchmarks/national_build.py) makes a real certflow store.

A store of template lifecycles plus re-encoded clones verifies, its read models hold what the
same certifications made by real commands hold (ids and the assessors aside: clones reuse the
template's assessors, a documented difference), every certificate number and holder is unique,
and the facade keeps working on it.
"""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import date
from typing import Any

import pytest
from benchmarks.national_build import TEMPLATE, build_certflow, drop, store_url
from benchmarks.workload import lifecycle_commands, reference

import certflow
from certflow import WIB, FixedClock
from certflow.application.chain import verify
from certflow.bootstrap import services_of

pytestmark = pytest.mark.postgres

TOTAL = TEMPLATE + 12


def _without_ids(lsp: certflow.CertificationBody) -> dict[str, Counter[tuple[Any, ...]]]:
    dump = lsp.read_models.dump()
    # case board: certification_id, listed, subject_id, session_id, ... dropped: ids and order
    return {
        "case_board": Counter((r[3], r[5], r[6], r[7], r[8], r[9]) for r in dump["case_board"]),
        "certificate_register": Counter(
            (r[0], r[3], r[4], r[5], r[6], r[7], r[8]) for r in dump["certificate_register"]
        ),
        "deadline_board": Counter(r[1:] for r in dump["deadline_board"]),
        "assessor_workload": Counter((r[2], r[3], r[4]) for r in dump["assessor_workload"]),
    }


@pytest.fixture
def fast(pg_database: str) -> Any:
    schema = f"t_nat_{uuid.uuid4().hex[:12]}"
    build_certflow(schema, TOTAL, lambda _: None, dbname=pg_database)
    yield store_url(schema, pg_database)
    drop(schema, pg_database)


def test_a_fast_path_store_verifies_and_matches_real_commands(fast: str, pg_url: str) -> None:
    lsp = certflow.open(fast)
    try:
        report = verify(services_of(lsp).store.recorder)
        assert report.intact, report.findings[:3]
        assert lsp.read_models.rebuild() == TOTAL * 15
        made = _without_ids(lsp)
        register = lsp.read_models.certificate_register(today=date(2025, 1, 1))
        assert len({r.certificate_number for r in register}) == TOTAL
        assert len({r.subject_id for r in register}) == TOTAL
        assert len({r.certification_id for r in register}) == TOTAL
        clone = register[-1]  # a clone loads through the facade, with its own holder
        record = lsp.get(clone.certification_id)
        assert record.subject_id == clone.subject_id
        assert record.certificate_number == clone.certificate_number
    finally:
        lsp.close()
    real = certflow.open(pg_url, clock=FixedClock(date(2024, 10, 14), tz=WIB))
    try:
        ref = reference(real, TOTAL, tag="NAT")
        for n in range(TOTAL):
            for command in lifecycle_commands(real, ref, n):
                command()
        assert _without_ids(real) == made
    finally:
        real.close()


def test_commands_work_on_a_fast_path_store(fast: str) -> None:
    lsp = certflow.open(fast, clock=FixedClock(date(2024, 10, 14), tz=WIB))
    try:
        ref = reference(lsp, 1, tag="MORE")
        for command in lifecycle_commands(lsp, ref, 0):
            command()
        assert verify(services_of(lsp).store.recorder).intact
        register = lsp.read_models.certificate_register(today=date(2025, 1, 1))
        assert len({r.certificate_number for r in register}) == TOTAL + 1
        page = lsp.read_models.certification_page(stage=certflow.Stage.DISTRIBUTED, limit=7)
        seen = list(page.items)
        while page.after is not None:
            page = lsp.read_models.certification_page(
                stage=certflow.Stage.DISTRIBUTED, after=page.after, limit=7
            )
            seen.extend(page.items)
        assert [s.id for s in seen] == [
            s.id for s in lsp.read_models.certifications(stage=certflow.Stage.DISTRIBUTED)
        ]
        holder = register[3].subject_id
        assert [
            r.subject_id
            for r in lsp.read_models.certificate_register(today=date(2025, 1, 1), holder=holder)
        ] == [holder]
    finally:
        lsp.close()
