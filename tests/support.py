"""Shared test helpers: a small world of scheme, assessors, session and candidates."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from uuid import UUID

import pytest

from certflow import Actor, CertificationBody, FixedClock, RejectedError, Role, Verdict
from certflow.domain import WIB
from certflow.engine import Workflow

ADMIN = Actor("admin-1", Role.LSP_ADMIN)
MANAGER = Actor("manager-1", Role.CERTIFICATION_MANAGER)
COMMITTEE = Actor("committee-1", Role.CERTIFICATION_COMMITTEE)
UNITS = ("U.001", "U.002", "U.003")
SESSION_DAYS = (date(2024, 11, 6), date(2024, 11, 8))


@dataclass
class World:
    lsp: CertificationBody
    scheme: UUID
    other_scheme: UUID
    session: UUID
    assessor: UUID
    second_assessor: UUID
    expired_assessor: UUID
    candidates: list[UUID] = field(default_factory=list)

    @property
    def clock(self) -> FixedClock:
        assert isinstance(self.lsp.clock, FixedClock)
        return self.lsp.clock

    def assessor_actor(self, assessor: UUID | None = None) -> Actor:
        return Actor(str(assessor or self.assessor), Role.ASSESSOR)

    def candidate_actor(self, subject: UUID) -> Actor:
        return Actor(str(subject), Role.CANDIDATE)

    def at(self, day: date, hour: int = 10) -> None:
        self.clock.set(datetime(day.year, day.month, day.day, hour, tzinfo=WIB))

    # -- the main path, one step at a time -------------------------------------------------

    def register(self, n: int = 0) -> UUID:
        self.at(date(2024, 10, 21))
        return self.lsp.register(
            subject_id=self.candidates[n],
            scheme_id=self.scheme,
            session_id=self.session,
            actor=ADMIN,
        )

    def admit(self, cert: UUID) -> None:
        self.at(date(2024, 10, 22))
        self.lsp.admit(cert, actor=ADMIN)

    def submit(self, cert: UUID) -> None:
        self.at(date(2024, 10, 28))
        view = self.lsp.get(cert)
        self.lsp.submit_portfolio(
            cert,
            entries=[{"unit": u, "evidence": [f"doc-{u}"]} for u in UNITS],
            actor=self.candidate_actor(view.subject_id),
        )

    def assign(self, cert: UUID, assessor: UUID | None = None) -> None:
        self.at(date(2024, 11, 4))
        self.lsp.assign_assessor(
            cert,
            assessor_id=assessor or self.assessor,
            declaration={"has_conflict": False},
            actor=MANAGER,
        )

    def sign(self, cert: UUID) -> None:
        self.at(date(2024, 11, 7), 8)
        view = self.lsp.get(cert)
        for actor in (self.candidate_actor(view.subject_id), self.assessor_actor(view.assessor_id)):
            self.lsp.sign_agreement(
                cert,
                methods=["portfolio", "interview"],
                appeal_process_explained=True,
                actor=actor,
            )

    def verify(self, cert: UUID, failing: tuple[str, ...] = ()) -> None:
        self.at(date(2024, 11, 7), 9)
        view = self.lsp.get(cert)
        checks = [
            {
                "unit": u,
                "evidence": f"doc-{u}",
                "valid": True,
                "authentic": True,
                "current": True,
                "sufficient": u not in failing,
            }
            for u in view.units_to_assess
        ]
        self.lsp.verify_portfolio(cert, checks=checks, actor=self.assessor_actor(view.assessor_id))

    def interview(self, cert: UUID) -> None:
        self.at(date(2024, 11, 7))
        view = self.lsp.get(cert)
        self.lsp.record_interview(cert, actor=self.assessor_actor(view.assessor_id))

    def recommend(self, cert: UUID, verdicts: dict[str, str] | None = None) -> None:
        self.at(date(2024, 11, 7), 11)
        view = self.lsp.get(cert)
        results = verdicts or dict.fromkeys(view.units_to_assess, "K")
        competent = all(v == "K" for v in results.values())
        self.lsp.recommend(
            cert,
            results=results,
            recommendation="K" if competent else "BK",
            follow_up="" if competent else "more evidence needed",
            actor=self.assessor_actor(view.assessor_id),
        )

    def decide(self, cert: UUID, outcome: Verdict | None = None) -> None:
        self.at(date(2024, 11, 14))
        view = self.lsp.get(cert)
        assert view.recommendation is not None
        self.lsp.decide(cert, outcome=outcome or view.recommendation, actor=COMMITTEE)

    def print(self, cert: UUID, day: date = date(2024, 11, 25)) -> str:
        self.at(day)
        return self.lsp.print_certificate(cert, actor=MANAGER)

    def distribute(self, cert: UUID, day: date = date(2024, 12, 2)) -> None:
        self.at(day)
        self.lsp.distribute_certificate(cert, channel="in_person", actor=ADMIN)

    def failed(self, n: int = 0, bk: str = "U.001") -> UUID:
        """A certification of candidate ``n`` decided not yet competent on unit ``bk``."""
        cert = self.through("interviewed", n)
        self.recommend(cert, {u: "BK" if u == bk else "K" for u in UNITS})
        self.decide(cert)
        return cert

    STAGES = (
        "registered",
        "admitted",
        "portfolio_submitted",
        "assigned",
        "agreed",
        "verified",
        "interviewed",
        "recommended",
        "competent",
        "certificate_printed",
        "distributed",
    )

    def through(self, stage: str, n: int = 0) -> UUID:
        """A certification of candidate ``n`` taken up to ``stage`` on the main path."""
        steps = [
            self.admit,
            self.submit,
            self.assign,
            self.sign,
            self.verify,
            self.interview,
            self.recommend,
            self.decide,
            self.print,
            self.distribute,
        ]
        cert = self.register(n)
        for step in steps[: self.STAGES.index(stage)]:
            step(cert)
        return cert


def build_world(lsp: CertificationBody, candidates: int = 3) -> World:
    clock = lsp.clock
    assert isinstance(clock, FixedClock)
    clock.set(date(2024, 10, 14))
    units = [{"code": u, "title": f"Unit {u}"} for u in UNITS]
    scheme = lsp.add_scheme(code="SKM/TEST/1", title="Manajemen Isu", units=units, actor=ADMIN)
    other = lsp.add_scheme(
        code="SKM/TEST/2",
        title="Produksi Konten",
        units=units,
        actor=ADMIN,
        certificate_prefix="PK",
    )
    session = lsp.plan_session(
        code="EUK-TEST",
        title="Test session",
        venue="Aston Sentul Lake Resort",
        starts_on=SESSION_DAYS[0],
        ends_on=SESSION_DAYS[1],
        scheme_ids=[scheme, other],
        actor=ADMIN,
    )
    assessor = lsp.add_assessor(
        met_number="MET.000.000001 2020",
        name="Asesor Satu",
        scheme_codes=["SKM/TEST/1"],
        licence_valid_until=date(2026, 12, 31),
        actor=ADMIN,
    )
    second = lsp.add_assessor(
        met_number="MET.000.000002 2020",
        name="Asesor Dua",
        scheme_codes=["SKM/TEST/1", "SKM/TEST/2"],
        licence_valid_until=date(2026, 12, 31),
        actor=ADMIN,
    )
    expired = lsp.add_assessor(
        met_number="MET.000.000003 2015",
        name="Asesor Tiga",
        scheme_codes=["SKM/TEST/1"],
        licence_valid_until=date(2024, 11, 1),
        actor=ADMIN,
    )
    world = World(lsp, scheme, other, session, assessor, second, expired)
    for n in range(candidates):
        world.candidates.append(
            lsp.add_candidate(
                name=f"Kandidat {n}",
                nik=f"32010101010100{n:02d}",
                nrp=f"800100{n:02d}",
                rank="AKBP",
                unit="Polda Test",
            )
        )
    return world


def refused(
    world: World,
    cert: UUID,
    command: Callable[[], object],
    error: type[RejectedError],
    rule_id: str | None,
) -> RejectedError:
    """Run ``command``, assert it is refused naming ``rule_id``, and that nothing was recorded."""
    before = world.lsp.get(cert)
    history_before = world.lsp.history(cert)
    with pytest.raises(error) as caught:
        command()
    if rule_id is not None:
        assert rule_id in caught.value.rule_ids
        assert rule_id in str(caught.value)
    assert world.lsp.get(cert).version == before.version
    assert world.lsp.history(cert) == history_before
    return caught.value


def every_event_history(lsp: CertificationBody, *, migrate: bool = True) -> list[UUID]:
    """Records whose histories hold every event type certflow stores; returns their ids.

    With ``migrate``, certification F is moved to a version 3 of the workflow, registered for
    the duration of the call only.
    """
    from certflow.domain import CERTIFICATION_DEFINITIONS, number_id, series_id

    world = build_world(lsp, candidates=8)
    world.lsp.retire_scheme(world.other_scheme, actor=ADMIN)
    lsp.renew_assessor_licence(world.expired_assessor, valid_until=date(2031, 1, 1), actor=ADMIN)
    lsp.renew_assessor_licence(world.assessor, valid_until=date(2031, 1, 1), actor=ADMIN)
    assessor = world.assessor_actor()
    # A: every step of the path, with its side steps, then suspended and revoked by the sweep.
    a = world.register(0)
    lsp.request_documents(a, documents=["KTA"], actor=ADMIN)
    world.admit(a)
    world.submit(a)
    world.assign(a)
    lsp.record_no_show(a, actor=ADMIN)
    world.assign(a)
    world.sign(a)
    world.verify(a)
    world.interview(a)
    lsp.request_further_evidence(a, request="release samples", actor=assessor)
    lsp.record_further_evidence(a, evidence=["PR-1"], actor=assessor)
    world.recommend(a)
    world.at(date(2024, 11, 14))
    lsp.refer_back(a, reason="crisis log thin", actor=COMMITTEE)
    lsp.record_further_evidence(a, evidence=["crisis-log"], actor=assessor)
    world.recommend(a)
    world.decide(a)
    world.print(a)
    world.distribute(a)
    world.at(date(2025, 5, 1))
    lsp.record_surveillance(a, summary="logbook ok", actor=MANAGER)
    lsp.suspend(a, grounds="certificate_misuse", resolve_by=date(2025, 6, 1), actor=COMMITTEE)
    lsp.lift_suspension(a, reason="resolved", actor=COMMITTEE)
    lsp.suspend(a, grounds="criminal_suspect", resolve_by=date(2025, 7, 1), actor=COMMITTEE)
    # B: appeal upheld; C: appeal rejected; D: window closed by the sweep, then re-assessment.
    b, c, d = world.failed(1), world.failed(2), world.failed(3)
    world.at(date(2024, 11, 20))
    for cert, n in ((b, 1), (c, 2)):
        lsp.lodge_appeal(cert, reason="unfair", actor=world.candidate_actor(world.candidates[n]))
    lsp.uphold_appeal(
        b,
        remedy="reassessment",
        reason="short interview",
        panel=["p-1"],
        actor=Actor("p-1", Role.APPEAL_PANEL),
    )
    lsp.reject_appeal(
        c, reason="evidence read", panel=["p-1"], actor=Actor("p-1", Role.APPEAL_PANEL)
    )
    # E rejected, F withdrawn, G distributed then expired and renewed by H.
    e, f = world.register(4), world.register(5)
    lsp.reject_application(e, reason="not eligible", actor=ADMIN)
    lsp.withdraw(f, actor=ADMIN)
    g = world.through("distributed", 6)
    lsp.record_registration_number(g, number="REG-73300-2024-0007", actor=ADMIN)
    lsp.reissue_certificate(g, reason="lost", actor=MANAGER)
    world.at(date(2025, 8, 1))
    lsp.sweep()  # closes D's appeal window, revokes A's unresolved suspension
    lsp.request_reassessment(
        d,
        entries=[{"unit": "U.001", "evidence": ["new"]}],
        actor=world.candidate_actor(world.candidates[3]),
    )
    world.at(date(2027, 11, 14))
    lsp.sweep()  # G expires
    session = lsp.plan_session(
        code="EUK-2027-12",
        title="Recertification",
        venue="Polda Metro Jaya",
        starts_on=date(2027, 12, 6),
        ends_on=date(2027, 12, 7),
        scheme_ids=[world.scheme],
        actor=ADMIN,
    )
    world.session = session
    world.at(date(2027, 11, 20))
    h = lsp.register(
        subject_id=world.candidates[6],
        scheme_id=world.scheme,
        session_id=session,
        purpose="sertifikasi_ulang",
        previous_certification_id=g,
        actor=ADMIN,
    )
    lsp.admit(h, actor=ADMIN)
    world.at(date(2027, 11, 25))
    lsp.submit_portfolio(
        h,
        entries=[{"unit": u, "evidence": ["log"]} for u in UNITS],
        actor=world.candidate_actor(world.candidates[6]),
    )
    world.at(date(2027, 12, 1))
    lsp.assign_assessor(
        h, assessor_id=world.assessor, declaration={"has_conflict": False}, actor=MANAGER
    )
    for party in (world.candidate_actor(world.candidates[6]), assessor):
        lsp.sign_agreement(h, appeal_process_explained=True, actor=party)
    lsp.verify_portfolio(
        h,
        checks=[
            {
                "unit": u,
                "evidence": "log",
                "valid": True,
                "authentic": True,
                "current": True,
                "sufficient": True,
            }
            for u in UNITS
        ],
        actor=assessor,
    )
    world.at(date(2027, 12, 6))
    lsp.record_interview(h, actor=assessor)
    lsp.recommend(h, results=dict.fromkeys(UNITS, "K"), recommendation="K", actor=assessor)
    world.at(date(2027, 12, 10))
    lsp.decide(h, outcome="K", actor=COMMITTEE)
    number = lsp.print_certificate(h, actor=MANAGER)
    lsp.distribute_certificate(h, actor=ADMIN)  # supersedes G
    if migrate:
        CERTIFICATION_DEFINITIONS[3] = derived_definition(3)
        try:
            lsp.migrate_definition(c, to_version=3, reason="v3 rollout", actor=MANAGER)
        finally:
            del CERTIFICATION_DEFINITIONS[3]
    subject = world.candidates[4]
    lsp.request_erasure(subject, reason="subject request", actor=ADMIN)
    lsp.defer_erasure(
        subject,
        legal_basis="ISO/IEC 17024 7.1 records",
        retain_until=date(2028, 1, 31),
        actor=ADMIN,
    )
    world.at(date(2028, 2, 1))
    lsp.erase_personal_data(subject, reason="retention ended", actor=ADMIN)
    from certflow.domain import assessor_day_id

    return [
        world.scheme,
        world.other_scheme,
        world.session,
        world.assessor,
        world.expired_assessor,
        a,
        b,
        c,
        d,
        e,
        f,
        g,
        h,
        series_id("SKM/TEST/1", 2024),
        number_id(number),
        assessor_day_id(world.assessor, date(2024, 11, 7)),
        subject,
    ]


def derived_definition(version: int, drop: str | None = None) -> Workflow[Any]:
    """A new version of the certification workflow, optionally without one stage."""
    from enum import Enum

    from certflow.domain import CERTIFICATION_WORKFLOW, Stage
    from certflow.engine import Move, Workflow

    current = CERTIFICATION_WORKFLOW
    stages = Enum(f"StageV{version}", {s.name: s.value for s in Stage if s.value != drop})  # type: ignore[misc]

    def m(stage: Stage) -> Any:
        return stages(stage.value)

    moves = []
    for move in current.moves:
        if drop in {s.value for s in (*move.sources, *move.destinations)}:
            continue
        moves.append(
            Move(
                move.trigger,
                source=None if move.creates else [m(s) for s in move.sources],
                dest=None if move.stays else [m(s) for s in move.destinations],
                roles=move.roles,
                rules=move.rules,
                source_rule=move.source_rule,
                role_rule=move.role_rule,
                applies=move.applies,
                description=move.description,
            )
        )
    return Workflow(
        current.name,
        version=version,
        stages=stages,
        initial=m(current.initial),
        moves=moves,
        final=[m(s) for s in current.final if s.value != drop],
        deadlines=current.deadlines,
    )
