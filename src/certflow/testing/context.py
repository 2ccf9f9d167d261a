"""The state a policy scenario works on: an in-memory LSP, a settable clock, and names for ids."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any
from uuid import UUID

import certflow
from certflow.application import CertificationBody, CertificationView
from certflow.domain import WIB, Role, Stage, Verdict
from certflow.engine import Actor, FixedClock, RejectedError

__all__ = ["MILESTONES", "PolicyContext"]

ADMIN = Actor("admin-lsp", Role.LSP_ADMIN)
MANAGER = Actor("manajer-sertifikasi", Role.CERTIFICATION_MANAGER)
COMMITTEE = Actor("komite-1", Role.CERTIFICATION_COMMITTEE)

MILESTONES = (
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
"""Where ``the certification of X has reached M`` can take a certification on the main path;
``not_yet_competent`` is also accepted (the first unit is judged BK)."""


class PolicyContext:
    """What the shipped steps share within one scenario.

    Everything goes through :class:`~certflow.CertificationBody` on a ``memory://`` store, so a
    scenario tests the same rules the library enforces. Names used in the feature file
    (schemes by code, sessions by code, assessors and candidates by name) map to ids here.
    """

    def __init__(self) -> None:
        self.clock = FixedClock(date(2024, 11, 1), tz=WIB)
        self.lsp: CertificationBody = certflow.open("memory://", clock=self.clock)
        self.schemes: dict[str, UUID] = {}
        self.sessions: dict[str, UUID] = {}
        self.scheme_sessions: dict[str, str] = {}
        self.assessors: dict[str, UUID] = {}
        self.assessor_schemes: dict[str, list[str]] = {}
        self.candidates: dict[str, UUID] = {}
        self.certifications: dict[str, UUID] = {}
        self.earlier: dict[str, list[UUID]] = {}
        """Earlier certifications of a candidate (before a recertification), oldest first."""
        self.error: RejectedError | None = None
        self.version_before: int | None = None
        self.last: UUID | None = None

    # -- names ---------------------------------------------------------------------------------

    def scheme(self, code: str) -> UUID:
        """The id of the scheme with this code."""
        return self._named(self.schemes, code, "scheme")

    def session(self, code: str) -> UUID:
        """The id of the session with this code."""
        return self._named(self.sessions, code, "session")

    def assessor(self, name: str) -> UUID:
        """The id of the assessor with this name."""
        return self._named(self.assessors, name, "assessor")

    def candidate(self, name: str) -> UUID:
        """The subject id of the candidate with this name."""
        return self._named(self.candidates, name, "candidate")

    def certification(self, name: str) -> UUID:
        """The id of the candidate's latest certification."""
        return self._named(self.certifications, name, "certification of")

    def view(self, name: str) -> CertificationView:
        """The candidate's latest certification as it stands."""
        return self.lsp.get(self.certification(name))

    @staticmethod
    def _named(table: dict[str, UUID], name: str, kind: str) -> UUID:
        try:
            return table[name]
        except KeyError:
            known = ", ".join(sorted(table)) or "none yet"
            raise AssertionError(f'no {kind} "{name}" in this scenario (known: {known})') from None

    def actor(self, name: str, role: str) -> Actor:
        """An actor by the name used in the scenario: an assessor's or candidate's id if known."""
        if name in self.assessors:
            return Actor(str(self.assessors[name]), role)
        if name in self.candidates:
            return Actor(str(self.candidates[name]), role)
        return Actor(name, role)

    def candidate_actor(self, name: str) -> Actor:
        """The candidate acting for themself."""
        return Actor(str(self.candidate(name)), Role.CANDIDATE)

    def assessor_actor(self, name: str) -> Actor:
        """The assessor acting as assessor."""
        return Actor(str(self.assessor(name)), Role.ASSESSOR)

    # -- time ----------------------------------------------------------------------------------

    def set_day(self, day: date, hour: int = 9) -> None:
        """Set the clock to ``hour`` o'clock WIB on ``day``."""
        self.clock.set(datetime.combine(day, time(hour), tzinfo=WIB))

    # -- commands ------------------------------------------------------------------------------

    def run(self, name: str | None, command: Callable[[], Any]) -> None:
        """Run one command, keeping a refusal for the Then steps instead of raising it."""
        self.error = None
        cert = self.certifications.get(name) if name else None
        self.last = cert
        self.version_before = self.lsp.get(cert).version if cert else None
        try:
            command()
        except RejectedError as error:
            self.error = error

    def add_assessor(self, name: str, schemes: Sequence[str], valid_until: date) -> None:
        """Register an assessor (MET number derived from the name)."""
        digest = int(hashlib.sha256(name.encode()).hexdigest()[:8], 16) % 1_000_000
        self.assessors[name] = self.lsp.add_assessor(
            met_number=f"MET.000.{digest:06d} 2020",
            name=name,
            scheme_codes=list(schemes),
            licence_valid_until=valid_until,
            actor=ADMIN,
        )
        self.assessor_schemes[name] = list(schemes)

    def add_candidate(self, name: str) -> UUID:
        """Put a candidate on file (fictitious personal data)."""
        if name not in self.candidates:
            self.candidates[name] = self.lsp.add_candidate(name=name)
        return self.candidates[name]

    def register(
        self,
        name: str,
        scheme: str,
        session: str,
        *,
        purpose: str = "sertifikasi",
        previous: UUID | None = None,
    ) -> None:
        """Register a candidate (put on file first) as the LSP admin."""
        subject = self.add_candidate(name)

        def command() -> None:
            new = self.lsp.register(
                subject_id=subject,
                scheme_id=self.scheme(scheme),
                session_id=self.session(session),
                purpose=purpose,
                previous_certification_id=previous,
                actor=ADMIN,
            )
            if name in self.certifications:
                self.earlier.setdefault(name, []).append(self.certifications[name])
            self.certifications[name] = new

        self.run(None, command)

    def default_assessor(self, name: str) -> str:
        """The first assessor registered for the scheme of ``name``'s certification."""
        code = self.view(name).scheme_code
        for assessor, schemes in self.assessor_schemes.items():
            if code in schemes:
                return assessor
        raise AssertionError(f'no assessor is registered for scheme "{code}"')

    def reach(self, name: str, milestone: str) -> None:
        """Take ``name``'s certification along the main path to ``milestone`` (see MILESTONES)."""
        failing = milestone == "not_yet_competent"
        target = "recommended" if failing else milestone
        if target not in MILESTONES:
            raise AssertionError(f"unknown milestone {milestone!r}; use one of {MILESTONES}")
        lsp, cert = self.lsp, self.certification(name)
        view = lsp.get(cert)
        session = lsp.get_session(view.session_id)
        today = self.clock.now().date()
        first, last = session.starts_on, session.ends_on
        if view.attempt > 1 or len(view.units_to_assess) < len(view.units):
            first = last = max(today, last)  # a re-assessment runs after the session
        today = min(today, first)
        assessor = self.default_assessor(name)
        asesor = self.assessor_actor(assessor)
        units = list(view.units_to_assess)
        results = dict.fromkeys(units, Verdict.COMPETENT)
        if failing:
            results[units[0]] = Verdict.NOT_YET_COMPETENT
        steps: list[tuple[str, date, Callable[[], Any]]] = [
            ("admitted", today, lambda: lsp.admit(cert, actor=ADMIN)),
            (
                "portfolio_submitted",
                today,
                lambda: lsp.submit_portfolio(
                    cert,
                    entries=[{"unit": u, "evidence": [f"bukti-{u}"]} for u in units],
                    actor=self.candidate_actor(name),
                ),
            ),
            (
                "assigned",
                max(first - timedelta(days=2), today),
                lambda: lsp.assign_assessor(
                    cert,
                    assessor_id=self.assessor(assessor),
                    declaration={"has_conflict": False},
                    actor=MANAGER,
                ),
            ),
            ("agreed", first, lambda: self._sign_both(cert, name, asesor)),
            (
                "verified",
                first,
                lambda: lsp.verify_portfolio(
                    cert,
                    checks=[
                        {
                            "unit": u,
                            "evidence": f"bukti-{u}",
                            "valid": True,
                            "authentic": True,
                            "current": True,
                            "sufficient": results[u] is Verdict.COMPETENT,
                        }
                        for u in units
                    ],
                    actor=asesor,
                ),
            ),
            ("interviewed", first, lambda: lsp.record_interview(cert, actor=asesor)),
            (
                "recommended",
                first,
                lambda: lsp.recommend(
                    cert,
                    results=results,
                    recommendation="BK" if failing else "K",
                    follow_up="perlu bukti tambahan" if failing else "",
                    actor=asesor,
                ),
            ),
            (
                "competent",
                last + timedelta(days=6),
                lambda: lsp.decide(cert, outcome="BK" if failing else "K", actor=COMMITTEE),
            ),
            (
                "certificate_printed",
                last + timedelta(days=17),
                lambda: lsp.print_certificate(cert, actor=MANAGER),
            ),
            (
                "distributed",
                last + timedelta(days=24),
                lambda: lsp.distribute_certificate(cert, actor=ADMIN),
            ),
        ]
        done = self._milestone_of(lsp.get(cert))
        end = MILESTONES.index("competent" if failing else target)
        for mark, day, step in steps[:end]:
            if MILESTONES.index(mark) <= done:
                continue
            self.set_day(day, 10)
            step()
        self.error = None

    def _sign_both(self, cert: UUID, name: str, asesor: Actor) -> None:
        for party in (self.candidate_actor(name), asesor):
            self.lsp.sign_agreement(
                cert,
                methods=["portfolio", "interview"],
                appeal_process_explained=True,
                actor=party,
            )

    @staticmethod
    def _milestone_of(view: CertificationView) -> int:
        stage = view.stage
        if stage is Stage.REGISTERED:
            return MILESTONES.index("admitted" if view.admitted else "registered")
        if stage is Stage.PORTFOLIO_SUBMITTED:
            if view.assessor_id is None:
                return MILESTONES.index("portfolio_submitted")
            if len(view.agreement_signed_by) < 2:
                return MILESTONES.index("assigned")
            return MILESTONES.index("verified" if view.portfolio_verified else "agreed")
        if stage is Stage.INTERVIEWED:
            return MILESTONES.index("recommended" if view.recommendation else "interviewed")
        order = {Stage.COMPETENT: "competent", Stage.CERTIFICATE_PRINTED: "certificate_printed"}
        return MILESTONES.index(order.get(stage, "distributed"))
