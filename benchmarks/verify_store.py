"""Verify throughput and peak memory on a large SQLite store.

Run: ``python -m benchmarks.verify_store [EVENTS]`` (default 100,000). It writes a store of about
that many events with the real domain (twelve-step certifications, saved in batches), then times
``verify`` over it and reports events/s and the peak resident memory of the verification.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import certflow
from certflow.bootstrap import services_of
from certflow.domain import (
    WIB,
    AssessmentMethod,
    Certification,
    ConflictDeclaration,
    Role,
    SelfAssessment,
    Verdict,
)
from certflow.engine import Actor, FixedClock, WorkflowAggregate
from certflow.testing.actors import ADMIN, COMMITTEE, MANAGER, appoint_standard_staff
from certflow.testing.reference import ReferenceData


def _fill(lsp: certflow.CertificationBody, events: int) -> int:
    appoint_standard_staff(lsp)  # the register and the staff the commands below act as
    units = [{"code": f"U.{i}", "title": f"Unit {i}"} for i in range(1, 4)]
    scheme_id = lsp.add_scheme(code="SKM/BENCH", title="Bench", units=units, actor=ADMIN)
    ReferenceData(lsp).verify_tuk(  # R16: the venue is a verified TUK sewaktu
        "TUK", [scheme_id], session_code="EUK-BENCH"
    )
    session_id = lsp.plan_session(
        code="EUK-BENCH",
        title="Bench",
        venue="TUK",
        starts_on=date(2024, 11, 6),
        ends_on=date(2024, 11, 8),
        scheme_ids=[scheme_id],
        actor=ADMIN,
    )
    assessor_id = lsp.add_assessor(
        met_number="MET.000.999999 2020",
        name="Asesor Bench",
        scheme_codes=["SKM/BENCH"],
        licence_valid_until=date(2030, 1, 1),
        actor=ADMIN,
    )
    scheme = services_of(lsp).store.load(WorkflowAggregate, scheme_id)
    session = services_of(lsp).store.load(WorkflowAggregate, session_id)
    assessor = services_of(lsp).store.load(WorkflowAggregate, assessor_id)
    committee = COMMITTEE
    asesor = Actor(str(assessor.id), Role.ASSESSOR)
    units = scheme.unit_codes
    at = datetime(2024, 11, 6, 9, tzinfo=WIB)
    written, batch = 0, []
    n = 0
    while written < events:
        subject = lsp.add_candidate(name=f"Peserta {n}")
        n += 1
        cert = Certification.register(
            subject_id=subject,
            scheme=scheme,
            session=session,
            purpose=certflow.Purpose.CERTIFICATION,
            subject_on_file=True,
            actor=ADMIN,
            at=at - timedelta(days=10),
        )
        cert.admit(actor=ADMIN, at=at - timedelta(days=9))
        cert.submit_portfolio(
            [SelfAssessment(unit=u, evidence=("d",)) for u in units],
            actor=Actor(str(subject), Role.CANDIDATE),
            at=at - timedelta(days=8),
        )
        cert.assign_assessor(
            assessor,
            ConflictDeclaration(has_conflict=False),
            actor=MANAGER,
            at=at - timedelta(days=2),
        )
        cert.review_self_assessment(True, actor=asesor, at=at - timedelta(days=2))  # R7
        cert.record_assessment_mode(
            certflow.AssessmentMode.ON_SITE, actor=asesor, at=at - timedelta(days=2)
        )  # R23
        for party in (Actor(str(subject), Role.CANDIDATE), asesor):
            cert.sign_agreement(
                [AssessmentMethod.PORTFOLIO, AssessmentMethod.INTERVIEW],
                appeal_process_explained=True,
                actor=party,
                at=at,
            )
        from certflow.domain import EvidenceCheck

        cert.verify_portfolio(
            [
                EvidenceCheck(
                    unit=u, evidence="d", valid=True, authentic=True, current=True, sufficient=True
                )
                for u in units
            ],
            actor=asesor,
            at=at,
        )
        cert.record_interview(actor=asesor, at=at)
        cert.recommend(
            dict.fromkeys(units, Verdict.COMPETENT), Verdict.COMPETENT, actor=asesor, at=at
        )
        cert.acknowledge_result(actor=Actor(str(subject), Role.CANDIDATE), at=at)  # R29
        cert.decide(Verdict.COMPETENT, actor=committee, at=at + timedelta(days=7))
        batch.append(cert)
        written += cert.version
        if len(batch) == 50:
            services_of(lsp).store.save(*batch)
            batch = []
    if batch:
        services_of(lsp).store.save(*batch)
    return written


def main(events: int = 100_000) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'big.db'}"
        lsp = certflow.open(url, clock=FixedClock(date(2024, 10, 14), tz=WIB))
        started = time.perf_counter()
        written = _fill(lsp, events)
        filled = time.perf_counter() - started
        lsp.close()
        # Verify in a fresh process, so its peak memory is the verification's own.
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "certflow", "verify", "--store", url, "--json", "--quiet"],
            capture_output=True,
            text=True,
            check=True,
        )
        seconds = time.perf_counter() - started
        peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        report = json.loads(done.stdout)
    assert report["intact"], report["findings"][:5]
    result = {
        "events": report["records"],
        "written": written,
        "fill_seconds": round(filled, 1),
        "verify_seconds_including_process_start": round(seconds, 2),
        "verify_events_per_second": round(report["records"] / seconds),
        "verify_peak_rss_mib": round(peak_kib / 1024, 1),
    }
    print(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
