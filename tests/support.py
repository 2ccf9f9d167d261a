"""Shared test helpers: a small world of scheme, assessors, session and candidates."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from uuid import UUID

from certflow import Actor, CertificationBody, FixedClock, Role, Verdict
from certflow.engine import WIB

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

    def interview(self, cert: UUID, verdicts: dict[str, str] | None = None) -> None:
        self.at(date(2024, 11, 7))
        results = verdicts or dict.fromkeys(UNITS, "K")
        competent = all(v == "K" for v in results.values())
        view = self.lsp.get(cert)
        self.lsp.record_interview(
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

    def through(self, stage: str, n: int = 0) -> UUID:
        """A certification of candidate ``n`` taken up to ``stage`` on the main path."""
        order = [
            "registered",
            "portfolio_submitted",
            "assigned",
            "interviewed",
            "competent",
            "certificate_printed",
            "distributed",
        ]
        steps = [self.submit, self.assign, self.interview, self.decide, self.print, self.distribute]
        cert = self.register(n)
        for step in steps[: order.index(stage)]:
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
