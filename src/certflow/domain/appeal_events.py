"""The events of an appeal against a certification decision (R49-R52) and of re-assessment.

Split from :mod:`certflow.domain.certification_events`, which re-exports them; each is nested
into :class:`~certflow.domain.Certification` and stored under its explicit ``TOPIC``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from certflow.domain.certification_state import CertificationEvent, CertificationState
from certflow.domain.values import (
    AppealRemedy,
    SelfAssessment,
    Verdict,
)

__all__ = [
    "AppealLodged",
    "AppealPanelFormed",
    "AppealRejected",
    "AppealUpheld",
    "AppealWindowClosed",
    "ReassessmentRequested",
    "competent_since",
    "self_assessments",
]


def self_assessments(entries: list[dict[str, Any]]) -> tuple[SelfAssessment, ...]:
    """Stored FR.APL.02 entries as typed values."""
    return tuple(
        SelfAssessment(unit=e["unit"], claim=e["claim"], evidence=tuple(e["evidence"]))
        for e in entries
    )


def competent_since(state: CertificationState, units: list[str], day: date) -> dict[str, date]:
    """``k_since`` with ``day`` for each of ``units`` not already competent since earlier."""
    return {**state.k_since, **{u: day for u in units if u not in state.k_since}}


class AppealLodged(CertificationEvent):
    """The candidate appealed the BK decision (FR.AK.04, R49) and it was acknowledged (R50)."""

    TOPIC = "certflow/Certification.AppealLodged"
    reason: str
    lodged_on: date
    decision_due_on: date

    def evolve(self, state: CertificationState) -> CertificationState:
        """Keep the appeal and its decision due date."""
        return state.evolve(
            appeal_reason=self.reason,
            appeal_lodged_on=self.lodged_on,
            appeal_decision_due_on=self.decision_due_on,
            appeal_panel=(),
        )


class AppealPanelFormed(CertificationEvent):
    """A certification manager formed the appeal panel, naming its members (R51)."""

    TOPIC = "certflow/Certification.AppealPanelFormed"
    members: list[str]
    """The members' canonical person ids, each appointed and impartial when formed."""

    def evolve(self, state: CertificationState) -> CertificationState:
        """Keep the panel; only its members may decide the appeal."""
        return state.evolve(appeal_panel=tuple(self.members))


class AppealUpheld(CertificationEvent):
    """An independent appeal panel upheld the appeal (R51, R52)."""

    TOPIC = "certflow/Certification.AppealUpheld"
    panel: list[str]
    remedy: AppealRemedy
    reason: str
    decided_on: date
    units_to_assess: list[str]

    def evolve(self, state: CertificationState) -> CertificationState:
        """Revise the decision, or start a re-assessment by a different assessor."""
        if self.remedy is AppealRemedy.REVISED_DECISION:
            return state.evolve(
                appeal_decision_due_on=None,
                outcome=Verdict.COMPETENT,
                decided_on=self.decided_on,
                justification=self.reason,
                appeal_window_ends_on=None,
                unit_results={
                    **state.unit_results,
                    **dict.fromkeys(state.unit_codes, Verdict.COMPETENT),
                },
                k_since=competent_since(state, list(state.unit_codes), self.decided_on),
            )
        excluded = state.excluded_assessors
        excluded = (*excluded, *(a for a in state.assessor_ids if a not in excluded))
        return state.evolve(excluded_assessors=excluded).new_round(self.units_to_assess)


class AppealRejected(CertificationEvent):
    """The appeal panel rejected the appeal; the BK decision stands (R52)."""

    TOPIC = "certflow/Certification.AppealRejected"
    panel: list[str]
    reason: str
    decided_on: date

    def evolve(self, state: CertificationState) -> CertificationState:
        """The window does not reopen."""
        return state.evolve(appeal_decision_due_on=None, appeal_window_closed=True)


class AppealWindowClosed(CertificationEvent):
    """Time closed the appeal window (R49)."""

    TOPIC = "certflow/Certification.AppealWindowClosed"

    def evolve(self, state: CertificationState) -> CertificationState:
        """Close it."""
        return state.evolve(appeal_window_closed=True)


class ReassessmentRequested(CertificationEvent):
    """A re-assessment (asesmen ulang) was requested with a new portfolio (R54)."""

    TOPIC = "certflow/Certification.ReassessmentRequested"
    entries: list[dict[str, Any]]
    units_to_assess: list[str]
    attempt: int

    def evolve(self, state: CertificationState) -> CertificationState:
        """Start the next attempt on the units to assess; K units outside them carry over."""
        entries = {e.unit: e for e in state.self_assessment}
        entries.update({e.unit: e for e in self_assessments(self.entries)})
        return state.evolve(
            attempt=self.attempt,
            k_since={u: d for u, d in state.k_since.items() if u not in self.units_to_assess},
            self_assessment=tuple(entries[u] for u in state.unit_codes if u in entries),
        ).new_round(self.units_to_assess)
