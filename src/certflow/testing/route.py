"""What the main-path driver needs to know about one certification, fixed before it starts.

The main path is fifteen commands (:data:`STEPS`): register, admit, submit the portfolio, assign
the assessor, the assessor's FR.APL.02 review (proceed) and the on-site mode, the candidate's and
the assessor's signatures on FR.AK.01, verify the portfolio, the interview, the recommendation,
the candidate's acknowledgement of it, the decision, printing and hand-over. A :class:`Route` says
who takes them, with which evidence and results, and a :class:`Timetable` when.

This module imports only :mod:`certflow.domain`, :mod:`certflow.engine` and
:mod:`certflow.application`: no pytest.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from types import MappingProxyType
from typing import Any
from uuid import UUID

from certflow.application import CertificationView
from certflow.domain import WIB, Channel, Recipient, Stage, Verdict, certification_id
from certflow.engine import Actor
from certflow.testing.actors import COMMITTEE

__all__ = [
    "CALENDAR",
    "MILESTONES",
    "NO_CONFLICT",
    "SESSION_DAYS",
    "STEPS",
    "UNITS",
    "Route",
    "Timetable",
    "steps_done",
    "steps_to",
    "wib",
]

STEPS = (
    "register",
    "admit",
    "submit_portfolio",
    "assign_assessor",
    "review_self_assessment",
    "record_assessment_mode",
    "candidate_signs",
    "assessor_signs",
    "verify_portfolio",
    "record_interview",
    "recommend",
    "acknowledge_result",
    "decide",
    "print_certificate",
    "distribute_certificate",
)
"""The commands of the main path, in order (the FR.AK.01 agreement takes two signatures)."""

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
"""Where the driver can take a certification on the main path; ``not_yet_competent`` is also
accepted (the decision, on a route with a unit judged BK)."""

_STEPS_TO = dict(zip(MILESTONES, (1, 2, 3, 6, 8, 9, 10, 12, 13, 14, 15), strict=True))
"""``assigned`` includes the review and the mode (R7, R23); ``recommended`` the candidate's
acknowledgement (R29)."""

UNITS = ("U.001", "U.002", "U.003")
"""The unit codes of the standard test scheme."""

SESSION_DAYS = (date(2024, 11, 6), date(2024, 11, 8))
"""First and last day of the standard test session."""

NO_CONFLICT: Mapping[str, Any] = MappingProxyType({"has_conflict": False})
"""The assessor's declaration when there is no conflict of interest (R11)."""


def wib(day: date, hour: int = 10, minute: int = 0) -> datetime:
    """``hour:minute`` WIB on ``day``."""
    return datetime.combine(day, time(hour, minute), tzinfo=WIB)


def steps_to(milestone: str) -> int:
    """How many commands of :data:`STEPS` take a new certification to ``milestone``.

    Raises:
        ValueError: ``milestone`` is not one of :data:`MILESTONES` (nor ``not_yet_competent``).
    """
    if milestone == "not_yet_competent":
        return _STEPS_TO["competent"]
    try:
        return _STEPS_TO[milestone]
    except KeyError:
        raise ValueError(f"unknown milestone {milestone!r}; use one of {MILESTONES}") from None


def steps_done(view: CertificationView) -> int:
    """How many commands of :data:`STEPS` the certification has behind it on the main path.

    A certification that left the main path (not yet competent, appealed, withdrawn...) counts
    as done: the driver has nothing more to do for it.
    """
    stage = view.stage
    if stage is Stage.REGISTERED:
        return 2 if view.admitted else 1
    if stage is Stage.PORTFOLIO_SUBMITTED:
        if view.assessor_id is None:
            return 3
        reviewed = view.apl02_proceed is True and view.apl02_reviewed_by == view.assessor_id
        prepared = int(reviewed) + int(view.assessment_mode is not None)
        return 4 + prepared + len(view.agreement_signed_by) + int(view.portfolio_verified)
    if stage is Stage.INTERVIEWED:
        if view.recommendation is None:
            return 10
        return 11 + int(view.result_acknowledged is not None)
    return {Stage.COMPETENT: 13, Stage.CERTIFICATE_PRINTED: 14}.get(stage, len(STEPS))


@dataclass(frozen=True)
class Timetable:
    """When each command of the main path is recorded (the clock is set to it first)."""

    register: datetime
    admit: datetime
    submit_portfolio: datetime
    assign_assessor: datetime
    candidate_signs: datetime
    assessor_signs: datetime
    verify_portfolio: datetime
    record_interview: datetime
    recommend: datetime
    decide: datetime
    print_certificate: datetime
    distribute_certificate: datetime
    review_self_assessment: datetime | None = None
    """The FR.APL.02 review (R7); ``None``: a minute after the assignment."""
    record_assessment_mode: datetime | None = None
    """The on-site mode (R23); ``None``: two minutes after the assignment."""
    acknowledge_result: datetime | None = None
    """The candidate's acknowledgement (R29); ``None``: a minute after the recommendation."""

    def at(self, step: str) -> datetime:
        """When ``step`` (one of :data:`STEPS`) is recorded."""
        given: datetime | None = getattr(self, step)
        if given is not None:
            return given
        minute = timedelta(minutes=1)
        after = {
            "review_self_assessment": (self.assign_assessor, minute),
            "record_assessment_mode": (self.assign_assessor, 2 * minute),
            "acknowledge_result": (self.recommend, minute),
        }
        base, offset = after[step]
        return base + offset

    @classmethod
    def around(cls, first: date, last: date, today: date, hour: int = 10) -> Timetable:
        """A timetable dated by a session's calendar, every step at ``hour`` WIB.

        Registration, admission and the portfolio happen ``today``, or on the session's first
        day if that comes earlier; the assessor is assigned two days before the session (not
        before those); the agreement, verification, interview and recommendation take place on
        the first day; the decision comes 6 days, printing 17 and hand-over 24 days after the
        last day.
        """
        today = min(today, first)
        on_first = wib(first, hour)
        return cls(
            register=wib(today, hour),
            admit=wib(today, hour),
            submit_portfolio=wib(today, hour),
            assign_assessor=wib(max(first - timedelta(days=2), today), hour),
            candidate_signs=on_first,
            assessor_signs=on_first,
            verify_portfolio=on_first,
            record_interview=on_first,
            recommend=on_first,
            decide=wib(last + timedelta(days=6), hour),
            print_certificate=wib(last + timedelta(days=17), hour),
            distribute_certificate=wib(last + timedelta(days=24), hour),
        )


CALENDAR = Timetable(
    register=wib(date(2024, 10, 21)),
    admit=wib(date(2024, 10, 22)),
    submit_portfolio=wib(date(2024, 10, 28)),
    assign_assessor=wib(date(2024, 11, 4)),
    candidate_signs=wib(date(2024, 11, 7), 8),
    assessor_signs=wib(date(2024, 11, 7), 8),
    verify_portfolio=wib(date(2024, 11, 7), 9),
    record_interview=wib(date(2024, 11, 7), 10),
    recommend=wib(date(2024, 11, 7), 11),
    decide=wib(date(2024, 11, 14)),
    print_certificate=wib(date(2024, 11, 25)),
    distribute_certificate=wib(date(2024, 12, 2)),
)
"""The standard calendar of the standard session (6-8 November 2024): registered 21 October,
assessed on 7 November, decided 14 November, printed 25 November, handed over 2 December."""


@dataclass(frozen=True)
class Route:
    """One certification's way along the main path: who, what, with which results, and when.

    Units judged BK in ``results`` are also found insufficient at verification, and the path of
    a certification decided not yet competent ends at the decision (:attr:`length`).
    """

    subject_id: UUID
    scheme_id: UUID
    session_id: UUID
    assessor_id: UUID
    units: tuple[str, ...] = UNITS
    """The units to assess, in the order the portfolio lists them."""
    times: Timetable = CALENDAR
    results: Mapping[str, Verdict] = field(default_factory=dict)
    """The assessor's verdict per unit; a unit not named is judged competent."""
    evidence: Mapping[str, str] | None = None
    """The evidence reference per unit; ``doc-<unit>`` when not given."""
    claim: Verdict | None = None
    """The candidate's own claim on every portfolio entry (FR.APL.02), when stated."""
    declaration: Mapping[str, Any] | None = field(default_factory=lambda: dict(NO_CONFLICT))
    """The assessor's conflict-of-interest declaration (R11): none by default."""
    committee: Actor = COMMITTEE
    follow_up: str = "more evidence needed"
    """The assessor's follow-up when the recommendation is not yet competent."""
    recipient: Recipient | None = None
    channel: Channel | None = None
    receipt: str | None = None

    @property
    def certification_id(self) -> UUID:
        """The id the registration gives the certification (deterministic)."""
        return certification_id(self.subject_id, self.scheme_id, self.session_id)

    @property
    def verdicts(self) -> dict[str, Verdict]:
        """The verdict on every unit to assess."""
        return {u: self.results.get(u, Verdict.COMPETENT) for u in self.units}

    @property
    def outcome(self) -> Verdict:
        """Competent when every unit is; otherwise not yet competent."""
        competent = all(v is Verdict.COMPETENT for v in self.verdicts.values())
        return Verdict.COMPETENT if competent else Verdict.NOT_YET_COMPETENT

    @property
    def references(self) -> dict[str, str]:
        """The evidence reference of every unit to assess."""
        given = self.evidence or {}
        return {u: given.get(u, f"doc-{u}") for u in self.units}

    @property
    def length(self) -> int:
        """How many commands this route has: all fifteen, or thirteen when the decision is BK."""
        return len(STEPS) if self.outcome is Verdict.COMPETENT else STEPS.index("decide") + 1
