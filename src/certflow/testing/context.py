"""The state a policy scenario works on: an in-memory LSP, a settable clock, and names for ids."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any
from uuid import UUID

import certflow
from certflow.application import CertificationBody, CertificationView
from certflow.bootstrap import services_of
from certflow.domain import WIB, Role, Verdict, is_canonical_person_id
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
        self.people: dict[str, str] = {}
        """Staff named in the scenario (not assessors or candidates), by name: person ids."""
        self.appointments: dict[tuple[str, Role], list[str]] = {}
        """Appointment ids made in the scenario, by person id and role, oldest first."""
        self.complaints: dict[str, UUID] = {}
        """Complaints filed in the scenario, by their label."""
        self.error: RejectedError | None = None
        self.version_before: int | None = None
        self.recorded_before: int | None = None
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

    def person_id(self, name: str) -> str:
        """The id a person named in the scenario acts under, in the spelling the name asks for.

        An assessor's register id, a candidate's subject id, a staff member's person id (see
        :meth:`staff_id`), or else the name itself (e.g. ``komite-teknis-01``, or a made-up
        id the register must refuse). A name may end with a spelling of that id, for attacks
        on identities: ``(nomor MET)``/``(MET number)``, ``(huruf besar)``/``(upper case)``,
        ``(spasi lebar nol)``/``(zero-width space)``.
        """
        base, _, spelling = name.partition(" (")
        spelling = spelling.removesuffix(")").strip().lower()
        base = base.strip()
        if base in self.assessors:
            found = str(self.assessors[base])
        elif base in self.candidates:
            found = str(self.candidates[base])
        else:
            found = self.people.get(base, base)
        if not spelling:
            return found
        if spelling in ("nomor met", "met number"):
            return self.lsp.get_assessor(self.assessor(base)).met_number
        if spelling in ("huruf besar", "upper case"):
            return found.upper()
        if spelling in ("spasi lebar nol", "zero-width space"):
            return found + "\u200b"
        raise AssertionError(f"unknown spelling {spelling!r} of {base!r}")

    def staff_id(self, name: str) -> str:
        """The person id of someone to appoint or check in the register.

        An assessor's or candidate's id, a name used before, a canonical id as it is, or else
        the name in lower case with spaces as ``-`` (``"Dewi Lestari"`` → ``dewi-lestari``).
        """
        if name in self.assessors or name in self.candidates or name in self.people:
            return self.person_id(name)
        if is_canonical_person_id(name):
            return name
        self.people[name] = "-".join(name.lower().split())
        return self.people[name]

    def actor(self, name: str, role: Role | str) -> Actor:
        """The actor ``name`` (see :meth:`person_id`) acting in ``role``."""
        return Actor(self.person_id(name), role)

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
        self.recorded_before = self.recorded()
        try:
            command()
        except RejectedError as error:
            self.error = error

    def recorded(self) -> int:
        """How many events the store holds (any record: certifications, register, people)."""
        return services_of(self.lsp).store.recorder.max_notification_id() or 0

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
