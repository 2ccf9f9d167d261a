"""One contract suite, run on memory, a SQLite file and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest

import certflow
from certflow import (
    WIB,
    ConcurrencyConflictError,
    FixedClock,
    NotFoundError,
    Stage,
    Verdict,
)
from certflow.bootstrap import services_of
from certflow.domain import CertificateNumber, series_id
from certflow.engine import WorkflowAggregate
from tests.support import ADMIN, MANAGER, UNITS, build_world


def test_the_main_path_survives_a_new_process(store_url: str) -> None:
    lsp = certflow.open(store_url, clock=FixedClock(date(2024, 10, 14), tz=WIB))
    world = build_world(lsp)
    done = world.through("distributed", 0)
    failed = world.failed(1)
    number = lsp.get(done).certificate_number
    if store_url == "memory://":
        reopened = lsp  # nothing outlives the process in memory
    else:
        lsp.close()
        reopened = certflow.open(store_url, clock=FixedClock(date(2025, 1, 6), tz=WIB))
    view = reopened.get(done)
    assert view.stage is Stage.DISTRIBUTED
    assert view.certificate_number == number
    assert [u.verdict for u in view.units] == [Verdict.COMPETENT] * len(UNITS)
    assert reopened.get_by_number(str(number)).id == done
    assert reopened.get(failed).stage is Stage.NOT_YET_COMPETENT
    history = reopened.history(done)
    assert [h.event for h in history] == [
        "Registered",
        "Admitted",
        "PortfolioSubmitted",
        "AssessorAssigned",
        "SelfAssessmentReviewed",
        "AssessmentModeRecorded",
        "AgreementSigned",
        "AgreementSigned",
        "PortfolioVerified",
        "InterviewRecorded",
        "RecommendationRecorded",
        "ResultAcknowledged",
        "Decided",
        "CertificatePrinted",
        "CertificateDistributed",
    ]
    assert [h.version for h in history] == list(range(1, 16))
    assert history[3].actor_role == "certification_manager"
    assert reopened.state_at(done, version=3).stage is Stage.PORTFOLIO_SUBMITTED
    assert reopened.state_at(done, version=3).certificate_number is None
    listed = {s.id: s.stage for s in reopened.list_certifications()}
    assert listed == {done: Stage.DISTRIBUTED, failed: Stage.NOT_YET_COMPETENT}
    assert [s.id for s in reopened.list_certifications(stage="not_yet_competent")] == [failed]
    assert reopened.get_candidate(view.subject_id).data.name == "Kandidat 0"
    assert {a.name for a in reopened.list_assessors()} >= {"Asesor Satu", "Asesor Dua"}
    assert [s.code for s in reopened.list_schemes()] == ["SKM/TEST/1", "SKM/TEST/2"]
    reopened.close()


def test_a_stale_writer_gets_a_typed_conflict_and_records_nothing(durable_store_url: str) -> None:
    first = certflow.open(durable_store_url, clock=FixedClock(date(2024, 10, 14), tz=WIB))
    world = build_world(first)
    cert = world.through("interviewed")
    second = certflow.open(durable_store_url, clock=FixedClock(date(2024, 11, 7), tz=WIB))
    # Both load the same version; the first records the recommendation, the second is stale.
    stale = services_of(second).store.load(WorkflowAggregate, cert)
    world.recommend(cert)
    stale.recommend(
        dict.fromkeys(UNITS, Verdict.COMPETENT),
        Verdict.COMPETENT,
        actor=world.assessor_actor(),
        at=second.clock.now(),
    )
    with pytest.raises(ConcurrencyConflictError, match="load it again"):
        services_of(second).store.save(stale)
    assert len(second.history(cert)) == 11  # the main path to the interview, then one
    assert second.get(cert).recommendation is Verdict.COMPETENT
    first.close()
    second.close()


def test_two_printers_never_share_a_certificate_number(durable_store_url: str) -> None:
    first = certflow.open(durable_store_url, clock=FixedClock(date(2024, 10, 14), tz=WIB))
    world = build_world(first)
    c0, a, b = (world.through("competent", n) for n in range(3))
    world.print(c0)
    second = certflow.open(durable_store_url, clock=FixedClock(date(2024, 11, 25), tz=WIB))
    now = second.clock.now()
    # The second printer reads the series, then the first printer takes the next number.
    stale_series = services_of(second).store.load(WorkflowAggregate, series_id("SKM/TEST/1", 2024))
    n1 = world.print(a)
    cert = services_of(second).store.load(WorkflowAggregate, b)
    number = stale_series.allocate(lambda seq: f"SKM/TEST/1/{seq:05d}/2024", actor=MANAGER, at=now)
    assert number == n1  # the stale series offers the same number again...
    signed = {"certification_manager": MANAGER.id, "head_of_lsp": "ketua-lsp-01"}
    cert.print_certificate(number, actor=MANAGER, at=now, signed_by=signed)
    claim = CertificateNumber.claim(number, b, actor=MANAGER, at=now)
    with pytest.raises(ConcurrencyConflictError):
        services_of(second).store.save(
            cert, stale_series, claim
        )  # ...and the store refuses all of it
    assert second.get(b).stage is Stage.COMPETENT
    n2 = second.print_certificate(b, actor=MANAGER)
    numbers = [first.get(c).certificate_number for c in (c0, a, b)]
    assert numbers == [f"SKM/TEST/1/{i:05d}/2024" for i in (1, 2, 3)]
    assert n2 == numbers[2]
    first.close()
    second.close()


def test_unknown_ids_are_not_found(store_url: str) -> None:
    lsp = certflow.open(store_url)
    from uuid import uuid4

    with pytest.raises(NotFoundError):
        lsp.get(uuid4())
    with pytest.raises(NotFoundError):
        lsp.history(uuid4())
    with pytest.raises(NotFoundError, match="certificate number"):
        lsp.get_by_number("NOPE/1")
    lsp.close()


def test_records_of_another_kind_are_not_certifications(store_url: str) -> None:
    lsp = certflow.open(store_url, clock=FixedClock(date(2024, 10, 14), tz=WIB))
    world = build_world(lsp)
    with pytest.raises(NotFoundError, match="Certification"):
        lsp.get(world.scheme)
    assert lsp.history(world.scheme)[0].event == "Added"
    assert lsp.history(world.scheme)[0].actor_id == ADMIN.id
    lsp.close()
