"""Random command sequences: legal stages only, refusals record nothing, replay equals live."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID

import hypothesis.strategies as st
from hypothesis import HealthCheck, settings
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

import certflow
from certflow import Actor, FixedClock, RejectedError, Role, Stage, Verdict
from certflow.application.views import CertificationView
from certflow.domain import (
    CERTIFICATION_WORKFLOW,
    AssessmentSession,
    Assessor,
    Certification,
    ConflictDeclaration,
    Purpose,
    Scheme,
    SelfAssessment,
)
from certflow.engine import WIB
from tests.support import UNITS, build_world

ROLES = list(Role)
VERDICTS = [Verdict.COMPETENT, Verdict.NOT_YET_COMPETENT]


def _state(aggregate: Certification) -> dict[str, Any]:
    return {k: v for k, v in vars(aggregate).items() if k != "_pending_events"}


class CertificationLifecycle(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.clock = FixedClock(date(2024, 10, 14))
        self.lsp = certflow.open("memory://", clock=self.clock)
        world = build_world(self.lsp, candidates=2)
        self.subjects = world.candidates
        self.schemes = [self.lsp.repository.get(s) for s in (world.scheme, world.other_scheme)]
        self.session = self.lsp.repository.get(world.session)
        self.assessors = [
            self.lsp.repository.get(a)
            for a in (world.assessor, world.second_assessor, world.expired_assessor)
        ]
        assert isinstance(self.session, AssessmentSession)
        assert all(isinstance(s, Scheme) for s in self.schemes)
        assert all(isinstance(a, Assessor) for a in self.assessors)
        self.live: dict[UUID, Certification] = {}
        self.now = datetime(2024, 10, 21, 9, tzinfo=WIB)
        self.refusals = 0

    # -- helpers ------------------------------------------------------------------------

    def _actor(self, right: Actor, role: Role, who: int, cert: Certification, odds: int) -> Actor:
        """The right actor most of the time (odds 0-7 of 0-9), else someone drawn at random."""
        if odds < 8:
            return right
        if role is Role.ASSESSOR or (who == 1 and role is Role.CERTIFICATION_COMMITTEE):
            return Actor(str(self.assessors[who % 3].id), role)
        if role is Role.CANDIDATE:
            return Actor(str(cert.subject_id), role)
        return Actor(f"{role.value}-{who}", role)

    def _at(self, base: date, day: int) -> datetime:
        self.now = datetime(base.year, base.month, base.day, 10, tzinfo=WIB) + timedelta(day)
        return self.now

    def _attempt(self, cert: Certification, command: Any) -> None:
        version = cert.version
        before = _state(cert)
        try:
            command()
        except RejectedError:
            self.refusals += 1
            assert cert.version == version
            assert cert.collect_events() == []
            assert _state(cert) == before
            return
        assert cert.version == version + 1
        self.lsp.save(cert)

    def _pick(self, data: st.DataObject) -> Certification:
        cid = data.draw(st.sampled_from(sorted(self.live)))
        return self.live[cid]

    # -- commands -------------------------------------------------------------------------

    @rule(
        subject=st.integers(0, 1),
        scheme=st.integers(0, 1),
        day=st.integers(-3, 22),
        role=st.sampled_from([Role.LSP_ADMIN, Role.CANDIDATE, Role.ASSESSOR]),
    )
    def register(self, subject: int, scheme: int, day: int, role: Role) -> None:
        sid = self.subjects[subject]
        try:
            cert = Certification.register(
                subject_id=sid,
                scheme=self.schemes[scheme],
                session=self.session,
                purpose=Purpose.CERTIFICATION,
                subject_on_file=True,
                actor=Actor(str(sid), role),
                at=self._at(date(2024, 10, 21), day),
            )
        except RejectedError:
            self.refusals += 1
            return
        if cert.id in self.live:
            return  # the facade refuses this one as R3; the domain object is discarded
        self.live[cert.id] = cert
        self.lsp.save(cert)

    @precondition(lambda self: self.live)
    @rule(
        data=st.data(),
        complete=st.integers(0, 9),
        role=st.sampled_from(ROLES),
        who=st.integers(0, 2),
        odds=st.integers(0, 9),
    )
    def submit_portfolio(
        self, data: st.DataObject, complete: int, role: Role, who: int, odds: int
    ) -> None:
        cert = self._pick(data)
        units = UNITS if complete < 8 or odds < 8 else UNITS[:-1]
        entries = [SelfAssessment(unit=u, evidence=("doc",)) for u in units]
        right = Actor(str(cert.subject_id), Role.CANDIDATE)
        self._attempt(
            cert,
            lambda: cert.submit_portfolio(
                entries,
                actor=self._actor(right, role, who, cert, odds),
                at=self._at(date(2024, 10, 28), 0),
            ),
        )

    @precondition(lambda self: self.live)
    @rule(
        data=st.data(),
        assessor=st.integers(0, 2),
        declared=st.integers(0, 9),
        conflict=st.booleans(),
        mitigated=st.booleans(),
        role=st.sampled_from(ROLES),
        who=st.integers(0, 2),
        odds=st.integers(0, 9),
    )
    def assign_assessor(
        self,
        data: st.DataObject,
        assessor: int,
        declared: int,
        conflict: bool,
        mitigated: bool,
        role: Role,
        who: int,
        odds: int,
    ) -> None:
        cert = self._pick(data)
        declaration = (
            ConflictDeclaration(has_conflict=conflict, mitigation="ok" if mitigated else "")
            if declared < 8
            else None
        )
        if odds < 8:
            assessor, declaration = 1, ConflictDeclaration(has_conflict=False)
        right = Actor("manager", Role.CERTIFICATION_MANAGER)
        self._attempt(
            cert,
            lambda: cert.assign_assessor(
                self.assessors[assessor],
                declaration,
                actor=self._actor(right, role, who, cert, odds),
                at=self._at(date(2024, 11, 4), 0),
            ),
        )

    @precondition(lambda self: self.live)
    @rule(
        data=st.data(),
        verdicts=st.lists(st.sampled_from(VERDICTS), min_size=3, max_size=3),
        honest=st.integers(0, 9),
        follow_up=st.integers(0, 9),
        day=st.integers(0, 3),
        role=st.sampled_from(ROLES),
        who=st.integers(0, 2),
        odds=st.integers(0, 9),
    )
    def record_interview(
        self,
        data: st.DataObject,
        verdicts: list[Verdict],
        honest: int,
        follow_up: int,
        day: int,
        role: Role,
        who: int,
        odds: int,
    ) -> None:
        cert = self._pick(data)
        results = dict(zip(UNITS, verdicts, strict=True))
        all_k = all(v is Verdict.COMPETENT for v in verdicts)
        recommendation = Verdict.COMPETENT if all_k else Verdict.NOT_YET_COMPETENT
        if honest >= 8 and odds >= 8:
            recommendation = VERDICTS[1 - VERDICTS.index(recommendation)]
        if odds < 8:
            day, follow_up = day % 3, 0
        right = Actor(str(cert.assessor_id), Role.ASSESSOR)
        self._attempt(
            cert,
            lambda: cert.record_interview(
                results,
                recommendation,
                "gaps" if follow_up < 8 else "",
                actor=self._actor(right, role, who, cert, odds),
                at=self._at(date(2024, 11, 6), day),
            ),
        )

    @precondition(lambda self: self.live)
    @rule(
        data=st.data(),
        follows=st.integers(0, 9),
        justified=st.booleans(),
        day=st.integers(-2, 10),
        role=st.sampled_from(ROLES),
        who=st.integers(0, 2),
        odds=st.integers(0, 9),
    )
    def decide(
        self,
        data: st.DataObject,
        follows: int,
        justified: bool,
        day: int,
        role: Role,
        who: int,
        odds: int,
    ) -> None:
        cert = self._pick(data)
        outcome = cert.recommendation or Verdict.COMPETENT
        if follows >= 8:
            outcome = VERDICTS[1 - VERDICTS.index(outcome)]
        if odds < 8:
            day = abs(day)
        right = Actor("committee", Role.CERTIFICATION_COMMITTEE)
        self._attempt(
            cert,
            lambda: cert.decide(
                outcome,
                "because" if justified else "",
                actor=self._actor(right, role, who, cert, odds),
                at=self._at(date(2024, 11, 10), day),
            ),
        )

    @precondition(lambda self: self.live)
    @rule(
        data=st.data(), role=st.sampled_from(ROLES), who=st.integers(0, 2), odds=st.integers(0, 9)
    )
    def print_certificate(self, data: st.DataObject, role: Role, who: int, odds: int) -> None:
        cert = self._pick(data)
        number = f"N/{cert.id.hex[:6]}/{cert.version}"
        right = Actor("manager", Role.CERTIFICATION_MANAGER)
        self._attempt(
            cert,
            lambda: cert.print_certificate(
                number,
                actor=self._actor(right, role, who, cert, odds),
                at=self._at(date(2024, 11, 25), 0),
            ),
        )

    @precondition(lambda self: self.live)
    @rule(
        data=st.data(),
        day=st.integers(0, 30),
        role=st.sampled_from(ROLES),
        who=st.integers(0, 2),
        odds=st.integers(0, 9),
    )
    def distribute_certificate(
        self, data: st.DataObject, day: int, role: Role, who: int, odds: int
    ) -> None:
        cert = self._pick(data)
        right = Actor("admin", Role.LSP_ADMIN)
        self._attempt(
            cert,
            lambda: cert.distribute_certificate(
                certflow.Recipient.HOLDER,
                certflow.Channel.COURIER,
                actor=self._actor(right, role, who, cert, odds),
                at=self._at(date(2024, 11, 26), day),
            ),
        )

    @precondition(lambda self: self.live)
    @rule(
        data=st.data(),
        bk=st.integers(0, 9),
        late=st.integers(0, 60),
        role=st.sampled_from(ROLES),
        odds=st.integers(0, 19),
    )
    def advance(self, data: st.DataObject, bk: int, late: int, role: Role, odds: int) -> None:
        """The next move of the main path, mostly by the right actor with valid input."""
        cert = self._pick(data)
        wrong = Actor("someone", role) if odds >= 18 else None
        stage = cert.stage
        if stage is Stage.REGISTERED:
            entries = [SelfAssessment(unit=u, evidence=("doc",)) for u in UNITS]
            actor = wrong or Actor(str(cert.subject_id), Role.CANDIDATE)
            self._attempt(
                cert,
                lambda: cert.submit_portfolio(
                    entries, actor=actor, at=self._at(date(2024, 10, 28), 0)
                ),
            )
        elif stage is Stage.PORTFOLIO_SUBMITTED and cert.assessor_id is None:
            actor = wrong or Actor("manager", Role.CERTIFICATION_MANAGER)
            self._attempt(
                cert,
                lambda: cert.assign_assessor(
                    self.assessors[1],
                    ConflictDeclaration(has_conflict=False),
                    actor=actor,
                    at=self._at(date(2024, 11, 4), 0),
                ),
            )
        elif stage is Stage.PORTFOLIO_SUBMITTED:
            results = dict.fromkeys(UNITS, Verdict.COMPETENT)
            if bk >= 7:
                results[UNITS[bk % 3]] = Verdict.NOT_YET_COMPETENT
            overall = Verdict.COMPETENT if bk < 7 else Verdict.NOT_YET_COMPETENT
            actor = wrong or Actor(str(cert.assessor_id), Role.ASSESSOR)
            self._attempt(
                cert,
                lambda: cert.record_interview(
                    results, overall, "gaps", actor=actor, at=self._at(date(2024, 11, 6), bk % 3)
                ),
            )
        elif stage is Stage.INTERVIEWED:
            assert cert.recommendation is not None
            actor = wrong or Actor("committee", Role.CERTIFICATION_COMMITTEE)
            self._attempt(
                cert,
                lambda: cert.decide(
                    cert.recommendation, actor=actor, at=self._at(date(2024, 11, 14), 0)
                ),
            )
        elif stage is Stage.COMPETENT:
            actor = wrong or Actor("manager", Role.CERTIFICATION_MANAGER)
            self._attempt(
                cert,
                lambda: cert.print_certificate(
                    f"N/{cert.id.hex[:8]}", actor=actor, at=self._at(date(2024, 11, 25), 0)
                ),
            )
        elif stage is Stage.CERTIFICATE_PRINTED:
            actor = wrong or Actor("admin", Role.LSP_ADMIN)
            self._attempt(
                cert,
                lambda: cert.distribute_certificate(
                    certflow.Recipient.HOLDER,
                    certflow.Channel.IN_PERSON,
                    actor=actor,
                    at=self._at(date(2024, 11, 26), late),
                ),
            )

    # -- invariants -----------------------------------------------------------------------

    @invariant()
    def stages_are_ones_the_definition_allows(self) -> None:
        for cid in self.live:
            events = self.lsp.events.get(cid)
            previous: str | None = None
            for event in events:
                assert isinstance(event, Certification.Registered) == (previous is None)
                if previous is not None:
                    allowed = CERTIFICATION_WORKFLOW.destinations(event.trigger, previous)
                    assert Stage(event.stage) in allowed
                previous = event.stage
            assert self.live[cid].stage is Stage(previous)

    @invariant()
    def replay_gives_exactly_the_live_state(self) -> None:
        today = self.now.date()
        for cid, live in self.live.items():
            replayed = self.lsp.repository.get(cid)
            assert _state(replayed) == _state(live)
            assert CertificationView.of(replayed, today) == CertificationView.of(live, today)


CertificationLifecycle.TestCase.settings = settings(
    max_examples=60,
    stateful_step_count=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_random_command_sequences = CertificationLifecycle.TestCase
