"""The state a policy scenario works on: an in-memory LSP, a settable clock, and names for ids."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any
from uuid import UUID

import certflow
from certflow.application import CertificationBody, CertificationView
from certflow.domain import WIB, Verdict
from certflow.engine import Actor, FixedClock, RejectedError
from certflow.testing import actors
from certflow.testing.driver import MainPath
from certflow.testing.route import MILESTONES, wib

__all__ = ["MILESTONES", "PolicyContext"]


class PolicyContext:
    """What the shipped steps share within one scenario.

    Everything goes through :class:`~certflow.CertificationBody` on a ``memory://`` store, so a
    scenario tests the same rules the library enforces. Names used in the feature file
    (schemes by code, sessions by code, assessors and candidates by name) map to ids here.
    """

    def __init__(self) -> None:
        self.clock = FixedClock(date(2024, 11, 1), tz=WIB)
        self.lsp: CertificationBody = certflow.open("memory://", clock=self.clock)
        self.path = MainPath(self.lsp, self.clock)
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
        return actors.candidate(self.candidate(name))

    def assessor_actor(self, name: str) -> Actor:
        """The assessor acting as assessor."""
        return actors.assessor(self.assessor(name))

    # -- time ----------------------------------------------------------------------------------

    def set_day(self, day: date, hour: int = 9) -> None:
        """Set the clock to ``hour`` o'clock WIB on ``day``."""
        self.clock.set(wib(day, hour))

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
        self.assessors[name] = self.path.add_assessor(name, list(schemes), valid_until=valid_until)
        self.assessor_schemes[name] = list(schemes)

    def add_candidate(self, name: str) -> UUID:
        """Put a candidate on file (fictitious personal data)."""
        if name not in self.candidates:
            self.candidates[name] = self.path.add_candidate(name)
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
            new = self.path.register(
                subject,
                self.scheme(scheme),
                self.session(session),
                purpose=purpose,
                previous=previous,
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
        """Take ``name``'s certification along the main path to ``milestone`` (see MILESTONES).

        ``not_yet_competent`` judges the first unit to assess BK. The steps are dated by the
        session's calendar (:meth:`MainPath.route_of`) and recorded by the scheme's first
        assessor.
        """
        if milestone != "not_yet_competent" and milestone not in MILESTONES:
            raise AssertionError(f"unknown milestone {milestone!r}; use one of {MILESTONES}")
        cert = self.certification(name)
        units = self.view(name).units_to_assess
        failing = {units[0]: Verdict.NOT_YET_COMPETENT} if milestone == "not_yet_competent" else {}
        route = self.path.route_of(
            cert,
            assessor_id=self.assessor(self.default_assessor(name)),
            results=failing,
            evidence={u: f"bukti-{u}" for u in units},
            follow_up="perlu bukti tambahan",
        )
        self.path.reach(route, milestone)
        self.error = None
