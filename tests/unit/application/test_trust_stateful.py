"""Random people with random appointments issue random commands through the public facade.

Whatever they try, no recorded history may hold an act by a person without a valid appointment
(or licence, or own case) on its date, nor an act by a person involved in the case. The check
here is independent of the trust gate: it reads only the recorded histories and the register's
records, and the audit's impartiality section must agree that nothing was let through.
"""

from __future__ import annotations

import contextlib
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID

import hypothesis.strategies as st
from hypothesis import HealthCheck, settings
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

import certflow
from certflow import WIB, Actor, CertflowError, FixedClock, Role, Verdict
from certflow.application import HistoryEntry
from certflow.testing import actors
from tests.support import UNITS, build_world

_ASSESSING = {
    "sign_agreement",
    "verify_portfolio",
    "record_no_show",
    "record_interview",
    "request_further_evidence",
    "record_further_evidence",
    "recommend",
}
_DECIDING = {"decide", "refer_back", "suspend", "lift_suspension", "revoke"}
_APPEAL = {"form_appeal_panel", "uphold_appeal", "reject_appeal"}
_CERTIFICATE = {"print_certificate", "distribute_certificate", "reissue_certificate"}
_IMPARTIAL = _ASSESSING | _DECIDING | _APPEAL | _CERTIFICATE

_NEWCOMERS = ("orang-a", "orang-b", "orang-c")
_STAFF = (
    actors.ADMIN,
    actors.MANAGER,
    *actors.COMMITTEE_MEMBERS[:2],
    *actors.APPEAL_POOL[:2],
)
_ROLES = (
    Role.LSP_ADMIN,
    Role.CERTIFICATION_MANAGER,
    Role.CERTIFICATION_COMMITTEE,
    Role.APPEAL_PANEL,
)
_TRIGGERS = (
    "admit",
    "submit_portfolio",
    "assign_assessor",
    "sign_agreement",
    "verify_portfolio",
    "record_interview",
    "recommend",
    "decide",
    "lodge_appeal",
    "form_appeal_panel",
    "uphold_appeal",
    "reject_appeal",
    "print_certificate",
    "distribute_certificate",
    "record_no_show",
    "withdraw",
    "revoke",
)
_COMMITTEE = actors.COMMITTEE_MEMBERS[0].id
_USUAL = {
    "admit": (Role.LSP_ADMIN, actors.ADMIN.id),
    "distribute_certificate": (Role.LSP_ADMIN, actors.ADMIN.id),
    "assign_assessor": (Role.CERTIFICATION_MANAGER, actors.MANAGER.id),
    "form_appeal_panel": (Role.CERTIFICATION_MANAGER, actors.MANAGER.id),
    "print_certificate": (Role.CERTIFICATION_MANAGER, actors.MANAGER.id),
    "uphold_appeal": (Role.APPEAL_PANEL, actors.APPEAL_POOL[0].id),
    "reject_appeal": (Role.APPEAL_PANEL, actors.APPEAL_POOL[0].id),
}
_RELATIONS = ("relative", "trainer", "supervisor", "colleague", "other")


class RandomPeople(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.clock = FixedClock(date(2024, 10, 14), tz=WIB)
        self.lsp = certflow.open("memory://", clock=self.clock)
        self.world = build_world(self.lsp, candidates=4)
        self.certs: list[UUID] = [  # the standard staff took three cases some way already
            self.world.through("agreed", 0),
            self.world.through("interviewed", 1),
            self.world.through("recommended", 2),
        ]
        self.clock.set(datetime(2024, 11, 7, 12, tzinfo=WIB))  # the session's second day
        self.schemes = {
            self.world.scheme: self.lsp.get_scheme(self.world.scheme).code,
            self.world.other_scheme: self.lsp.get_scheme(self.world.other_scheme).code,
        }
        self.assessors = [
            self.world.assessor,
            self.world.second_assessor,
            self.world.expired_assessor,
        ]
        self.people = [
            *_NEWCOMERS,
            *(a.id for a in _STAFF),
            *(str(a) for a in self.assessors),
            *(str(c) for c in self.world.candidates),
        ]

    # -- helpers -------------------------------------------------------------------------

    def _tick(self) -> None:
        """Every step happens a minute after the last: business times order the acts."""
        self.clock.set(self.clock.now() + timedelta(minutes=1))

    def _try(self, command: Any) -> None:
        self._tick()
        with contextlib.suppress(CertflowError):
            command()

    def _actor(self, trigger: str, cert: UUID, who: int, role_pick: int) -> Actor:
        """Mostly the person who usually holds the role; now and then anyone, in any role."""
        view = self.lsp.get(cert)
        anyone = self.people[who % len(self.people)]
        if role_pick % 5 == 0:
            return Actor(anyone, list(Role)[role_pick % len(Role)])
        usual = who % 10 < 6
        if trigger in {"submit_portfolio", "lodge_appeal", "withdraw"} or (
            trigger == "sign_agreement" and "candidate" not in view.agreement_signed_by
        ):
            return Actor(str(view.subject_id) if usual else anyone, Role.CANDIDATE)
        if trigger in _ASSESSING:
            chosen = view.assessor_id if usual and view.assessor_id else anyone
            return Actor(str(chosen), Role.ASSESSOR)
        role, holder = _USUAL.get(trigger, (Role.CERTIFICATION_COMMITTEE, _COMMITTEE))
        if trigger in {"uphold_appeal", "reject_appeal"} and view.appeal_panel:
            holder = view.appeal_panel[who % len(view.appeal_panel)]
        if usual:
            return Actor(holder, role)
        newcomer = who % 10 < 8
        return Actor(_NEWCOMERS[who % len(_NEWCOMERS)] if newcomer else anyone, role)

    def _forward(self, cert: UUID, pick: int) -> str:
        """The move that takes ``cert`` on, as a clerk would try next."""
        view = self.lsp.get(cert)
        stage = view.stage.value
        if stage == "registered":
            return "submit_portfolio" if view.admitted else "admit"
        if stage == "portfolio_submitted":
            if view.assessor_id is None:
                return "assign_assessor"
            if len(view.agreement_signed_by) < 2:
                return "sign_agreement"
            return "record_interview" if view.portfolio_verified else "verify_portfolio"
        if stage == "interviewed":
            return "decide" if view.recommendation else "recommend"
        options = {
            "competent": ["print_certificate"],
            "certificate_printed": ["distribute_certificate"],
            "not_yet_competent": ["lodge_appeal"],
            "under_appeal": ["uphold_appeal", "reject_appeal"]
            if view.appeal_panel
            else ["form_appeal_panel"],
            "distributed": ["revoke"],
        }.get(stage, ["withdraw"])
        return options[pick % len(options)]

    # -- the register ----------------------------------------------------------------------

    @rule(
        who=st.integers(0, 20),
        role=st.sampled_from(_ROLES),
        scope=st.integers(0, 2),
        starts_in=st.sampled_from([0, 0, 2]),
        lasts=st.sampled_from([None, None, 3, 30]),
    )
    def appoint(self, who: int, role: Role, scope: int, starts_in: int, lasts: int | None) -> None:
        person = [*_NEWCOMERS, *(a.id for a in _STAFF)][who % (len(_NEWCOMERS) + len(_STAFF))]
        today = self.clock.now().date()
        codes = [(), [self.schemes[self.world.scheme]], [self.schemes[self.world.other_scheme]]]
        self._try(
            lambda: self.lsp.appoint(
                person,
                role=role,
                basis="SK acak",
                scheme_codes=codes[scope],
                valid_from=today + timedelta(starts_in),
                valid_until=None if lasts is None else today + timedelta(lasts),
                actor=actors.HEAD,
            )
        )

    @rule(who=st.integers(0, 20), which=st.integers(0, 5), days=st.sampled_from([1, 3]))
    def end_an_appointment(self, who: int, which: int, days: int) -> None:
        person = [*_NEWCOMERS, *(a.id for a in _STAFF)][who % (len(_NEWCOMERS) + len(_STAFF))]
        try:
            held = [a for a in self.lsp.get_person(person).appointments if a.ended_on is None]
        except CertflowError:
            return
        if not held:
            return
        chosen = held[which % len(held)]
        self._try(
            lambda: self.lsp.end_appointment(
                person,
                appointment_id=chosen.appointment_id,
                reason="diganti",
                ended_on=self.clock.now().date() + timedelta(days),  # never the day it is ended
                actor=actors.HEAD,
            )
        )

    @rule(
        who=st.integers(0, 30),
        relation=st.sampled_from(_RELATIONS),
        candidate=st.integers(0, 4),
        since=st.sampled_from([-400, -1, 0, 5]),
    )
    def declare(self, who: int, relation: str, candidate: int, since: int) -> None:
        usual = [_COMMITTEE, actors.MANAGER.id, actors.APPEAL_POOL[0].id, *self.people[9:11]]
        others = self.people[: len(self.people) - len(self.world.candidates)]
        person = usual[who % len(usual)] if who < 20 else others[who % len(others)]
        subject = self.world.candidates[candidate] if candidate < 4 else None
        self._try(
            lambda: self.lsp.declare_interest(
                person,
                relation=relation if subject else "employer",
                subject_id=subject,
                organisation="" if subject else "Polda Test",
                since=self.clock.now().date() + timedelta(since),
                actor=actors.HEAD,
            )
        )

    # -- the certifications ------------------------------------------------------------------

    @rule(candidate=st.integers(0, 3), scheme=st.integers(0, 1), who=st.integers(0, 40))
    def register(self, candidate: int, scheme: int, who: int) -> None:
        subject = self.world.candidates[candidate]
        scheme_id = [self.world.scheme, self.world.other_scheme][scheme]
        person = self.people[who % len(self.people)]
        actor = actors.ADMIN if who % 3 == 0 else Actor(person, Role.LSP_ADMIN)

        def register() -> None:
            made = self.lsp.register(
                subject_id=subject, scheme_id=scheme_id, session_id=self.world.session, actor=actor
            )
            self.certs.append(made)

        self._try(register)

    @precondition(lambda self: self.certs)
    @rule(
        pick=st.integers(0, 99),
        steps=st.lists(
            st.tuples(st.sampled_from(_TRIGGERS), st.integers(0, 40), st.integers(0, 11)),
            min_size=1,
            max_size=8,
        ),
    )
    def act(self, pick: int, steps: list[tuple[str, int, int]]) -> None:
        """A few commands on one certification: mostly the next one, now and then any."""
        cert = self.certs[pick % len(self.certs)]
        for n, (trigger, who, role_pick) in enumerate(steps):
            chosen = trigger if role_pick % 4 == 0 else self._forward(cert, pick + n)
            self._act(cert, chosen, who, role_pick, pick + n)

    def _act(self, cert: UUID, trigger: str, who: int, role_pick: int, pick: int) -> None:
        actor = self._actor(trigger, cert, who, role_pick)
        view = self.lsp.get(cert)
        lsp = self.lsp
        units = view.units_to_assess or UNITS
        commands: dict[str, Any] = {
            "admit": lambda: lsp.admit(cert, actor=actor),
            "submit_portfolio": lambda: lsp.submit_portfolio(
                cert, entries=[{"unit": u, "evidence": ["doc"]} for u in UNITS], actor=actor
            ),
            "assign_assessor": lambda: lsp.assign_assessor(
                cert,
                assessor_id=self.assessors[pick % 3],
                declaration={"has_conflict": False},
                actor=actor,
            ),
            "sign_agreement": lambda: lsp.sign_agreement(
                cert,
                methods=("portfolio", "interview"),
                appeal_process_explained=True,
                actor=actor,
            ),
            "verify_portfolio": lambda: lsp.verify_portfolio(
                cert,
                checks=[
                    {
                        "unit": u,
                        "evidence": "doc",
                        "valid": True,
                        "authentic": True,
                        "current": True,
                        "sufficient": True,
                    }
                    for u in units
                ],
                actor=actor,
            ),
            "record_interview": lambda: lsp.record_interview(cert, actor=actor),
            "recommend": lambda: lsp.recommend(
                cert,
                results={u: "BK" if pick % 3 == 0 and u == units[0] else "K" for u in units},
                recommendation=Verdict.NOT_YET_COMPETENT if pick % 3 == 0 else Verdict.COMPETENT,
                follow_up="lagi" if pick % 3 == 0 else "",
                actor=actor,
            ),
            "decide": lambda: lsp.decide(
                cert, outcome=view.recommendation or Verdict.COMPETENT, actor=actor
            ),
            "lodge_appeal": lambda: lsp.lodge_appeal(cert, reason="tidak adil", actor=actor),
            "form_appeal_panel": lambda: lsp.form_appeal_panel(
                cert,
                members=[self.people[(who + k) % len(self.people)] for k in range(1 + pick % 2)]
                if role_pick % 2
                else [a.id for a in actors.APPEAL_POOL[: 1 + pick % 2]],
                actor=actor,
            ),
            "uphold_appeal": lambda: lsp.uphold_appeal(
                cert, remedy="revised_decision", reason="ok", actor=actor
            ),
            "reject_appeal": lambda: lsp.reject_appeal(cert, reason="tidak", actor=actor),
            "print_certificate": lambda: lsp.print_certificate(cert, actor=actor),
            "distribute_certificate": lambda: lsp.distribute_certificate(cert, actor=actor),
            "record_no_show": lambda: lsp.record_no_show(cert, actor=actor),
            "withdraw": lambda: lsp.withdraw(cert, reason="pindah", actor=actor),
            "revoke": lambda: lsp.revoke(cert, grounds="ethics_breach", actor=actor),
        }
        self._try(commands[trigger])

    @rule(hours=st.sampled_from([2, 6, 24, 24 * 9]))
    def time_passes_and_the_sweep_runs(self, hours: int) -> None:
        self.clock.set(self.clock.now() + timedelta(hours=hours))
        self.lsp.sweep()

    # -- the invariant -------------------------------------------------------------------------

    @invariant()
    def every_recorded_act_was_by_an_appointed_uninvolved_person(self) -> None:
        for cert in self.certs:
            self._check(cert, self.lsp.history(cert))

    @invariant()
    def the_audit_agrees(self) -> None:
        section = self.lsp.audit().impartiality
        assert section.status == "checked"
        assert section.findings == [], section.findings

    def _check(self, cert: UUID, history: tuple[HistoryEntry, ...]) -> None:
        registered = history[0].data
        subject, scheme = registered["subject_id"], registered["scheme_code"]
        assessors: set[str] = set()
        deciders: set[str] = set()
        for entry in history:
            person, role, day = entry.actor_id, entry.actor_role, entry.at.date()
            where = f"{cert} v{entry.version} {entry.trigger} by {person} as {role}"
            if role == Role.CANDIDATE.value:
                assert person == subject, where
                assert entry.actor_mandate == "own-case", where
            elif role == Role.SYSTEM.value:
                assert person == "certflow-sweep", where
            elif role == Role.ASSESSOR.value:
                self._licensed(person, scheme, day, entry.actor_mandate, where)
            else:
                self._appointed(person, role, scheme, entry.at, entry.actor_mandate, where)
            named: list[tuple[str, str]] = []
            if entry.trigger in _IMPARTIAL and role not in ("candidate", "system"):
                named.append((person, entry.trigger))
            if entry.event == "AssessorAssigned":
                named.append((entry.data["assessor_id"], "verify_portfolio"))
            if entry.event == "AppealPanelFormed":
                for member in entry.data["members"]:
                    self._appointed(member, "appeal_panel", scheme, entry.at, None, where)
                    named.append((member, "form_appeal_panel"))
            for who, act in named:
                assert who != subject, f"{where}: {who} is the candidate"
                if act in _ASSESSING:
                    assert who not in deciders, f"{where}: {who} decided this case"
                else:
                    assert who not in assessors, f"{where}: {who} assessed this case"
                if act in _APPEAL:
                    assert who not in deciders, f"{where}: {who} decided this case"
                self._undeclared(who, subject, entry.at, where)
            if entry.event == "AssessorAssigned":
                assessors.add(entry.data["assessor_id"])
            if entry.event == "Decided":
                deciders.add(person)

    def _licensed(self, person: str, scheme: str, day: date, mandate: Any, where: str) -> None:
        licence = self.lsp.get_assessor(UUID(person))
        assert mandate == f"licence:{licence.met_number}", where
        assert day <= licence.licence_valid_until, f"{where}: licence ended"
        assert scheme in licence.scheme_codes, f"{where}: not licensed for {scheme}"

    def _appointed(
        self, person: str, role: str, scheme: str, at: datetime, mandate: Any, where: str
    ) -> None:
        day = at.date()
        held = [
            a
            for a in self.lsp.get_person(person).appointments
            if a.role.value == role
            and (mandate is None or a.appointment_id == mandate)
            and a.appointed_at <= at
            and a.valid_from <= day
            and (a.valid_until is None or day <= a.valid_until)
            and (a.ended_on is None or day < a.ended_on)
            and (not a.scheme_codes or scheme in a.scheme_codes)
        ]
        assert held, f"{where}: no appointment as {role} for {scheme} on {day}"

    def _undeclared(self, person: str, subject: str, at: datetime, where: str) -> None:
        try:
            declared = self.lsp.get_person(person).declarations
        except CertflowError:
            return
        for d in declared:
            about = str(d.subject_id) == subject if d.subject_id else d.organisation == "Polda Test"
            if about and d.declared_at <= at and d.since <= at.date():
                raise AssertionError(f"{where}: {person} declared {d.declaration_id} before")


RandomPeople.TestCase.settings = settings(
    max_examples=40,
    stateful_step_count=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_random_people_never_act_without_a_mandate_or_on_their_own_cases = RandomPeople.TestCase
