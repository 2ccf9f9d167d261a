"""Shared test helpers: a small world of scheme, assessors, session and candidates.

The world drives the main path with :class:`certflow.testing.MainPath` on the standard calendar
(:data:`certflow.testing.CALENDAR`) and acts as the standard actors.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest

from certflow import (
    Actor,
    CertificationBody,
    Channel,
    FixedClock,
    RejectedError,
    Role,
    TukKind,
    Verdict,
    profile_from,
    write_profile,
)
from certflow.bootstrap import services_of
from certflow.domain.instrument_events import VATM
from certflow.engine import Workflow
from certflow.testing import actors
from certflow.testing.actors import ADMIN, COMMITTEE, MANAGER
from certflow.testing.driver import MainPath
from certflow.testing.route import CALENDAR, MILESTONES, UNITS, Route, Timetable, wib
from tests.support_cases import case_histories

__all__ = [
    "ADMIN",
    "COMMITTEE",
    "MANAGER",
    "UNITS",
    "World",
    "build_world",
    "derived_definition",
    "every_event_history",
    "refused",
    "write_profile_file",
]


def _docs(units: tuple[str, ...]) -> dict[str, str]:
    return {u: f"doc-{u}" for u in units}


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
    path: MainPath = field(init=False)

    def __post_init__(self) -> None:
        self.path = MainPath(self.lsp)

    @property
    def clock(self) -> FixedClock:
        return self.path.clock

    def assessor_actor(self, assessor: UUID | None = None) -> Actor:
        return actors.assessor(assessor or self.assessor)

    def candidate_actor(self, subject: UUID) -> Actor:
        return actors.candidate(subject)

    def at(self, day: date, hour: int = 10) -> None:
        self.clock.set(wib(day, hour))

    def appoint(self, person: UUID | str, role: Role, *schemes: str) -> str:
        """Have the head of the LSP appoint ``person`` to ``role`` (for ``schemes``, or all)."""
        return self.lsp.appoint(
            str(person), role=role, scheme_codes=schemes, basis="SK uji", actor=actors.HEAD
        )

    # -- the main path, one step at a time, on the standard calendar -----------------------

    def register(self, n: int = 0) -> UUID:
        return self.path.register(
            self.candidates[n], self.scheme, self.session, at=CALENDAR.register
        )

    def admit(self, cert: UUID) -> None:
        self.path.admit(cert, at=CALENDAR.admit)

    def submit(self, cert: UUID) -> None:
        subject = self.lsp.get(cert).subject_id
        self.path.submit_portfolio(
            cert, subject_id=subject, evidence=_docs(UNITS), at=CALENDAR.submit_portfolio
        )

    def assign(self, cert: UUID, assessor: UUID | None = None) -> None:
        self.path.assign_assessor(
            cert, assessor_id=assessor or self.assessor, at=CALENDAR.assign_assessor
        )

    def sign(self, cert: UUID) -> None:
        view = self.lsp.get(cert)
        for party in (self.candidate_actor(view.subject_id), self.assessor_actor(view.assessor_id)):
            self.path.sign_agreement(cert, party=party, at=CALENDAR.candidate_signs)

    def verify(self, cert: UUID, failing: tuple[str, ...] = ()) -> None:
        view = self.lsp.get(cert)
        self.path.verify_portfolio(
            cert,
            assessor_id=view.assessor_id or self.assessor,
            evidence=_docs(view.units_to_assess),
            insufficient=failing,
            at=CALENDAR.verify_portfolio,
        )

    def interview(self, cert: UUID) -> None:
        view = self.lsp.get(cert)
        assessor = view.assessor_id or self.assessor
        self.path.record_interview(cert, assessor_id=assessor, at=CALENDAR.record_interview)

    def recommend(self, cert: UUID, verdicts: dict[str, str] | None = None) -> None:
        view = self.lsp.get(cert)
        self.path.recommend(
            cert,
            assessor_id=view.assessor_id or self.assessor,
            results=verdicts or dict.fromkeys(view.units_to_assess, "K"),
            at=CALENDAR.recommend,
        )

    def decide(self, cert: UUID, outcome: Verdict | None = None) -> None:
        view = self.lsp.get(cert)
        assert view.recommendation is not None
        chosen = outcome or view.recommendation
        self.path.decide(cert, outcome=chosen, at=CALENDAR.decide)

    def print(self, cert: UUID, day: date | None = None) -> str:
        when = wib(day) if day else CALENDAR.print_certificate
        return self.path.print_certificate(cert, at=when)

    def distribute(self, cert: UUID, day: date | None = None) -> None:
        when = wib(day) if day else CALENDAR.distribute_certificate
        self.path.distribute_certificate(cert, channel=Channel.IN_PERSON, at=when)

    def failed(self, n: int = 0, bk: str = "U.001") -> UUID:
        """A certification of candidate ``n`` decided not yet competent on unit ``bk``."""
        cert = self.through("interviewed", n)
        self.recommend(cert, {u: "BK" if u == bk else "K" for u in UNITS})
        self.decide(cert)
        return cert

    STAGES = MILESTONES

    def through(self, stage: str, n: int = 0) -> UUID:
        """A certification of candidate ``n`` taken up to ``stage`` on the main path."""
        route = Route(
            self.candidates[n], self.scheme, self.session, self.assessor, channel=Channel.IN_PERSON
        )
        return self.path.reach(route, stage, done=0)


def build_world(lsp: CertificationBody, candidates: int = 3) -> World:
    path = MainPath(lsp)
    path.clock.set(date(2024, 10, 14))
    scheme = path.add_scheme("SKM/TEST/1", title="Manajemen Isu")
    other = path.add_scheme("SKM/TEST/2", title="Produksi Konten", certificate_prefix="PK")
    session = path.plan_session(
        "EUK-TEST", [scheme, other], title="Test session", venue="Aston Sentul Lake Resort"
    )
    assessor, second, expired = (
        path.add_assessor(name, codes, valid_until=until, met_number=met)
        for met, name, codes, until in (
            ("MET.000.000001 2020", "Asesor Satu", ["SKM/TEST/1"], date(2026, 12, 31)),
            ("MET.000.000002 2020", "Asesor Dua", ["SKM/TEST/1", "SKM/TEST/2"], date(2026, 12, 31)),
            ("MET.000.000003 2015", "Asesor Tiga", ["SKM/TEST/1"], date(2024, 11, 1)),
        )
    )
    world = World(lsp, scheme, other, session, assessor, second, expired)
    for n in range(candidates):
        world.candidates.append(
            path.add_candidate(
                f"Kandidat {n}",
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
    world.assign(a)  # the assessor reviews FR.APL.02 (proceed) and records the mode (R7, R23)
    lsp.review_self_assessment(a, proceed=False, reasons="U.002 evidence missing", actor=assessor)
    lsp.review_self_assessment(a, proceed=True, actor=assessor)
    lsp.record_adjustment(
        a, adjustment={"kind": "extra_time", "arrangement": "30 menit tambahan"}, actor=assessor
    )
    world.at(date(2024, 11, 6))  # a no-show is recorded on or after the session's first day
    lsp.record_no_show(a, actor=ADMIN)
    world.assign(a)
    world.sign(a)
    world.verify(a)
    verified = lsp.get(a).instrument_versions[-1]
    lsp.correct_portfolio_verification(  # R25: a new event naming the verification
        a,
        corrects=verified,
        checks=[{"unit": u, "evidence": f"{u}-doc", **dict.fromkeys(VATM, True)} for u in UNITS],
        reason="U.002 evidence read again",
        actor=assessor,
    )
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
    # A TUK mandiri: verified for a window, suspended, reinstated, expired by the sweep below.
    tuk = world.path.verify_tuk(
        "TUK Mandiri LSP", [world.scheme], kind=TukKind.INDEPENDENT, valid_until=date(2025, 7, 31)
    )
    lsp.suspend_tuk(tuk, reason="renovasi", actor=MANAGER)
    lsp.reinstate_tuk(tuk, actor=MANAGER)
    # B: appeal upheld; C: appeal rejected; D: window closed by the sweep, then re-assessment.
    b, d = world.failed(1), world.failed(3)
    c = world.through("interviewed", 2)  # C rejects the BK result before the decision (R29)
    world.path.recommend(
        c,
        assessor_id=world.assessor,
        results={u: "BK" if u == "U.001" else "K" for u in UNITS},
        at=CALENDAR.recommend,
    )
    lsp.reject_result(
        c, reason="interview too short", actor=world.candidate_actor(world.candidates[2])
    )
    world.decide(c)
    world.at(date(2024, 11, 20))
    for cert, n in ((b, 1), (c, 2)):
        lsp.lodge_appeal(cert, reason="unfair", actor=world.candidate_actor(world.candidates[n]))
    panel = actors.APPEAL_POOL[0]
    for cert in (b, c):
        lsp.form_appeal_panel(cert, members=[panel.id], actor=MANAGER)
    lsp.uphold_appeal(b, remedy="reassessment", reason="short interview", actor=panel)
    lsp.reject_appeal(c, reason="evidence read", actor=panel)
    # The register: an appointment ended, an interest declared.
    made = world.appoint("komite-teknis-09", Role.CERTIFICATION_COMMITTEE)
    lsp.end_appointment(
        "komite-teknis-09", appointment_id=made, reason="term over", actor=actors.HEAD
    )
    lsp.declare_interest(
        "komite-teknis-02",
        relation="supervisor",
        subject_id=world.candidates[7],
        note="kepala bagian",
        actor=actors.COMMITTEE_MEMBERS[1],
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
    world.at(date(2025, 11, 20))
    lsp.sweep()  # G's surveillance is overdue: a reminder (R43)
    lsp.record_surveillance(g, summary="logbook 2025 reviewed", actor=MANAGER)
    world.at(date(2027, 11, 14))
    lsp.sweep()  # G expires
    world.session = world.path.plan_session(
        "EUK-2027-12",
        [world.scheme],
        days=(date(2027, 12, 6), date(2027, 12, 7)),
        title="Recertification",
        venue="Polda Metro Jaya",
    )
    registered, assessed, decided = (
        wib(day) for day in (date(2027, 11, 20), date(2027, 12, 6), date(2027, 12, 10))
    )
    agreed = wib(date(2027, 12, 1))
    renewal = Route(
        world.candidates[6],
        world.scheme,
        world.session,
        world.assessor,
        evidence=dict.fromkeys(UNITS, "log"),
        times=Timetable(
            register=registered,
            admit=registered,
            submit_portfolio=wib(date(2027, 11, 25)),
            assign_assessor=agreed,
            candidate_signs=agreed,
            assessor_signs=agreed,
            verify_portfolio=agreed,
            record_interview=assessed,
            recommend=assessed,
            decide=decided,
            print_certificate=decided,
            distribute_certificate=decided,
        ),
    )
    h = world.path.register(
        world.candidates[6],
        world.scheme,
        world.session,
        purpose="sertifikasi_ulang",
        previous=g,
        at=registered,
    )
    world.path.reach(renewal, "certificate_printed", done=1)
    number = lsp.get(h).certificate_number
    assert number is not None
    world.path.reach(renewal, "distributed", done=14)  # supersedes G
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
    access = _access_history(world)
    protection = _data_protection_history(world)
    cases = case_histories(world, h)
    from certflow.domain import REGISTER_ID, assessor_day_id, candidacy_id, person_record_id

    return [
        REGISTER_ID,
        person_record_id("komite-teknis-09"),
        person_record_id("komite-teknis-02"),
        candidacy_id(world.candidates[6], "SKM/TEST/1"),
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
        tuk,
        *access,
        *protection,
        *cases,
    ]


def _access_history(world: World) -> list[UUID]:
    """An API token issued and revoked; an identity-provider subject linked, unlinked, relinked."""
    from certflow.application import subject_digest
    from certflow.domain import api_token_record_id, identity_link_id

    lsp = world.lsp
    issued = lsp.issue_api_token(person_id=MANAGER.id, days=30, label="e-office", actor=ADMIN)
    lsp.revoke_api_token(issued.token_id, reason="laptop lost", actor=actors.HEAD)
    issuer = "https://sso.lsp.example"
    lsp.link_identity(issuer=issuer, subject="sub-0001", person_id=ADMIN.id, actor=actors.HEAD)
    lsp.unlink_identity(issuer=issuer, subject="sub-0001", reason="moved", actor=actors.HEAD)
    lsp.link_identity(issuer=issuer, subject="sub-0001", person_id=MANAGER.id, actor=ADMIN)
    return [
        api_token_record_id(issued.token_id),
        identity_link_id(issuer, subject_digest("sub-0001")),
    ]


def _data_protection_history(world: World) -> list[UUID]:
    """A correction, a disclosure basis withdrawn, a breach swept then notified, a destruction."""
    from certflow.domain import Breach, breach_id, correction_id, disclosure_id, retention_id

    lsp = world.lsp
    lsp.correct_personal_data(
        world.candidates[7], changes={"unit": "Polda Aceh"}, reason="satker", actor=ADMIN
    )
    dpo = actors.DPO
    lsp.record_disclosure_basis(
        recipient="divhumas", basis="consent", session_code="EUK-TEST", reference="PKS", actor=dpo
    )
    lsp.withdraw_disclosure_basis(
        recipient="divhumas", session_code="EUK-TEST", reason="ended", actor=dpo
    )
    now = lsp.clock.now()
    lsp.record_breach(
        "BR-1", nature="lost laptop", subjects_affected=8, discovered_at=now - timedelta(days=4),
        actor=dpo,
    )  # fmt: skip
    sweep = Actor("certflow-sweep", Role.SYSTEM)
    services_of(lsp).store.runtime(Breach).sweep([breach_id("BR-1")], actor=sweep, at=now)
    lsp.notify_breach("BR-1", actor=dpo)
    withdrawn = world.candidates[5]  # F withdrew in 2024: retention ended before 2028
    lsp.destroy_personal_data(withdrawn, actor=dpo)
    return [
        correction_id(world.candidates[7], 1),
        disclosure_id("divhumas", "EUK-TEST"),
        breach_id("BR-1"),
        retention_id(withdrawn),
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


def write_profile_file(folder: Path, *, store: str | None = None, keys: Path | None = None) -> Path:
    """An LSP profile (``certflow.toml``) in ``folder`` for CLI tests that print certificates."""
    fields: dict[str, Any] = {
        "name": "LSP Humas Global",
        "code": "LSP",
        "licence": "BNSP-LSP-1234-ID",
        "place_of_issue": "Jakarta",
        "verification_url": "https://lsp-humas.example.id/verifikasi",
        "signatories": [
            {
                "name": "Dr. Siti Nurhaliza Wulandari, M.Si.",
                "role_id": "Manajer Sertifikasi",
                "role_en": "Certification Manager",
            },
            {"name": "Bambang Sutrisno, S.Sos.", "role_id": "Ketua LSP", "role_en": "Head"},
        ],
        "keys": {"dir": keys or folder / "keys"},
    }
    if store is not None:
        fields["store"] = store
    path = folder / "certflow.toml"
    write_profile(path, profile_from(fields))
    return path
