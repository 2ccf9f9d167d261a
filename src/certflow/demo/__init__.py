"""The demo: the November 2024 Humas Polri certification, run through the public facade.

Every step goes through :class:`~certflow.application.CertificationBody` commands, driven by the
main-path driver (:class:`~certflow.testing.driver.MainPath`) with the clock set to the step's
(planned, deterministic) time, so the store ends up with a realistic, fully audited history. The
run is resumable and idempotent: steps already recorded are skipped.

Before anything else the demo founds the personnel register, explicitly: the head of the LSP is
the root of trust, and appoints the staff the demo acts as (the LSP admin, the certification
manager, the three committee members) and the data-protection officer the README's ``erase``
acts as. A store whose register is founded already keeps its register as it is.
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
    LegalBasis,
    Recipient,
    TukKind,
    Verdict,
    assessor_id,
    certification_id,
    session_id,
    tuk_id,
)
from certflow.engine import FixedClock
from certflow.testing.actors import ADMIN, COMMITTEE_MEMBERS, DPO, HEAD, MANAGER
from certflow.testing.driver import MainPath
from certflow.testing.route import NO_CONFLICT, STEPS, Route, Timetable, wib

__all__ = ["DemoReport", "run_demo"]

_BK_RATE = 0.025
"""Chance that one unit is judged BK: about one certification in nine ends not yet competent."""

_LATE = ("Polda Papua", SCHEMES[0].code)
"""The one certificate handed over after the 30-day deadline (by courier, to Papua)."""


@dataclass(frozen=True)
class _Plan:
    candidate: DemoCandidate
    scheme_index: int
    route: Route


_CONFLICT = {
    "has_conflict": True,
    "details": "former colleague in the same Perhumas chapter",
    "mitigation": "reviewed by the certification manager; no line relationship",
}
"""The one assessor who declares a (mitigated) conflict of interest."""


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
    sponsor_basis: str = ""
    """The reference of Divhumas' recorded basis to see the session's results (R62)."""
    session_code: str = SESSION.code
    """The demo session's code (for ``certflow report bnsp|sponsor --session``)."""
    complaints: Counter[str] = field(default_factory=Counter)
    """Complaints in the store by stage (the demo handles one, R53)."""
    tuk: tuple[str, date, int] | None = None
    """The session's TUK: its name, the day it was verified for the session, checklist items
    (R16, R17)."""

    @property
    def lifecycles_per_second(self) -> float:
        """Certifications taken through their path per second of this run."""
        return self.certifications / self.seconds if self.seconds else 0.0


_FOUNDED = date(2024, 10, 1)
"""The day the demo LSP's personnel register is founded and its staff appointed."""

_BASIS = "SK Ketua LSP Humas Global No. 001/2024"
"""The decree the demo's register and appointments rest on."""


def _found_register(lsp: CertificationBody, clock: FixedClock) -> None:
    """The root of trust and the demo's staff, recorded once, before any other record."""
    if lsp.register_established():
        return
    clock.set(wib(_FOUNDED, 8))
    lsp.establish_register(head=HEAD.id, basis=_BASIS)
    for member in (ADMIN, MANAGER, *COMMITTEE_MEMBERS, DPO):
        lsp.appoint(member.id, role=member.role, basis=_BASIS, actor=HEAD)


SPONSOR = "divhumas"
"""The sponsor of the demo session (Divisi Humas Polri), who sees results per unit (R62)."""
_SPONSOR_BASIS = "Perjanjian kerja sama LSP Humas Global - Divhumas Polri No. PKS/07/X/2024"


def _record_sponsor_basis(lsp: CertificationBody) -> str:
    """The data protection officer records Divhumas' basis for the session (R62), once."""
    if lsp.disclosure_basis(SPONSOR, SESSION.code) is None:
        lsp.record_disclosure_basis(
            recipient=SPONSOR,
            basis=LegalBasis.CONTRACT,
            session_code=SESSION.code,
            reference=_SPONSOR_BASIS,
            actor=DPO,
        )
    return _SPONSOR_BASIS


def _ensure_reference_data(path: MainPath, clock: FixedClock) -> list[UUID]:
    clock.set(wib(date(2024, 10, 14), 9))
    scheme_ids = [
        path.add_scheme(
            scheme.code,
            scheme.units,
            title=scheme.title,
            description=scheme.description,
            certificate_prefix=scheme.prefix,
            reuse=True,
        )
        for scheme in SCHEMES
    ]
    codes = [s.code for s in SCHEMES]
    for met, name, valid_until in ASSESSORS:
        path.add_assessor(name, codes, valid_until=valid_until, met_number=met, reuse=True)
    # R16: the seed's hotel is verified as a TUK sewaktu for the session by a demo assessor
    if tuk_id(SESSION.venue) not in {t.id for t in path.lsp.list_tuks()}:
        path.verify_tuk(
            SESSION.venue,
            scheme_ids,
            kind=TukKind.AD_HOC,
            session_code=SESSION.code,
            verifier=assessor_id(ASSESSORS[0][0]),
            address_ref=SESSION.address_ref,
        )
    path.plan_session(
        SESSION.code,
        scheme_ids,
        days=(SESSION.starts_on, SESSION.ends_on),
        title=SESSION.title,
        venue=SESSION.venue,
        reuse=True,
    )
    return scheme_ids


def _subject(path: MainPath, person: DemoCandidate) -> UUID:
    return path.add_candidate(
        person.name,
        nik=person.nik,
        nrp=person.nrp,
        rank=person.rank,
        unit=person.unit,
        position=person.position,
        reuse=True,
    )


def _plans(path: MainPath, scheme_ids: list[UUID], session: UUID, seed: int) -> list[_Plan]:
    rng = random.Random(f"certflow-demo-{seed}")
    people = candidates(seed)
    assessors = [assessor_id(met) for met, _, _ in ASSESSORS]
    load: Counter[UUID] = Counter()
    plans: list[_Plan] = []
    days = [SESSION.starts_on + timedelta(days=d) for d in range(3)]
    for index, person in enumerate(people):
        subject = _subject(path, person)
        for s, scheme in enumerate(SCHEMES):
            assessor = assessors[(index + s * 5) % len(assessors)]
            slot = load[assessor]
            load[assessor] += 1
            interview = wib(days[slot % 3], 8, 30) + timedelta(minutes=50 * (slot // 3))
            results = {
                code: Verdict.NOT_YET_COMPETENT if rng.random() < _BK_RATE else Verdict.COMPETENT
                for code, _ in scheme.units
            }
            late = (person.unit, scheme.code) == _LATE
            hand_over = date(2024, 12, 16) if late else date(2024, 12, 2) + timedelta(index % 5)
            registered = wib(date(2024, 10, 21) + timedelta(index % 5))
            tag = certification_id(subject, scheme_ids[s], session).hex[:8]
            route = Route(
                subject_id=subject,
                scheme_id=scheme_ids[s],
                session_id=session,
                assessor_id=assessor,
                units=tuple(code for code, _ in scheme.units),
                times=_timetable(registered, index, interview, len(plans), hand_over),
                results=results,
                evidence={code: f"PORTO-{tag}-{n + 1}" for n, (code, _) in enumerate(scheme.units)},
                claim=Verdict.COMPETENT,
                declaration=_CONFLICT if index == 3 and s == 0 else NO_CONFLICT,
                committee=COMMITTEE_MEMBERS[len(plans) % len(COMMITTEE_MEMBERS)],
                follow_up="portfolio evidence insufficient; re-assess the BK units",
                recipient=Recipient.HOLDER,
                channel=Channel.COURIER
                if late
                else Channel.UNIT_LIAISON
                if person.group == "kabidhumas"
                else Channel.IN_PERSON,
                receipt=f"TT/{tag.upper()}",
            )
            plans.append(_Plan(person, s, route))
    return plans


def _timetable(
    registered: datetime, index: int, interview: datetime, order: int, hand_over: date
) -> Timetable:
    """When one certification's steps happen.

    Candidates are spread over five days, interviews take 50-minute slots, decisions are two
    minutes apart.
    """
    return Timetable(
        register=registered,
        admit=registered + timedelta(days=1),
        submit_portfolio=wib(date(2024, 10, 28) + timedelta(index % 5), 14),
        assign_assessor=wib(date(2024, 11, 4), 9) + timedelta(minutes=index),
        candidate_signs=interview - timedelta(minutes=10),
        assessor_signs=interview - timedelta(minutes=9),
        verify_portfolio=interview - timedelta(minutes=5),
        record_interview=interview,
        recommend=interview + timedelta(minutes=40),
        decide=wib(date(2024, 11, 14), 9) + timedelta(minutes=2 * order),
        print_certificate=wib(date(2024, 11, 25) + timedelta(index % 5)),
        distribute_certificate=wib(hand_over),
    )


_COMPLAINT = "ruang wawancara di hari kedua bising; peserta sulit mendengar pertanyaan asesor"
"""The demo's one complaint: anonymous, about the LSP's running of the assessment (R53)."""


def _handle_complaint(lsp: CertificationBody, clock: FixedClock) -> None:
    """File, acknowledge, investigate and resolve the demo's one complaint (once)."""
    if lsp.list_complaints():
        return
    clock.set(wib(date(2025, 1, 6), 10))
    complaint = lsp.file_complaint(about="lsp", summary=_COMPLAINT, actor=ADMIN)
    clock.set(wib(date(2025, 1, 7), 9))
    lsp.acknowledge_complaint(complaint, actor=ADMIN)
    investigator = COMMITTEE_MEMBERS[2]
    lsp.assign_investigator(complaint, investigator=investigator.id, actor=MANAGER)
    clock.set(wib(date(2025, 1, 20), 14))
    lsp.resolve_complaint(
        complaint,
        outcome="substantiated",
        findings="the second-day interview room adjoined the hotel's ballroom",
        actions=["book rooms away from event halls", "check rooms for noise the day before"],
        actor=investigator,
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
        _found_register(lsp, clock)
        path = MainPath(lsp, clock)
        session = session_id(SESSION.code)
        plans = _plans(path, _ensure_reference_data(path, clock), session, seed)
        report.sponsor_basis = _record_sponsor_basis(lsp)
        commands = [path.commands(plan.route) for plan in plans]
        done = [path.progress(plan.route.certification_id) for plan in plans]
        total = len(STEPS) * len(plans)
        progress = 0
        for step in range(len(STEPS)):  # phase by phase, so the log reads in calendar order
            for n, todo in enumerate(commands):
                progress += 1
                if done[n] > step or step >= len(todo):  # recorded, or after a BK decision
                    report.steps_skipped += 1
                else:
                    todo[step]()
                    report.steps_recorded += 1
                if on_progress is not None:
                    on_progress(progress, total)
        report.certifications = len(plans)
        for plan in plans:
            view = lsp.get(plan.route.certification_id)
            code = SCHEMES[plan.scheme_index].code
            report.by_stage.setdefault(code, Counter())[view.stage.value] += 1
            for deadline in view.deadlines:
                if deadline.status.value == "missed" and view.distributed_on is not None:
                    report.breaches.append(
                        (view.id, code, plan.candidate.unit, deadline.due_on, view.distributed_on)
                    )
        _handle_complaint(lsp, clock)
        report.complaints.update(c.stage.value for c in lsp.list_complaints())
        venue = lsp.get_tuk(tuk_id(SESSION.venue))
        fit = [v for v in venue.verifications if v.fit and v.session_id == session]
        if fit:
            report.tuk = (venue.name, fit[0].verified_on, len(fit[0].checklist))
    finally:
        lsp.clock = original_clock
    report.seconds = time.perf_counter() - started
    return report
