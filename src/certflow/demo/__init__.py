"""The demo: the November 2024 Humas Polri certification, run through the public facade.

Every step goes through :class:`~certflow.application.CertificationBody` commands with the
clock set to the step's (planned, deterministic) time, so the store ends up with a realistic,
fully audited history. The run is resumable and idempotent: steps already recorded are skipped.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from uuid import UUID

from certflow.application import CertificationBody
from certflow.demo.seed import ASSESSORS, SCHEMES, SESSION, DemoCandidate, candidates
from certflow.domain import (
    WIB,
    Channel,
    Recipient,
    Role,
    Stage,
    Verdict,
    assessor_id,
    certification_id,
    scheme_id,
    session_id,
)
from certflow.engine import Actor, FixedClock, NotFoundError

__all__ = ["DemoReport", "run_demo"]

ADMIN = Actor("lsp-admin-01", Role.LSP_ADMIN)
MANAGER = Actor("manajer-sertifikasi-01", Role.CERTIFICATION_MANAGER)
COMMITTEE = tuple(Actor(f"komite-teknis-0{i}", Role.CERTIFICATION_COMMITTEE) for i in (1, 2, 3))

_BK_RATE = 0.025
"""Chance that one unit is judged BK: about one certification in nine ends not yet competent."""

_LATE = ("Polda Papua", SCHEMES[0].code)
"""The one certificate handed over after the 30-day deadline (by courier, to Papua)."""


@dataclass
class _Plan:
    candidate: DemoCandidate
    scheme_index: int
    subject_id: UUID
    cert_id: UUID
    assessor: UUID
    registered_at: datetime
    portfolio_at: datetime
    assigned_at: datetime
    interview_at: datetime
    results: dict[str, Verdict]
    decided_at: datetime
    committee: Actor
    printed_at: datetime
    distributed_at: datetime
    channel: Channel
    conflict: bool = False


@dataclass
class DemoReport:
    """What the demo did and what the store holds afterwards."""

    certifications: int = 0
    steps_recorded: int = 0
    steps_skipped: int = 0
    seconds: float = 0.0
    by_stage: dict[str, Counter[str]] = field(default_factory=dict)
    """Stage counts per scheme code."""
    breaches: list[tuple[UUID, str, str, date, date]] = field(default_factory=list)
    """Distribution deadline breaches: id, scheme, candidate unit, due, handed over."""

    @property
    def lifecycles_per_second(self) -> float:
        """Certifications taken through their path per second of this run."""
        return self.certifications / self.seconds if self.seconds else 0.0


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=WIB)


def _ensure_reference_data(lsp: CertificationBody, clock: FixedClock) -> list[UUID]:
    clock.set(_at(date(2024, 10, 14), 9))
    scheme_ids = []
    for scheme in SCHEMES:
        sid = scheme_id(scheme.code, 1)
        try:
            lsp.get_scheme(sid)
        except NotFoundError:
            lsp.add_scheme(
                code=scheme.code,
                title=scheme.title,
                units=[{"code": c, "title": t} for c, t in scheme.units],
                description=scheme.description,
                certificate_prefix=scheme.prefix,
                actor=ADMIN,
            )
        scheme_ids.append(sid)
    for met, name, valid_until in ASSESSORS:
        try:
            lsp.get_assessor(assessor_id(met))
        except NotFoundError:
            lsp.add_assessor(
                met_number=met,
                name=name,
                scheme_codes=[s.code for s in SCHEMES],
                licence_valid_until=valid_until,
                actor=ADMIN,
            )
    try:
        lsp.get_session(session_id(SESSION.code))
    except NotFoundError:
        lsp.plan_session(
            code=SESSION.code,
            title=SESSION.title,
            venue=SESSION.venue,
            starts_on=SESSION.starts_on,
            ends_on=SESSION.ends_on,
            scheme_ids=scheme_ids,
            actor=ADMIN,
        )
    return scheme_ids


def _subject(lsp: CertificationBody, person: DemoCandidate) -> UUID:
    found = lsp.find_candidate(nik=person.nik)
    if found is not None:
        return found
    return lsp.add_candidate(
        name=person.name,
        nik=person.nik,
        nrp=person.nrp,
        rank=person.rank,
        unit=person.unit,
        position=person.position,
    )


def _plans(lsp: CertificationBody, scheme_ids: list[UUID], seed: int) -> list[_Plan]:
    rng = random.Random(f"certflow-demo-{seed}")
    people = candidates(seed)
    assessors = [assessor_id(met) for met, _, _ in ASSESSORS]
    sid = session_id(SESSION.code)
    load: Counter[UUID] = Counter()
    plans: list[_Plan] = []
    days = [SESSION.starts_on + timedelta(days=d) for d in range(3)]
    for index, person in enumerate(people):
        subject = _subject(lsp, person)
        for s, scheme in enumerate(SCHEMES):
            assessor = assessors[(index + s * 5) % len(assessors)]
            slot = load[assessor]
            load[assessor] += 1
            day = days[slot % 3]
            interview_at = _at(day, 8, 30) + timedelta(minutes=50 * (slot // 3))
            results = {
                code: Verdict.NOT_YET_COMPETENT if rng.random() < _BK_RATE else Verdict.COMPETENT
                for code, _ in scheme.units
            }
            late = (person.unit, scheme.code) == _LATE
            hand_over = date(2024, 12, 16) if late else date(2024, 12, 2) + timedelta(index % 5)
            plans.append(
                _Plan(
                    candidate=person,
                    scheme_index=s,
                    subject_id=subject,
                    cert_id=certification_id(subject, scheme_ids[s], sid),
                    assessor=assessor,
                    registered_at=_at(date(2024, 10, 21) + timedelta(index % 5), 10),
                    portfolio_at=_at(date(2024, 10, 28) + timedelta(index % 5), 14),
                    assigned_at=_at(date(2024, 11, 4), 9) + timedelta(minutes=index),
                    interview_at=interview_at,
                    results=results,
                    decided_at=_at(date(2024, 11, 14), 9) + timedelta(minutes=2 * len(plans)),
                    committee=COMMITTEE[len(plans) % len(COMMITTEE)],
                    printed_at=_at(date(2024, 11, 25) + timedelta(index % 5), 10),
                    distributed_at=_at(hand_over, 10),
                    channel=Channel.COURIER
                    if late
                    else Channel.UNIT_LIAISON
                    if person.group == "kabidhumas"
                    else Channel.IN_PERSON,
                    conflict=index == 3 and s == 0,
                )
            )
    return plans


_STEPS = 12
"""register, admit, portfolio, assign, two signatures, verify, interview, recommend, decide,
print, hand over."""


def _done_steps(lsp: CertificationBody, plan: _Plan) -> int:
    """How many of the steps of ``plan`` are recorded already."""
    try:
        view = lsp.get(plan.cert_id)
    except NotFoundError:
        return 0
    stage = view.stage
    if stage is Stage.REGISTERED:
        return 2 if view.admitted else 1
    if stage is Stage.PORTFOLIO_SUBMITTED:
        if view.assessor_id is None:
            return 3
        return 4 + len(view.agreement_signed_by) + int(view.portfolio_verified)
    if stage is Stage.INTERVIEWED:
        return 8 if view.recommendation is None else 9
    order = {Stage.COMPETENT: 10, Stage.CERTIFICATE_PRINTED: 11}
    return order.get(stage, _STEPS)


def _step(lsp: CertificationBody, clock: FixedClock, plan: _Plan, step: int) -> None:
    session = session_id(SESSION.code)
    scheme = SCHEMES[plan.scheme_index]
    assessor = Actor(str(plan.assessor), Role.ASSESSOR)
    candidate = Actor(str(plan.subject_id), Role.CANDIDATE)
    competent = all(v is Verdict.COMPETENT for v in plan.results.values())
    evidence = {
        code: f"PORTO-{plan.cert_id.hex[:8]}-{n + 1}" for n, (code, _) in enumerate(scheme.units)
    }
    if step == 0:
        clock.set(plan.registered_at)
        lsp.register(
            subject_id=plan.subject_id,
            scheme_id=scheme_id(scheme.code, 1),
            session_id=session,
            actor=ADMIN,
        )
    elif step == 1:
        clock.set(plan.registered_at + timedelta(days=1))
        lsp.admit(plan.cert_id, actor=ADMIN)
    elif step == 2:
        clock.set(plan.portfolio_at)
        entries = [
            {"unit": code, "claim": "K", "evidence": [ref]} for code, ref in evidence.items()
        ]
        lsp.submit_portfolio(plan.cert_id, entries=entries, actor=candidate)
    elif step == 3:
        clock.set(plan.assigned_at)
        declaration = (
            {
                "has_conflict": True,
                "details": "former colleague in the same Perhumas chapter",
                "mitigation": "reviewed by the certification manager; no line relationship",
            }
            if plan.conflict
            else {"has_conflict": False}
        )
        lsp.assign_assessor(
            plan.cert_id, assessor_id=plan.assessor, declaration=declaration, actor=MANAGER
        )
    elif step in (4, 5):
        clock.set(plan.interview_at - timedelta(minutes=10 if step == 4 else 9))
        lsp.sign_agreement(
            plan.cert_id,
            methods=["portfolio", "interview"],
            appeal_process_explained=True,
            actor=candidate if step == 4 else assessor,
        )
    elif step == 6:
        clock.set(plan.interview_at - timedelta(minutes=5))
        checks = [
            {
                "unit": code,
                "evidence": ref,
                "valid": True,
                "authentic": True,
                "current": True,
                "sufficient": plan.results[code] is Verdict.COMPETENT,
            }
            for code, ref in evidence.items()
        ]
        lsp.verify_portfolio(plan.cert_id, checks=checks, actor=assessor)
    elif step == 7:
        clock.set(plan.interview_at)
        lsp.record_interview(plan.cert_id, actor=assessor)
    elif step == 8:
        clock.set(plan.interview_at + timedelta(minutes=40))
        lsp.recommend(
            plan.cert_id,
            results=plan.results,
            recommendation=Verdict.COMPETENT if competent else Verdict.NOT_YET_COMPETENT,
            follow_up=""
            if competent
            else "portfolio evidence insufficient; re-assess the BK units",
            actor=assessor,
        )
    elif step == 9:
        clock.set(plan.decided_at)
        lsp.decide(
            plan.cert_id,
            outcome=Verdict.COMPETENT if competent else Verdict.NOT_YET_COMPETENT,
            actor=plan.committee,
        )
    elif step == 10:
        clock.set(plan.printed_at)
        lsp.print_certificate(plan.cert_id, actor=MANAGER)
    elif step == 11:
        clock.set(plan.distributed_at)
        lsp.distribute_certificate(
            plan.cert_id,
            recipient=Recipient.HOLDER,
            channel=plan.channel,
            receipt=f"TT/{plan.cert_id.hex[:8].upper()}",
            actor=ADMIN,
        )


def run_demo(
    lsp: CertificationBody,
    *,
    seed: int = 2024,
    on_progress: Callable[[int, int], None] | None = None,
) -> DemoReport:
    """Run (or finish) the demo on ``lsp`` and report what the store holds.

    Args:
        lsp: the certification body to write to; its clock is replaced for the run.
        seed: picks the fictitious names and which units are judged BK.
        on_progress: called with (steps done, steps in all) after each step.
    """
    started = time.perf_counter()
    original_clock = lsp.clock
    clock = FixedClock(date(2024, 10, 14), tz=WIB)
    lsp.clock = clock
    report = DemoReport()
    try:
        scheme_ids = _ensure_reference_data(lsp, clock)
        plans = _plans(lsp, scheme_ids, seed)
        done = {plan.cert_id: _done_steps(lsp, plan) for plan in plans}
        total = _STEPS * len(plans)
        progress = 0
        for step in range(_STEPS):  # phase by phase, so the log reads in calendar order
            for plan in plans:
                progress += 1
                stops_early = step >= 10 and any(
                    v is Verdict.NOT_YET_COMPETENT for v in plan.results.values()
                )
                if done[plan.cert_id] > step or stops_early:
                    report.steps_skipped += 1
                else:
                    _step(lsp, clock, plan, step)
                    report.steps_recorded += 1
                if on_progress is not None:
                    on_progress(progress, total)
        report.certifications = len(plans)
        for plan in plans:
            view = lsp.get(plan.cert_id)
            code = SCHEMES[plan.scheme_index].code
            report.by_stage.setdefault(code, Counter())[view.stage.value] += 1
            for deadline in view.deadlines:
                if deadline.status.value == "missed" and view.distributed_on is not None:
                    report.breaches.append(
                        (view.id, code, plan.candidate.unit, deadline.due_on, view.distributed_on)
                    )
    finally:
        lsp.clock = original_clock
    report.seconds = time.perf_counter() - started
    return report
