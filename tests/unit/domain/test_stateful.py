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
from certflow.application import SYSTEM
from certflow.application.view_rows import DeadlineQuery
from certflow.application.views import CertificationView
from certflow.bootstrap import services_of
from certflow.domain import (
    CERTIFICATION_WORKFLOW,
    WIB,
    Adjustment,
    AdjustmentKind,
    AppealRemedy,
    AssessmentMethod,
    AssessmentMode,
    AssessmentSession,
    Assessor,
    Certification,
    CertificationState,
    ConflictDeclaration,
    EvidenceCheck,
    Purpose,
    Scheme,
    SelfAssessment,
)
from certflow.domain.certification_state import STATE_FIELDS
from certflow.engine import WorkflowAggregate
from tests.support import UNITS, build_world

ROLES = list(Role)
VERDICTS = [Verdict.COMPETENT, Verdict.NOT_YET_COMPETENT]


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, tzinfo=WIB)


def _next(cert: Certification, pick: int) -> str:
    """The move that takes ``cert`` forward (a side path now and then)."""
    stage = cert.stage
    if stage is Stage.REGISTERED:
        return "submit_portfolio" if cert.state.admitted else "admit"
    if stage is Stage.PORTFOLIO_SUBMITTED:
        if cert.state.assessor_id is None:
            return "assign_assessor"
        if len(cert.state.agreement_signed_by) < 2:
            return "sign_agreement"
        return "record_interview" if cert.state.portfolio_verified else "verify_portfolio"
    if stage is Stage.INTERVIEWED:
        if cert.state.further_evidence_open:
            return "record_further_evidence"
        return "decide" if cert.state.recommendation else "recommend"
    options = {
        Stage.COMPETENT: ["print_certificate"],
        Stage.CERTIFICATE_PRINTED: ["distribute_certificate"],
        Stage.NOT_YET_COMPETENT: ["lodge_appeal", "request_reassessment"],
        Stage.UNDER_APPEAL: (
            ["uphold_appeal", "reject_appeal"] if cert.state.appeal_panel else ["form_appeal_panel"]
        ),
        Stage.DISTRIBUTED: ["record_surveillance"] * 3 + ["suspend", "revoke"],
        Stage.SUSPENDED: ["lift_suspension", "revoke"],
    }.get(stage, ["supersede"])
    return options[pick % len(options)]


def _state(aggregate: Certification) -> dict[str, Any]:
    return {k: v for k, v in vars(aggregate).items() if k != "_pending_events"}


class CertificationLifecycle(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.clock = FixedClock(date(2024, 10, 14), tz=WIB)
        self.lsp = certflow.open("memory://", clock=self.clock)
        world = build_world(self.lsp, candidates=2)
        self.subjects = world.candidates
        self.schemes = [
            services_of(self.lsp).store.load(WorkflowAggregate, s)
            for s in (world.scheme, world.other_scheme)
        ]
        self.session = services_of(self.lsp).store.load(WorkflowAggregate, world.session)
        self.assessors = [
            services_of(self.lsp).store.load(WorkflowAggregate, a)
            for a in (world.assessor, world.second_assessor, world.expired_assessor)
        ]
        assert isinstance(self.session, AssessmentSession)
        assert all(isinstance(s, Scheme) for s in self.schemes)
        assert all(isinstance(a, Assessor) for a in self.assessors)
        self.live: dict[UUID, Certification] = {}
        self.now = _at(date(2024, 11, 6))
        self.refusals = 0

    # -- helpers ------------------------------------------------------------------------

    def _attempt(self, cert: Certification, command: Any) -> None:
        version = cert.version
        before = _state(cert)
        old_state, old_facts = cert.state, cert.state.model_dump()
        try:
            command()
        except RejectedError:
            self.refusals += 1
            assert cert.version == version
            assert cert.collect_events() == []
            assert _state(cert) == before
            assert cert.state is old_state
            return
        assert cert.version == version + 1
        assert cert.state is not old_state  # every move evolves a new state...
        assert old_state.model_dump() == old_facts  # ...and leaves the one it started from
        services_of(self.lsp).store.save(cert)

    def _pick(self, data: st.DataObject) -> Certification:
        cid = data.draw(st.sampled_from(sorted(self.live)))
        return self.live[cid]

    def _right_actor(self, trigger: str, cert: Certification) -> Actor:
        roles = CERTIFICATION_WORKFLOW.move(trigger).roles
        if "candidate" in roles and trigger not in ("withdraw",):
            return Actor(str(cert.state.subject_id), Role.CANDIDATE)
        if "assessor" in roles and trigger != "record_no_show":
            return Actor(str(cert.state.assessor_id), Role.ASSESSOR)
        if trigger in ("uphold_appeal", "reject_appeal") and cert.state.appeal_panel:
            return Actor(cert.state.appeal_panel[0], Role.APPEAL_PANEL)
        role = sorted(roles)[0]
        return Actor(f"{role}-1", role)

    def _call(self, cert: Certification, trigger: str, actor: Actor, pick: int) -> None:
        at = self.now
        units = cert.state.units_to_assess
        calls: dict[str, Any] = {
            "request_documents": lambda: cert.request_documents(["KTA"], actor=actor, at=at),
            "admit": lambda: cert.admit(actor=actor, at=at),
            "reject_application": lambda: cert.reject_application("no", actor=actor, at=at),
            "withdraw": lambda: cert.withdraw("moved", actor=actor, at=at),
            "submit_portfolio": lambda: cert.submit_portfolio(
                [SelfAssessment(unit=u, evidence=("doc",)) for u in UNITS], actor=actor, at=at
            ),
            "assign_assessor": lambda: cert.assign_assessor(
                self.assessors[1 if pick % 5 else pick % 3],
                ConflictDeclaration(has_conflict=False),
                actor=actor,
                at=at,
            ),
            "sign_agreement": lambda: cert.sign_agreement(
                [AssessmentMethod.PORTFOLIO, AssessmentMethod.INTERVIEW],
                appeal_process_explained=True,
                actor=actor,
                at=at,
            ),
            "review_self_assessment": lambda: cert.review_self_assessment(
                pick % 4 != 0, "gaps in the evidence" if pick % 8 else "", actor=actor, at=at
            ),
            "record_adjustment": lambda: cert.record_adjustment(
                Adjustment(
                    kind=AdjustmentKind.EXTRA_TIME,
                    arrangement="30 minutes more",
                    units=units[:1] if pick % 3 else ("X.999",),
                ),
                actor=actor,
                at=at,
            ),
            "record_assessment_mode": lambda: cert.record_assessment_mode(
                AssessmentMode.REMOTE if pick % 5 == 0 else AssessmentMode.ON_SITE,
                actor=actor,
                at=at,
            ),
            "acknowledge_result": lambda: cert.acknowledge_result(actor=actor, at=at),
            "reject_result": lambda: cert.reject_result(
                "unfair" if pick % 3 else "", actor=actor, at=at
            ),
            "verify_portfolio": lambda: cert.verify_portfolio(
                [
                    EvidenceCheck(
                        unit=u,
                        evidence="d",
                        valid=True,
                        authentic=True,
                        current=True,
                        sufficient=pick % 7 != 0,
                    )
                    for u in units
                ],
                actor=actor,
                at=at,
            ),
            "correct_portfolio_verification": lambda: cert.correct_portfolio_verification(
                [
                    EvidenceCheck(
                        unit=u,
                        evidence="d",
                        valid=True,
                        authentic=True,
                        current=True,
                        sufficient=pick % 3 != 0,
                    )
                    for u in units
                ],
                # a version that may be corrected, or (sometimes) one that may not (R25)
                corrects=(cert.state.instrument_versions or (1,))[-1] + (pick % 5 == 0),
                reason="" if pick % 11 == 0 else "read again",
                actor=actor,
                at=at,
            ),
            "record_no_show": lambda: cert.record_no_show(actor=actor, at=at),
            "record_interview": lambda: cert.record_interview(
                actor=actor, at=min(at, _at(date(2024, 11, 8))) if cert.state.rounds == 1 else at
            ),
            "request_further_evidence": lambda: cert.request_further_evidence(
                "more", actor=actor, at=at
            ),
            "record_further_evidence": lambda: cert.record_further_evidence(
                ["e"], actor=actor, at=at
            ),
            "recommend": lambda: self._recommend(cert, actor, pick),
            "refer_back": lambda: cert.refer_back("thin", actor=actor, at=at),
            "decide": lambda: cert.decide(
                cert.state.recommendation or Verdict.COMPETENT, actor=actor, at=at
            ),
            "lodge_appeal": lambda: cert.lodge_appeal("unfair", actor=actor, at=at),
            "form_appeal_panel": lambda: cert.form_appeal_panel(
                [f"panel-{pick % 2}", "panel-2"] if pick % 9 else [], actor=actor, at=at
            ),
            "uphold_appeal": lambda: cert.uphold_appeal(
                list(AppealRemedy)[pick % 2], "ok", actor=actor, at=at
            ),
            "reject_appeal": lambda: cert.reject_appeal("no", actor=actor, at=at),
            "close_appeal_window": lambda: cert.close_appeal_window(actor=actor, at=at),
            "request_reassessment": lambda: cert.request_reassessment(
                [
                    SelfAssessment(unit=u, evidence=("new",))
                    for u in cert.units_needing_reassessment(at.date())
                ],
                actor=actor,
                at=at,
            ),
            "print_certificate": lambda: cert.print_certificate(
                f"N/{cert.id.hex[:8]}",
                actor=actor,
                at=at,
                signed_by=(
                    {"certification_manager": "manajer-1", "head_of_lsp": f"ketua-{pick % 2}"}
                    if pick % 5
                    else {}
                ),
            ),
            "escalate_surveillance": lambda: cert.escalate_surveillance(actor=actor, at=at),
            "distribute_certificate": lambda: cert.distribute_certificate(
                certflow.Recipient.HOLDER, certflow.Channel.COURIER, actor=actor, at=at
            ),
            "record_surveillance": lambda: cert.record_surveillance("ok", actor=actor, at=at),
            "suspend": lambda: cert.suspend(
                "criminal_suspect", resolve_by=at.date() + timedelta(30), actor=actor, at=at
            ),
            "lift_suspension": lambda: cert.lift_suspension("resolved", actor=actor, at=at),
            "revoke": lambda: cert.revoke("ethics_breach", actor=actor, at=at),
            "expire": lambda: cert.expire(actor=actor, at=at),
            "supersede": lambda: cert.supersede(cert, actor=actor, at=at),
            "record_registration_number": lambda: cert.record_registration_number(
                f"REG-{pick}", actor=actor, at=at
            ),
            "reissue_certificate": lambda: cert.reissue_certificate("lost", actor=actor, at=at),
        }
        self._attempt(cert, calls[trigger])

    def _recommend(self, cert: Certification, actor: Actor, pick: int) -> None:
        units = cert.state.units_to_assess
        bk = pick % 3 == 0 and units
        results = dict.fromkeys(units, Verdict.COMPETENT)
        if bk:
            results[units[0]] = Verdict.NOT_YET_COMPETENT
        overall = Verdict.NOT_YET_COMPETENT if bk else Verdict.COMPETENT
        cert.recommend(results, overall, "gaps", actor=actor, at=self.now)

    # -- commands -------------------------------------------------------------------------

    @rule(
        subject=st.integers(0, 1),
        scheme=st.integers(0, 1),
        role=st.sampled_from([Role.LSP_ADMIN, Role.CANDIDATE, Role.ASSESSOR]),
    )
    def register(self, subject: int, scheme: int, role: Role) -> None:
        sid = self.subjects[subject]
        try:
            cert = Certification.register(
                subject_id=sid,
                scheme=self.schemes[scheme],
                session=self.session,
                purpose=Purpose.CERTIFICATION,
                subject_on_file=True,
                actor=Actor(str(sid), role),
                at=min(self.now, _at(date(2024, 11, 8))),
            )
        except RejectedError:
            self.refusals += 1
            return
        if cert.id in self.live:
            return  # the facade refuses this one as R3; the domain object is discarded
        self.live[cert.id] = cert
        services_of(self.lsp).store.save(cert)

    @precondition(lambda self: self.live)
    @rule(
        data=st.data(),
        picks=st.lists(st.integers(0, 99), min_size=1, max_size=8),
        role=st.sampled_from(ROLES),
    )
    def move(self, data: st.DataObject, picks: list[int], role: Role) -> None:
        """A few moves possible from the current stage, mostly forward, mostly by the right
        actor."""
        cert = self._pick(data)
        for pick in picks:
            triggers = CERTIFICATION_WORKFLOW.triggers_from(cert.stage)
            if not triggers:
                return
            trigger = _next(cert, pick) if pick % 8 else triggers[pick % len(triggers)]
            right = self._right_actor(trigger, cert)
            if trigger == "sign_agreement" and "candidate" in cert.state.agreement_signed_by:
                right = Actor(str(cert.state.assessor_id), Role.ASSESSOR)
            actor = right if pick % 10 else Actor("someone", role)
            self._call(cert, trigger, actor, pick)

    @precondition(lambda self: self.live)
    @rule(data=st.data(), pick=st.integers(0, 99), role=st.sampled_from(ROLES))
    def any_move(self, data: st.DataObject, pick: int, role: Role) -> None:
        """Any move at all, by anyone: almost always refused, never leaving a trace."""
        cert = self._pick(data)
        trigger = CERTIFICATION_WORKFLOW.moves[1 + pick % (len(CERTIFICATION_WORKFLOW.moves) - 1)]
        self._call(cert, trigger.trigger, Actor(f"x-{pick % 3}", role), pick)

    @rule(hours=st.sampled_from([1, 6, 24, 24 * 7, 24 * 40, 24 * 400]))
    def time_passes_and_the_sweep_runs(self, hours: int) -> None:
        self.now += timedelta(hours=hours)
        for cert in self.live.values():
            before = cert.version
            made = cert.sweep(actor=SYSTEM, at=self.now)
            assert cert.version == before + len(made)
            if made:
                services_of(self.lsp).store.save(cert)
            assert cert.sweep(actor=SYSTEM, at=self.now) == []  # idempotent

    # -- invariants -----------------------------------------------------------------------

    @invariant()
    def stages_are_ones_the_definition_allows(self) -> None:
        for cid in self.live:
            events = services_of(self.lsp).store.events(cid)
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
            replayed = services_of(self.lsp).store.load(WorkflowAggregate, cid)
            assert _state(replayed) == _state(live)
            view = CertificationView.of(replayed, today)
            assert view == CertificationView.of(live, today)
            assert {name: getattr(view, name) for name in STATE_FIELDS} == dict(live.state)
            assert CertificationView.model_validate(view.model_dump()) == view  # typed fields
            # every field holds its declared type (what a snapshot gives back)
            assert CertificationState.restore(live.state.model_dump()) == live.state

    @invariant()
    def read_models_agree_with_the_live_records(self) -> None:
        today = self.now.date()
        views = self.lsp.read_models
        views.catch_up()  # every view, as a runner would
        board = {s.id: s for s in views.certifications()}
        deadlines: dict[Any, set[tuple[Any, ...]]] = {}
        for entry in views._deadlines(DeadlineQuery()):
            deadlines.setdefault(entry.certification_id, set()).add(
                (entry.deadline, entry.rule_id, entry.due_on, entry.on_due)
            )
        register = {e.certificate_number: e for e in views.certificate_register(today=today)}
        overdue = {(i.certification_id, i.deadline) for i in views.overdue(today=today)}
        for cid, live in self.live.items():
            row = board[cid]
            assert (row.stage, row.version, row.certificate_number) == (
                live.stage,
                live.version,
                live.state.certificate_number,
            )
            states = live.deadlines(today)
            assert deadlines.get(cid, set()) == {
                (d.name, d.rule_id, d.due_on, d.on_due) for d in states
            }
            if live.state.certificate_number is not None:
                entry = register[live.state.certificate_number]
                assert (entry.valid_until, entry.copy_number) == (
                    live.state.valid_until,
                    live.state.certificate_copy,
                )
            if live.stage not in _ENDED:
                assert {(cid, d.name) for d in states if d.overdue} == {
                    o for o in overdue if o[0] == cid
                }


_ENDED = {Stage.REJECTED, Stage.WITHDRAWN, Stage.REVOKED, Stage.EXPIRED, Stage.SUPERSEDED}

CertificationLifecycle.TestCase.settings = settings(
    max_examples=60,
    stateful_step_count=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_random_command_sequences = CertificationLifecycle.TestCase
